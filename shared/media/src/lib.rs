//! Inspecting and transforming uploaded files: what the bytes really are, whether they agree
//! with what the sender declared, an image's size (refused before decoding when too large),
//! thumbnails, avatars, and the copy others download without its metadata.
//!
//! Pure logic over byte slices: no I/O, no async, no AWS; the REST function reads the object
//! and calls these. Every function answers a `MediaError` for bad input, never panics.

mod avatar;
mod container;
mod declared;
mod decode;
mod encode;
pub mod error;
mod image_info;
pub mod limits;
mod metadata;
mod orientation;
mod resize;
mod sniff;
mod thumbnail;

pub use avatar::avatar;
pub use declared::{check_declared, hides_markup};
pub use error::{Claim, MediaError};
pub use image_info::{ImageInfo, inspect};
pub use metadata::strip_metadata;
pub use sniff::{ImageFormat, Kind, is_safe_image, sniff};
pub use thumbnail::{Thumbnail, thumbnail};
