//! Uploads becoming the files of a message. Before the message is written each upload is
//! checked where it lies: it is the sender's own and waiting, S3 holds exactly the declared
//! length and SHA-256, and its first bytes are what its name and type say (a declared image
//! that is not one, or an image hiding a web page, is refused). Images get their size read
//! from the header (refused past the pixel limit before anything is decoded), their metadata
//! stripped (EXIF, GPS included) from the copy others download, and a thumbnail; other files
//! are copied as they are. The message, its file rows and the used-up uploads are then one
//! transaction (`store::messages`).

use std::collections::HashSet;

use axum::http::StatusCode;
use blobs::Blobs;
use domain::files::{Attachment, ImageMeta};
use domain::limits::{ATTACHMENTS_PER_MESSAGE_MAX, IMAGE_PROCESS_MAX_BYTES};
use domain::{ErrorCode, FileId, UploadId, UserId};
use media::MediaError;
use store::messages::Attached;
use store::uploads::PendingUpload;

use crate::uploads::bucket;
use crate::{ApiError, AppState};

/// The uploads a send names: at most ten, each once.
pub fn requested(ids: &[UploadId]) -> Result<Vec<UploadId>, ApiError> {
    if ids.len() > ATTACHMENTS_PER_MESSAGE_MAX {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyAttachments,
            format!(
                "a message carries at most {ATTACHMENTS_PER_MESSAGE_MAX} files; send the rest in another message"
            ),
        ));
    }
    let mut seen = HashSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidInput,
            "the same upload is attached twice",
        ));
    }
    Ok(ids.to_vec())
}

pub fn upload_gone() -> ApiError {
    ApiError::not_found(
        ErrorCode::UploadNotFound,
        "no upload of yours with this id waits to be sent (it expired, or went with another message); upload the file again",
    )
}

fn incomplete(upload: &PendingUpload) -> ApiError {
    ApiError::conflict(
        ErrorCode::UploadIncomplete,
        format!(
            "{} has not finished uploading, or different bytes arrived; upload it again",
            upload.name
        ),
    )
}

pub(crate) fn refused(error: &MediaError) -> ApiError {
    let code = match error {
        MediaError::TooManyPixels { .. } => ErrorCode::ImageTooLarge,
        _ => ErrorCode::FileTypeMismatch,
    };
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, error.to_string())
}

/// Checks `owner`'s uploads and stores their files; the files, in the order given.
pub async fn prepare(
    state: &AppState,
    owner: UserId,
    uploads: &[UploadId],
) -> Result<Vec<Attached>, ApiError> {
    if uploads.is_empty() {
        return Ok(Vec::new());
    }
    let blobs = bucket(state)?;
    let mut pending = Vec::with_capacity(uploads.len());
    for id in uploads {
        let upload = state
            .store
            .uploads()
            .get(owner, *id)
            .await?
            .ok_or_else(upload_gone)?;
        pending.push(upload);
    }
    // Each file is checked and stored on its own, all at once.
    let stored = futures::future::join_all(pending.iter().map(|upload| async move {
        store_file(blobs, upload).await.map(|file| Attached {
            upload: upload.id,
            file,
        })
    }))
    .await;
    let (attached, refusals): (Vec<_>, Vec<_>) = stored.into_iter().partition(Result::is_ok);
    let attached: Vec<Attached> = attached.into_iter().flatten().collect();
    if let Some(Err(refusal)) = refusals.into_iter().next() {
        discard(state, &attached).await;
        return Err(refusal);
    }
    Ok(attached)
}

/// Removes the stored copies of files whose message was not written (best effort: what is
/// left is unreachable, and only costs storage).
pub async fn discard(state: &AppState, files: &[Attached]) {
    let Some(blobs) = &state.blobs else { return };
    for file in files {
        for key in [
            blobs::keys::file(file.file.id),
            blobs::keys::thumbnail(file.file.id),
        ] {
            if let Err(e) = blobs.delete(&key).await {
                tracing::warn!(error = %e, key, "could not remove the file of an unsent message");
            }
        }
    }
}

/// Marks the stored files of a deleted message for removal: out of view at once (their rows
/// went with the message), out of S3 after the bucket's grace period. A failure is logged;
/// nobody can mint a URL to them any more.
pub async fn deleted(state: &AppState, files: &[Attachment]) {
    let Some(blobs) = &state.blobs else { return };
    for file in files {
        let mut keys = vec![blobs::keys::file(file.id)];
        if file
            .image
            .as_ref()
            .is_some_and(|i| i.thumbnail_type.is_some())
        {
            keys.push(blobs::keys::thumbnail(file.id));
        }
        for key in keys {
            if let Err(e) = blobs.mark_deleted(&key).await {
                tracing::warn!(error = %e, key, "could not mark a deleted message's file");
            }
        }
    }
}

/// The first `bytes` bytes of `upload` (all of it when shorter), once S3 is known to hold
/// exactly the declared length and SHA-256.
pub(crate) async fn checked_bytes(
    blobs: &Blobs,
    upload: &PendingUpload,
    bytes: u64,
) -> Result<Vec<u8>, ApiError> {
    let source = blobs::keys::pending(upload.owner, upload.id);
    let stored = blobs
        .head(&source)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| incomplete(upload))?;
    let declared = domain::files::Sha256::parse(&upload.sha256).map_err(ApiError::internal)?;
    if stored.size != upload.size || stored.sha256 != Some(declared) {
        return Err(incomplete(upload));
    }
    blobs
        .read(&source, bytes)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| incomplete(upload))
}

/// Checks one upload in S3 and writes the copy the message carries.
async fn store_file(blobs: &Blobs, upload: &PendingUpload) -> Result<Attachment, ApiError> {
    let source = blobs::keys::pending(upload.owner, upload.id);
    let head = checked_bytes(blobs, upload, media::limits::SNIFF_HEAD_BYTES as u64).await?;
    let kind = media::check_declared(&upload.content_type, &upload.name, &head)
        .map_err(|e| refused(&e))?;
    let id = FileId::new();
    let target = blobs::keys::file(id);
    let attachment = |content_type: &str, image: Option<ImageMeta>| Attachment {
        id,
        name: upload.name.clone(),
        size: upload.size,
        content_type: content_type.to_string(),
        image,
    };
    if !media::is_safe_image(kind) || upload.size > IMAGE_PROCESS_MAX_BYTES {
        // Not shown in the page: copied as it is, downloaded as a file.
        let content_type = if media::is_safe_image(kind) {
            kind.content_type()
        } else {
            upload.content_type.as_str()
        };
        blobs
            .copy(&source, &target, content_type)
            .await
            .map_err(ApiError::internal)?;
        return Ok(attachment(content_type, None));
    }
    let bytes = blobs
        .read(&source, upload.size)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| incomplete(upload))?;
    let content_type = kind.content_type();
    let processed = tokio::task::spawn_blocking(move || process_image(&bytes))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| refused(&e))?;
    if let Some(thumbnail) = &processed.thumbnail {
        blobs
            .put(
                &blobs::keys::thumbnail(id),
                thumbnail.bytes.clone(),
                thumbnail.content_type,
            )
            .await
            .map_err(ApiError::internal)?;
    }
    blobs
        .put(&target, processed.cleaned, content_type)
        .await
        .map_err(ApiError::internal)?;
    let mut file = attachment(content_type, Some(processed.meta));
    file.size = processed.size;
    Ok(file)
}

/// An image made ready to share: the copy without metadata, its size and a thumbnail.
struct Processed {
    cleaned: Vec<u8>,
    size: u64,
    meta: ImageMeta,
    thumbnail: Option<media::Thumbnail>,
}

/// Reads, cleans and shrinks an image: CPU work, run off the async threads.
fn process_image(bytes: &[u8]) -> Result<Processed, MediaError> {
    let info = media::inspect(bytes, media::limits::IMAGE_MAX_PIXELS)?;
    let cleaned = media::strip_metadata(bytes, media::limits::IMAGE_MAX_PIXELS)?;
    // A rotation applied while stripping swaps the sides.
    let upright = media::inspect(&cleaned, media::limits::IMAGE_MAX_PIXELS)?;
    let small = upright.width.max(upright.height) <= media::limits::THUMBNAIL_MAX_SIDE;
    let thumbnail = if small {
        None
    } else {
        Some(media::thumbnail(
            &cleaned,
            media::limits::THUMBNAIL_MAX_SIDE,
            media::limits::IMAGE_MAX_PIXELS,
        )?)
    };
    Ok(Processed {
        size: cleaned.len() as u64,
        meta: ImageMeta {
            width: upright.width,
            height: upright.height,
            animated: info.animated,
            thumbnail_type: thumbnail.as_ref().map(|t| t.content_type.to_string()),
        },
        thumbnail,
        cleaned,
    })
}
