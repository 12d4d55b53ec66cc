//! Hardening: rate limits (counted in the real Redis) on sign-in, invites, password reset,
//! WebSocket tickets and sends; security headers on every kind of answer; CORS for the app's
//! origin only. Requests carry the HTTP API's request context, as lambda_http hands them to the router, so
//! the client address is the one Lambda would see.

use std::time::Duration;

use api::{AppState, RateLimits};
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use config::Config;
use domain::limits::RateLimit;
use domain::user::Role;
use http_body_util::BodyExt;
use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;
use lambda_http::request::RequestContext;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::invites::{address, guest};
use crate::{TestApp, code, spawn_app};

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

/// A client address no other test (or earlier run) uses: the counters live in a shared Redis.
fn fresh_ip() -> String {
    let n = ulid::Ulid::new().random();
    format!(
        "2001:db8:{:x}:{:x}::{:x}",
        (n >> 48) & 0xffff,
        (n >> 32) & 0xffff,
        n & 0xffff
    )
}

/// Calls the router as API Gateway's HTTP API would, from `ip`, with extra `headers`.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    ip: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.http.source_ip = Some(ip.to_string());
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    request
        .extensions_mut()
        .insert(RequestContext::ApiGatewayV2(context));
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

async fn post(app: &TestApp, path: &str, ip: &str, body: Value) -> Answer {
    send(app, Method::POST, path, ip, Some(body), &[]).await
}

/// An app with `limits` in force.
async fn app_with(adjust: impl FnOnce(&mut RateLimits)) -> TestApp {
    let mut app = spawn_app().await;
    adjust(&mut app.state.rate_limits);
    app.router = api::router(app.state.clone());
    app
}

const PLENTY: RateLimit = RateLimit {
    max: 1000,
    window_seconds: 60,
};

fn at_most(max: u32) -> RateLimit {
    RateLimit {
        max,
        window_seconds: 60,
    }
}

/// A 429 `rate_limited` with a message and a `Retry-After` within the window.
fn assert_limited(answer: &Answer, window_seconds: u64) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    assert_eq!(code(&answer.body), "rate_limited");
    let message = answer.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("Try again in"), "{message}");
    let retry_after: u64 = answer.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=window_seconds).contains(&retry_after),
        "Retry-After {retry_after}"
    );
}

fn assert_not_limited(answer: &Answer) {
    assert_ne!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
}

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

#[tokio::test]
async fn tickets_are_limited_per_user_and_the_limit_ends_with_its_window() {
    let app = app_with(|l| {
        l.ws_ticket_per_user = RateLimit {
            max: 2,
            window_seconds: 2,
        }
    })
    .await;
    let alice = app.person("Alice", Role::Member).await;
    let bob = app.person("Bob", Role::Member).await;
    let ticket = |who: &crate::Person| {
        let auth = format!("Bearer {}", who.token);
        let app = &app;
        async move {
            send(
                app,
                Method::POST,
                "/api/v1/ws/ticket",
                "198.51.100.7",
                None,
                &[("authorization", &auth)],
            )
            .await
        }
    };
    for _ in 0..2 {
        assert_eq!(ticket(&alice).await.status, StatusCode::OK);
    }
    let over = ticket(&alice).await;
    assert_limited(&over, 2);
    assert_eq!(
        ticket(&bob).await.status,
        StatusCode::OK,
        "Bob is not affected"
    );

    // Once the window it gave has passed, tickets come again.
    let retry_after: u64 = over.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    assert_eq!(ticket(&alice).await.status, StatusCode::OK);
}

const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

fn assert_security_headers(answer: &Answer, production: bool, what: &str) {
    let h = &answer.headers;
    assert_eq!(h[header::CONTENT_SECURITY_POLICY], API_CSP, "{what}");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{what}");
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{what}");
    match h.get(header::STRICT_TRANSPORT_SECURITY) {
        Some(hsts) if production => {
            assert_eq!(hsts, "max-age=63072000; includeSubDomains", "{what}")
        }
        None if !production => {}
        other => panic!("{what}: HSTS {other:?} with production={production}"),
    }
}

/// A 200, a 4xx, a 404 and a redirect.
async fn every_kind_of_answer(app: &TestApp) -> Vec<(&'static str, Answer)> {
    let ip = fresh_ip();
    let ok = send(app, Method::GET, "/healthz", &ip, None, &[]).await;
    assert_eq!(ok.status, StatusCode::OK);
    let refused = send(app, Method::GET, "/api/v1/users/me", &ip, None, &[]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let missing = send(app, Method::GET, "/api/v1/no-such-thing", &ip, None, &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let redirect = send(app, Method::GET, "/auth/oidc/login", &ip, None, &[]).await;
    assert!(redirect.status.is_redirection(), "{}", redirect.status);
    vec![
        ("200", ok),
        ("401", refused),
        ("404", missing),
        ("redirect", redirect),
    ]
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_hsts_only_in_production() {
    let app = spawn_app().await;
    for (what, answer) in every_kind_of_answer(&app).await {
        assert_security_headers(&answer, false, what);
    }

    let vars = [
        ("ENV", "production".to_string()),
        ("BASE_URL", "https://chat.example.com".to_string()),
        (
            "JWT_SECRET",
            "a-production-secret-for-the-headers-test-0123456789".to_string(),
        ),
        ("DYNAMODB_TABLE", app.state.store.table().to_string()),
        (
            "DYNAMODB_ENDPOINT",
            std::env::var("DYNAMODB_ENDPOINT").unwrap(),
        ),
        ("REDIS_URL", std::env::var("REDIS_URL").unwrap()),
        ("WS_URL", "wss://ws.example.com/prod".to_string()),
    ];
    let config =
        Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))
            .unwrap();
    let state = AppState::new(config).await.unwrap();
    let production = TestApp {
        router: api::router(state.clone()),
        state,
    };
    for (what, answer) in every_kind_of_answer(&production).await {
        assert_security_headers(&answer, true, what);
    }
}

fn cors_headers(answer: &Answer) -> Vec<String> {
    answer
        .headers
        .keys()
        .map(|name| name.as_str().to_string())
        .filter(|name| name.starts_with("access-control-"))
        .collect()
}

#[tokio::test]
async fn cors_answers_the_apps_origin_only() {
    let app = spawn_app().await;
    let person = app.person("Alice", Role::Member).await;
    let auth = format!("Bearer {}", person.token);
    let ours = "http://localhost:3000";
    let preflight = |origin: &'static str| {
        let app = &app;
        async move {
            send(
                app,
                Method::OPTIONS,
                "/api/v1/users/me",
                &fresh_ip(),
                None,
                &[
                    ("origin", origin),
                    ("access-control-request-method", "GET"),
                    ("access-control-request-headers", "authorization"),
                ],
            )
            .await
        }
    };

    let answer = preflight(ours).await;
    assert!(answer.status.is_success(), "{}", answer.status);
    let h = &answer.headers;
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], ours);
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
    let allowed = h[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
    assert_security_headers(&answer, false, "preflight");
    let get = send(
        &app,
        Method::GET,
        "/api/v1/users/me",
        &fresh_ip(),
        None,
        &[("origin", ours), ("authorization", &auth)],
    )
    .await;
    assert_eq!(get.status, StatusCode::OK);
    assert_eq!(get.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ours);

    for foreign in ["https://evil.example", "http://localhost:3001", "null"] {
        let answer = preflight(foreign).await;
        assert_eq!(cors_headers(&answer), Vec::<String>::new(), "{foreign}");
        let get = send(
            &app,
            Method::GET,
            "/api/v1/users/me",
            &fresh_ip(),
            None,
            &[("origin", foreign), ("authorization", &auth)],
        )
        .await;
        assert_eq!(cors_headers(&get), Vec::<String>::new(), "{foreign}");
    }
}

#[tokio::test]
async fn with_an_edge_secret_only_requests_through_cloudfront_are_answered() {
    let mut app = spawn_app().await;
    let mut config = (*app.state.config).clone();
    config.edge_secret = Some(config::Secret::new("edge-secret-0123456789"));
    app.state.config = std::sync::Arc::new(config);
    app.router = api::router(app.state.clone());
    let ip = fresh_ip();

    for headers in [
        &[][..],
        &[("x-parley-edge", "edge-secret-012345678")][..],
        &[("x-parley-edge", "edge-secret-0123456789x")][..],
    ] {
        let answer = send(&app, Method::GET, "/healthz", &ip, None, headers).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(code(&answer.body), "not_through_cloudfront");
        // Refused answers carry the security headers like any other.
        assert_security_headers(&answer, false, "refused");
    }
    let through = send(
        &app,
        Method::GET,
        "/healthz",
        &ip,
        None,
        &[("x-parley-edge", "edge-secret-0123456789")],
    )
    .await;
    assert_eq!(through.status, StatusCode::OK);
}

#[tokio::test]
async fn invites_are_limited_per_inviter() {
    let app = app_with(|l| {
        l.invite_per_inviter = at_most(2);
        l.invite_per_address = PLENTY;
    })
    .await;
    let ada = app.person("Ada", Role::Admin).await;
    let eve = app.person("Eve", Role::Admin).await;
    let invite = |who: &crate::Person, email: String| {
        let app = &app;
        let who = who.clone();
        async move {
            let (status, body) = app
                .post("/api/v1/invites", &who, json!({"email": email}))
                .await;
            (status, body)
        }
    };
    for _ in 0..2 {
        let (status, body) = invite(&ada, address("friend")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let victim = address("friend");
    let (status, body) = invite(&ada, victim.clone()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(code(&body), "rate_limited");
    assert!(crate::invites::mails_to(&victim).await.is_empty());
    // Another inviter is not affected.
    let (status, body) = invite(&eve, victim).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn invites_to_one_address_are_limited_whoever_sends_them() {
    let app = app_with(|l| {
        l.invite_per_inviter = PLENTY;
        l.invite_per_address = at_most(2);
    })
    .await;
    let ada = app.person("Ada", Role::Admin).await;
    let eve = app.person("Eve", Role::Admin).await;
    let victim = address("victim");
    let mut refused = 0;
    for who in [&ada, &eve].into_iter().cycle().take(25) {
        // In any letter case: it is the same mailbox.
        let (status, body) = app
            .post(
                "/api/v1/invites",
                who,
                json!({"email": victim.to_uppercase()}),
            )
            .await;
        match status {
            StatusCode::CREATED => {}
            StatusCode::TOO_MANY_REQUESTS => {
                assert_eq!(code(&body), "rate_limited");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(refused, 23);
    assert_eq!(crate::invites::mails_to(&victim).await.len(), 2);
    // Another address is not affected.
    let (status, body) = app
        .post("/api/v1/invites", &ada, json!({"email": address("other")}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn sends_are_limited_per_person_replies_included_and_nothing_is_stored() {
    let app = app_with(|l| l.message_send_per_user = at_most(3)).await;
    let ann = app.person("Ann", Role::Member).await;
    let bob = app.person("Bob", Role::Member).await;
    let place = format!("/api/v1/channels/{}", domain::ChannelId::GENERAL);
    let say = |who: &crate::Person, body: Value| {
        let app = &app;
        let who = who.clone();
        let path = format!("{place}/messages");
        async move { app.post(&path, &who, body).await }
    };
    let (status, root) = say(&ann, json!({"body": "one"})).await;
    assert_eq!(status, StatusCode::CREATED, "{root}");
    let root_id = root["id"].as_str().unwrap().to_string();
    for body in ["two", "three"] {
        let (status, sent) = say(&ann, json!({"body": body})).await;
        assert_eq!(status, StatusCode::CREATED, "{sent}");
    }
    let (status, body) = say(&ann, json!({"body": "four"})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(code(&body), "rate_limited");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("messages"),
        "{body}"
    );
    let (status, body) = say(&ann, json!({"body": "a reply", "threadRootID": root_id})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");

    // Bob is not affected, and nothing Ann sent over the limit was stored.
    let (status, sent) = say(&bob, json!({"body": "hello"})).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let (_, page) = app.get(&format!("{place}/messages"), &bob).await;
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["authorID"] == ann.id())
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 3, "{page}");
    assert!(!bodies.contains(&"four") && !bodies.contains(&"a reply"));
}

#[tokio::test]
async fn the_send_limit_in_force_lets_a_quick_burst_through() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    let path = format!("/api/v1/channels/{}/messages", domain::ChannelId::GENERAL);
    // Pasting lines one by one, or a script's burst: 20 at once.
    let sends = (0..20).map(|i| {
        let (app, ann, path) = (&app, &ann, &path);
        async move {
            app.post(path, ann, json!({"body": format!("line {i}")}))
                .await
        }
    });
    for (status, body) in futures::future::join_all(sends).await {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}
