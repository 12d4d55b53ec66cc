//! A channel's members, live: someone added gets the channel on every open device, joining and
//! leaving a public channel, and an admin's role change and removal. The members hear each
//! change with its system message, the person concerned gets or drops the sidebar row, and
//! someone who left hears no more of the channel.

use domain::channel::MemberPage;
use domain::events::MemberAction;
use domain::message::SystemAction;
use domain::sidebar::SidebarChannel;
use domain::{Parent, ParentType};

use super::*;

/// Fails the test unless `member` hears next of `change`, then its system message: `action` by
/// `actor` (on `target`).
async fn assert_heard(
    member: &mut Socket,
    change: domain::events::MembersChanged,
    (action, actor, target): (SystemAction, UserId, Option<UserId>),
) -> Message {
    assert_eq!(
        expect_event!(member, "members.changed", MembersChanged),
        change
    );
    let note = expect_event!(member, "message.new", MessageNew);
    assert_system(&note, action, actor, target);
    note
}

#[tokio::test]
async fn an_added_member_gets_the_channel_live_on_every_device() {
    let gw = spawn_gateway().await;
    let (alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_phone, mut bob_laptop]) = gw.online("bob").await;
    let (carol, carol_token, [mut carol_socket]) = gw.online("carol").await;
    let (_eve, _, [mut eve_socket]) = gw.online("eve").await;

    let id = create_channel(&gw, &alice_token, "project-x", "private").await;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    add_member(&gw, &alice_token, id, carol.id).await;
    settle(&mut [&mut alice_socket, &mut carol_socket]).await;

    let add_bob = gw
        .post(
            &alice_token,
            &format!("{place}/members"),
            json!({"userID": bob.id}),
        )
        .await;
    let body: Value = answered!(add_bob, 201);
    assert_eq!(body["userID"], bob.id.to_string());
    assert_eq!(body["role"], "member");

    // Both of bob's already-open sockets hear (as a member now) the change and its system
    // message like everyone else, then learn of the channel, that line unread.
    for device in [&mut bob_phone, &mut bob_laptop] {
        let frames = expect_frames(
            device,
            &["members.changed", "message.new", "sidebar.channel"],
        )
        .await;
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
        let change = changed(
            parent,
            bob.id,
            MemberAction::Added,
            Some(ChannelRole::Member),
        );
        let note_of = (SystemAction::Added, alice.id, Some(bob.id));
        let note = assert_heard(member, change, note_of).await;
        assert_eq!(note.parent_id, id.to_string());
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
    let members: MemberPage = answered!(gw.get(&bob_token, &format!("{place}/members")).await, 200);
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
    let page = gw.page(&bob_token, id, "").await;
    assert!(page.items.iter().any(|m| m.id == sent.id));

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
    assert_quiet(&mut [&mut alice_socket, &mut bob_phone, &mut carol_socket]).await;
}

#[tokio::test]
async fn joining_and_leaving_a_public_channel() {
    let gw = spawn_gateway().await;
    let (alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_phone, mut bob_laptop]) = gw.online("bob").await;

    let id = create_channel(&gw, &alice_token, "town-square", "public").await;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    settle(&mut [&mut alice_socket]).await;
    // A new public channel is in the directory, not announced to everyone.
    assert_nothing_about(&mut bob_phone, &[&id.to_string()]).await;
    assert!(directory(&gw, &bob_token, "").await.contains(&id));

    let join = act(&gw, &bob_token, &place, "join").await;
    let joined: SidebarChannel = answered!(join, 200);
    assert_eq!(joined.membership.role, ChannelRole::Member);
    for device in [&mut bob_phone, &mut bob_laptop] {
        let frames = expect_frames(
            device,
            &["members.changed", "message.new", "sidebar.channel"],
        )
        .await;
        assert_eq!(
            event(&frames[2]),
            ServerEvent::SidebarChannel(joined.clone())
        );
    }
    let change = changed(
        parent,
        bob.id,
        MemberAction::Joined,
        Some(ChannelRole::Member),
    );
    assert_heard(
        &mut alice_socket,
        change,
        (SystemAction::Joined, bob.id, None),
    )
    .await;

    // Joining again changes nothing and tells nobody.
    let again = act(&gw, &bob_token, &place, "join").await;
    let _: Value = answered!(again, 200);
    assert_quiet(&mut [&mut alice_socket, &mut bob_phone, &mut bob_laptop]).await;

    let hello = say(&gw, &alice_token, &place, "hello bob").await;
    for device in [&mut bob_phone, &mut bob_laptop] {
        assert_eq!(expect_event!(device, "message.new", MessageNew), hello);
    }

    // Leaving: bob's devices drop the row; alice hears of it with a system message.
    let leave = act(&gw, &bob_token, &place, "leave").await;
    let _: Value = answered!(leave, 204);
    for device in [&mut bob_phone, &mut bob_laptop] {
        assert_sidebar_removed(device, parent).await;
    }
    let change = changed(parent, bob.id, MemberAction::Left, None);
    assert_heard(
        &mut alice_socket,
        change,
        (SystemAction::Left, bob.id, None),
    )
    .await;

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

    // His REST view: out of his sidebar, still in the directory; a public channel's history
    // he may preview, as anyone in the workspace, but not write to until he joins again.
    assert!(sidebar_channel(&sidebar(&gw, &bob_token).await, id).is_none());
    assert!(directory(&gw, &bob_token, "").await.contains(&id));
    let page = gw.page(&bob_token, id, "").await;
    assert!(page.items.iter().any(|m| m.id == after.id));
    assert_refused(
        gw.post(
            &bob_token,
            &format!("{place}/messages"),
            json!({"body": "back?"}),
        )
        .await,
        403,
        "not_a_member",
    );
    assert_refused(
        act(&gw, &bob_token, &place, "leave").await,
        403,
        "not_a_member",
    );
    // The only owner cannot leave, and nobody leaves #general.
    assert_refused(
        act(&gw, &alice_token, &place, "leave").await,
        409,
        "last_owner",
    );
    let general = channel_path(ChannelId::GENERAL);
    assert_refused(
        act(&gw, &alice_token, &general, "leave").await,
        403,
        "general_is_fixed",
    );
    assert_eq!(alice.id, after.author_id);
}

#[tokio::test]
async fn an_admin_removes_a_member_who_then_hears_nothing_more() {
    let gw = spawn_gateway().await;
    let (alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (carol, carol_token, [mut carol_phone, mut carol_laptop]) = gw.online("carol").await;
    let (dave, dave_token, [mut dave_socket]) = gw.online("dave").await;

    let id = create_channel(&gw, &alice_token, "ops", "private").await;
    let parent = Parent::Channel(id);
    let place = channel_path(id);
    for user in [bob.id, carol.id, dave.id] {
        add_member(&gw, &alice_token, id, user).await;
    }
    let mut everyone = [
        &mut alice_socket,
        &mut bob_socket,
        &mut carol_phone,
        &mut carol_laptop,
        &mut dave_socket,
    ];
    settle(&mut everyone).await;

    // alice makes bob an admin: every member hears of it.
    let promote = gw
        .patch(
            &alice_token,
            &format!("{place}/members/{}", bob.id),
            json!({"role": "admin"}),
        )
        .await;
    let body: Value = answered!(promote, 200);
    assert_eq!(body["role"], "admin");
    for socket in everyone {
        let frames = expect_frames(socket, &["members.changed"]).await;
        let change = changed(parent, bob.id, MemberAction::Role, Some(ChannelRole::Admin));
        assert_eq!(event(&frames[0]), ServerEvent::MembersChanged(change));
    }

    // A plain member may not remove anyone.
    assert_refused(
        gw.delete(&dave_token, &format!("{place}/members/{}", carol.id))
            .await,
        403,
        "not_allowed",
    );

    let remove = gw
        .delete(&bob_token, &format!("{place}/members/{}", carol.id))
        .await;
    let _: Value = answered!(remove, 204);
    for device in [&mut carol_phone, &mut carol_laptop] {
        assert_sidebar_removed(device, parent).await;
    }
    for member in [&mut alice_socket, &mut bob_socket, &mut dave_socket] {
        let frames = expect_frames(member, &["members.changed", "message.new"]).await;
        let change = changed(parent, carol.id, MemberAction::Removed, None);
        assert_eq!(event(&frames[0]), ServerEvent::MembersChanged(change));
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
    let carol_devices = &mut [&mut carol_phone, &mut carol_laptop];
    assert_next_message_is_marker(&gw, &alice_token, carol_devices).await;
    assert_nothing_about(&mut carol_phone, &[&id.to_string()]).await;
    let reads = [
        place.clone(),
        format!("{place}/members"),
        format!("{place}/messages"),
    ];
    assert_hidden(&gw, &carol_token, &place, &reads, "channel_not_found").await;
    assert!(sidebar_channel(&sidebar(&gw, &carol_token).await, id).is_none());
    assert_refused(
        gw.delete(&bob_token, &format!("{place}/members/{}", carol.id))
            .await,
        404,
        "member_not_found",
    );
    assert_eq!(after.author_id, alice.id);
}
