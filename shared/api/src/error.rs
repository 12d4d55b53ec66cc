//! The one error type of the API boundary. Clients get a stable code and a message a person can
//! act on; internal causes are logged with their chain and never sent.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::{ApiErrorResponse, ErrorBody};
use domain::{ErrorCode, ValidationError};

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    /// Logged, never sent.
    cause: Option<String>,
    /// Seconds for `Retry-After` (rate limits).
    retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            cause: None,
            retry_after: None,
        }
    }

    /// 429 `rate_limited`, with `Retry-After`.
    pub fn rate_limited(message: impl Into<String>, retry_after_seconds: u64) -> Self {
        Self {
            retry_after: Some(retry_after_seconds),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                message,
            )
        }
    }

    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn unauthenticated(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn not_found(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    /// Something broke on our side; `cause` goes to the log only.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: ErrorCode::InternalError,
            message: "Something went wrong on our side. Try again in a moment.".into(),
            cause: Some(cause.to_string()),
            retry_after: None,
        }
    }

    /// 503 `unavailable` with `Retry-After`: a dependency is down or hung, and trying again in
    /// a moment may work. `cause` goes to the log only.
    pub fn unavailable(message: impl Into<String>, cause: impl std::fmt::Display) -> Self {
        Self {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: ErrorCode::Unavailable,
            message: message.into(),
            cause: Some(cause.to_string()),
            retry_after: Some(domain::limits::UNAVAILABLE_RETRY_AFTER_SECONDS),
        }
    }

    /// Logs the internal cause, if there is one (the client never sees it).
    pub fn log_cause(&self) {
        if let Some(cause) = &self.cause {
            tracing::error!(code = self.code.as_str(), cause = %cause, "request failed");
        }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn body(&self) -> ApiErrorResponse {
        ApiErrorResponse {
            error: ErrorBody {
                code: self.code,
                message: self.message.clone(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.log_cause();
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<ValidationError> for ApiError {
    fn from(err: ValidationError) -> Self {
        Self::bad_request(ErrorCode::InvalidInput, err.to_string())
    }
}

impl From<store::StoreError> for ApiError {
    fn from(err: store::StoreError) -> Self {
        match err {
            store::StoreError::Unavailable { .. } => Self::unavailable(
                "Parley cannot reach its database right now. Try again in a few seconds.",
                err,
            ),
            _ => Self::internal(err),
        }
    }
}

impl From<realtime::RedisError> for ApiError {
    fn from(err: realtime::RedisError) -> Self {
        if err.is_unavailable() {
            Self::unavailable(
                "Parley's live service is not answering right now. Try again in a few seconds.",
                err,
            )
        } else {
            Self::internal(err)
        }
    }
}
