use image::{DynamicImage, GenericImageView, Rgba};
use media::limits::{IMAGE_MAX_PIXELS, THUMBNAIL_MAX_SIDE};
use media::{ImageFormat, thumbnail};

use crate::fixtures::{self, solid_rgba};

#[test]
fn a_twelve_megapixel_photo_fits_480_and_keeps_its_aspect() {
    let photo = fixtures::jpeg(&fixtures::photo(4000, 3000), 90);
    let thumb = thumbnail(&photo, THUMBNAIL_MAX_SIDE, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((thumb.width, thumb.height), (480, 360));
    assert_eq!(thumb.format, ImageFormat::Jpeg);
    assert_eq!(thumb.content_type, "image/jpeg");
    assert_eq!(fixtures::decode(&thumb.bytes).dimensions(), (480, 360));
}

#[test]
fn a_small_image_is_not_enlarged() {
    let small = fixtures::jpeg(&fixtures::photo(100, 50), 90);
    let thumb = thumbnail(&small, THUMBNAIL_MAX_SIDE, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((thumb.width, thumb.height), (100, 50));
    assert_eq!(fixtures::decode(&thumb.bytes).dimensions(), (100, 50));
}

#[test]
fn transparency_gives_a_png_and_an_opaque_picture_a_jpeg() {
    let mut see_through = solid_rgba(600, 300, [10, 200, 30, 255]);
    see_through.put_pixel(0, 0, Rgba([0, 0, 0, 0]));
    for x in 0..300 {
        for y in 0..300 {
            see_through.put_pixel(x, y, Rgba([10, 200, 30, 0]));
        }
    }
    let png = fixtures::png(&DynamicImage::ImageRgba8(see_through));
    let thumb = thumbnail(&png, THUMBNAIL_MAX_SIDE, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!(
        (thumb.format, thumb.content_type),
        (ImageFormat::Png, "image/png")
    );
    assert_eq!((thumb.width, thumb.height), (480, 240));
    let decoded = fixtures::decode(&thumb.bytes);
    assert_eq!(decoded.get_pixel(10, 10).0[3], 0);
    assert_eq!(decoded.get_pixel(470, 230).0[3], 255);

    // An alpha channel with every pixel opaque is a JPEG: smaller, and nothing is lost.
    let opaque = fixtures::png(&DynamicImage::ImageRgba8(solid_rgba(
        50,
        50,
        [1, 2, 3, 255],
    )));
    let thumb = thumbnail(&opaque, THUMBNAIL_MAX_SIDE, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!(thumb.format, ImageFormat::Jpeg);
}

#[test]
fn a_sideways_photo_gives_an_upright_thumbnail() {
    // Stored with red on the left; orientation 6 means "turn 90° clockwise to show", which
    // brings the left edge to the top.
    let stored = fixtures::jpeg(&fixtures::halves(200, 100, [255, 0, 0], [0, 0, 255]), 95);
    let sideways = fixtures::jpeg_with_exif(&stored, Some(6));
    let thumb = thumbnail(&sideways, 50, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((thumb.width, thumb.height), (25, 50));
    let decoded = fixtures::decode(&thumb.bytes).to_rgb8();
    let top = decoded.get_pixel(12, 5).0;
    let bottom = decoded.get_pixel(12, 45).0;
    assert!(top[0] > 200 && top[2] < 60, "top {top:?}");
    assert!(bottom[2] > 200 && bottom[0] < 60, "bottom {bottom:?}");
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let red = solid_rgba(60, 40, [255, 0, 0, 255]);
    let blue = solid_rgba(60, 40, [0, 0, 255, 255]);
    let gif = fixtures::gif(&[red, blue]);
    let thumb = thumbnail(&gif, 30, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((thumb.width, thumb.height), (30, 20));
    let pixel = fixtures::decode(&thumb.bytes).to_rgb8().get_pixel(15, 10).0;
    assert!(pixel[0] > 200 && pixel[2] < 60, "{pixel:?}");
}

#[test]
fn every_format_gives_a_thumbnail() {
    let photo = fixtures::photo(64, 32);
    let image = DynamicImage::ImageRgb8(photo.clone());
    for bytes in [
        fixtures::png(&image),
        fixtures::apng(&image),
        fixtures::jpeg(&photo, 90),
        fixtures::webp(&image, None),
        fixtures::gif(&[image.to_rgba8()]),
    ] {
        let thumb = thumbnail(&bytes, 16, IMAGE_MAX_PIXELS).unwrap();
        assert_eq!((thumb.width, thumb.height), (16, 8));
    }
}
