//! Data migrations' records: which ones ran and where a running one stopped, so `migrate` knows
//! what is pending and an interrupted run goes on from its checkpoint. One partition holds them
//! all (`MIGRATIONS` / `V#0002` for a versioned migration, `TASK#<name>` for a repeatable
//! operator task such as re-analysing the search index), read with one Query.

use aws_sdk_dynamodb::operation::scan::builders::ScanFluentBuilder;
use domain::Timestamp;
use serde::{Deserialize, Serialize};

use crate::items::{Item, item, key, parse_document};
use crate::keys::{self, PK, SK};
use crate::{Store, StoreError, cursor};

/// A page of a scan and where the next starts (`None` at the end of the table).
pub struct RowPage {
    pub rows: Vec<Item>,
    /// Items the page read, kept or not: what the scan has covered.
    pub scanned: usize,
    pub next: Option<String>,
}

/// Where one migration (or task) stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Checkpoint {
    /// Where the next page starts (the migration's own cursor); `None` before the first page
    /// and once it is done.
    pub next: Option<String>,
    /// Items (or rows) read so far, and how many of them it changed.
    pub scanned: u64,
    pub changed: u64,
    pub started_at: Option<Timestamp>,
    /// Set when it finished: a versioned migration is then applied and never runs again.
    pub finished_at: Option<Timestamp>,
}

impl Checkpoint {
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }
}

/// What a record is kept under in the migrations partition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordKey {
    Version(u32),
    Task(String),
}

impl RecordKey {
    fn sort_key(&self) -> String {
        match self {
            RecordKey::Version(v) => keys::migration_version(*v),
            RecordKey::Task(name) => keys::migration_task(name),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Migrations<'a>(pub(crate) &'a Store);

impl Migrations<'_> {
    /// Every versioned migration's record, by version.
    pub async fn versions(self) -> Result<Vec<(u32, Checkpoint)>, StoreError> {
        let mut found = Vec::new();
        let mut start = None;
        loop {
            let out = self
                .0
                .prefix_query(keys::MIGRATIONS.into(), keys::MIGRATION_VERSION_PREFIX)
                .consistent_read(true)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| StoreError::dynamo("Query", e))?;
            for row in out.items.unwrap_or_default() {
                let Some(version) =
                    crate::items::get_s(&row, SK).and_then(keys::parse_migration_version)
                else {
                    continue;
                };
                found.push((version, parse_document(row)?));
            }
            start = out.last_evaluated_key;
            if start.is_none() {
                break;
            }
        }
        found.sort_by_key(|(v, _)| *v);
        Ok(found)
    }

    /// One record; the default (nothing done) when there is none.
    pub async fn get(self, at: &RecordKey) -> Result<Checkpoint, StoreError> {
        match self
            .0
            .get_item(key(keys::MIGRATIONS, at.sort_key()))
            .await?
        {
            Some(row) => parse_document(row),
            None => Ok(Checkpoint::default()),
        }
    }

    pub async fn save(self, at: &RecordKey, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        let row = item(
            checkpoint,
            &[(PK, keys::MIGRATIONS.into()), (SK, at.sort_key())],
        )?;
        self.0.put(row).await
    }

    /// Up to `limit` items of the whole table from `start` (a `next` this gave; `Ok(None)` for
    /// one it did not): what `migrate export` reads. A Scan, which only operator commands make.
    pub async fn scan_page(
        self,
        start: Option<&str>,
        limit: i32,
    ) -> Result<Option<RowPage>, StoreError> {
        self.scan(start, limit, |scan| scan).await
    }

    /// A page of a Scan shaped by `shape` (a filter, say), from `start` (a `next` this gave;
    /// `Ok(None)` for one it did not). The one place the operator commands' scans page.
    pub(crate) async fn scan(
        self,
        start: Option<&str>,
        limit: i32,
        shape: impl FnOnce(ScanFluentBuilder) -> ScanFluentBuilder,
    ) -> Result<Option<RowPage>, StoreError> {
        let start = match start {
            Some(c) => match cursor::decode_key(c, &[PK, SK]) {
                Some(k) => Some(k),
                None => return Ok(None),
            },
            None => None,
        };
        let scan = self
            .0
            .client
            .scan()
            .table_name(self.0.table())
            .set_exclusive_start_key(start)
            .limit(limit);
        let out = shape(scan)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Scan", e))?;
        Ok(Some(RowPage {
            rows: out.items.unwrap_or_default(),
            scanned: usize::try_from(out.scanned_count).unwrap_or(0),
            next: out.last_evaluated_key.as_ref().map(cursor::encode_key),
        }))
    }

    /// About how many items the table holds (DynamoDB updates this every six hours or so): what
    /// a scan's "time left" is estimated from.
    pub async fn approximate_items(self) -> Result<u64, StoreError> {
        let out = self
            .0
            .client
            .describe_table()
            .table_name(self.0.table())
            .send()
            .await
            .map_err(|e| StoreError::dynamo("DescribeTable", e))?;
        Ok(out
            .table
            .and_then(|t| t.item_count)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0))
    }
}
