//! Per-user settings: `USER#<uid>` / `SETTINGS#notifications`. Absent means the defaults.

use std::collections::HashMap;

use domain::UserId;
use domain::notifications::NotificationSettings;

use crate::items::{get_s, item, key, parse_document};
use crate::keys::{self, PK, SK};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Settings<'a>(pub(crate) &'a Store);

impl Settings<'_> {
    pub async fn notifications(self, user: UserId) -> Result<NotificationSettings, StoreError> {
        let found = self
            .0
            .get_item(key(keys::user(user), keys::NOTIFICATION_SETTINGS))
            .await?;
        Ok(found.map(parse_document).transpose()?.unwrap_or_default())
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
        self.0.put(row).await
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
            let user = get_s(&row, PK).and_then(keys::parse_user);
            if let Some(user) = user {
                found.insert(user, parse_document(row)?);
            }
        }
        Ok(users
            .iter()
            .map(|u| (*u, found.remove(u).unwrap_or_default()))
            .collect())
    }
}
