//! Staying signed in: refresh tokens rotate on every use, a replaced token used again ends its
//! family, logout ends one device and "everywhere" ends them all, and a revocation refuses older
//! access tokens at once and for good, whatever Redis forgets.

use auth::secrets::{hash_token, random_token};
use aws_sdk_dynamodb::types::AttributeValue;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::user::{Role, UserStatus};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::{Person, TestApp, code, spawn_app};

/// What a refresh answered: status, body, and the new refresh token if the cookie was set.
pub struct Refreshed {
    pub status: StatusCode,
    pub body: Value,
    pub cookie: Option<String>,
}

pub async fn refresh(app: &TestApp, token: &str) -> Refreshed {
    cookie_call(app, Method::POST, "/auth/token/refresh", token).await
}

/// Calls `path` with the refresh cookie, from the app's pages.
async fn cookie_call(app: &TestApp, method: Method, path: &str, token: &str) -> Refreshed {
    cookie_call_from(app, method, path, token, Some(crate::APP_ORIGIN), None).await
}

/// Calls `path` with the refresh cookie, from a page of `origin` (none: no `Origin` header),
/// with a `text/plain` body if given (what a form on any site can send without a preflight).
async fn cookie_call_from(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    origin: Option<&str>,
    text: Option<&str>,
) -> Refreshed {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, format!("parley_refresh={token}"));
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    let request = match text {
        Some(text) => request
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(text.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("parley_refresh="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Refreshed {
        status,
        body,
        cookie,
    }
}

/// A signed-in device of `who`: the raw refresh token of a new session.
pub async fn device(app: &TestApp, who: &Person) -> String {
    let token = random_token();
    app.state
        .store
        .sessions()
        .create(&hash_token(&token), who.user.id, 3600)
        .await
        .unwrap();
    token
}

/// Moves a replaced token's replacement time into the past, beyond the grace.
async fn age_replacement(app: &TestApp, token: &str) {
    let store = &app.state.store;
    store
        .client()
        .update_item()
        .table_name(store.table())
        .key(
            "PK",
            AttributeValue::S(store::keys::refresh_token(&hash_token(token))),
        )
        .key("SK", AttributeValue::S(store::keys::META.to_string()))
        .update_expression("SET replacedAt = :then")
        .expression_attribute_values(
            ":then",
            AttributeValue::S("2020-01-01T00:00:00.000Z".into()),
        )
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn every_refresh_rotates_the_token_and_a_late_replay_ends_the_family() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let first = device(&app, &ann).await;

    let one = refresh(&app, &first).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.body["user"]["id"], ann.id());
    let second = one.cookie.expect("a refresh sets a new refresh cookie");
    assert_ne!(second, first);

    // Another tab refreshing with the old cookie at the same moment still gets an access
    // token, and a token of its own in the family, which works too.
    let tab = refresh(&app, &first).await;
    assert_eq!(tab.status, StatusCode::OK, "{}", tab.body);
    let tab = tab.cookie.expect("the tab gets a live token of its own");
    assert_ne!(tab, second);

    // The new token works and rotates in its turn.
    let two = refresh(&app, &second).await;
    assert_eq!(two.status, StatusCode::OK);
    let third = two.cookie.unwrap();

    // The first token, replayed after the grace: a copy. The whole family ends.
    age_replacement(&app, &first).await;
    let replay = refresh(&app, &first).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&replay.body), "session_reused");
    assert_eq!(replay.cookie.as_deref(), Some(""), "the cookie is cleared");
    for token in [&third, &tab] {
        let owner = refresh(&app, token).await;
        assert_eq!(owner.status, StatusCode::UNAUTHORIZED);
        assert_eq!(code(&owner.body), "not_signed_in");
    }
}

/// The access token a refresh with `token` gives, as a person, and the next refresh token.
async fn signed_in(app: &TestApp, who: &Person, token: &str) -> (Person, String) {
    let answer = refresh(app, token).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let person = Person {
        token: answer.body["accessToken"].as_str().unwrap().to_string(),
        ..who.clone()
    };
    (person, answer.cookie.unwrap())
}

/// What Redis holds of `who`'s revocations is gone, as after a restart or an expiry.
async fn redis_forgets(app: &TestApp, who: &Person) {
    app.state
        .redis
        .forget_cached_revocations(who.user.id)
        .await
        .unwrap();
}

async fn me(app: &TestApp, who: &Person) -> (StatusCode, String) {
    let (status, body) = app.get("/api/v1/users/me", who).await;
    (status, code(&body).to_string())
}

#[tokio::test]
async fn an_answer_lost_on_the_way_is_asked_again_without_crying_theft() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let first = device(&app, &ann).await;
    // The rotation happened, but the answer (and its cookie) never reached the browser.
    let lost = refresh(&app, &first).await;
    assert_eq!(lost.status, StatusCode::OK);

    // The browser asks again with the cookie it still has: it goes on, with a token that keeps
    // working after the grace, and nothing ends.
    let (_, kept) = signed_in(&app, &ann, &first).await;
    age_replacement(&app, &first).await;
    let (after, next) = signed_in(&app, &ann, &kept).await;
    assert_eq!(me(&app, &after).await.0, StatusCode::OK);
    assert_eq!(refresh(&app, &next).await.status, StatusCode::OK);
}

#[tokio::test]
async fn logging_out_ends_this_devices_access_tokens_and_no_other() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let (laptop, laptop_cookie) = signed_in(&app, &ann, &device(&app, &ann).await).await;
    let (phone, _) = signed_in(&app, &ann, &device(&app, &ann).await).await;

    let out = cookie_call(&app, Method::POST, "/auth/logout", &laptop_cookie).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        me(&app, &laptop).await,
        (StatusCode::UNAUTHORIZED, "session_revoked".into())
    );
    assert_eq!(
        me(&app, &phone).await.0,
        StatusCode::OK,
        "the phone stays in"
    );
    // Still refused once Redis has forgotten everything it knew.
    redis_forgets(&app, &ann).await;
    assert_eq!(me(&app, &laptop).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &phone).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_family_ended_as_stolen_ends_its_access_tokens_too() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let first = device(&app, &ann).await;
    let (thief, second) = signed_in(&app, &ann, &first).await;
    let (owner, _) = signed_in(&app, &ann, &second).await;
    age_replacement(&app, &first).await;
    assert_eq!(code(&refresh(&app, &first).await.body), "session_reused");
    for who in [&thief, &owner] {
        assert_eq!(
            me(&app, who).await,
            (StatusCode::UNAUTHORIZED, "session_revoked".into())
        );
    }
}

#[tokio::test]
async fn a_revocation_holds_after_redis_forgets_it_and_a_later_one_cannot_undo_it() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let laptop = device(&app, &ann).await;
    let (old, laptop) = signed_in(&app, &ann, &laptop).await;
    api::revoke_access(&app.state, ann.user.id).await.unwrap();
    // What the old counter got wrong: its key expired (or Redis restarted), the next
    // revocation counted from zero again, and tokens of the earlier window came back.
    redis_forgets(&app, &ann).await;
    assert_eq!(me(&app, &old).await.0, StatusCode::UNAUTHORIZED);
    let (between, laptop) = signed_in(&app, &ann, &laptop).await;
    assert_eq!(me(&app, &between).await.0, StatusCode::OK);
    api::revoke_access(&app.state, ann.user.id).await.unwrap();
    redis_forgets(&app, &ann).await;
    for token in [&old, &between] {
        assert_eq!(
            me(&app, token).await,
            (StatusCode::UNAUTHORIZED, "session_revoked".into())
        );
    }
    let (fresh, _) = signed_in(&app, &ann, &laptop).await;
    assert_eq!(me(&app, &fresh).await.0, StatusCode::OK);
}

#[tokio::test]
async fn logout_ends_this_device_and_everywhere_ends_all_of_them() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let laptop = device(&app, &ann).await;
    let phone = device(&app, &ann).await;
    let laptop = refresh(&app, &laptop).await.cookie.unwrap();

    let out = cookie_call(&app, Method::POST, "/auth/logout", &laptop).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        refresh(&app, &laptop).await.status,
        StatusCode::UNAUTHORIZED
    );
    let phone_answer = refresh(&app, &phone).await;
    assert_eq!(phone_answer.status, StatusCode::OK, "the phone stays in");
    let phone = phone_answer.cookie.unwrap();
    let tablet = device(&app, &ann).await;

    // Everywhere: both remaining devices, and the access token used to ask.
    let (status, _) = app.delete("/api/v1/users/me/sessions", &ann).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for token in [&phone, &tablet] {
        assert_eq!(refresh(&app, token).await.status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app.get("/api/v1/users/me", &ann).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "session_revoked");
}

#[tokio::test]
async fn a_revocation_refuses_older_access_tokens_and_a_refresh_gets_a_good_one() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let laptop = device(&app, &ann).await;
    api::revoke_access(&app.state, ann.user.id).await.unwrap();

    let (status, body) = app.get("/api/v1/users/me", &ann).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "session_revoked")
    );
    let (status, _) = app.get("/api/v1/users/me", &bob).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "someone else's tokens are untouched"
    );

    // The session itself is still good: a refresh gives a token of the new epoch.
    let fresh = refresh(&app, &laptop).await;
    assert_eq!(fresh.status, StatusCode::OK);
    let renewed = Person {
        token: fresh.body["accessToken"].as_str().unwrap().to_string(),
        ..ann.clone()
    };
    let (status, _) = app.get("/api/v1/users/me", &renewed).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_deactivated_account_cannot_refresh() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let laptop = device(&app, &ann).await;
    app.state
        .store
        .users()
        .set_status(ann.user.id, UserStatus::Deactivated)
        .await
        .unwrap();
    let answer = refresh(&app, &laptop).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&answer.body), "account_deactivated");
}

#[tokio::test]
async fn refresh_without_a_cookie_or_with_a_forged_one_signs_nobody_in() {
    let app = spawn_app().await;
    for token in ["", "forged", &random_token()] {
        let answer = refresh(&app, token).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{token}");
        assert_eq!(code(&answer.body), "not_signed_in");
    }
}

#[tokio::test]
async fn only_the_apps_own_pages_refresh_or_sign_out_with_the_cookie() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let token = device(&app, &ann).await;
    let foreign = [
        Some("https://evil.example"),
        Some("http://localhost:3001"),
        Some("https://localhost:3000"),
        Some("null"),
        None,
    ];
    for path in ["/auth/token/refresh", "/auth/logout"] {
        for origin in foreign {
            for text in [None, Some("{}")] {
                let answer = cookie_call_from(&app, Method::POST, path, &token, origin, text).await;
                assert_eq!(
                    answer.status,
                    StatusCode::FORBIDDEN,
                    "{path} from {origin:?}: {}",
                    answer.body
                );
                assert_eq!(code(&answer.body), "forbidden_origin");
                let message = answer.body["error"]["message"].as_str().unwrap();
                assert!(message.contains(crate::APP_ORIGIN), "{message}");
                assert_eq!(answer.cookie, None, "nothing rotated or cleared");
            }
        }
    }
    // The session was neither rotated nor ended: from the app it refreshes, then signs out.
    let from_app = refresh(&app, &token).await;
    assert_eq!(from_app.status, StatusCode::OK, "{}", from_app.body);
    let rotated = from_app.cookie.unwrap();
    let out = cookie_call(&app, Method::POST, "/auth/logout", &rotated).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        refresh(&app, &rotated).await.status,
        StatusCode::UNAUTHORIZED
    );
}
