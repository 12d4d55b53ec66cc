//! Presence (online, away, offline) and typing. Both live in Redis, so they are right however
//! many Lambda containers run. A presence change goes to everyone connected to the workspace
//! (one Redis read, then one post per live connection: right for team-sized workspaces), at
//! most one per user per `PRESENCE_THROTTLE_SECONDS` except going offline; typing goes only to
//! the members of the conversation, never to the typist.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::{PRESENCE_THROTTLE_SECONDS, TYPING_THROTTLE_SECONDS, USERS_BATCH_MAX};
use domain::presence::{Presence, PresenceStatus, Typing};
use domain::{MessageId, Parent, ParentType, UserId};
use realtime::presence::{PresenceNews, PresenceStep};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::{Caller, Query};
use crate::{ApiError, AppState};

/// A held change is asked about again after its window; a few rounds at most, in case others
/// keep taking the window first.
const HOLD_ROUNDS: usize = 3;

/// The workspace a presence belongs to: one deployment, one table. Naming it keeps deployments
/// (and tests) that share a Redis apart.
fn workspace(state: &AppState) -> &str {
    &state.config.dynamodb_table
}

async fn announce(state: &AppState, user: UserId, status: PresenceStatus) {
    match state.redis.connected_users(workspace(state)).await {
        Ok(everyone) => {
            let event = ServerEvent::PresenceChanged(Presence {
                user_id: user,
                status,
            });
            state.fanout.send(&event, &everyone).await;
        }
        Err(e) => tracing::error!(error = %e, "cannot list who is connected for presence"),
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
    let mut news = redis
        .presence_step(workspace(state), user, step, window)
        .await?;
    for _ in 0..HOLD_ROUNDS {
        match news {
            PresenceNews::Quiet => return Ok(()),
            PresenceNews::Announce(status) => {
                announce(state, user, status).await;
                return Ok(());
            }
            PresenceNews::Hold(wait) => {
                tokio::time::sleep(wait).await;
                news = redis
                    .presence_step(workspace(state), user, PresenceStep::Held, window)
                    .await?;
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
                "invalid_presence",
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

/// Who of these people is online, away or offline.
#[utoipa::path(get, path = "/api/v1/presence", tag = "users", security(("bearer" = [])),
    params(PresenceParams),
    responses((status = 200, body = Vec<Presence>), (status = 400, body = ApiErrorResponse)))]
pub async fn presence(
    State(state): State<AppState>,
    _caller: Caller,
    Query(params): Query<PresenceParams>,
) -> Result<Json<Vec<Presence>>, ApiError> {
    let ids: Vec<UserId> = params
        .ids
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse()
                .map_err(|_| ApiError::bad_request("invalid_id", format!("{id} is not a user id")))
        })
        .collect::<Result<_, _>>()?;
    if ids.len() > USERS_BATCH_MAX {
        return Err(ApiError::bad_request(
            "too_many_ids",
            format!("ask for at most {USERS_BATCH_MAX} people at a time"),
        ));
    }
    let statuses = state.redis.presence_of(&ids).await?;
    Ok(Json(
        statuses
            .into_iter()
            .map(|(user_id, status)| Presence { user_id, status })
            .collect(),
    ))
}
