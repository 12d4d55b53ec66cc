//! A message's edit history: the bodies it had before, kept by the store on every edit
//! (`store::messages::history`), for members of its channel or conversation. A deleted message
//! has none (its history went with it).

use axum::Json;
use domain::ParentType;
use domain::api::ApiErrorResponse;
use domain::message::MessageHistory;

use crate::access::require_member;
use crate::extract::{Caller, Path, Query};
use crate::message_target::{MessageParams, message_id, message_not_found, thread_of};
use crate::parent_route::{parent, parent_route};
use crate::{ApiError, AppState};

parent_route! {
    /// The bodies a message had before its edits, newest first (at most 20 are kept). Members
    /// only; a deleted message is not found.
    get "/messages/{messageId}/edits", tag = "messages",
    fn channel_edits, fn conversation_edits,
    params(("messageId" = String, Path, description = "message id"), MessageParams),
    responses((status = 200, body = MessageHistory), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    history(path: Path<(String, String)>, query: Query<MessageParams>) -> Result<Json<MessageHistory>, ApiError>
}

async fn history(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, message)): Path<(String, String)>,
    Query(params): Query<MessageParams>,
) -> Result<Json<MessageHistory>, ApiError> {
    let parent = parent(kind, &id)?;
    let message = message_id(&message)?;
    let root = thread_of(&params)?;
    require_member(state, parent, caller).await?;
    let messages = state.store.messages();
    let current = messages
        .get(parent, root, message)
        .await?
        .filter(|m| !m.deleted)
        .ok_or_else(message_not_found)?;
    Ok(Json(messages.history(parent, current.id).await?))
}
