//! Which way up a picture is meant to be seen: its EXIF orientation, read from the container
//! without decoding. Decoding applies it; stripping metadata keeps the picture upright.

use image::metadata::Orientation;

use crate::container::{jpeg, png, webp};
use crate::sniff::ImageFormat;

/// The EXIF orientation of the picture; no transform if it has none or it cannot be read.
pub(crate) fn orientation(bytes: &[u8], format: ImageFormat) -> Orientation {
    let exif = match format {
        ImageFormat::Jpeg => jpeg::exif(bytes),
        ImageFormat::Png => png::exif(bytes),
        ImageFormat::Webp => webp::exif(bytes),
        ImageFormat::Gif => None,
    };
    exif.and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms)
}

/// Whether applying the orientation swaps width and height.
pub(crate) fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}
