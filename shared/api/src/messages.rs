//! Messages in a channel or conversation: history both ways, and sending (idempotent by
//! client nonce). Channel and conversation routes share one implementation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::{MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX};
use domain::message::{ClientNonce, Message, MessageBody, MessagePage, SendMessage};
use domain::{MessageId, Parent};
use serde::Deserialize;
use store::cursor;
use store::messages::{NewMessage, PageAt};
use utoipa::IntoParams;

use crate::access::{channel_id, conversation_id, publish, require_member};
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HistoryParams {
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
    /// A page's `olderCursor`: the messages just older than it.
    before: Option<String>,
    /// A page's `newerCursor`: the messages just newer than it.
    after: Option<String>,
}

/// A page of a channel's history, newest first.
#[utoipa::path(get, path = "/api/v1/channels/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id"), HistoryParams),
    responses((status = 200, body = MessagePage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn channel_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<HistoryParams>,
) -> Result<Json<MessagePage>, ApiError> {
    history(&state, &caller, Parent::Channel(channel_id(&id)?), params).await
}

/// A page of a conversation's history, newest first.
#[utoipa::path(get, path = "/api/v1/conversations/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id"), HistoryParams),
    responses((status = 200, body = MessagePage), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn conversation_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<HistoryParams>,
) -> Result<Json<MessagePage>, ApiError> {
    history(
        &state,
        &caller,
        Parent::Conversation(conversation_id(&id)?),
        params,
    )
    .await
}

async fn history(
    state: &AppState,
    caller: &Caller,
    parent: Parent,
    params: HistoryParams,
) -> Result<Json<MessagePage>, ApiError> {
    let limit = params.limit.unwrap_or(MESSAGE_PAGE_DEFAULT);
    if !(1..=MESSAGE_PAGE_MAX).contains(&limit) {
        return Err(ApiError::bad_request(
            "invalid_limit",
            format!("limit must be between 1 and {MESSAGE_PAGE_MAX}"),
        ));
    }
    let decode = |c: &str| {
        cursor::decode(c).ok_or_else(|| {
            ApiError::bad_request("invalid_cursor", "that cursor is not one we gave out")
        })
    };
    let at = match (params.before.as_deref(), params.after.as_deref()) {
        (None, None) => PageAt::Newest,
        (Some(before), None) => PageAt::Before(decode(before)?),
        (None, Some(after)) => PageAt::After(decode(after)?),
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "invalid_query",
                "use either before or after, not both",
            ));
        }
    };
    require_member(state, parent, caller).await?;
    Ok(Json(state.store.messages().page(parent, at, limit).await?))
}

/// Sends a message to a channel. A retry with the same `clientNonce` returns the first message
/// instead of making a second one.
#[utoipa::path(post, path = "/api/v1/channels/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = SendMessage,
    responses((status = 201, body = Message), (status = 200, body = Message, description = "a retried send"),
        (status = 400, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn channel_send(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SendMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    send(&state, &caller, Parent::Channel(channel_id(&id)?), request).await
}

/// Sends a message to a conversation (the first one makes it appear to the others).
#[utoipa::path(post, path = "/api/v1/conversations/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")), request_body = SendMessage,
    responses((status = 201, body = Message), (status = 200, body = Message, description = "a retried send"),
        (status = 400, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)))]
pub async fn conversation_send(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SendMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    send(
        &state,
        &caller,
        Parent::Conversation(conversation_id(&id)?),
        request,
    )
    .await
}

async fn send(
    state: &AppState,
    caller: &Caller,
    parent: Parent,
    request: SendMessage,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let body = MessageBody::parse(&request.body)?;
    let nonce = request
        .client_nonce
        .as_deref()
        .map(ClientNonce::parse)
        .transpose()?;
    require_member(state, parent, caller).await?;

    let id = MessageId::new();
    if let Some(nonce) = &nonce
        && let Some(earlier) = state
            .redis
            .claim_send_nonce(caller.id, nonce.as_str(), id)
            .await?
    {
        return match state.store.messages().get(parent, earlier).await? {
            Some(message) => Ok((StatusCode::OK, Json(message))),
            None => Err(ApiError::conflict(
                "send_in_progress",
                "this message is still being sent; try again in a moment",
            )),
        };
    }
    let new = NewMessage {
        id,
        author: caller.id,
        body: body.into_string(),
        client_nonce: nonce.as_ref().map(|n| n.as_str().to_string()),
        system: None,
        mentions: Default::default(),
    };
    let message = match state.store.messages().append(parent, new).await {
        Ok(message) => message,
        Err(e) => {
            if let Some(nonce) = &nonce
                && let Err(release) = state
                    .redis
                    .release_send_nonce(caller.id, nonce.as_str())
                    .await
            {
                tracing::warn!(error = %release, "could not release a send nonce");
            }
            return Err(match e {
                store::StoreError::NotFound => {
                    ApiError::conflict("channel_archived", "this channel is read-only")
                }
                other => other.into(),
            });
        }
    };
    publish(state, parent, &ServerEvent::MessageNew(message.clone())).await;
    crate::notifications::message_sent(state, &message).await;
    Ok((StatusCode::CREATED, Json(message)))
}
