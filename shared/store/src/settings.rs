//! Per-user settings: `USER#<uid>` / `SETTINGS#notifications`. Absent means the defaults.

use std::collections::HashMap;

use domain::UserId;
use domain::notifications::NotificationSettings;

use crate::items::{get_s, item, key, parse};
use crate::keys::{self, PK, SK};
use crate::{Store, StoreError};

/// The settings in a row, without its keys (the settings type accepts its own fields only).
fn settings_of(mut row: crate::items::Item) -> Result<NotificationSettings, StoreError> {
    row.remove(PK);
    row.remove(SK);
    parse(row)
}

#[derive(Clone, Copy)]
pub struct Settings<'a>(pub(crate) &'a Store);

impl Settings<'_> {
    pub async fn notifications(self, user: UserId) -> Result<NotificationSettings, StoreError> {
        let found = self
            .0
            .get_item(key(keys::user(user), keys::NOTIFICATION_SETTINGS))
            .await?;
        Ok(found.map(settings_of).transpose()?.unwrap_or_default())
    }

    pub async fn set_notifications(
        self,
        user: UserId,
        settings: &NotificationSettings,
    ) -> Result<(), StoreError> {
        let row = item(
            settings,
            &[
                (PK, keys::user(user)),
                (SK, keys::NOTIFICATION_SETTINGS.to_string()),
            ],
        )?;
        self.0
            .client
            .put_item()
            .table_name(&self.0.table)
            .set_item(Some(row))
            .send()
            .await
            .map_err(|e| StoreError::dynamo("PutItem", e))?;
        Ok(())
    }

    /// Several users' notification settings in one BatchGetItem (defaults for the others).
    pub async fn notifications_of(
        self,
        users: &[UserId],
    ) -> Result<HashMap<UserId, NotificationSettings>, StoreError> {
        let rows = self
            .0
            .batch_get(
                users
                    .iter()
                    .map(|u| key(keys::user(*u), keys::NOTIFICATION_SETTINGS))
                    .collect(),
            )
            .await?;
        let mut found: HashMap<UserId, NotificationSettings> = HashMap::new();
        for row in rows {
            let user: Option<UserId> = get_s(&row, PK)
                .and_then(|pk| pk.strip_prefix("USER#"))
                .and_then(|id| id.parse().ok());
            if let Some(user) = user {
                found.insert(user, settings_of(row)?);
            }
        }
        Ok(users
            .iter()
            .map(|u| (*u, found.remove(u).unwrap_or_default()))
            .collect())
    }
}
