//! Password accounts (guests who came by invite): argon2id hashing, sign-in with email and
//! password, and reset by an emailed single-use link. No answer and, as far as cheaply
//! possible, no timing tells whether an address has an account: sign-in verifies against a
//! dummy hash when there is none, and "forgot password" always answers 202 after the same
//! fixed delay.

use domain::ErrorCode;
use std::time::Duration;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Timestamp;
use domain::api::ApiErrorResponse;
use domain::limits::{PASSWORD_FORGOT_ANSWER_MILLIS, PASSWORD_RESET_TTL_SECONDS};
use domain::passwords::{ForgotPassword, Password, PasswordLogin, ResetPassword, parse_link_token};
use domain::token::{hash_token, random_token};
use domain::user::{AuthProvider, Email, User, UserStatus};

use crate::extract::JsonBody;
use crate::mail::Mail;
use crate::ratelimit::{self, ClientIp, Limit};
use crate::revocation::revoke_access;
use crate::sessions::{end_all_sessions, start_session};
use crate::{ApiError, AppState};

fn hash_now(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

/// What a sign-in for an address without a password account is checked against, so it costs
/// what a real check costs: an argon2id hash with the parameters `hash_now` uses (a test holds
/// them equal). Written out rather than computed at start, so no function pays ~60 ms of
/// hashing while it starts; no password is accepted against it, since a sign-in without an
/// account fails whatever the check says.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$iuQEui6PxdnCv/qDriQZAw$Rq1K8jzfRkVhnO4ge4oRImfYPu30QPa8XQASBjyEXFQ";

/// The argon2id PHC string of `password` (default parameters, a random salt). Runs off the
/// async threads: hashing is deliberately slow.
pub async fn hash(password: &Password) -> Result<String, ApiError> {
    let password = password.expose().to_string();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// Whether `password` matches the PHC string `stored`. With no stored hash it checks against
/// the dummy all the same, and answers `false`.
async fn verify(password: &str, stored: Option<String>) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let matches = <Argon2 as PasswordVerifier<str>>::verify_password(
            &Argon2::default(),
            password.as_bytes(),
            &phc,
        )
        .is_ok();
        matches && real
    })
    .await
    .unwrap_or(false)
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
    let matches = verify(&request.password, stored).await;
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

#[cfg(test)]
mod tests {
    use argon2::PasswordHash;

    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash_now("a password").unwrap();
        let (real, dummy) = (
            PasswordHash::new(&real).unwrap(),
            PasswordHash::new(DUMMY_HASH).unwrap(),
        );
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(
            dummy.hash.map(|h| h.len()),
            real.hash.map(|h| h.len()),
            "the same output length"
        );
    }
}
