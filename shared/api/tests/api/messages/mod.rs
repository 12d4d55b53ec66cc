//! Messages through the API: sending and the body rules, the history, edits and soft deletes,
//! threads, reactions, pins and mentions.

mod edits;
mod history;
mod history_of_edits;
mod mentions;
mod pins;
mod reactions;
mod sending;
mod threads;
