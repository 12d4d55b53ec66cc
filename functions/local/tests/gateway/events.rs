//! Realtime events reach exactly the people who may see them, through the real REST routes and
//! real WebSockets: channel and conversation events go to their members as they are when the
//! event is published, sidebar events to every device of the one user concerned, and nothing
//! to anyone else (checked with the ping marker of `drain`, or with a marker message in #general
//! where the question is "no more of that channel's messages").

use domain::channel::{ChannelPage, MemberPage};
use domain::conversation::{Conversation, ConversationKind};
use domain::events::{MemberAction, MembersChanged, SidebarRemoved};
use domain::message::SystemAction;
use domain::sidebar::{Category, Membership, Sidebar, SidebarChannel, SidebarConversation};
use domain::{ConversationId, Parent, ParentType};

use super::*;

fn channel_path(id: ChannelId) -> String {
    format!("/api/v1/channels/{id}")
}

fn conversation_path(id: ConversationId) -> String {
    format!("/api/v1/conversations/{id}")
}

/// A JSON answer as the type the binding asks for: `let row: SidebarChannel = parse!(body);`.
macro_rules! parse {
    ($body:expr) => {{
        let body: Value = $body;
        serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("unexpected answer ({e}): {body}"))
    }};
}

fn event(frame: &str) -> ServerEvent {
    serde_json::from_str(frame).unwrap()
}

/// `POST /api/v1/channels` as the holder of `token`; `kind` is `public` or `private`.
async fn create_channel(gw: &TestGateway, token: &str, name: &str, kind: &str) -> SidebarChannel {
    let (status, body) = gw
        .post(
            token,
            "/api/v1/channels",
            json!({"name": name, "type": kind}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    parse!(body)
}

async fn add_member(gw: &TestGateway, token: &str, channel: ChannelId, user: UserId) {
    let path = format!("{}/members", channel_path(channel));
    let (status, body) = gw.post(token, &path, json!({"userID": user})).await;
    assert_eq!(status, 201, "{body}");
}

/// Sends `text` to the channel or conversation at `place` (its API path).
async fn say(gw: &TestGateway, token: &str, place: &str, text: &str) -> Message {
    let (status, body) = gw
        .post(token, &format!("{place}/messages"), json!({"body": text}))
        .await;
    assert_eq!(status, 201, "{body}");
    parse!(body)
}

async fn sidebar(gw: &TestGateway, token: &str) -> Sidebar {
    let (status, body) = gw.get(token, "/api/v1/sidebar").await;
    assert_eq!(status, 200, "{body}");
    parse!(body)
}

fn sidebar_channel(sidebar: &Sidebar, id: ChannelId) -> Option<&SidebarChannel> {
    sidebar.channels.iter().find(|row| row.channel.id == id)
}

fn sidebar_conversation(sidebar: &Sidebar, id: ConversationId) -> Option<&SidebarConversation> {
    sidebar
        .conversations
        .iter()
        .find(|row| row.conversation.id == id)
}

async fn directory(gw: &TestGateway, token: &str, query: &str) -> Vec<ChannelId> {
    let (status, body) = gw.get(token, &format!("/api/v1/channels{query}")).await;
    assert_eq!(status, 200, "{body}");
    let page: ChannelPage = parse!(body);
    page.items.iter().map(|c| c.id).collect()
}

/// Asserts a refusal: the status and the error code.
fn assert_refused((status, body): (u16, Value), expected: u16, code: &str) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
}

fn assert_system(message: &Message, action: SystemAction, actor: UserId, target: Option<UserId>) {
    let note = message
        .system
        .as_ref()
        .unwrap_or_else(|| panic!("not a system message: {message:?}"));
    assert_eq!(note.action, action, "{message:?}");
    assert_eq!(note.target_id, target, "{message:?}");
    assert_eq!(message.author_id, actor, "{message:?}");
    assert_eq!(message.body, "");
}

fn changed(
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

fn removed(parent: Parent) -> SidebarRemoved {
    SidebarRemoved {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
    }
}

/// Drains every socket, so the next assertion starts from a quiet line.
async fn settle(sockets: &mut [&mut Socket]) {
    for socket in sockets.iter_mut() {
        drain(socket).await;
    }
}

/// Posts a marker in #general, where everyone is, and asserts it is the next `message.new` on
/// each socket: any message fanned out before it would have come first.
async fn assert_next_message_is_marker(gw: &TestGateway, token: &str, sockets: &mut [&mut Socket]) {
    let marker = say(gw, token, &channel_path(ChannelId::GENERAL), "marker").await;
    for socket in sockets.iter_mut() {
        let next = expect_event!(socket, "message.new", MessageNew);
        assert_eq!(next, marker, "a message came before the marker");
    }
}

#[tokio::test]
async fn a_private_channel_reaches_its_creator_and_nobody_else() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let (eve, eve_token) = gw.user("eve").await;
    let mut alice_phone = gw.connect(&alice_token).await;
    let mut alice_laptop = gw.connect(&alice_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;

    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/channels",
            json!({"name": "secret-plans", "type": "private", "description": "the launch"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let created: SidebarChannel = parse!(body);
    assert_eq!(created.channel.kind, ChannelType::Private);
    assert_eq!(created.membership.role, ChannelRole::Owner);
    let id = created.channel.id;
    let id_text = id.to_string();

    for device in [&mut alice_phone, &mut alice_laptop] {
        let frames = drain(device).await;
        assert_eq!(kinds(&frames), ["sidebar.channel"], "{frames:?}");
        assert_eq!(
            event(&frames[0]),
            ServerEvent::SidebarChannel(created.clone())
        );
    }
    assert_nothing_about(&mut eve_socket, &[&id_text, "secret-plans", "the launch"]).await;

    // Not in eve's directory, search or sidebar; unknown to her by id and by slug.
    assert!(!directory(&gw, &eve_token, "").await.contains(&id));
    assert!(directory(&gw, &eve_token, "?q=secret").await.is_empty());
    assert!(sidebar_channel(&sidebar(&gw, &eve_token).await, id).is_none());
    let place = channel_path(id);
    for path in [
        place.clone(),
        "/api/v1/channels/secret-plans".to_string(),
        format!("{place}/members"),
        format!("{place}/messages"),
    ] {
        assert_refused(gw.get(&eve_token, &path).await, 404, "channel_not_found");
    }
    // Nor can she act on it.
    assert_refused(
        gw.post(&eve_token, &format!("{place}/join"), Value::Null)
            .await,
        404,
        "channel_not_found",
    );
    assert_refused(
        gw.post(
            &eve_token,
            &format!("{place}/messages"),
            json!({"body": "hi"}),
        )
        .await,
        404,
        "channel_not_found",
    );
    assert_refused(
        gw.patch(
            &eve_token,
            &format!("{place}/membership"),
            json!({"favorite": true}),
        )
        .await,
        404,
        "channel_not_found",
    );
    assert_refused(
        gw.post(&eve_token, &format!("{place}/read"), json!({"seq": 1}))
            .await,
        404,
        "channel_not_found",
    );
    assert_refused(
        gw.post(
            &eve_token,
            &format!("{place}/members"),
            json!({"userID": eve.id}),
        )
        .await,
        404,
        "channel_not_found",
    );

    // alice has it in her sidebar, and private channels stay out of the directory.
    let row = sidebar(&gw, &alice_token).await;
    assert_eq!(sidebar_channel(&row, id), Some(&created));
    assert!(!directory(&gw, &alice_token, "").await.contains(&id));

    // A message in it reaches alice's devices and still nothing reaches eve.
    let sent = say(&gw, &alice_token, &place, "for us only").await;
    for device in [&mut alice_phone, &mut alice_laptop] {
        assert_eq!(expect_event!(device, "message.new", MessageNew), sent);
    }
    assert_nothing_about(&mut eve_socket, &[&id_text, "secret-plans", "for us only"]).await;
}

#[tokio::test]
async fn an_added_member_gets_the_channel_live_on_every_device() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (carol, carol_token) = gw.user("carol").await;
    let (_eve, eve_token) = gw.user("eve").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_phone = gw.connect(&bob_token).await;
    let mut bob_laptop = gw.connect(&bob_token).await;
    let mut carol_socket = gw.connect(&carol_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;

    let id = create_channel(&gw, &alice_token, "project-x", "private")
        .await
        .channel
        .id;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    add_member(&gw, &alice_token, id, carol.id).await;
    settle(&mut [&mut alice_socket, &mut carol_socket]).await;

    let (status, body) = gw
        .post(
            &alice_token,
            &format!("{place}/members"),
            json!({"userID": bob.id}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["userID"], bob.id.to_string());
    assert_eq!(body["role"], "member");

    // Both of bob's already-open sockets hear (as a member now) the change and its system
    // message like everyone else, then learn of the channel, that line unread.
    for device in [&mut bob_phone, &mut bob_laptop] {
        let frames = drain(device).await;
        assert_eq!(
            kinds(&frames),
            ["members.changed", "message.new", "sidebar.channel"],
            "{frames:?}"
        );
        let ServerEvent::SidebarChannel(row) = event(&frames[2]) else {
            panic!("{frames:?}");
        };
        assert_eq!(row.channel.id, id);
        assert_eq!(row.channel.name, "project-x");
        assert_eq!(row.membership.parent_id, id.to_string());
        assert_eq!(row.membership.parent_type, ParentType::Channel);
        assert_eq!(row.membership.role, ChannelRole::Member);
        assert_eq!((row.channel.last_seq, row.membership.last_read_seq), (2, 1));
    }
    // The existing members hear who came, with a system message; no sidebar event for them.
    for member in [&mut alice_socket, &mut carol_socket] {
        let change = expect_event!(member, "members.changed", MembersChanged);
        assert_eq!(
            change,
            changed(
                parent,
                bob.id,
                MemberAction::Added,
                Some(ChannelRole::Member)
            )
        );
        let note = expect_event!(member, "message.new", MessageNew);
        assert_eq!(note.parent_id, id.to_string());
        assert_system(&note, SystemAction::Added, alice.id, Some(bob.id));
        assert_no_event(member, "sidebar.channel", WAIT).await;
    }
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "project-x"]).await;

    // A message after the add reaches bob's two sockets as they are, with no reconnect.
    let sent = say(&gw, &carol_token, &place, "welcome bob").await;
    for socket in [
        &mut bob_phone,
        &mut bob_laptop,
        &mut alice_socket,
        &mut carol_socket,
    ] {
        assert_eq!(expect_event!(socket, "message.new", MessageNew), sent);
    }
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "welcome bob"]).await;

    // And bob's REST view agrees: the sidebar lists it, he is in the member list, he reads it.
    let row = sidebar(&gw, &bob_token).await;
    assert_eq!(
        sidebar_channel(&row, id).map(|r| r.membership.role),
        Some(ChannelRole::Member)
    );
    let (status, body) = gw.get(&bob_token, &format!("{place}/members")).await;
    assert_eq!(status, 200, "{body}");
    let members: MemberPage = parse!(body);
    let mut roles: Vec<(UserId, ChannelRole)> =
        members.items.iter().map(|m| (m.user_id, m.role)).collect();
    roles.sort();
    let mut expected = vec![
        (alice.id, ChannelRole::Owner),
        (bob.id, ChannelRole::Member),
        (carol.id, ChannelRole::Member),
    ];
    expected.sort();
    assert_eq!(roles, expected);
    assert!(
        gw.page(&bob_token, id, "")
            .await
            .items
            .iter()
            .any(|m| m.id == sent.id)
    );

    // Adding him again is refused and announced to nobody.
    assert_refused(
        gw.post(
            &alice_token,
            &format!("{place}/members"),
            json!({"userID": bob.id}),
        )
        .await,
        409,
        "already_member",
    );
    for socket in [&mut alice_socket, &mut bob_phone, &mut carol_socket] {
        let frames = drain(socket).await;
        assert!(frames.is_empty(), "{frames:?}");
    }
}

#[tokio::test]
async fn joining_and_leaving_a_public_channel() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_phone = gw.connect(&bob_token).await;
    let mut bob_laptop = gw.connect(&bob_token).await;

    let id = create_channel(&gw, &alice_token, "town-square", "public")
        .await
        .channel
        .id;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    settle(&mut [&mut alice_socket]).await;
    // A new public channel is in the directory, not announced to everyone.
    assert_nothing_about(&mut bob_phone, &[&id.to_string()]).await;
    assert!(directory(&gw, &bob_token, "").await.contains(&id));

    let (status, body) = gw
        .post(&bob_token, &format!("{place}/join"), Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    let joined: SidebarChannel = parse!(body);
    assert_eq!(joined.membership.role, ChannelRole::Member);
    for device in [&mut bob_phone, &mut bob_laptop] {
        let frames = drain(device).await;
        assert_eq!(
            kinds(&frames),
            ["members.changed", "message.new", "sidebar.channel"],
            "{frames:?}"
        );
        assert_eq!(
            event(&frames[2]),
            ServerEvent::SidebarChannel(joined.clone())
        );
    }
    assert_eq!(
        expect_event!(&mut alice_socket, "members.changed", MembersChanged),
        changed(
            parent,
            bob.id,
            MemberAction::Joined,
            Some(ChannelRole::Member)
        )
    );
    let note = expect_event!(&mut alice_socket, "message.new", MessageNew);
    assert_system(&note, SystemAction::Joined, bob.id, None);

    // Joining again changes nothing and tells nobody.
    let (status, body) = gw
        .post(&bob_token, &format!("{place}/join"), Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    for socket in [&mut alice_socket, &mut bob_phone, &mut bob_laptop] {
        let frames = drain(socket).await;
        assert!(frames.is_empty(), "{frames:?}");
    }

    let hello = say(&gw, &alice_token, &place, "hello bob").await;
    for device in [&mut bob_phone, &mut bob_laptop] {
        assert_eq!(expect_event!(device, "message.new", MessageNew), hello);
    }

    // Leaving: bob's devices drop the row; alice hears of it with a system message.
    let (status, body) = gw
        .post(&bob_token, &format!("{place}/leave"), Value::Null)
        .await;
    assert_eq!(status, 204, "{body}");
    for device in [&mut bob_phone, &mut bob_laptop] {
        let frames = drain(device).await;
        assert_eq!(kinds(&frames), ["sidebar.removed"], "{frames:?}");
        assert_eq!(
            event(&frames[0]),
            ServerEvent::SidebarRemoved(removed(parent))
        );
    }
    assert_eq!(
        expect_event!(&mut alice_socket, "members.changed", MembersChanged),
        changed(parent, bob.id, MemberAction::Left, None)
    );
    let note = expect_event!(&mut alice_socket, "message.new", MessageNew);
    assert_system(&note, SystemAction::Left, bob.id, None);

    // No more of the channel's messages for bob.
    let after = say(&gw, &alice_token, &place, "bob has gone").await;
    assert_eq!(
        expect_event!(&mut alice_socket, "message.new", MessageNew),
        after
    );
    assert_next_message_is_marker(&gw, &alice_token, &mut [&mut bob_phone, &mut bob_laptop]).await;
    for device in [&mut bob_phone, &mut bob_laptop] {
        assert_no_event(device, "message.new", WAIT).await;
    }

    // His REST view: out of his sidebar, still in the directory, readable only after a join.
    assert!(sidebar_channel(&sidebar(&gw, &bob_token).await, id).is_none());
    assert!(directory(&gw, &bob_token, "").await.contains(&id));
    assert_refused(
        gw.get(&bob_token, &format!("{place}/messages")).await,
        403,
        "not_a_member",
    );
    assert_refused(
        gw.post(&bob_token, &format!("{place}/leave"), Value::Null)
            .await,
        403,
        "not_a_member",
    );
    // The only owner cannot leave, and nobody leaves #general.
    assert_refused(
        gw.post(&alice_token, &format!("{place}/leave"), Value::Null)
            .await,
        409,
        "last_owner",
    );
    assert_refused(
        gw.post(
            &alice_token,
            &format!("{}/leave", channel_path(ChannelId::GENERAL)),
            Value::Null,
        )
        .await,
        403,
        "general_is_fixed",
    );
    assert_eq!(alice.id, after.author_id);
}

#[tokio::test]
async fn an_admin_removes_a_member_who_then_hears_nothing_more() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (carol, carol_token) = gw.user("carol").await;
    let (dave, dave_token) = gw.user("dave").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut carol_phone = gw.connect(&carol_token).await;
    let mut carol_laptop = gw.connect(&carol_token).await;
    let mut dave_socket = gw.connect(&dave_token).await;

    let id = create_channel(&gw, &alice_token, "ops", "private")
        .await
        .channel
        .id;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    for user in [bob.id, carol.id, dave.id] {
        add_member(&gw, &alice_token, id, user).await;
    }
    settle(&mut [
        &mut alice_socket,
        &mut bob_socket,
        &mut carol_phone,
        &mut carol_laptop,
        &mut dave_socket,
    ])
    .await;

    // alice makes bob an admin: every member hears of it.
    let (status, body) = gw
        .patch(
            &alice_token,
            &format!("{place}/members/{}", bob.id),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["role"], "admin");
    for socket in [
        &mut alice_socket,
        &mut bob_socket,
        &mut carol_phone,
        &mut carol_laptop,
        &mut dave_socket,
    ] {
        let frames = drain(socket).await;
        assert_eq!(kinds(&frames), ["members.changed"], "{frames:?}");
        assert_eq!(
            event(&frames[0]),
            ServerEvent::MembersChanged(changed(
                parent,
                bob.id,
                MemberAction::Role,
                Some(ChannelRole::Admin)
            ))
        );
    }

    // A plain member may not remove anyone.
    assert_refused(
        gw.delete(&dave_token, &format!("{place}/members/{}", carol.id))
            .await,
        403,
        "not_allowed",
    );

    let (status, body) = gw
        .delete(&bob_token, &format!("{place}/members/{}", carol.id))
        .await;
    assert_eq!(status, 204, "{body}");
    for device in [&mut carol_phone, &mut carol_laptop] {
        let frames = drain(device).await;
        assert_eq!(kinds(&frames), ["sidebar.removed"], "{frames:?}");
        assert_eq!(
            event(&frames[0]),
            ServerEvent::SidebarRemoved(removed(parent))
        );
    }
    for member in [&mut alice_socket, &mut bob_socket, &mut dave_socket] {
        let frames = drain(member).await;
        assert_eq!(
            kinds(&frames),
            ["members.changed", "message.new"],
            "{frames:?}"
        );
        assert_eq!(
            event(&frames[0]),
            ServerEvent::MembersChanged(changed(parent, carol.id, MemberAction::Removed, None))
        );
        let ServerEvent::MessageNew(note) = event(&frames[1]) else {
            panic!("{frames:?}");
        };
        assert_system(&note, SystemAction::Removed, bob.id, Some(carol.id));
    }

    // No more messages for carol, and the private channel is invisible to her again.
    let after = say(&gw, &alice_token, &place, "carol has gone").await;
    assert_eq!(
        expect_event!(&mut dave_socket, "message.new", MessageNew),
        after
    );
    assert_next_message_is_marker(
        &gw,
        &alice_token,
        &mut [&mut carol_phone, &mut carol_laptop],
    )
    .await;
    assert_nothing_about(&mut carol_phone, &[&id.to_string()]).await;
    for path in [
        place.clone(),
        format!("{place}/members"),
        format!("{place}/messages"),
    ] {
        assert_refused(gw.get(&carol_token, &path).await, 404, "channel_not_found");
    }
    assert_refused(
        gw.post(
            &carol_token,
            &format!("{place}/messages"),
            json!({"body": "hey"}),
        )
        .await,
        404,
        "channel_not_found",
    );
    assert!(sidebar_channel(&sidebar(&gw, &carol_token).await, id).is_none());
    assert_refused(
        gw.delete(&bob_token, &format!("{place}/members/{}", carol.id))
            .await,
        404,
        "member_not_found",
    );
    assert_eq!(after.author_id, alice.id);
}

#[tokio::test]
async fn channel_changes_reach_members_only_and_an_archived_channel_is_read_only() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (eve, eve_token) = gw.user("eve").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;

    let id = create_channel(&gw, &alice_token, "design", "public")
        .await
        .channel
        .id;
    let place = channel_path(id);
    add_member(&gw, &alice_token, id, bob.id).await;
    let early = say(&gw, &alice_token, &place, "before the archive").await;
    settle(&mut [&mut alice_socket, &mut bob_socket]).await;

    // Rename: to members, not to eve (who may see the public channel but is not in it).
    let (status, body) = gw
        .patch(&alice_token, &place, json!({"name": "design-team"}))
        .await;
    assert_eq!(status, 200, "{body}");
    let renamed: Channel = parse!(body);
    assert_eq!(
        (renamed.name.as_str(), renamed.slug.as_str()),
        ("design-team", "design-team")
    );
    for member in [&mut alice_socket, &mut bob_socket] {
        assert_eq!(
            expect_event!(member, "channel.updated", ChannelUpdated),
            renamed
        );
    }
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "design"]).await;
    let (status, body) = gw.get(&eve_token, "/api/v1/channels/design").await;
    assert_eq!(status, 200, "the old slug still resolves: {body}");
    let resolved: Channel = parse!(body);
    assert_eq!(resolved.id, id);

    let (status, body) = gw
        .patch(
            &alice_token,
            &place,
            json!({"description": "Pixels and type"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let described: Channel = parse!(body);
    assert_eq!(described.description, "Pixels and type");
    for member in [&mut alice_socket, &mut bob_socket] {
        assert_eq!(
            expect_event!(member, "channel.updated", ChannelUpdated),
            described
        );
    }
    assert_no_event(&mut eve_socket, "channel.updated", WAIT).await;

    // A plain member may neither rename nor archive; nobody hears of the attempts.
    assert_refused(
        gw.patch(&bob_token, &place, json!({"name": "mine"})).await,
        403,
        "not_allowed",
    );
    assert_refused(
        gw.post(&bob_token, &format!("{place}/archive"), Value::Null)
            .await,
        403,
        "not_allowed",
    );
    for socket in [&mut alice_socket, &mut bob_socket, &mut eve_socket] {
        let frames = drain(socket).await;
        assert!(frames.is_empty(), "{frames:?}");
    }

    // Archive: members hear of it; nobody can write; members keep reading.
    let (status, body) = gw
        .post(&alice_token, &format!("{place}/archive"), Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    let archived: Channel = parse!(body);
    assert!(archived.archived);
    for member in [&mut alice_socket, &mut bob_socket] {
        assert_eq!(
            expect_event!(member, "channel.updated", ChannelUpdated),
            archived
        );
    }
    assert_no_event(&mut eve_socket, "channel.updated", WAIT).await;

    for token in [&alice_token, &bob_token] {
        assert_refused(
            gw.post(token, &format!("{place}/messages"), json!({"body": "late"}))
                .await,
            409,
            "channel_archived",
        );
    }
    let page = gw.page(&bob_token, id, "").await;
    assert!(page.items.iter().any(|m| m.id == early.id));
    assert!(page.items.iter().all(|m| m.body != "late"));
    assert_refused(
        gw.patch(&alice_token, &place, json!({"name": "design-old"}))
            .await,
        409,
        "channel_archived",
    );
    assert_refused(
        gw.post(&eve_token, &format!("{place}/join"), Value::Null)
            .await,
        409,
        "channel_archived",
    );
    assert_refused(
        gw.post(
            &alice_token,
            &format!("{place}/members"),
            json!({"userID": eve.id}),
        )
        .await,
        409,
        "channel_archived",
    );
    assert!(!directory(&gw, &eve_token, "").await.contains(&id));
    for socket in [&mut alice_socket, &mut bob_socket, &mut eve_socket] {
        let frames = drain(socket).await;
        assert!(frames.is_empty(), "refusals send nothing: {frames:?}");
    }

    // Unarchive: members hear of it and the channel takes messages again.
    let (status, body) = gw
        .post(&alice_token, &format!("{place}/unarchive"), Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    let reopened: Channel = parse!(body);
    assert!(!reopened.archived);
    for member in [&mut alice_socket, &mut bob_socket] {
        assert_eq!(
            expect_event!(member, "channel.updated", ChannelUpdated),
            reopened
        );
    }
    assert_no_event(&mut eve_socket, "channel.updated", WAIT).await;
    let again = say(&gw, &bob_token, &place, "we are back").await;
    assert_eq!(
        expect_event!(&mut alice_socket, "message.new", MessageNew),
        again
    );
    assert!(directory(&gw, &eve_token, "").await.contains(&id));
}

#[tokio::test]
async fn a_direct_message_reaches_the_other_person_with_its_first_message() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (_eve, eve_token) = gw.user("eve").await;
    let mut alice_phone = gw.connect(&alice_token).await;
    let mut alice_laptop = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;

    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let opened: SidebarConversation = parse!(body);
    let conversation = &opened.conversation;
    assert_eq!(conversation.kind, ConversationKind::Direct);
    assert_eq!(conversation.created_by, alice.id);
    let mut people = vec![alice.id, bob.id];
    people.sort();
    let mut listed = conversation.participant_ids.clone();
    listed.sort();
    assert_eq!(listed, people);
    let id = conversation.id;
    let place = conversation_path(id);

    for device in [&mut alice_phone, &mut alice_laptop] {
        let frames = drain(device).await;
        assert_eq!(kinds(&frames), ["sidebar.conversation"], "{frames:?}");
        assert_eq!(
            event(&frames[0]),
            ServerEvent::SidebarConversation(opened.clone())
        );
    }
    // Until it has a message, bob neither hears of it nor has it in his sidebar.
    assert_nothing_about(&mut bob_socket, &[&id.to_string()]).await;
    assert_nothing_about(&mut eve_socket, &[&id.to_string()]).await;
    assert!(sidebar_conversation(&sidebar(&gw, &bob_token).await, id).is_none());
    assert_eq!(
        sidebar_conversation(&sidebar(&gw, &alice_token).await, id),
        Some(&opened)
    );

    // Opening it again finds it (200, same id) and announces nothing.
    for participants in [json!([bob.id]), json!([bob.id, alice.id])] {
        let (status, body) = gw
            .post(
                &alice_token,
                "/api/v1/conversations",
                json!({"participantIDs": participants}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let found: SidebarConversation = parse!(body);
        assert_eq!(found.conversation.id, id);
    }
    for device in [&mut alice_phone, &mut alice_laptop, &mut bob_socket] {
        let frames = drain(device).await;
        assert!(frames.is_empty(), "{frames:?}");
    }

    // The first message: bob gets it live, and from now on his sidebar lists the conversation.
    let first = say(&gw, &alice_token, &place, "hi bob").await;
    for socket in [&mut bob_socket, &mut alice_phone, &mut alice_laptop] {
        assert_eq!(expect_event!(socket, "message.new", MessageNew), first);
    }
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "hi bob"]).await;
    let bobs = sidebar(&gw, &bob_token).await;
    let row = sidebar_conversation(&bobs, id).expect("bob's sidebar lists the conversation");
    assert_eq!(row.conversation.last_seq, first.seq);
    assert_eq!(row.membership.last_read_seq, 0);
    let (status, _) = gw.get(&bob_token, &place).await;
    assert_eq!(status, 200);

    let reply = say(&gw, &bob_token, &place, "hi alice").await;
    for socket in [&mut alice_phone, &mut alice_laptop, &mut bob_socket] {
        assert_eq!(expect_event!(socket, "message.new", MessageNew), reply);
    }

    // eve: not hers to see, read or write.
    for path in [place.clone(), format!("{place}/messages")] {
        assert_refused(
            gw.get(&eve_token, &path).await,
            404,
            "conversation_not_found",
        );
    }
    assert_refused(
        gw.post(
            &eve_token,
            &format!("{place}/messages"),
            json!({"body": "hi"}),
        )
        .await,
        404,
        "conversation_not_found",
    );
    assert_nothing_about(&mut eve_socket, &[&id.to_string()]).await;
    // A direct message cannot be left.
    assert_refused(
        gw.post(&bob_token, &format!("{place}/leave"), Value::Null)
            .await,
        400,
        "not_a_group",
    );
}

#[tokio::test]
async fn a_group_gains_and_loses_people_live() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (carol, carol_token) = gw.user("carol").await;
    let (dave, dave_token) = gw.user("dave").await;
    let (_eve, eve_token) = gw.user("eve").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut carol_socket = gw.connect(&carol_token).await;
    let mut dave_phone = gw.connect(&dave_token).await;
    let mut dave_laptop = gw.connect(&dave_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;

    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id, carol.id], "name": "Launch"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let opened: SidebarConversation = parse!(body);
    assert_eq!(opened.conversation.kind, ConversationKind::Group);
    assert_eq!(opened.conversation.name.as_deref(), Some("Launch"));
    let id = opened.conversation.id;
    let parent = Parent::Conversation(id);
    let place = conversation_path(id);
    let kickoff = say(&gw, &alice_token, &place, "kick-off").await;
    for socket in [&mut alice_socket, &mut bob_socket, &mut carol_socket] {
        assert_eq!(expect_event!(socket, "message.new", MessageNew), kickoff);
    }
    settle(&mut [&mut alice_socket]).await;

    // Adding dave: his open sockets get the row live; the others hear who came.
    let (status, body) = gw
        .post(
            &alice_token,
            &format!("{place}/participants"),
            json!({"userIDs": [dave.id]}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let grown: Conversation = parse!(body);
    assert_eq!(grown.participant_ids.len(), 4);
    assert!(grown.participant_ids.contains(&dave.id));
    for device in [&mut dave_phone, &mut dave_laptop] {
        let frames = drain(device).await;
        let rows: Vec<SidebarConversation> = frames
            .iter()
            .filter_map(|f| match event(f) {
                ServerEvent::SidebarConversation(row) => Some(row),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 1, "{frames:?}");
        assert_eq!(rows[0].conversation, grown);
        assert_eq!(rows[0].membership.parent_id, id.to_string());
        assert_eq!(rows[0].membership.parent_type, ParentType::Conversation);
    }
    for member in [&mut alice_socket, &mut bob_socket, &mut carol_socket] {
        let frames = drain(member).await;
        // The system message first: it is what makes the group visible to everyone in it.
        assert_eq!(
            kinds(&frames),
            ["message.new", "conversation.updated", "members.changed"],
            "{frames:?}"
        );
        assert_eq!(
            event(&frames[1]),
            ServerEvent::ConversationUpdated(grown.clone())
        );
        assert_eq!(
            event(&frames[2]),
            ServerEvent::MembersChanged(changed(parent, dave.id, MemberAction::Added, None))
        );
        let ServerEvent::MessageNew(note) = event(&frames[0]) else {
            panic!("{frames:?}");
        };
        assert_system(&note, SystemAction::Added, alice.id, Some(dave.id));
    }
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "Launch"]).await;

    // Later messages reach dave, who also reads the history from before he came.
    let hi = say(&gw, &bob_token, &place, "hi dave").await;
    for device in [&mut dave_phone, &mut dave_laptop] {
        assert_eq!(expect_event!(device, "message.new", MessageNew), hi);
    }
    let (status, body) = gw.get(&dave_token, &format!("{place}/messages")).await;
    assert_eq!(status, 200, "{body}");
    let page: MessagePage = parse!(body);
    assert!(page.items.iter().any(|m| m.id == kickoff.id));
    assert!(sidebar_conversation(&sidebar(&gw, &dave_token).await, id).is_some());
    settle(&mut [&mut alice_socket, &mut bob_socket, &mut carol_socket]).await;

    // carol leaves: her devices drop the row; the rest hear of it.
    let (status, body) = gw
        .post(&carol_token, &format!("{place}/leave"), Value::Null)
        .await;
    assert_eq!(status, 204, "{body}");
    let frames = drain(&mut carol_socket).await;
    assert_eq!(kinds(&frames), ["sidebar.removed"], "{frames:?}");
    assert_eq!(
        event(&frames[0]),
        ServerEvent::SidebarRemoved(removed(parent))
    );
    for member in [
        &mut alice_socket,
        &mut bob_socket,
        &mut dave_phone,
        &mut dave_laptop,
    ] {
        let frames = drain(member).await;
        assert_eq!(
            kinds(&frames),
            ["conversation.updated", "members.changed", "message.new"],
            "{frames:?}"
        );
        let ServerEvent::ConversationUpdated(shrunk) = event(&frames[0]) else {
            panic!("{frames:?}");
        };
        assert_eq!(shrunk.participant_ids.len(), 3);
        assert!(!shrunk.participant_ids.contains(&carol.id));
        assert_eq!(
            event(&frames[1]),
            ServerEvent::MembersChanged(changed(parent, carol.id, MemberAction::Left, None))
        );
        let ServerEvent::MessageNew(note) = event(&frames[2]) else {
            panic!("{frames:?}");
        };
        assert_system(&note, SystemAction::Left, carol.id, None);
    }

    // No more of the group for carol.
    let after = say(&gw, &alice_token, &place, "without carol").await;
    assert_eq!(
        expect_event!(&mut dave_phone, "message.new", MessageNew),
        after
    );
    assert_next_message_is_marker(&gw, &alice_token, &mut [&mut carol_socket]).await;
    assert_nothing_about(&mut carol_socket, &[&id.to_string()]).await;
    for path in [place.clone(), format!("{place}/messages")] {
        assert_refused(
            gw.get(&carol_token, &path).await,
            404,
            "conversation_not_found",
        );
    }
    assert_refused(
        gw.post(
            &carol_token,
            &format!("{place}/messages"),
            json!({"body": "hey"}),
        )
        .await,
        404,
        "conversation_not_found",
    );
    assert!(sidebar_conversation(&sidebar(&gw, &carol_token).await, id).is_none());
    assert_nothing_about(&mut eve_socket, &[&id.to_string()]).await;
}

#[tokio::test]
async fn sidebar_preferences_follow_the_user_to_their_other_devices_only() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let mut alice_phone = gw.connect(&alice_token).await;
    let mut alice_laptop = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;

    let id = create_channel(&gw, &alice_token, "team", "public")
        .await
        .channel
        .id;
    let place = channel_path(id);
    add_member(&gw, &alice_token, id, bob.id).await;
    let mut last = None;
    for text in ["one", "two", "three"] {
        last = Some(say(&gw, &bob_token, &place, text).await);
    }
    let last = last.unwrap();
    settle(&mut [&mut alice_phone, &mut alice_laptop, &mut bob_socket]).await;

    // Favourite on the phone: the laptop hears of it; bob hears nothing.
    let (status, body) = gw
        .patch(
            &alice_token,
            &format!("{place}/membership"),
            json!({"favorite": true}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let favourite: Membership = parse!(body);
    assert!(favourite.favorite);
    assert_eq!(favourite.parent_id, id.to_string());
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        favourite
    );
    let frames = drain(&mut bob_socket).await;
    assert!(frames.is_empty(), "{frames:?}");

    // A category: the laptop gets the new list.
    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/sidebar/categories",
            json!({"name": "Projects"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let projects: Category = parse!(body);
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.categories", SidebarCategories),
        vec![projects.clone()]
    );
    let (status, body) = gw
        .patch(
            &alice_token,
            &format!("{place}/membership"),
            json!({"categoryID": projects.id}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let filed: Membership = parse!(body);
    assert_eq!(filed.category_id, Some(projects.id));
    assert!(filed.favorite, "other settings stay");
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        filed
    );
    let frames = drain(&mut bob_socket).await;
    assert!(frames.is_empty(), "{frames:?}");

    // The phone, which made the calls, got the same three events.
    let frames = drain(&mut alice_phone).await;
    assert_eq!(
        kinds(&frames),
        [
            "sidebar.membership",
            "sidebar.categories",
            "sidebar.membership"
        ],
        "{frames:?}"
    );

    // bob's categories are his: alice hears nothing of them and cannot file into one.
    let (status, body) = gw
        .post(
            &bob_token,
            "/api/v1/sidebar/categories",
            json!({"name": "Mine"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let his: Category = parse!(body);
    assert_eq!(
        expect_event!(&mut bob_socket, "sidebar.categories", SidebarCategories),
        vec![his.clone()]
    );
    assert_refused(
        gw.patch(
            &alice_token,
            &format!("{place}/membership"),
            json!({"categoryID": his.id}),
        )
        .await,
        404,
        "category_not_found",
    );
    for device in [&mut alice_phone, &mut alice_laptop] {
        let frames = assert_no_event(device, "sidebar.categories", WAIT).await;
        assert!(frames.is_empty(), "{frames:?}");
    }

    // Reading: the read point moves forward, the laptop follows; it never moves back.
    let (status, body) = gw
        .post(
            &alice_token,
            &format!("{place}/read"),
            json!({"seq": last.seq}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let read: Membership = parse!(body);
    assert_eq!(read.last_read_seq, last.seq);
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        read
    );
    let (status, body) = gw
        .post(&alice_token, &format!("{place}/read"), json!({"seq": 1}))
        .await;
    assert_eq!(status, 200, "{body}");
    let unchanged: Membership = parse!(body);
    assert_eq!(unchanged.last_read_seq, last.seq);
    let frames = drain(&mut bob_socket).await;
    assert!(frames.is_empty(), "{frames:?}");

    // The sidebar as read afresh agrees, and bob's own row is untouched.
    let alices = sidebar(&gw, &alice_token).await;
    let row = sidebar_channel(&alices, id).unwrap();
    assert!(row.membership.favorite);
    assert_eq!(row.membership.category_id, Some(projects.id));
    assert_eq!(row.membership.last_read_seq, last.seq);
    assert_eq!(alices.categories, vec![projects]);
    let bobs = sidebar(&gw, &bob_token).await;
    let row = sidebar_channel(&bobs, id).unwrap();
    assert!(!row.membership.favorite);
    assert_eq!(row.membership.category_id, None);
    assert_eq!(row.membership.last_read_seq, 0);
    assert_eq!(bobs.categories, vec![his]);
}

// Bugs found in the API (shared/), pinned until fixed.

#[tokio::test]

async fn a_read_point_past_the_newest_message_is_not_recorded() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let place = channel_path(ChannelId::GENERAL);
    let newest = say(&gw, &alice_token, &place, "the only message").await;

    let (status, body) = gw
        .post(&alice_token, &format!("{place}/read"), json!({"seq": 1000}))
        .await;
    // A read point beyond the newest message would mark every later message read before it
    // is written: refuse it (400) or hold it at the newest message.
    if status == 200 {
        let read: Membership = parse!(body);
        assert!(
            read.last_read_seq <= newest.seq,
            "lastReadSeq {} past lastSeq {}",
            read.last_read_seq,
            newest.seq
        );
    } else {
        assert_eq!(status, 400, "{body}");
    }
    let later = say(&gw, &alice_token, &place, "written later").await;
    let row = sidebar(&gw, &alice_token).await;
    let row = sidebar_channel(&row, ChannelId::GENERAL).unwrap();
    assert!(row.membership.last_read_seq <= later.seq);
}

#[tokio::test]

async fn opening_a_direct_message_someone_else_started_puts_it_in_the_openers_sidebar() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let mut bob_laptop = gw.connect(&bob_token).await;
    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let started: SidebarConversation = parse!(body);

    // bob opens the same conversation from his phone before anyone has written in it.
    let (status, body) = gw
        .post(
            &bob_token,
            "/api/v1/conversations",
            json!({"participantIDs": [alice.id]}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let opened: SidebarConversation = parse!(body);
    assert_eq!(opened.conversation.id, started.conversation.id);

    // He opened it, so it is his as much as alice's: his other devices and his sidebar have it,
    // as they would had he been first.
    assert!(
        sidebar_conversation(&sidebar(&gw, &bob_token).await, opened.conversation.id).is_some(),
        "bob's sidebar does not list the conversation he just opened"
    );
    let frames = drain(&mut bob_laptop).await;
    assert_eq!(kinds(&frames), ["sidebar.conversation"], "{frames:?}");
}

#[tokio::test]

async fn renaming_a_group_before_its_first_message_reaches_only_who_can_see_it() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (carol, _carol_token) = gw.user("carol").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let (status, body) = gw
        .post(
            &alice_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id, carol.id]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let opened: SidebarConversation = parse!(body);
    let id = opened.conversation.id;
    settle(&mut [&mut alice_socket]).await;

    let (status, body) = gw
        .patch(
            &alice_token,
            &conversation_path(id),
            json!({"name": "Surprise party"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let renamed: Conversation = parse!(body);
    assert_eq!(
        expect_event!(
            &mut alice_socket,
            "conversation.updated",
            ConversationUpdated
        ),
        renamed
    );
    // bob cannot see the group yet (no message; not in his sidebar), so he hears nothing of it.
    assert!(sidebar_conversation(&sidebar(&gw, &bob_token).await, id).is_none());
    assert_nothing_about(&mut bob_socket, &[&id.to_string(), "Surprise party"]).await;
}
