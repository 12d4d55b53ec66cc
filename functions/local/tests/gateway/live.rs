//! Typing and presence over real WebSockets: typing reaches the other members only, throttled;
//! presence follows connections and away frames, kept in Redis, and reaches only the sockets
//! that subscribed to that person and may see them.

use domain::UserId;
use domain::presence::PresenceStatus;
use futures::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::{
    ServerEvent, Socket, WAIT, assert_no_event, assert_nothing_about, drain_all_within, kinds,
    next_event, spawn_gateway,
};

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

/// Subscribes `socket` to the presence of `people` (subscription number `version`) and returns
/// the answer: the status of each of them the subscriber may see.
async fn subscribe(
    socket: &mut Socket,
    people: &[UserId],
    version: u64,
) -> Vec<(UserId, PresenceStatus)> {
    send(
        socket,
        json!({"type": "presence.subscribe", "userIDs": people, "version": version}),
    )
    .await;
    match next_event(socket, "presence.subscribed").await {
        ServerEvent::PresenceSubscribed(answer) => {
            assert_eq!(answer.version, version);
            answer
                .statuses
                .into_iter()
                .map(|p| (p.user_id, p.status))
                .collect()
        }
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
    assert_eq!(
        subscribe(&mut bob_socket, &[ann.id], 1).await,
        [(ann.id, PresenceStatus::Offline)]
    );

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
async fn presence_reaches_only_the_sockets_watching_that_person() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (cy, cy_token) = gw.user("cy").await;
    let mut bob_socket = gw.connect(&bob_token).await;
    let mut bob_other_tab = gw.connect(&bob_token).await;
    let mut cy_socket = gw.connect(&cy_token).await;
    // bob shows ann (and himself) in one tab, nobody in the other; cy shows only bob.
    let mut answer = subscribe(&mut bob_socket, &[ann.id, bob.id, ann.id], 1).await;
    answer.sort_unstable_by_key(|(id, _)| *id);
    let mut expected = vec![
        (ann.id, PresenceStatus::Offline),
        (bob.id, PresenceStatus::Online),
    ];
    expected.sort_unstable_by_key(|(id, _)| *id);
    assert_eq!(answer, expected, "each person once, as they are now");
    subscribe(&mut cy_socket, &[bob.id], 1).await;

    let mut ann_socket = gw.connect(&ann_token).await;
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Online)
    );
    // The marker (a ping answered after everything already on its way) bounds the wait.
    assert_nothing_about(&mut cy_socket, &[&ann.id.to_string()]).await;
    assert_nothing_about(&mut bob_other_tab, &[&ann.id.to_string()]).await;
    ann_socket.close(None).await.unwrap();
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (ann.id, PresenceStatus::Offline)
    );
    assert_nothing_about(&mut cy_socket, &[&ann.id.to_string()]).await;

    // Too many people, or something that is not a user id, is refused; the socket stays.
    let many: Vec<UserId> = (0..=domain::limits::PRESENCE_WATCH_MAX)
        .map(|_| UserId::new())
        .collect();
    send(
        &mut cy_socket,
        json!({"type": "presence.subscribe", "userIDs": many, "version": 2}),
    )
    .await;
    match next_event(&mut cy_socket, "error").await {
        ServerEvent::Error(e) => assert_eq!(e.code, "too_many_ids"),
        other => panic!("{other:?}"),
    }
    send(
        &mut cy_socket,
        json!({"type": "presence.subscribe", "userIDs": ["nope"], "version": 3}),
    )
    .await;
    match next_event(&mut cy_socket, "error").await {
        ServerEvent::Error(e) => assert_eq!(e.code, "invalid_frame"),
        other => panic!("{other:?}"),
    }
    let _ = cy;
}

#[tokio::test]
async fn a_guest_learns_nothing_of_people_outside_their_channels() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (gil, gil_token) = gw.guest("gil").await;
    gw.channel("porch", &[ann.id, gil.id]).await;
    let mut gil_socket = gw.connect(&gil_token).await;

    // gil shares no channel with bob: his part of the answer is left out, as if never asked
    // about, and no error tells that he exists.
    assert_eq!(
        subscribe(&mut gil_socket, &[bob.id, ann.id], 1).await,
        [(ann.id, PresenceStatus::Offline)]
    );
    let _ann_socket = gw.connect(&ann_token).await;
    assert_eq!(
        presence_change(&mut gil_socket).await,
        (ann.id, PresenceStatus::Online)
    );
    // bob comes online: nothing of it reaches gil.
    let _bob_socket = gw.connect(&bob_token).await;
    assert_nothing_about(&mut gil_socket, &[&bob.id.to_string()]).await;
    // Nor over REST.
    let (status, answer) = gw
        .get(
            &gil_token,
            &format!("/api/v1/presence?ids={},{}", bob.id, ann.id),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(answer, json!([{"userID": ann.id, "status": "online"}]));
    // Members see everyone's.
    let (_, answer) = gw
        .get(&ann_token, &format!("/api/v1/presence?ids={}", bob.id))
        .await;
    assert_eq!(answer, json!([{"userID": bob.id, "status": "online"}]));
}

#[tokio::test]
async fn subscribing_again_replaces_and_a_late_subscription_changes_nothing() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (_bob, bob_token) = gw.user("bob").await;
    let (cy, cy_token) = gw.user("cy").await;
    let mut bob_socket = gw.connect(&bob_token).await;
    subscribe(&mut bob_socket, &[ann.id], 1).await;
    assert_eq!(
        subscribe(&mut bob_socket, &[cy.id], 2).await,
        [(cy.id, PresenceStatus::Offline)]
    );
    // Version 1 again (as if it had come late): not stored, not answered.
    send(
        &mut bob_socket,
        json!({"type": "presence.subscribe", "userIDs": [ann.id], "version": 1}),
    )
    .await;
    let frames = drain_all_within(&mut bob_socket, WAIT).await;
    assert!(kinds(&frames).is_empty(), "{frames:?}");

    let _ann_socket = gw.connect(&ann_token).await;
    let _cy_socket = gw.connect(&cy_token).await;
    assert_eq!(
        presence_change(&mut bob_socket).await,
        (cy.id, PresenceStatus::Online),
        "cy's change, and nothing of ann's before it"
    );
    assert_nothing_about(&mut bob_socket, &[&ann.id.to_string()]).await;
}

#[tokio::test]
async fn a_closed_socket_watches_no_more() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (_bob, bob_token) = gw.user("bob").await;
    let mut bob_old = gw.connect(&bob_token).await;
    subscribe(&mut bob_old, &[ann.id], 1).await;
    let url = crate::env("REDIS_URL");
    let mut raw = redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let watchers: u64 = redis::cmd("SCARD")
        .arg(format!("watchers:{}", ann.id))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert_eq!(watchers, 1);
    bob_old.close(None).await.unwrap();

    // The reverse index loses the socket once its `$disconnect` is handled (waited for, with
    // a bound): not found stale and dropped later, but gone.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let left: bool = redis::cmd("EXISTS")
            .arg(format!("watchers:{}", ann.id))
            .query_async(&mut raw)
            .await
            .unwrap();
        if !left {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the closed socket still watches ann"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // bob's new socket has subscribed to nobody: it hears nothing of ann.
    let mut bob_new = gw.connect(&bob_token).await;
    let _ann_socket = gw.connect(&ann_token).await;
    assert_nothing_about(&mut bob_new, &[&ann.id.to_string()]).await;
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
