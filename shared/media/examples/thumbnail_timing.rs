//! What the media crate costs on a 12-megapixel photo, the common phone picture:
//! `cargo run --release -p parley-media --example thumbnail_timing`.
//!
//! Makes a photo-like JPEG (4000 × 3000, gradients, waves and noise, quality 90, with an EXIF
//! block holding GPS), then times `inspect`, `strip_metadata` and `thumbnail` (the median of 5
//! runs each), and the resize step alone with `fast_image_resize` (what the crate uses) against
//! the `image` crate's own filters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType as ImageFilter;
use image::{ImageEncoder, RgbImage};
use media::limits::{IMAGE_MAX_PIXELS, THUMBNAIL_MAX_SIDE};

const RUNS: usize = 5;

fn main() {
    let (width, height) = (4000, 3000);
    let photo = photo_like(width, height);
    let jpeg = with_exif(&encode(&photo, 90));
    println!(
        "photo: {width} x {height} JPEG, quality 90, {} bytes",
        jpeg.len()
    );

    let (inspect, info) = median(|| media::inspect(&jpeg, IMAGE_MAX_PIXELS).unwrap());
    println!(
        "inspect:        {:>8.2} ms  ({} x {})",
        ms(inspect),
        info.width,
        info.height
    );

    let (strip, stripped) = median(|| media::strip_metadata(&jpeg, IMAGE_MAX_PIXELS).unwrap());
    println!(
        "strip_metadata: {:>8.2} ms  ({} bytes left)",
        ms(strip),
        stripped.len()
    );

    let (thumbnail, thumb) =
        median(|| media::thumbnail(&jpeg, THUMBNAIL_MAX_SIDE, IMAGE_MAX_PIXELS).unwrap());
    println!(
        "thumbnail:      {:>8.2} ms  ({} x {} {}, {} bytes)",
        ms(thumbnail),
        thumb.width,
        thumb.height,
        thumb.content_type,
        thumb.bytes.len()
    );

    let (avatar, face) = median(|| media::avatar(&jpeg, 256, IMAGE_MAX_PIXELS).unwrap());
    println!(
        "avatar:         {:>8.2} ms  ({} bytes)",
        ms(avatar),
        face.bytes.len()
    );

    let (decode, decoded) = median(|| image::load_from_memory(&jpeg).unwrap());
    println!("of which decoding the JPEG: {:>8.2} ms", ms(decode));
    let decoded = decoded.into_rgb8();

    println!("resizing 4000 x 3000 to 480 x 360 alone:");
    let (fir, _) = median(|| fir_resize(&decoded, 480, 360));
    println!("  fast_image_resize Lanczos3 (used): {:>8.2} ms", ms(fir));
    for (name, filter) in [
        ("image resize_exact Lanczos3", ImageFilter::Lanczos3),
        ("image resize_exact Triangle", ImageFilter::Triangle),
    ] {
        let (took, _) = median(|| image::imageops::resize(&decoded, 480, 360, filter));
        println!("  {name}:       {:>8.2} ms", ms(took));
    }
    let (took, _) = median(|| image::imageops::thumbnail(&decoded, 480, 360));
    println!("  image thumbnail (area average):    {:>8.2} ms", ms(took));
}

/// Runs `work` `RUNS` times; the median time and the last result.
fn median<T>(mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(work());
        times.push(started.elapsed());
    }
    times.sort();
    (times[RUNS / 2], last.unwrap())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Smooth gradients, a few waves and a little noise: it compresses like a photo (a few MB at
/// quality 90), not like a flat test card.
fn photo_like(width: u32, height: u32) -> RgbImage {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state % 25) as f32 - 12.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let wave = ((fx * 37.0).sin() * (fy * 23.0).cos()) * 30.0;
        let channel = |base: f32| (base + wave + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([
            channel(60.0 + 150.0 * fx),
            channel(90.0 + 120.0 * fy),
            channel(200.0 - 140.0 * fx * fy),
        ])
    })
}

fn encode(photo: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            photo.as_raw(),
            photo.width(),
            photo.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    bytes
}

/// An APP1 Exif segment after SOI, as a camera writes: orientation 1 and a GPS latitude.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0\x02\0".to_vec();
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0, 1, 0]);
    tiff.extend_from_slice(&[0x02, 0, 5, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(&[59, 0, 0, 0, 1, 0, 0, 0, 19, 0, 0, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&[41, 0, 0, 0, 1, 0, 0, 0]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend_from_slice(&[0xff, 0xe1]);
    bytes.extend_from_slice(&(payload.len() as u16 + 2).to_be_bytes());
    bytes.extend(payload);
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

fn fir_resize(source: &RgbImage, width: u32, height: u32) -> Vec<u8> {
    let view = ImageRef::new(
        source.width(),
        source.height(),
        source.as_raw(),
        PixelType::U8x3,
    )
    .unwrap();
    let mut target = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&view, &mut target, &options).unwrap();
    target.into_vec()
}
