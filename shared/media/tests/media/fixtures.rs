//! Images made in code for the tests: encoded with the `image` crate, with metadata written by
//! hand where the encoders write none.

use std::io::Cursor;

use image::codecs::gif::{GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::{Delay, DynamicImage, Frame, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// A deterministic pseudo-random generator (xorshift64*), so every run sees the same bytes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Something like a photo: smooth gradients with noise, so it does not compress to nothing.
pub fn photo(width: u32, height: u32) -> RgbImage {
    let mut rng = Rng::new(u64::from(width) << 32 | u64::from(height));
    let mut pixels = RgbImage::new(width, height);
    for (x, y, pixel) in pixels.enumerate_pixels_mut() {
        let noise = (rng.next() % 24) as u32;
        let r = (x * 200 / width.max(1) + noise) as u8;
        let g = (y * 200 / height.max(1) + noise) as u8;
        let b = ((x + y) * 100 / (width + height).max(1) + noise) as u8;
        *pixel = Rgb([r, g, b]);
    }
    pixels
}

/// A picture in halves: `left` on the left, `right` on the right.
pub fn halves(width: u32, height: u32, left: [u8; 3], right: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        Rgb(if x < width / 2 { left } else { right })
    })
}

pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    bytes
}

pub fn png(image: &DynamicImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

pub fn webp(image: &DynamicImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = WebPEncoder::new_lossless(&mut bytes);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).unwrap();
    }
    image.write_with_encoder(encoder).unwrap();
    bytes
}

/// A looping GIF of these frames, 10 ms apart.
pub fn gif(frames: &[RgbaImage]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        encoder.set_repeat(Repeat::Infinite).unwrap();
        for frame in frames {
            let delay = Delay::from_numer_denom_ms(10, 1);
            encoder
                .encode_frame(Frame::from_parts(frame.clone(), 0, 0, delay))
                .unwrap();
        }
    }
    bytes
}

pub fn solid_rgba(width: u32, height: u32, colour: [u8; 4]) -> RgbaImage {
    RgbaImage::from_pixel(width, height, Rgba(colour))
}

/// Recognisable GPS coordinates (59° 19' 41.37" N, 18° 4' 6.120" E) as EXIF rationals: the test
/// looks for these bytes after stripping.
pub const GPS_LATITUDE: [u8; 24] = [
    59, 0, 0, 0, 1, 0, 0, 0, 19, 0, 0, 0, 1, 0, 0, 0, 0x29, 0x10, 0, 0, 100, 0, 0, 0,
];
pub const GPS_LONGITUDE: [u8; 24] = [
    18, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0xe8, 0x17, 0, 0, 0xe8, 0x03, 0, 0,
];

/// A little-endian EXIF (TIFF) structure: IFD0 with the orientation, if given, and a pointer
/// to a GPS IFD holding `GPS_LATITUDE` and `GPS_LONGITUDE`.
pub fn exif(orientation: Option<u16>) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut bytes = tag.to_le_bytes().to_vec();
        bytes.extend_from_slice(&kind.to_le_bytes());
        bytes.extend_from_slice(&count.to_le_bytes());
        bytes.extend_from_slice(&value);
        bytes
    };
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    let ifd0_entries = 1 + u16::from(orientation.is_some());
    let ifd0_len = 2 + 12 * u32::from(ifd0_entries) + 4;
    let gps_ifd = 8 + ifd0_len;
    let gps_len = 2 + 12 * 4 + 4;
    let latitude_at = gps_ifd + gps_len;
    let longitude_at = latitude_at + 24;

    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&ifd0_entries.to_le_bytes());
    if let Some(orientation) = orientation {
        let [a, b] = orientation.to_le_bytes();
        tiff.extend(entry(0x0112, SHORT, 1, [a, b, 0, 0]));
    }
    tiff.extend(entry(0x8825, LONG, 1, gps_ifd.to_le_bytes()));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend(entry(0x0001, ASCII, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, RATIONAL, 3, latitude_at.to_le_bytes()));
    tiff.extend(entry(0x0003, ASCII, 2, *b"E\0\0\0"));
    tiff.extend(entry(0x0004, RATIONAL, 3, longitude_at.to_le_bytes()));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&GPS_LATITUDE);
    tiff.extend_from_slice(&GPS_LONGITUDE);
    tiff
}

/// A JPEG segment: marker, length, payload.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xff, marker];
    bytes.extend_from_slice(&(payload.len() as u16 + 2).to_be_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// `jpeg` with these segments inserted right after SOI.
pub fn jpeg_with(jpeg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = jpeg[..2].to_vec();
    for segment in segments {
        bytes.extend_from_slice(segment);
    }
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

/// `jpeg` with an APP1 Exif segment (GPS, and the orientation if given) right after SOI.
pub fn jpeg_with_exif(jpeg: &[u8], orientation: Option<u16>) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(exif(orientation));
    jpeg_with(jpeg, &[segment(0xe1, &payload)])
}

/// A PNG chunk with a valid CRC.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut bytes = (data.len() as u32).to_be_bytes().to_vec();
    bytes.extend_from_slice(kind);
    bytes.extend_from_slice(data);
    let crc = crc32(&bytes[4..]);
    bytes.extend_from_slice(&crc.to_be_bytes());
    bytes
}

/// `png` with these chunks inserted right after IHDR.
pub fn png_with(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let after_ihdr = 8 + 12 + 13;
    let mut bytes = png[..after_ihdr].to_vec();
    for chunk in chunks {
        bytes.extend_from_slice(chunk);
    }
    bytes.extend_from_slice(&png[after_ihdr..]);
    bytes
}

/// An animated PNG of two frames showing `image`: acTL and the first frame's fcTL before the
/// image data, then a second frame (fcTL and fdAT) repeating it.
pub fn apng(image: &DynamicImage) -> Vec<u8> {
    let png = png(image);
    let idat_at = png.windows(4).position(|kind| kind == b"IDAT").unwrap() - 4;
    let length = u32::from_be_bytes(png[idat_at..idat_at + 4].try_into().unwrap()) as usize;
    let idat = png[idat_at + 8..idat_at + 8 + length].to_vec();
    let frame_control = |sequence: u32| {
        let mut data = sequence.to_be_bytes().to_vec();
        data.extend_from_slice(&image.width().to_be_bytes());
        data.extend_from_slice(&image.height().to_be_bytes());
        data.extend_from_slice(&[0; 8]);
        data.extend_from_slice(&[0, 10, 0, 100, 0, 0]);
        chunk(b"fcTL", &data)
    };
    let mut animation_control = 2u32.to_be_bytes().to_vec();
    animation_control.extend_from_slice(&0u32.to_be_bytes());
    let mut bytes = png_with(
        &png,
        &[chunk(b"acTL", &animation_control), frame_control(0)],
    );
    let iend = bytes.len() - 12;
    let mut frame_data = 2u32.to_be_bytes().to_vec();
    frame_data.extend_from_slice(&idat);
    let mut tail = frame_control(1);
    tail.extend(chunk(b"fdAT", &frame_data));
    bytes.splice(iend..iend, tail);
    bytes
}

/// A PNG whose IHDR claims `width` × `height` (8-bit RGBA) over a few bytes of image data.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of a few zero bytes, far short of what the header promises.
    bytes.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
    bytes.extend(chunk(b"IEND", b""));
    bytes
}

/// CRC-32 as PNG uses it (bit by bit: slow, and fine for a few chunks).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

pub fn decode(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}
