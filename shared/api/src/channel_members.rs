//! Who is in a channel: joining and leaving, and its members and their roles (listing,
//! adding, removing, promoting and demoting).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::{AddMember, ChangeRole, Channel, ChannelRole, Member, MemberPage};
use domain::events::{MemberAction, ServerEvent};
use domain::message::SystemAction;
use domain::permissions;
use domain::sidebar::SidebarChannel;
use domain::user::UserStatus;
use domain::{ChannelId, Parent, UserId};
use serde::Deserialize;
use store::channels::{AddMember as Added, RemoveMember};
use utoipa::IntoParams;

use crate::access::{channel_id, require_member};
use crate::audience::tell;
use crate::channels::{archived, not_allowed, sidebar_row, visible_channel};
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::membership::{member_departed, members_changed, start_reading, system_message};
use crate::paging::{invalid_cursor, page_limit};
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MemberParams {
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
}

fn user_id(text: &str) -> Result<UserId, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(ErrorCode::UserNotFound, "no such user"))
}

fn not_a_member() -> ApiError {
    ApiError::not_found(
        ErrorCode::MemberNotFound,
        "that person is not in this channel",
    )
}

/// The channel's members, for those who may see the channel.
#[utoipa::path(get, path = "/api/v1/channels/{id}/members", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id"), MemberParams),
    responses((status = 200, body = MemberPage), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<MemberParams>,
) -> Result<Json<MemberPage>, ApiError> {
    let limit = page_limit(params.limit)?;
    let (channel, _) = visible_channel(&state, &id, &caller).await?;
    let page = state
        .store
        .memberships()
        .page(Parent::Channel(channel.id), params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    Ok(Json(page))
}

/// Adds someone. Members add members; admins add admins; only owners and system admins add
/// owners. Guests cannot add anyone.
#[utoipa::path(post, path = "/api/v1/channels/{id}/members", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = AddMember,
    responses((status = 201, body = Member), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<AddMember>,
) -> Result<(StatusCode, Json<Member>), ApiError> {
    let (channel, role) = visible_channel(&state, &id, &caller).await?;
    let granted = request.role.unwrap_or(ChannelRole::Member);
    if !permissions::can_add_member(caller.role, role, granted) {
        return Err(not_allowed("add people with that role"));
    }
    let target = state
        .store
        .users()
        .get(request.user_id)
        .await?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or_else(|| ApiError::not_found(ErrorCode::UserNotFound, "no such active user"))?;
    match state
        .store
        .channels()
        .add_member(channel.id, target.id, granted)
        .await?
    {
        Added::Added => {}
        Added::AlreadyMember => {
            return Err(ApiError::conflict(
                ErrorCode::AlreadyMember,
                "that person is already in this channel",
            ));
        }
        Added::Closed => {
            return Err(ApiError::conflict(
                ErrorCode::ChannelArchived,
                "this channel is archived and read-only",
            ));
        }
    }
    let row = member_arrived(&state, &channel, caller.id, target.id, granted).await?;
    let member = Member {
        user_id: target.id,
        role: row.membership.role,
        joined_at: row.membership.joined_at,
    };
    Ok((StatusCode::CREATED, Json(member)))
}

/// Changes a member's role. Making or unmaking an owner takes an owner or a system admin; the
/// last owner stays an owner.
#[utoipa::path(patch, path = "/api/v1/channels/{id}/members/{userId}", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id"), ("userId" = String, Path, description = "member")),
    request_body = ChangeRole,
    responses((status = 200, body = Member), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn change_role(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, user)): Path<(String, String)>,
    JsonBody(request): JsonBody<ChangeRole>,
) -> Result<Json<Member>, ApiError> {
    let (channel, role) = visible_channel(&state, &id, &caller).await?;
    let user = user_id(&user)?;
    let parent = Parent::Channel(channel.id);
    let current = state
        .store
        .memberships()
        .get(parent, user)
        .await?
        .ok_or_else(not_a_member)?;
    if !permissions::can_change_role(caller.role, role, current.role, request.role) {
        return Err(not_allowed("give or take that role"));
    }
    match state
        .store
        .channels()
        .change_role(channel.id, user, current.role, request.role)
        .await?
    {
        RemoveMember::Removed => {}
        RemoveMember::LastOwner => return Err(last_owner()),
        RemoveMember::Stale => return Err(changed_meanwhile()),
    }
    members_changed(&state, parent, user, MemberAction::Role, Some(request.role)).await;
    Ok(Json(Member {
        user_id: user,
        role: request.role,
        joined_at: current.joined_at,
    }))
}

/// Removes a member. Admins remove members and admins; owners only by an owner or a system
/// admin. Nobody is removed from #general.
#[utoipa::path(delete, path = "/api/v1/channels/{id}/members/{userId}", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id"), ("userId" = String, Path, description = "member")),
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (channel, role) = visible_channel(&state, &id, &caller).await?;
    let user = user_id(&user)?;
    let parent = Parent::Channel(channel.id);
    if channel.is_general() {
        return Err(ApiError::forbidden(
            ErrorCode::GeneralIsFixed,
            "everyone stays in #general",
        ));
    }
    let target = state
        .store
        .memberships()
        .role_of(parent, user)
        .await?
        .ok_or_else(not_a_member)?;
    if !permissions::can_remove_member(caller.role, role, target) {
        return Err(not_allowed("remove that person"));
    }
    remove(&state, channel.id, user, target).await?;
    member_departed(&state, parent, caller.id, user).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Joins an open public channel (guests: only #general).
#[utoipa::path(post, path = "/api/v1/channels/{id}/join", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")),
    responses((status = 200, body = SidebarChannel), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<SidebarChannel>, ApiError> {
    let (channel, role) = visible_channel(&state, &id, &caller).await?;
    if role.is_some() {
        return Ok(Json(sidebar_row(&state, channel, caller.id).await?));
    }
    if !permissions::can_join(caller.role, &channel) {
        return Err(if channel.archived {
            archived()
        } else {
            ApiError::forbidden(
                ErrorCode::CannotJoin,
                "this channel takes members by invitation; ask one of its members",
            )
        });
    }
    match state
        .store
        .channels()
        .add_member(channel.id, caller.id, ChannelRole::Member)
        .await?
    {
        Added::Added => {}
        Added::AlreadyMember => {
            return Ok(Json(sidebar_row(&state, channel, caller.id).await?));
        }
        Added::Closed => return Err(archived()),
    }
    let row = member_arrived(&state, &channel, caller.id, caller.id, ChannelRole::Member).await?;
    Ok(Json(row))
}

/// What follows someone coming into a channel: their sidebar gains it on every device, the
/// members hear of it, and a system message records it.
pub async fn member_arrived(
    state: &AppState,
    channel: &Channel,
    actor: UserId,
    user: UserId,
    role: ChannelRole,
) -> Result<SidebarChannel, ApiError> {
    let parent = Parent::Channel(channel.id);
    let (action, system) = if actor == user {
        (MemberAction::Joined, SystemAction::Joined)
    } else {
        (MemberAction::Added, SystemAction::Added)
    };
    members_changed(state, parent, user, action, Some(role)).await;
    let arrival = system_message(
        state,
        parent,
        actor,
        system,
        (actor != user).then_some(user),
    )
    .await;
    let mut channel = channel.clone();
    if let Some(arrival) = &arrival {
        start_reading(state, parent, user, arrival, actor == user).await?;
        channel.last_seq = channel.last_seq.max(arrival.seq);
        channel.last_message_at = Some(arrival.created_at);
    }
    let row = sidebar_row(state, channel, user).await?;
    tell(state, user, &ServerEvent::SidebarChannel(row.clone())).await;
    Ok(row)
}

/// Leaves a channel. Nobody leaves #general; the last owner hands over first.
#[utoipa::path(post, path = "/api/v1/channels/{id}/leave", tag = "channels", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")),
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let channel = channel_id(&id)?;
    let parent = Parent::Channel(channel);
    let role = require_member(&state, parent, &caller).await?;
    if channel == ChannelId::GENERAL {
        return Err(ApiError::forbidden(
            ErrorCode::GeneralIsFixed,
            "everyone stays in #general",
        ));
    }
    remove(&state, channel, caller.id, role).await?;
    member_departed(&state, parent, caller.id, caller.id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a member whose role was read as `role`.
pub async fn remove(
    state: &AppState,
    channel: ChannelId,
    user: UserId,
    role: ChannelRole,
) -> Result<(), ApiError> {
    match state
        .store
        .channels()
        .remove_member(channel, user, role)
        .await?
    {
        RemoveMember::Removed => Ok(()),
        RemoveMember::LastOwner => Err(last_owner()),
        RemoveMember::Stale => Err(changed_meanwhile()),
    }
}

pub fn last_owner() -> ApiError {
    ApiError::conflict(
        ErrorCode::LastOwner,
        "a channel needs an owner: make someone else owner first",
    )
}

pub fn changed_meanwhile() -> ApiError {
    ApiError::conflict(
        ErrorCode::MembershipChanged,
        "this membership changed meanwhile; reload and try again",
    )
}
