//! Rate limits on the way in: password sign-in (per client and per account), starting SSO,
//! invite links, forgotten passwords and password resets.

use axum::http::{Method, StatusCode, header};
use domain::user::Role;
use serde_json::{Value, json};

use super::{
    Answer, PLENTY, app_with, assert_limited, assert_not_limited, at_most, fresh_ip, post, send,
};
use crate::invites::{address, guest};

fn login_body(email: &str) -> Value {
    json!({"email": email, "password": "not the password"})
}

#[tokio::test]
async fn password_sign_in_is_limited_per_address_of_the_client() {
    let app = app_with(|l| {
        l.password_login_per_ip = at_most(3);
        l.password_login_per_email = PLENTY;
    })
    .await;
    let ip = fresh_ip();
    for _ in 0..3 {
        let answer = post(&app, "/auth/login", &ip, login_body(&address("x"))).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    }
    assert_limited(
        &post(&app, "/auth/login", &ip, login_body(&address("x"))).await,
        60,
    );
    // Another client is not affected.
    let other = post(&app, "/auth/login", &fresh_ip(), login_body(&address("x"))).await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn one_account_sprayed_from_many_addresses_trips_too_known_or_not() {
    let app = app_with(|l| {
        l.password_login_per_ip = PLENTY;
        l.password_login_per_email = at_most(2);
    })
    .await;
    let admin = app.person("Ada", Role::Admin).await;
    let real = guest(&app, &admin).await;
    let unknown = address("nobody");
    for email in [&real.email, &unknown] {
        for _ in 0..2 {
            let answer = post(&app, "/auth/login", &fresh_ip(), login_body(email)).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
        }
        // The same answer whether or not the address has an account, in any letter case.
        let over = post(
            &app,
            "/auth/login",
            &fresh_ip(),
            login_body(&email.to_uppercase()),
        )
        .await;
        assert_limited(&over, 60);
    }
    // Even the right password waits: the limit comes before the check.
    let right = json!({"email": real.email, "password": real.password});
    assert_limited(&post(&app, "/auth/login", &fresh_ip(), right).await, 60);
    // Another account is not affected.
    let other = post(&app, "/auth/login", &fresh_ip(), login_body(&address("y"))).await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn starting_sso_sign_in_is_limited_and_sends_the_browser_back_to_say_so() {
    let app = app_with(|l| l.oidc_login_per_ip = at_most(1)).await;
    let ip = fresh_ip();
    let location = |answer: &Answer| {
        assert!(answer.status.is_redirection(), "{}", answer.status);
        answer.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string()
    };
    // The test app has no identity provider: the first start is told that, the next is limited.
    let first = send(&app, Method::GET, "/auth/oidc/login", &ip, None, &[]).await;
    assert_eq!(location(&first), "/?authError=sso_not_configured");
    let second = send(&app, Method::GET, "/auth/oidc/login", &ip, None, &[]).await;
    assert_eq!(location(&second), "/?authError=rate_limited");
    let other = send(
        &app,
        Method::GET,
        "/auth/oidc/login",
        &fresh_ip(),
        None,
        &[],
    )
    .await;
    assert_eq!(location(&other), "/?authError=sso_not_configured");
}

#[tokio::test]
async fn invite_previews_and_acceptances_share_one_limit_per_client() {
    let app = app_with(|l| l.invite_per_ip = at_most(2)).await;
    let ip = fresh_ip();
    let token = json!({"token": "a".repeat(43)});
    let accept =
        json!({"token": "a".repeat(43), "displayName": "Gus", "password": "long enough password"});
    let preview = post(&app, "/auth/invite/preview", &ip, token.clone()).await;
    assert_eq!(preview.status, StatusCode::GONE, "{}", preview.body);
    let accepted = post(&app, "/auth/invite/accept", &ip, accept.clone()).await;
    assert_eq!(accepted.status, StatusCode::GONE, "{}", accepted.body);
    assert_limited(
        &post(&app, "/auth/invite/preview", &ip, token.clone()).await,
        60,
    );
    assert_limited(&post(&app, "/auth/invite/accept", &ip, accept).await, 60);
    assert_not_limited(&post(&app, "/auth/invite/preview", &fresh_ip(), token).await);
}

#[tokio::test]
async fn forgot_password_is_limited_per_client_and_per_address_known_or_not() {
    let app = app_with(|l| {
        l.password_forgot_per_ip = at_most(2);
        l.password_forgot_per_email = at_most(1);
    })
    .await;
    let admin = app.person("Ada", Role::Admin).await;
    let real = guest(&app, &admin).await;
    let forgot = |email: &str| json!({"email": email});

    // Per address, from different clients: a second ask is limited, account or not.
    for email in [real.email.clone(), address("nobody")] {
        let first = post(&app, "/auth/password/forgot", &fresh_ip(), forgot(&email)).await;
        assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.body);
        let again = post(&app, "/auth/password/forgot", &fresh_ip(), forgot(&email)).await;
        assert_limited(&again, 60);
    }

    // Per client, for different addresses.
    let ip = fresh_ip();
    for _ in 0..2 {
        let answer = post(&app, "/auth/password/forgot", &ip, forgot(&address("z"))).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED);
    }
    assert_limited(
        &post(&app, "/auth/password/forgot", &ip, forgot(&address("z"))).await,
        60,
    );
}

#[tokio::test]
async fn password_resets_are_limited_per_client() {
    let app = app_with(|l| l.password_reset_per_ip = at_most(2)).await;
    let ip = fresh_ip();
    let reset = json!({"token": "b".repeat(43), "password": "long enough password"});
    for _ in 0..2 {
        let answer = post(&app, "/auth/password/reset", &ip, reset.clone()).await;
        assert_eq!(answer.status, StatusCode::GONE, "{}", answer.body);
    }
    assert_limited(
        &post(&app, "/auth/password/reset", &ip, reset.clone()).await,
        60,
    );
    let other = post(&app, "/auth/password/reset", &fresh_ip(), reset).await;
    assert_eq!(other.status, StatusCode::GONE);
}
