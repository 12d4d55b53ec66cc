//! Rows of the authorization table for channels: the directory, a channel and its members,
//! and its messages (edits, deletes, threads, reactions, pins, read points).

use axum::http::Method as M;
use serde_json::json;

use super::{CHANNEL_MEMBERS, PARTICIPANTS, Row, none, row};
use crate::unique;

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            M::GET,
            "/api/v1/channels",
            "/api/v1/channels?q=team",
            none,
            [200, 200, 200, 200, 200, 403, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels",
            "/api/v1/channels",
            |_| Some(json!({"name": unique("made"), "type": "private"})),
            [201, 201, 201, 201, 201, 403, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}",
            "/api/v1/channels/{channel}",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}",
            "/api/v1/channels/{channel}",
            |_| Some(json!({"description": "What we do here"})),
            [200, 200, 200, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/archive",
            "/api/v1/channels/{channel}/archive",
            none,
            [200, 200, 403, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/unarchive",
            "/api/v1/channels/{channel}/unarchive",
            none,
            [200, 200, 403, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/join",
            "/api/v1/channels/{channel}/join",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/leave",
            "/api/v1/channels/{channel}/leave",
            none,
            // The owner is the only owner: 409 until they hand over.
            [403, 409, 204, 204, 403, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/members",
            "/api/v1/channels/{channel}/members",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/members",
            "/api/v1/channels/{channel}/members",
            |w| Some(json!({"userID": w.newcomer.id()})),
            [201, 201, 201, 201, 403, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/members/{userId}",
            "/api/v1/channels/{channel}/members/{target}",
            |_| Some(json!({"role": "admin"})),
            [200, 200, 200, 403, 403, 404, 401, 401],
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/members/{userId}",
            "/api/v1/channels/{channel}/members/{target}",
            none,
            [204, 204, 204, 403, 403, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/membership",
            "/api/v1/channels/{channel}/membership",
            |_| Some(json!({"favorite": true, "muted": true, "position": 2.0})),
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/read",
            "/api/v1/channels/{channel}/read",
            |_| Some(json!({"seq": 1})),
            CHANNEL_MEMBERS(200),
        ),
        // Anyone who may see the (public) channel previews its history before joining; a
        // guest does not see it. (A private channel: `channels::preview`.)
        row(
            M::GET,
            "/api/v1/channels/{id}/messages",
            "/api/v1/channels/{channel}/messages",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages",
            "/api/v1/channels/{channel}/messages",
            |_| Some(json!({"body": "hello"})),
            CHANNEL_MEMBERS(201),
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/messages/{messageId}",
            "/api/v1/channels/{channel}/messages/{message}",
            |_| Some(json!({"body": "edited"})),
            // Only the author (the member) edits.
            [403, 403, 403, 200, 403, 404, 401, 401],
        ),
        // Edit history is for members only, like threads.
        row(
            M::GET,
            "/api/v1/channels/{id}/messages/{messageId}/edits",
            "/api/v1/channels/{channel}/messages/{message}/edits",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/messages/{messageId}",
            "/api/v1/channels/{channel}/messages/{message}",
            none,
            // The author, or a channel admin or owner.
            [403, 204, 204, 204, 403, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/messages/{messageId}/thread",
            "/api/v1/channels/{channel}/messages/{message}/thread",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages/{messageId}/thread/read",
            "/api/v1/channels/{channel}/messages/{message}/thread/read",
            |_| Some(json!({"seq": 1})),
            CHANNEL_MEMBERS(204),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/follow",
            "/api/v1/channels/{channel}/messages/{message}/follow",
            |_| Some(json!({"following": true})),
            CHANNEL_MEMBERS(204),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/channels/{channel}/messages/{message}/reactions/%F0%9F%91%8D",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/channels/{channel}/messages/{message}/reactions/%F0%9F%91%8D",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/pin",
            "/api/v1/channels/{channel}/messages/{message}/pin",
            |_| Some(json!({"pinned": true})),
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/pins",
            "/api/v1/channels/{channel}/pins",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/files",
            "/api/v1/channels/{channel}/files",
            none,
            CHANNEL_MEMBERS(200),
        ),
        // Outside the channel a file does not exist, whatever the channel's kind.
        row(
            M::GET,
            "/api/v1/channels/{id}/files/{fileId}/url",
            "/api/v1/channels/{channel}/files/{file}/url",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages/{messageId}/unread",
            "/api/v1/channels/{channel}/messages/{message}/unread",
            none,
            CHANNEL_MEMBERS(200),
        ),
    ]
}
