//! Sharing files: uploads go straight to the S3 stand-in, attach to a message in one
//! transaction, and are read through URLs minted per request for members only.

mod avatars;
mod bad_input;
mod sharing;

use serde_json::Value;
use sha2::Digest;

/// The SHA-256 of `bytes`, as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// PUTs `body` to an upload grant's URL as a browser does (its headers, the body's own
/// length): S3's status.
pub async fn put_to_s3(grant: &Value, body: Vec<u8>) -> u16 {
    let mut request = reqwest::Client::new()
        .put(grant["url"].as_str().unwrap())
        .body(body);
    for header in grant["headers"].as_array().unwrap() {
        request = request.header(
            header["name"].as_str().unwrap(),
            header["value"].as_str().unwrap(),
        );
    }
    request.send().await.unwrap().status().as_u16()
}

/// A valid 2x1 PNG (opaque), as an image editor writes it.
pub fn tiny_png() -> Vec<u8> {
    png(2, 1, &[0, 255, 0, 0, 0, 0, 255, 0])
}

/// A PNG of `width` x `height` whose IDAT holds `raw` (filter bytes included), stored
/// uncompressed; the header alone may claim more pixels than the data has.
pub fn png(width: u32, height: u32, raw: &[u8]) -> Vec<u8> {
    png_with(width, height, raw, &[])
}

/// `png` with extra chunks (`eXIf`, `tEXt`...) after its header.
pub fn png_with(width: u32, height: u32, raw: &[u8], extra: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    for (kind, data) in extra {
        chunk(&mut out, kind, data);
    }
    chunk(&mut out, b"IDAT", &zlib_stored(raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// `data` in a zlib stream of stored (uncompressed) blocks, 65,535 bytes at most each.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    let last = blocks.len().saturating_sub(1);
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i == last));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    if blocks.is_empty() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
