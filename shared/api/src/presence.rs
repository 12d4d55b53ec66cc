//! Presence (online, away, offline) and typing. Both live in Redis, so they are right however
//! many Lambda containers run. A client subscribes to the people it shows (`presence.subscribe`,
//! the whole list each time) and is answered with their status; a presence change then goes
//! only to those watching that person (one Redis read, then one post per live connection of
//! theirs), never to the whole workspace, at most one per user per `PRESENCE_THROTTLE_SECONDS`
//! except going offline. Nobody learns the presence of someone they may not see. Typing goes
//! only to the members of the conversation, never to the typist.

use domain::ErrorCode;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::{
    PRESENCE_THROTTLE_SECONDS, PRESENCE_WATCH_MAX, TYPING_THROTTLE_SECONDS, USERS_BATCH_MAX,
};
use domain::presence::{Presence, PresenceStatus, PresenceSubscribed, Typing};
use domain::user::Role;
use domain::{MessageId, Parent, ParentType, UserId};
use realtime::presence::{PresenceNews, PresenceStep};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::{Caller, Query};
use crate::{ApiError, AppState};

/// A held change is asked about again after its window; a few rounds at most, in case others
/// keep taking the window first.
const HOLD_ROUNDS: usize = 3;

/// Tries of a Redis call after the first fails for a passing reason (0.2 s, then 0.4 s later):
/// a disconnect whose bookkeeping is lost leaves its user shown online for up to 2 hours.
const REDIS_RETRIES: u32 = 2;

/// `call`, tried again while Redis is briefly unreachable or slow (a storm of connects or
/// disconnects, a restart).
pub(crate) async fn retrying<T, F, Fut>(mut call: F) -> Result<T, realtime::RedisError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, realtime::RedisError>>,
{
    let mut attempt = 0;
    loop {
        match call().await {
            Err(e) if e.is_unavailable() && attempt < REDIS_RETRIES => {
                attempt += 1;
                tracing::debug!(error = %e, attempt, "retrying a Redis call");
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
            }
            outcome => return outcome,
        }
    }
}

/// Tells the connections watching `user` their new status (only those: another tab of the same
/// person that does not show `user` hears nothing).
async fn announce(state: &AppState, user: UserId, status: PresenceStatus) {
    let started = tokio::time::Instant::now();
    let event = ServerEvent::PresenceChanged(Presence {
        user_id: user,
        status,
    });
    let Some(frame) = realtime::fanout::frame(&event) else {
        return;
    };
    match retrying(|| state.redis.claim_watchers(user)).await {
        Ok(targets) => {
            state
                .fanout
                .deliver(event.kind(), frame, targets, started)
                .await;
        }
        Err(e) => tracing::error!(error = %e, %user, "cannot read who watches a presence"),
    }
}

/// Applies `step` and announces what changed. A throttled change is held here until its window
/// ends (a couple of seconds at most), then the state of that moment is announced.
async fn changed(
    state: &AppState,
    user: UserId,
    step: PresenceStep<'_>,
) -> Result<(), realtime::RedisError> {
    let window = Duration::from_secs(PRESENCE_THROTTLE_SECONDS);
    let redis = &state.redis;
    let mut news = retrying(|| redis.presence_step(user, step, window)).await?;
    for _ in 0..HOLD_ROUNDS {
        match news {
            PresenceNews::Quiet => return Ok(()),
            PresenceNews::Announce(status) => {
                announce(state, user, status).await;
                return Ok(());
            }
            PresenceNews::Hold(wait) => {
                tokio::time::sleep(wait).await;
                news = retrying(|| redis.presence_step(user, PresenceStep::Held, window)).await?;
            }
        }
    }
    Ok(())
}

/// After `$connect`: a first connection brings the user online (or back from away).
pub async fn connected(state: &AppState, user: UserId) {
    if let Err(e) = changed(state, user, PresenceStep::Connections).await {
        tracing::error!(error = %e, %user, "cannot record presence");
    }
}

/// After `$disconnect`: the last connection gone takes the user offline; the last one that was
/// not away, away.
pub async fn disconnected(state: &AppState, user: UserId) {
    if let Err(e) = changed(state, user, PresenceStep::Connections).await {
        tracing::error!(error = %e, %user, "cannot record presence");
    }
    // Not "away for a while" (and mailed about mentions) until some time without a connection.
    if let Err(e) = state.redis.mark_seen(user).await {
        tracing::warn!(error = %e, %user, "cannot record when this person was last connected");
    }
}

/// A `presence` frame: this connection's client is away from the keyboard, or back.
pub async fn set(
    state: &AppState,
    user: UserId,
    connection_id: &str,
    status: PresenceStatus,
) -> Result<(), ApiError> {
    let away = match status {
        PresenceStatus::Away => true,
        PresenceStatus::Online => false,
        PresenceStatus::Offline => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidPresence,
                "send online or away; offline follows from closing the connection",
            ));
        }
    };
    changed(
        state,
        user,
        PresenceStep::Away {
            connection_id,
            away,
        },
    )
    .await?;
    Ok(())
}

/// The people among `ids` whose presence `viewer` may know: anyone in the workspace for a
/// member or admin (they see the whole roster); for a guest, only those who share a channel or
/// conversation with them (the people a guest's screens can show). Order is kept.
async fn visible_to(
    state: &AppState,
    viewer: UserId,
    role: Role,
    ids: Vec<UserId>,
) -> Result<Vec<UserId>, ApiError> {
    if role != Role::Guest || ids.is_empty() {
        return Ok(ids);
    }
    let audience = crate::audience::sharing_with(state, viewer).await?;
    Ok(ids
        .into_iter()
        .filter(|id| audience.binary_search(id).is_ok())
        .collect())
}

/// A `presence.subscribe` frame: `ids` become the people this connection watches (of them,
/// those `user` may see), replacing what it watched. Answers their status now, or nothing when
/// a newer subscription of this connection is already stored (this one came late) or the
/// connection is gone.
pub async fn subscribe(
    state: &AppState,
    user: UserId,
    connection_id: &str,
    mut ids: Vec<UserId>,
    version: u64,
) -> Result<Option<PresenceSubscribed>, ApiError> {
    if ids.len() > PRESENCE_WATCH_MAX {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyIds,
            format!("watch at most {PRESENCE_WATCH_MAX} people at a time"),
        ));
    }
    ids.sort_unstable();
    ids.dedup();
    // Read now, not when the connection opened: it is a guest's role that limits what they see.
    let role = match state.store.users().get(user).await? {
        Some(account) => account.role,
        None => return Ok(None),
    };
    let visible = visible_to(state, user, role, ids).await?;
    if !state.redis.watch(connection_id, &visible, version).await? {
        return Ok(None);
    }
    let statuses = state.redis.presence_of(&visible).await?;
    Ok(Some(PresenceSubscribed {
        version,
        statuses: statuses
            .into_iter()
            .map(|(user_id, status)| Presence { user_id, status })
            .collect(),
    }))
}

/// A `typing` frame: checked (the typist must be a member), throttled, and sent to the other
/// members.
pub async fn typing(
    state: &AppState,
    user: UserId,
    parent_type: ParentType,
    parent_id: &str,
    thread_root_id: Option<MessageId>,
) -> Result<(), ApiError> {
    let parent = crate::parent_route::parent(parent_type, parent_id)?;
    let memberships = state.store.memberships();
    if memberships.role_of(parent, user).await?.is_none() {
        return Err(match parent {
            Parent::Channel(_) => crate::access::channel_not_found(),
            Parent::Conversation(_) => crate::access::conversation_not_found(),
        });
    }
    let place = match thread_root_id {
        Some(root) => format!("{parent}:{root}"),
        None => parent.to_string(),
    };
    if !state
        .redis
        .may_type(user, &place, TYPING_THROTTLE_SECONDS)
        .await?
    {
        return Ok(());
    }
    let others: Vec<UserId> = memberships
        .member_ids(parent)
        .await?
        .into_iter()
        .filter(|member| *member != user)
        .collect();
    let event = ServerEvent::Typing(Typing {
        user_id: user,
        parent_id: parent.to_string(),
        parent_type,
        thread_root_id,
    });
    state.fanout.send(&event, &others).await;
    Ok(())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PresenceParams {
    /// Up to 100 user ids, separated by commas.
    ids: String,
}

/// Who of these people is online, away or offline; people the caller may not see (a guest
/// asking about someone outside their channels and conversations) are left out.
#[utoipa::path(get, path = "/api/v1/presence", tag = "users", security(("bearer" = [])),
    params(PresenceParams),
    responses((status = 200, body = Vec<Presence>), (status = 400, body = ApiErrorResponse)))]
pub async fn presence(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<PresenceParams>,
) -> Result<Json<Vec<Presence>>, ApiError> {
    let ids: Vec<UserId> = params
        .ids
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse().map_err(|_| {
                ApiError::bad_request(ErrorCode::InvalidId, format!("{id} is not a user id"))
            })
        })
        .collect::<Result<_, _>>()?;
    if ids.len() > USERS_BATCH_MAX {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyIds,
            format!("ask for at most {USERS_BATCH_MAX} people at a time"),
        ));
    }
    let ids = visible_to(&state, caller.id, caller.role, ids).await?;
    let statuses = state.redis.presence_of(&ids).await?;
    Ok(Json(
        statuses
            .into_iter()
            .map(|(user_id, status)| Presence { user_id, status })
            .collect(),
    ))
}
