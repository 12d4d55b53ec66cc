//! Message search, the pure part: how a text becomes index terms (`analyzer`), what a person
//! types in the search box (`query`, `filters`), and whether and where a message matches it
//! (`matching`, `snippet`). No I/O: the index and the routes are built on top of this.

pub mod analyzer;
mod fold;
pub mod language;
mod spaceless;

pub use analyzer::{Analyzer, Token};
pub use language::Language;
