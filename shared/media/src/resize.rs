//! Scaling pictures down for thumbnails and avatars.
//!
//! `fast_image_resize` does the work: on a 12-megapixel photo its SIMD convolution is several
//! times faster than the `image` crate's own filters at the same quality (the `thumbnail_timing`
//! example measures both).

use std::borrow::Cow;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage, RgbaImage};

use crate::error::MediaError;
use crate::sniff::Kind;

/// The largest size within `max_side` × `max_side` with the picture's aspect ratio; never
/// larger than the picture, never 0.
pub(crate) fn fit_within(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_side {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longer) / 2) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(max_side).clamp(1, max_side)
    };
    (scale(width), scale(height))
}

/// A square of side `min(width, height)` in the middle of the picture: (left, top, side).
pub(crate) fn centre_square(width: u32, height: u32) -> (u32, u32, u32) {
    let side = width.min(height);
    ((width - side) / 2, (height - side) / 2, side)
}

/// The part of `image` inside `crop` (left, top, width, height), scaled to `to`. The result is
/// 8-bit RGB, or RGBA if the picture has an alpha channel. `kind` names the picture in an error.
pub(crate) fn resize(
    image: &DynamicImage,
    crop: (u32, u32, u32, u32),
    to: (u32, u32),
    kind: Kind,
) -> Result<DynamicImage, MediaError> {
    let (left, top, width, height) = crop;
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(
            f64::from(left),
            f64::from(top),
            f64::from(width),
            f64::from(height),
        );
    let scaled = if image.color().has_alpha() {
        let source = rgba8(image);
        scale(&source, source.dimensions(), PixelType::U8x4, to, &options)
            .and_then(|pixels| RgbaImage::from_raw(to.0, to.1, pixels).map(DynamicImage::from))
    } else {
        let source = rgb8(image);
        scale(&source, source.dimensions(), PixelType::U8x3, to, &options)
            .and_then(|pixels| RgbImage::from_raw(to.0, to.1, pixels).map(DynamicImage::from))
    };
    // Only a mistake of ours (a crop outside the picture) could fail here.
    scaled.ok_or_else(|| MediaError::undecodable(kind, "the picture could not be scaled"))
}

fn scale(
    pixels: &[u8],
    (width, height): (u32, u32),
    pixel_type: PixelType,
    to: (u32, u32),
    options: &ResizeOptions,
) -> Option<Vec<u8>> {
    let source = ImageRef::new(width, height, pixels, pixel_type).ok()?;
    let mut target = Image::new(to.0, to.1, pixel_type);
    Resizer::new().resize(&source, &mut target, options).ok()?;
    Some(target.into_vec())
}

/// The picture as 8-bit RGB, borrowed when it already is (a decoded JPEG), so a 12-megapixel
/// photo is not copied once more.
fn rgb8(image: &DynamicImage) -> Cow<'_, RgbImage> {
    match image {
        DynamicImage::ImageRgb8(pixels) => Cow::Borrowed(pixels),
        other => Cow::Owned(other.to_rgb8()),
    }
}

fn rgba8(image: &DynamicImage) -> Cow<'_, RgbaImage> {
    match image {
        DynamicImage::ImageRgba8(pixels) => Cow::Borrowed(pixels),
        other => Cow::Owned(other.to_rgba8()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_the_longer_side_and_never_enlarges() {
        assert_eq!(fit_within(4000, 3000, 480), (480, 360));
        assert_eq!(fit_within(3000, 4000, 480), (360, 480));
        assert_eq!(fit_within(100, 50, 480), (100, 50));
        assert_eq!(fit_within(100_000, 1, 480), (480, 1));
        assert_eq!(fit_within(u32::MAX, u32::MAX, 480), (480, 480));
    }

    #[test]
    fn the_centre_square_is_centred() {
        assert_eq!(centre_square(300, 200), (50, 0, 200));
        assert_eq!(centre_square(200, 301), (0, 50, 200));
    }
}
