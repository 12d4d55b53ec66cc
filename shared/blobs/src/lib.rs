//! Uploaded files in S3: one private bucket that browsers reach only through presigned URLs
//! minted by the REST function. `keys` owns the layout of the bucket; `Blobs` the calls.

pub mod keys;

use std::time::Duration;

use aws_sdk_s3::Client;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{ChecksumMode, MetadataDirective, Tag, Tagging};
use base64::Engine;
use domain::files::Sha256;
use domain::limits::S3_TIMEOUTS;

/// The tag that marks a file of a deleted message; the bucket's lifecycle rule expires tagged
/// objects after a grace period.
pub const DELETED_TAG: (&str, &str) = ("parley-deleted", "true");

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("s3 {operation}: {message}")]
    S3 {
        operation: &'static str,
        message: String,
    },
}

impl BlobError {
    fn s3<E: std::error::Error>(operation: &'static str, error: E) -> Self {
        Self::S3 {
            operation,
            message: domain::error_chain(&error),
        }
    }
}

/// A presigned PUT: the URL and the headers the browser must send with exactly these values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresignedPut {
    pub url: String,
    pub headers: Vec<(String, String)>,
}

/// What S3 holds at a key: its length and, when it was uploaded with one, its SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub size: u64,
    pub sha256: Option<Sha256>,
}

/// How a downloaded file presents itself to the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown in the page (safe raster images only), with this content type.
    Inline(&'static str),
    /// Saved as a file, never rendered: `application/octet-stream`, `attachment`.
    Attachment,
    /// Shown in the page with the type it was stored with: for images Parley itself wrote
    /// (pictures), never for what people uploaded.
    InlineAsStored,
}

#[derive(Clone)]
pub struct Blobs {
    client: Client,
    bucket: String,
}

impl Blobs {
    /// The uploads bucket; `endpoint` (a local stand-in) is addressed path-style.
    pub async fn connect(bucket: &str, region: &str, endpoint: Option<&str>) -> Self {
        let sdk = aws::sdk_config(region, S3_TIMEOUTS, endpoint).await;
        let config = aws_sdk_s3::config::Builder::from(&sdk)
            .force_path_style(endpoint.is_some())
            .build();
        Self {
            client: Client::from_conf(config),
            bucket: bucket.to_string(),
        }
    }

    /// A PUT of exactly `size` bytes whose SHA-256 is `sha256`, working for `ttl`: S3 refuses
    /// any other body (a different checksum, or another length).
    pub async fn presign_put(
        &self,
        key: &str,
        size: u64,
        sha256: Sha256,
        content_type: &str,
        ttl: Duration,
    ) -> Result<PresignedPut, BlobError> {
        let request = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_length(i64::try_from(size).unwrap_or(i64::MAX))
            .content_type(content_type)
            .checksum_sha256(base64(&sha256.0))
            .presigned(presigning(ttl)?)
            .await
            .map_err(|e| BlobError::s3("PresignPutObject", e))?;
        Ok(PresignedPut {
            url: request.uri().to_string(),
            headers: request
                .headers()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        })
    }

    /// A GET of `key` for `ttl`, presenting itself as `disposition` says, under `file_name`.
    pub async fn presign_get(
        &self,
        key: &str,
        file_name: &str,
        disposition: Disposition,
        ttl: Duration,
    ) -> Result<String, BlobError> {
        let (content_type, disposition) = match disposition {
            Disposition::Inline(content_type) => (Some(content_type), "inline"),
            Disposition::InlineAsStored => (None, "inline"),
            Disposition::Attachment => (Some(domain::files::OCTET_STREAM), "attachment"),
        };
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .set_response_content_type(content_type.map(str::to_string))
            .response_content_disposition(content_disposition(disposition, file_name))
            .response_cache_control("private, max-age=300")
            .presigned(presigning(ttl)?)
            .await
            .map_err(|e| BlobError::s3("PresignGetObject", e))?;
        Ok(request.uri().to_string())
    }

    /// What is stored at `key`, or `None`.
    pub async fn head(&self, key: &str) -> Result<Option<Stored>, BlobError> {
        let result = self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .checksum_mode(ChecksumMode::Enabled)
            .send()
            .await;
        match result {
            Ok(out) => Ok(Some(Stored {
                size: out
                    .content_length()
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(0),
                sha256: out.checksum_sha256().and_then(sha256_of_base64),
            })),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => Ok(None),
            Err(e) if e.raw_response().is_some_and(|r| r.status().as_u16() == 404) => Ok(None),
            Err(e) => Err(BlobError::s3("HeadObject", e)),
        }
    }

    /// The first `bytes` bytes of `key` (all of it when shorter), or `None` when it is gone.
    pub async fn read(&self, key: &str, bytes: u64) -> Result<Option<Vec<u8>>, BlobError> {
        let result = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .range(format!("bytes=0-{}", bytes.saturating_sub(1)))
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(e) if e.as_service_error().is_some_and(|e| e.is_no_such_key()) => return Ok(None),
            Err(e) => return Err(BlobError::s3("GetObject", e)),
        };
        let body = out
            .body
            .collect()
            .await
            .map_err(|e| BlobError::s3("GetObject", e))?;
        let mut data = body.into_bytes().to_vec();
        data.truncate(usize::try_from(bytes).unwrap_or(usize::MAX));
        Ok(Some(data))
    }

    /// Stores `data` at `key`.
    pub async fn put(&self, key: &str, data: Vec<u8>, content_type: &str) -> Result<(), BlobError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(data))
            .send()
            .await
            .map_err(|e| BlobError::s3("PutObject", e))?;
        Ok(())
    }

    /// Copies `from` to `to` inside the bucket (S3 copies; nothing passes through here).
    pub async fn copy(&self, from: &str, to: &str, content_type: &str) -> Result<(), BlobError> {
        self.client
            .copy_object()
            .bucket(&self.bucket)
            .copy_source(format!("{}/{from}", self.bucket))
            .key(to)
            .content_type(content_type)
            .metadata_directive(MetadataDirective::Replace)
            .send()
            .await
            .map_err(|e| BlobError::s3("CopyObject", e))?;
        Ok(())
    }

    /// Removes `key` (nothing happens when it is not there).
    pub async fn delete(&self, key: &str) -> Result<(), BlobError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| BlobError::s3("DeleteObject", e))?;
        Ok(())
    }

    /// Tags `key` as a deleted message's file, for the lifecycle rule to remove later.
    pub async fn mark_deleted(&self, key: &str) -> Result<(), BlobError> {
        let tag = Tag::builder()
            .key(DELETED_TAG.0)
            .value(DELETED_TAG.1)
            .build()
            .map_err(|e| BlobError::s3("PutObjectTagging", e))?;
        let tagging = Tagging::builder()
            .tag_set(tag)
            .build()
            .map_err(|e| BlobError::s3("PutObjectTagging", e))?;
        self.client
            .put_object_tagging()
            .bucket(&self.bucket)
            .key(key)
            .tagging(tagging)
            .send()
            .await
            .map_err(|e| BlobError::s3("PutObjectTagging", e))?;
        Ok(())
    }

    /// The bucket's name.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The client, for tests and the local stack's setup.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

fn presigning(ttl: Duration) -> Result<PresigningConfig, BlobError> {
    PresigningConfig::expires_in(ttl).map_err(|e| BlobError::s3("Presign", e))
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn sha256_of_base64(text: &str) -> Option<Sha256> {
    // A multipart upload's checksum is `<base64>-<parts>`, a checksum of checksums: not ours.
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()?;
    Some(Sha256(bytes.try_into().ok()?))
}

/// `attachment; filename="..."; filename*=UTF-8''...`: an ASCII fallback with quotes and
/// backslashes replaced, and the real name percent-encoded (RFC 6266, RFC 5987).
pub fn content_disposition(kind: &str, file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disposition_names_the_file_safely() {
        assert_eq!(
            content_disposition("attachment", "report.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"
        );
        assert_eq!(
            content_disposition("inline", "a \"b\" é.png"),
            "inline; filename=\"a _b_ _.png\"; filename*=UTF-8''a%20%22b%22%20%C3%A9.png"
        );
    }
}
