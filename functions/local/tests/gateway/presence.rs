//! Presence over real WebSockets: it follows connections and away frames, kept in Redis, and
//! reaches only the sockets that subscribed to that person and may see them.

use domain::presence::PresenceStatus;

use super::*;

/// Fails the test unless the next presence change `socket` hears of is `user`'s, to `status`.
async fn assert_presence(socket: &mut Socket, user: UserId, status: PresenceStatus) {
    let heard = expect_event!(socket, "presence.changed", PresenceChanged);
    assert_eq!((heard.user_id, heard.status), (user, status));
}

/// Sends the presence frame a client sends when its person is active or away on it.
async fn set_presence(socket: &mut Socket, status: &str) {
    send_frame(socket, json!({"type": "presence", "status": status})).await;
}

/// Subscribes `socket` to the presence of `people` (subscription number `version`) and returns
/// the answer: the status of each of them the subscriber may see.
async fn subscribe(
    socket: &mut Socket,
    people: &[UserId],
    version: u64,
) -> Vec<(UserId, PresenceStatus)> {
    send_frame(
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
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let status_of = |answer: &serde_json::Value| answer[0]["status"].as_str().map(str::to_string);
    let quiet = Duration::from_millis(300);
    assert_eq!(
        subscribe(&mut bob_socket, &[ann.id], 1).await,
        [(ann.id, PresenceStatus::Offline)]
    );

    let (_, before) = gw
        .get(&bob_token, &format!("/api/v1/presence?ids={}", ann.id))
        .await;
    assert_eq!(status_of(&before).as_deref(), Some("offline"));

    let mut ann_phone = gw.connect(&ann_token).await;
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Online).await;
    let online_heard = Instant::now();
    let mut ann_laptop = gw.connect(&ann_token).await;
    // A second device changes nothing others see.
    assert_no_event(&mut bob_socket, "presence.changed", quiet).await;

    // Away once every device says so: the phone in a pocket does not make ann away.
    set_presence(&mut ann_phone, "away").await;
    assert_no_event(&mut bob_socket, "presence.changed", quiet).await;
    set_presence(&mut ann_laptop, "away").await;
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Away).await;
    // Throttled: not within the window that began when "online" went out.
    let window = Duration::from_secs(domain::limits::PRESENCE_THROTTLE_SECONDS);
    assert!(
        online_heard.elapsed() + Duration::from_millis(200) >= window,
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

    set_presence(&mut ann_laptop, "online").await;
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Online).await;
    // The active laptop closes: what is left is away.
    ann_laptop.close(None).await.unwrap();
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Away).await;
    // Offline when the last connection is gone.
    ann_phone.close(None).await.unwrap();
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Offline).await;
    assert_refused(
        gw.get(&bob_token, "/api/v1/presence?ids=not-an-id").await,
        400,
        "invalid_id",
    );
    let many: Vec<String> = (0..=domain::limits::USERS_BATCH_MAX)
        .map(|_| domain::UserId::new().to_string())
        .collect();
    assert_refused(
        gw.get(
            &bob_token,
            &format!("/api/v1/presence?ids={}", many.join(",")),
        )
        .await,
        400,
        "too_many_ids",
    );
    // A frame that says offline is refused: offline follows from closing.
    set_presence(&mut bob_socket, "offline").await;
    assert_eq!(
        error_code(next_event(&mut bob_socket, "error").await),
        "invalid_presence"
    );
}

#[tokio::test]
async fn presence_reaches_only_the_sockets_watching_that_person() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, _, [mut bob_socket, mut bob_other_tab]) = gw.online("bob").await;
    let (_cy, _, [mut cy_socket]) = gw.online("cy").await;
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
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Online).await;
    // The marker (a ping answered after everything already on its way) bounds the wait.
    assert_nothing_about(&mut cy_socket, &[&ann.id.to_string()]).await;
    assert_nothing_about(&mut bob_other_tab, &[&ann.id.to_string()]).await;
    ann_socket.close(None).await.unwrap();
    assert_presence(&mut bob_socket, ann.id, PresenceStatus::Offline).await;
    assert_nothing_about(&mut cy_socket, &[&ann.id.to_string()]).await;

    // Too many people, or something that is not a user id, is refused; the socket stays.
    let many: Vec<UserId> = (0..=domain::limits::PRESENCE_WATCH_MAX)
        .map(|_| UserId::new())
        .collect();
    send_frame(
        &mut cy_socket,
        json!({"type": "presence.subscribe", "userIDs": many, "version": 2}),
    )
    .await;
    assert_eq!(
        error_code(next_event(&mut cy_socket, "error").await),
        "too_many_ids"
    );
    send_frame(
        &mut cy_socket,
        json!({"type": "presence.subscribe", "userIDs": ["nope"], "version": 3}),
    )
    .await;
    assert_eq!(
        error_code(next_event(&mut cy_socket, "error").await),
        "invalid_frame"
    );
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
    assert_presence(&mut gil_socket, ann.id, PresenceStatus::Online).await;
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
    let (_bob, _, [mut bob_socket]) = gw.online("bob").await;
    let (cy, cy_token) = gw.user("cy").await;
    subscribe(&mut bob_socket, &[ann.id], 1).await;
    assert_eq!(
        subscribe(&mut bob_socket, &[cy.id], 2).await,
        [(cy.id, PresenceStatus::Offline)]
    );
    // Version 1 again (as if it had come late): not stored, not answered.
    send_frame(
        &mut bob_socket,
        json!({"type": "presence.subscribe", "userIDs": [ann.id], "version": 1}),
    )
    .await;
    let frames = drain_all_within(&mut bob_socket, WAIT).await;
    assert!(kinds(&frames).is_empty(), "{frames:?}");

    let _ann_socket = gw.connect(&ann_token).await;
    let _cy_socket = gw.connect(&cy_token).await;
    // cy's change, and nothing of ann's before it.
    assert_presence(&mut bob_socket, cy.id, PresenceStatus::Online).await;
    assert_nothing_about(&mut bob_socket, &[&ann.id.to_string()]).await;
}

#[tokio::test]
async fn a_closed_socket_watches_no_more() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (_bob, bob_token, [mut bob_old]) = gw.online("bob").await;
    subscribe(&mut bob_old, &[ann.id], 1).await;
    let url = env("REDIS_URL");
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
    eventually(WAIT, Duration::from_millis(50), async || {
        let left: bool = redis::cmd("EXISTS")
            .arg(format!("watchers:{}", ann.id))
            .query_async(&mut raw)
            .await
            .unwrap();
        if left {
            return Err("the closed socket still watches ann".to_string());
        }
        Ok(())
    })
    .await;

    // bob's new socket has subscribed to nobody: it hears nothing of ann.
    let mut bob_new = gw.connect(&bob_token).await;
    let _ann_socket = gw.connect(&ann_token).await;
    assert_nothing_about(&mut bob_new, &[&ann.id.to_string()]).await;
}
