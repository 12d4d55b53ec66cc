//! Reactions: a map on the message from emoji to the set of people who reacted. Adding and
//! removing are single update expressions (`ADD`/`DELETE` on the set), so two people reacting
//! at once both count; the distinct-emoji limit is part of the condition.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use domain::limits::REACTIONS_MAX_DISTINCT;
use domain::message::Message;
use domain::reactions::Emoji;
use domain::{MessageId, Parent, UserId};

use crate::items::key;
use crate::keys::{self, PK};
use crate::messages::Refusal;
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Reactions<'a>(pub(crate) &'a Store);

impl Reactions<'_> {
    /// Adds `user`'s `emoji`; adding it twice changes nothing.
    pub async fn add(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        self.change(parent, root, id, emoji, user, true).await
    }

    /// Takes `user`'s `emoji` away; an emoji nobody uses any more disappears.
    pub async fn remove(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        self.change(parent, root, id, emoji, user, false).await
    }

    async fn change(
        self,
        parent: Parent,
        root: Option<MessageId>,
        id: MessageId,
        emoji: &Emoji,
        user: UserId,
        add: bool,
    ) -> Result<Result<Message, Refusal>, StoreError> {
        let (expression, condition) = if add {
            (
                "ADD reactions.#emoji :user",
                "attribute_exists(#pk) AND (attribute_not_exists(deleted) OR deleted = :false) \
                 AND (attribute_not_exists(reactions) OR attribute_exists(reactions.#emoji) \
                 OR size(reactions) < :max)",
            )
        } else {
            (
                "DELETE reactions.#emoji :user",
                "attribute_exists(#pk) AND (attribute_not_exists(deleted) OR deleted = :false)",
            )
        };
        let mut request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::parent(parent), keys::message_at(root, id))))
            .update_expression(expression)
            .condition_expression(condition)
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#emoji", emoji.as_str())
            .expression_attribute_values(":user", AttributeValue::Ss(vec![user.to_string()]))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .return_values(ReturnValue::AllNew);
        if add {
            request = request.expression_attribute_values(
                ":max",
                AttributeValue::N(REACTIONS_MAX_DISTINCT.to_string()),
            );
        }
        let mut result = request.clone().send().await;
        if add && no_reactions_map(&result) {
            // Messages written before reactions existed have no map to add into yet.
            self.0
                .client
                .update_item()
                .table_name(self.0.table())
                .set_key(Some(key(keys::parent(parent), keys::message_at(root, id))))
                .update_expression("SET reactions = if_not_exists(reactions, :empty)")
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(":empty", AttributeValue::M(Default::default()))
                .send()
                .await
                .map_err(|e| StoreError::dynamo("UpdateItem", e))?;
            result = request.send().await;
        }
        match crate::items::updated::<Message>(result)? {
            Some(message) => Ok(Ok(without_empty(message))),
            None => Ok(Err(self
                .0
                .messages()
                .refusal(parent, root, id, None)
                .await?)),
        }
    }
}

/// Whether an update failed because the item has no `reactions` map to write into.
fn no_reactions_map(
    result: &Result<
        aws_sdk_dynamodb::operation::update_item::UpdateItemOutput,
        aws_sdk_dynamodb::error::SdkError<
            aws_sdk_dynamodb::operation::update_item::UpdateItemError,
        >,
    >,
) -> bool {
    result.as_ref().err().is_some_and(|e| {
        e.as_service_error()
            .and_then(|s| s.meta().message())
            .is_some_and(|m| m.contains("document path"))
    })
}

/// An emoji whose last reaction went is not shown.
fn without_empty(mut message: Message) -> Message {
    message.reactions.retain(|_, users| !users.is_empty());
    message
}
