//! Direct messages and groups, live: a direct message reaches the other person with its first
//! message, a group gains and loses people, and who may not see a conversation hears nothing
//! of it.

use domain::Parent;
use domain::ParentType;
use domain::conversation::{Conversation, ConversationKind};
use domain::events::MemberAction;
use domain::message::SystemAction;
use domain::sidebar::SidebarConversation;

use super::*;

#[tokio::test]
async fn a_direct_message_reaches_the_other_person_with_its_first_message() {
    let gw = spawn_gateway().await;
    let (alice, alice_token, [mut alice_phone, mut alice_laptop]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (_eve, eve_token, [mut eve_socket]) = gw.online("eve").await;

    let with_bob = json!({"participantIDs": [bob.id]});
    let opened = open_conversation(&gw, &alice_token, with_bob, 201).await;
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
        let frames = expect_frames(device, &["sidebar.conversation"]).await;
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
        let body = json!({"participantIDs": participants});
        let found = open_conversation(&gw, &alice_token, body, 200).await;
        assert_eq!(found.conversation.id, id);
    }
    assert_quiet(&mut [&mut alice_phone, &mut alice_laptop, &mut bob_socket]).await;

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
    let reads = [place.clone(), format!("{place}/messages")];
    assert_hidden(&gw, &eve_token, &place, &reads, "conversation_not_found").await;
    assert_nothing_about(&mut eve_socket, &[&id.to_string()]).await;
    // A direct message cannot be left.
    assert_refused(
        act(&gw, &bob_token, &place, "leave").await,
        400,
        "not_a_group",
    );
}

#[tokio::test]
async fn a_group_gains_and_loses_people_live() {
    let gw = spawn_gateway().await;
    let (alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (carol, carol_token, [mut carol_socket]) = gw.online("carol").await;
    let (dave, dave_token, [mut dave_phone, mut dave_laptop]) = gw.online("dave").await;
    let (_eve, _, [mut eve_socket]) = gw.online("eve").await;

    let launch = json!({"participantIDs": [bob.id, carol.id], "name": "Launch"});
    let opened = open_conversation(&gw, &alice_token, launch, 201).await;
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
    let add_dave = json!({"userIDs": [dave.id]});
    let added = gw
        .post(&alice_token, &format!("{place}/participants"), add_dave)
        .await;
    let grown: Conversation = answered!(added, 200);
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
        // The system message first: it is what makes the group visible to everyone in it.
        let expected = ["message.new", "conversation.updated", "members.changed"];
        let frames = expect_frames(member, &expected).await;
        assert_eq!(
            event(&frames[1]),
            ServerEvent::ConversationUpdated(grown.clone())
        );
        let change = changed(parent, dave.id, MemberAction::Added, None);
        assert_eq!(event(&frames[2]), ServerEvent::MembersChanged(change));
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
    let history = gw.get(&dave_token, &format!("{place}/messages")).await;
    let page: MessagePage = answered!(history, 200);
    assert!(page.items.iter().any(|m| m.id == kickoff.id));
    assert!(sidebar_conversation(&sidebar(&gw, &dave_token).await, id).is_some());
    settle(&mut [&mut alice_socket, &mut bob_socket, &mut carol_socket]).await;

    // carol leaves: her devices drop the row; the rest hear of it.
    let leave = act(&gw, &carol_token, &place, "leave").await;
    let _: Value = answered!(leave, 204);
    assert_sidebar_removed(&mut carol_socket, parent).await;
    for member in [
        &mut alice_socket,
        &mut bob_socket,
        &mut dave_phone,
        &mut dave_laptop,
    ] {
        let expected = ["conversation.updated", "members.changed", "message.new"];
        let frames = expect_frames(member, &expected).await;
        let ServerEvent::ConversationUpdated(shrunk) = event(&frames[0]) else {
            panic!("{frames:?}");
        };
        assert_eq!(shrunk.participant_ids.len(), 3);
        assert!(!shrunk.participant_ids.contains(&carol.id));
        let change = changed(parent, carol.id, MemberAction::Left, None);
        assert_eq!(event(&frames[1]), ServerEvent::MembersChanged(change));
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
    let reads = [place.clone(), format!("{place}/messages")];
    assert_hidden(&gw, &carol_token, &place, &reads, "conversation_not_found").await;
    assert!(sidebar_conversation(&sidebar(&gw, &carol_token).await, id).is_none());
    assert_nothing_about(&mut eve_socket, &[&id.to_string()]).await;
}

// Bugs found in the API (shared/), pinned until fixed.

#[tokio::test]
async fn opening_a_direct_message_someone_else_started_puts_it_in_the_openers_sidebar() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token, [mut bob_laptop]) = gw.online("bob").await;
    let with_bob = json!({"participantIDs": [bob.id]});
    let started = open_conversation(&gw, &alice_token, with_bob, 201).await;

    // bob opens the same conversation from his phone before anyone has written in it.
    let with_alice = json!({"participantIDs": [alice.id]});
    let opened = open_conversation(&gw, &bob_token, with_alice, 200).await;
    assert_eq!(opened.conversation.id, started.conversation.id);

    // He opened it, so it is his as much as alice's: his other devices and his sidebar have it,
    // as they would had he been first.
    assert!(
        sidebar_conversation(&sidebar(&gw, &bob_token).await, opened.conversation.id).is_some(),
        "bob's sidebar does not list the conversation he just opened"
    );
    expect_frames(&mut bob_laptop, &["sidebar.conversation"]).await;
}

#[tokio::test]
async fn renaming_a_group_before_its_first_message_reaches_only_who_can_see_it() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (carol, _carol_token) = gw.user("carol").await;
    let group = json!({"participantIDs": [bob.id, carol.id]});
    let opened = open_conversation(&gw, &alice_token, group, 201).await;
    let id = opened.conversation.id;
    settle(&mut [&mut alice_socket]).await;

    let name = json!({"name": "Surprise party"});
    let renamed: Conversation = answered!(
        gw.patch(&alice_token, &conversation_path(id), name).await,
        200,
    );
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
