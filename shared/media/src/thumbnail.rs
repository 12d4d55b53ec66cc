//! The small picture the message list shows in place of the image.

use crate::decode;
use crate::encode;
use crate::error::MediaError;
use crate::resize::{fit_within, resize};
use crate::sniff::ImageFormat;

/// An encoded preview: a thumbnail or an avatar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub bytes: Vec<u8>,
    /// JPEG, or PNG when some pixel is transparent.
    pub format: ImageFormat,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

impl Thumbnail {
    pub(crate) fn new(bytes: Vec<u8>, format: ImageFormat, (width, height): (u32, u32)) -> Self {
        Thumbnail {
            bytes,
            format,
            content_type: format.content_type(),
            width,
            height,
        }
    }
}

/// The picture upright (EXIF orientation applied), scaled to fit in `max_side` × `max_side`
/// with its aspect ratio (never enlarged), as a JPEG, or a PNG if it has transparent pixels.
/// An animation gives its first frame. Refused before decoding past `max_pixels`.
pub fn thumbnail(bytes: &[u8], max_side: u32, max_pixels: u64) -> Result<Thumbnail, MediaError> {
    let (format, image) = decode::decode_upright(bytes, max_pixels)?;
    let (width, height) = (image.width(), image.height());
    let size = fit_within(width, height, max_side.max(1));
    let small = resize(&image, (0, 0, width, height), size, format.kind())?;
    let (bytes, format) = encode::preview(&small, format.kind())?;
    Ok(Thumbnail::new(bytes, format, size))
}
