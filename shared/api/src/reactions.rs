//! Reactions on a message, for any member of its channel or conversation.

use axum::Json;
use domain::ParentType;
use domain::api::ApiErrorResponse;
use domain::message::Message;
use domain::reactions::Emoji;

use crate::access::require_member;
use crate::extract::{Caller, Path, Query};
use crate::message_target::{MessageParams, message_id, refused, thread_of, updated};
use crate::parent_route::{parent, parent_route};
use crate::{ApiError, AppState};

parent_route! {
    /// Adds the caller's reaction (a standard emoji, or its `:shortcode:`); at most 16
    /// different emoji per message.
    put "/messages/{messageId}/reactions/{emoji}", tag = "reactions",
    fn channel_react, fn conversation_react,
    params(("messageId" = String, Path, description = "message id"),
        ("emoji" = String, Path, description = "the emoji, URL-encoded"), MessageParams),
    responses((status = 200, body = Message), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)),
    react(path: Path<(String, String, String)>, query: Query<MessageParams>) -> Result<Json<Message>, ApiError>
}

parent_route! {
    /// Takes the caller's reaction away.
    delete "/messages/{messageId}/reactions/{emoji}", tag = "reactions",
    fn channel_unreact, fn conversation_unreact,
    params(("messageId" = String, Path, description = "message id"),
        ("emoji" = String, Path, description = "the emoji, URL-encoded"), MessageParams),
    responses((status = 200, body = Message), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)),
    unreact(path: Path<(String, String, String)>, query: Query<MessageParams>) -> Result<Json<Message>, ApiError>
}

async fn react(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    path: Path<(String, String, String)>,
    query: Query<MessageParams>,
) -> Result<Json<Message>, ApiError> {
    change_reaction(state, caller, kind, path, query, true).await
}

async fn unreact(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    path: Path<(String, String, String)>,
    query: Query<MessageParams>,
) -> Result<Json<Message>, ApiError> {
    change_reaction(state, caller, kind, path, query, false).await
}

async fn change_reaction(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, message, emoji)): Path<(String, String, String)>,
    Query(params): Query<MessageParams>,
    add: bool,
) -> Result<Json<Message>, ApiError> {
    let parent = parent(kind, &id)?;
    let message = message_id(&message)?;
    let root = thread_of(&params)?;
    let emoji = Emoji::parse(&emoji)?;
    require_member(state, parent, caller).await?;
    let reactions = state.store.reactions();
    let changed = if add {
        reactions
            .add(parent, root, message, &emoji, caller.id)
            .await?
    } else {
        reactions
            .remove(parent, root, message, &emoji, caller.id)
            .await?
    }
    .map_err(refused)?;
    updated(state, parent, &changed).await;
    Ok(Json(changed))
}
