//! The `@connections` Management API, as API Gateway serves it: POST sends a frame, GET
//! describes the connection, DELETE closes it; an unknown id is 410 Gone. Errors carry the
//! `x-amzn-ErrorType` header the AWS SDK reads to name them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use time::format_description::well_known::Rfc3339;

use crate::Gateway;
use crate::connections::Closing;
use crate::connections::Outgoing;
use domain::limits::WS_FRAME_MAX_BYTES;

fn aws_error(status: StatusCode, kind: &'static str, message: &str) -> Response {
    let mut response = (status, Json(json!({ "message": message }))).into_response();
    response.headers_mut().insert(
        HeaderName::from_static("x-amzn-errortype"),
        HeaderValue::from_static(kind),
    );
    response
}

fn gone() -> Response {
    aws_error(StatusCode::GONE, "GoneException", "connection is gone")
}

pub async fn post_to_connection(
    State(gateway): State<Gateway>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if body.len() > WS_FRAME_MAX_BYTES {
        return aws_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PayloadTooLargeException",
            "frames are limited to 32 KB",
        );
    }
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        return aws_error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "binary frames are not supported",
        );
    };
    if !gateway.post_delay.is_zero() {
        tokio::time::sleep(gateway.post_delay).await;
    }
    if gateway.connections.send(&id, Outgoing::Text(text)) {
        StatusCode::OK.into_response()
    } else {
        gone()
    }
}

pub async fn get_connection(State(gateway): State<Gateway>, Path(id): Path<String>) -> Response {
    let Some(info) = gateway.connections.info(&id) else {
        return gone();
    };
    Json(json!({
        "connectedAt": info.connected_at.format(&Rfc3339).unwrap_or_default(),
        "lastActiveAt": info.last_active_at.format(&Rfc3339).unwrap_or_default(),
        "identity": { "sourceIp": info.source_ip, "userAgent": info.user_agent },
    }))
    .into_response()
}

pub async fn delete_connection(State(gateway): State<Gateway>, Path(id): Path<String>) -> Response {
    if gateway
        .connections
        .send(&id, Outgoing::Close(Closing::Deleted))
    {
        StatusCode::NO_CONTENT.into_response()
    } else {
        gone()
    }
}
