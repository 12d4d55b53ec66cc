//! The copy of an image that others download: the pixels as sent, without the metadata that
//! tells where and when it was taken, by what, or anything else riding along.

use image::metadata::Orientation;

use crate::container::{self, gif, jpeg, png, webp};
use crate::decode;
use crate::encode;
use crate::error::MediaError;
use crate::orientation;
use crate::sniff::{ImageFormat, sniff};

/// `bytes` without EXIF (GPS included), XMP, IPTC, comments, text or other metadata, and
/// without anything after the image's end (appended files, a phone's motion-photo video).
/// The format comes from the bytes themselves, so it cannot disagree with them; anything that
/// is not a PNG, JPEG, GIF or WebP is `Unsupported`.
///
/// The pixels are copied as they are, not decoded, unless the EXIF orientation says the
/// picture is stored turned or mirrored: then, since the orientation goes with the EXIF, the
/// picture is decoded (within `max_pixels`), turned upright and encoded again in its own
/// format (JPEG at `UPRIGHT_JPEG_QUALITY`; PNG and WebP lossless), keeping its colour profile.
/// An animation is never re-encoded (that would keep only its first frame): it keeps its
/// stored orientation.
///
/// What stays, by format (an allowlist: whatever is not named goes):
/// - JPEG: every segment needed to decode, JFIF (APP0, its thumbnail dropped: a thumbnail can
///   show what a crop removed), the ICC profile (APP2) and Adobe's colour transform (APP14).
///   All other APPn segments (EXIF and XMP in APP1, IPTC in APP13, MPF, maker data) and
///   comments go.
/// - PNG: IHDR, PLTE, IDAT, IEND, and tRNS, gAMA, cHRM, sRGB, iCCP, cICP, mDCV, cLLI, sBIT,
///   bKGD, pHYs, plus acTL, fcTL and fdAT for an animated PNG. Text (tEXt, zTXt, iTXt), eXIf,
///   tIME and private chunks go. Chunks are copied whole, so their CRCs stay valid.
/// - WebP: VP8, VP8L, VP8X, ALPH, ANIM, ANMF and ICCP; EXIF, XMP and unknown chunks go, and
///   the RIFF size and the VP8X flags are rewritten to match.
/// - GIF: frames, their graphic control extensions, and the NETSCAPE2.0 (or ANIMEXTS1.0)
///   application extension that makes an animation loop; comments, plain text and other
///   application extensions (XMP, ICC) go. GIF has no EXIF, but comments and XMP can still
///   carry names and places.
pub fn strip_metadata(bytes: &[u8], max_pixels: u64) -> Result<Vec<u8>, MediaError> {
    let kind = sniff(bytes);
    let format = kind
        .image_format()
        .ok_or(MediaError::Unsupported { kind })?;
    container::check(bytes, format).map_err(|why| MediaError::undecodable(kind, why))?;
    if orientation::orientation(bytes, format) != Orientation::NoTransforms
        && !is_animated(bytes, format)
    {
        return upright_copy(bytes, max_pixels);
    }
    match format {
        ImageFormat::Jpeg => strip_jpeg(bytes),
        ImageFormat::Png => strip_png(bytes),
        ImageFormat::Webp => strip_webp(bytes),
        ImageFormat::Gif => strip_gif(bytes),
    }
    .map_err(|why| MediaError::undecodable(kind, why))
}

fn is_animated(bytes: &[u8], format: ImageFormat) -> bool {
    match format {
        ImageFormat::Png => png::is_animated(bytes),
        ImageFormat::Webp => webp::chunks(bytes)
            .is_ok_and(|chunks| chunks.iter().any(|chunk| &chunk.kind == b"ANIM")),
        ImageFormat::Gif => gif::frame_count(bytes).is_ok_and(|frames| frames > 1),
        ImageFormat::Jpeg => false,
    }
}

fn upright_copy(bytes: &[u8], max_pixels: u64) -> Result<Vec<u8>, MediaError> {
    let mut opened = decode::open(bytes, max_pixels)?;
    let (format, orientation) = (opened.format, opened.orientation);
    let icc_profile = opened.icc_profile();
    let mut image = opened.decode()?;
    image.apply_orientation(orientation);
    encode::same_format(&image, format, icc_profile)
}

fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut ended = false;
    for segment in jpeg::segments(bytes) {
        let segment = segment?;
        let payload = segment.payload;
        match segment.marker {
            jpeg::APP0 if payload.starts_with(b"JFIF\0") => {
                out.extend_from_slice(&jfif_without_thumbnail(payload));
            }
            jpeg::APP2 if payload.starts_with(b"ICC_PROFILE\0") => {
                out.extend_from_slice(segment.bytes);
            }
            jpeg::APP14 if payload.starts_with(b"Adobe") => out.extend_from_slice(segment.bytes),
            0xe0..=0xef | jpeg::COM => {}
            marker => {
                ended = marker == jpeg::EOI;
                out.extend_from_slice(segment.bytes);
            }
        }
    }
    if !ended {
        return Err("cut short before the end-of-image marker".into());
    }
    Ok(out)
}

/// A JFIF APP0 segment with its version, units and density, and no thumbnail; nothing if the
/// segment is too short to be JFIF.
fn jfif_without_thumbnail(payload: &[u8]) -> Vec<u8> {
    // "JFIF\0", version (2), units (1), X and Y density (2 each), then the thumbnail's size.
    let Some(fields) = payload.get(..12) else {
        return Vec::new();
    };
    let mut segment = vec![0xff, jpeg::APP0, 0, 16];
    segment.extend_from_slice(fields);
    segment.extend_from_slice(&[0, 0]);
    segment
}

const PNG_KEPT: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP",
    b"mDCV", b"cLLI", b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(png::SIGNATURE);
    for chunk in png::chunks(bytes) {
        let chunk = chunk?;
        if PNG_KEPT.contains(&&chunk.kind) {
            out.extend_from_slice(chunk.bytes);
        }
    }
    Ok(out)
}

const WEBP_KEPT: &[&[u8; 4]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::with_capacity(bytes.len());
    body.extend_from_slice(b"WEBP");
    for chunk in webp::chunks(bytes)? {
        if !WEBP_KEPT.contains(&&chunk.kind) {
            continue;
        }
        if &chunk.kind == b"VP8X" {
            let mut vp8x = chunk.bytes.to_vec();
            let flags = vp8x.get_mut(8).ok_or("VP8X chunk without flags")?;
            *flags &= !(webp::VP8X_EXIF | webp::VP8X_XMP);
            body.extend_from_slice(&vp8x);
        } else {
            body.extend_from_slice(chunk.bytes);
        }
    }
    let size = u32::try_from(body.len()).map_err(|_| "larger than RIFF allows")?;
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

fn strip_gif(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut ended = false;
    for block in gif::blocks(bytes)? {
        let kept = match block.kind {
            gif::BlockKind::Header | gif::BlockKind::Frame | gif::BlockKind::GraphicControl => true,
            gif::BlockKind::Application(id) => &id == b"NETSCAPE2.0" || &id == b"ANIMEXTS1.0",
            gif::BlockKind::OtherExtension(_) => false,
            gif::BlockKind::Trailer => {
                ended = true;
                true
            }
        };
        if kept {
            out.extend_from_slice(block.bytes);
        }
    }
    if !ended {
        out.push(0x3b);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jfif_segment_keeps_its_density_and_loses_its_thumbnail() {
        let mut payload = b"JFIF\0\x01\x02\x01\x00\x48\x00\x48".to_vec();
        payload.extend_from_slice(&[2, 1, 255, 0, 0, 0, 255, 0]);
        let segment = jfif_without_thumbnail(&payload);
        assert_eq!(segment[..4], [0xff, jpeg::APP0, 0, 16]);
        assert_eq!(segment[4..16], payload[..12]);
        assert_eq!(segment[16..], [0, 0]);
        assert!(jfif_without_thumbnail(b"JFIF\0\x01").is_empty());
    }
}
