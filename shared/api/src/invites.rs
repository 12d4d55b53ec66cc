//! Invites by email. An admin or member (as the workspace's invite policy allows; never a guest)
//! invites an address to channels they are in; the link mailed to it makes a guest account with
//! a password, in those channels and #general, and signs it in. The link's token is random,
//! stored only as a hash, works once and for 72 hours.

use auth::secrets::{hash_token, random_token};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::{Channel, ChannelRole};
use domain::invites::{AcceptInvite, CreateInvite, Invite, InvitePage, InvitePreview, InviteToken};
use domain::limits::{INVITE_CHANNELS_MAX, INVITE_TTL_SECONDS};
use domain::passwords::{Password, parse_link_token};
use domain::user::{AuthProvider, DisplayName, Email, Role, User, UserStatus};
use domain::{ChannelId, InviteId, Parent, Timestamp};
use serde::Deserialize;
use store::channels::AddMember;
use store::invites::AcceptConflict;
use utoipa::IntoParams;

use crate::admin::require_admin;
use crate::channel_members::member_arrived;
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::mail::Mail;
use crate::paging::{invalid_cursor, page_limit};
use crate::ratelimit::{self, ClientIp, Limit};
use crate::sessions::start_session;
use crate::{ApiError, AppState, passwords, workspace};

fn not_in_channel() -> ApiError {
    ApiError::forbidden(
        ErrorCode::NotChannelMember,
        "you can invite people only to channels you are a member of",
    )
}

fn invite_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::InviteNotFound, "no such pending invite")
}

fn invite_invalid() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        ErrorCode::InviteInvalid,
        "this invite link no longer works: it was used, replaced by a newer invite, or revoked; ask for a new invite",
    )
}

fn already_member(user: &User) -> ApiError {
    if user.status == UserStatus::Deactivated {
        ApiError::conflict(
            ErrorCode::AlreadyMember,
            "this address has an account, which is deactivated; an admin can reactivate it",
        )
    } else {
        ApiError::conflict(
            ErrorCode::AlreadyMember,
            "this address already has an account in the workspace; they can sign in",
        )
    }
}

/// Invites an address: stores the invite (replacing any earlier one to the same address) and
/// mails its link. The answer never holds the link's token.
#[utoipa::path(post, path = "/api/v1/invites", tag = "invites", security(("bearer" = [])),
    request_body = CreateInvite,
    responses((status = 201, body = Invite), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse),
        (status = 503, body = ApiErrorResponse)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<CreateInvite>,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    if caller.role == Role::Guest {
        return Err(ApiError::forbidden(
            ErrorCode::GuestsCannotInvite,
            "guests cannot invite people; ask a member of the workspace",
        ));
    }
    let settings = workspace::settings(&state).await?;
    if !settings.invite_policy.allows(caller.role) {
        return Err(ApiError::forbidden(
            ErrorCode::InvitesAdminsOnly,
            "in this workspace only admins invite people; ask an admin",
        ));
    }
    let email = Email::parse(&request.email)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidEmail, e.message))?;
    // Before anything is looked up: whether an address has an account is an answer too.
    ratelimit::check(&state, Limit::InvitePerInviter, &caller.id.to_string()).await?;
    let mut channel_ids: Vec<ChannelId> = Vec::new();
    for id in request.channel_ids {
        if id != ChannelId::GENERAL && !channel_ids.contains(&id) {
            channel_ids.push(id);
        }
    }
    if channel_ids.len() > INVITE_CHANNELS_MAX {
        return Err(ApiError::bad_request(
            ErrorCode::TooManyChannels,
            format!("an invite names at most {INVITE_CHANNELS_MAX} channels"),
        ));
    }
    let mut channels = Vec::with_capacity(channel_ids.len());
    for id in &channel_ids {
        // A channel the inviter is not in gets the same answer as one that does not exist,
        // so private channels stay unseen.
        let channel = state
            .store
            .channels()
            .get(*id)
            .await?
            .ok_or_else(not_in_channel)?;
        if state
            .store
            .memberships()
            .role_of(Parent::Channel(*id), caller.id)
            .await?
            .is_none()
        {
            return Err(not_in_channel());
        }
        if channel.archived {
            return Err(ApiError::conflict(
                ErrorCode::ChannelArchived,
                format!("#{} is archived; nobody can join it", channel.name),
            ));
        }
        channels.push(channel);
    }
    if let Some(existing) = state.store.users().by_email(email.as_str()).await? {
        return Err(already_member(&existing));
    }
    let inviter =
        state.store.users().get(caller.id).await?.ok_or_else(|| {
            ApiError::unauthenticated(ErrorCode::Unauthenticated, "sign in first")
        })?;

    // Only invites that would be mailed count against the address, so nobody uses up a
    // stranger's allowance with requests that were going to be refused anyway.
    ratelimit::check(&state, Limit::InvitePerAddress, email.as_str()).await?;
    let now = Timestamp::now();
    let invite = Invite {
        id: InviteId::new(),
        email: email.as_str().to_string(),
        channel_ids,
        invited_by: caller.id,
        created_at: now,
        expires_at: now.plus_seconds(INVITE_TTL_SECONDS),
    };
    let token = random_token();
    state
        .store
        .invites()
        .put(&invite, &hash_token(&token))
        .await?;
    let mail = invite_mail(&state, &invite, &inviter, &settings.name, &channels, &token);
    if let Err(e) = state.mailer.send(&mail).await {
        tracing::error!(invite = %invite.id, error = %e, "the invite could not be mailed; it is withdrawn");
        if let Err(e) = state.store.invites().revoke(invite.id).await {
            tracing::error!(invite = %invite.id, error = %e, "the unsent invite could not be withdrawn");
        }
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::MailUnavailable,
            "the invite could not be emailed just now; try again in a few minutes",
        ));
    }
    tracing::info!(inviter = %caller.id, invite = %invite.id, "invite sent");
    Ok((StatusCode::CREATED, Json(invite)))
}

fn invite_mail(
    state: &AppState,
    invite: &Invite,
    inviter: &User,
    workspace: &str,
    channels: &[Channel],
    token: &str,
) -> Mail {
    let link = state.config.app_link(&format!("/invite/{token}"));
    let names: Vec<String> = std::iter::once("#general".to_string())
        .chain(channels.iter().map(|c| format!("#{}", c.name)))
        .collect();
    Mail {
        to: invite.email.clone(),
        subject: format!("{} invited you to {workspace}", inviter.display_name),
        text: format!(
            "{inviter} ({email}) invited you to join {workspace} as a guest, in {channels}.\n\n\
             Accept the invite and choose your password here:\n{link}\n\n\
             The link works once and expires in 72 hours. If you did not expect this invite, \
             ignore this mail.\n",
            inviter = inviter.display_name,
            email = inviter.email,
            channels = names.join(", "),
        ),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InviteListParams {
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 100; 50 when absent.
    limit: Option<usize>,
}

/// Pending invites (not yet accepted, revoked or expired), newest first. Admins only.
#[utoipa::path(get, path = "/api/v1/invites", tag = "invites", security(("bearer" = [])),
    params(InviteListParams),
    responses((status = 200, body = InvitePage), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<InviteListParams>,
) -> Result<Json<InvitePage>, ApiError> {
    require_admin(&caller)?;
    let limit = page_limit(params.limit)?;
    let page = state
        .store
        .invites()
        .list(params.cursor.as_deref(), limit)
        .await?
        .ok_or_else(invalid_cursor)?;
    Ok(Json(InvitePage {
        items: page.invites,
        next_cursor: page.next_cursor,
    }))
}

/// Revokes a pending invite: its link stops working. Admins only.
#[utoipa::path(delete, path = "/api/v1/invites/{id}", tag = "invites", security(("bearer" = [])),
    params(("id" = String, Path, description = "invite id")),
    responses((status = 204), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    require_admin(&caller)?;
    let id: InviteId = id.parse().map_err(|_| invite_not_found())?;
    if !state.store.invites().revoke(id).await? {
        return Err(invite_not_found());
    }
    tracing::info!(admin = %caller.id, invite = %id, "invite revoked");
    Ok(StatusCode::NO_CONTENT)
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
