//! What the search index's migrations read: the table's message rows page by page (a Scan,
//! which only the `migrate` operator command makes, never a request). Where a run stopped is
//! kept by `store::migrations`.

use super::SearchIndex;
use crate::items::s;
use crate::keys::{self, PK, SK};
use crate::migrations::RowPage;
use crate::{StoreError, cursor};

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
}
