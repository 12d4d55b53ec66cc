//! The Lambda Invoke API, for the one function other functions invoke: fan-out. An
//! asynchronous invocation (`X-Amz-Invocation-Type: Event`) is answered 202 at once and runs the
//! same handler as the `fanout` function, in the background, as Lambda would; a synchronous one
//! answers with the handler's result. Errors carry the `x-amzn-ErrorType` header the AWS SDK
//! reads to name them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use realtime::dispatch::Job;
use serde_json::json;

use crate::Gateway;

fn aws_error(status: StatusCode, kind: &'static str, message: &str) -> Response {
    let mut response =
        (status, Json(json!({ "Type": "User", "message": message }))).into_response();
    response.headers_mut().insert(
        HeaderName::from_static("x-amzn-errortype"),
        HeaderValue::from_static(kind),
    );
    response
}

pub async fn invoke(
    State(gateway): State<Gateway>,
    Path(function): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Response {
    if gateway.app.config.fanout_function.as_deref() != Some(function.as_str()) {
        return aws_error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            &format!("the local gateway runs no function named {function}"),
        );
    }
    let job: Job = match serde_json::from_slice(&payload) {
        Ok(job) => job,
        Err(e) => {
            return aws_error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContentException",
                &format!("not a fan-out job: {e}"),
            );
        }
    };
    let asynchronous = headers
        .get("x-amz-invocation-type")
        .is_some_and(|kind| kind.as_bytes() == b"Event");
    if asynchronous {
        tokio::spawn(async move {
            api::fanout::handle(&gateway.app, job).await;
        });
        return StatusCode::ACCEPTED.into_response();
    }
    let delivery = api::fanout::handle(&gateway.app, job).await;
    Json(json!({
        "delivered": delivery.delivered,
        "gone": delivery.gone,
        "failed": delivery.failed,
    }))
    .into_response()
}
