//! The bucket's layout, written only here (docs/contract.md lists it for the template's
//! lifecycle rules and permissions).
//!
//! - `pending/<user>/<upload>`: what a browser PUTs; expired by a lifecycle rule after a day.
//! - `files/<file>`: the checked (for images, cleaned) copy a message carries.
//! - `thumbs/<file>`: an image's thumbnail.
//! - `avatars/<user>/<avatar>`: profile pictures.

use domain::{FileId, UploadId, UserId};

pub fn pending(user: UserId, upload: UploadId) -> String {
    format!("pending/{user}/{upload}")
}

pub fn file(file: FileId) -> String {
    format!("files/{file}")
}

pub fn thumbnail(file: FileId) -> String {
    format!("thumbs/{file}")
}

pub fn avatar(user: UserId, avatar: FileId) -> String {
    format!("avatars/{user}/{avatar}")
}
