//! Channels: the public directory, creating, reading, renaming, describing and archiving.
//! Who is in one (joining, leaving, members and roles) is in `channel_members`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::{
    Channel, ChannelName, ChannelPage, ChannelRole, CreateChannel, UpdateChannel, parse_search,
    validate_description,
};
use domain::events::ServerEvent;
use domain::permissions;
use domain::sidebar::SidebarChannel;
use domain::{ChannelId, Parent, Timestamp, UserId};
use serde::Deserialize;
use store::channels::Rename;
use utoipa::IntoParams;

use crate::access::{channel_id, channel_not_found, load_channel};
use crate::audience::{publish, tell};
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::paging::{invalid_cursor, page_limit};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DirectoryParams {
    /// Part of a channel name.
    q: Option<String>,
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
}

/// The public channel directory: open public channels, newest first.
#[utoipa::path(get, path = "/api/v1/channels", tag = "channels", security(("bearer" = [])),
    params(DirectoryParams),
    responses((status = 200, body = ChannelPage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse)))]
pub async fn directory(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<DirectoryParams>,
) -> Result<Json<ChannelPage>, ApiError> {
    if !permissions::can_browse_directory(caller.role) {
        return Err(ApiError::forbidden(
            ErrorCode::GuestForbidden,
            "guests see only the channels they were added to",
        ));
    }
    let limit = page_limit(params.limit)?;
    let search = parse_search(params.q.as_deref().unwrap_or_default())?;
    let page = state
        .store
        .channels()
        .directory(&search, params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    Ok(Json(page))
}

/// Creates a channel; the creator becomes its owner.
#[utoipa::path(post, path = "/api/v1/channels", tag = "channels", security(("bearer" = [])),
    request_body = CreateChannel,
    responses((status = 201, body = SidebarChannel), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<CreateChannel>,
) -> Result<(StatusCode, Json<SidebarChannel>), ApiError> {
    if !permissions::can_create_channel(caller.role) {
        return Err(ApiError::forbidden(
            ErrorCode::GuestForbidden,
            "guests cannot create channels; ask a member",
        ));
    }
    let name = ChannelName::parse(&request.name)?;
    let description = validate_description(&request.description)?;
    let channel = Channel {
        id: ChannelId::new(),
        name: name.as_str().to_string(),
        slug: name.as_str().to_string(),
        description,
        kind: request.kind,
        created_by: caller.id,
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    if !state.store.channels().create(&channel, caller.id).await? {
        return Err(slug_taken());
    }
    let row = sidebar_row(&state, channel, caller.id).await?;
    tell(&state, caller.id, &ServerEvent::SidebarChannel(row.clone())).await;
    Ok((StatusCode::CREATED, Json(row)))
}

fn slug_taken() -> ApiError {
    ApiError::conflict(
        ErrorCode::SlugTaken,
        "a channel has (or had) that name; pick another",
    )
}

/// The caller's sidebar row for a channel they just came to belong to.
pub async fn sidebar_row(
    state: &AppState,
    channel: Channel,
    user: UserId,
) -> Result<SidebarChannel, ApiError> {
    let membership = state
        .store
        .memberships()
        .get(Parent::Channel(channel.id), user)
        .await?
        .ok_or_else(|| ApiError::internal("membership row missing right after it was written"))?;
    Ok(SidebarChannel {
        channel,
        membership,
    })
}

/// One channel, by id or by slug (a slug it used to have works too). Private channels are
/// invisible (404) to non-members.
#[utoipa::path(get, path = "/api/v1/channels/{id}", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id (ULID), or a slug it has or had")),
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
    let role = state
        .store
        .memberships()
        .role_of(Parent::Channel(channel.id), caller.id)
        .await?;
    if !permissions::can_see(caller.role, role, &channel) {
        return Err(channel_not_found());
    }
    Ok(Json(channel))
}

/// The channel and the caller's role in it, when the caller may see it at all.
pub async fn visible_channel(
    state: &AppState,
    id: &str,
    caller: &Caller,
) -> Result<(Channel, Option<ChannelRole>), ApiError> {
    let channel = load_channel(state, channel_id(id)?).await?;
    let role = state
        .store
        .memberships()
        .role_of(Parent::Channel(channel.id), caller.id)
        .await?;
    if !permissions::can_see(caller.role, role, &channel) {
        return Err(channel_not_found());
    }
    Ok((channel, role))
}

pub fn not_allowed(what: &str) -> ApiError {
    ApiError::forbidden(
        ErrorCode::NotAllowed,
        format!("you cannot {what} in this channel"),
    )
}

/// Renames (the slug follows; the old slug keeps resolving) and/or edits the description.
#[utoipa::path(patch, path = "/api/v1/channels/{id}", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = UpdateChannel,
    responses((status = 200, body = Channel), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<UpdateChannel>,
) -> Result<Json<Channel>, ApiError> {
    let name = request
        .name
        .as_deref()
        .map(ChannelName::parse)
        .transpose()?;
    let description = request
        .description
        .as_deref()
        .map(validate_description)
        .transpose()?;
    let (mut channel, role) = visible_channel(&state, &id, &caller).await?;
    if !permissions::can_update(caller.role, role) {
        return Err(not_allowed("change the name or description"));
    }
    if channel.archived {
        return Err(archived());
    }
    let channels = state.store.channels();
    if let Some(name) = name.filter(|n| n.as_str() != channel.slug) {
        if channel.is_general() {
            return Err(ApiError::forbidden(
                ErrorCode::GeneralIsFixed,
                "#general keeps its name",
            ));
        }
        channel = match channels.rename(channel.id, name.as_str()).await? {
            Rename::Renamed(c) => c,
            Rename::SlugTaken => return Err(slug_taken()),
            Rename::NotFound => return Err(channel_not_found()),
        };
    }
    if let Some(description) = description {
        channel = channels
            .describe(channel.id, &description)
            .await?
            .ok_or_else(channel_not_found)?;
    }
    publish(
        &state,
        Parent::Channel(channel.id),
        &ServerEvent::ChannelUpdated(channel.clone()),
    )
    .await;
    Ok(Json(channel))
}

pub fn archived() -> ApiError {
    ApiError::conflict(
        ErrorCode::ChannelArchived,
        "this channel is archived and read-only",
    )
}

/// Archives: the channel leaves the directory and becomes read-only; members keep reading it.
#[utoipa::path(post, path = "/api/v1/channels/{id}/archive", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")),
    responses((status = 200, body = Channel), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn archive(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Channel>, ApiError> {
    set_archived(&state, &caller, &id, true).await.map(Json)
}

/// Unarchives: the channel takes messages again and returns to the directory.
#[utoipa::path(post, path = "/api/v1/channels/{id}/unarchive", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")),
    responses((status = 200, body = Channel), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn unarchive(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Channel>, ApiError> {
    set_archived(&state, &caller, &id, false).await.map(Json)
}

async fn set_archived(
    state: &AppState,
    caller: &Caller,
    id: &str,
    archived: bool,
) -> Result<Channel, ApiError> {
    let (channel, role) = visible_channel(state, id, caller).await?;
    if channel.is_general() {
        return Err(ApiError::forbidden(
            ErrorCode::GeneralIsFixed,
            "#general cannot be archived",
        ));
    }
    if !permissions::can_archive(caller.role, role, &channel) {
        return Err(not_allowed("archive or unarchive"));
    }
    let channel = state
        .store
        .channels()
        .set_archived(&channel, archived)
        .await?
        .ok_or_else(channel_not_found)?;
    publish(
        state,
        Parent::Channel(channel.id),
        &ServerEvent::ChannelUpdated(channel.clone()),
    )
    .await;
    Ok(channel)
}
