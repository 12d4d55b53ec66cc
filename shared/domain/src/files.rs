//! Files people share: asking to upload one, the file as a message carries it, and the files
//! pane of a channel or conversation. The bytes live in S3 (`blobs`); what is written here is
//! what the table and the API carry about them.

use serde::{Deserialize, Serialize};

use crate::limits::FILE_NAME_MAX_CHARS;
use crate::{FileId, MessageId, Timestamp, UploadId, UserId, ValidationError};

/// `POST /api/v1/uploads`: a file the browser is about to upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUpload {
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    /// The type the browser gives the file; empty when it does not know.
    #[serde(default)]
    pub content_type: String,
    /// The SHA-256 of the bytes, 64 hex digits: S3 refuses a body that does not have it.
    pub sha256: String,
}

/// Where to PUT the bytes: the URL, with exactly these headers, until `expiresAt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadGrant {
    #[serde(rename = "uploadID")]
    pub upload_id: UploadId,
    pub url: String,
    pub headers: Vec<UploadHeader>,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct UploadHeader {
    pub name: String,
    pub value: String,
}

/// A checked upload request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpload {
    pub name: FileName,
    pub size: u64,
    pub content_type: ContentType,
    pub sha256: Sha256,
}

impl NewUpload {
    /// Checks the fields on their own; the workspace's size limit and file types are the
    /// caller's to check, with the settings at hand.
    pub fn parse(request: &CreateUpload) -> Result<Self, ValidationError> {
        if request.size == 0 {
            return Err(ValidationError::new("size", "the file is empty"));
        }
        Ok(Self {
            name: FileName::parse(&request.name)?,
            size: request.size,
            content_type: ContentType::parse(&request.content_type)?,
            sha256: Sha256::parse(&request.sha256)?,
        })
    }
}

/// A file's name as people see and download it: 1 to 255 characters, no path (`/`, `\`), no
/// control characters, no text-direction controls (`gpj.exe` shown as `exe.jpg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName(String);

impl FileName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let invalid = |why: String| ValidationError::new("name", why);
        let name = raw.trim();
        if name.is_empty() || !crate::text::has_visible(name) {
            return Err(invalid("a file needs a name".into()));
        }
        if name.chars().count() > FILE_NAME_MAX_CHARS {
            return Err(invalid(format!(
                "a file name has at most {FILE_NAME_MAX_CHARS} characters; shorten it"
            )));
        }
        if name.contains(['/', '\\']) || name == "." || name == ".." {
            return Err(invalid(
                "a file name cannot contain / or \\; name the file itself, not a path".into(),
            ));
        }
        if name.chars().any(char::is_control) || crate::text::has_bidi_control(name) {
            return Err(invalid(
                "a file name cannot contain control or text-direction characters; rename the file"
                    .into(),
            ));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-case extension, without the dot (`report.PDF` gives `pdf`).
    pub fn extension(&self) -> Option<String> {
        let (stem, ext) = self.0.rsplit_once('.')?;
        (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A media type, `type/subtype` in lower case, parameters dropped; an unknown type is
/// `application/octet-stream`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType(String);

pub const OCTET_STREAM: &str = "application/octet-stream";

impl ContentType {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let essence = raw.split(';').next().unwrap_or_default().trim();
        if essence.is_empty() {
            return Ok(Self(OCTET_STREAM.into()));
        }
        let token = |part: &str| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
        };
        match essence.split_once('/') {
            Some((kind, sub)) if essence.len() <= 127 && token(kind) && token(sub) => {
                Ok(Self(essence.to_ascii_lowercase()))
            }
            _ => Err(ValidationError::new(
                "contentType",
                "the file type is not a media type such as image/png",
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A SHA-256 digest, given as 64 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sha256(pub [u8; 32]);

impl Sha256 {
    pub fn parse(hex: &str) -> Result<Self, ValidationError> {
        let invalid = || ValidationError::new("sha256", "the SHA-256 must be 64 hex digits");
        let hex = hex.trim();
        if hex.len() != 64 {
            return Err(invalid());
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            let pair = hex.get(i * 2..i * 2 + 2).ok_or_else(invalid)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| invalid())?;
        }
        Ok(Self(bytes))
    }

    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A file as a message carries it. Its URLs are not here: they are minted per request, for
/// someone who may see the message then (`GET .../files/{fileId}/url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: FileId,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    /// What the bytes are (checked on attach), not only what the browser said.
    pub content_type: String,
    /// Set for images shown in the app (PNG, JPEG, GIF, WebP): their size is known before they
    /// load, so the message list does not jump.
    #[serde(default)]
    pub image: Option<ImageMeta>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageMeta {
    pub width: u32,
    pub height: u32,
    /// An animated GIF or WebP: shown as such, its thumbnail is its first frame.
    #[serde(default)]
    pub animated: bool,
    /// The thumbnail's type (`image/jpeg`, or `image/png` for images with transparency);
    /// `None` when the image is small enough to be its own thumbnail.
    #[serde(default)]
    pub thumbnail_type: Option<String>,
}

/// A file in the files pane: the file, and the message that carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileEntry {
    pub file: Attachment,
    #[serde(rename = "messageID")]
    pub message_id: MessageId,
    /// Set when the message is a thread reply.
    #[serde(rename = "threadRootID", default)]
    pub thread_root_id: Option<MessageId>,
    #[serde(rename = "authorID")]
    pub author_id: UserId,
    pub created_at: Timestamp,
}

/// One page of a files pane, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FilePage {
    pub items: Vec<FileEntry>,
    pub next_cursor: Option<String>,
}

/// Which URL of a file to mint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum FileView {
    /// Saved as a file, never rendered by the browser.
    #[default]
    Download,
    /// Shown in the page: images only (others download).
    Preview,
    /// The image's thumbnail (the image itself when it is small).
    Thumbnail,
}

/// A minted URL to a file, a preview or a thumbnail, working until `expiresAt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileUrl {
    pub url: String,
    pub expires_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_names_not_paths() {
        assert_eq!(
            FileName::parse(" report.PDF ").unwrap().as_str(),
            "report.PDF"
        );
        assert_eq!(
            FileName::parse("report.PDF")
                .unwrap()
                .extension()
                .as_deref(),
            Some("pdf")
        );
        assert_eq!(FileName::parse(".bashrc").unwrap().extension(), None);
        assert_eq!(FileName::parse("README").unwrap().extension(), None);
        for bad in [
            "",
            "   ",
            "../etc/passwd",
            "a/b.txt",
            "a\\b.txt",
            "..",
            "bad\u{0}.txt",
            "line\nbreak.txt",
            "gpj\u{202E}exe.jpg",
            &"a".repeat(256),
        ] {
            assert!(FileName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(FileName::parse(&"é".repeat(255)).is_ok());
    }

    #[test]
    fn content_types_are_media_types() {
        assert_eq!(ContentType::parse("").unwrap().as_str(), OCTET_STREAM);
        assert_eq!(
            ContentType::parse("Text/Plain; charset=utf-8")
                .unwrap()
                .as_str(),
            "text/plain"
        );
        assert_eq!(
            ContentType::parse(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            .unwrap()
            .as_str(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        for bad in ["png", "image/", "/png", "image/png\r\nx: y", "a b/c"] {
            assert!(ContentType::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn digests_are_64_hex_digits() {
        let hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(Sha256::parse(hex).unwrap().to_hex(), hex);
        assert_eq!(Sha256::parse(&hex.to_uppercase()).unwrap().to_hex(), hex);
        for bad in ["", "abc", &hex[1..], &format!("{}zz", &hex[2..])] {
            assert!(Sha256::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_empty_file_is_refused() {
        let request = CreateUpload {
            name: "a.txt".into(),
            size: 0,
            content_type: "text/plain".into(),
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
        };
        assert_eq!(NewUpload::parse(&request).unwrap_err().field, "size");
    }
}
