//! The workspace's settings: one item, `WORKSPACE` / `SETTINGS`. Absent means the defaults.
//! (Per-user settings live in `settings`.)

use domain::workspace::WorkspaceSettings;

use crate::items::{item, key, parse_document};
use crate::keys::{self, PK, SK};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Workspace<'a>(pub(crate) &'a Store);

impl Workspace<'_> {
    /// The settings in force: the stored ones, or the defaults before an admin saved any.
    pub async fn settings(self) -> Result<WorkspaceSettings, StoreError> {
        let found = self
            .0
            .get_item(key(keys::WORKSPACE, keys::WORKSPACE_SETTINGS))
            .await?;
        Ok(found.map(parse_document).transpose()?.unwrap_or_default())
    }

    /// Replaces the settings (they are always saved whole).
    pub async fn save_settings(self, settings: &WorkspaceSettings) -> Result<(), StoreError> {
        let row = item(
            settings,
            &[
                (PK, keys::WORKSPACE.to_string()),
                (SK, keys::WORKSPACE_SETTINGS.to_string()),
            ],
        )?;
        self.0.put(row).await
    }
}
