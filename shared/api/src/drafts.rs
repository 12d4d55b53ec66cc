//! Drafts, kept on the server so every device shows the same text. The newer edit wins: a save
//! older than what is stored changes nothing and says so (409), so no device loses newer text.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::ErrorCode;
use domain::Timestamp;
use domain::api::ApiErrorResponse;
use domain::drafts::{Draft, SaveDraft};
use domain::events::ServerEvent;
use domain::message::MessageBody;

use crate::access::require_member;
use crate::audience::tell;
use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// The caller's drafts, newest edit first.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "drafts", security(("bearer" = [])),
    responses((status = 200, body = Vec<Draft>), (status = 401, body = ApiErrorResponse)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Draft>>, ApiError> {
    Ok(Json(state.store.drafts().list(caller.id).await?))
}

/// The device's edit time in UTC to the millisecond (what the store compares), but never later
/// than now: a clock running ahead must not make its text win over every later edit.
fn edit_time(at: Timestamp) -> Timestamp {
    let utc = at.0.to_offset(time::UtcOffset::UTC);
    let utc = utc.replace_millisecond(utc.millisecond()).unwrap_or(utc);
    Timestamp(utc).min(Timestamp::now())
}

fn stale() -> ApiError {
    ApiError::conflict(
        ErrorCode::DraftStale,
        "a newer version of this draft was saved on another device",
    )
}

/// Saves a draft (200), or clears it when the body is blank (204). Refused (409) when a newer
/// edit is already stored.
#[utoipa::path(put, path = "/api/v1/drafts", tag = "drafts", security(("bearer" = [])),
    request_body = SaveDraft,
    responses((status = 200, body = Draft), (status = 204, description = "cleared"),
        (status = 400, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)))]
pub async fn save(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<SaveDraft>,
) -> Result<Response, ApiError> {
    let parent = crate::parent_route::parent(request.parent_type, &request.parent_id)?;
    // Nothing visible (spaces, zero-width characters) is no draft, as it would be no message.
    let blank = !domain::text::has_visible(&request.body);
    if !blank {
        // A draft is a message not sent yet: the same limits. It is kept as typed, though.
        MessageBody::parse(&request.body)?;
    }
    require_member(&state, parent, &caller).await?;
    let draft = Draft {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        thread_root_id: request.thread_root_id,
        body: request.body,
        edited_at: edit_time(request.edited_at),
    };
    let drafts = state.store.drafts();
    let stored = if blank {
        drafts
            .clear(caller.id, parent, draft.thread_root_id, draft.edited_at)
            .await?
    } else {
        drafts.save(caller.id, parent, &draft).await?
    };
    if !stored {
        return Err(stale());
    }
    let mut event = draft.clone();
    if blank {
        event.body.clear();
    }
    tell(&state, caller.id, &ServerEvent::DraftUpdated(event)).await;
    Ok(if blank {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Json(draft).into_response()
    })
}
