//! Asking to upload a file: the API checks it against the workspace's limits and answers a
//! presigned PUT that binds its length and SHA-256, so S3 itself refuses other bytes. The
//! upload waits, in the uploader's own partition, to be attached to a message
//! (`attachments`). Uploads are never deduplicated, not even one person's: whether a file
//! exists is nobody else's to learn.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use blobs::Blobs;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::files::{CreateUpload, NewUpload, UploadGrant, UploadHeader};
use domain::limits::UPLOAD_URL_TTL_SECONDS;
use domain::{Timestamp, ValidationError};
use store::uploads::PendingUpload;

use crate::extract::{Caller, JsonBody};
use crate::ratelimit::{self, Limit};
use crate::{ApiError, AppState, workspace};

/// The uploads bucket, or the answer that file sharing is off.
pub fn bucket(state: &AppState) -> Result<&Blobs, ApiError> {
    state.blobs.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::UploadsUnavailable,
            "file sharing is not set up on this server; an operator sets UPLOADS_BUCKET",
        )
    })
}

fn invalid(error: ValidationError) -> ApiError {
    let code = match error.field {
        "name" => ErrorCode::InvalidFileName,
        _ => ErrorCode::InvalidInput,
    };
    ApiError::bad_request(code, error.message)
}

/// Headers a browser sets itself and may not be given.
fn set_by_the_browser(name: &str) -> bool {
    matches!(name, "content-length" | "host")
}

/// Asks to upload a file: answers where to PUT it, with which headers, until when.
#[utoipa::path(post, path = "/api/v1/uploads", tag = "files", security(("bearer" = [])),
    request_body = CreateUpload,
    responses((status = 201, body = UploadGrant), (status = 400, body = ApiErrorResponse),
        (status = 413, body = ApiErrorResponse), (status = 415, body = ApiErrorResponse),
        (status = 429, body = ApiErrorResponse), (status = 503, body = ApiErrorResponse)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<CreateUpload>,
) -> Result<(StatusCode, Json<UploadGrant>), ApiError> {
    let blobs = bucket(&state)?;
    let upload = NewUpload::parse(&request).map_err(invalid)?;
    let settings = workspace::settings(&state).await?;
    if upload.size > settings.max_upload_bytes {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::FileTooLarge,
            format!(
                "files can be at most {} MB here; this one is {} MB",
                settings.max_upload_bytes / (1024 * 1024),
                upload.size.div_ceil(1024 * 1024)
            ),
        ));
    }
    if !settings.allows_file(upload.name.as_str()) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::FileTypeNotAllowed,
            format!(
                "this workspace does not take {} files; allowed: {}",
                upload
                    .name
                    .extension()
                    .map_or_else(|| "unnamed".to_string(), |ext| format!(".{ext}")),
                settings.allowed_file_types.join(", ")
            ),
        ));
    }
    ratelimit::check(&state, Limit::UploadPerUser, &caller.id.to_string()).await?;

    let pending = PendingUpload::new(
        caller.id,
        &upload.name,
        upload.size,
        &upload.content_type,
        upload.sha256,
    );
    let ttl = Duration::from_secs(UPLOAD_URL_TTL_SECONDS);
    let put = blobs
        .presign_put(
            &blobs::keys::pending(caller.id, pending.id),
            upload.size,
            upload.sha256,
            upload.content_type.as_str(),
            ttl,
        )
        .await
        .map_err(ApiError::internal)?;
    state.store.uploads().create(&pending).await?;
    let expires_at = Timestamp::now().plus_seconds(UPLOAD_URL_TTL_SECONDS as i64);
    Ok((
        StatusCode::CREATED,
        Json(UploadGrant {
            upload_id: pending.id,
            url: put.url,
            headers: put
                .headers
                .into_iter()
                .filter(|(name, _)| !set_by_the_browser(name))
                .map(|(name, value)| UploadHeader { name, value })
                .collect(),
            expires_at,
        }),
    ))
}
