//! Pinned messages of a channel or conversation: any member pins and unpins, and reads the
//! list, most recently pinned first.

use axum::Json;
use domain::ParentType;
use domain::api::ApiErrorResponse;
use domain::message::{Message, PinMessage};

use crate::access::require_member;
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::message_target::{MessageParams, message_id, refused, thread_of, updated};
use crate::parent_route::{parent, parent_route};
use crate::{ApiError, AppState};

parent_route! {
    /// Pins or unpins a message.
    put "/messages/{messageId}/pin", tag = "pins",
    fn channel_pin, fn conversation_pin,
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
    get "/pins", tag = "pins",
    fn channel_pins, fn conversation_pins,
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
