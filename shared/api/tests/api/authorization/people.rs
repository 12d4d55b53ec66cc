//! Rows of the authorization table for people and the workspace: profiles, statuses, presence,
//! handles, administration, the sidebar and its categories, followed threads, drafts and
//! notification settings.

use axum::http::Method as M;
use serde_json::json;

use super::{ADMINS_ONLY, OWN_CATEGORY, Row, SIGNED_IN, none, row};
use crate::unique;

pub(super) fn rows() -> Vec<Row> {
    vec![
        // Nobody has this upload: the table checks who is let in, the files tests the rest.
        row(
            M::PUT,
            "/api/v1/users/me/avatar",
            "/api/v1/users/me/avatar",
            |_| Some(json!({"uploadID": "01JD2Q4X8Y7ZK3M5N6P7Q8R9ST"})),
            [404, 404, 404, 404, 404, 404, 401, 401],
        ),
        row(
            M::DELETE,
            "/api/v1/users/me/avatar",
            "/api/v1/users/me/avatar",
            none,
            SIGNED_IN,
        ),
        // The target has no picture.
        row(
            M::GET,
            "/api/v1/users/{id}/avatar",
            "/api/v1/users/{target}/avatar",
            none,
            [404, 404, 404, 404, 404, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/uploads",
            "/api/v1/uploads",
            |_| {
                Some(json!({
                    // The table's workspace allows only PDF and PNG files.
                    "name": "a.pdf",
                    "size": 5,
                    "contentType": "application/pdf",
                    "sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                }))
            },
            [201, 201, 201, 201, 201, 201, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/users/me",
            "/api/v1/users/me",
            none,
            SIGNED_IN,
        ),
        row(M::GET, "/api/v1/users", "/api/v1/users", none, SIGNED_IN),
        // Search reads only what the caller may see (the search tests hold each kind of
        // caller to that); everyone signed in may ask.
        row(
            M::GET,
            "/api/v1/search/messages",
            "/api/v1/search/messages?q=hello",
            none,
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/search/files",
            "/api/v1/search/files?q=plan",
            none,
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/search/people",
            "/api/v1/search/people?q=a",
            none,
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/search/channels",
            "/api/v1/search/channels?q=a",
            none,
            SIGNED_IN,
        ),
        row(
            M::PATCH,
            "/api/v1/users/me",
            "/api/v1/users/me",
            |_| Some(json!({"timeZone": "Europe/Paris"})),
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/users/me/status",
            "/api/v1/users/me/status",
            |_| Some(json!({"emoji": "🌴", "text": "Away"})),
            SIGNED_IN,
        ),
        row(
            M::DELETE,
            "/api/v1/users/me/status",
            "/api/v1/users/me/status",
            none,
            [204, 204, 204, 204, 204, 204, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/presence",
            "/api/v1/presence?ids={target}",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/users/me/handle",
            "/api/v1/users/me/handle",
            |_| Some(json!({"handle": unique("h")})),
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/users/batch",
            "/api/v1/users/batch",
            |w| Some(json!({"ids": [w.member.id()]})),
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/admin/users",
            "/api/v1/admin/users?q=a&limit=5",
            none,
            ADMINS_ONLY,
        ),
        row(
            M::PATCH,
            "/api/v1/users/{id}/role",
            "/api/v1/users/{victim}/role",
            |_| Some(json!({"role": "guest"})),
            ADMINS_ONLY,
        ),
        row(
            M::PATCH,
            "/api/v1/users/{id}/status",
            "/api/v1/users/{victim}/status",
            |_| Some(json!({"status": "deactivated"})),
            ADMINS_ONLY,
        ),
        row(
            M::GET,
            "/api/v1/workspace",
            "/api/v1/workspace",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/admin/settings",
            "/api/v1/admin/settings",
            |_| {
                Some(json!({"name": "Acme", "maxUploadBytes": 1048576,
                    "allowedFileTypes": ["pdf", "png"], "invitePolicy": "everyone"}))
            },
            ADMINS_ONLY,
        ),
        row(
            M::POST,
            "/api/v1/ws/ticket",
            "/api/v1/ws/ticket",
            none,
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/sidebar",
            "/api/v1/sidebar",
            none,
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/sidebar/read",
            "/api/v1/sidebar/read",
            |_| Some(json!({})),
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/sidebar/categories",
            "/api/v1/sidebar/categories",
            |_| Some(json!({"name": unique("work")})),
            [201, 201, 201, 201, 201, 201, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/sidebar/categories/{id}",
            "/api/v1/sidebar/categories/{category}",
            |_| Some(json!({"name": "Renamed", "position": 3.5})),
            OWN_CATEGORY(200),
        ),
        row(
            M::DELETE,
            "/api/v1/sidebar/categories/{id}",
            "/api/v1/sidebar/categories/{category}",
            none,
            OWN_CATEGORY(204),
        ),
        row(
            M::GET,
            "/api/v1/threads",
            "/api/v1/threads",
            none,
            SIGNED_IN,
        ),
        row(M::GET, "/api/v1/drafts", "/api/v1/drafts", none, SIGNED_IN),
        row(
            M::GET,
            "/api/v1/me/notifications",
            "/api/v1/me/notifications",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/me/notifications",
            "/api/v1/me/notifications",
            |_| Some(json!({"level": "mentions", "desktop": true, "sound": false})),
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/drafts",
            "/api/v1/drafts",
            |_| {
                Some(json!({"parentID": domain::ChannelId::GENERAL.to_string(),
                    "parentType": "channel", "body": "half a thought",
                    "editedAt": "2026-01-01T00:00:00.000Z"}))
            },
            // Every person is in #general; each saves their own draft.
            SIGNED_IN,
        ),
    ]
}
