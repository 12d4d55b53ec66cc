//! Writing pictures back out: previews (thumbnails, avatars) and upright copies.

use image::codecs::{jpeg::JpegEncoder, png::PngEncoder, webp::WebPEncoder};
use image::{DynamicImage, ImageEncoder};

use crate::error::MediaError;
use crate::limits::{THUMBNAIL_JPEG_QUALITY, UPRIGHT_JPEG_QUALITY};
use crate::sniff::{ImageFormat, Kind};

/// A small picture for the message list or an avatar: JPEG, unless some pixel is (partly)
/// transparent, then PNG so the transparency survives. An RGBA picture whose pixels are all
/// opaque (a screenshot saved with an alpha channel) is a JPEG.
pub(crate) fn preview(
    image: &DynamicImage,
    kind: Kind,
) -> Result<(Vec<u8>, ImageFormat), MediaError> {
    let mut bytes = Vec::new();
    let format = if has_transparency(image) {
        write(image, PngEncoder::new(&mut bytes), kind)?;
        ImageFormat::Png
    } else {
        write(
            image,
            JpegEncoder::new_with_quality(&mut bytes, THUMBNAIL_JPEG_QUALITY),
            kind,
        )?;
        ImageFormat::Jpeg
    };
    Ok((bytes, format))
}

/// The picture in `format` again (a JPEG at `UPRIGHT_JPEG_QUALITY`, PNG and WebP lossless),
/// with its colour profile if it had one.
pub(crate) fn same_format(
    image: &DynamicImage,
    format: ImageFormat,
    icc_profile: Option<Vec<u8>>,
) -> Result<Vec<u8>, MediaError> {
    let mut bytes = Vec::new();
    let kind = format.kind();
    match format {
        ImageFormat::Jpeg => {
            let encoder = JpegEncoder::new_with_quality(&mut bytes, UPRIGHT_JPEG_QUALITY);
            write(image, with_profile(encoder, icc_profile), kind)?;
        }
        ImageFormat::Png => write(
            image,
            with_profile(PngEncoder::new(&mut bytes), icc_profile),
            kind,
        )?,
        ImageFormat::Webp => {
            let encoder = WebPEncoder::new_lossless(&mut bytes);
            write(image, with_profile(encoder, icc_profile), kind)?;
        }
        // A GIF has no EXIF orientation, so it is never re-encoded.
        ImageFormat::Gif => return Err(MediaError::Unsupported { kind }),
    }
    Ok(bytes)
}

fn with_profile<E: ImageEncoder>(mut encoder: E, icc_profile: Option<Vec<u8>>) -> E {
    if let Some(profile) = icc_profile {
        // An encoder that cannot carry a profile writes the pixels without it.
        let _ = encoder.set_icc_profile(profile);
    }
    encoder
}

fn write(image: &DynamicImage, encoder: impl ImageEncoder, kind: Kind) -> Result<(), MediaError> {
    image
        .write_with_encoder(encoder)
        .map_err(|_| MediaError::Unsupported { kind })
}

fn has_transparency(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageRgba8(pixels) => pixels.pixels().any(|pixel| pixel.0[3] < u8::MAX),
        other if other.color().has_alpha() => {
            other.to_rgba8().pixels().any(|pixel| pixel.0[3] < u8::MAX)
        }
        _ => false,
    }
}
