//! The people of the workspace as others see them: the roster to find someone by name or
//! handle, and names for a batch of ids. The caller's own account is `profile`'s.

use axum::Json;
use axum::extract::State;
use domain::ErrorCode;
use domain::Timestamp;
use domain::api::{ApiErrorResponse, UsersBatch};
use domain::limits::USERS_BATCH_MAX;
use domain::user::{Email, Role, UserPage, UserStatus, UserView};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::{Caller, JsonBody, Query};
use crate::paging::{invalid_cursor, page_limit};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RosterParams {
    /// Part of a name or handle. A system admin may also give a whole email address, which
    /// finds that one account.
    q: Option<String>,
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
}

/// The active people of the workspace, oldest account first: to start conversations and add
/// people to channels.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    params(RosterParams),
    responses((status = 200, body = UserPage), (status = 400, body = ApiErrorResponse)))]
pub async fn roster(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<RosterParams>,
) -> Result<Json<UserPage>, ApiError> {
    let limit = page_limit(params.limit)?;
    let search = domain::channel::parse_search(params.q.as_deref().unwrap_or_default())?;
    // Only admins, who see addresses anyway, may look someone up by one, and only by the whole
    // address: matching inside addresses would spell them out to anyone, letter by letter.
    if caller.role == Role::Admin
        && let Ok(email) = Email::parse(&search)
    {
        let now = Timestamp::now();
        let found = state.store.users().by_email(email.as_str()).await?;
        return Ok(Json(UserPage {
            items: found
                .filter(|u| u.status == UserStatus::Active)
                .map(|u| UserView::at(&u, now))
                .into_iter()
                .collect(),
            next_cursor: None,
        }));
    }
    let page = state
        .store
        .users()
        .page(&search, params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    Ok(Json(page))
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
            ErrorCode::TooManyIds,
            format!("ask for at most {USERS_BATCH_MAX} users at a time"),
        ));
    }
    let users = state.store.users().batch_get(&request.ids).await?;
    Ok(Json(users.iter().map(UserView::from).collect()))
}
