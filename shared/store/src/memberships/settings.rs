//! The user's own settings of a membership: favorite, mute, category, sidebar position and
//! notification level. A mute is copied to the parent-side row, where fan-out reads it; the
//! level is read only for the few people a message would notify.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, TransactWriteItem, Update};
use domain::notifications::NotifyLevel;
use domain::sidebar::{Membership, UpdateMembership};
use domain::{Parent, UserId};

use super::{Memberships, codec, version_write};
use crate::StoreError;
use crate::items::{get_s, key, s};
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
        let mut removes = Vec::new();
        match change.notify_level {
            Some(Some(level)) => {
                sets.push("notifyLevel = :level");
                request = request.expression_attribute_values(
                    ":level",
                    serde_dynamo::to_attribute_value(level).map_err(codec)?,
                );
            }
            Some(None) => removes.push("notifyLevel"),
            None => {}
        }
        if sets.is_empty() && removes.is_empty() {
            return self.get(parent, user).await;
        }
        let result = request
            .update_expression(update_expression(&sets, &removes))
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

/// `SET a, b REMOVE c` from what changes.
fn update_expression(sets: &[&str], removes: &[&str]) -> String {
    let mut expression = String::new();
    if !sets.is_empty() {
        expression.push_str(&format!("SET {}", sets.join(", ")));
    }
    if !removes.is_empty() {
        expression.push_str(&format!(" REMOVE {}", removes.join(", ")));
    }
    expression.trim_start().to_string()
}

impl Memberships<'_> {
    /// The notification level each of `users` chose for `parent`, for those who chose one (the
    /// others follow their own setting). One batch read of their rows.
    pub async fn notify_levels(
        self,
        parent: Parent,
        users: &[UserId],
    ) -> Result<HashMap<UserId, NotifyLevel>, StoreError> {
        let rows = users
            .iter()
            .map(|u| key(keys::user(*u), keys::user_parent(parent)))
            .collect();
        let mut levels = HashMap::new();
        for row in self.0.batch_get(rows).await? {
            let user = get_s(&row, PK).and_then(keys::parse_user);
            let membership: Membership = crate::items::parse(row)?;
            if let (Some(user), Some(level)) = (user, membership.notify_level) {
                levels.insert(user, level);
            }
        }
        Ok(levels)
    }
}
