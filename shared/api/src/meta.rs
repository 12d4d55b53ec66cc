//! Health, client configuration and the API description.

use std::time::Instant;

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
    /// `1` to check each dependency (DynamoDB, Redis, SES when mail goes through it) as well.
    deep: Option<String>,
}

/// Liveness: answers without touching any dependency (the gateway's start script polls it).
/// With `?deep=1`, checks DynamoDB (a read of a key nothing has), Redis (PING) and SES
/// (GetAccount, when mail goes through it) at once, each within
/// `domain::limits::HEALTH_CHECK_LIMIT`, and says how each answered and how fast: 200 when all
/// did, 503 when one did not. The reasons are short words, never a dependency's own error text.
#[utoipa::path(get, path = "/healthz", tag = "meta", params(HealthQuery), responses(
    (status = 200, description = "`{\"status\":\"ok\"}`; when deep, with `dependencies`: for each of \
        `dynamodb`, `redis` and `ses`, `ok`, `ms` and, when not ok, `reason` (`timeout`, `unreachable` or `error`); \
        `ses` also says its `mode` (`ses`, or `log` when mail is written to the log)"),
    (status = 503, description = "deep only: a dependency is down or hung; the same body, `status` \
        `unavailable`")))]
pub async fn health(State(state): State<AppState>, Query(query): Query<HealthQuery>) -> Response {
    if query.deep.as_deref() != Some("1") {
        return Json(json!({"status": "ok"})).into_response();
    }
    let (dynamodb, redis, ses) = tokio::join!(
        check(state.store.ping()),
        check(state.redis.ping()),
        check(state.mailer.ping()),
    );
    let ok = dynamodb.ok && redis.ok && ses.ok;
    let body = json!({
        "status": if ok { "ok" } else { "unavailable" },
        "dependencies": {
            "dynamodb": dynamodb,
            "redis": redis,
            "ses": MailCheck { mode: state.mailer.mode(), checked: ses },
        },
    });
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

/// How mail goes out, and whether that answered.
#[derive(Debug, Serialize)]
struct MailCheck {
    mode: &'static str,
    #[serde(flatten)]
    checked: Checked,
}

#[derive(Debug, Serialize)]
struct Checked {
    ok: bool,
    ms: u128,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

/// A dependency's failure, in a word for the health check: `unreachable` when its client gave
/// up (no connection, no answer within its limits, throttled), `error` when it answered with one.
trait Unreachable: std::fmt::Display {
    fn unreachable(&self) -> bool;
}

impl Unreachable for store::StoreError {
    fn unreachable(&self) -> bool {
        matches!(self, Self::Unavailable { .. })
    }
}

impl Unreachable for realtime::RedisError {
    fn unreachable(&self) -> bool {
        self.is_unavailable()
    }
}

impl Unreachable for crate::mail::MailError {
    fn unreachable(&self) -> bool {
        self.is_unavailable()
    }
}

/// Runs one dependency's check within `HEALTH_CHECK_LIMIT`: `timeout` when that passed first.
async fn check<E: Unreachable>(call: impl std::future::Future<Output = Result<(), E>>) -> Checked {
    let started = Instant::now();
    let outcome = tokio::time::timeout(domain::limits::HEALTH_CHECK_LIMIT, call).await;
    let ms = started.elapsed().as_millis();
    let reason = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: a dependency failed");
            Some(if e.unreachable() {
                "unreachable"
            } else {
                "error"
            })
        }
        Err(_) => {
            tracing::warn!("health check: a dependency did not answer in time");
            Some("timeout")
        }
    };
    Checked {
        ok: reason.is_none(),
        ms,
        reason,
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
