//! The fault suite: a Redis of the test's own killed and restarted, made slow or frozen, and
//! DynamoDB stalled behind a proxy (`support/faults.rs`), under live sockets and sends. What a
//! person relies on must survive it: every acknowledged message reaches every member once their
//! client has recovered, no revoked token works again, and no session is ended as stolen (here);
//! a dependency that hangs costs a request seconds and a 503 with `Retry-After`, never a hang
//! (`unavailable`).

mod unavailable;

use super::*;

/// Pings until the server answers `reconnect` (it no longer knows this socket); other answers
/// (a pong before the loss shows, `unavailable` while the gateway's Redis connection is coming
/// back) are skipped. Fails after `within`.
async fn ping_until_reconnect(socket: &mut Socket, within: Duration) -> String {
    eventually(within, Duration::from_millis(100), async || {
        send_ping(socket).await;
        match next_text(socket, Instant::now() + WAIT).await {
            Some(text) if kind_of(&text) == "reconnect" => {
                let frame: Value = serde_json::from_str(&text).unwrap();
                Ok(frame["data"]["reason"].as_str().unwrap().to_string())
            }
            other => Err(format!("no reconnect; the last answer: {other:?}")),
        }
    })
    .await
}

/// The bodies of the newest messages of `channel`, oldest first (a page lists newest first).
async fn bodies(gw: &TestGateway, token: &str, channel: ChannelId) -> Vec<String> {
    let mut bodies: Vec<String> = gw
        .page(token, channel, "limit=50")
        .await
        .items
        .into_iter()
        .filter(|m| m.system.is_none())
        .map(|m| m.body)
        .collect();
    bodies.reverse();
    bodies
}

/// Sends `body` as the web app does (with a client nonce), and checks it was stored.
async fn acknowledged(gw: &TestGateway, token: &str, channel: ChannelId, body: &str) {
    let nonce = ulid::Ulid::new().to_string();
    let answer = gw
        .send(
            token,
            channel,
            json!({ "body": body, "clientNonce": nonce }),
        )
        .await;
    assert_eq!(answer.status(), 201, "{body} was not acknowledged");
}

#[tokio::test]
async fn after_a_redis_restart_every_client_comes_back_and_nothing_is_lost_or_revived() {
    let mut redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let admin = gw.admin().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (carol, carol_token) = gw.user("carol").await;
    let room = gw.channel("room", &[alice.id, bob.id]).await;
    let mut sockets = vec![gw.connect(&alice_token).await, gw.connect(&bob_token).await];
    let (status, _) = gw
        .patch(
            &admin,
            &format!("/api/v1/users/{}/status", carol.id),
            json!({"status": "deactivated"}),
        )
        .await;
    assert_eq!(status, 200);
    acknowledged(&gw, &alice_token, room.id, "before").await;
    for socket in &mut sockets {
        expect_event!(socket, "message.new", MessageNew);
    }

    redis.kill();
    // Acknowledged while Redis is down: stored, though nobody can be told yet.
    acknowledged(&gw, &alice_token, room.id, "during").await;
    let restarted = Instant::now();
    redis.restart().await;
    acknowledged(&gw, &bob_token, room.id, "after").await;

    // Each open socket learns it is no longer registered, and its client reconnects.
    for socket in &mut sockets {
        assert_eq!(
            ping_until_reconnect(socket, Duration::from_secs(30)).await,
            "not_registered"
        );
    }
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    eprintln!(
        "from the Redis restart to both clients live again: {} ms (clients pinging at once)",
        restarted.elapsed().as_millis()
    );
    // Catching up, each finds every acknowledged message.
    for token in [&alice_token, &bob_token] {
        assert_eq!(
            bodies(&gw, token, room.id).await,
            ["before", "during", "after"]
        );
    }
    // And the live path works again.
    acknowledged(&gw, &bob_token, room.id, "live again").await;
    for socket in [&mut alice_socket, &mut bob_socket] {
        let message = expect_event!(socket, "message.new", MessageNew);
        assert_eq!(message.body, "live again");
    }
    // The deactivation outlived the Redis that cached it.
    let (status, _) = gw.get(&carol_token, "/api/v1/users/me").await;
    assert_eq!(status, 401, "a revoked token works again");
}

#[tokio::test]
async fn a_socket_whose_access_was_revoked_is_told_to_reconnect_if_its_close_was_missed() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let (dan, dan_token) = gw.user("dan").await;
    let mut socket = gw.connect(&dan_token).await;
    // A revocation whose close never reached the socket (the management API was unreachable):
    // recorded in the table alone.
    gw.app
        .store
        .revocations()
        .cut_off(dan.id, domain::revocation::now_ms())
        .await
        .unwrap();
    gw.app
        .redis
        .forget_cached_revocations(dan.id)
        .await
        .unwrap();
    assert_eq!(
        ping_until_reconnect(&mut socket, WAIT).await,
        "revoked",
        "the next ping ends it"
    );
    let answer = gw.ticket_request(&dan_token).await;
    assert_eq!(answer.status(), 401, "and no new socket opens");
}

#[tokio::test]
async fn a_slow_redis_delays_deliveries_but_loses_none() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let room = gw.channel("room", &[alice.id, bob.id]).await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_socket = gw.connect(&bob_token).await;

    // Redis stalls for over a second while five messages are sent at once.
    let sent: Vec<String> = (0..5).map(|i| format!("m{i}")).collect();
    let stall = redis.sleep(1.5);
    let sends = futures::future::join_all(sent.iter().enumerate().map(|(i, body)| {
        let token = if i % 2 == 0 { &alice_token } else { &bob_token };
        acknowledged(&gw, token, room.id, body)
    }));
    tokio::join!(stall, sends);

    for socket in [&mut alice_socket, &mut bob_socket] {
        let mut got = Vec::new();
        let mut numbers = Vec::new();
        let deadline = Instant::now() + WAIT;
        while got.len() < 5 {
            let text = next_text(socket, deadline)
                .await
                .unwrap_or_else(|| panic!("only {got:?} arrived"));
            if kind_of(&text) != "message.new" {
                continue;
            }
            let frame: Value = serde_json::from_str(&text).unwrap();
            numbers.push(frame["seq"].as_u64().expect("a pushed event is numbered"));
            got.push(frame["data"]["body"].as_str().unwrap().to_string());
        }
        got.sort();
        assert_eq!(got, sent);
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), 5, "each event has a number of its own");
    }
}

#[tokio::test]
async fn a_refresh_while_redis_is_down_keeps_the_session_and_cries_no_theft() {
    let mut redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let (ann, _) = gw.user("ann").await;
    let cookie = auth::secrets::random_token();
    gw.app
        .store
        .sessions()
        .create(&auth::secrets::hash_token(&cookie), ann.id, 3600)
        .await
        .unwrap();
    let refresh = |cookie: String| {
        let gw = &gw;
        async move {
            let answer = gw
                .http
                .post(format!("{}/auth/token/refresh", gw.base))
                .header("cookie", format!("parley_refresh={cookie}"))
                .header("origin", &gw.origin)
                .send()
                .await
                .unwrap();
            let status = answer.status().as_u16();
            let next = answer
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(|v| v.strip_prefix("parley_refresh="))
                .map(|v| v.split(';').next().unwrap_or_default().to_string());
            let body: Value = answer.json().await.unwrap_or(Value::Null);
            (status, next, body)
        }
    };

    redis.kill();
    let (status, next, body) = refresh(cookie).await;
    assert_eq!(status, 200, "{body}");
    let next = next.expect("the new refresh token reaches the client");
    redis.restart().await;
    let (status, _, body) = refresh(next).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_fan_out_that_finds_redis_frozen_tries_again_within_its_budget() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let (alice, alice_token) = gw.user("alice").await;
    let mut socket = gw.connect(&alice_token).await;

    // Frozen past one command's time limit (2 s), thawed inside the fan-out's budget (3 s).
    redis.freeze();
    let thaw = async {
        tokio::time::sleep(Duration::from_millis(2_300)).await;
        redis.thaw();
    };
    let event = ServerEvent::PresenceChanged(domain::presence::Presence {
        user_id: alice.id,
        status: domain::presence::PresenceStatus::Away,
    });
    let recipients = [alice.id];
    let (delivery, ()) = tokio::join!(gw.app.fanout.send(&event, &recipients), thaw);
    assert_eq!(
        delivery.delivered + delivery.handed_over,
        1,
        "delivered, or handed to the fan-out function: {delivery:?}"
    );
    let text = next_text(&mut socket, Instant::now() + WAIT)
        .await
        .expect("the event arrives");
    assert_eq!(kind_of(&text), "presence.changed");
}
