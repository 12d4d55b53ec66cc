//! Opening an image: its header read, its size checked against the pixel limit before any
//! pixel is decoded, and the decoder bound by `image::Limits` so a lying header cannot make it
//! allocate more than was checked.

use std::io::Cursor;

use image::codecs::{gif::GifDecoder, jpeg::JpegDecoder, png::PngDecoder, webp::WebPDecoder};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, Limits};

use crate::container::{self, gif, png};
use crate::error::MediaError;
use crate::limits::DECODE_MAX_ALLOC_BYTES;
use crate::orientation;
use crate::sniff::{ImageFormat, sniff};

/// An image whose header has been read and whose size is within the limit.
pub(crate) struct Opened<'a> {
    pub format: ImageFormat,
    /// As stored, before any EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub animated: bool,
    pub orientation: Orientation,
    max_pixels: u64,
    decoder: Box<dyn ImageDecoder + 'a>,
}

/// Reads the header of `bytes` (PNG, JPEG, GIF or WebP, by their signature) and refuses it if
/// it has more than `max_pixels` pixels.
pub(crate) fn open(bytes: &[u8], max_pixels: u64) -> Result<Opened<'_>, MediaError> {
    let kind = sniff(bytes);
    let format = kind
        .image_format()
        .ok_or(MediaError::Unsupported { kind })?;
    // PNG and GIF say their size at a fixed place: check it before a decoder reads further
    // (a PNG decoder reads every chunk before the image data, text chunks included).
    let early = match format {
        ImageFormat::Png => png::dimensions(bytes),
        ImageFormat::Gif => gif::dimensions(bytes),
        ImageFormat::Jpeg | ImageFormat::Webp => None,
    };
    if let Some((width, height)) = early {
        check_pixels(width, height, max_pixels)?;
    }
    // A file cut short or broken in its structure is refused the same way by every function,
    // whatever a decoder would make of it (a JPEG decoder fills missing data with grey).
    container::check(bytes, format).map_err(|why| MediaError::undecodable(kind, why))?;
    let failed = |err| from_image_error(format, err, None, max_pixels);
    let cursor = Cursor::new(bytes);
    let (mut decoder, animated): (Box<dyn ImageDecoder>, bool) = match format {
        ImageFormat::Png => {
            let decoder = PngDecoder::with_limits(cursor, alloc_limits()).map_err(failed)?;
            (Box::new(decoder), png::is_animated(bytes))
        }
        ImageFormat::Jpeg => (Box::new(JpegDecoder::new(cursor).map_err(failed)?), false),
        ImageFormat::Gif => {
            let frames =
                gif::frame_count(bytes).map_err(|why| MediaError::undecodable(kind, why))?;
            (
                Box::new(GifDecoder::new(cursor).map_err(failed)?),
                frames > 1,
            )
        }
        ImageFormat::Webp => {
            let decoder = WebPDecoder::new(cursor).map_err(failed)?;
            let animated = decoder.has_animation();
            (Box::new(decoder), animated)
        }
    };
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(MediaError::undecodable(kind, "the image has no pixels"));
    }
    check_pixels(width, height, max_pixels)?;
    let mut limits = alloc_limits();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    decoder
        .set_limits(limits)
        .map_err(|err| from_image_error(format, err, Some((width, height)), max_pixels))?;
    Ok(Opened {
        format,
        width,
        height,
        animated,
        orientation: orientation::orientation(bytes, format),
        max_pixels,
        decoder,
    })
}

impl Opened<'_> {
    /// Width and height as a person sees the picture, its EXIF orientation applied.
    pub fn upright_dimensions(&self) -> (u32, u32) {
        if orientation::swaps_sides(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// The embedded colour profile, if any (and readable).
    pub fn icc_profile(&mut self) -> Option<Vec<u8>> {
        self.decoder.icc_profile().ok().flatten()
    }

    /// Decodes the pixels (the first frame of an animation), as stored: the caller applies
    /// `orientation` if it wants the picture upright.
    pub fn decode(self) -> Result<DynamicImage, MediaError> {
        let dimensions = Some((self.width, self.height));
        let (format, max_pixels) = (self.format, self.max_pixels);
        DynamicImage::from_decoder(self.decoder)
            .map_err(|err| from_image_error(format, err, dimensions, max_pixels))
    }
}

/// Decodes `bytes` (the first frame of an animation) and turns the picture upright.
pub(crate) fn decode_upright(
    bytes: &[u8],
    max_pixels: u64,
) -> Result<(ImageFormat, DynamicImage), MediaError> {
    let opened = open(bytes, max_pixels)?;
    let (format, orientation) = (opened.format, opened.orientation);
    let mut image = opened.decode()?;
    image.apply_orientation(orientation);
    Ok((format, image))
}

fn check_pixels(width: u32, height: u32, max_pixels: u64) -> Result<(), MediaError> {
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            max_pixels,
        });
    }
    Ok(())
}

fn alloc_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(DECODE_MAX_ALLOC_BYTES);
    limits
}

fn from_image_error(
    format: ImageFormat,
    err: ImageError,
    dimensions: Option<(u32, u32)>,
    max_pixels: u64,
) -> MediaError {
    let kind = format.kind();
    match (err, dimensions) {
        (ImageError::Unsupported(_), _) => MediaError::Unsupported { kind },
        (ImageError::Limits(_), Some((width, height))) => MediaError::TooManyPixels {
            width,
            height,
            max_pixels,
        },
        (err, _) => MediaError::undecodable(kind, err),
    }
}
