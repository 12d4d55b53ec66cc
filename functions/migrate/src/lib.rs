//! The `migrate` operator tool's library: versioned data migrations (`catalog`) and the runner
//! that applies them page by page with checkpoints (`runner`). `main.rs` is the CLI and Lambda
//! entry around them.

pub mod catalog;
pub mod export;
mod progress;
pub mod runner;
