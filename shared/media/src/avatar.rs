//! A person's picture: a square from the middle of what they uploaded.

use crate::decode;
use crate::encode;
use crate::error::MediaError;
use crate::resize::{centre_square, resize};
use crate::thumbnail::Thumbnail;

/// The picture upright (EXIF orientation applied), the largest square in its middle, scaled
/// to `side` × `side` (up or down: an avatar always has the same size), as a JPEG, or a PNG if
/// it has transparent pixels. An animation gives its first frame. Refused before decoding past
/// `max_pixels`, and so is a `side` whose square would be larger.
pub fn avatar(bytes: &[u8], side: u32, max_pixels: u64) -> Result<Thumbnail, MediaError> {
    let side = side.max(1);
    if u64::from(side) * u64::from(side) > max_pixels {
        return Err(MediaError::TooManyPixels {
            width: side,
            height: side,
            max_pixels,
        });
    }
    let (format, image) = decode::decode_upright(bytes, max_pixels)?;
    let kind = format.kind();
    let (left, top, square) = centre_square(image.width(), image.height());
    let small = resize(&image, (left, top, square, square), (side, side), kind)?;
    let (bytes, format) = encode::preview(&small, kind)?;
    Ok(Thumbnail::new(bytes, format, (side, side)))
}
