//! The search index, kept in the table beside what it indexes: postings under
//! `SRCH#<parent>` (see `keys::search_partition`), written from the table's stream by the
//! `search-index` function, never on the send path. `terms` says what a message is found by,
//! `apply` keeps the rows in line with changes, `read` serves queries.

mod apply;
mod backfill;
mod read;
pub mod terms;

pub use read::{PREFIX_POSTINGS_MAX, Posting, Postings, Terms, Window};

use crate::Store;
use crate::items::Item;

/// One change of an item, as the table's stream reports it: its keys, its image before and
/// after, and the stream's sequence number (the order of changes to one item).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub keys: Item,
    pub old: Option<Item>,
    pub new: Option<Item>,
    pub sequence: String,
}

#[derive(Clone, Copy)]
pub struct SearchIndex<'a>(pub(crate) &'a Store);

impl Store {
    pub fn search_index(&self) -> SearchIndex<'_> {
        SearchIndex(self)
    }
}
