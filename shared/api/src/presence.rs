//! Presence (online, away, offline) and typing. Both live in Redis, so they are right however
//! many Lambda containers run. Presence changes go to the workspace (everyone is in #general:
//! one Query, then one post per live connection; right for team-sized workspaces); typing goes
//! only to the members of the conversation, never to the typist.

use axum::Json;
use axum::extract::State;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::{TYPING_THROTTLE_SECONDS, USERS_BATCH_MAX};
use domain::presence::{Presence, PresenceStatus, Typing};
use domain::{MessageId, Parent, ParentType, UserId};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::{Caller, Query};
use crate::{ApiError, AppState};

async fn announce(state: &AppState, user: UserId, status: PresenceStatus) {
    let workspace = Parent::Channel(domain::ChannelId::GENERAL);
    match state.store.memberships().member_ids(workspace).await {
        Ok(everyone) => {
            let event = ServerEvent::PresenceChanged(Presence {
                user_id: user,
                status,
            });
            state.fanout.send(&event, &everyone).await;
        }
        Err(e) => tracing::error!(error = %e, "cannot list the workspace for presence"),
    }
}

/// After `$connect`: a first connection brings the user online.
pub async fn connected(state: &AppState, user: UserId) {
    match state.redis.came_online(user).await {
        Ok(true) => announce(state, user, PresenceStatus::Online).await,
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, %user, "cannot record presence"),
    }
}

/// After `$disconnect`: the last connection gone takes the user offline.
pub async fn disconnected(state: &AppState, user: UserId) {
    match state.redis.went_offline(user).await {
        Ok(true) => announce(state, user, PresenceStatus::Offline).await,
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, %user, "cannot record presence"),
    }
}

/// A `presence` frame: the client is away from the keyboard, or back.
pub async fn set(state: &AppState, user: UserId, status: PresenceStatus) -> Result<(), ApiError> {
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
    if state.redis.set_away(user, away).await? {
        announce(state, user, status).await;
    }
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
