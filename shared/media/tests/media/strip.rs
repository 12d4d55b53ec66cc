use std::io::Cursor;

use image::codecs::png::PngDecoder;
use image::{AnimationDecoder, DynamicImage, GenericImageView};
use media::limits::IMAGE_MAX_PIXELS;
use media::{Kind, MediaError, inspect, strip_metadata};

use crate::fixtures::{
    self, GPS_LATITUDE, GPS_LONGITUDE, chunk, contains, png_with, segment, solid_rgba,
};

fn strip(bytes: &[u8]) -> Vec<u8> {
    let stripped = strip_metadata(bytes, IMAGE_MAX_PIXELS).unwrap();
    // Stripping what is already stripped changes nothing.
    assert_eq!(
        strip_metadata(&stripped, IMAGE_MAX_PIXELS).unwrap(),
        stripped
    );
    stripped
}

fn assert_no_gps(bytes: &[u8]) {
    assert!(!contains(bytes, &GPS_LATITUDE));
    assert!(!contains(bytes, &GPS_LONGITUDE));
}

#[test]
fn a_jpeg_loses_exif_xmp_iptc_comments_and_what_follows_it_but_not_a_pixel() {
    let plain = fixtures::jpeg(&fixtures::photo(64, 48), 90);
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(b"<x:xmpmeta><rdf:RDF><exif:GPSLatitude>59,19.6895N");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(fixtures::exif(Some(1)));
    let mut tagged = fixtures::jpeg_with(
        &plain,
        &[
            segment(0xe1, &exif),
            segment(0xe1, &xmp),
            segment(0xed, b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0bby Alice"),
            segment(0xe2, b"ICC_PROFILE\0\x01\x01profile bytes"),
            segment(0xfe, b"taken by Alice at home"),
        ],
    );
    // A phone's motion photo or a hidden archive after the end of the image.
    tagged.extend_from_slice(b"PK\x03\x04secret.txt");
    assert!(contains(&tagged, &GPS_LATITUDE));

    let stripped = strip(&tagged);
    assert_no_gps(&stripped);
    for gone in [
        b"Exif\0\0".as_slice(),
        b"http://ns.adobe.com/xap",
        b"Photoshop 3.0",
        b"Alice",
        b"PK\x03\x04",
    ] {
        assert!(
            !contains(&stripped, gone),
            "{:?}",
            String::from_utf8_lossy(gone)
        );
    }
    // The colour profile stays: without it the colours would change.
    assert!(contains(&stripped, b"ICC_PROFILE\0"));
    assert!(stripped.ends_with(&[0xff, 0xd9]));
    // Not re-encoded: the very same pixels.
    let before = fixtures::decode(&plain).to_rgb8();
    let after = fixtures::decode(&stripped).to_rgb8();
    assert_eq!(after.dimensions(), (64, 48));
    assert!(before == after);
}

#[test]
fn a_sideways_jpeg_is_turned_upright_and_loses_its_exif() {
    let stored = fixtures::halves(64, 32, [255, 0, 0], [0, 0, 255]);
    let sideways = fixtures::jpeg_with_exif(&fixtures::jpeg(&stored, 95), Some(6));
    let stripped = strip(&sideways);
    assert!(!contains(&stripped, b"Exif\0\0"));
    assert_no_gps(&stripped);
    let upright = fixtures::decode(&stripped).to_rgb8();
    assert_eq!(upright.dimensions(), (32, 64));
    // Red was on the left; turned clockwise it is on top.
    let (top, bottom) = (upright.get_pixel(16, 4).0, upright.get_pixel(16, 60).0);
    assert!(top[0] > 200 && top[2] < 60, "top {top:?}");
    assert!(bottom[2] > 200 && bottom[0] < 60, "bottom {bottom:?}");
    let info = inspect(&stripped, IMAGE_MAX_PIXELS).unwrap();
    assert_eq!((info.width, info.height), (32, 64));
}

#[test]
fn a_png_loses_its_text_exif_time_and_private_chunks_but_not_a_pixel() {
    let image = DynamicImage::ImageRgba8(solid_rgba(24, 12, [200, 100, 50, 128]));
    let plain = fixtures::png(&image);
    let tagged = png_with(
        &plain,
        &[
            chunk(b"tEXt", b"Author\0Alice"),
            chunk(b"iTXt", b"Location\0\0\0\0\0Alice's home"),
            chunk(b"eXIf", &fixtures::exif(None)),
            chunk(b"tIME", &[0x07, 0xe9, 1, 2, 3, 4, 5]),
            chunk(b"prVt", b"private notes of Alice"),
            chunk(b"gAMA", &45455u32.to_be_bytes()),
        ],
    );
    assert_eq!(fixtures::decode(&tagged).to_rgba8(), image.to_rgba8());
    let stripped = strip(&tagged);
    assert_no_gps(&stripped);
    for gone in [b"tEXt", b"iTXt", b"eXIf", b"tIME", b"prVt"] {
        assert!(
            !contains(&stripped, gone),
            "{}",
            String::from_utf8_lossy(gone)
        );
    }
    assert!(!contains(&stripped, b"Alice"));
    assert!(contains(&stripped, b"gAMA"));
    assert_eq!(fixtures::decode(&stripped).to_rgba8(), image.to_rgba8());
    assert_crcs_hold(&stripped);
}

/// Every chunk's CRC matches its type and data.
fn assert_crcs_hold(png: &[u8]) {
    let mut at = 8;
    while at < png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let body = &png[at + 4..at + 8 + length];
        let crc = u32::from_be_bytes(png[at + 8 + length..at + 12 + length].try_into().unwrap());
        assert_eq!(
            fixtures::crc32(body),
            crc,
            "{}",
            String::from_utf8_lossy(&body[..4])
        );
        at += 12 + length;
    }
}

#[test]
fn a_png_turned_by_its_exif_is_turned_upright_losslessly() {
    let stored = fixtures::photo(30, 20);
    let sideways = png_with(
        &fixtures::png(&DynamicImage::ImageRgb8(stored.clone())),
        &[chunk(b"eXIf", &fixtures::exif(Some(6)))],
    );
    let stripped = strip(&sideways);
    assert!(!contains(&stripped, b"eXIf"));
    let upright = fixtures::decode(&stripped).to_rgb8();
    assert!(upright == image::imageops::rotate90(&stored));
}

#[test]
fn an_animated_png_stays_animated() {
    let image = DynamicImage::ImageRgb8(fixtures::photo(12, 10));
    let apng = png_with(&fixtures::apng(&image), &[chunk(b"tEXt", b"Author\0Alice")]);
    assert!(inspect(&apng, IMAGE_MAX_PIXELS).unwrap().animated);
    let stripped = strip(&apng);
    assert!(!contains(&stripped, b"Alice"));
    assert!(inspect(&stripped, IMAGE_MAX_PIXELS).unwrap().animated);
    let decoder = PngDecoder::new(Cursor::new(&stripped)).unwrap();
    let frames = decoder
        .apng()
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(frames.len(), 2);
    assert_eq!(frames[1].buffer(), &image.to_rgba8());
}

#[test]
fn a_webp_loses_its_exif_and_xmp_chunks_and_its_flags_say_so() {
    let image = DynamicImage::ImageRgba8(solid_rgba(16, 16, [9, 80, 160, 255]));
    let mut tagged = fixtures::webp(&image, Some(fixtures::exif(Some(1))));
    assert_eq!(
        &tagged[12..16],
        b"VP8X",
        "the encoder writes the extended format"
    );
    // Add an XMP chunk the way a photo editor would, and say so in the flags.
    tagged.extend_from_slice(b"XMP \x0a\0\0\0<x:Alice/>");
    tagged[20] |= 0x04;
    let riff_size = (tagged.len() - 8) as u32;
    tagged[4..8].copy_from_slice(&riff_size.to_le_bytes());
    assert_eq!(fixtures::decode(&tagged).to_rgba8(), image.to_rgba8());
    assert!(contains(&tagged, &GPS_LATITUDE));

    let stripped = strip(&tagged);
    assert_no_gps(&stripped);
    assert!(!contains(&stripped, b"EXIF"));
    assert!(!contains(&stripped, b"XMP "));
    assert!(!contains(&stripped, b"Alice"));
    assert_eq!(
        stripped[20] & 0x0c,
        0,
        "VP8X flags still announce EXIF or XMP"
    );
    let riff_size = u32::from_le_bytes(stripped[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff_size, stripped.len() - 8);
    assert_eq!(fixtures::decode(&stripped).to_rgba8(), image.to_rgba8());
}

#[test]
fn a_gif_loses_comments_and_xmp_but_stays_animated() {
    let frames = [
        solid_rgba(10, 10, [255, 0, 0, 255]),
        solid_rgba(10, 10, [0, 255, 0, 255]),
    ];
    let plain = fixtures::gif(&frames);
    assert!(contains(&plain, b"NETSCAPE2.0"));
    let mut tagged = plain[..plain.len() - 1].to_vec();
    tagged.extend_from_slice(b"\x21\xfe\x0bAlice wrote\x00");
    tagged.extend_from_slice(b"\x21\xff\x0bXMP DataXMP\x0a<x:Alice/>\x00");
    tagged.extend_from_slice(b"\x3b<script>");
    let stripped = strip(&tagged);
    assert!(!contains(&stripped, b"Alice"));
    assert!(!contains(&stripped, b"XMP DataXMP"));
    assert!(!contains(&stripped, b"<script>"));
    assert!(contains(&stripped, b"NETSCAPE2.0"));
    assert_eq!(stripped, plain);
    assert!(inspect(&stripped, IMAGE_MAX_PIXELS).unwrap().animated);
}

#[test]
fn only_raster_images_are_stripped() {
    assert!(matches!(
        strip_metadata(b"%PDF-1.7\n", IMAGE_MAX_PIXELS),
        Err(MediaError::Unsupported { kind: Kind::Pdf })
    ));
    let image = fixtures::photo(8, 8);
    let jpeg = fixtures::jpeg(&image, 90);
    let stripped = strip(&jpeg);
    assert_eq!(fixtures::decode(&stripped).dimensions(), (8, 8));
}
