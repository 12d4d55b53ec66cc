//! Messages: `MSG#<ulid>` rows in their parent's partition, each with the parent's next
//! sequence number, paged both ways with opaque cursors.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use domain::files::Attachment;
use domain::message::{Message, MessageBody, MessagePage, SystemNote};
use domain::{MessageId, Parent, Timestamp, UploadId, UserId};

use crate::error::unless_condition_failed;
use crate::items::{get_n, item, key, parse, s};
use crate::keys::{self, META};
use crate::memberships::MEMBERS_VERSION;
use crate::{Store, StoreError, cursor, paging, tx};

mod changes;
mod history;

pub use changes::Refusal;

#[derive(Clone, Copy)]
pub struct Messages<'a>(pub(crate) &'a Store);

/// A message just stored, with its parent's members version at that moment.
#[derive(Debug, Clone)]
pub struct Appended {
    pub message: Message,
    pub members_version: u64,
}

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
    pub content: Content,
    pub client_nonce: Option<String>,
    pub mentions: ResolvedMentions,
}

/// What a message says: a person's text, files they share (with a caption or none), or the
/// system's record of a change (who joined, left, was added or removed), which has no text.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(MessageBody),
    Files {
        caption: Option<MessageBody>,
        files: Vec<Attached>,
    },
    System(SystemNote),
}

/// A checked upload becoming a file of the message: the upload is used up as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub upload: UploadId,
    pub file: Attachment,
}

/// Why a message was not appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSent {
    /// Its channel is archived, or its channel or conversation does not exist.
    ReadOnly,
    /// An upload it carries was used up meanwhile (sent with another message).
    UploadGone,
}

/// Mentions resolved to people: who `@handle` named, and `@all` / `@here`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedMentions {
    pub user_ids: Vec<UserId>,
    pub all: bool,
    pub here: bool,
}

impl NewMessage {
    pub(crate) fn into_reply(
        self,
        parent: Parent,
        root: MessageId,
        seq: u64,
        created_at: Timestamp,
    ) -> Message {
        self.into_message(parent, Some(root), seq, created_at)
    }

    fn into_message(
        self,
        parent: Parent,
        root: Option<MessageId>,
        seq: u64,
        created_at: Timestamp,
    ) -> Message {
        let (body, system, attachments) = match self.content {
            Content::Text(body) => (body.into_string(), None, Vec::new()),
            Content::Files { caption, files } => (
                caption.map(MessageBody::into_string).unwrap_or_default(),
                None,
                files.into_iter().map(|f| f.file).collect(),
            ),
            Content::System(note) => (String::new(), Some(note), Vec::new()),
        };
        Message {
            id: self.id,
            parent_id: parent.to_string(),
            parent_type: parent.kind(),
            author_id: self.author,
            body,
            seq,
            created_at,
            client_nonce: self.client_nonce,
            system,
            thread_root_id: root,
            edited_at: None,
            deleted: false,
            reply_count: 0,
            last_reply_at: None,
            recent_replier_ids: Vec::new(),
            reactions: Default::default(),
            pinned_at: None,
            pinned_by: None,
            mention_ids: self.mentions.user_ids,
            mentions_all: self.mentions.all,
            mentions_here: self.mentions.here,
            attachments,
        }
    }

    /// The uploads the message uses up.
    pub(crate) fn uploads(&self) -> Vec<UploadId> {
        match &self.content {
            Content::Files { files, .. } => files.iter().map(|f| f.upload).collect(),
            _ => Vec::new(),
        }
    }
}

impl Messages<'_> {
    /// Appends a message: takes the parent's next sequence number (an atomic ADD, refused when
    /// the parent is missing or archived), then writes the message. Two writes.
    pub async fn append(
        self,
        parent: Parent,
        new: NewMessage,
    ) -> Result<Result<Message, NotSent>, StoreError> {
        Ok(self
            .append_versioned(parent, new)
            .await?
            .map(|appended| appended.message))
    }

    /// Like `append`, and also answers the parent's members version at that moment, read from
    /// the same write (the cached member list a fan-out may use; see `memberships`).
    pub async fn append_versioned(
        self,
        parent: Parent,
        new: NewMessage,
    ) -> Result<Result<Appended, NotSent>, StoreError> {
        let created_at = Timestamp::now();
        let counted = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::parent(parent), META)))
            .update_expression("ADD lastSeq :one SET lastMessageAt = :now")
            .condition_expression(
                "attribute_exists(#pk) AND (attribute_not_exists(archived) OR archived = :false)",
            )
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(created_at)?)
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        let Some(out) = unless_condition_failed("UpdateItem", counted)? else {
            return Ok(Err(NotSent::ReadOnly));
        };
        let attributes = out.attributes.unwrap_or_default();
        let seq = get_n(&attributes, "lastSeq").unwrap_or(0);
        let members_version = get_n(&attributes, MEMBERS_VERSION).unwrap_or(0);
        let uploads = new.uploads();
        let message = new.into_message(parent, None, seq, created_at);
        if let Err(gone) = self.write_new(parent, &message, &uploads).await? {
            return Ok(Err(gone));
        }
        Ok(Ok(Appended {
            message,
            members_version,
        }))
    }

    /// Writes a new message (top-level or reply): with files, in one transaction with its file
    /// rows and the uploads it uses up.
    pub(crate) async fn write_new(
        self,
        parent: Parent,
        message: &Message,
        uploads: &[UploadId],
    ) -> Result<Result<(), NotSent>, StoreError> {
        let row = item(
            message,
            &[
                (keys::PK, keys::parent(parent)),
                (
                    keys::SK,
                    keys::message_at(message.thread_root_id, message.id),
                ),
            ],
        )?;
        if uploads.is_empty() {
            return self.0.put_new(row).await.map(Ok);
        }
        let table = self.0.table();
        let mut writes = vec![tx::put_new(table, row)?];
        writes.extend(crate::files::rows(table, parent, message)?);
        for upload in uploads {
            writes.push(crate::uploads::use_up(table, message.author_id, *upload)?);
        }
        Ok(tx::write(self.0, writes)
            .await?
            .map_err(|_| NotSent::UploadGone))
    }

    /// A message, top-level (`root` None) or a reply in `root`'s thread.
    pub async fn get(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        let item = self
            .0
            .get_item(key(keys::parent(parent), keys::message_at(root, id)))
            .await?;
        item.map(parse).transpose()
    }

    /// Like `get`, strongly consistent: what a conditional write will compare against.
    pub(crate) async fn get_consistent(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
    ) -> Result<Option<Message>, StoreError> {
        self.0
            .get_item_consistent(key(keys::parent(parent), keys::message_at(root, id)))
            .await?
            .map(parse)
            .transpose()
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
            .table_name(self.0.table())
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

impl Messages<'_> {
    /// A window of top-level messages around `id` (for deep links), newest first: up to half of
    /// `limit` older ones, the message itself, and the newer ones. `None` when it is not a
    /// top-level message of this parent.
    pub async fn around(
        self,
        parent: Parent,
        id: MessageId,
        limit: usize,
    ) -> Result<Option<MessagePage>, StoreError> {
        let Some(target) = self.get(parent, None, id).await? else {
            return Ok(None);
        };
        // The message itself counts towards `limit`; a side may get none and still says
        // whether there is more.
        let older_count = limit.saturating_sub(1) / 2;
        let newer_count = limit.saturating_sub(1 + older_count);
        let (older, newer) = tokio::try_join!(
            self.page(parent, PageAt::Before(id), older_count),
            self.page(parent, PageAt::After(id), newer_count),
        )?;
        let mut items = newer.items;
        items.push(target);
        items.extend(older.items);
        Ok(Some(MessagePage {
            older_cursor: items.last().map(|m| cursor::encode(m.id)),
            newer_cursor: items.first().map(|m| cursor::encode(m.id)),
            has_more_older: older.has_more_older,
            has_more_newer: newer.has_more_newer,
            items,
        }))
    }
}
