//! Channels and conversations through the REST API as the event tests use them, and the events
//! they expect.

use domain::channel::{ChannelPage, ChannelRole};
use domain::events::{MemberAction, MembersChanged, ServerEvent, SidebarRemoved};
use domain::message::{Message, SystemAction};
use domain::sidebar::{Sidebar, SidebarChannel, SidebarConversation};
use domain::{ChannelId, ConversationId, Parent, UserId};
use serde_json::{Value, json};

use super::frames::{Socket, event, expect_frames};
use super::gateway::TestGateway;
use super::rest::assert_refused;

pub fn channel_path(id: ChannelId) -> String {
    format!("/api/v1/channels/{id}")
}

pub fn conversation_path(id: ConversationId) -> String {
    format!("/api/v1/conversations/{id}")
}

/// A new channel made through `POST /api/v1/channels` as the holder of `token`; `kind` is
/// `public` or `private`.
pub async fn create_channel(gw: &TestGateway, token: &str, name: &str, kind: &str) -> ChannelId {
    let body = json!({"name": name, "type": kind});
    let created: SidebarChannel = answered!(gw.post(token, "/api/v1/channels", body).await, 201);
    created.channel.id
}

/// `POST {place}/{action}` (`join`, `leave`, `archive`...) with no body, as the holder of
/// `token`.
pub async fn act(gw: &TestGateway, token: &str, place: &str, action: &str) -> (u16, Value) {
    gw.post(token, &format!("{place}/{action}"), Value::Null)
        .await
}

pub async fn add_member(gw: &TestGateway, token: &str, channel: ChannelId, user: UserId) {
    let path = format!("{}/members", channel_path(channel));
    let _: Value = answered!(gw.post(token, &path, json!({"userID": user})).await, 201);
}

/// `POST /api/v1/conversations` as the holder of `token` (`body` names the participants, and
/// perhaps the group), which must answer `status`: 201 when it is new, 200 when it was found.
pub async fn open_conversation(
    gw: &TestGateway,
    token: &str,
    body: Value,
    status: u16,
) -> SidebarConversation {
    answered!(gw.post(token, "/api/v1/conversations", body).await, status)
}

/// Sends `text` to the channel or conversation at `place` (its API path).
pub async fn say(gw: &TestGateway, token: &str, place: &str, text: &str) -> Message {
    post_message(gw, token, place, json!({"body": text})).await
}

/// Posts a message (`body` as the API takes it) to the channel or conversation at `place`.
pub async fn post_message(gw: &TestGateway, token: &str, place: &str, body: Value) -> Message {
    answered!(
        gw.post(token, &format!("{place}/messages"), body).await,
        201,
    )
}

pub async fn sidebar(gw: &TestGateway, token: &str) -> Sidebar {
    answered!(gw.get(token, "/api/v1/sidebar").await, 200)
}

pub fn sidebar_channel(sidebar: &Sidebar, id: ChannelId) -> Option<&SidebarChannel> {
    sidebar.channels.iter().find(|row| row.channel.id == id)
}

pub fn sidebar_conversation(sidebar: &Sidebar, id: ConversationId) -> Option<&SidebarConversation> {
    sidebar
        .conversations
        .iter()
        .find(|row| row.conversation.id == id)
}

pub async fn directory(gw: &TestGateway, token: &str, query: &str) -> Vec<ChannelId> {
    let path = format!("/api/v1/channels{query}");
    let page: ChannelPage = answered!(gw.get(token, &path).await, 200);
    page.items.iter().map(|c| c.id).collect()
}

pub fn assert_system(
    message: &Message,
    action: SystemAction,
    actor: UserId,
    target: Option<UserId>,
) {
    let note = message
        .system
        .as_ref()
        .unwrap_or_else(|| panic!("not a system message: {message:?}"));
    assert_eq!(note.action, action, "{message:?}");
    assert_eq!(note.target_id, target, "{message:?}");
    assert_eq!(message.author_id, actor, "{message:?}");
    assert_eq!(message.body, "");
}

pub fn changed(
    parent: Parent,
    user: UserId,
    action: MemberAction,
    role: Option<ChannelRole>,
) -> MembersChanged {
    MembersChanged {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        user_id: user,
        action,
        role,
    }
}

/// Fails the test unless the holder of `token` is answered 404 `code` for each of `reads` and
/// for a message posted at `place` (its API path): to them it does not exist.
pub async fn assert_hidden(
    gw: &TestGateway,
    token: &str,
    place: &str,
    reads: &[String],
    code: &str,
) {
    for path in reads {
        assert_refused(gw.get(token, path).await, 404, code);
    }
    let message = json!({"body": "hi"});
    let answer = gw.post(token, &format!("{place}/messages"), message).await;
    assert_refused(answer, 404, code);
}

/// Fails the test unless the only frame on its way to `socket` says `parent` left its sidebar.
pub async fn assert_sidebar_removed(socket: &mut Socket, parent: Parent) {
    let frames = expect_frames(socket, &["sidebar.removed"]).await;
    let removed = SidebarRemoved {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
    };
    assert_eq!(event(&frames[0]), ServerEvent::SidebarRemoved(removed));
}

/// Posts a marker in #general, where everyone is, and asserts it is the next `message.new` on
/// each socket: any message fanned out before it would have come first.
pub async fn assert_next_message_is_marker(
    gw: &TestGateway,
    token: &str,
    sockets: &mut [&mut Socket],
) {
    let marker = say(gw, token, &channel_path(ChannelId::GENERAL), "marker").await;
    for socket in sockets.iter_mut() {
        let next = expect_event!(socket, "message.new", MessageNew);
        assert_eq!(next, marker, "a message came before the marker");
    }
}
