//! Messages in a channel: history both ways, and sending (idempotent by client nonce).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::{MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX};
use domain::message::{ClientNonce, Message, MessageBody, MessagePage, SendMessage};
use domain::{ChannelId, MessageId};
use serde::Deserialize;
use store::cursor;
use store::messages::{NewMessage, PageAt};
use utoipa::IntoParams;

use crate::channels::{channel_id, require_member};
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

/// A page of the channel's history, newest first.
#[utoipa::path(get, path = "/api/v1/channels/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id"), HistoryParams),
    responses((status = 200, body = MessagePage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<HistoryParams>,
) -> Result<Json<MessagePage>, ApiError> {
    let channel = channel_id(&id)?;
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
    require_member(&state, channel, &caller).await?;
    Ok(Json(state.store.messages().page(channel, at, limit).await?))
}

/// Sends a message. A retry with the same `clientNonce` returns the first message instead of
/// making a second one.
#[utoipa::path(post, path = "/api/v1/channels/{id}/messages", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = SendMessage,
    responses((status = 201, body = Message), (status = 200, body = Message, description = "a retried send"),
        (status = 400, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn send(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SendMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let channel = channel_id(&id)?;
    let body = MessageBody::parse(&request.body)?;
    let nonce = request
        .client_nonce
        .as_deref()
        .map(ClientNonce::parse)
        .transpose()?;
    require_member(&state, channel, &caller).await?;

    let id = MessageId::new();
    if let Some(nonce) = &nonce
        && let Some(earlier) = state
            .redis
            .claim_send_nonce(caller.id, nonce.as_str(), id)
            .await?
    {
        return match state.store.messages().get(channel, earlier).await? {
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
    };
    let message = match state.store.messages().append(channel, new).await {
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
    publish_to_channel(&state, channel, ServerEvent::MessageNew(message.clone())).await;
    Ok((StatusCode::CREATED, Json(message)))
}

/// Sends `event` to every member's live connections. Delivery problems are logged, never
/// returned: the write already happened.
async fn publish_to_channel(state: &AppState, channel: ChannelId, event: ServerEvent) {
    match state.store.channels().member_ids(channel).await {
        Ok(members) => {
            state.fanout.send(&event, &members).await;
        }
        Err(e) => tracing::error!(error = %e, %channel, "cannot list members for fan-out"),
    }
}
