//! The caller's own account: reading it, and changing its handle, display name, time zone and
//! custom status. Every change tells whoever
//! shares a channel or conversation with them (`user.updated`). A status with a clearing time
//! is never swept: readers treat it as absent once the time has passed.

use auth::Identity;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::profile::{CustomStatus, SetCustomStatus, TimeZone, UpdateProfile};
use domain::user::{AuthProvider, ChangeHandle, DisplayName, Email, Handle, User};
use domain::{Timestamp, UserId, ValidationError};
use store::profiles::ProfileChange;

use crate::audience::user_changed;
use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/users/me", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = User), (status = 401, body = ApiErrorResponse)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> Result<Json<User>, ApiError> {
    let user = state.store.users().get(caller.id).await?.ok_or_else(|| {
        ApiError::unauthenticated(ErrorCode::NotSignedIn, "this account no longer exists")
    })?;
    Ok(Json(user.as_of(Timestamp::now())))
}

/// Picks another handle (what others type after `@`), if neither it nor one that looks like it
/// (`domain::user::handle_skeleton`) is someone else's.
#[utoipa::path(put, path = "/api/v1/users/me/handle", tag = "users", security(("bearer" = [])),
    request_body = ChangeHandle,
    responses((status = 200, body = User), (status = 400, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)))]
pub async fn change_handle(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<ChangeHandle>,
) -> Result<Json<User>, ApiError> {
    let handle = Handle::parse(&request.handle)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidHandle, e.message))?;
    let users = state.store.users();
    let user = users.get(caller.id).await?.ok_or_else(|| {
        ApiError::unauthenticated(ErrorCode::NotSignedIn, "this account no longer exists")
    })?;
    if user.handle != handle.as_str() && !users.change_handle(&user, &handle).await? {
        return Err(ApiError::conflict(
            ErrorCode::HandleTaken,
            "someone already has that handle, or one that looks like it (such as a1ice for alice); pick another",
        ));
    }
    Ok(Json(
        User {
            handle: handle.into_string(),
            ..user
        }
        .as_of(Timestamp::now()),
    ))
}

/// A refused field, with a code per field so the client shows the message beside it.
fn invalid(error: ValidationError) -> ApiError {
    let code = match error.field {
        "displayName" => ErrorCode::InvalidDisplayName,
        "timeZone" => ErrorCode::InvalidTimeZone,
        "emoji" => ErrorCode::InvalidEmoji,
        "text" => ErrorCode::InvalidStatusText,
        "clearAt" => ErrorCode::InvalidClearAt,
        "status" => ErrorCode::EmptyStatus,
        _ => ErrorCode::InvalidInput,
    };
    ApiError::bad_request(code, error.message)
}

fn gone() -> ApiError {
    ApiError::unauthenticated(ErrorCode::NotSignedIn, "this account no longer exists")
}

async fn account(state: &AppState, id: UserId) -> Result<User, ApiError> {
    state.store.users().get(id).await?.ok_or_else(gone)
}

/// Changes the caller's display name, time zone and theme; only what is given. Accounts that sign in
/// through the identity provider take their name from it at each sign-in, so only password
/// (guest) accounts set one here.
#[utoipa::path(patch, path = "/api/v1/users/me", tag = "users", security(("bearer" = [])),
    request_body = UpdateProfile,
    responses((status = 200, body = User), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse)))]
pub async fn update_profile(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<UpdateProfile>,
) -> Result<Json<User>, ApiError> {
    let time_zone = match request.time_zone.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(zone) => Some(Some(TimeZone::parse(zone).map_err(invalid)?)),
    };
    let user = account(&state, caller.id).await?;
    let display_name = match request.display_name.as_deref() {
        None => None,
        Some(_) if user.provider == AuthProvider::Oidc => {
            return Err(ApiError::forbidden(
                ErrorCode::NameFromProvider,
                "your name comes from your sign-in provider: change it there, and it shows here from your next sign-in",
            ));
        }
        Some(raw) => Some(DisplayName::parse(raw).map_err(invalid)?),
    };
    let change = ProfileChange {
        display_name: display_name
            .as_ref()
            .filter(|name| name.as_str() != user.display_name),
        time_zone: time_zone
            .as_ref()
            .map(Option::as_ref)
            .filter(|zone| zone.map(TimeZone::as_str) != user.time_zone.as_deref()),
        theme: request.theme.filter(|theme| *theme != user.theme),
    };
    let now = Timestamp::now();
    if change.display_name.is_none() && change.time_zone.is_none() && change.theme.is_none() {
        return Ok(Json(user.as_of(now)));
    }
    let changed = state
        .store
        .users()
        .change_profile(&user, change)
        .await?
        .ok_or_else(gone)?;
    user_changed(&state, &changed).await;
    Ok(Json(changed.as_of(now)))
}

/// Sets the caller's custom status: an emoji, some text or both, and perhaps when it clears
/// itself (within 30 days).
#[utoipa::path(put, path = "/api/v1/users/me/status", tag = "users", security(("bearer" = [])),
    request_body = SetCustomStatus,
    responses((status = 200, body = User), (status = 400, body = ApiErrorResponse)))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<SetCustomStatus>,
) -> Result<Json<User>, ApiError> {
    let now = Timestamp::now();
    let status = CustomStatus::parse(&request, now).map_err(invalid)?;
    let user = state
        .store
        .users()
        .set_custom_status(caller.id, &status)
        .await?
        .ok_or_else(gone)?;
    user_changed(&state, &user).await;
    Ok(Json(user.as_of(now)))
}

/// Clears the caller's custom status.
#[utoipa::path(delete, path = "/api/v1/users/me/status", tag = "users", security(("bearer" = [])),
    responses((status = 204, description = "Cleared (or there was none)"),
        (status = 401, body = ApiErrorResponse)))]
pub async fn clear_status(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    let user = state
        .store
        .users()
        .clear_custom_status(caller.id)
        .await?
        .ok_or_else(gone)?;
    user_changed(&state, &user).await;
    Ok(StatusCode::NO_CONTENT)
}

/// The identity provider owns an SSO account's name: one changed there shows here from the
/// next sign-in. Password accounts keep the name they chose. When the provider gives no usable
/// name, the stored one stays, unless it is one no longer accepted (an invisible name stored
/// before names had to show): then the sign-in mends it as a first sign-in would name it.
pub(crate) async fn take_name_from_provider(
    state: &AppState,
    user: User,
    identity: &Identity,
) -> Result<User, ApiError> {
    if user.provider != AuthProvider::Oidc {
        return Ok(user);
    }
    let name = match identity.name.as_deref().map(DisplayName::parse) {
        Some(Ok(name)) => name,
        _ if DisplayName::parse(&user.display_name).is_ok() => return Ok(user),
        _ => match Email::parse(&user.email) {
            Ok(email) => DisplayName::from_email(&email),
            Err(_) => return Ok(user),
        },
    };
    if name.as_str() == user.display_name {
        return Ok(user);
    }
    let change = ProfileChange {
        display_name: Some(&name),
        ..ProfileChange::default()
    };
    let Some(renamed) = state.store.users().change_profile(&user, change).await? else {
        return Ok(user);
    };
    tracing::info!(user = %user.id, "display name refreshed from the identity provider");
    user_changed(state, &renamed).await;
    Ok(renamed)
}
