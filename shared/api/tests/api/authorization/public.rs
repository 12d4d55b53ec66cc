//! Rows of the authorization table for what needs no account: health, configuration, signing
//! in and out, password resets, and invites (sent by members, managed by admins).

use axum::http::Method as M;
use serde_json::json;

use super::{ADMINS_ONLY, ANY, Row, none, row};
use crate::unique;

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(M::GET, "/healthz", "/healthz", none, ANY),
        row(M::GET, "/api/v1/config", "/api/v1/config", none, ANY),
        row(
            M::GET,
            "/auth/oidc/login",
            "/auth/oidc/login",
            none,
            [303; 8],
        ),
        row(
            M::GET,
            "/auth/oidc/callback",
            "/auth/oidc/callback?code=c&state=s",
            none,
            [303; 8],
        ),
        row(
            M::POST,
            "/auth/token/refresh",
            "/auth/token/refresh",
            none,
            [401; 8],
        ),
        row(M::POST, "/auth/logout", "/auth/logout", none, [204; 8]),
        row(
            M::DELETE,
            "/api/v1/users/me/sessions",
            "/api/v1/users/me/sessions",
            none,
            [204, 204, 204, 204, 204, 204, 401, 401],
        ),
        row(
            M::POST,
            "/auth/login",
            "/auth/login",
            |_| Some(json!({"email": "nobody@example.com", "password": "not a password"})),
            [401; 8],
        ),
        row(
            M::POST,
            "/auth/password/forgot",
            "/auth/password/forgot",
            |_| Some(json!({"email": "nobody@example.com"})),
            [202; 8],
        ),
        row(
            M::POST,
            "/auth/password/reset",
            "/auth/password/reset",
            |_| Some(json!({"token": auth::secrets::random_token(), "password": "long enough"})),
            [410; 8],
        ),
        // An unsubscribe link needs no account; a token that is not one is refused alike.
        row(
            M::GET,
            "/auth/mail/unsubscribe",
            "/auth/mail/unsubscribe?token=not-a-token",
            none,
            [400; 8],
        ),
        row(
            M::POST,
            "/auth/mail/unsubscribe",
            "/auth/mail/unsubscribe?token=not-a-token",
            none,
            [400; 8],
        ),
        row(
            M::POST,
            "/auth/invite/preview",
            "/auth/invite/preview",
            |_| Some(json!({"token": auth::secrets::random_token()})),
            [410; 8],
        ),
        row(
            M::POST,
            "/auth/invite/accept",
            "/auth/invite/accept",
            |_| {
                Some(
                    json!({"token": auth::secrets::random_token(), "displayName": "Gwen",
                    "password": "long enough"}),
                )
            },
            [410; 8],
        ),
        row(
            M::POST,
            "/api/v1/invites",
            "/api/v1/invites",
            |_| {
                Some(
                    json!({"email": format!("{}@example.com", unique("invitee")), "channelIDs": []}),
                )
            },
            // Admins and members invite (the default policy); guests never.
            [201, 201, 201, 201, 201, 403, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/invites",
            "/api/v1/invites",
            none,
            ADMINS_ONLY,
        ),
        row(
            M::DELETE,
            "/api/v1/invites/{id}",
            "/api/v1/invites/{invite}",
            none,
            [204, 403, 403, 403, 403, 403, 401, 401],
        ),
    ]
}
