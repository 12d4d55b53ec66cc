//! Reactions and pins on a message, for any member of its channel or conversation.

use axum::Json;
use domain::ParentType;
use domain::api::ApiErrorResponse;
use domain::message::{Message, PinMessage};
use domain::reactions::Emoji;

use crate::access::require_member;
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::messages::{MessageParams, message_id, refused, thread_of, updated};
use crate::parent_route::{parent, parent_route};
use crate::{ApiError, AppState};

parent_route! {
    /// Adds the caller's reaction (a standard emoji, or its `:shortcode:`); at most 16
    /// different emoji per message.
    put "/messages/{messageId}/reactions/{emoji}", channel_react, conversation_react,
    params(("messageId" = String, Path, description = "message id"),
        ("emoji" = String, Path, description = "the emoji, URL-encoded"), MessageParams),
    responses((status = 200, body = Message), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)),
    react(path: Path<(String, String, String)>, query: Query<MessageParams>) -> Result<Json<Message>, ApiError>
}

parent_route! {
    /// Takes the caller's reaction away.
    delete "/messages/{messageId}/reactions/{emoji}", channel_unreact, conversation_unreact,
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

parent_route! {
    /// Pins or unpins a message.
    put "/messages/{messageId}/pin", channel_pin, conversation_pin,
    params(("messageId" = String, Path, description = "message id"), MessageParams),
    request_body = PinMessage,
    responses((status = 200, body = Message), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)),
    pin(path: Path<(String, String)>, query: Query<MessageParams>, body: JsonBody<PinMessage>) -> Result<Json<Message>, ApiError>
}

async fn pin(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, message)): Path<(String, String)>,
    Query(params): Query<MessageParams>,
    JsonBody(request): JsonBody<PinMessage>,
) -> Result<Json<Message>, ApiError> {
    let parent = parent(kind, &id)?;
    let message = message_id(&message)?;
    let root = thread_of(&params)?;
    require_member(state, parent, caller).await?;
    let changed = state
        .store
        .pins()
        .set(parent, root, message, caller.id, request.pinned)
        .await?
        .map_err(refused)?;
    updated(state, parent, &changed).await;
    Ok(Json(changed))
}

parent_route! {
    /// The pinned messages, most recently pinned first.
    get "/pins", channel_pins, conversation_pins,
    params(),
    responses((status = 200, body = Vec<Message>), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    pins(path: Path<String>) -> Result<Json<Vec<Message>>, ApiError>
}

async fn pins(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path(id): Path<String>,
) -> Result<Json<Vec<Message>>, ApiError> {
    let parent = parent(kind, &id)?;
    require_member(state, parent, caller).await?;
    Ok(Json(state.store.pins().list(parent).await?))
}
