//! What a person changes about themselves on their user item: name, time zone, theme and
//! custom status. Each change is one UpdateItem (SET or REMOVE, never read-modify-write) that answers
//! the account as it is afterwards.

use aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder;
use aws_sdk_dynamodb::types::ReturnValue;
use domain::UserId;
use domain::profile::{CustomStatus, TimeZone};
use domain::user::{DisplayName, Theme, User};

use crate::StoreError;
use crate::items::{key, s, updated};
use crate::keys::{self, PROFILE};
use crate::users::{NAME_SEARCH, Users, name_search};

/// Profile fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProfileChange<'a> {
    pub display_name: Option<&'a DisplayName>,
    /// `Some(None)` forgets the time zone.
    pub time_zone: Option<Option<&'a TimeZone>>,
    pub theme: Option<Theme>,
}

impl Users<'_> {
    /// An update of `id`'s profile item that holds only while the account exists.
    fn profile_update(self, id: UserId) -> UpdateItemFluentBuilder {
        self.0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(id), PROFILE)))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", keys::PK)
            .return_values(ReturnValue::AllNew)
    }

    /// Applies `change` to `user`, keeping the roster search current with the name. `None` when
    /// the account is gone; the account unchanged when there is nothing to change.
    pub async fn change_profile(
        self,
        user: &User,
        change: ProfileChange<'_>,
    ) -> Result<Option<User>, StoreError> {
        let mut sets = Vec::new();
        let mut removes = Vec::new();
        let mut update = self.profile_update(user.id);
        if let Some(name) = change.display_name.map(DisplayName::as_str) {
            sets.push("#name = :name");
            sets.push("#search = :search");
            update = update
                .expression_attribute_names("#name", "displayName")
                .expression_attribute_names("#search", NAME_SEARCH)
                .expression_attribute_values(":name", s(name))
                .expression_attribute_values(":search", s(name_search(name)));
        }
        match change.time_zone {
            None => {}
            Some(Some(zone)) => {
                sets.push("#zone = :zone");
                update = update
                    .expression_attribute_names("#zone", "timeZone")
                    .expression_attribute_values(":zone", s(zone.as_str()));
            }
            Some(None) => {
                removes.push("#zone");
                update = update.expression_attribute_names("#zone", "timeZone");
            }
        }
        if let Some(theme) = change.theme {
            sets.push("#theme = :theme");
            update = update
                .expression_attribute_names("#theme", "theme")
                .expression_attribute_values(":theme", s(theme.as_str()));
        }
        if sets.is_empty() && removes.is_empty() {
            return self.get(user.id).await;
        }
        let mut expression = String::new();
        if !sets.is_empty() {
            expression = format!("SET {}", sets.join(", "));
        }
        if !removes.is_empty() {
            expression = format!("{expression} REMOVE {}", removes.join(", "));
        }
        updated(update.update_expression(expression.trim()).send().await)
    }

    /// Sets `id`'s custom status, replacing any. `None` when the account is gone.
    pub async fn set_custom_status(
        self,
        id: UserId,
        status: &CustomStatus,
    ) -> Result<Option<User>, StoreError> {
        let result = self
            .profile_update(id)
            .update_expression("SET #status = :status")
            .expression_attribute_names("#status", "customStatus")
            .expression_attribute_values(":status", serde_dynamo::to_attribute_value(status)?)
            .send()
            .await;
        updated(result)
    }

    /// Sets (or with `None` removes) `id`'s picture. `None` when the account is gone.
    pub async fn set_avatar(
        self,
        id: UserId,
        avatar: Option<domain::FileId>,
    ) -> Result<Option<User>, StoreError> {
        let update = self.profile_update(id);
        let update = match avatar {
            Some(avatar) => update
                .update_expression("SET #avatar = :avatar")
                .expression_attribute_values(":avatar", s(avatar.to_string())),
            None => update.update_expression("REMOVE #avatar"),
        };
        let result = update
            .expression_attribute_names("#avatar", "avatar")
            .send()
            .await;
        updated(result)
    }

    /// Clears `id`'s custom status. `None` when the account is gone.
    pub async fn clear_custom_status(self, id: UserId) -> Result<Option<User>, StoreError> {
        let result = self
            .profile_update(id)
            .update_expression("REMOVE #status")
            .expression_attribute_names("#status", "customStatus")
            .send()
            .await;
        updated(result)
    }
}
