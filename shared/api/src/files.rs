//! The files of a channel or conversation: the files pane, and the URLs to a file, its
//! preview or its thumbnail. Every URL is minted per request for a member of the place the
//! file was shared in, and lives minutes; someone who is not a member is told the file does
//! not exist, whatever id they hold.

use std::time::Duration;

use axum::Json;
use blobs::Disposition;
use domain::api::ApiErrorResponse;
use domain::files::{FilePage, FileUrl, FileView};
use domain::limits::{DOWNLOAD_URL_TTL_SECONDS, FILE_PAGE_DEFAULT, FILE_PAGE_MAX};
use domain::{ErrorCode, FileId, ParentType, Timestamp};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::access::require_member;
use crate::extract::{Caller, Path, Query};
use crate::paging::{invalid_cursor, limit};
use crate::parent_route::{parent, parent_route};
use crate::uploads::bucket;
use crate::{ApiError, AppState};

fn file_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::FileNotFound, "no such file here")
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FilePageParams {
    /// From the previous page's `nextCursor`.
    cursor: Option<String>,
    /// Files per page (default 30, at most 100).
    limit: Option<usize>,
}

parent_route! {
    /// The files shared here, newest first: of messages and thread replies that stand now.
    get "/files", tag = "files",
    fn channel_files, fn conversation_files,
    params(FilePageParams),
    responses((status = 200, body = FilePage), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    files(path: Path<String>, query: Query<FilePageParams>) -> Result<Json<FilePage>, ApiError>
}

async fn files(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path(id): Path<String>,
    Query(params): Query<FilePageParams>,
) -> Result<Json<FilePage>, ApiError> {
    let parent = parent(kind, &id)?;
    let limit = limit(params.limit, FILE_PAGE_DEFAULT, FILE_PAGE_MAX)?;
    require_member(state, parent, caller).await?;
    let page = state
        .store
        .files()
        .page(parent, params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    Ok(Json(page))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FileUrlParams {
    /// `download` (the default), `preview` or `thumbnail`.
    #[serde(rename = "as", default)]
    view: FileView,
}

parent_route! {
    /// A URL to the file, working for a few minutes: to download it, to show it (images; other
    /// files download), or to its thumbnail.
    get "/files/{fileId}/url", tag = "files",
    fn channel_file_url, fn conversation_file_url,
    params(("fileId" = String, Path, description = "file id"), FileUrlParams),
    responses((status = 200, body = FileUrl), (status = 404, body = ApiErrorResponse),
        (status = 503, body = ApiErrorResponse)),
    file_url(path: Path<(String, String)>, query: Query<FileUrlParams>) -> Result<Json<FileUrl>, ApiError>
}

async fn file_url(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, file)): Path<(String, String)>,
    Query(params): Query<FileUrlParams>,
) -> Result<Json<FileUrl>, ApiError> {
    let blobs = bucket(state)?;
    let parent = parent(kind, &id)?;
    let file: FileId = file.parse().map_err(|_| file_not_found())?;
    // Members only; to anyone else the file does not exist (not "join first").
    let member = state
        .store
        .memberships()
        .role_of(parent, caller.id)
        .await?
        .is_some();
    if !member {
        return Err(file_not_found());
    }
    let entry = state
        .store
        .files()
        .get(parent, file)
        .await?
        .ok_or_else(file_not_found)?;
    let file = entry.file;
    let thumbnail = file
        .image
        .as_ref()
        .map(|image| image.thumbnail_type.as_deref());
    let (key, disposition) = match (params.view, thumbnail) {
        (FileView::Thumbnail, Some(Some(thumbnail_type))) => {
            (blobs::keys::thumbnail(file.id), inline(thumbnail_type))
        }
        // A small image is its own thumbnail.
        (FileView::Thumbnail | FileView::Preview, Some(_)) => {
            (blobs::keys::file(file.id), inline(&file.content_type))
        }
        (FileView::Thumbnail, None) => return Err(file_not_found()),
        (FileView::Download | FileView::Preview, _) => {
            (blobs::keys::file(file.id), Disposition::Attachment)
        }
    };
    let ttl = Duration::from_secs(DOWNLOAD_URL_TTL_SECONDS);
    let url = blobs
        .presign_get(&key, &file.name, disposition, ttl)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(FileUrl {
        url,
        expires_at: Timestamp::now().plus_seconds(DOWNLOAD_URL_TTL_SECONDS as i64),
    }))
}

/// How an image shows in the page: with its own (checked) type; anything else downloads.
fn inline(content_type: &str) -> Disposition {
    match content_type {
        "image/png" => Disposition::Inline("image/png"),
        "image/jpeg" => Disposition::Inline("image/jpeg"),
        "image/gif" => Disposition::Inline("image/gif"),
        "image/webp" => Disposition::Inline("image/webp"),
        _ => Disposition::Attachment,
    }
}
