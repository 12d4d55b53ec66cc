//! How far the user has read a parent, and what the sidebar shows from it: the read point, the
//! mention count and whether a conversation was opened. Each a single update of the user's row.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use domain::sidebar::Membership;
use domain::{Parent, UserId};

use super::Memberships;
use crate::StoreError;
use crate::items::key;
use crate::keys::{self, PK};

impl Memberships<'_> {
    /// Moves the read point forward to `seq` (never back: a slow device cannot undo a newer
    /// read); reading up to the newest message (`caught_up`) clears the mention count. `None`
    /// when not a member.
    pub async fn mark_read(
        self,
        parent: Parent,
        user: UserId,
        seq: u64,
        caught_up: bool,
    ) -> Result<Option<Membership>, StoreError> {
        let request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":seq", AttributeValue::N(seq.to_string()))
            .return_values(ReturnValue::AllNew);
        // Caught up: also clear mentions (thread replies mention without moving `seq`, so an
        // equal read point still clears them).
        let request = if caught_up {
            request
                .update_expression("SET lastReadSeq = :seq, mentionCount = :zero")
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(lastReadSeq) OR lastReadSeq <= :seq)",
                )
                .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        } else {
            request
                .update_expression("SET lastReadSeq = :seq")
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(lastReadSeq) OR lastReadSeq < :seq)",
                )
        };
        let result = request.send().await;
        match crate::items::updated(result)? {
            Some(row) => Ok(Some(row)),
            // Already read this far (or not a member): the row as it is says which.
            None => self.get(parent, user).await,
        }
    }

    /// Counts one more mention for `user`; `None` when they are not a member.
    pub async fn count_mention(
        self,
        parent: Parent,
        user: UserId,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(
            parent,
            user,
            "ADD mentionCount :v",
            AttributeValue::N("1".into()),
        )
        .await
    }

    /// Marks a conversation as opened by `user`: it shows in their sidebar from now on.
    /// `None` when not a participant.
    pub async fn mark_opened(
        self,
        parent: Parent,
        user: UserId,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(parent, user, "SET opened = :v", AttributeValue::Bool(true))
            .await
    }

    /// Sets the read point to exactly `seq` (mark unread from a message).
    pub async fn set_read(
        self,
        parent: Parent,
        user: UserId,
        seq: u64,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(
            parent,
            user,
            "SET lastReadSeq = :v",
            AttributeValue::N(seq.to_string()),
        )
        .await
    }

    /// One update (`expression`, with `:v` bound to `value`) of the user's own row; `None`
    /// when they are not a member.
    async fn update_row(
        self,
        parent: Parent,
        user: UserId,
        expression: &str,
        value: AttributeValue,
    ) -> Result<Option<Membership>, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .update_expression(expression)
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":v", value)
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        crate::items::updated(result)
    }
}
