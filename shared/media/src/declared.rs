//! Does an upload's first bytes agree with what its name and content type say it is?

use crate::error::{Claim, MediaError};
use crate::limits::SNIFF_HEAD_BYTES;
use crate::sniff::{Kind, sniff};

/// Checks what the sender declared against `head`, the upload's first bytes (the first
/// `SNIFF_HEAD_BYTES` are read; pass that many, or the whole file if it is shorter), and
/// answers what the bytes are. Show a file inline only if `is_safe_image` holds for the answer,
/// and serve it with the answer's `content_type`, never the declared one.
///
/// Refuses, in this order:
/// - `NotTheDeclaredType`: the name's extension (`png`, `apng`, `jpg`, `jpeg`, `jpe`, `jfif`,
///   `gif`, `webp`) or the content type (`image/png`, `image/jpeg`, `image/gif`,
///   `image/webp` and their aliases) names an image type the bytes are not. The name is checked
///   first. An SVG (`image/svg+xml`, `.svg`, `.svgz`) is never a safe image: it is a file to
///   download, and is refused only if its bytes are in fact a raster image, which it cannot be.
///   Other image types (HEIC, AVIF, BMP, TIFF, ...) are not checked: Parley never shows them
///   inline, so they are files like any other.
/// - `Polyglot`: the bytes start with a PNG, JPEG, GIF or WebP signature and their first
///   `SNIFF_HEAD_BYTES` also hold markup a browser could run, whatever was declared. See
///   [`hides_markup`] for exactly what counts.
pub fn check_declared(
    declared_content_type: &str,
    file_name: &str,
    head: &[u8],
) -> Result<Kind, MediaError> {
    let head = head.get(..SNIFF_HEAD_BYTES).unwrap_or(head);
    let found = sniff(head);
    let claims = [
        (Claim::Name, claimed_by_name(file_name)),
        (Claim::ContentType, claimed_by_type(declared_content_type)),
    ];
    for (claim, expected) in claims {
        let agrees = match expected {
            None => true,
            Some(Expected::Image(declared)) => found == declared,
            Some(Expected::Svg) => found.image_format().is_none(),
        };
        if !agrees {
            let declared = match expected {
                Some(Expected::Image(declared)) => declared,
                Some(Expected::Svg) | None => Kind::Markup,
            };
            return Err(MediaError::NotTheDeclaredType {
                declared,
                found,
                claim,
            });
        }
    }
    if found.image_format().is_some() && hides_markup(head) {
        return Err(MediaError::Polyglot { kind: found });
    }
    Ok(found)
}

/// What a claim says the bytes must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Image(Kind),
    Svg,
}

fn claimed_by_type(content_type: &str) -> Option<Expected> {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let essence = essence.to_ascii_lowercase();
    Some(match essence.as_str() {
        "image/png" | "image/apng" | "image/x-png" => Expected::Image(Kind::Png),
        "image/jpeg" | "image/jpg" | "image/pjpeg" => Expected::Image(Kind::Jpeg),
        "image/gif" => Expected::Image(Kind::Gif),
        "image/webp" => Expected::Image(Kind::Webp),
        "image/svg+xml" => Expected::Svg,
        _ => return None,
    })
}

fn claimed_by_name(file_name: &str) -> Option<Expected> {
    let (_, extension) = file_name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "png" | "apng" => Expected::Image(Kind::Png),
        "jpg" | "jpeg" | "jpe" | "jfif" => Expected::Image(Kind::Jpeg),
        "gif" => Expected::Image(Kind::Gif),
        "webp" => Expected::Image(Kind::Webp),
        "svg" | "svgz" => Expected::Svg,
        _ => return None,
    })
}

/// Tags that make a browser which takes the bytes for HTML or SVG run script or load content.
/// Short tags (`<a`, `<p`, `<b>`) are left out: compressed image data holds them by chance.
const MARKUP_TAGS: &[&[u8]] = &[
    b"script",
    b"html",
    b"head",
    b"body",
    b"svg",
    b"iframe",
    b"object",
    b"embed",
    b"img",
    b"meta",
    b"link",
    b"style",
    b"form",
    b"!doctype",
];

/// Namespaces that turn XML into XHTML or SVG, which run script without any of the tags above
/// (`<x:script xmlns:x="http://www.w3.org/1999/xhtml">`).
const MARKUP_NAMESPACES: &[&[u8]] = &[
    b"http://www.w3.org/1999/xhtml",
    b"http://www.w3.org/2000/svg",
];

/// Whether `head` holds markup a browser could run: a `<` followed by one of `MARKUP_TAGS` in
/// any mix of ASCII case and then a byte that ends a tag name (whitespace, `/` or `>`), or one
/// of `MARKUP_NAMESPACES` anywhere. This is where a browser or an old sniffer would find a
/// page hidden in an image (in a text chunk, a comment or after the header), and no image
/// needs it: camera and editor metadata (EXIF, XMP's `<x:xmpmeta>` and `<rdf:...>`) use none
/// of these. Serving the copy with its sniffed type and `nosniff` is the main defence; this is
/// the second one.
pub fn hides_markup(head: &[u8]) -> bool {
    let tag_at = |start: usize| {
        let rest = head.get(start + 1..).unwrap_or_default();
        MARKUP_TAGS.iter().any(|tag| {
            rest.len() > tag.len()
                && rest[..tag.len()].eq_ignore_ascii_case(tag)
                && matches!(
                    rest[tag.len()],
                    b' ' | b'\t' | b'\n' | b'\x0c' | b'\r' | b'/' | b'>'
                )
        })
    };
    let has_tag = head
        .iter()
        .enumerate()
        .any(|(at, byte)| *byte == b'<' && tag_at(at));
    has_tag
        || MARKUP_NAMESPACES.iter().any(|namespace| {
            head.windows(namespace.len())
                .any(|window| window == *namespace)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_tag_counts_only_when_its_name_ends() {
        assert!(hides_markup(b"..<script>alert(1)"));
        assert!(hides_markup(b"..<SVG/onload=alert(1)>"));
        assert!(hides_markup(b"..<Html lang=en>"));
        assert!(hides_markup(b"..<!DOCTYPE html>"));
        assert!(!hides_markup(b"..<scripts"));
        assert!(!hides_markup(b"..<a href=x>"));
        assert!(!hides_markup(
            b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>"
        ));
        assert!(!hides_markup(b"..<script"));
        assert!(hides_markup(b"<x xmlns='http://www.w3.org/2000/svg'>"));
    }

    #[test]
    fn claims_are_read_from_the_extension_and_the_type_essence() {
        assert_eq!(
            claimed_by_name("Photo.JPG"),
            Some(Expected::Image(Kind::Jpeg))
        );
        assert_eq!(claimed_by_name("notes.txt"), None);
        assert_eq!(claimed_by_name("png"), None);
        assert_eq!(claimed_by_name("drawing.svg"), Some(Expected::Svg));
        assert_eq!(
            claimed_by_type("Image/PNG; charset=binary"),
            Some(Expected::Image(Kind::Png))
        );
        assert_eq!(claimed_by_type("image/heic"), None);
        assert_eq!(claimed_by_type("image/svg+xml"), Some(Expected::Svg));
    }

    #[test]
    fn an_svg_is_a_download_never_an_image() {
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        assert_eq!(
            check_declared("image/svg+xml", "a.svg", svg).ok(),
            Some(Kind::Markup)
        );
        let refused = check_declared("image/svg+xml", "a.svg", PNG);
        assert!(matches!(
            refused,
            Err(MediaError::NotTheDeclaredType {
                declared: Kind::Markup,
                found: Kind::Png,
                claim: Claim::Name
            })
        ));
    }

    #[test]
    fn only_the_first_bytes_are_scanned() {
        let mut bytes = PNG.to_vec();
        bytes.resize(SNIFF_HEAD_BYTES, 0);
        bytes.extend_from_slice(b"<script>");
        assert_eq!(
            check_declared("image/png", "a.png", &bytes).ok(),
            Some(Kind::Png)
        );
    }
}
