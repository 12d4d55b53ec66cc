//! `/healthz`: the cheap liveness answer, and `?deep=1`, which asks each dependency.
//! (A frozen Redis and a stalled DynamoDB are in the gateway's fault suite.)

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{spawn_app, spawn_app_with};

#[tokio::test]
async fn plain_health_asks_no_dependency_and_deep_health_names_each_with_its_time() {
    let app = spawn_app().await;

    let (status, body) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"status": "ok"})));

    let (status, body) = app.call(Method::GET, "/healthz?deep=1", None, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "ok");
    for name in ["dynamodb", "redis", "ses"] {
        let dependency = &body["dependencies"][name];
        assert_eq!(dependency["ok"], true, "{name}: {body}");
        assert!(dependency["ms"].is_u64(), "{name}: {body}");
        assert!(dependency.get("reason").is_none(), "{name}: {body}");
    }
    // The stack runs an SES stand-in; without one, mail goes to the log and there is nothing
    // to reach.
    let mode = if std::env::var("SES_SENDER").is_ok() {
        "ses"
    } else {
        "log"
    };
    assert_eq!(body["dependencies"]["ses"]["mode"], mode, "{body}");
}

#[tokio::test]
async fn deep_health_names_ses_when_it_cannot_be_reached_and_says_no_more() {
    // A port nothing listens on any more: every connection is refused.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let app = spawn_app_with(|vars| {
        vars.retain(|(name, _)| !name.starts_with("SES_"));
        vars.push(("SES_SENDER", "parley@parley.test".into()));
        vars.push(("SES_REGION", "us-east-1".into()));
        vars.push(("SES_ENDPOINT", format!("http://127.0.0.1:{closed}")));
    })
    .await;

    let started = Instant::now();
    let (status, body) = app.call(Method::GET, "/healthz?deep=1", None, None).await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "unavailable");
    let ses = &body["dependencies"]["ses"];
    assert_eq!(
        (&ses["ok"], &ses["mode"]),
        (&json!(false), &json!("ses")),
        "{body}"
    );
    assert!(
        matches!(ses["reason"].as_str(), Some("unreachable" | "timeout")),
        "{body}"
    );
    assert_eq!(body["dependencies"]["dynamodb"]["ok"], true, "{body}");
    assert_eq!(body["dependencies"]["redis"]["ok"], true, "{body}");
    // The check's own bound, with room for a busy machine.
    assert!(
        took < domain::limits::HEALTH_CHECK_LIMIT + Duration::from_secs(2),
        "took {took:?}"
    );
    // Only short words: no address, no SDK text.
    let text = body.to_string();
    for internal in ["127.0.0.1", "dispatch", "refused", "connect"] {
        assert!(!text.to_lowercase().contains(internal), "{text}");
    }
    // The cheap answer is not affected.
    let (status, _): (StatusCode, Value) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
}
