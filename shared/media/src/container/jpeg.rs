//! A JPEG's segments, from SOI to EOI, without decoding anything.

/// Markers we name.
pub const SOI: u8 = 0xd8;
pub const EOI: u8 = 0xd9;
pub const SOS: u8 = 0xda;
pub const APP0: u8 = 0xe0;
pub const APP1: u8 = 0xe1;
pub const APP2: u8 = 0xe2;
pub const APP14: u8 = 0xee;
pub const COM: u8 = 0xfe;

/// One segment: its marker, all its bytes (the `FF xx` included; for SOS, the entropy-coded
/// data that follows it too), and its payload (after the length).
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    pub marker: u8,
    pub bytes: &'a [u8],
    pub payload: &'a [u8],
}

/// The segments of `jpeg`, SOI first and EOI last; anything after EOI (appended images, a
/// video, a ZIP) is not part of the picture and is not returned. An error says where the
/// structure breaks.
pub fn segments(jpeg: &[u8]) -> Segments<'_> {
    Segments {
        jpeg,
        at: 0,
        done: false,
    }
}

pub struct Segments<'a> {
    jpeg: &'a [u8],
    at: usize,
    done: bool,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Result<Segment<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.read();
        self.done = match &item {
            Ok(segment) => segment.marker == EOI,
            Err(_) => true,
        };
        Some(item)
    }
}

impl<'a> Segments<'a> {
    fn read(&mut self) -> Result<Segment<'a>, String> {
        let jpeg = self.jpeg;
        let start = self.at;
        if start == 0 {
            if !jpeg.starts_with(&[0xff, SOI]) {
                return Err("no start-of-image marker".into());
            }
            self.at = 2;
            return Ok(self.segment(SOI, 0, 2, 2));
        }
        if jpeg.get(start) != Some(&0xff) {
            return Err(format!("no marker at byte {start}: cut short or damaged"));
        }
        // Any number of 0xFF fill bytes may stand before a marker.
        let mut code_at = start + 1;
        while jpeg.get(code_at) == Some(&0xff) {
            code_at += 1;
        }
        let marker = *jpeg.get(code_at).ok_or("cut short before a marker")?;
        let after_marker = code_at + 1;
        if marker == EOI || (0xd0..=0xd7).contains(&marker) || marker == 0x01 {
            self.at = after_marker;
            return Ok(self.segment(marker, start, after_marker, after_marker));
        }
        if marker == 0x00 || marker == SOI {
            return Err(format!("unexpected marker {marker:#04x} at byte {start}"));
        }
        let length = jpeg
            .get(after_marker..after_marker + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .ok_or("cut short in a segment's length")?;
        if length < 2 {
            return Err(format!("segment length {length} at byte {start}"));
        }
        let end = after_marker + length;
        if end > jpeg.len() {
            return Err(format!("segment at byte {start} runs past the end"));
        }
        let payload_start = after_marker + 2;
        let mut segment_end = end;
        if marker == SOS {
            segment_end = entropy_coded_end(jpeg, end)?;
        }
        self.at = segment_end;
        Ok(Segment {
            marker,
            bytes: &jpeg[start..segment_end],
            payload: &jpeg[payload_start..end],
        })
    }

    fn segment(&self, marker: u8, start: usize, end: usize, payload_start: usize) -> Segment<'a> {
        Segment {
            marker,
            bytes: &self.jpeg[start..end],
            payload: &self.jpeg[payload_start..end],
        }
    }
}

/// Where the entropy-coded data after an SOS header ends: at the next marker that is not a
/// stuffed byte (`FF 00`), a restart (`FF D0`..`FF D7`) or fill (`FF FF`).
fn entropy_coded_end(jpeg: &[u8], from: usize) -> Result<usize, String> {
    let mut at = from;
    while at + 1 < jpeg.len() {
        if jpeg[at] != 0xff {
            at += 1;
            continue;
        }
        match jpeg[at + 1] {
            0x00 | 0xd0..=0xd7 => at += 2,
            0xff => at += 1,
            _ => return Ok(at),
        }
    }
    Err("cut short in the image data".into())
}

/// The EXIF (TIFF) structure of the first `Exif` APP1 segment, if any; `None` too if the
/// segments cannot be read.
pub fn exif(jpeg: &[u8]) -> Option<&[u8]> {
    segments(jpeg)
        .map_while(Result::ok)
        .take_while(|segment| segment.marker != SOS)
        .filter(|segment| segment.marker == APP1)
        .find_map(|segment| segment.payload.strip_prefix(b"Exif\0\0".as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_to_eoi_across_stuffed_bytes_and_restarts() {
        let jpeg = [
            0xff, SOI, // SOI
            0xff, COM, 0, 4, b'h', b'i', // a comment
            0xff, 0xff, SOS, 0, 2, // fill byte, then an SOS with no header fields
            1, 0xff, 0x00, 2, 0xff, 0xd3, 3, // data, a stuffed FF, a restart
            0xff, EOI, // EOI
            b'P', b'K', // trailing bytes
        ];
        let markers: Vec<u8> = segments(&jpeg).map(|s| s.unwrap().marker).collect();
        assert_eq!(markers, [SOI, COM, SOS, EOI]);
        let sos = segments(&jpeg).nth(2).unwrap().unwrap();
        assert_eq!(sos.bytes.len(), 12);
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        for broken in [
            &[0xff, SOI, 0xff][..],
            &[0xff, SOI, 0xff, COM, 0, 9, 1],
            &[0xff, SOI, 0xff, COM, 0, 1],
            &[0xff, SOI, 0x12],
            &[0xff, SOI, 0xff, SOS, 0, 2, 1, 2, 3],
            &[0xff],
        ] {
            assert!(segments(broken).any(|s| s.is_err()), "{broken:?}");
        }
    }
}
