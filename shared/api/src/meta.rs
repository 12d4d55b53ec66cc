//! Health, client configuration and the API description.

use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::api::ClientConfig;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::IntoParams;

use crate::AppState;
use crate::extract::Query;

#[derive(Debug, Deserialize, IntoParams)]
pub struct HealthQuery {
    /// `1` to check each dependency (DynamoDB, Redis) as well.
    deep: Option<String>,
}

/// How long a deep check waits for one dependency.
const DEEP_CHECK_LIMIT: Duration = Duration::from_secs(3);

/// Liveness: answers without touching any dependency. With `?deep=1`, checks DynamoDB and Redis
/// at once (each within 3 s) and says how each answered and how fast: 200 when all did, 503
/// when one did not. The reasons are short words, never a dependency's own error text.
#[utoipa::path(get, path = "/healthz", tag = "meta", params(HealthQuery), responses(
    (status = 200, description = "{\"status\":\"ok\"}, with each dependency when deep"),
    (status = 503, description = "deep: a dependency is down or hung")))]
pub async fn health(State(state): State<AppState>, Query(query): Query<HealthQuery>) -> Response {
    if query.deep.as_deref() != Some("1") {
        return Json(json!({"status": "ok"})).into_response();
    }
    let (dynamodb, redis) = tokio::join!(check(state.store.ping()), check(state.redis.ping()));
    let ok = dynamodb.ok && redis.ok;
    let body = json!({
        "status": if ok { "ok" } else { "unavailable" },
        "dependencies": {
            "dynamodb": dynamodb,
            "redis": redis,
            "ses": { "ok": true, "mode": state.mailer.mode() },
        },
    });
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

#[derive(Debug, Serialize)]
struct Checked {
    ok: bool,
    ms: u128,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

async fn check<E: std::fmt::Display>(
    call: impl std::future::Future<Output = Result<(), E>>,
) -> Checked {
    let started = Instant::now();
    let outcome = tokio::time::timeout(DEEP_CHECK_LIMIT, call).await;
    let ms = started.elapsed().as_millis();
    match outcome {
        Ok(Ok(())) => Checked {
            ok: true,
            ms,
            reason: None,
        },
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: a dependency failed");
            Checked {
                ok: false,
                ms,
                reason: Some("error"),
            }
        }
        Err(_) => Checked {
            ok: false,
            ms,
            reason: Some("timeout"),
        },
    }
}

/// What the web app needs at start: where the WebSocket is, and the server version.
#[utoipa::path(get, path = "/api/v1/config", tag = "meta", responses((status = 200, body = ClientConfig)))]
pub async fn client_config(State(state): State<AppState>) -> Json<ClientConfig> {
    Json(ClientConfig {
        ws_url: state.config.ws_url.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}
