//! Keeping the index in line with the table's changes. Each message has a document row that
//! holds the terms last written for it and the stream position they came from: a change
//! applies only when it is newer than that position, and postings are written as the
//! difference from the document's terms, so a replayed or late record never undoes a newer
//! one and applying the same record twice writes the same rows.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use ::search::Analyzer;
use aws_sdk_dynamodb::types::{AttributeValue, DeleteRequest, PutRequest, WriteRequest};
use domain::message::Message;
use domain::{MessageId, Parent};

use super::{ItemChange, SearchIndex, terms};
use crate::error::unless_condition_failed;
use crate::items::{Item, get_s, key, s};
use crate::keys::{self, PK, SK};
use crate::{StoreError, items};

/// The message row's SK, kept on every posting: what to read to show or check a hit.
pub(crate) const AT: &str = "at";
const TERMS: &str = "terms";
const SEQUENCE: &str = "seq";
/// The sequence number's length: stream sequence numbers are decimal strings of varying
/// length, compared as numbers.
const SEQUENCE_LEN: &str = "seqLen";
/// What a backfill writes as its position: older than any stream record.
pub(crate) const BACKFILL_SEQUENCE: &str = "0";
/// A deleted message's document outlives the stream's 24 hours of records, so none of its
/// older records can bring its terms back; then it expires.
const TOMBSTONE_SECONDS: i64 = 2 * 86_400;

/// Where a message row lives and what it says now.
struct Target {
    parent: Parent,
    id: MessageId,
    at: String,
}

impl SearchIndex<'_> {
    /// Brings the index in line with one change. Idempotent, and an older change never undoes
    /// a newer one. Changes to rows that are not messages are ignored.
    pub async fn apply(self, analyzer: &Analyzer, change: &ItemChange) -> Result<(), StoreError> {
        let Some(target) = target_of(&change.keys) else {
            return Ok(());
        };
        let new_terms = terms_of(analyzer, change.new.as_ref())?;
        // Reactions, reply counts and read points change the row but not what it is found by.
        if change.old.is_some() && terms_of(analyzer, change.old.as_ref())? == new_terms {
            return Ok(());
        }
        let document = self.document(&target).await?;
        if let Some(doc) = &document
            && compare(&doc.sequence, &change.sequence) != Ordering::Less
        {
            return Ok(());
        }
        let written = document.map(|d| d.terms).unwrap_or_default();
        self.write_postings(&target, &written, &new_terms).await?;
        if !self
            .put_document(&target, &new_terms, &change.sequence, WriteWhen::Newer)
            .await?
        {
            // A newer change got there first (a backfill racing the stream): put its terms
            // back in case the difference above removed some of them.
            if let Some(newer) = self.document(&target).await? {
                self.write_postings(&target, &BTreeSet::new(), &newer.terms)
                    .await?;
            }
        }
        Ok(())
    }

    /// Indexes a message row as it stands, unless the stream indexed it already: what
    /// migration 0002 (`migrate run`) runs over existing rows. `false` when there was nothing to do.
    pub async fn backfill(self, analyzer: &Analyzer, row: &Item) -> Result<bool, StoreError> {
        let Some(target) = target_of(row) else {
            return Ok(false);
        };
        let terms = terms_of(analyzer, Some(row))?;
        if !self
            .put_document(&target, &terms, BACKFILL_SEQUENCE, WriteWhen::Absent)
            .await?
        {
            return Ok(false);
        }
        self.write_postings(&target, &BTreeSet::new(), &terms)
            .await?;
        Ok(true)
    }

    /// Analyses a message row again and writes the difference from its document (after the
    /// workspace's language changed), keeping the document's stream position: a change the
    /// stream applies meanwhile wins. `false` when the terms were already right.
    pub async fn reanalyse(self, analyzer: &Analyzer, row: &Item) -> Result<bool, StoreError> {
        let Some(target) = target_of(row) else {
            return Ok(false);
        };
        let terms = terms_of(analyzer, Some(row))?;
        let Some(document) = self.document(&target).await? else {
            return self.backfill(analyzer, row).await;
        };
        if document.terms == terms {
            return Ok(false);
        }
        self.write_postings(&target, &document.terms, &terms)
            .await?;
        self.put_document(&target, &terms, &document.sequence, WriteWhen::StillAt)
            .await
    }

    async fn document(self, target: &Target) -> Result<Option<Document>, StoreError> {
        let found = self.0.get_item_consistent(document_key(target)).await?;
        Ok(found.map(|item| Document {
            sequence: get_s(&item, SEQUENCE)
                .unwrap_or(BACKFILL_SEQUENCE)
                .to_string(),
            terms: match item.get(TERMS) {
                Some(AttributeValue::Ss(terms)) => terms.iter().cloned().collect(),
                _ => BTreeSet::new(),
            },
        }))
    }

    /// Writes the document on `when`'s condition; `false` when it did not hold.
    async fn put_document(
        self,
        target: &Target,
        terms: &BTreeSet<String>,
        sequence: &str,
        when: WriteWhen,
    ) -> Result<bool, StoreError> {
        let mut item = document_key(target);
        item.insert(SEQUENCE.into(), s(sequence));
        item.insert(
            SEQUENCE_LEN.into(),
            AttributeValue::N(sequence.len().to_string()),
        );
        if terms.is_empty() {
            let expires = domain::Timestamp::now().0.unix_timestamp() + TOMBSTONE_SECONDS;
            item.insert(keys::TTL.into(), AttributeValue::N(expires.to_string()));
        } else {
            item.insert(
                TERMS.into(),
                AttributeValue::Ss(terms.iter().cloned().collect()),
            );
        }
        let mut put = self
            .0
            .client
            .put_item()
            .table_name(self.0.table())
            .set_item(Some(item));
        put = match when {
            WriteWhen::Absent => put
                .condition_expression("attribute_not_exists(#pk)")
                .expression_attribute_names("#pk", PK),
            WriteWhen::Newer => put
                .expression_attribute_names("#pk", PK)
                .condition_expression(
                    "attribute_not_exists(#pk) OR #len < :len OR (#len = :len AND #seq < :seq)",
                )
                .expression_attribute_names("#len", SEQUENCE_LEN)
                .expression_attribute_names("#seq", SEQUENCE)
                .expression_attribute_values(":len", AttributeValue::N(sequence.len().to_string()))
                .expression_attribute_values(":seq", s(sequence)),
            WriteWhen::StillAt => put
                .condition_expression("#seq = :seq")
                .expression_attribute_names("#seq", SEQUENCE)
                .expression_attribute_values(":seq", s(sequence)),
        };
        Ok(unless_condition_failed("PutItem", put.send().await)?.is_some())
    }

    /// Puts the postings of `new` that `old` lacks and deletes those of `old` that `new` lacks.
    async fn write_postings(
        self,
        target: &Target,
        old: &BTreeSet<String>,
        new: &BTreeSet<String>,
    ) -> Result<(), StoreError> {
        let partition = keys::search_partition(target.parent);
        let puts = new.difference(old).map(|term| {
            let mut item = key(partition.clone(), keys::posting(term, target.id));
            item.insert(AT.into(), s(target.at.clone()));
            Ok(WriteRequest::builder()
                .put_request(PutRequest::builder().set_item(Some(item)).build()?)
                .build())
        });
        let deletes = old.difference(new).map(|term| {
            let item = key(partition.clone(), keys::posting(term, target.id));
            Ok(WriteRequest::builder()
                .delete_request(DeleteRequest::builder().set_key(Some(item)).build()?)
                .build())
        });
        let requests = puts
            .chain(deletes)
            .collect::<Result<Vec<_>, aws_sdk_dynamodb::error::BuildError>>()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        self.0.batch_write(requests).await
    }
}

/// When a document may be written.
#[derive(Clone, Copy)]
enum WriteWhen {
    /// No document yet (a backfill).
    Absent,
    /// Its position is older than this change's.
    Newer,
    /// Its position is still this one (a re-analysis).
    StillAt,
}

struct Document {
    sequence: String,
    terms: BTreeSet<String>,
}

fn target_of(keys: &Item) -> Option<Target> {
    let parent = keys::parse_parent(get_s(keys, PK)?)?;
    let at = get_s(keys, SK)?;
    let id = keys::parse_message_at(at)?;
    Some(Target {
        parent,
        id,
        at: at.to_string(),
    })
}

fn document_key(target: &Target) -> Item {
    key(
        keys::search_partition(target.parent),
        keys::search_doc(target.id),
    )
}

/// The terms of a message image; none when there is no image (the row was removed).
fn terms_of(analyzer: &Analyzer, image: Option<&Item>) -> Result<BTreeSet<String>, StoreError> {
    match image {
        Some(row) => {
            let message: Message = items::parse(row.clone())?;
            Ok(terms::of_message(analyzer, &message))
        }
        None => Ok(BTreeSet::new()),
    }
}

/// Orders two stream sequence numbers (decimal strings, not all of one length).
fn compare(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}
