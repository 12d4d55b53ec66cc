//! Threads: one level deep. The thread of a message, following and unfollowing, and the
//! Threads view of everything the caller follows. Writing a reply follows the thread for its
//! writer and for the root's author (unless they unfollowed it).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::api::ApiErrorResponse;
use domain::events::{ServerEvent, ThreadFollowed};
use domain::limits::THREAD_PAGE_MAX;
use domain::message::{Message, ThreadPage};
use domain::sidebar::MarkRead;
use domain::threads::{FollowThread, ThreadSummary};
use domain::{Parent, ParentType, UserId};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::access::require_member;
use crate::audience::tell;
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::message_target::{message_id, message_not_found};
use crate::parent_route::{parent, parent_route};
use crate::{ApiError, AppState, paging};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ThreadParams {
    /// A page's `nextCursor`: the replies after it.
    after: Option<String>,
    /// 1 to 100; 100 when absent.
    limit: Option<usize>,
}

/// After a reply: its writer and the root's author follow the thread unless they decided
/// otherwise. Failures are logged; the reply is already stored.
pub async fn replied(state: &AppState, parent: Parent, root: &Message, reply: &Message) {
    let threads = state.store.threads();
    let mut people: Vec<UserId> = vec![reply.author_id, root.author_id];
    people.dedup();
    for person in people {
        if let Err(e) = threads.follow_unless_decided(parent, root.id, person).await {
            tracing::error!(error = %e, %parent, "cannot follow a thread on someone's behalf");
        }
    }
}

/// The top-level message `id` of `parent`, which must be live for a thread to hang off it.
async fn root_of(state: &AppState, parent: Parent, id: &str) -> Result<Message, ApiError> {
    state
        .store
        .messages()
        .get(parent, None, message_id(id)?)
        .await?
        .ok_or_else(message_not_found)
}

parent_route! {
    /// A message's thread: the root and its replies, oldest first.
    get "/messages/{messageId}/thread", tag = "threads",
    fn channel_thread, fn conversation_thread,
    params(("messageId" = String, Path, description = "the thread's root"), ThreadParams),
    responses((status = 200, body = ThreadPage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)),
    thread(path: Path<(String, String)>, query: Query<ThreadParams>) -> Result<Json<ThreadPage>, ApiError>
}

async fn thread(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, root)): Path<(String, String)>,
    Query(params): Query<ThreadParams>,
) -> Result<Json<ThreadPage>, ApiError> {
    let parent = parent(kind, &id)?;
    let limit = paging::limit(params.limit, THREAD_PAGE_MAX, THREAD_PAGE_MAX)?;
    require_member(state, parent, caller).await?;
    let root = root_of(state, parent, &root).await?;
    let threads = state.store.threads();
    let (replies, next_cursor) = threads
        .replies(parent, root.id, params.after.as_deref(), limit)
        .await?
        .ok_or_else(paging::invalid_cursor)?;
    let following = threads.is_following(parent, root.id, caller.id).await?;
    Ok(Json(ThreadPage {
        root,
        replies,
        next_cursor,
        following,
    }))
}

parent_route! {
    /// Follows or unfollows a thread: followers hear of its replies.
    put "/messages/{messageId}/follow", tag = "threads",
    fn channel_follow, fn conversation_follow,
    params(("messageId" = String, Path, description = "the thread's root")),
    request_body = FollowThread,
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    follow(path: Path<(String, String)>, body: JsonBody<FollowThread>) -> Result<StatusCode, ApiError>
}

async fn follow(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, root)): Path<(String, String)>,
    JsonBody(request): JsonBody<FollowThread>,
) -> Result<StatusCode, ApiError> {
    let parent = parent(kind, &id)?;
    require_member(state, parent, caller).await?;
    let root = root_of(state, parent, &root).await?;
    state
        .store
        .threads()
        .set_following(parent, root.id, caller.id, request.following)
        .await?;
    let event = ServerEvent::ThreadFollowed(ThreadFollowed {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        thread_root_id: root.id,
        following: request.following,
    });
    tell(state, caller.id, &event).await;
    Ok(StatusCode::NO_CONTENT)
}

parent_route! {
    /// Records how far the caller has read a thread they follow (the `seq` of the newest reply
    /// seen); the Threads view shows what is new after it.
    post "/messages/{messageId}/thread/read", tag = "threads",
    fn channel_thread_read, fn conversation_thread_read,
    params(("messageId" = String, Path, description = "the thread's root")),
    request_body = MarkRead,
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    thread_read(path: Path<(String, String)>, body: JsonBody<MarkRead>) -> Result<StatusCode, ApiError>
}

async fn thread_read(
    state: &AppState,
    caller: &Caller,
    kind: ParentType,
    Path((id, root)): Path<(String, String)>,
    JsonBody(read): JsonBody<MarkRead>,
) -> Result<StatusCode, ApiError> {
    let parent = parent(kind, &id)?;
    require_member(state, parent, caller).await?;
    let root = root_of(state, parent, &root).await?;
    let seq = read.seq.min(u64::from(root.reply_count));
    state
        .store
        .threads()
        .mark_read(parent, root.id, caller.id, seq)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The threads the caller follows, newest reply first, in the conversations they are still in.
#[utoipa::path(get, path = "/api/v1/threads", tag = "threads", security(("bearer" = [])),
    responses((status = 200, body = Vec<ThreadSummary>), (status = 401, body = ApiErrorResponse)))]
pub async fn followed(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ThreadSummary>>, ApiError> {
    let pairs = state.store.threads().followed(caller.id).await?;
    let memberships = state.store.memberships();
    let mut summaries = Vec::with_capacity(pairs.len());
    for (follow, root) in pairs {
        let Some(parent) = Parent::from_parts(follow.parent_type, &follow.parent_id) else {
            continue;
        };
        // Someone who left keeps their follow row, but no longer sees the thread.
        if memberships.role_of(parent, caller.id).await?.is_some() {
            summaries.push(ThreadSummary {
                root,
                last_read_reply: follow.last_read_reply,
            });
        }
    }
    Ok(Json(summaries))
}
