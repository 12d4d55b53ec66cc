//! Profile pictures: a person uploads an image (`POST /api/v1/uploads`), which is cropped
//! square, shrunk and stored without its metadata; anyone signed in may see it, through a URL
//! minted on request. People without one get a coloured tile (the web app's).

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use blobs::Disposition;
use domain::api::ApiErrorResponse;
use domain::files::FileUrl;
use domain::limits::{DOWNLOAD_URL_TTL_SECONDS, IMAGE_PROCESS_MAX_BYTES};
use domain::user::{SetAvatar, User};
use domain::{ErrorCode, FileId, Timestamp, UserId};

use crate::attachments::upload_gone;
use crate::audience::user_changed;
use crate::extract::{Caller, JsonBody, Path};
use crate::uploads::bucket;
use crate::{ApiError, AppState};

fn not_an_image(message: impl Into<String>) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::FileTypeMismatch,
        message,
    )
}

fn gone() -> ApiError {
    ApiError::unauthenticated(ErrorCode::NotSignedIn, "this account no longer exists")
}

/// Makes an uploaded image the caller's picture: cropped to the middle square.
#[utoipa::path(put, path = "/api/v1/users/me/avatar", tag = "users", security(("bearer" = [])),
    request_body = SetAvatar,
    responses((status = 200, body = User), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse),
        (status = 503, body = ApiErrorResponse)))]
pub async fn set(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<SetAvatar>,
) -> Result<Json<User>, ApiError> {
    let blobs = bucket(&state)?;
    let upload = state
        .store
        .uploads()
        .get(caller.id, request.upload_id)
        .await?
        .ok_or_else(upload_gone)?;
    if upload.size > IMAGE_PROCESS_MAX_BYTES {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ImageTooLarge,
            format!(
                "a picture can be at most {} MB; pick a smaller one",
                IMAGE_PROCESS_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let source = blobs::keys::pending(caller.id, upload.id);
    let bytes = crate::attachments::checked_bytes(blobs, &upload, upload.size).await?;
    let kind = media::check_declared(&upload.content_type, &upload.name, &bytes)
        .map_err(|e| crate::attachments::refused(&e))?;
    if !media::is_safe_image(kind) {
        return Err(not_an_image(
            "a picture must be a PNG, JPEG, GIF or WebP image",
        ));
    }
    let square = tokio::task::spawn_blocking(move || {
        media::avatar(
            &bytes,
            media::limits::AVATAR_SIDE,
            media::limits::IMAGE_MAX_PIXELS,
        )
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| crate::attachments::refused(&e))?;
    let id = FileId::new();
    blobs
        .put(
            &blobs::keys::avatar(caller.id, id),
            square.bytes,
            square.content_type,
        )
        .await
        .map_err(ApiError::internal)?;
    let previous = state.store.users().get(caller.id).await?.ok_or_else(gone)?;
    let user = state
        .store
        .users()
        .set_avatar(caller.id, Some(id))
        .await?
        .ok_or_else(gone)?;
    forget(&state, caller.id, previous.avatar).await;
    if let Err(e) = blobs.delete(&source).await {
        tracing::warn!(error = %e, "could not remove a used avatar upload");
    }
    user_changed(&state, &user).await;
    Ok(Json(user.as_of(Timestamp::now())))
}

/// Removes the caller's picture: the tile shows again.
#[utoipa::path(delete, path = "/api/v1/users/me/avatar", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = User)))]
pub async fn remove(State(state): State<AppState>, caller: Caller) -> Result<Json<User>, ApiError> {
    let previous = state.store.users().get(caller.id).await?.ok_or_else(gone)?;
    let user = state
        .store
        .users()
        .set_avatar(caller.id, None)
        .await?
        .ok_or_else(gone)?;
    forget(&state, caller.id, previous.avatar).await;
    user_changed(&state, &user).await;
    Ok(Json(user.as_of(Timestamp::now())))
}

/// Marks a replaced picture for the bucket's grace-period removal.
async fn forget(state: &AppState, user: UserId, avatar: Option<FileId>) {
    let (Some(blobs), Some(avatar)) = (&state.blobs, avatar) else {
        return;
    };
    if let Err(e) = blobs.mark_deleted(&blobs::keys::avatar(user, avatar)).await {
        tracing::warn!(error = %e, "could not mark a replaced picture");
    }
}

/// A URL to someone's picture, for a few minutes. Everyone signed in may see everyone's.
#[utoipa::path(get, path = "/api/v1/users/{id}/avatar", tag = "users", security(("bearer" = [])),
    params(("id" = String, Path, description = "user id")),
    responses((status = 200, body = FileUrl), (status = 404, body = ApiErrorResponse),
        (status = 503, body = ApiErrorResponse)))]
pub async fn url(
    State(state): State<AppState>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<FileUrl>, ApiError> {
    let blobs = bucket(&state)?;
    let not_found = || ApiError::not_found(ErrorCode::UserNotFound, "no picture for this user");
    let user: UserId = id.parse().map_err(|_| not_found())?;
    let avatar = state
        .store
        .users()
        .get(user)
        .await?
        .and_then(|u| u.avatar)
        .ok_or_else(not_found)?;
    let url = blobs
        .presign_get(
            &blobs::keys::avatar(user, avatar),
            "avatar",
            Disposition::InlineAsStored,
            Duration::from_secs(DOWNLOAD_URL_TTL_SECONDS),
        )
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(FileUrl {
        url,
        expires_at: Timestamp::now().plus_seconds(DOWNLOAD_URL_TTL_SECONDS as i64),
    }))
}
