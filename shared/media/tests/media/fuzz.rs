//! Random and mutated bytes through every public function: each answers, none panics.

use image::DynamicImage;
use media::{avatar, check_declared, inspect, sniff, strip_metadata, thumbnail};

use crate::fixtures::{self, Rng, chunk, png_with, solid_rgba};

/// Small enough that a mutated header cannot make a decode slow.
const MAX_PIXELS: u64 = 250_000;

/// Rounds per test: a few thousand by default; `MEDIA_FUZZ_ROUNDS=200000 cargo test --release
/// -p parley-media --test media fuzz` searches longer.
fn rounds(default: usize) -> usize {
    std::env::var("MEDIA_FUZZ_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(default)
}

fn seeds() -> Vec<Vec<u8>> {
    let photo = fixtures::photo(24, 16);
    let image = DynamicImage::ImageRgb8(photo.clone());
    vec![
        fixtures::jpeg_with_exif(&fixtures::jpeg(&photo, 85), Some(6)),
        fixtures::jpeg(&photo, 50),
        png_with(
            &fixtures::png(&DynamicImage::ImageRgba8(solid_rgba(12, 8, [1, 2, 3, 100]))),
            &[
                chunk(b"eXIf", &fixtures::exif(Some(8))),
                chunk(b"tEXt", b"a\0b"),
            ],
        ),
        fixtures::png(&image),
        fixtures::apng(&image),
        fixtures::gif(&[
            solid_rgba(8, 8, [255, 0, 0, 255]),
            solid_rgba(8, 8, [0, 0, 255, 128]),
        ]),
        fixtures::webp(&image, Some(fixtures::exif(Some(3)))),
        fixtures::webp(&image, None),
    ]
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len());
        match rng.below(6) {
            0 => bytes[at] = rng.byte(),
            1 => bytes[at] ^= 1 << rng.below(8),
            2 => bytes.truncate(at),
            3 => bytes.insert(at, rng.byte()),
            4 => {
                // A header field set to its extreme.
                let end = (at + 4).min(bytes.len());
                bytes[at..end].fill(0xff);
            }
            _ => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

fn every_function(bytes: &[u8]) {
    let kind = sniff(bytes);
    let _ = check_declared(kind.content_type(), "upload.png", bytes);
    let _ = check_declared("image/jpeg", "", bytes);
    let _ = inspect(bytes, MAX_PIXELS);
    let _ = thumbnail(bytes, 16, MAX_PIXELS);
    let _ = avatar(bytes, 8, MAX_PIXELS);
    let _ = strip_metadata(bytes, MAX_PIXELS);
}

#[test]
fn mutated_images_never_panic() {
    let seeds = seeds();
    let mut rng = Rng::new(0x5eed);
    for round in 0..rounds(3000) {
        let seed = &seeds[round % seeds.len()];
        every_function(&mutate(&mut rng, seed));
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng::new(42);
    let signatures: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF89a",
        b"RIFF\0\0\0\0WEBP",
        b"",
    ];
    for round in 0..rounds(2000) {
        let mut bytes = signatures[round % signatures.len()].to_vec();
        let len = rng.below(512);
        bytes.extend((0..len).map(|_| rng.byte()));
        every_function(&bytes);
    }
}
