//! Pins: the message records who pinned it and when, and a `PIN#<id>` row in the parent's
//! partition lists it, so the pinned panel is one Query. Both change in one transaction.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};
use domain::message::Message;
use domain::{MessageId, Parent, Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{item, key, parse, s};
use crate::keys::{self, PK, SK};
use crate::messages::Refusal;
use crate::{Store, StoreError, paging, tx};

#[derive(Clone, Copy)]
pub struct Pins<'a>(pub(crate) &'a Store);

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PinRow {
    #[serde(rename = "messageID")]
    message_id: MessageId,
    #[serde(rename = "threadRootID")]
    thread_root_id: Option<MessageId>,
    pinned_at: Timestamp,
}

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

impl Pins<'_> {
    pub async fn set(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        by: UserId,
        pinned: bool,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        let table = self.0.table();
        let message_key = key(keys::parent(parent), keys::message_at(root, id));
        let live = "attribute_exists(#pk) AND (attribute_not_exists(deleted) OR deleted = :false)";
        let now = Timestamp::now();
        let writes = if pinned {
            let update = Update::builder()
                .table_name(table)
                .set_key(Some(message_key))
                .update_expression("SET pinnedAt = :now, pinnedBy = :by")
                .condition_expression(live)
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(":false", AttributeValue::Bool(false))
                .expression_attribute_values(":now", serde_dynamo::to_attribute_value(now)?)
                .expression_attribute_values(":by", s(by.to_string()))
                .build()
                .map_err(codec)?;
            let row = item(
                &PinRow {
                    message_id: id,
                    thread_root_id: root,
                    pinned_at: now,
                },
                &[(PK, keys::parent(parent)), (SK, keys::pin(id))],
            )?;
            let put = Put::builder()
                .table_name(table)
                .set_item(Some(row))
                .build()
                .map_err(codec)?;
            vec![
                TransactWriteItem::builder().update(update).build(),
                TransactWriteItem::builder().put(put).build(),
            ]
        } else {
            let update = Update::builder()
                .table_name(table)
                .set_key(Some(message_key))
                .update_expression("REMOVE pinnedAt, pinnedBy")
                .condition_expression(live)
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(":false", AttributeValue::Bool(false))
                .build()
                .map_err(codec)?;
            let delete = Delete::builder()
                .table_name(table)
                .set_key(Some(key(keys::parent(parent), keys::pin(id))))
                .build()
                .map_err(codec)?;
            vec![
                TransactWriteItem::builder().update(update).build(),
                TransactWriteItem::builder().delete(delete).build(),
            ]
        };
        match tx::write(self.0, writes).await? {
            Ok(()) => match self.0.messages().get(parent, root, id).await? {
                Some(message) => Ok(Ok(message)),
                None => Ok(Err(Refusal::NotFound)),
            },
            Err(_) => Ok(Err(self
                .0
                .messages()
                .refusal(parent, root, id, None)
                .await?)),
        }
    }

    /// The pinned messages of a parent, most recently pinned first: one Query for the pin rows,
    /// then the messages by key.
    pub async fn list(self, parent: Parent) -> Result<Vec<Message>, StoreError> {
        let query = self.0.prefix_query(keys::parent(parent), keys::PIN_PREFIX);
        let pins: Vec<PinRow> = paging::all(query)
            .await?
            .into_iter()
            .map(parse)
            .collect::<Result<_, _>>()?;
        let found = self
            .0
            .batch_get(
                pins.iter()
                    .map(|p| {
                        key(
                            keys::parent(parent),
                            keys::message_at(p.thread_root_id, p.message_id),
                        )
                    })
                    .collect(),
            )
            .await?;
        let mut messages: Vec<Message> = found
            .into_iter()
            .map(parse::<Message>)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|m| m.pinned_at.is_some() && !m.deleted)
            .collect();
        messages.sort_by_key(|m| std::cmp::Reverse(m.pinned_at));
        Ok(messages)
    }
}
