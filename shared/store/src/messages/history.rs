//! The bodies a message had before its edits: one `EDITS#<message>` item beside the message
//! (`keys::edits`), holding at most `MESSAGE_EDIT_HISTORY_MAX` of them, newest first (the
//! oldest fall off). It is written in the same transaction as the edit, on the condition that
//! neither the message's body nor the history changed since they were read, and deleted with
//! the message.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem};
use domain::limits::MESSAGE_EDIT_HISTORY_MAX;
use domain::message::{MessageHistory, MessageVersion};
use domain::{MessageId, Parent};
use serde::{Deserialize, Serialize};

use super::Messages;
use crate::StoreError;
use crate::items::{item, key, parse};
use crate::keys::{self, PK, SK};

/// The stored item: the versions and a revision that every write moves, for the condition.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Versions {
    versions: Vec<MessageVersion>,
    revision: u64,
}

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

impl Versions {
    /// The put that adds `earlier` in front (dropping the oldest beyond the limit), on the
    /// condition that the item is still at the revision it was read at.
    pub(super) fn put_with(
        self,
        table: &str,
        parent: Parent,
        id: MessageId,
        earlier: MessageVersion,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut versions = Vec::with_capacity(MESSAGE_EDIT_HISTORY_MAX);
        versions.push(earlier);
        versions.extend(self.versions);
        versions.truncate(MESSAGE_EDIT_HISTORY_MAX);
        let next = Versions {
            versions,
            revision: self.revision + 1,
        };
        let row = item(&next, &[(PK, keys::parent(parent)), (SK, keys::edits(id))])?;
        let put = Put::builder()
            .table_name(table)
            .set_item(Some(row))
            .condition_expression("attribute_not_exists(#pk) OR revision = :revision")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":revision", AttributeValue::N(self.revision.to_string()))
            .build()
            .map_err(codec)?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

/// The delete of a message's history, for the transaction that deletes the message.
pub(super) fn removal(
    table: &str,
    parent: Parent,
    id: MessageId,
) -> Result<TransactWriteItem, StoreError> {
    let delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key(keys::parent(parent), keys::edits(id))))
        .build()
        .map_err(codec)?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}

impl Messages<'_> {
    /// The stored versions of `id` (none yet: empty), read strongly consistent.
    pub(super) async fn versions(
        self,
        parent: Parent,
        id: MessageId,
    ) -> Result<Versions, StoreError> {
        let found = self
            .0
            .get_item_consistent(key(keys::parent(parent), keys::edits(id)))
            .await?;
        match found {
            Some(row) => parse(row),
            None => Ok(Versions::default()),
        }
    }

    /// The earlier bodies of `id`, newest first (empty when it was never edited).
    pub async fn history(
        self,
        parent: Parent,
        id: MessageId,
    ) -> Result<MessageHistory, StoreError> {
        Ok(MessageHistory {
            items: self.versions(parent, id).await?.versions,
        })
    }
}
