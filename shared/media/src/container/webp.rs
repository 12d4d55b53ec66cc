//! A WebP's RIFF chunks, without decoding anything.

/// VP8X flag bits (the first byte of its data) for the chunks we drop.
pub const VP8X_EXIF: u8 = 0x08;
pub const VP8X_XMP: u8 = 0x04;

/// One chunk: its FourCC, all its bytes (header, data and any padding byte) and its data.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    pub kind: [u8; 4],
    pub bytes: &'a [u8],
    pub data: &'a [u8],
}

/// The chunks inside the RIFF container, in order. Bytes past the size the RIFF header gives
/// are not part of the picture and are not returned.
pub fn chunks(webp: &[u8]) -> Result<Vec<Chunk<'_>>, String> {
    if !webp.starts_with(b"RIFF") || webp.get(8..12) != Some(b"WEBP") {
        return Err("no RIFF WEBP header".into());
    }
    let riff_size = le32(webp, 4).ok_or("cut short in the RIFF header")?;
    let end = usize::try_from(riff_size)
        .ok()
        .and_then(|size| size.checked_add(8))
        .filter(|end| *end <= webp.len())
        .ok_or("cut short: the RIFF header promises more bytes than there are")?;
    let mut found = Vec::new();
    let mut at = 12;
    while at < end {
        let start = at;
        let header = webp
            .get(at..at + 8)
            .filter(|_| at + 8 <= end)
            .ok_or_else(|| format!("cut short in a chunk header at byte {start}"))?;
        let kind = [header[0], header[1], header[2], header[3]];
        let size = le32(header, 4)
            .and_then(|size| usize::try_from(size).ok())
            .ok_or("chunk size")?;
        let data_end = (at + 8)
            .checked_add(size)
            .filter(|data_end| *data_end <= end)
            .ok_or_else(|| format!("chunk at byte {start} runs past the end"))?;
        // Odd sizes are padded to even; a missing pad byte at the very end is tolerated.
        let padded_end = (data_end + (size & 1)).min(end);
        found.push(Chunk {
            kind,
            bytes: &webp[start..padded_end],
            data: &webp[at + 8..data_end],
        });
        at = padded_end;
    }
    Ok(found)
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The EXIF (TIFF) structure of the EXIF chunk, if any (some writers put `Exif\0\0` before it,
/// as in a JPEG); `None` too if the chunks cannot be read.
pub fn exif(webp: &[u8]) -> Option<&[u8]> {
    let chunk = chunks(webp)
        .ok()?
        .into_iter()
        .find(|chunk| &chunk.kind == b"EXIF")?;
    Some(
        chunk
            .data
            .strip_prefix(b"Exif\0\0".as_slice())
            .unwrap_or(chunk.data),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_the_chunks_with_padding_and_ignores_what_follows() {
        let mut webp = b"RIFF\x1a\0\0\0WEBP".to_vec();
        webp.extend_from_slice(b"EXIF\x03\0\0\0abc\0");
        webp.extend_from_slice(b"VP8 \x02\0\0\0xy");
        webp.extend_from_slice(b"<html>");
        let kinds: Vec<[u8; 4]> = chunks(&webp).unwrap().iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [*b"EXIF", *b"VP8 "]);
        assert_eq!(exif(&webp), Some(b"abc".as_slice()));
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        assert!(chunks(b"RIFF\xff\0\0\0WEBP").is_err());
        assert!(chunks(b"RIFF\x0c\0\0\0WEBPVP8 ").is_err());
        assert!(chunks(b"RIFF\x0e\0\0\0WEBPVP8 \xff\xff\xff\xff").is_err());
        assert!(chunks(b"RIFF").is_err());
    }
}
