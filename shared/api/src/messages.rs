//! Messages in a channel or conversation: history (both ways, and around one message), sending
//! (idempotent by client nonce; with `threadRootID`, a thread reply), editing and soft
//! deleting. Every route exists for channels and conversations alike (`parent_route!`).

use axum::Json;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::ChannelRole;
use domain::events::ServerEvent;
use domain::limits::{MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX};
use domain::message::{
    ClientNonce, EditMessage, Message, MessageBody, MessageDeleted, MessagePage, SendMessage,
};
use domain::{MessageId, Parent, ParentType};
use serde::Deserialize;
use store::cursor;
use store::messages::{Content, NewMessage, NotSent, PageAt};
use utoipa::IntoParams;

use crate::access::{require_member, require_reader};
use crate::audience::{publish, publish_message};
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::message_target::{
    MessageParams, message_id, message_not_found, refused, thread_of, updated,
};
use crate::parent_route::{parent, parent_route};
use crate::ratelimit::{self, Limit};
use crate::{ApiError, AppState, attachments, mentions, notifications, paging};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HistoryParams {
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
    /// A page's `olderCursor`: the messages just older than it.
    before: Option<String>,
    /// A page's `newerCursor`: the messages just newer than it.
    after: Option<String>,
    /// A message id: the page around it, itself included (for links to one message).
    around: Option<String>,
}

parent_route! {
    /// A page of top-level messages, newest first (thread replies are read with the thread).
    /// Members read it; so does anyone who may see a public channel, to preview it before
    /// joining (not guests; private channels and conversations stay invisible outside).
    get "/messages", tag = "messages",
    fn channel_history, fn conversation_history,
    params(HistoryParams),
    responses((status = 200, body = MessagePage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)),
    history(path: Path<String>, query: Query<HistoryParams>) -> Result<Json<MessagePage>, ApiError>
}

async fn history(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path(id): Path<String>,
    Query(params): Query<HistoryParams>,
) -> Result<Json<MessagePage>, ApiError> {
    let parent = parent(kind, &id)?;
    let limit = paging::limit(params.limit, MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX)?;
    let decode = |c: &str| cursor::decode(c).ok_or_else(paging::invalid_cursor);
    let at = match (
        params.before.as_deref(),
        params.after.as_deref(),
        params.around.as_deref(),
    ) {
        (None, None, None) => PageAt::Newest,
        (Some(before), None, None) => PageAt::Before(decode(before)?),
        (None, Some(after), None) => PageAt::After(decode(after)?),
        (None, None, Some(around)) => {
            let around = message_id(around)?;
            require_reader(state, parent, caller).await?;
            let page = state.store.messages().around(parent, around, limit).await?;
            return page.map(Json).ok_or_else(message_not_found);
        }
        _ => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidQuery,
                "use one of before, after or around",
            ));
        }
    };
    require_reader(state, parent, caller).await?;
    Ok(Json(state.store.messages().page(parent, at, limit).await?))
}

parent_route! {
    /// Sends a message; with `threadRootID`, a reply in that message's thread. A retry with the
    /// same `clientNonce` returns the first message instead of making a second one.
    post "/messages", tag = "messages",
    fn channel_send, fn conversation_send,
    params(),
    request_body = SendMessage,
    responses((status = 201, body = Message), (status = 200, body = Message, description = "a retried send"),
        (status = 400, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)),
    send(path: Path<String>, body: JsonBody<SendMessage>) -> Result<(StatusCode, Json<Message>), ApiError>
}

/// The message an earlier send with this nonce stored (or is storing), if any. With Redis
/// unavailable the send goes ahead unguarded, as the rate limits do: people can still talk
/// through an outage, at the price of a retried send perhaps stored twice.
async fn claim_nonce(
    state: &AppState,
    caller: &Caller,
    nonce: &ClientNonce,
    id: MessageId,
) -> Result<Option<MessageId>, ApiError> {
    match state
        .redis
        .claim_send_nonce(caller.id, nonce.as_str(), id)
        .await
    {
        Ok(earlier) => Ok(earlier),
        Err(e) if e.is_unavailable() => {
            tracing::warn!(error = %e, "send nonce not checked: Redis is unavailable; sending anyway");
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn send(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SendMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let parent = parent(kind, &id)?;
    let uploads = attachments::requested(&request.attachment_ids)?;
    // A message of files may say nothing else.
    let body = if uploads.is_empty() || !request.body.trim().is_empty() {
        Some(MessageBody::parse(&request.body)?)
    } else {
        None
    };
    let nonce = request
        .client_nonce
        .as_deref()
        .map(ClientNonce::parse)
        .transpose()?;
    let root = request.thread_root_id;
    require_member(state, parent, caller).await?;
    // Retries of one send (same nonce) count too: a client retrying in a loop is what a limit
    // is for.
    ratelimit::check(state, Limit::MessageSendPerUser, &caller.id.to_string()).await?;

    let id = MessageId::new();
    if let Some(nonce) = &nonce
        && let Some(earlier) = claim_nonce(state, caller, nonce, id).await?
    {
        return match state.store.messages().get(parent, root, earlier).await? {
            Some(message) => Ok((StatusCode::OK, Json(message))),
            None => Err(ApiError::conflict(
                ErrorCode::SendInProgress,
                "this message is still being sent; try again in a moment",
            )),
        };
    }
    let stored = async {
        let files = attachments::prepare(state, caller.id, &uploads).await?;
        let text = body.as_ref().map_or("", MessageBody::as_str);
        let mentions = mentions::resolve(state, text).await?;
        let content = match body {
            Some(body) if files.is_empty() => Content::Text(body),
            caption => Content::Files {
                caption,
                files: files.clone(),
            },
        };
        let new = NewMessage {
            id,
            author: caller.id,
            mentions,
            content,
            client_nonce: nonce.as_ref().map(|n| n.as_str().to_string()),
        };
        let written = write(state, parent, root, new).await;
        if written.is_err() {
            attachments::discard(state, &files).await;
        }
        written
    }
    .await;
    let (message, members_version, root) = match stored {
        Ok(done) => done,
        Err(refusal) => {
            // Nothing was written: the same nonce may be used again.
            if let Some(nonce) = &nonce
                && let Err(release) = state
                    .redis
                    .release_send_nonce(caller.id, nonce.as_str())
                    .await
            {
                tracing::warn!(error = %release, "could not release a send nonce");
            }
            return Err(refusal);
        }
    };
    let new = ServerEvent::MessageNew(message.clone());
    let members = publish_message(state, parent, members_version, &new).await;
    if let Some(root) = &root {
        updated(state, parent, root).await;
        crate::threads::replied(state, parent, root, &message).await;
    }
    mentions::credit(state, parent, &message).await;
    notifications::message_sent(state, &message, &members).await;
    metrics::count(metrics::Metric::MessagesSent, 1);
    Ok((StatusCode::CREATED, Json(message)))
}

/// The message, the members version it was stored at (a reply does not learn it), and the
/// thread's root for a reply.
type Stored = (Message, Option<u64>, Option<Message>);

/// Writes a new message, top-level or a reply in `root`'s thread.
async fn write(
    state: &AppState,
    parent: Parent,
    root: Option<MessageId>,
    new: NewMessage,
) -> Result<Stored, ApiError> {
    match root {
        None => match state.store.messages().append_versioned(parent, new).await? {
            Ok(appended) => Ok((appended.message, Some(appended.members_version), None)),
            Err(NotSent::ReadOnly) => Err(ApiError::conflict(
                ErrorCode::ChannelArchived,
                "this channel is read-only",
            )),
            Err(NotSent::UploadGone) => Err(attachments::upload_gone()),
        },
        Some(root) => match state.store.threads().reply(parent, root, new).await? {
            Ok((reply, root)) => Ok((reply, None, Some(root))),
            Err(refusal) => Err(refused(refusal)),
        },
    }
}

parent_route! {
    /// Edits a message (its author only); it shows as edited.
    patch "/messages/{messageId}", tag = "messages",
    fn channel_edit, fn conversation_edit,
    params(("messageId" = String, Path, description = "message id"), MessageParams),
    request_body = EditMessage,
    responses((status = 200, body = Message), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)),
    edit(path: Path<(String, String)>, query: Query<MessageParams>, body: JsonBody<EditMessage>) -> Result<Json<Message>, ApiError>
}

async fn edit(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, message)): Path<(String, String)>,
    Query(params): Query<MessageParams>,
    JsonBody(request): JsonBody<EditMessage>,
) -> Result<Json<Message>, ApiError> {
    let parent = parent(kind, &id)?;
    let message = message_id(&message)?;
    let root = thread_of(&params)?;
    let body = MessageBody::parse(&request.body)?;
    require_member(state, parent, caller).await?;
    let mentions = mentions::resolve(state, body.as_str()).await?;
    let edited = state
        .store
        .messages()
        .edit(parent, root, message, caller.id, &body, &mentions)
        .await?
        .map_err(refused)?;
    updated(state, parent, &edited).await;
    Ok(Json(edited))
}

parent_route! {
    /// Deletes a message: it stays in place (and keeps its thread) as "deleted". Its author may,
    /// and in channels so may channel admins and owners.
    delete "/messages/{messageId}", tag = "messages",
    fn channel_delete, fn conversation_delete,
    params(("messageId" = String, Path, description = "message id"), MessageParams),
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)),
    delete(path: Path<(String, String)>, query: Query<MessageParams>) -> Result<StatusCode, ApiError>
}

async fn delete(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, message)): Path<(String, String)>,
    Query(params): Query<MessageParams>,
) -> Result<StatusCode, ApiError> {
    let parent = parent(kind, &id)?;
    let message = message_id(&message)?;
    let root = thread_of(&params)?;
    let role = require_member(state, parent, caller).await?;
    let current = state
        .store
        .messages()
        .get(parent, root, message)
        .await?
        .ok_or_else(message_not_found)?;
    let moderator = kind == ParentType::Channel && role >= ChannelRole::Admin;
    if current.author_id != caller.id && !moderator {
        return Err(ApiError::forbidden(
            ErrorCode::NotAllowed,
            "only its author (or, in a channel, an admin) can delete a message",
        ));
    }
    state
        .store
        .messages()
        .delete(parent, root, message)
        .await?
        .map_err(refused)?;
    attachments::deleted(state, &current.attachments).await;
    let event = ServerEvent::MessageDeleted(MessageDeleted {
        id: message,
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        thread_root_id: root,
    });
    publish(state, parent, &event).await;
    Ok(StatusCode::NO_CONTENT)
}
