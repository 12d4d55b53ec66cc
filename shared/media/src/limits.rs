//! Every limit of the media crate in one place, each with why it is that number.

/// Pixels (width × height) an image may have before we refuse it, read from its header before
/// anything is decoded. A 48-megapixel phone photo (8000 × 6000) passes; decoded as RGBA it
/// takes 200 MB, a fifth of a 1 GB Lambda, with room for the copies resizing makes.
pub const IMAGE_MAX_PIXELS: u64 = 50_000_000;

/// Bytes one decode may allocate (`image::Limits::max_alloc`): `IMAGE_MAX_PIXELS` at 8 bytes a
/// pixel (a 16-bit RGBA PNG) fits, and a header that lies about its size cannot ask for more
/// than half of a 1 GB Lambda.
pub const DECODE_MAX_ALLOC_BYTES: u64 = 512 * 1024 * 1024;

/// The longer side of a thumbnail, in pixels: the message list shows an image at most 240 CSS
/// pixels across, so this stays sharp on a 2× screen.
pub const THUMBNAIL_MAX_SIDE: u32 = 480;

/// The side of an avatar, in pixels: shown at most 128 CSS pixels across (the profile card),
/// sharp on a 2× screen, and a few tens of KB as a JPEG.
pub const AVATAR_SIDE: u32 = 256;

/// JPEG quality of thumbnails and avatars: small previews, where 80 looks no different from 95
/// at half the bytes.
pub const THUMBNAIL_JPEG_QUALITY: u8 = 80;

/// JPEG quality when a photo must be re-encoded to stand upright (its EXIF orientation was not
/// 1): this is the copy people download, so it keeps nearly all the original's detail.
pub const UPRIGHT_JPEG_QUALITY: u8 = 90;

/// How many leading bytes of an upload `check_declared` looks at (a ranged GET of this much is
/// enough): signatures sit in the first few bytes, and an image that hides a web page for a
/// browser to sniff must put it early, where sniffers look (the first 512 bytes for the WHATWG
/// algorithm, 256 for old Internet Explorer), so 16 KiB covers them with a wide margin. Bytes
/// past this are not scanned, whatever the caller passes, so the answer never depends on how
/// much was read.
pub const SNIFF_HEAD_BYTES: usize = 16 * 1024;

// Checked when the crate compiles: the largest accepted image (16-bit RGBA, 8 bytes a pixel)
// fits one decode, a 12-megapixel photo (what most phones take) is accepted, and an avatar is
// no larger than a thumbnail.
const _: () = assert!(IMAGE_MAX_PIXELS * 8 <= DECODE_MAX_ALLOC_BYTES);
const _: () = assert!(4000 * 3000 <= IMAGE_MAX_PIXELS);
const _: () = assert!(AVATAR_SIDE <= THUMBNAIL_MAX_SIDE);
