use image::DynamicImage;
use media::{Claim, Kind, MediaError, check_declared, sniff};

use crate::fixtures::{self, chunk, png_with, solid_rgba};

fn small_png() -> Vec<u8> {
    fixtures::png(&DynamicImage::ImageRgb8(fixtures::photo(8, 8)))
}

#[test]
fn each_kind_is_sniffed_from_its_real_header() {
    let photo = fixtures::photo(16, 8);
    let image = DynamicImage::ImageRgb8(photo.clone());
    let gzip = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03];
    // A ZIP's local file header, as every docx, xlsx and odt starts.
    let docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
    let cases: [(&[u8], Kind); 10] = [
        (&fixtures::png(&image), Kind::Png),
        (&fixtures::jpeg(&photo, 90), Kind::Jpeg),
        (
            &fixtures::gif(&[solid_rgba(4, 4, [1, 2, 3, 255])]),
            Kind::Gif,
        ),
        (&fixtures::webp(&image, None), Kind::Webp),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", Kind::Pdf),
        (docx, Kind::Zip),
        (&gzip, Kind::Gzip),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", Kind::Markup),
        (b"<?xml version=\"1.0\"?><svg/>", Kind::Markup),
        (b"just some notes\n", Kind::Other),
    ];
    for (head, kind) in cases {
        assert_eq!(sniff(head), kind, "{:?}", &head[..head.len().min(12)]);
    }
}

#[test]
fn a_text_file_named_png_is_not_the_declared_type() {
    let refused = check_declared("image/png", "holiday.png", b"dear diary, today...");
    match refused {
        Err(err @ MediaError::NotTheDeclaredType { .. }) => {
            assert_eq!(
                err.to_string(),
                "this file is not a PNG image, although its name says it is"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_jpeg_sent_as_a_png_is_refused() {
    let jpeg = fixtures::jpeg(&fixtures::photo(8, 8), 80);
    let refused = check_declared("image/png", "photo.jpg", &jpeg);
    assert!(matches!(
        refused,
        Err(MediaError::NotTheDeclaredType {
            declared: Kind::Png,
            found: Kind::Jpeg,
            claim: Claim::ContentType,
        })
    ));
    assert_eq!(
        check_declared("image/jpeg", "photo.jpg", &jpeg).ok(),
        Some(Kind::Jpeg)
    );
    // A type we do not show inline is a file like any other: the bytes say what it is.
    assert_eq!(
        check_declared("image/heic", "photo.heic", &jpeg).ok(),
        Some(Kind::Jpeg)
    );
}

#[test]
fn files_that_claim_no_image_type_pass_as_what_they_are() {
    assert_eq!(
        check_declared("application/pdf", "report.pdf", b"%PDF-1.4\n").ok(),
        Some(Kind::Pdf)
    );
    assert_eq!(
        check_declared("text/html", "page.html", b"<html><script>alert(1)</script>").ok(),
        Some(Kind::Markup)
    );
    assert_eq!(
        check_declared("", "no extension", b"\x00\x01\x02").ok(),
        Some(Kind::Other)
    );
}

#[test]
fn a_png_with_a_page_in_a_text_chunk_is_a_polyglot() {
    let page = chunk(
        b"tEXt",
        b"Comment\0<html><script>alert(document.cookie)</script>",
    );
    let polyglot = png_with(&small_png(), &[page]);
    // It is a valid PNG: only the hidden page is wrong with it.
    fixtures::decode(&polyglot);
    let refused = check_declared("image/png", "cat.png", &polyglot);
    assert!(matches!(
        refused,
        Err(MediaError::Polyglot { kind: Kind::Png })
    ));
    // Declaring it as something else changes nothing.
    let refused = check_declared("application/octet-stream", "cat.bin", &polyglot);
    assert!(matches!(
        refused,
        Err(MediaError::Polyglot { kind: Kind::Png })
    ));
}

#[test]
fn a_page_right_after_the_image_is_a_polyglot_too() {
    for image in [
        small_png(),
        fixtures::jpeg(&fixtures::photo(8, 8), 80),
        fixtures::gif(&[solid_rgba(4, 4, [9, 9, 9, 255])]),
    ] {
        let mut polyglot = image.clone();
        polyglot.extend_from_slice(b"<SVG/onload=alert(1)>");
        let kind = sniff(&image);
        let refused = check_declared(kind.content_type(), "x", &polyglot);
        assert!(
            matches!(refused, Err(MediaError::Polyglot { .. })),
            "{kind:?}"
        );
    }
}

#[test]
fn ordinary_metadata_is_not_mistaken_for_a_page() {
    let xmp = b"XML:com.adobe.xmp\0\0\0\0\0<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\
        <x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf=\
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description \
        xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>Beach</dc:title>\
        </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    let with_xmp = png_with(&small_png(), &[chunk(b"iTXt", xmp)]);
    assert_eq!(
        check_declared("image/png", "beach.png", &with_xmp).ok(),
        Some(Kind::Png)
    );
    let photo = fixtures::jpeg_with_exif(&fixtures::jpeg(&fixtures::photo(64, 48), 90), Some(6));
    assert_eq!(
        check_declared("image/jpeg", "IMG_0001.JPG", &photo).ok(),
        Some(Kind::Jpeg)
    );
}
