//! Reading the index: the postings of one term (or of every term that starts with a prefix)
//! in one channel or conversation, newest first, and the messages they point at. A search
//! reads only the partitions of places the searcher is in, so what others say elsewhere costs
//! it nothing and cannot show in its timing.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use domain::message::Message;
use domain::{MessageId, Parent};

use super::SearchIndex;
use super::apply::AT;
use crate::items::{self, Item, get_s, key, s};
use crate::keys::{self, PK, SK};
use crate::{StoreError, paging};

/// A message of the place that has the term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub id: MessageId,
    /// The message row's SK (`MSG#...` or `RPL#<root>#...`).
    pub at: String,
}

/// Which terms: one, or every term starting with what the person has typed so far.
#[derive(Debug, Clone, Copy)]
pub enum Terms<'a> {
    Exact(&'a str),
    Prefix(&'a str),
}

/// Which messages: strictly newer than `after` and strictly older than `before` (ids are
/// ULIDs, so this is a time window too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub after: Option<MessageId>,
    pub before: Option<MessageId>,
}

impl Window {
    fn holds(&self, id: MessageId) -> bool {
        self.after.is_none_or(|a| id > a) && self.before.is_none_or(|b| id < b)
    }
}

/// Up to the asked number of postings, newest first, and whether the window holds more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub postings: Vec<Posting>,
    pub more: bool,
}

/// How many postings of one place a prefix may cover before the rest are left out: a prefix's
/// postings are sorted by term, not time, so all of them are read to find the newest (a
/// caller with many places to read asks for fewer of each).
pub const PREFIX_POSTINGS_MAX: usize = 300;

impl SearchIndex<'_> {
    pub async fn postings(
        self,
        parent: Parent,
        terms: Terms<'_>,
        window: Window,
        limit: usize,
    ) -> Result<Postings, StoreError> {
        let partition = keys::search_partition(parent);
        let rows = match terms {
            Terms::Exact(term) => {
                let bound = |id: Option<MessageId>, open: &str| match id {
                    Some(id) => keys::posting(term, id),
                    None => format!("{term} {open}"),
                };
                let query = self
                    .0
                    .client
                    .query()
                    .table_name(self.0.table())
                    .key_condition_expression("#pk = :pk AND #sk BETWEEN :low AND :high")
                    .expression_attribute_names("#pk", PK)
                    .expression_attribute_names("#sk", SK)
                    .expression_attribute_values(":pk", s(partition))
                    .expression_attribute_values(":low", s(bound(window.after, "")))
                    .expression_attribute_values(":high", s(bound(window.before, "~")))
                    .scan_index_forward(false)
                    // Two more than asked: the window's bounds themselves may come back.
                    .limit(i32::try_from(limit + 3).unwrap_or(i32::MAX));
                paging::collect(query, limit + 3).await?
            }
            Terms::Prefix("") => (Vec::new(), false),
            Terms::Prefix(prefix) => {
                // A range rather than `begins_with`: the same rows, and DynamoDB Local seeks a
                // range where it scans the partition for `begins_with`. Nothing sorts after
                // U+10FFFF, so the range holds every term that starts with the prefix.
                let query = self
                    .0
                    .client
                    .query()
                    .table_name(self.0.table())
                    .key_condition_expression("#pk = :pk AND #sk BETWEEN :low AND :high")
                    .expression_attribute_names("#pk", PK)
                    .expression_attribute_names("#sk", SK)
                    .expression_attribute_values(":pk", s(partition))
                    .expression_attribute_values(":low", s(prefix))
                    .expression_attribute_values(":high", s(format!("{prefix}{}", char::MAX)))
                    .limit(i32::try_from(limit.min(PREFIX_POSTINGS_MAX)).unwrap_or(i32::MAX));
                paging::collect(query, limit.min(PREFIX_POSTINGS_MAX)).await?
            }
        };
        let (rows, beyond) = rows;
        let capped = matches!(terms, Terms::Prefix(_)) && beyond;
        let mut postings: Vec<Posting> = rows
            .iter()
            .filter_map(posting_of)
            .filter(|p| window.holds(p.id))
            .collect();
        postings.sort_by_key(|p| std::cmp::Reverse(p.id));
        postings.dedup_by_key(|p| p.id);
        let more = capped || postings.len() > limit || (matches!(terms, Terms::Exact(_)) && beyond);
        postings.truncate(limit);
        Ok(Postings { postings, more })
    }

    /// The messages postings point at, by id; postings whose message is gone are left out.
    pub async fn messages(
        self,
        hits: &[(Parent, &Posting)],
    ) -> Result<HashMap<MessageId, Message>, StoreError> {
        let keys = hits
            .iter()
            .map(|(parent, p)| key(keys::parent(*parent), p.at.clone()))
            .collect();
        self.0
            .batch_get(keys)
            .await?
            .into_iter()
            .map(|row| items::parse::<Message>(row).map(|m| (m.id, m)))
            .collect()
    }
}

fn posting_of(row: &Item) -> Option<Posting> {
    let (_term, id) = get_s(row, SK)?.rsplit_once(' ')?;
    let at = match row.get(AT) {
        Some(AttributeValue::S(at)) => at.clone(),
        _ => return None,
    };
    Some(Posting {
        id: id.parse().ok()?,
        at,
    })
}
