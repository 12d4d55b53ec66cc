//! Users: the caller's own account, and names of others.

use axum::Json;
use axum::extract::State;
use domain::api::{ApiErrorResponse, UsersBatch};
use domain::limits::USERS_BATCH_MAX;
use domain::user::{User, UserView};

use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/users/me", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = User), (status = 401, body = ApiErrorResponse)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> Result<Json<User>, ApiError> {
    let user = state.store.users().get(caller.id).await?.ok_or_else(|| {
        ApiError::unauthenticated("not_signed_in", "this account no longer exists")
    })?;
    Ok(Json(user))
}

/// Display names for up to 100 user ids; unknown ids are skipped.
#[utoipa::path(post, path = "/api/v1/users/batch", tag = "users", security(("bearer" = [])), request_body = UsersBatch,
    responses((status = 200, body = Vec<UserView>), (status = 400, body = ApiErrorResponse)))]
pub async fn batch(
    State(state): State<AppState>,
    _caller: Caller,
    JsonBody(request): JsonBody<UsersBatch>,
) -> Result<Json<Vec<UserView>>, ApiError> {
    if request.ids.len() > USERS_BATCH_MAX {
        return Err(ApiError::bad_request(
            "too_many_ids",
            format!("ask for at most {USERS_BATCH_MAX} users at a time"),
        ));
    }
    let users = state.store.users().batch_get(&request.ids).await?;
    Ok(Json(users.iter().map(UserView::from).collect()))
}
