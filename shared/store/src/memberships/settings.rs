//! The user's own settings of a membership: favorite, mute, category and sidebar position. A
//! mute is copied to the parent-side row, where fan-out reads it.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, TransactWriteItem, Update};
use domain::sidebar::{Membership, UpdateMembership};
use domain::{Parent, UserId};

use super::{Memberships, codec, version_write};
use crate::StoreError;
use crate::items::{key, s};
use crate::keys::{self, PK};
use crate::tx;

impl Memberships<'_> {
    /// Changes the user's own settings of a row. `None` when they are not a member.
    pub async fn update(
        self,
        parent: Parent,
        user: UserId,
        change: &UpdateMembership,
    ) -> Result<Option<Membership>, StoreError> {
        let mut sets = Vec::new();
        let mut request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .return_values(ReturnValue::AllNew);
        if let Some(favorite) = change.favorite {
            sets.push("favorite = :favorite");
            request =
                request.expression_attribute_values(":favorite", AttributeValue::Bool(favorite));
        }
        if let Some(muted) = change.muted {
            sets.push("muted = :muted");
            request = request.expression_attribute_values(":muted", AttributeValue::Bool(muted));
        }
        if let Some(category) = change.category_id {
            sets.push("categoryID = :category");
            let value = match category {
                Some(id) => s(id.to_string()),
                None => AttributeValue::Null(true),
            };
            request = request.expression_attribute_values(":category", value);
        }
        if let Some(position) = change.position {
            sets.push("#position = :position");
            request = request
                .expression_attribute_names("#position", "position")
                .expression_attribute_values(":position", AttributeValue::N(position.to_string()));
        }
        if sets.is_empty() {
            return self.get(parent, user).await;
        }
        let result = request
            .update_expression(format!("SET {}", sets.join(", ")))
            .send()
            .await;
        let row: Option<Membership> = crate::items::updated(result)?;
        if let (Some(muted), Some(_)) = (change.muted, &row) {
            // The parent-side row carries the mute too, so a send learns it with the members;
            // the members version moves with it, so a cached member list is read again.
            let member = Update::builder()
                .table_name(self.0.table())
                .set_key(Some(key(keys::parent(parent), keys::member(user))))
                .update_expression("SET muted = :muted")
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(":muted", AttributeValue::Bool(muted))
                .build()
                .map_err(codec)?;
            let writes = vec![
                TransactWriteItem::builder().update(member).build(),
                version_write(self.0.table(), parent)?,
            ];
            // A failed condition: they left meanwhile, and their row went with them.
            tx::write(self.0, writes).await?.ok();
        }
        Ok(row)
    }
}
