//! Guests' passwords: sign-in, and reset by a mailed single-use link. Nothing in the answers
//! tells whether an address has an account.

use std::time::{Duration, Instant};

use auth::secrets::{hash_token, random_token};
use axum::http::StatusCode;
use domain::user::{Role, UserStatus};
use serde_json::{Value, json};

use crate::invites::{address, guest, link_token, mails_to, post_public, refresh};
use crate::{TestApp, code, spawn_app};

async fn login(app: &TestApp, email: &str, password: &str) -> crate::invites::Answer {
    post_public(
        app,
        "/auth/login",
        json!({"email": email, "password": password}),
        None,
    )
    .await
}

async fn forgot(app: &TestApp, email: &str) -> (StatusCode, Value, Duration) {
    let started = Instant::now();
    let answer = post_public(app, "/auth/password/forgot", json!({"email": email}), None).await;
    (answer.status, answer.body, started.elapsed())
}

async fn reset(app: &TestApp, token: &str, password: &str) -> crate::invites::Answer {
    post_public(
        app,
        "/auth/password/reset",
        json!({"token": token, "password": password}),
        None,
    )
    .await
}

/// The token of the latest reset link mailed to `email`.
async fn reset_token(email: &str) -> String {
    let mails = mails_to(email).await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m["BodyText"].as_str().unwrap().contains("/reset-password/"))
        .expect("a reset link was mailed");
    link_token(mail["BodyText"].as_str().unwrap(), "/reset-password/")
}

#[tokio::test]
async fn guests_sign_in_with_their_password_and_nobody_else_does() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let guest = guest(&app, &admin).await;

    let ok = login(&app, &guest.email.to_uppercase(), &guest.password).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["id"], guest.person.id());
    let signed_in = refresh(&app, &ok.cookie.unwrap()).await.ok().unwrap();
    assert_eq!(signed_in.user.id, guest.person.user.id);
    let (status, _) = app.get("/api/v1/users/me", &signed_in).await;
    assert_eq!(status, StatusCode::OK);

    let deactivated = crate::invites::guest(&app, &admin).await;
    app.state
        .store
        .users()
        .set_status(deactivated.person.user.id, UserStatus::Deactivated)
        .await
        .unwrap();

    let refusals = [
        login(&app, &guest.email, "not the password").await,
        login(&app, &guest.email, "").await,
        login(&app, &address("nobody"), &guest.password).await,
        login(&app, "not an address", &guest.password).await,
        // An SSO account has no password.
        login(&app, &admin.user.email, &guest.password).await,
        login(&app, &deactivated.email, &deactivated.password).await,
    ];
    let first = &refusals[0];
    assert_eq!(first.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&first.body), "invalid_credentials");
    for refusal in &refusals {
        assert_eq!(refusal.status, first.status);
        assert_eq!(refusal.body, first.body);
        assert!(refusal.cookie.is_none());
    }
}

#[tokio::test]
async fn forgot_password_answers_alike_whether_or_not_the_address_has_an_account() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let guest = guest(&app, &admin).await;
    let nobody = address("nobody");

    let (known_status, known_body, known_took) = forgot(&app, &guest.email).await;
    let (unknown_status, unknown_body, unknown_took) = forgot(&app, &nobody).await;
    let (sso_status, sso_body, _) = forgot(&app, &admin.user.email).await;
    assert_eq!(known_status, StatusCode::ACCEPTED);
    assert_eq!((unknown_status, &unknown_body), (known_status, &known_body));
    assert_eq!((sso_status, &sso_body), (known_status, &known_body));
    // Both wait out the same floor, so the mail's cost does not show.
    let floor = Duration::from_millis(domain::limits::PASSWORD_FORGOT_ANSWER_MILLIS);
    assert!(known_took >= floor && unknown_took >= floor);

    assert!(mails_to(&nobody).await.is_empty());
    assert!(mails_to(&admin.user.email).await.is_empty());
    let token = reset_token(&guest.email).await;
    assert_eq!(token.len(), 43);

    let (status, body, _) = forgot(&app, "not an address").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "invalid_email");
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let guest = guest(&app, &admin).await;
    // A second device, signed in with the old password.
    let other_device = login(&app, &guest.email, &guest.password)
        .await
        .cookie
        .unwrap();

    forgot(&app, &guest.email).await;
    let token = reset_token(&guest.email).await;
    let short = reset(&app, &token, "short").await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&short.body), "invalid_password");

    let done = reset(&app, &token, "a brand new password").await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    assert!(done.cookie.is_none());

    // Every session ended: refresh cookies and live access tokens alike.
    for cookie in [&guest.cookie, &other_device] {
        let refused = refresh(&app, cookie).await.err().unwrap();
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = app.get("/api/v1/users/me", &guest.person).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let old = login(&app, &guest.email, &guest.password).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = login(&app, &guest.email, "a brand new password").await;
    assert_eq!(new.status, StatusCode::OK);

    let again = reset(&app, &token, "yet another password").await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(code(&again.body), "reset_link_invalid");
    assert_eq!(
        login(&app, &guest.email, "a brand new password")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_reset_link_stops_working_when_it_expires_or_the_password_changed_since() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let guest = guest(&app, &admin).await;
    let credentials = app.state.store.credentials();

    let expired = random_token();
    credentials
        .create_reset(&hash_token(&expired), guest.person.user.id, -1)
        .await
        .unwrap();
    let answer = reset(&app, &expired, "a brand new password").await;
    assert_eq!(answer.status, StatusCode::GONE);
    assert_eq!(code(&answer.body), "reset_link_expired");

    forgot(&app, &guest.email).await;
    let older = reset_token(&guest.email).await;
    forgot(&app, &guest.email).await;
    let newer = reset_token(&guest.email).await;
    assert_ne!(older, newer);
    assert_eq!(
        reset(&app, &newer, "a brand new password").await.status,
        StatusCode::NO_CONTENT
    );
    let stale = reset(&app, &older, "someone else's password").await;
    assert_eq!(stale.status, StatusCode::GONE);
    assert_eq!(code(&stale.body), "reset_link_invalid");

    for bad in ["", "a/b", &"x".repeat(129)] {
        let answer = reset(&app, bad, "a brand new password").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(code(&answer.body), "invalid_token");
    }
    let unknown = reset(&app, &random_token(), "a brand new password").await;
    assert_eq!(unknown.status, StatusCode::GONE);
    assert_eq!(code(&unknown.body), "reset_link_invalid");
}

#[tokio::test]
async fn a_deactivated_guest_gets_no_reset_link_and_cannot_use_one() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let guest = guest(&app, &admin).await;
    forgot(&app, &guest.email).await;
    let token = reset_token(&guest.email).await;
    app.state
        .store
        .users()
        .set_status(guest.person.user.id, UserStatus::Deactivated)
        .await
        .unwrap();
    let before = mails_to(&guest.email).await.len();
    forgot(&app, &guest.email).await;
    assert_eq!(mails_to(&guest.email).await.len(), before);
    let answer = reset(&app, &token, "a brand new password").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(code(&answer.body), "account_deactivated");
}
