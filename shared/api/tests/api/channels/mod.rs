//! Channels through the API: names, slugs, the directory, archive, #general, members and roles.

mod directory;
mod lifecycle;
mod members;
mod names;
mod preview;
mod roles;
