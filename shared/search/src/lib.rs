//! Message search, the pure part: how a text becomes index terms (`analyzer`), what a person
//! types in the search box (`query`, `filters`), and whether and where a message matches it
//! (`matching`, `snippet`). No I/O: the index and the routes are built on top of this.

pub mod analyzer;
mod dates;
pub mod filters;
mod fold;
pub mod language;
pub mod matching;
pub mod query;
mod snippet;
mod spaceless;

pub use analyzer::{Analyzer, Token};
pub use domain::search::Segment;
pub use filters::{Filters, Place};
pub use language::Language;
pub use matching::{Hits, has_link, snippet};
pub use query::{Query, QueryError, QueryErrorKind, QueryWord, parse};
