use std::time::{Duration, Instant};

use image::DynamicImage;
use media::limits::IMAGE_MAX_PIXELS;
use media::{ImageFormat, ImageInfo, Kind, MediaError, avatar, inspect, strip_metadata, thumbnail};

use crate::fixtures::{self, solid_rgba};

#[test]
fn each_format_reports_its_size() {
    let photo = fixtures::photo(40, 30);
    let image = DynamicImage::ImageRgb8(photo.clone());
    let cases = [
        (fixtures::png(&image), ImageFormat::Png),
        (fixtures::jpeg(&photo, 90), ImageFormat::Jpeg),
        (
            fixtures::gif(&[solid_rgba(40, 30, [0, 0, 0, 255])]),
            ImageFormat::Gif,
        ),
        (fixtures::webp(&image, None), ImageFormat::Webp),
    ];
    for (bytes, format) in cases {
        let info = inspect(&bytes, IMAGE_MAX_PIXELS).unwrap();
        let expected = ImageInfo {
            format,
            width: 40,
            height: 30,
            animated: false,
        };
        assert_eq!(info, expected);
    }
}

#[test]
fn a_header_claiming_ten_billion_pixels_is_refused_at_once() {
    let bomb = fixtures::png_claiming(100_000, 100_000);
    let started = Instant::now();
    let refused = inspect(&bomb, IMAGE_MAX_PIXELS);
    assert!(matches!(
        refused,
        Err(MediaError::TooManyPixels {
            width: 100_000,
            height: 100_000,
            max_pixels: IMAGE_MAX_PIXELS,
        })
    ));
    // Nothing that decodes anything gets further.
    assert!(matches!(
        thumbnail(&bomb, 480, IMAGE_MAX_PIXELS),
        Err(MediaError::TooManyPixels { .. })
    ));
    assert!(matches!(
        avatar(&bomb, 256, IMAGE_MAX_PIXELS),
        Err(MediaError::TooManyPixels { .. })
    ));
    // Decoding 40 GB would take minutes, and allocating it would fail.
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_jpeg_header_past_the_limit_is_refused_before_decoding() {
    let mut jpeg = fixtures::jpeg(&fixtures::photo(16, 16), 80);
    // Rewrite the frame header (SOF0: FF C0, length, precision, height, width) to 60000².
    let sof = jpeg
        .windows(2)
        .position(|pair| pair == [0xff, 0xc0])
        .unwrap();
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xea, 0x60, 0xea, 0x60]);
    let started = Instant::now();
    for refused in [
        inspect(&jpeg, IMAGE_MAX_PIXELS).map(drop),
        thumbnail(&jpeg, 480, IMAGE_MAX_PIXELS).map(drop),
    ] {
        assert!(matches!(
            refused,
            Err(MediaError::TooManyPixels {
                width: 60_000,
                height: 60_000,
                ..
            })
        ));
    }
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_twelve_megapixel_header_passes() {
    let info = inspect(&fixtures::png_claiming(4000, 3000), IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((info.width, info.height), (4000, 3000));
}

#[test]
fn a_gif_of_two_frames_is_animated_and_of_one_is_not() {
    let red = solid_rgba(20, 10, [255, 0, 0, 255]);
    let blue = solid_rgba(20, 10, [0, 0, 255, 255]);
    let animated = fixtures::gif(&[red.clone(), blue]);
    let still = fixtures::gif(&[red]);
    assert!(inspect(&animated, IMAGE_MAX_PIXELS).unwrap().animated);
    assert!(!inspect(&still, IMAGE_MAX_PIXELS).unwrap().animated);
}

#[test]
fn a_photo_stored_sideways_reports_its_upright_size() {
    let jpeg = fixtures::jpeg(&fixtures::photo(40, 20), 90);
    let sideways = fixtures::jpeg_with_exif(&jpeg, Some(6));
    let info = inspect(&sideways, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((info.width, info.height), (20, 40));
    let upside_down = fixtures::jpeg_with_exif(&jpeg, Some(3));
    let info = inspect(&upside_down, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((info.width, info.height), (40, 20));
}

#[test]
fn a_truncated_jpeg_is_undecodable_everywhere() {
    let jpeg = fixtures::jpeg(&fixtures::photo(64, 48), 90);
    for cut in [jpeg.len() - 2, jpeg.len() / 2, 200, 30, 3] {
        let truncated = &jpeg[..cut];
        let results = [
            inspect(truncated, IMAGE_MAX_PIXELS).map(drop),
            thumbnail(truncated, 480, IMAGE_MAX_PIXELS).map(drop),
            avatar(truncated, 256, IMAGE_MAX_PIXELS).map(drop),
            strip_metadata(truncated, IMAGE_MAX_PIXELS).map(drop),
        ];
        for result in results {
            assert!(
                matches!(
                    result,
                    Err(MediaError::Undecodable {
                        kind: Kind::Jpeg,
                        ..
                    })
                ),
                "cut at {cut}: {result:?}"
            );
        }
    }
}

#[test]
fn a_corrupt_jpeg_is_undecodable() {
    let mut jpeg = fixtures::jpeg(&fixtures::photo(64, 48), 90);
    // Break the quantisation table's length.
    let dqt = jpeg
        .windows(2)
        .position(|pair| pair == [0xff, 0xdb])
        .unwrap();
    jpeg[dqt + 2..dqt + 4].copy_from_slice(&[0, 1]);
    let result = thumbnail(&jpeg, 480, IMAGE_MAX_PIXELS);
    assert!(
        matches!(result, Err(MediaError::Undecodable { .. })),
        "{result:?}"
    );
}

#[test]
fn what_is_not_a_raster_image_is_unsupported() {
    for (bytes, kind) in [
        (b"%PDF-1.7".as_slice(), Kind::Pdf),
        (b"<svg/>", Kind::Markup),
        (b"", Kind::Other),
    ] {
        assert!(matches!(
            inspect(bytes, IMAGE_MAX_PIXELS),
            Err(MediaError::Unsupported { kind: found }) if found == kind
        ));
    }
}
