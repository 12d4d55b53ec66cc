//! The local gateway end to end: real DynamoDB Local and redis-server, real WebSocket clients,
//! the AWS SDK against the management API. Each test runs its own gateway on a free port with a
//! table of its own (`support` holds what the tests share).
//!
//! The WebSocket and its door: `sockets` (tickets, frames, close codes), `hardening` (Origin,
//! tickets minted before access was cut, the app's pages), `management_api`. The REST API:
//! `http_api` (sending, history, the OpenAPI document). That each realtime event reaches exactly
//! the people who may see it: `channels`, `channel_members`, `conversations`, `sidebar`,
//! `messages`, `audience`, `profile`, `admin`, `typing`, `presence`, `notifications`. The
//! table's stream reaching the search-index handler: `search_index`. What it costs: `costs`.
//! Faults: `recovery` (nothing lost; a quick 503, not a hang, in `recovery::unavailable`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// The next event of one variant (see `next_event`), unwrapped:
/// `expect_event!(socket, "sidebar.channel", SidebarChannel)`.
macro_rules! expect_event {
    ($socket:expr, $kind:literal, $variant:ident) => {
        match $crate::next_event($socket, $kind).await {
            domain::events::ServerEvent::$variant(data) => data,
            other => panic!("expected {}, got {other:?}", $kind),
        }
    };
}

/// The body of an answer (`(status, body)`) that must have the status `expected`, as the type
/// the binding asks for: `let row: SidebarChannel = answered!(gw.post(...).await, 201);`.
macro_rules! answered {
    ($answer:expr, $expected:expr $(,)?) => {{
        let (status, body): (u16, serde_json::Value) = $answer;
        assert_eq!(status, $expected, "{body}");
        serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("unexpected answer ({e}): {body}"))
    }};
}

mod support;

mod admin;
mod audience;
mod channel_members;
mod channels;
mod conversations;
mod costs;
mod hardening;
mod http_api;
mod management_api;
mod messages;
mod notifications;
mod presence;
mod profile;
mod recovery;
mod search_index;
mod sidebar;
mod sockets;
mod typing;

// What every test module gets with `use super::*`.
use std::time::Duration;

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::events::ServerEvent;
use domain::message::{Message, MessagePage};
use domain::{ChannelId, UserId};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::time::Instant;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use support::*;
