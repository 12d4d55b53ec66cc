//! Staying signed in, and being cut off. A sign-in starts a refresh session (an HttpOnly cookie
//! holding a random token, stored only as a hash); every refresh rotates that token, and a
//! replaced token presented again after a short grace ends the whole family (someone holds a
//! copy). Access tokens are short and carry their session family and issue time, so a
//! revocation (`crate::revocation`) ends them at once.

use auth::refresh::{Replay, replay};
use auth::secrets::{hash_token, random_token};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cookie::SameSite;
use domain::ErrorCode;
use domain::api::TokenResponse;
use domain::limits::REFRESH_TOKEN_TTL_SECONDS;
use domain::revocation::Grant;
use domain::user::{User, UserStatus};
use domain::{Timestamp, UserId};
use store::sessions::{Rotation, Session};

use crate::cookies::{cookie, read_cookie};
use crate::extract::Caller;
use crate::{ApiError, AppState};

const REFRESH_COOKIE: &str = "parley_refresh";
/// The refresh cookie goes only to the auth routes.
const REFRESH_PATH: &str = "/auth";

fn refresh_cookie(token: String) -> HeaderValue {
    cookie(
        REFRESH_COOKIE,
        token,
        REFRESH_PATH,
        SameSite::Strict,
        REFRESH_TOKEN_TTL_SECONDS,
    )
}

fn cleared_refresh_cookie() -> HeaderValue {
    cookie(
        REFRESH_COOKIE,
        String::new(),
        REFRESH_PATH,
        SameSite::Strict,
        0,
    )
}

/// A new refresh session (a new family) for `user`; returns its cookie.
pub async fn start_session(state: &AppState, user: &User) -> Result<HeaderValue, ApiError> {
    let token = random_token();
    state
        .store
        .sessions()
        .create(&hash_token(&token), user.id, REFRESH_TOKEN_TTL_SECONDS)
        .await?;
    Ok(refresh_cookie(token))
}

/// Ends every refresh session of `user`: no device can refresh any more.
pub async fn end_all_sessions(state: &AppState, user: UserId) -> Result<(), ApiError> {
    let ended = state.store.sessions().end_all(user).await?;
    tracing::info!(%user, ended, "all sessions ended");
    Ok(())
}

fn not_signed_in() -> ApiError {
    ApiError::unauthenticated(ErrorCode::NotSignedIn, "sign in first")
}

/// An error answer that also clears the refresh cookie (it is of no more use).
fn refused(error: ApiError) -> Response {
    let mut response = error.into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, cleared_refresh_cookie());
    response
}

/// A fresh access token for the session in the refresh cookie, which is rotated.
#[utoipa::path(post, path = "/auth/token/refresh", tag = "auth",
    responses((status = 200, body = TokenResponse,
        description = "A new access token; the refresh cookie is replaced"),
        (status = 401, body = domain::api::ApiErrorResponse)))]
pub async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match rotate(&state, &headers).await {
        Ok((answer, cookie)) => {
            let mut response = axum::Json(answer).into_response();
            response.headers_mut().append(header::SET_COOKIE, cookie);
            response
        }
        Err(e) if e.status() == StatusCode::UNAUTHORIZED => refused(e),
        Err(e) => e.into_response(),
    }
}

/// The access token, and the refresh cookie that replaces the one presented. Every read
/// that can fail comes before the rotation, which consumes the old token; after it only the
/// signing is left, which cannot fail for want of a dependency. So a dependency failing never
/// leaves the client holding a consumed token (whose next use would look like theft).
async fn rotate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(TokenResponse, HeaderValue), ApiError> {
    // Taken before the user is read: a revocation landing after this moment refuses the token,
    // so a role read before it cannot outlive it.
    let started_ms = crate::revocation::now_ms();
    let token = read_cookie(headers, REFRESH_COOKIE).ok_or_else(not_signed_in)?;
    let hash = hash_token(&token);
    let sessions = state.store.sessions();
    let session = sessions.get(&hash).await?.ok_or_else(not_signed_in)?;
    // Read before the user: a cut-off seen here was recorded after any role change it follows.
    let revocations = crate::revocation::current(state, session.user_id).await?;
    let user = state
        .store
        .users()
        .get(session.user_id)
        .await?
        .ok_or_else(not_signed_in)?;
    if user.status == UserStatus::Deactivated {
        return Err(ApiError::unauthenticated(
            ErrorCode::AccountDeactivated,
            "this account is deactivated; ask an admin",
        ));
    }
    let next = random_token();
    let next_hash = hash_token(&next);
    let rotated = match session.replaced_at {
        None => {
            sessions
                .rotate(&hash, &session, &next_hash, REFRESH_TOKEN_TTL_SECONDS)
                .await?
        }
        Some(at) => Rotation::AlreadyReplaced(at),
    };
    match rotated {
        Rotation::Rotated(_) => {}
        Rotation::AlreadyReplaced(at) => {
            replaced_token(state, &session, at).await?;
            sessions
                .branch(&session, &next_hash, REFRESH_TOKEN_TTL_SECONDS)
                .await?;
        }
        Rotation::Unknown => return Err(not_signed_in()),
    }
    let cookie = refresh_cookie(next);
    let grant = Grant {
        family: session.family_id.clone(),
        issued_ms: revocations.issue_time_ms(started_ms),
    };
    let (access_token, expires_in) = state
        .tokens
        .issue(&user, &grant)
        .map_err(ApiError::internal)?;
    Ok((
        TokenResponse {
            access_token,
            expires_in,
            user: user.as_of(Timestamp::now()),
        },
        cookie,
    ))
}

/// A token that was already rotated away: the same device goes on; a copy ends the family
/// (`auth::refresh`).
async fn replaced_token(
    state: &AppState,
    session: &Session,
    replaced_at: Timestamp,
) -> Result<(), ApiError> {
    if replay(replaced_at, Timestamp::now()) == Replay::SameDevice {
        return Ok(());
    }
    let ended = crate::revocation::end_family(state, session.user_id, &session.family_id).await?;
    tracing::warn!(
        user = %session.user_id,
        family = %session.family_id,
        ended,
        "a replaced refresh token was used again; its session family is ended"
    );
    Err(ApiError::unauthenticated(
        ErrorCode::SessionReused,
        "this session was used from somewhere else and has been ended; sign in again",
    ))
}

/// Signs this device out: its session family ends (with the access tokens it issued and the
/// sockets it opened) and the cookie is cleared.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = read_cookie(&headers, REFRESH_COOKIE) {
        let sessions = state.store.sessions();
        if let Some(session) = sessions.get(&hash_token(&token)).await? {
            crate::revocation::end_family(&state, session.user_id, &session.family_id).await?;
        }
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cleared_refresh_cookie())],
    )
        .into_response())
}

/// Signs the caller out everywhere: every session ends, every access token is refused from
/// now on, and every open connection closes.
#[utoipa::path(delete, path = "/api/v1/users/me/sessions", tag = "auth",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = domain::api::ApiErrorResponse)))]
pub async fn logout_everywhere(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, ApiError> {
    end_all_sessions(&state, caller.id).await?;
    crate::revocation::revoke_access(&state, caller.id).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cleared_refresh_cookie())],
    )
        .into_response())
}
