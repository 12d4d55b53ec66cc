//! Following an invite link: what it offers (preview), and accepting it, which makes a guest
//! account with a password, in the invite's channels and #general, and signs it in.

use auth::secrets::hash_token;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::{Channel, ChannelRole};
use domain::invites::{AcceptInvite, Invite, InvitePreview, InviteToken};
use domain::passwords::{Password, parse_link_token};
use domain::user::{AuthProvider, DisplayName, Role, User};
use domain::{Parent, Timestamp};
use store::channels::AddMember;
use store::invites::AcceptConflict;

use crate::channel_members::member_arrived;
use crate::extract::JsonBody;
use crate::invites::already_member;
use crate::ratelimit::{self, ClientIp, Limit};
use crate::sessions::start_session;
use crate::{ApiError, AppState, passwords, workspace};

fn invite_invalid() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        ErrorCode::InviteInvalid,
        "this invite link no longer works: it was used, replaced by a newer invite, or revoked; ask for a new invite",
    )
}

/// The unexpired invite of a link token, and the token's hash.
async fn pending_invite(state: &AppState, raw: &str) -> Result<(Invite, String), ApiError> {
    let token = parse_link_token(raw)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidToken, e.message))?;
    let token_hash = hash_token(token);
    let invite = state
        .store
        .invites()
        .by_token(&token_hash)
        .await?
        .ok_or_else(invite_invalid)?;
    if invite.expires_at <= Timestamp::now() {
        return Err(ApiError::new(
            StatusCode::GONE,
            ErrorCode::InviteExpired,
            "this invite link has expired (invites last 72 hours); ask for a new invite",
        ));
    }
    Ok((invite, token_hash))
}

/// The invite's channels that the account will join: those still open whose inviter is still
/// in them (an inviter who left a private channel no longer lets anyone in).
async fn joinable_channels(state: &AppState, invite: &Invite) -> Result<Vec<Channel>, ApiError> {
    let mut channels = Vec::new();
    for id in &invite.channel_ids {
        let Some(channel) = state.store.channels().get(*id).await? else {
            continue;
        };
        let inviter_in = state
            .store
            .memberships()
            .role_of(Parent::Channel(*id), invite.invited_by)
            .await?
            .is_some();
        if inviter_in && !channel.archived {
            channels.push(channel);
        }
    }
    Ok(channels)
}

/// Whose invite a link is, to which workspace and channels: what the invite page shows before
/// the person picks a name and password. The token travels in the body, not the URL.
#[utoipa::path(post, path = "/auth/invite/preview", tag = "auth", request_body = InviteToken,
    responses((status = 200, body = InvitePreview), (status = 400, body = ApiErrorResponse),
        (status = 410, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn preview(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(request): JsonBody<InviteToken>,
) -> Result<Json<InvitePreview>, ApiError> {
    ratelimit::check_ip(&state, Limit::InvitePerIp, &ip).await?;
    let (invite, _) = pending_invite(&state, &request.token).await?;
    let invited_by = state
        .store
        .users()
        .get(invite.invited_by)
        .await?
        .map_or_else(|| "Someone".to_string(), |u| u.display_name);
    let mut channels = vec![domain::channel::GENERAL_NAME.to_string()];
    channels.extend(
        joinable_channels(&state, &invite)
            .await?
            .into_iter()
            .map(|c| c.name),
    );
    Ok(Json(InvitePreview {
        email: invite.email,
        workspace_name: workspace::settings(&state).await?.name,
        invited_by,
        channels,
        expires_at: invite.expires_at,
    }))
}

/// Accepts an invite: creates the guest account with its password, uses up the link (two
/// acceptances at once make one account), puts the account in the invite's channels and
/// #general, and signs it in (the refresh cookie is set; `/auth/token/refresh` gives the access
/// token).
#[utoipa::path(post, path = "/auth/invite/accept", tag = "auth", request_body = AcceptInvite,
    responses((status = 201, body = User), (status = 400, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse), (status = 410, body = ApiErrorResponse),
        (status = 429, body = ApiErrorResponse)))]
pub async fn accept(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(request): JsonBody<AcceptInvite>,
) -> Result<Response, ApiError> {
    ratelimit::check_ip(&state, Limit::InvitePerIp, &ip).await?;
    let display_name = DisplayName::parse(&request.display_name)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidDisplayName, e.message))?;
    let password = Password::parse(&request.password)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidPassword, e.message))?;
    let (invite, token_hash) = pending_invite(&state, &request.token).await?;
    if let Some(existing) = state.store.users().by_email(&invite.email).await? {
        return Err(already_member(&existing));
    }
    let password_hash = passwords::hash(&password).await?;
    let mut user = store::users::new_user(&invite.email, display_name.into_string(), Role::Guest);
    user.provider = AuthProvider::Password;
    let mut attempts = 0;
    loop {
        match state
            .store
            .invites()
            .accept(&invite, &token_hash, &user, &password_hash)
            .await?
        {
            Ok(()) => break,
            Err(AcceptConflict::InviteGone) => return Err(invite_invalid()),
            Err(AcceptConflict::EmailTaken) => {
                return Err(ApiError::conflict(
                    ErrorCode::AlreadyMember,
                    "this address already has an account in the workspace; sign in instead",
                ));
            }
            // Someone picked this account's derived handle as theirs: add a random suffix.
            Err(AcceptConflict::HandleTaken) if attempts < 3 => {
                attempts += 1;
                let suffix = ulid::Ulid::new().to_string().to_lowercase();
                user.handle = format!(
                    "{}_{}",
                    domain::user::derived_handle(&invite.email),
                    &suffix[suffix.len() - 4..]
                );
            }
            Err(AcceptConflict::HandleTaken) => {
                return Err(ApiError::internal("no free handle for the new guest"));
            }
        }
    }
    tracing::info!(user = %user.id, invite = %invite.id, "invite accepted");
    join_channels(&state, &invite, &user).await;
    let cookie = start_session(&state, &user).await?;
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, cookie)],
        Json(user),
    )
        .into_response())
}

/// Puts the new guest in #general and in the invite's channels, each with its events and
/// system message. The account exists already: a channel that fails is logged, not fatal.
async fn join_channels(state: &AppState, invite: &Invite, user: &User) {
    let general = match state.store.channels().ensure_general(user.id).await {
        Ok(general) => Some(general),
        Err(e) => {
            tracing::error!(user = %user.id, error = %e, "cannot find #general for the new guest");
            None
        }
    };
    let invited = match joinable_channels(state, invite).await {
        Ok(channels) => channels,
        Err(e) => {
            e.log_cause();
            Vec::new()
        }
    };
    // #general records them joining; the other channels record the inviter adding them.
    let arrivals = general
        .map(|g| (g, user.id))
        .into_iter()
        .chain(invited.into_iter().map(|c| (c, invite.invited_by)));
    for (channel, actor) in arrivals {
        match state
            .store
            .channels()
            .add_member(channel.id, user.id, ChannelRole::Member)
            .await
        {
            Ok(AddMember::Added) => {
                if let Err(e) =
                    member_arrived(state, &channel, actor, user.id, ChannelRole::Member).await
                {
                    e.log_cause();
                }
            }
            Ok(other) => {
                tracing::info!(user = %user.id, channel = %channel.id, outcome = ?other, "the new guest was not added")
            }
            Err(e) => {
                tracing::error!(user = %user.id, channel = %channel.id, error = %e, "cannot add the new guest")
            }
        }
    }
}
