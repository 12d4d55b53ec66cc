//! What the search index's migrations read: the table's message rows page by page (a Scan,
//! which only the `migrate` operator command makes, never a request). Where a run stopped is
//! kept by `store::migrations`.

use super::SearchIndex;
use crate::StoreError;
use crate::items::s;
use crate::keys::{self, SK};
use crate::migrations::RowPage;

impl SearchIndex<'_> {
    /// Up to `limit` items of the table from `start` (a `next` this gave), keeping the
    /// message rows. `None` when `start` is not one it gave.
    pub async fn message_rows(
        self,
        start: Option<&str>,
        limit: i32,
    ) -> Result<Option<RowPage>, StoreError> {
        self.0
            .migrations()
            .scan(start, limit, |scan| {
                scan.filter_expression("begins_with(#sk, :msg) OR begins_with(#sk, :reply)")
                    .expression_attribute_names("#sk", SK)
                    .expression_attribute_values(":msg", s(keys::MSG_PREFIX))
                    .expression_attribute_values(":reply", s(keys::REPLY_PREFIX))
            })
            .await
    }
}
