//! Password accounts (guests who came by invite): sign-in with email and password (hashing is
//! `auth::passwords`), and reset by an emailed single-use link. No answer and, as far as cheaply
//! possible, no timing tells whether an address has an account: sign-in verifies against a
//! dummy hash when there is none, and "forgot password" always answers 202 after the same
//! fixed delay.

use domain::ErrorCode;
use std::time::Duration;

use auth::secrets::{hash_token, random_token};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Timestamp;
use domain::api::ApiErrorResponse;
use domain::limits::{PASSWORD_FORGOT_ANSWER_MILLIS, PASSWORD_RESET_TTL_SECONDS};
use domain::passwords::{ForgotPassword, Password, PasswordLogin, ResetPassword, parse_link_token};
use domain::user::{AuthProvider, Email, User, UserStatus};

use crate::extract::JsonBody;
use crate::mail::Mail;
use crate::ratelimit::{self, ClientIp, Limit};
use crate::revocation::revoke_access;
use crate::sessions::{end_all_sessions, start_session};
use crate::{ApiError, AppState};

/// The argon2id PHC string of `password`.
pub async fn hash(password: &Password) -> Result<String, ApiError> {
    auth::passwords::hash(password.expose())
        .await
        .map_err(ApiError::internal)
}

fn invalid_credentials() -> ApiError {
    ApiError::unauthenticated(
        ErrorCode::InvalidCredentials,
        "that email and password do not match an account that signs in with a password",
    )
}

/// Signs in a password account. Unknown addresses, accounts that sign in through the company's
/// identity provider, wrong passwords and deactivated accounts all get the same 401.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = PasswordLogin,
    responses((status = 200, body = User,
        description = "Signed in: the refresh cookie is set; `/auth/token/refresh` gives the access token"),
        (status = 401, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn login(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(request): JsonBody<PasswordLogin>,
) -> Result<Response, ApiError> {
    ratelimit::check_ip(&state, Limit::PasswordLoginPerIp, &ip).await?;
    let email = Email::parse(&request.email);
    // Counted for every address, with an account or not, so the limit tells nothing.
    let counted_as = match &email {
        Ok(email) => email.as_str().to_string(),
        Err(_) => request.email.trim().to_lowercase(),
    };
    ratelimit::check(&state, Limit::PasswordLoginPerEmail, &counted_as).await?;
    let found = match email {
        Ok(email) => state.store.credentials().for_login(email.as_str()).await?,
        Err(_) => None,
    };
    let stored = match &found {
        Some((user, Some(credential))) if user.provider == AuthProvider::Password => {
            Some(credential.password_hash.clone())
        }
        _ => None,
    };
    let matches = auth::passwords::verify(&request.password, stored).await;
    let user = match found {
        Some((user, _)) if matches && user.status == UserStatus::Active => user,
        _ => return Err(invalid_credentials()),
    };
    let cookie = start_session(&state, &user).await?;
    tracing::info!(user = %user.id, "signed in with a password");
    Ok(([(header::SET_COOKIE, cookie)], Json(user)).into_response())
}

/// Mails a single-use reset link when the address belongs to an active password account.
/// Answers 202 either way, no sooner than a fixed delay after the request came in, so neither
/// the answer nor its timing says whether a mail went out. (Sending after answering is not an
/// option: Lambda freezes the container once the answer is out.)
#[utoipa::path(post, path = "/auth/password/forgot", tag = "auth", request_body = ForgotPassword,
    responses((status = 202, description = "A reset link is mailed if the address has a password account"),
        (status = 400, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn forgot(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(request): JsonBody<ForgotPassword>,
) -> Result<StatusCode, ApiError> {
    let answer_at =
        tokio::time::Instant::now() + Duration::from_millis(PASSWORD_FORGOT_ANSWER_MILLIS);
    ratelimit::check_ip(&state, Limit::PasswordForgotPerIp, &ip).await?;
    let email = Email::parse(&request.email)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidEmail, e.message))?;
    // Before looking the address up: known and unknown addresses are limited alike.
    ratelimit::check(&state, Limit::PasswordForgotPerEmail, email.as_str()).await?;
    // A failure is logged, not answered: a 500 only for real accounts would tell them apart.
    if let Err(e) = send_reset_link(&state, &email).await {
        e.log_cause();
    }
    tokio::time::sleep_until(answer_at).await;
    Ok(StatusCode::ACCEPTED)
}

async fn send_reset_link(state: &AppState, email: &Email) -> Result<(), ApiError> {
    let user = match state.store.credentials().for_login(email.as_str()).await? {
        Some((user, Some(_)))
            if user.provider == AuthProvider::Password && user.status == UserStatus::Active =>
        {
            user
        }
        _ => {
            tracing::info!(
                "password reset asked for an address without an active password account"
            );
            return Ok(());
        }
    };
    let token = random_token();
    state
        .store
        .credentials()
        .create_reset(&hash_token(&token), user.id, PASSWORD_RESET_TTL_SECONDS)
        .await?;
    let link = state.config.app_link(&format!("/reset-password/{token}"));
    let workspace = crate::workspace::settings(state).await?.name;
    let mail = Mail {
        to: user.email.clone(),
        subject: format!("Reset your password for {workspace}"),
        text: format!(
            "Someone (hopefully you) asked to reset the password of your {workspace} account.\n\n\
             Choose a new password here:\n{link}\n\n\
             The link works once, for an hour. If you did not ask for this, ignore this mail: \
             your password stays as it is.\n"
        ),
    };
    state.mailer.send(&mail).await.map_err(ApiError::internal)?;
    tracing::info!(user = %user.id, "password reset link sent");
    Ok(())
}

fn reset_link_invalid() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        ErrorCode::ResetLinkInvalid,
        "this reset link no longer works: it was already used, or the password changed since; ask for a new one",
    )
}

/// Sets a new password with the token from a reset link. The link is used up, and every session
/// of the account ends (each device signs in again with the new password).
#[utoipa::path(post, path = "/auth/password/reset", tag = "auth", request_body = ResetPassword,
    responses((status = 204, description = "The password is changed; every session ended"),
        (status = 400, body = ApiErrorResponse), (status = 403, body = ApiErrorResponse),
        (status = 410, body = ApiErrorResponse), (status = 429, body = ApiErrorResponse)))]
pub async fn reset(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(request): JsonBody<ResetPassword>,
) -> Result<StatusCode, ApiError> {
    ratelimit::check_ip(&state, Limit::PasswordResetPerIp, &ip).await?;
    let token = parse_link_token(&request.token)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidToken, e.message))?;
    let password = Password::parse(&request.password)
        .map_err(|e| ApiError::bad_request(ErrorCode::InvalidPassword, e.message))?;
    let token_hash = hash_token(token);
    let credentials = state.store.credentials();
    let reset = credentials
        .reset(&token_hash)
        .await?
        .ok_or_else(reset_link_invalid)?;
    if reset.expires_at <= Timestamp::now() {
        return Err(ApiError::new(
            StatusCode::GONE,
            ErrorCode::ResetLinkExpired,
            "this reset link has expired (links last an hour); ask for a new one",
        ));
    }
    let user = state
        .store
        .users()
        .get(reset.user_id)
        .await?
        .filter(|u| u.provider == AuthProvider::Password)
        .ok_or_else(reset_link_invalid)?;
    if user.status == UserStatus::Deactivated {
        return Err(ApiError::forbidden(
            ErrorCode::AccountDeactivated,
            "this account is deactivated; ask a workspace admin",
        ));
    }
    let password_hash = hash(&password).await?;
    if !credentials
        .reset_password(&token_hash, &reset, &password_hash)
        .await?
    {
        return Err(reset_link_invalid());
    }
    end_all_sessions(&state, user.id).await?;
    revoke_access(&state, user.id).await?;
    tracing::info!(user = %user.id, "password reset");
    Ok(StatusCode::NO_CONTENT)
}
