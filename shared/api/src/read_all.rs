//! "Mark all as read": every channel and conversation of the caller's, read up to its newest
//! message at once (Shift-Esc in the app, or the sidebar's menu). Only the caller's own rows
//! change; each changed row goes to the caller's other devices as an event.

use axum::Json;
use axum::extract::State;
use domain::Parent;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::sidebar::{MarkAllRead, MarkedAllRead, Membership};
use futures::{StreamExt, TryStreamExt};

use crate::audience::tell;
use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// Rows written at once: a user in hundreds of channels does not queue hundreds of writes.
const WRITES_AT_ONCE: usize = 8;

/// Reads everything: each row with unread messages or mentions moves to its parent's newest
/// message and its mention count clears.
#[utoipa::path(post, path = "/api/v1/sidebar/read", tag = "sidebar", security(("bearer" = [])),
    request_body = MarkAllRead,
    responses((status = 200, body = MarkedAllRead), (status = 400, body = ApiErrorResponse),
        (status = 401, body = ApiErrorResponse)))]
pub async fn read_all(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(_request): JsonBody<MarkAllRead>,
) -> Result<Json<MarkedAllRead>, ApiError> {
    let sidebar = state.store.sidebar().read(caller.id).await?;
    let channels = sidebar
        .channels
        .into_iter()
        .map(|row| (row.membership, row.channel.last_seq));
    let conversations = sidebar
        .conversations
        .into_iter()
        .map(|row| (row.membership, row.conversation.last_seq));
    let behind: Vec<(Parent, u64)> = channels
        .chain(conversations)
        .filter(|(row, newest)| row.last_read_seq < *newest || row.mention_count > 0)
        .filter_map(|(row, newest)| {
            Parent::from_parts(row.parent_type, &row.parent_id).map(|p| (p, newest))
        })
        .collect();
    let memberships = state.store.memberships();
    let updated: Vec<Option<Membership>> = futures::stream::iter(behind)
        .map(|(parent, newest)| memberships.mark_read(parent, caller.id, newest, true))
        .buffer_unordered(WRITES_AT_ONCE)
        .try_collect()
        .await?;
    // A row gone meanwhile (left on another device) has nothing to read.
    let memberships: Vec<Membership> = updated.into_iter().flatten().collect();
    for row in &memberships {
        tell(
            &state,
            caller.id,
            &ServerEvent::SidebarMembership(row.clone()),
        )
        .await;
    }
    Ok(Json(MarkedAllRead { memberships }))
}
