//! Why a file was refused, in words the person who sent it can act on. Callers map each
//! variant to a stable error code; the text is for people, the `source` (if any) for logs.

use crate::Kind;

/// What claimed a file was of a type: its name's extension or the content type it was sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    Name,
    ContentType,
}

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// The name or the content type says one image type, the bytes are something else.
    #[error("this file is not {}, although {}", declared.described(), claim_words(*claim))]
    NotTheDeclaredType {
        declared: Kind,
        found: Kind,
        claim: Claim,
    },
    /// The bytes start as an image but also carry HTML or script a browser might run
    /// (`check_declared` says exactly what counts).
    #[error(
        "this file is {} that also holds web page or script code, so it cannot be shared as \
         an image; save it again from an image editor and send that copy",
        kind.described()
    )]
    Polyglot { kind: Kind },
    /// Width × height is past the limit, read from the header before anything was decoded.
    #[error(
        "this image is {width} × {height} pixels, more than the {} pixels Parley accepts; \
         scale it down and send it again",
        in_words(*max_pixels)
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// The bytes start as an image but are damaged, cut short or malformed.
    #[error(
        "this file looks like {} but is damaged or cut short, so it cannot be read; send it \
         again",
        kind.described()
    )]
    Undecodable {
        kind: Kind,
        #[source]
        cause: Cause,
    },
    /// Not a raster image Parley reads (PNG, JPEG, GIF, WebP), or one using a feature the
    /// decoder lacks.
    #[error("Parley cannot read {} as an image; it can still be shared as a file", kind.described())]
    Unsupported { kind: Kind },
}

/// What a decoder or parser said about damaged bytes: for logs, never shown to people.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Cause(pub String);

impl MediaError {
    pub(crate) fn undecodable(kind: Kind, cause: impl std::fmt::Display) -> Self {
        MediaError::Undecodable {
            kind,
            cause: Cause(cause.to_string()),
        }
    }
}

fn claim_words(claim: Claim) -> &'static str {
    match claim {
        Claim::Name => "its name says it is",
        Claim::ContentType => "it was sent as one",
    }
}

/// "50 million", or the plain number below a million.
fn in_words(pixels: u64) -> String {
    if pixels >= 1_000_000 && pixels.is_multiple_of(1_000_000) {
        format!("{} million", pixels / 1_000_000)
    } else {
        pixels.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_is_wrong_and_what_to_do() {
        let wrong = MediaError::NotTheDeclaredType {
            declared: Kind::Png,
            found: Kind::Other,
            claim: Claim::Name,
        };
        assert_eq!(
            wrong.to_string(),
            "this file is not a PNG image, although its name says it is"
        );
        let big = MediaError::TooManyPixels {
            width: 100_000,
            height: 100_000,
            max_pixels: 50_000_000,
        };
        assert_eq!(
            big.to_string(),
            "this image is 100000 × 100000 pixels, more than the 50 million pixels Parley \
             accepts; scale it down and send it again"
        );
        let broken = MediaError::undecodable(Kind::Jpeg, "unexpected end of file");
        assert!(
            broken
                .to_string()
                .starts_with("this file looks like a JPEG image")
        );
        // The decoder's words go to the logs through `source`, not to the person.
        assert!(!broken.to_string().contains("unexpected"));
        let cause = std::error::Error::source(&broken).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("unexpected end of file"));
    }
}
