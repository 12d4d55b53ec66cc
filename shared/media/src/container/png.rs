//! A PNG's chunks, from the signature to IEND, without decoding anything.

pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// One chunk: its type, all its bytes (length, type, data and CRC) and its data.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    pub kind: [u8; 4],
    pub bytes: &'a [u8],
    pub data: &'a [u8],
}

/// The chunks of `png` after the signature, IHDR first and IEND last; anything after IEND is
/// not part of the picture and is not returned. CRCs are not checked: the decoder does, and a
/// chunk copied whole keeps its own.
pub fn chunks(png: &[u8]) -> Chunks<'_> {
    Chunks {
        png,
        at: SIGNATURE.len(),
        done: false,
    }
}

pub struct Chunks<'a> {
    png: &'a [u8],
    at: usize,
    done: bool,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Result<Chunk<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.read();
        self.done = match &item {
            Ok(chunk) => &chunk.kind == b"IEND",
            Err(_) => true,
        };
        Some(item)
    }
}

impl<'a> Chunks<'a> {
    fn read(&mut self) -> Result<Chunk<'a>, String> {
        let png = self.png;
        let start = self.at;
        if start == SIGNATURE.len() && !png.starts_with(SIGNATURE) {
            return Err("no PNG signature".into());
        }
        let header = png
            .get(start..start + 8)
            .ok_or_else(|| format!("cut short at byte {start}, before IEND"))?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let kind = [header[4], header[5], header[6], header[7]];
        // The format caps a chunk at 2^31 - 1 bytes.
        let length = usize::try_from(length)
            .ok()
            .filter(|length| *length <= 0x7fff_ffff)
            .ok_or_else(|| format!("chunk length {length} at byte {start}"))?;
        let end = start
            .checked_add(12 + length)
            .filter(|end| *end <= png.len())
            .ok_or_else(|| format!("chunk at byte {start} runs past the end"))?;
        if start == SIGNATURE.len() && &kind != b"IHDR" {
            return Err("the first chunk is not IHDR".into());
        }
        self.at = end;
        Ok(Chunk {
            kind,
            bytes: &png[start..end],
            data: &png[start + 8..end - 4],
        })
    }
}

/// The EXIF (TIFF) structure of the first eXIf chunk, if any; `None` too if the chunks cannot
/// be read.
pub fn exif(png: &[u8]) -> Option<&[u8]> {
    chunks(png)
        .map_while(Result::ok)
        .find(|chunk| &chunk.kind == b"eXIf")
        .map(|chunk| chunk.data)
}

/// Whether this is an animated PNG: an acTL chunk before the image data announcing more than
/// one frame.
pub fn is_animated(png: &[u8]) -> bool {
    chunks(png)
        .map_while(Result::ok)
        .take_while(|chunk| &chunk.kind != b"IDAT")
        .filter(|chunk| &chunk.kind == b"acTL")
        .filter_map(|chunk| chunk.data.get(..4))
        .any(|frames| u32::from_be_bytes([frames[0], frames[1], frames[2], frames[3]]) > 1)
}

/// Width and height from IHDR.
pub fn dimensions(png: &[u8]) -> Option<(u32, u32)> {
    let ihdr = chunks(png).next()?.ok()?;
    let word = |at: usize| {
        let b = ihdr.data.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    Some((word(0)?, word(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut bytes = (data.len() as u32).to_be_bytes().to_vec();
        bytes.extend_from_slice(kind);
        bytes.extend_from_slice(data);
        bytes.extend_from_slice(&[0; 4]);
        bytes
    }

    #[test]
    fn walks_to_iend_and_ignores_what_follows() {
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0, 7, 0, 0, 0, 5, 8, 2, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"k\0v"));
        png.extend(chunk(b"IEND", b""));
        png.extend_from_slice(b"<html>");
        let kinds: Vec<[u8; 4]> = chunks(&png).map(|c| c.unwrap().kind).collect();
        assert_eq!(kinds, [*b"IHDR", *b"tEXt", *b"IEND"]);
        assert_eq!(dimensions(&png), Some((7, 5)));
        assert!(!is_animated(&png));
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, b'I', b'D', b'A', b'T']);
        assert!(chunks(&png).any(|c| c.is_err()));
        assert!(chunks(&png[..20]).any(|c| c.is_err()));
        assert!(chunks(b"\x89PNG").any(|c| c.is_err()));
    }
}
