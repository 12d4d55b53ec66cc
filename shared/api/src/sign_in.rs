//! Signing in and staying signed in: the OIDC code flow, the first-admin rule, #general for
//! everyone; the session itself is `sessions`' business.

use auth::{Identity, PendingLogin};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::SameSite;
use domain::ErrorCode;
use domain::channel::ChannelRole;
use domain::limits::OIDC_LOGIN_TTL_SECONDS;
use domain::user::{DisplayName, Email, Role, User, UserStatus};
use serde::Deserialize;
use store::users::{CreateConflict, Subject, new_user};
use utoipa::IntoParams;

use crate::cookies::{cookie, read_cookie};
use crate::extract::Query;
use crate::ratelimit::{self, ClientIp, Limit};
use crate::sessions::start_session;
use crate::{ApiError, AppState};

const STATE_COOKIE: &str = "parley_oidc_state";

/// Back to the app with a code the sign-in page explains.
fn fail_to_app(code: ErrorCode) -> Response {
    Redirect::to(&format!("/?authError={code}")).into_response()
}

/// Sends the browser to the identity provider.
/// Too many starts from one address go back to the app with `authError=rate_limited`: this is
/// a page the browser navigates to, where a JSON 429 would strand the person.
#[utoipa::path(get, path = "/auth/oidc/login", tag = "auth",
    responses((status = 302, description = "Redirect to the identity provider (or back to the app with `authError`)")))]
pub async fn login(State(state): State<AppState>, ip: ClientIp) -> Response {
    if let Err(e) = ratelimit::check_ip(&state, Limit::OidcLoginPerIp, &ip).await {
        return fail_to_app(e.code());
    }
    let Some(oidc) = &state.oidc else {
        tracing::warn!("sign-in attempted but OIDC_ISSUER is not configured");
        return fail_to_app(ErrorCode::SsoNotConfigured);
    };
    let (url, pending) = match oidc.begin().await {
        Ok(begun) => begun,
        Err(e) => {
            tracing::error!(error = %e, "cannot start OIDC sign-in");
            return fail_to_app(ErrorCode::ProviderUnavailable);
        }
    };
    if let Err(e) = state
        .redis
        .put_json(
            &realtime::keys::oidc_pending(&pending.state),
            &pending,
            OIDC_LOGIN_TTL_SECONDS,
        )
        .await
    {
        tracing::error!(error = %e, "cannot store the pending sign-in");
        return fail_to_app(ErrorCode::TemporarilyUnavailable);
    }
    let state_cookie = cookie(
        STATE_COOKIE,
        pending.state,
        "/auth",
        SameSite::Lax,
        OIDC_LOGIN_TTL_SECONDS as i64,
    );
    ([(header::SET_COOKIE, state_cookie)], Redirect::to(&url)).into_response()
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CallbackParams {
    code: Option<String>,
    state: Option<String>,
    /// RFC 9207: the issuer that answered.
    iss: Option<String>,
    error: Option<String>,
}

/// The identity provider sends the browser back here; on success the refresh cookie is set and
/// the browser goes to the app, which then asks `/auth/token/refresh` for an access token.
#[utoipa::path(get, path = "/auth/oidc/callback", tag = "auth", params(CallbackParams),
    responses((status = 302, description = "Back to the app, signed in or with `authError`")))]
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<CallbackParams>,
) -> Response {
    let clear_state = cookie(STATE_COOKIE, String::new(), "/auth", SameSite::Lax, 0);
    let outcome = finish_sign_in(&state, &headers, params).await;
    let mut response = match outcome {
        Ok(refresh_cookie) => {
            ([(header::SET_COOKIE, refresh_cookie)], Redirect::to("/")).into_response()
        }
        Err(code) => fail_to_app(code),
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_state);
    response
}

/// Returns the refresh cookie, or the `authError` code to show.
async fn finish_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    params: CallbackParams,
) -> Result<HeaderValue, ErrorCode> {
    if let Some(error) = params.error {
        tracing::info!(%error, "identity provider refused the sign-in");
        return Err(ErrorCode::ProviderRefused);
    }
    let oidc = state.oidc.as_ref().ok_or(ErrorCode::SsoNotConfigured)?;
    let (Some(code), Some(returned_state)) = (params.code, params.state) else {
        return Err(ErrorCode::InvalidCallback);
    };
    // The state must match this browser's cookie (login CSRF), and is usable once.
    if read_cookie(headers, STATE_COOKIE).as_deref() != Some(returned_state.as_str()) {
        return Err(ErrorCode::StateMismatch);
    }
    let pending: PendingLogin = match state
        .redis
        .take_json(&realtime::keys::oidc_pending(&returned_state))
        .await
    {
        Ok(Some(pending)) => pending,
        Ok(None) => return Err(ErrorCode::LoginExpired),
        Err(e) => {
            tracing::error!(error = %e, "cannot read the pending sign-in");
            return Err(ErrorCode::TemporarilyUnavailable);
        }
    };
    let identity = oidc
        .finish(&code, params.iss.as_deref(), &pending)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "OIDC sign-in failed");
            match e {
                auth::OidcError::EmailNotVerified => ErrorCode::EmailNotVerified,
                auth::OidcError::NoEmail => ErrorCode::NoEmail,
                _ => ErrorCode::SignInFailed,
            }
        })?;
    let user = sign_in(state, &identity).await.map_err(|e| {
        tracing::error!(error = ?e, "sign-in could not complete");
        if e.code() == ErrorCode::AccountDeactivated {
            ErrorCode::AccountDeactivated
        } else {
            ErrorCode::SignInFailed
        }
    })?;
    tracing::info!(user = %user.id, "signed in");
    start_session(state, &user).await.map_err(|e| {
        tracing::error!(error = ?e, "cannot create the session");
        ErrorCode::SignInFailed
    })
}

/// Finds or creates the account for `identity`: by provider subject, else by email (linking the
/// subject), else a new account. The first account ever becomes admin, exactly once. Everyone is
/// in #general.
pub async fn sign_in(state: &AppState, identity: &Identity) -> Result<User, ApiError> {
    let users = state.store.users();
    let subject = Subject {
        issuer: &identity.issuer,
        subject: &identity.subject,
    };
    let email = Email::parse(&identity.email)?;
    let user = match users.by_subject(subject).await? {
        Some(user) => user,
        None => match users.by_email(email.as_str()).await? {
            Some(user) => {
                users.link_subject(user.id, subject).await?;
                user
            }
            None => create_account(state, identity, subject, &email).await?,
        },
    };
    if user.status == UserStatus::Deactivated {
        return Err(ApiError::forbidden(
            ErrorCode::AccountDeactivated,
            "this account is deactivated",
        ));
    }
    let user = crate::profile::take_name_from_provider(state, user, identity).await?;
    let channels = state.store.channels();
    let general = channels.ensure_general(user.id).await?;
    let parent = domain::Parent::Channel(general.id);
    if state
        .store
        .memberships()
        .role_of(parent, user.id)
        .await?
        .is_none()
    {
        channels
            .add_member(general.id, user.id, ChannelRole::Member)
            .await?;
    }
    Ok(user)
}

async fn create_account(
    state: &AppState,
    identity: &Identity,
    subject: Subject<'_>,
    email: &Email,
) -> Result<User, ApiError> {
    let users = state.store.users();
    let display_name = DisplayName::from_provider(identity.name.as_deref(), email).into_string();
    let mut claim_admin = !users.first_admin_claimed().await?;
    let mut handle = None;
    let mut handle_attempts = 0;
    loop {
        let role = if claim_admin {
            Role::Admin
        } else {
            Role::Member
        };
        let mut user = new_user(email.as_str(), display_name.clone(), role);
        if let Some(handle) = &handle {
            user.handle.clone_from(handle);
        }
        match users.create(&user, Some(subject), claim_admin).await? {
            Ok(()) => return Ok(user),
            // Someone else became the first admin a moment ago: join as a member.
            Err(CreateConflict::FirstAdminTaken) if claim_admin => claim_admin = false,
            // Someone picked this address's derived handle, or one like it, as theirs: a
            // suffix makes it this account's own (signing in must not fail over it).
            Err(CreateConflict::HandleTaken) if handle_attempts < 3 => {
                handle_attempts += 1;
                let suffix = ulid::Ulid::new().to_string().to_lowercase();
                handle = Some(format!(
                    "{}_{}",
                    domain::user::derived_handle(email.as_str()),
                    &suffix[suffix.len() - 4..]
                ));
            }
            // The same person signing in twice at once: the other attempt made the account.
            Err(_) => {
                let existing = match users.by_subject(subject).await? {
                    Some(user) => Some(user),
                    None => users.by_email(email.as_str()).await?,
                };
                return existing
                    .ok_or_else(|| ApiError::internal("account create conflicted but none found"));
            }
        }
    }
}
