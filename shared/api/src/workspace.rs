//! The workspace's settings: every signed-in person reads them (the name, and the limits a client
//! checks before uploading); system admins change them.

use axum::Json;
use axum::extract::State;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::workspace::{UpdateWorkspaceSettings, WorkspaceSettings};

use crate::admin::require_admin;
use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// The settings in force (the defaults until an admin saves some). Other features call this:
/// invites check `invite_policy.allows(role)`, uploads check `max_upload_bytes` and
/// `allows_file(name)`.
pub async fn settings(state: &AppState) -> Result<WorkspaceSettings, ApiError> {
    Ok(state.store.workspace().settings().await?)
}

/// The workspace's name, upload limits and invite policy.
#[utoipa::path(get, path = "/api/v1/workspace", tag = "workspace", security(("bearer" = [])),
    responses((status = 200, body = WorkspaceSettings), (status = 401, body = ApiErrorResponse)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<WorkspaceSettings>, ApiError> {
    Ok(Json(settings(&state).await?))
}

/// Replaces the workspace's settings. Each invalid field has its own error code, so a form can
/// show the message beside the field.
#[utoipa::path(put, path = "/api/v1/admin/settings", tag = "admin", security(("bearer" = [])),
    request_body = UpdateWorkspaceSettings,
    responses((status = 200, body = WorkspaceSettings), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<UpdateWorkspaceSettings>,
) -> Result<Json<WorkspaceSettings>, ApiError> {
    require_admin(&caller)?;
    let settings = WorkspaceSettings::parse(request).map_err(|e| {
        let code = match e.field {
            "name" => ErrorCode::InvalidWorkspaceName,
            "maxUploadBytes" => ErrorCode::InvalidUploadLimit,
            "allowedFileTypes" => ErrorCode::InvalidFileTypes,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::bad_request(code, e.message)
    })?;
    state.store.workspace().save_settings(&settings).await?;
    tracing::info!(admin = %caller.id, "workspace settings changed");
    Ok(Json(settings))
}
