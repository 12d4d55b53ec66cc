use image::{DynamicImage, Rgb, RgbImage};
use media::limits::{AVATAR_SIDE, IMAGE_MAX_PIXELS};
use media::{ImageFormat, avatar};

use crate::fixtures::{self, solid_rgba};

#[test]
fn a_landscape_picture_gives_a_square_from_its_middle() {
    // Green and blue bands on the sides, red in the middle 200 × 200.
    let picture = RgbImage::from_fn(300, 200, |x, _| match x {
        0..50 => Rgb([0, 255, 0]),
        250.. => Rgb([0, 0, 255]),
        _ => Rgb([255, 0, 0]),
    });
    let jpeg = fixtures::jpeg(&picture, 95);
    let face = avatar(&jpeg, AVATAR_SIDE, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((face.width, face.height), (256, 256));
    assert_eq!(face.format, ImageFormat::Jpeg);
    let decoded = fixtures::decode(&face.bytes).to_rgb8();
    assert_eq!(decoded.dimensions(), (256, 256));
    for (x, y) in [(2, 2), (253, 2), (2, 253), (253, 253), (128, 128)] {
        let pixel = decoded.get_pixel(x, y).0;
        assert!(
            pixel[0] > 200 && pixel[1] < 60 && pixel[2] < 60,
            "({x}, {y}): {pixel:?}"
        );
    }
}

#[test]
fn a_transparent_avatar_stays_transparent() {
    let png = fixtures::png(&DynamicImage::ImageRgba8(solid_rgba(120, 80, [5, 5, 5, 0])));
    let face = avatar(&png, 64, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!(
        (face.format, face.width, face.height),
        (ImageFormat::Png, 64, 64)
    );
}

#[test]
fn an_avatar_larger_than_the_pixel_limit_is_refused() {
    let png = fixtures::png(&DynamicImage::ImageRgba8(solid_rgba(4, 4, [5, 5, 5, 255])));
    let refused = avatar(&png, 100_000, IMAGE_MAX_PIXELS);
    assert!(matches!(
        refused,
        Err(media::MediaError::TooManyPixels {
            width: 100_000,
            height: 100_000,
            ..
        })
    ));
}
