//! Extractors that answer bad input with our error shape.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use domain::ErrorCode;
use domain::UserId;
use domain::revocation::Grant;
use domain::user::Role;
use serde::de::DeserializeOwned;

use crate::{ApiError, AppState};

/// A JSON body; malformed or unexpected bodies get a 4xx that says what is wrong.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "send the body as JSON with Content-Type: application/json",
            )),
            Err(JsonRejection::JsonSyntaxError(_)) => Err(ApiError::bad_request(
                ErrorCode::MalformedJson,
                "the body is not valid JSON",
            )),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::bad_request(
                ErrorCode::InvalidBody,
                format!(
                    "the body does not have the expected fields: {}",
                    e.body_text()
                ),
            )),
            Err(JsonRejection::BytesRejection(_)) => Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::BodyTooLarge,
                "the body is too large",
            )),
            Err(other) => Err(ApiError::bad_request(
                ErrorCode::InvalidBody,
                other.body_text(),
            )),
        }
    }
}

/// Query parameters, with our error shape.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|e: QueryRejection| {
                ApiError::bad_request(ErrorCode::InvalidQuery, e.body_text())
            })
    }
}

/// Path parameters, with our error shape.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|e: PathRejection| {
                ApiError::bad_request(ErrorCode::InvalidPath, e.body_text())
            })
    }
}

/// The signed-in caller, from `Authorization: Bearer <access token>`. Tokens are accepted in
/// that header only, never in a URL.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: UserId,
    pub role: Role,
    /// The session family and issue time of the token (not revoked).
    pub grant: Grant,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                ApiError::unauthenticated(ErrorCode::Unauthenticated, "sign in first")
            })?;
        let token = header.strip_prefix("Bearer ").ok_or_else(|| {
            ApiError::unauthenticated(
                ErrorCode::Unauthenticated,
                "use Authorization: Bearer <token>",
            )
        })?;
        let claims = state.tokens.verify(token.trim()).map_err(|_| {
            ApiError::unauthenticated(
                ErrorCode::InvalidToken,
                "your session token is invalid or expired; refresh it",
            )
        })?;
        // Deactivation, a role change, "log out everywhere" or this device signing out ends
        // older tokens at once.
        let grant = claims.grant();
        if crate::revocation::refused(state, claims.sub, &grant).await? {
            return Err(ApiError::unauthenticated(
                ErrorCode::SessionRevoked,
                "your session token was revoked; refresh it or sign in again",
            ));
        }
        Ok(Self {
            id: claims.sub,
            role: claims.role,
            grant,
        })
    }
}
