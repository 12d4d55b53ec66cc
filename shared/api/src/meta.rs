//! Health, client configuration and the API description.

use axum::Json;
use axum::extract::State;
use domain::api::ClientConfig;
use serde_json::{Value, json};

use crate::AppState;

/// Liveness: answers without touching any dependency.
#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, description = "{\"status\":\"ok\"}")))]
pub async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// What the web app needs at start: where the WebSocket is, and the server version.
#[utoipa::path(get, path = "/api/v1/config", tag = "meta", responses((status = 200, body = ClientConfig)))]
pub async fn client_config(State(state): State<AppState>) -> Json<ClientConfig> {
    Json(ClientConfig {
        ws_url: state.config.ws_url.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}
