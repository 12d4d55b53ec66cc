//! A GIF's blocks, without decompressing anything.

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The signature, the logical screen descriptor and the global colour table.
    Header,
    /// An image: its descriptor, local colour table and compressed data.
    Frame,
    /// Frame timing and transparency (the graphic control extension, 0xF9).
    GraphicControl,
    /// An application extension; the identifier is its first 11 bytes ("NETSCAPE2.0").
    Application([u8; 11]),
    /// Comments, plain text, and extensions we do not know.
    OtherExtension(u8),
    Trailer,
}

#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub bytes: &'a [u8],
}

/// The blocks of `gif`, the header first. A GIF that ends cleanly between two blocks without
/// a trailer is accepted (browsers show it); bytes after a trailer are not returned.
pub fn blocks(gif: &[u8]) -> Result<Vec<Block<'_>>, String> {
    if !(gif.starts_with(b"GIF87a") || gif.starts_with(b"GIF89a")) {
        return Err("no GIF signature".into());
    }
    let screen = gif.get(6..13).ok_or("cut short in the screen descriptor")?;
    let mut at = 13 + colour_table_len(screen[4]);
    let header = gif.get(..at).ok_or("cut short in the colour table")?;
    let mut found = vec![Block {
        kind: BlockKind::Header,
        bytes: header,
    }];
    while let Some(&introducer) = gif.get(at) {
        let start = at;
        let kind = match introducer {
            0x3b => {
                found.push(Block {
                    kind: BlockKind::Trailer,
                    bytes: &gif[start..start + 1],
                });
                break;
            }
            0x2c => {
                let descriptor = gif.get(at + 1..at + 10).ok_or("cut short in a frame")?;
                // After the descriptor and colour table, one byte of LZW code size.
                at += 10 + colour_table_len(descriptor[8]) + 1;
                BlockKind::Frame
            }
            0x21 => {
                let label = *gif.get(at + 1).ok_or("cut short in an extension")?;
                at += 2;
                match label {
                    0xf9 => BlockKind::GraphicControl,
                    0xff => {
                        let id = gif
                            .get(at + 1..at + 12)
                            .ok_or("cut short in an extension")?;
                        let mut identifier = [0; 11];
                        identifier.copy_from_slice(id);
                        BlockKind::Application(identifier)
                    }
                    other => BlockKind::OtherExtension(other),
                }
            }
            other => return Err(format!("unknown block {other:#04x} at byte {start}")),
        };
        at = sub_blocks_end(gif, at)?;
        found.push(Block {
            kind,
            bytes: &gif[start..at],
        });
    }
    Ok(found)
}

/// Bytes of a colour table, from the packed field of a screen or image descriptor.
fn colour_table_len(packed: u8) -> usize {
    if packed & 0x80 == 0 {
        0
    } else {
        3 << ((usize::from(packed & 0x07)) + 1)
    }
}

/// Where a run of data sub-blocks starting at `at` ends (after its zero-length terminator).
fn sub_blocks_end(gif: &[u8], mut at: usize) -> Result<usize, String> {
    loop {
        let size = usize::from(*gif.get(at).ok_or("cut short in a data block")?);
        at += 1 + size;
        if size == 0 {
            return Ok(at);
        }
        if at > gif.len() {
            return Err("cut short in a data block".into());
        }
    }
}

/// How many frames the GIF has; an error if its blocks cannot be read.
pub fn frame_count(gif: &[u8]) -> Result<usize, String> {
    Ok(blocks(gif)?
        .iter()
        .filter(|block| block.kind == BlockKind::Frame)
        .count())
}

/// Width and height of the logical screen.
pub fn dimensions(gif: &[u8]) -> Option<(u32, u32)> {
    let b = gif.get(6..10)?;
    Some((
        u32::from(u16::from_le_bytes([b[0], b[1]])),
        u32::from(u16::from_le_bytes([b[2], b[3]])),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 GIF: header without colour table, a comment, a frame, a trailer, then junk.
    const GIF: &[u8] = b"GIF89a\x01\0\x01\0\0\0\0\
        \x21\xfe\x02hi\0\
        \x2c\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0\
        \x3bjunk";

    #[test]
    fn walks_to_the_trailer() {
        let kinds: Vec<BlockKind> = blocks(GIF).unwrap().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Header,
                BlockKind::OtherExtension(0xfe),
                BlockKind::Frame,
                BlockKind::Trailer
            ]
        );
        assert_eq!(frame_count(GIF), Ok(1));
        assert_eq!(dimensions(GIF), Some((1, 1)));
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let cut = GIF.len() - 7;
        assert!(blocks(&GIF[..cut]).is_err());
        assert!(blocks(b"GIF89a\x01\0").is_err());
        assert!(blocks(b"GIF89a\x01\0\x01\0\x87\0\0").is_err());
        assert!(blocks(b"GIF89a\x01\0\x01\0\0\0\0\x99").is_err());
    }
}
