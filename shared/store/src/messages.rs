//! Messages: `MSG#<ulid>` rows in their parent's partition, each with the parent's next
//! sequence number, paged both ways with opaque cursors.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use domain::message::{Message, MessagePage, SystemNote};
use domain::{MessageId, Parent, Timestamp, UserId};

use crate::items::{get_n, item, key, parse, s};
use crate::keys::{self, META};
use crate::{Store, StoreError, cursor, paging};

#[derive(Clone, Copy)]
pub struct Messages<'a>(pub(crate) &'a Store);

/// Which page of a history to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    Newest,
    /// Strictly older than this message.
    Before(MessageId),
    /// Strictly newer than this message.
    After(MessageId),
}

/// What a new message carries.
pub struct NewMessage {
    /// Chosen by the caller, so a send nonce can be claimed for it before the write.
    pub id: MessageId,
    pub author: UserId,
    pub body: String,
    pub client_nonce: Option<String>,
    pub system: Option<SystemNote>,
    pub mentions: ResolvedMentions,
}

/// Mentions resolved to people: who `@handle` named, and `@all` / `@here`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedMentions {
    pub user_ids: Vec<UserId>,
    pub all: bool,
    pub here: bool,
}

impl Messages<'_> {
    /// Appends a message: takes the parent's next sequence number (an atomic ADD, refused when
    /// the parent is missing or archived), then writes the message. Two writes.
    pub async fn append(self, parent: Parent, new: NewMessage) -> Result<Message, StoreError> {
        let created_at = Timestamp::now();
        let counted = self
            .0
            .client
            .update_item()
            .table_name(&self.0.table)
            .set_key(Some(key(keys::parent(parent), META)))
            .update_expression("ADD lastSeq :one SET lastMessageAt = :now")
            .condition_expression(
                "attribute_exists(#pk) AND (attribute_not_exists(archived) OR archived = :false)",
            )
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(created_at)?)
            .return_values(ReturnValue::UpdatedNew)
            .send()
            .await;
        let seq = match counted {
            Ok(out) => out
                .attributes
                .as_ref()
                .and_then(|a| get_n(a, "lastSeq"))
                .unwrap_or(0),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_conditional_check_failed_exception()) =>
            {
                return Err(StoreError::NotFound);
            }
            Err(e) => return Err(StoreError::dynamo("UpdateItem", e)),
        };
        let message = Message {
            id: new.id,
            parent_id: parent.to_string(),
            parent_type: parent.kind(),
            author_id: new.author,
            body: new.body,
            seq,
            created_at,
            client_nonce: new.client_nonce,
            system: new.system,
            thread_root_id: None,
            edited_at: None,
            deleted: false,
            reply_count: 0,
            last_reply_at: None,
            recent_replier_ids: Vec::new(),
            reactions: Default::default(),
            pinned_at: None,
            pinned_by: None,
            mention_ids: new.mentions.user_ids,
            mentions_all: new.mentions.all,
            mentions_here: new.mentions.here,
        };
        let row = item(
            &message,
            &[
                (keys::PK, keys::parent(parent)),
                (keys::SK, keys::message(message.id)),
            ],
        )?;
        self.0.put_new(row).await?;
        Ok(message)
    }

    pub async fn get(self, parent: Parent, id: MessageId) -> Result<Option<Message>, StoreError> {
        let item = self
            .0
            .get_item(key(keys::parent(parent), keys::message(id)))
            .await?;
        item.map(parse).transpose()
    }

    /// One page of at most `limit` messages, newest first.
    pub async fn page(
        self,
        parent: Parent,
        at: PageAt,
        limit: usize,
    ) -> Result<MessagePage, StoreError> {
        let (lower, upper, newest_first, skip) = match at {
            PageAt::Newest => (
                keys::MSG_PREFIX.to_string(),
                keys::MSG_UPPER.to_string(),
                true,
                None,
            ),
            PageAt::Before(id) => (
                keys::MSG_PREFIX.to_string(),
                keys::message(id),
                true,
                Some(id),
            ),
            PageAt::After(id) => (
                keys::message(id),
                keys::MSG_UPPER.to_string(),
                false,
                Some(id),
            ),
        };
        // BETWEEN is inclusive, so the cursor's own message may come back: ask for one more.
        let want = limit + usize::from(skip.is_some());
        let query = self
            .0
            .client
            .query()
            .table_name(&self.0.table)
            .key_condition_expression("#pk = :pk AND #sk BETWEEN :lower AND :upper")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#sk", keys::SK)
            .expression_attribute_values(":pk", s(keys::parent(parent)))
            .expression_attribute_values(":lower", s(lower))
            .expression_attribute_values(":upper", s(upper))
            .scan_index_forward(!newest_first)
            .limit(i32::try_from(want + 1).unwrap_or(i32::MAX));
        let (rows, more_in_range) = paging::collect(query, want).await?;
        let mut items: Vec<Message> = rows.into_iter().map(parse).collect::<Result<_, _>>()?;
        let cursor_was_present = skip.is_some_and(|id| items.first().is_some_and(|m| m.id == id));
        if cursor_was_present {
            items.remove(0);
        }
        let more = more_in_range || items.len() > limit;
        items.truncate(limit);
        if !newest_first {
            items.reverse();
        }
        let (has_more_older, has_more_newer) = match at {
            PageAt::Newest => (more, false),
            PageAt::Before(_) => (more, true),
            PageAt::After(_) => (true, more),
        };
        Ok(MessagePage {
            older_cursor: items.last().map(|m| cursor::encode(m.id)),
            newer_cursor: items
                .first()
                .map(|m| cursor::encode(m.id))
                .or_else(|| match at {
                    // Nothing newer yet: keep the caller's place so it can ask again.
                    PageAt::After(id) => Some(cursor::encode(id)),
                    _ => None,
                }),
            items,
            has_more_older,
            has_more_newer,
        })
    }
}
