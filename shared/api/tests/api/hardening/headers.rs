//! Headers: the security headers on every kind of answer (HSTS only in production), CORS for
//! the app's origin only, and the edge secret that refuses requests not sent through CloudFront.

use api::AppState;
use axum::http::{Method, StatusCode, header};
use config::Config;
use domain::user::Role;

use super::{Answer, fresh_ip, send};
use crate::{TestApp, code, spawn_app};

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
    let get_me = |origin: &'static str| {
        let (app, auth) = (&app, &auth);
        async move {
            send(
                app,
                Method::GET,
                "/api/v1/users/me",
                &fresh_ip(),
                None,
                &[("origin", origin), ("authorization", auth)],
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
    let get = get_me(ours).await;
    assert_eq!(get.status, StatusCode::OK);
    assert_eq!(get.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ours);

    for foreign in ["https://evil.example", "http://localhost:3001", "null"] {
        let answer = preflight(foreign).await;
        assert_eq!(cors_headers(&answer), Vec::<String>::new(), "{foreign}");
        let get = get_me(foreign).await;
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
