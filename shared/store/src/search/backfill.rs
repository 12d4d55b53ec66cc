//! What `migrate search-index` reads: the table's message rows page by page (a Scan, which
//! only this operator command makes, never a request), and its progress, kept in the table so
//! an interrupted run goes on where it stopped.

use serde::{Deserialize, Serialize};

use super::SearchIndex;
use crate::items::{Item, item, key, parse_document, s};
use crate::keys::{self, META, PK, SK};
use crate::{StoreError, cursor};

/// A page of message rows and where the next starts (`None` at the end of the table).
pub struct RowPage {
    pub rows: Vec<Item>,
    /// Items the page read, message rows or not: what the scan has covered.
    pub scanned: usize,
    pub next: Option<String>,
}

/// How far a run got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Progress {
    /// Where the scan goes on; `None` before the first page and after the last.
    pub next: Option<String>,
    pub scanned: u64,
    pub messages: u64,
    pub written: u64,
    pub done: bool,
}

impl SearchIndex<'_> {
    /// Up to `limit` items of the table from `start` (a `next` this gave), keeping the
    /// message rows. `None` when `start` is not one it gave.
    pub async fn message_rows(
        self,
        start: Option<&str>,
        limit: i32,
    ) -> Result<Option<RowPage>, StoreError> {
        let start = match start {
            Some(c) => match cursor::decode_key(c, &[PK, SK]) {
                Some(k) => Some(k),
                None => return Ok(None),
            },
            None => None,
        };
        let out = self
            .0
            .client
            .scan()
            .table_name(self.0.table())
            .filter_expression("begins_with(#sk, :msg) OR begins_with(#sk, :reply)")
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":msg", s(keys::MSG_PREFIX))
            .expression_attribute_values(":reply", s(keys::REPLY_PREFIX))
            .set_exclusive_start_key(start)
            .limit(limit)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Scan", e))?;
        let scanned = usize::try_from(out.scanned_count).unwrap_or(0);
        Ok(Some(RowPage {
            rows: out.items.unwrap_or_default(),
            scanned,
            next: out.last_evaluated_key.as_ref().map(cursor::encode_key),
        }))
    }

    pub async fn progress(self, name: &str) -> Result<Progress, StoreError> {
        match self.0.get_item(key(keys::migration(name), META)).await? {
            Some(row) => parse_document(row),
            None => Ok(Progress::default()),
        }
    }

    pub async fn save_progress(self, name: &str, progress: &Progress) -> Result<(), StoreError> {
        let row = item(progress, &[(PK, keys::migration(name)), (SK, META.into())])?;
        self.0.put(row).await
    }
}
