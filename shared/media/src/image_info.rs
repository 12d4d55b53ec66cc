//! What an image is, from its header alone.

use crate::decode;
use crate::error::MediaError;
use crate::sniff::ImageFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: ImageFormat,
    /// Width and height as a person sees the picture: a photo stored sideways with an EXIF
    /// orientation of 90° has them swapped, as in its upright copy (`strip_metadata`).
    pub width: u32,
    pub height: u32,
    /// More than one frame: a GIF with several images, an animated WebP or PNG.
    pub animated: bool,
}

/// Reads the header of a PNG, JPEG, GIF or WebP image and refuses it, before anything is
/// decoded, if it has more than `max_pixels` pixels. Anything else is `Unsupported`. The
/// container is walked to its end without decompressing anything (a 12-megapixel JPEG takes a
/// few milliseconds), so a file cut short is refused here as it would be when decoded.
pub fn inspect(bytes: &[u8], max_pixels: u64) -> Result<ImageInfo, MediaError> {
    let opened = decode::open(bytes, max_pixels)?;
    let (width, height) = opened.upright_dimensions();
    Ok(ImageInfo {
        format: opened.format,
        width,
        height,
        animated: opened.animated,
    })
}
