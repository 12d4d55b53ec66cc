//! Channels: creation and slug locks, renames, #general, memberships and the owner count,
//! archiving, the public directory and member pages.

mod archive;
mod creation;
mod directory;
mod members;
mod owners;
