//! The structure of each image format, walked without decoding: where the metadata sits, how
//! many frames there are, where the image ends.

pub(crate) mod gif;
pub(crate) mod jpeg;
pub(crate) mod png;
pub(crate) mod webp;

use crate::sniff::ImageFormat;

/// Walks the container from its signature to its end marker (EOI, IEND, the RIFF size, the GIF
/// trailer or a clean end between blocks) and makes sure it holds a picture: an error says
/// where it is cut short or broken, or what is missing. Nothing is decompressed; a JPEG's
/// entropy-coded data is scanned for markers.
pub(crate) fn check(bytes: &[u8], format: ImageFormat) -> Result<(), String> {
    let has_picture = match format {
        ImageFormat::Jpeg => {
            let mut has_scan = false;
            for segment in jpeg::segments(bytes) {
                has_scan |= segment?.marker == jpeg::SOS;
            }
            has_scan
        }
        ImageFormat::Png => {
            let mut has_data = false;
            for chunk in png::chunks(bytes) {
                has_data |= &chunk?.kind == b"IDAT";
            }
            has_data
        }
        ImageFormat::Webp => webp::chunks(bytes)?
            .iter()
            .any(|chunk| matches!(&chunk.kind, b"VP8 " | b"VP8L" | b"ANMF")),
        ImageFormat::Gif => gif::frame_count(bytes)? > 0,
    };
    if has_picture {
        Ok(())
    } else {
        Err("no image data".into())
    }
}
