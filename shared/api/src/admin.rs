//! What system admins do to accounts: the directory of everyone, role changes, and
//! deactivation, which cuts the person off on every device at once.

use axum::Json;
use axum::extract::State;
use domain::ErrorCode;
use domain::UserId;
use domain::admin::{
    AdminUserPage, ChangeUserRole, ChangeUserStatus, Refusal, check_role_change,
    check_status_change,
};
use domain::api::ApiErrorResponse;
use domain::user::{Role, User, UserStatus};
use serde::Deserialize;
use store::users::Listing;
use utoipa::IntoParams;

use crate::extract::{Caller, JsonBody, Path, Query};
use crate::paging::{invalid_cursor, page_limit};
use crate::{ApiError, AppState, sessions};

/// Refuses anyone but a system admin.
pub fn require_admin(caller: &Caller) -> Result<(), ApiError> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            ErrorCode::AdminsOnly,
            "only workspace admins can do this",
        ))
    }
}

fn user_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::UserNotFound, "no such user")
}

fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::OwnAccount => ApiError::forbidden(
            ErrorCode::OwnAccount,
            "you cannot change your own role or status; ask another admin",
        ),
        Refusal::PasswordAccount => ApiError::conflict(
            ErrorCode::PasswordAccount,
            "this account signs in with a password, not through the company's sign-in, so it stays a guest",
        ),
        Refusal::AdminAccount => ApiError::conflict(
            ErrorCode::AdminAccount,
            "admins cannot be deactivated; make them a member first",
        ),
    }
}

/// The account named in the path, or 404.
async fn target(state: &AppState, id: &str) -> Result<User, ApiError> {
    let id: UserId = id.parse().map_err(|_| user_not_found())?;
    state
        .store
        .users()
        .get(id)
        .await?
        .ok_or_else(user_not_found)
}

/// The change lost a race (the account, or the admin's own role, changed meanwhile).
fn changed_meanwhile() -> ApiError {
    ApiError::conflict(
        ErrorCode::ChangedMeanwhile,
        "this account or your own changed meanwhile; reload and try again",
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DirectoryParams {
    /// Part of a name, handle or email address.
    q: Option<String>,
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
}

/// Every account, deactivated ones included, oldest first, with role, status and how each
/// signs in.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])),
    params(DirectoryParams),
    responses((status = 200, body = AdminUserPage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse)))]
pub async fn directory(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<DirectoryParams>,
) -> Result<Json<AdminUserPage>, ApiError> {
    require_admin(&caller)?;
    let limit = page_limit(params.limit)?;
    let search = domain::channel::parse_search(params.q.as_deref().unwrap_or_default())?;
    let page = state
        .store
        .users()
        .list(Listing::All, &search, params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    let now = domain::Timestamp::now();
    Ok(Json(AdminUserPage {
        items: page.users.into_iter().map(|u| u.as_of(now)).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Makes someone an admin, a member or a guest, at once: their access tokens (which carry the
/// old role) are refused from now on and their open connections close; their next refresh
/// gets the new role.
#[utoipa::path(patch, path = "/api/v1/users/{id}/role", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "user id")),
    request_body = ChangeUserRole,
    responses((status = 200, body = User), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn change_role(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ChangeUserRole>,
) -> Result<Json<User>, ApiError> {
    require_admin(&caller)?;
    let user = target(&state, &id).await?;
    check_role_change(caller.id, &user, request.role).map_err(refused)?;
    if user.role == request.role {
        return Ok(Json(user));
    }
    if !state
        .store
        .users()
        .set_role(caller.id, user.id, request.role)
        .await?
    {
        return Err(changed_meanwhile());
    }
    crate::revocation::revoke_access(&state, user.id).await?;
    tracing::info!(admin = %caller.id, user = %user.id, from = ?user.role, to = ?request.role, "role changed");
    let user = User {
        role: request.role,
        ..user
    };
    crate::audience::user_changed(&state, &user).await;
    Ok(Json(user))
}

/// Deactivates or reactivates an account that is not an admin's. Deactivation cuts the person
/// off everywhere: refreshing fails, access tokens are refused, open connections close.
/// Reactivation lets them sign in again; the sessions they had before stay ended.
#[utoipa::path(patch, path = "/api/v1/users/{id}/status", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "user id")),
    request_body = ChangeUserStatus,
    responses((status = 200, body = User), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn change_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ChangeUserStatus>,
) -> Result<Json<User>, ApiError> {
    require_admin(&caller)?;
    let user = target(&state, &id).await?;
    check_status_change(caller.id, &user).map_err(refused)?;
    let was = user.status;
    if request.status == UserStatus::Active && was == UserStatus::Deactivated {
        // Their old sessions were kept while deactivated, so each device's next refresh could
        // say why it was refused (`account_deactivated`, not a bare "sign in"); they end now,
        // before the account opens again, so coming back takes a new sign-in.
        sessions::end_all_sessions(&state, user.id).await?;
    }
    // Written even when unchanged: a deactivation retried after a failure below finishes the
    // cut-off instead of stopping at "already deactivated".
    if !state
        .store
        .users()
        .change_status(caller.id, user.id, request.status)
        .await?
    {
        return Err(changed_meanwhile());
    }
    if request.status == UserStatus::Deactivated {
        // The status stops every refresh from now on; the epoch ends live tokens and closes
        // sockets at once.
        crate::revocation::revoke_access(&state, user.id).await?;
    }
    tracing::info!(admin = %caller.id, user = %user.id, from = ?was, to = ?request.status, "status changed");
    let user = User {
        status: request.status,
        ..user
    };
    if was != user.status {
        crate::audience::user_changed(&state, &user).await;
    }
    Ok(Json(user))
}
