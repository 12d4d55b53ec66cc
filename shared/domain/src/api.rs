//! Request and response bodies of the REST API that are not models themselves.

use serde::{Deserialize, Serialize};

use crate::UserId;
use crate::user::User;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    pub access_token: String,
    /// Seconds until the access token expires.
    #[ts(type = "number")]
    pub expires_in: i64,
    pub user: User,
}

/// What the web app needs to know at start, fetched at run time (never baked into the build).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientConfig {
    pub ws_url: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WsTicket {
    pub ticket: String,
    #[ts(type = "number")]
    pub expires_in: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsersBatch {
    pub ids: Vec<UserId>,
}

/// Every error answer: `{"error": {"code": "...", "message": "..."}}`. Codes are stable;
/// messages are for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct ErrorBody {
    pub code: crate::ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct ApiErrorResponse {
    pub error: ErrorBody,
}
