//! What a file really is, from its first bytes, whatever its name or declared type say.

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    /// A ZIP archive; also what docx, xlsx, pptx, odt, epub and jar files are.
    Zip,
    Gzip,
    /// Text a browser could take for HTML, SVG or XML: a `<` after optional byte order mark
    /// and whitespace. Never shown inline.
    Markup,
    Other,
}

/// The raster formats Parley shows inline: a browser draws them and runs nothing in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl Kind {
    /// The raster format, if this is one Parley may show inline (PNG, JPEG, GIF, WebP).
    pub fn image_format(self) -> Option<ImageFormat> {
        match self {
            Kind::Png => Some(ImageFormat::Png),
            Kind::Jpeg => Some(ImageFormat::Jpeg),
            Kind::Gif => Some(ImageFormat::Gif),
            Kind::Webp => Some(ImageFormat::Webp),
            Kind::Pdf | Kind::Zip | Kind::Gzip | Kind::Markup | Kind::Other => None,
        }
    }

    /// The content type to serve these bytes with. Anything that is not a safe raster image is
    /// served as a download, so markup gets `application/octet-stream`, never `text/html`.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Pdf => "application/pdf",
            Kind::Zip => "application/zip",
            Kind::Gzip => "application/gzip",
            Kind::Markup | Kind::Other => "application/octet-stream",
        }
    }

    /// Its name in a sentence: "a PNG image", "a PDF document".
    pub fn described(self) -> &'static str {
        match self {
            Kind::Png => "a PNG image",
            Kind::Jpeg => "a JPEG image",
            Kind::Gif => "a GIF image",
            Kind::Webp => "a WebP image",
            Kind::Pdf => "a PDF document",
            Kind::Zip => "a ZIP archive",
            Kind::Gzip => "a gzip archive",
            Kind::Markup => "a web page or SVG",
            Kind::Other => "a file of unknown type",
        }
    }
}

impl ImageFormat {
    pub fn kind(self) -> Kind {
        match self {
            ImageFormat::Png => Kind::Png,
            ImageFormat::Jpeg => Kind::Jpeg,
            ImageFormat::Gif => Kind::Gif,
            ImageFormat::Webp => Kind::Webp,
        }
    }

    pub fn content_type(self) -> &'static str {
        self.kind().content_type()
    }
}

/// Whether bytes of this kind may be shown inline as an image (PNG, JPEG, GIF, WebP only; SVG
/// never, since it can carry script).
pub fn is_safe_image(kind: Kind) -> bool {
    kind.image_format().is_some()
}

/// What `head`, the first bytes of a file (4 to 16 KiB is plenty), says the file is.
pub fn sniff(head: &[u8]) -> Kind {
    const SIGNATURES: &[(&[u8], Kind)] = &[
        (b"\x89PNG\r\n\x1a\n", Kind::Png),
        (b"\xff\xd8\xff", Kind::Jpeg),
        (b"GIF87a", Kind::Gif),
        (b"GIF89a", Kind::Gif),
        (b"%PDF-", Kind::Pdf),
        // A local file header; an empty archive; a spanned one.
        (b"PK\x03\x04", Kind::Zip),
        (b"PK\x05\x06", Kind::Zip),
        (b"PK\x07\x08", Kind::Zip),
        (b"\x1f\x8b", Kind::Gzip),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return *kind;
    }
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Kind::Webp;
    }
    if looks_like_markup(head) {
        return Kind::Markup;
    }
    Kind::Other
}

/// A `<` first, after an optional byte order mark (UTF-8, or UTF-16 either way round) and
/// whitespace: what a browser sniffing for HTML, or an XML parser, starts from.
fn looks_like_markup(head: &[u8]) -> bool {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    if let Some(rest) = head.strip_prefix(b"\xef\xbb\xbf".as_slice()) {
        return rest.iter().find(|b| !is_space(b)) == Some(&b'<');
    }
    if let Some(rest) = head.strip_prefix(b"\xff\xfe".as_slice()) {
        return first_utf16_non_space(rest, |pair| [pair[0], pair[1]]) == Some(u16::from(b'<'));
    }
    if let Some(rest) = head.strip_prefix(b"\xfe\xff".as_slice()) {
        return first_utf16_non_space(rest, |pair| [pair[1], pair[0]]) == Some(u16::from(b'<'));
    }
    head.iter().find(|b| !is_space(b)) == Some(&b'<')
}

fn first_utf16_non_space(bytes: &[u8], little_endian: impl Fn(&[u8]) -> [u8; 2]) -> Option<u16> {
    bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes(little_endian(pair)))
        .find(|unit| !matches!(*unit, 0x20 | 0x09 | 0x0a | 0x0d | 0x0c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_found_after_a_byte_order_mark_and_whitespace() {
        for head in [
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".as_slice(),
            b"  \r\n\t<!DOCTYPE html>",
            b"\xef\xbb\xbf<?xml version='1.0'?>",
            b"\xef\xbb\xbf \n<html>",
            b"\xff\xfe \x00<\x00h\x00",
            b"\xfe\xff\x00<\x00h",
        ] {
            assert_eq!(sniff(head), Kind::Markup, "{head:?}");
        }
        for head in [b"hello <b>".as_slice(), b"", b"\xef\xbb\xbf", b"\xff\xfe<"] {
            assert_eq!(sniff(head), Kind::Other, "{head:?}");
        }
    }

    #[test]
    fn only_the_four_raster_formats_are_safe() {
        let safe: Vec<Kind> = [
            Kind::Png,
            Kind::Jpeg,
            Kind::Gif,
            Kind::Webp,
            Kind::Pdf,
            Kind::Zip,
            Kind::Gzip,
            Kind::Markup,
            Kind::Other,
        ]
        .into_iter()
        .filter(|kind| is_safe_image(*kind))
        .collect();
        assert_eq!(safe, [Kind::Png, Kind::Jpeg, Kind::Gif, Kind::Webp]);
        assert_eq!(Kind::Markup.content_type(), "application/octet-stream");
    }

    #[test]
    fn a_riff_that_is_not_webp_is_other() {
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Kind::Webp);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), Kind::Other);
        assert_eq!(sniff(b"RIFF"), Kind::Other);
    }
}
