//! Typing and presence over real WebSockets: typing reaches the other members only, throttled;
//! presence follows connections and away frames, kept in Redis.

use domain::presence::PresenceStatus;
use futures::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::{ServerEvent, Socket, assert_no_event, next_event, spawn_gateway};

async fn send(socket: &mut Socket, frame: serde_json::Value) {
    socket.send(Frame::text(frame.to_string())).await.unwrap();
}

#[tokio::test]
async fn typing_reaches_the_other_members_only_and_is_throttled() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (_eve, eve_token) = gw.user("eve").await;
    let channel = gw.channel("crew", &[ann.id, bob.id]).await;
    let mut ann_socket = gw.connect(&ann_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut eve_socket = gw.connect(&eve_token).await;
    let typing = json!({"type": "typing", "parentID": channel.id, "parentType": "channel"});

    send(&mut ann_socket, typing.clone()).await;
    match next_event(&mut bob_socket, "typing").await {
        ServerEvent::Typing(t) => {
            assert_eq!((t.user_id, t.parent_id), (ann.id, channel.id.to_string()))
        }
        other => panic!("{other:?}"),
    }
    // A second frame within the throttle window sends nothing more.
    send(&mut ann_socket, typing).await;
    let within = std::time::Duration::from_millis(500);
    assert_no_event(&mut bob_socket, "typing", within).await;
    assert_no_event(&mut ann_socket, "typing", within).await;
    assert_no_event(&mut eve_socket, "typing", within).await;
    // A thread is a place of its own, with its own window.
    let root = domain::MessageId::new();
    send(
        &mut ann_socket,
        json!({"type": "typing", "parentID": channel.id, "parentType": "channel",
            "threadRootID": root}),
    )
    .await;
    match next_event(&mut bob_socket, "typing").await {
        ServerEvent::Typing(t) => assert_eq!(t.thread_root_id, Some(root)),
        other => panic!("{other:?}"),
    }
    assert_no_event(&mut eve_socket, "typing", within).await;

    // Typing where one is not a member is refused with an error frame; the socket still works.
    send(
        &mut eve_socket,
        json!({"type": "typing", "parentID": channel.id, "parentType": "channel"}),
    )
    .await;
    match next_event(&mut eve_socket, "error").await {
        ServerEvent::Error(e) => assert_eq!(e.code, "channel_not_found"),
        other => panic!("{other:?}"),
    }
    for (bad, code) in [
        (
            json!({"type": "typing", "parentID": "nope", "parentType": "channel"}),
            "channel_not_found",
        ),
        (
            json!({"type": "typing", "parentID": domain::ChannelId::new(), "parentType": "channel"}),
            "channel_not_found",
        ),
        (
            json!({"type": "typing", "parentID": domain::ConversationId::new(),
                "parentType": "conversation"}),
            "conversation_not_found",
        ),
        (
            json!({"type": "typing", "parentID": channel.id, "parentType": "channel",
                "threadRootID": "not-a-message"}),
            "invalid_frame",
        ),
    ] {
        send(&mut eve_socket, bad.clone()).await;
        match next_event(&mut eve_socket, "error").await {
            ServerEvent::Error(e) => assert_eq!(e.code, code, "{bad}"),
            other => panic!("{other:?}"),
        }
    }
    send(&mut eve_socket, json!({"type": "ping"})).await;
    next_event(&mut eve_socket, "pong").await;
}

/// The next presence change `socket` hears of.
async fn presence_change(socket: &mut Socket) -> (domain::UserId, PresenceStatus) {
    match next_event(socket, "presence.changed").await {
        ServerEvent::PresenceChanged(p) => (p.user_id, p.status),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn presence_follows_connections_and_away_frames() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token) = gw.user("bob").await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let status_of = |answer: &serde_json::Value| answer[0]["status"].as_str().map(str::to_string);
    let quiet = std::time::Duration::from_millis(300);

    let (_, before) = gw
        .get(&bob_token, &format!("/api/v1/presence?ids={}", ann.id))
        .await;
    assert_eq!(status_of(&before).as_deref(), Some("offline"));

    let mut ann_phone = gw.connect(&ann_token).await;
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Online)
    );
    let online_heard = tokio::time::Instant::now();
    let mut ann_laptop = gw.connect(&ann_token).await;
    // A second device changes nothing others see.
    assert_no_event(&mut bob_socket, "presence.changed", quiet).await;

    // Away once every device says so: the phone in a pocket does not make ann away.
    send(
        &mut ann_phone,
        json!({"type": "presence", "status": "away"}),
    )
    .await;
    assert_no_event(&mut bob_socket, "presence.changed", quiet).await;
    send(
        &mut ann_laptop,
        json!({"type": "presence", "status": "away"}),
    )
    .await;
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Away)
    );
    // Throttled: not within the window that began when "online" went out.
    let window = std::time::Duration::from_secs(domain::limits::PRESENCE_THROTTLE_SECONDS);
    assert!(
        online_heard.elapsed() + std::time::Duration::from_millis(200) >= window,
        "away came {:?} after online",
        online_heard.elapsed()
    );
    let (_, away) = gw
        .get(
            &bob_token,
            &format!("/api/v1/presence?ids={},{}", ann.id, bob.id),
        )
        .await;
    assert_eq!(status_of(&away).as_deref(), Some("away"));
    assert_eq!(away[1]["status"], "online");

    send(
        &mut ann_laptop,
        json!({"type": "presence", "status": "online"}),
    )
    .await;
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Online)
    );
    // The active laptop closes: what is left is away.
    ann_laptop.close(None).await.unwrap();
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Away)
    );
    // Offline when the last connection is gone.
    ann_phone.close(None).await.unwrap();
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Offline)
    );
    let (status, answer) = gw.get(&bob_token, "/api/v1/presence?ids=not-an-id").await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (400, Some("invalid_id"))
    );
    let many: Vec<String> = (0..=domain::limits::USERS_BATCH_MAX)
        .map(|_| domain::UserId::new().to_string())
        .collect();
    let (status, answer) = gw
        .get(
            &bob_token,
            &format!("/api/v1/presence?ids={}", many.join(",")),
        )
        .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (400, Some("too_many_ids"))
    );
    // A frame that says offline is refused: offline follows from closing.
    send(
        &mut bob_socket,
        json!({"type": "presence", "status": "offline"}),
    )
    .await;
    match next_event(&mut bob_socket, "error").await {
        ServerEvent::Error(e) => assert_eq!(e.code, "invalid_presence"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn notifications_follow_mentions_conversations_mutes_and_settings() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (cy, cy_token) = gw.user("cy").await;
    let channel = gw.channel("crew", &[ann.id, bob.id, cy.id]).await;
    let place = format!("/api/v1/channels/{}", channel.id);
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut cy_socket = gw.connect(&cy_token).await;
    let quiet = std::time::Duration::from_millis(300);
    let kind_of = |event: ServerEvent| match event {
        ServerEvent::NotificationNew(n) => (n.kind, n.excerpt),
        other => panic!("{other:?}"),
    };

    // A plain channel message notifies nobody.
    let (status, _) = gw
        .post(
            &ann_token,
            &format!("{place}/messages"),
            json!({"body": "fyi"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_no_event(&mut bob_socket, "notification.new", quiet).await;

    // cy mutes the channel: @all skips cy, a mention by handle still reaches cy.
    let (status, _) = gw
        .patch(
            &cy_token,
            &format!("{place}/membership"),
            json!({"muted": true}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = gw
        .post(
            &ann_token,
            &format!("{place}/messages"),
            json!({"body": "@all standup\nnow"}),
        )
        .await;
    assert_eq!(status, 201);
    let (kind, excerpt) = kind_of(next_event(&mut bob_socket, "notification.new").await);
    assert_eq!(
        (kind, excerpt.as_str()),
        (
            domain::notifications::NotificationKind::Mention,
            "@all standup now"
        )
    );
    assert_no_event(&mut cy_socket, "notification.new", quiet).await;
    let body = format!("@{} please", cy.handle);
    gw.post(
        &ann_token,
        &format!("{place}/messages"),
        json!({"body": body}),
    )
    .await;
    let (kind, _) = kind_of(next_event(&mut cy_socket, "notification.new").await);
    assert_eq!(kind, domain::notifications::NotificationKind::Mention);

    // A direct message notifies the other person, unless their settings say nothing.
    let (_, dm) = gw
        .post(
            &ann_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id]}),
        )
        .await;
    let dm = format!(
        "/api/v1/conversations/{}/messages",
        dm["conversation"]["id"].as_str().unwrap()
    );
    gw.post(&ann_token, &dm, json!({"body": "psst"})).await;
    let (kind, _) = kind_of(next_event(&mut bob_socket, "notification.new").await);
    assert_eq!(kind, domain::notifications::NotificationKind::Message);
    let (status, _) = gw
        .call(
            reqwest::Method::PUT,
            &bob_token,
            "/api/v1/me/notifications",
            json!({"level": "nothing", "desktop": false, "sound": false}),
        )
        .await;
    assert_eq!(status, 200);
    gw.post(&ann_token, &dm, json!({"body": "psst again"}))
        .await;
    next_event(&mut bob_socket, "message.new").await;
    assert_no_event(&mut bob_socket, "notification.new", quiet).await;
    let _ = ann;
}
