//! The media crate against images made in code: what is refused and why, what thumbnails,
//! avatars and stripped copies look like, and that no input makes it panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod avatars;
mod declared;
mod fixtures;
mod fuzz;
mod inspect;
mod strip;
mod thumbnails;
