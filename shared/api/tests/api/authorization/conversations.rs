//! Rows of the authorization table for conversations (a group's scene): the conversation, its
//! participants, and its messages (edits, deletes, threads, reactions, pins, read points).

use axum::http::Method as M;
use serde_json::json;

use super::{PARTICIPANTS, Row, none, row};

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            M::POST,
            "/api/v1/conversations",
            "/api/v1/conversations",
            |w| Some(json!({"participantIDs": [w.member.id()]})),
            [201, 201, 201, 201, 201, 201, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}",
            "/api/v1/conversations/{group}",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}",
            "/api/v1/conversations/{group}",
            |_| Some(json!({"name": "Launch crew"})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/participants",
            "/api/v1/conversations/{group}/participants",
            |w| Some(json!({"userIDs": [w.newcomer.id()]})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/leave",
            "/api/v1/conversations/{group}/leave",
            none,
            PARTICIPANTS(204),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}/membership",
            "/api/v1/conversations/{group}/membership",
            |_| Some(json!({"favorite": true})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/read",
            "/api/v1/conversations/{group}/read",
            |_| Some(json!({"seq": 1})),
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/messages",
            "/api/v1/conversations/{group}/messages",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages",
            "/api/v1/conversations/{group}/messages",
            |_| Some(json!({"body": "hi all"})),
            PARTICIPANTS(201),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}/messages/{messageId}",
            "/api/v1/conversations/{group}/messages/{gmessage}",
            |_| Some(json!({"body": "edited"})),
            // Only the author (the member) edits.
            [404, 403, 403, 200, 404, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/messages/{messageId}/edits",
            "/api/v1/conversations/{group}/messages/{gmessage}/edits",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/conversations/{id}/messages/{messageId}",
            "/api/v1/conversations/{group}/messages/{gmessage}",
            none,
            // Only the author: conversations have no moderators.
            [404, 403, 403, 204, 404, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/messages/{messageId}/thread",
            "/api/v1/conversations/{group}/messages/{gmessage}/thread",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages/{messageId}/thread/read",
            "/api/v1/conversations/{group}/messages/{gmessage}/thread/read",
            |_| Some(json!({"seq": 1})),
            PARTICIPANTS(204),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/follow",
            "/api/v1/conversations/{group}/messages/{gmessage}/follow",
            |_| Some(json!({"following": true})),
            PARTICIPANTS(204),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/conversations/{group}/messages/{gmessage}/reactions/%F0%9F%91%8D",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/conversations/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/conversations/{group}/messages/{gmessage}/reactions/%F0%9F%91%8D",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/pin",
            "/api/v1/conversations/{group}/messages/{gmessage}/pin",
            |_| Some(json!({"pinned": true})),
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/pins",
            "/api/v1/conversations/{group}/pins",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/files",
            "/api/v1/conversations/{group}/files",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/files/{fileId}/url",
            "/api/v1/conversations/{group}/files/{gfile}/url",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages/{messageId}/unread",
            "/api/v1/conversations/{group}/messages/{gmessage}/unread",
            none,
            PARTICIPANTS(200),
        ),
    ]
}
