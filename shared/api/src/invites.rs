//! Invites by email. An admin or member (as the workspace's invite policy allows; never a guest)
//! invites an address to channels they are in; admins list and revoke pending invites. Following
//! the mailed link is `invite_links`'. The link's token is random, stored only as a hash, works
//! once and for 72 hours.

use auth::secrets::{hash_token, random_token};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::channel::Channel;
use domain::invites::{CreateInvite, Invite, InvitePage};
use domain::limits::{INVITE_CHANNELS_MAX, INVITE_TTL_SECONDS};
use domain::user::{Email, Role, User, UserStatus};
use domain::{ChannelId, InviteId, Parent, Timestamp};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::admin::require_admin;
use crate::extract::{Caller, JsonBody, Path, Query};
use crate::mail::Mail;
use crate::paging::{invalid_cursor, page_limit};
use crate::ratelimit::{self, Limit};
use crate::{ApiError, AppState, workspace};

fn not_in_channel() -> ApiError {
    ApiError::forbidden(
        ErrorCode::NotChannelMember,
        "you can invite people only to channels you are a member of",
    )
}

fn invite_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::InviteNotFound, "no such pending invite")
}

pub(crate) fn already_member(user: &User) -> ApiError {
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
