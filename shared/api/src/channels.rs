//! Channels: the caller's sidebar, one channel, and who may see it.

use axum::Json;
use axum::extract::State;
use domain::ChannelId;
use domain::api::ApiErrorResponse;
use domain::channel::{Channel, ChannelRole, ChannelType, MyChannel};

use crate::extract::{Caller, Path};
use crate::{ApiError, AppState};

/// The channels the caller belongs to.
#[utoipa::path(get, path = "/api/v1/channels", tag = "channels", security(("bearer" = [])),
    responses((status = 200, body = Vec<MyChannel>), (status = 401, body = ApiErrorResponse)))]
pub async fn mine(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<MyChannel>>, ApiError> {
    let mut channels = state.store.channels().for_user(caller.id).await?;
    channels.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(channels))
}

/// One channel, by id or slug. Private channels are invisible (404) to non-members.
#[utoipa::path(get, path = "/api/v1/channels/{idOrSlug}", tag = "channels", security(("bearer" = [])),
    params(("idOrSlug" = String, Path, description = "channel id (ULID) or slug")),
    responses((status = 200, body = Channel), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id_or_slug): Path<String>,
) -> Result<Json<Channel>, ApiError> {
    let channels = state.store.channels();
    let channel = match id_or_slug.parse::<ChannelId>() {
        Ok(id) => channels.get(id).await?,
        Err(_) => channels.by_slug(&id_or_slug.to_lowercase()).await?,
    }
    .ok_or_else(channel_not_found)?;
    let role = channels.role_of(channel.id, caller.id).await?;
    if role.is_none() && channel.kind == ChannelType::Private {
        return Err(channel_not_found());
    }
    Ok(Json(channel))
}

pub fn channel_not_found() -> ApiError {
    ApiError::not_found("channel_not_found", "no such channel, or you cannot see it")
}

/// The caller's role in a channel they must belong to. A non-member learns only that a public
/// channel must be joined first; a private channel stays invisible.
pub async fn require_member(
    state: &AppState,
    channel: ChannelId,
    caller: &Caller,
) -> Result<ChannelRole, ApiError> {
    let channels = state.store.channels();
    if let Some(role) = channels.role_of(channel, caller.id).await? {
        return Ok(role);
    }
    match channels.get(channel).await? {
        Some(c) if c.kind == ChannelType::Public => Err(ApiError::forbidden(
            "not_a_member",
            "join this channel to read and write in it",
        )),
        _ => Err(channel_not_found()),
    }
}

/// Parses a channel id from a path; anything else is an unknown channel.
pub fn channel_id(text: &str) -> Result<ChannelId, ApiError> {
    text.parse().map_err(|_| channel_not_found())
}
