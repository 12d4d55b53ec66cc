//! A channel itself, live: a private one reaches its creator's devices and nobody else, and a
//! rename, a new description, an archive and an unarchive reach its members only (an archived
//! channel is read-only).

use domain::sidebar::SidebarChannel;

use super::*;

#[tokio::test]
async fn a_private_channel_reaches_its_creator_and_nobody_else() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token, [mut alice_phone, mut alice_laptop]) = gw.online("alice").await;
    let (eve, eve_token, [mut eve_socket]) = gw.online("eve").await;

    let body = json!({"name": "secret-plans", "type": "private", "description": "the launch"});
    let created: SidebarChannel =
        answered!(gw.post(&alice_token, "/api/v1/channels", body).await, 201);
    assert_eq!(created.channel.kind, ChannelType::Private);
    assert_eq!(created.membership.role, ChannelRole::Owner);
    let id = created.channel.id;
    let id_text = id.to_string();

    for device in [&mut alice_phone, &mut alice_laptop] {
        let frames = expect_frames(device, &["sidebar.channel"]).await;
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
    let reads = [
        place.clone(),
        "/api/v1/channels/secret-plans".to_string(),
        format!("{place}/members"),
        format!("{place}/messages"),
    ];
    assert_hidden(&gw, &eve_token, &place, &reads, "channel_not_found").await;
    // Nor can she act on it otherwise.
    for (method, action, body) in [
        (reqwest::Method::POST, "join", Value::Null),
        (
            reqwest::Method::PATCH,
            "membership",
            json!({"favorite": true}),
        ),
        (reqwest::Method::POST, "read", json!({"seq": 1})),
        (reqwest::Method::POST, "members", json!({"userID": eve.id})),
    ] {
        let path = format!("{place}/{action}");
        let answer = gw.call(method, &eve_token, &path, body).await;
        assert_refused(answer, 404, "channel_not_found");
    }

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

/// Fails the test unless each of `members` hears next that the channel is now `channel`.
async fn assert_updated(members: &mut [&mut Socket], channel: &Channel) {
    for member in members.iter_mut() {
        let heard = expect_event!(member, "channel.updated", ChannelUpdated);
        assert_eq!(&heard, channel);
    }
}

#[tokio::test]
async fn channel_changes_reach_members_only_and_an_archived_channel_is_read_only() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (eve, eve_token, [mut eve_socket]) = gw.online("eve").await;

    let id = create_channel(&gw, &alice_token, "design", "public").await;
    let place = channel_path(id);
    add_member(&gw, &alice_token, id, bob.id).await;
    let early = say(&gw, &alice_token, &place, "before the archive").await;
    settle(&mut [&mut alice_socket, &mut bob_socket]).await;

    // Rename: to members, not to eve (who may see the public channel but is not in it).
    let rename = gw
        .patch(&alice_token, &place, json!({"name": "design-team"}))
        .await;
    let renamed: Channel = answered!(rename, 200);
    assert_eq!(
        (renamed.name.as_str(), renamed.slug.as_str()),
        ("design-team", "design-team")
    );
    assert_updated(&mut [&mut alice_socket, &mut bob_socket], &renamed).await;
    assert_nothing_about(&mut eve_socket, &[&id.to_string(), "design"]).await;
    let old_slug = gw.get(&eve_token, "/api/v1/channels/design").await;
    let resolved: Channel = answered!(old_slug, 200);
    assert_eq!(resolved.id, id, "the old slug still resolves");

    let description = json!({"description": "Pixels and type"});
    let described: Channel = answered!(gw.patch(&alice_token, &place, description).await, 200);
    assert_eq!(described.description, "Pixels and type");
    assert_updated(&mut [&mut alice_socket, &mut bob_socket], &described).await;
    assert_no_event(&mut eve_socket, "channel.updated", WAIT).await;

    // A plain member may neither rename nor archive; nobody hears of the attempts.
    assert_refused(
        gw.patch(&bob_token, &place, json!({"name": "mine"})).await,
        403,
        "not_allowed",
    );
    assert_refused(
        act(&gw, &bob_token, &place, "archive").await,
        403,
        "not_allowed",
    );
    assert_quiet(&mut [&mut alice_socket, &mut bob_socket, &mut eve_socket]).await;

    // Archive: members hear of it; nobody can write; members keep reading.
    let archive = act(&gw, &alice_token, &place, "archive").await;
    let archived: Channel = answered!(archive, 200);
    assert!(archived.archived);
    assert_updated(&mut [&mut alice_socket, &mut bob_socket], &archived).await;
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
        act(&gw, &eve_token, &place, "join").await,
        409,
        "channel_archived",
    );
    let add_eve = json!({"userID": eve.id});
    assert_refused(
        gw.post(&alice_token, &format!("{place}/members"), add_eve)
            .await,
        409,
        "channel_archived",
    );
    assert!(!directory(&gw, &eve_token, "").await.contains(&id));
    // Refusals send nothing.
    assert_quiet(&mut [&mut alice_socket, &mut bob_socket, &mut eve_socket]).await;

    // Unarchive: members hear of it and the channel takes messages again.
    let unarchive = act(&gw, &alice_token, &place, "unarchive").await;
    let reopened: Channel = answered!(unarchive, 200);
    assert!(!reopened.archived);
    assert_updated(&mut [&mut alice_socket, &mut bob_socket], &reopened).await;
    assert_no_event(&mut eve_socket, "channel.updated", WAIT).await;
    let again = say(&gw, &bob_token, &place, "we are back").await;
    assert_eq!(
        expect_event!(&mut alice_socket, "message.new", MessageNew),
        again
    );
    assert!(directory(&gw, &eve_token, "").await.contains(&id));
}
