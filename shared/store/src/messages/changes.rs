//! Changes to a message once written: edits (author only; the replaced body goes to its
//! history) and soft deletes (the message keeps its place and thread; its files, reactions,
//! mentions, pin and history go), and why one was refused.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem, Update};
use domain::message::{Message, MessageBody, MessageVersion};
use domain::{MessageId, Parent, Timestamp, UserId};

use super::{Messages, ResolvedMentions};
use crate::items::{key, s};
use crate::keys;
use crate::{StoreError, tx};

/// How often an edit reads the message again after another change got in between.
const EDIT_ATTEMPTS: u32 = 5;

/// Why a change to a message did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    /// Only the author may do this.
    NotAuthor,
    Deleted,
    /// Too many different reactions already.
    TooMany,
    /// An upload a reply carries was used up meanwhile.
    UploadGone,
}

impl Messages<'_> {
    /// Reads a message after a refused conditional write, to say why it was refused.
    pub(crate) async fn refusal(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        author: Option<UserId>,
    ) -> Result<Refusal, StoreError> {
        Ok(match self.get(parent, root, id).await? {
            None => Refusal::NotFound,
            Some(m) if m.deleted => Refusal::Deleted,
            Some(m) if author.is_some_and(|a| a != m.author_id) => Refusal::NotAuthor,
            Some(_) => Refusal::TooMany,
        })
    }

    /// Replaces the body (and its mentions), marking the message edited, and keeps the body it
    /// replaces in its history (`history`). Author only; a deleted message stays deleted. An
    /// edit in between (the body or the history moved) makes it read again and retry.
    pub async fn edit(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        author: UserId,
        body: &MessageBody,
        mentions: &ResolvedMentions,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        for _ in 0..EDIT_ATTEMPTS {
            let Some(current) = self.get_consistent(parent, root, id).await? else {
                return Ok(Err(Refusal::NotFound));
            };
            if current.deleted {
                return Ok(Err(Refusal::Deleted));
            }
            if current.author_id != author {
                return Ok(Err(Refusal::NotAuthor));
            }
            let now = Timestamp::now();
            let mut writes = vec![self.edit_write(parent, root, &current, body, mentions, now)?];
            if current.body != body.as_str() {
                let earlier = MessageVersion {
                    body: current.body.clone(),
                    written_at: current.edited_at.unwrap_or(current.created_at),
                };
                let versions = self.versions(parent, id).await?;
                writes.push(versions.put_with(self.0.table(), parent, id, earlier)?);
            }
            if tx::write(self.0, writes).await?.is_ok() {
                let mut edited = current;
                edited.body = body.as_str().to_string();
                edited.edited_at = Some(now);
                edited.mention_ids = mentions.user_ids.clone();
                edited.mentions_all = mentions.all;
                edited.mentions_here = mentions.here;
                return Ok(Ok(edited));
            }
        }
        Err(StoreError::Unavailable {
            operation: "TransactWriteItems",
            message: "the message kept changing while it was edited".into(),
        })
    }

    /// The update of an edit, on the condition that the message is as it was read.
    fn edit_write(
        self,
        parent: Parent,
        root: Option<MessageId>,
        current: &Message,
        body: &MessageBody,
        mentions: &ResolvedMentions,
        now: Timestamp,
    ) -> Result<TransactWriteItem, StoreError> {
        let update = Update::builder()
            .table_name(self.0.table())
            .set_key(Some(key(
                keys::parent(parent),
                keys::message_at(root, current.id),
            )))
            .update_expression(
                "SET body = :body, editedAt = :now, mentionIDs = :ids, mentionsAll = :all, \
                 mentionsHere = :here",
            )
            .condition_expression(
                "attribute_exists(#pk) AND authorID = :me AND body = :was \
                 AND (attribute_not_exists(deleted) OR deleted = :false)",
            )
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":body", s(body.as_str()))
            .expression_attribute_values(":was", s(current.body.as_str()))
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(now)?)
            .expression_attribute_values(
                ":ids",
                serde_dynamo::to_attribute_value(&mentions.user_ids)?,
            )
            .expression_attribute_values(":all", AttributeValue::Bool(mentions.all))
            .expression_attribute_values(":here", AttributeValue::Bool(mentions.here))
            .expression_attribute_values(":me", s(current.author_id.to_string()))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .build()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// Soft-deletes: the message keeps its place and its thread, without body, reactions,
    /// mentions or pin (its pin row goes in the same transaction).
    pub async fn delete(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        let Some(current) = self.get(parent, root, id).await? else {
            return Ok(Err(Refusal::NotFound));
        };
        let table = self.0.table();
        let update = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::parent(parent), keys::message_at(root, id))))
            .update_expression(
                "SET deleted = :true, body = :empty, reactions = :none, mentionIDs = :no, \
                 mentionsAll = :false, mentionsHere = :false, attachments = :no \
                 REMOVE pinnedAt, pinnedBy",
            )
            .condition_expression(
                "attribute_exists(#pk) AND (attribute_not_exists(deleted) OR deleted = :false)",
            )
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .expression_attribute_values(":empty", s(""))
            .expression_attribute_values(":none", AttributeValue::M(Default::default()))
            .expression_attribute_values(":no", AttributeValue::L(Vec::new()))
            .build()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        let unpin = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::parent(parent), keys::pin(id))))
            .build()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        let mut writes = vec![
            TransactWriteItem::builder().update(update).build(),
            TransactWriteItem::builder().delete(unpin).build(),
        ];
        writes.push(super::history::removal(table, parent, id)?);
        writes.extend(crate::files::removals(table, parent, &current)?);
        match tx::write(self.0, writes).await? {
            Ok(()) => match self.get(parent, root, id).await? {
                Some(message) => Ok(Ok(message)),
                None => Ok(Err(Refusal::NotFound)),
            },
            Err(_) => Ok(Err(self.refusal(parent, root, id, None).await?)),
        }
    }
}
