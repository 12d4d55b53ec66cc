//! The fault suite: a Redis of the test's own killed and restarted, made slow or frozen, and
//! DynamoDB stalled behind a proxy, under live sockets and sends. What a person relies on must
//! survive it: every acknowledged message reaches every member once their client has recovered,
//! no revoked token works again, no session is ended as stolen, and a dependency that hangs
//! costs a request seconds and a 503 with `Retry-After`, never a hang.

use std::process::{Child, Command, Stdio};

use super::*;

/// A redis-server of this test alone (the shared one must not be disturbed), on a port of its
/// own, stopped when dropped.
struct PrivateRedis {
    port: u16,
    child: Child,
}

impl PrivateRedis {
    async fn start() -> Self {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let mut redis = Self {
            port,
            child: Self::spawn(port),
        };
        redis.wait_ready().await;
        redis
    }

    fn spawn(port: u16) -> Child {
        Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed (make test installs it)")
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    async fn wait_ready(&mut self) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(client) = redis::Client::open(self.url())
                && let Ok(mut conn) = client.get_multiplexed_async_connection().await
                && redis::cmd("PING")
                    .query_async::<String>(&mut conn)
                    .await
                    .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the private redis-server on {} never answered", self.port);
    }

    /// Killed outright: everything it held is gone, as in a crash or a failover to an empty node.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A new, empty server on the same port.
    async fn restart(&mut self) {
        self.kill();
        self.child = Self::spawn(self.port);
        self.wait_ready().await;
    }

    /// Freezes the process (SIGSTOP): connections stay open and nothing answers, as with a hung
    /// server. `thaw` lets it go on.
    fn freeze(&self) {
        self.signal("-STOP");
    }

    fn thaw(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill {signal} failed");
    }

    /// Blocks every client for `seconds`, as an overloaded server would.
    async fn sleep(&self, seconds: f64) {
        let client = redis::Client::open(self.url()).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        let _: redis::RedisResult<()> = redis::cmd("DEBUG")
            .arg("SLEEP")
            .arg(seconds)
            .query_async(&mut conn)
            .await;
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        // A frozen process takes no SIGKILL until it is let go.
        let _ = Command::new("kill")
            .args(["-CONT", &self.child.id().to_string()])
            .status();
        self.kill();
    }
}

/// A TCP proxy in front of the shared DynamoDB Local that can stall every byte both ways, as a
/// hung DynamoDB (or the network to it) would, without stopping the table other tests use.
struct StallingProxy {
    url: String,
    stalled: tokio::sync::watch::Sender<bool>,
}

impl StallingProxy {
    async fn start(upstream: &str) -> Self {
        let upstream = url::Url::parse(upstream).unwrap();
        let target = format!(
            "{}:{}",
            upstream.host_str().unwrap(),
            upstream.port_or_known_default().unwrap()
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stalled, watch) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&target).await else {
                    continue;
                };
                let (client_read, client_write) = client.into_split();
                let (server_read, server_write) = server.into_split();
                tokio::spawn(pump(client_read, server_write, watch.clone()));
                tokio::spawn(pump(server_read, client_write, watch.clone()));
            }
        });
        Self { url, stalled }
    }

    fn stall(&self, stalled: bool) {
        self.stalled.send_replace(stalled);
    }
}

/// Copies bytes from `from` to `to`, holding them while the proxy is stalled.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut stalled: tokio::sync::watch::Receiver<bool>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let Ok(read) = from.read(&mut buffer).await else {
            return;
        };
        if read == 0 || stalled.wait_for(|s| !*s).await.is_err() {
            return;
        }
        if to.write_all(&buffer[..read]).await.is_err() {
            return;
        }
    }
}

/// `/healthz?deep=1`: the status and what it says of each dependency.
async fn deep_health(gw: &TestGateway) -> (u16, Value) {
    let started = Instant::now();
    let answer = gw
        .http
        .get(format!("{}/healthz?deep=1", gw.base))
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    // Seen with --nocapture: how long the check took here.
    eprintln!("deep health {status} after {:?}", started.elapsed());
    (status, answer.json().await.unwrap())
}

/// Waits (bounded) until the deep health check says every dependency answers again.
async fn until_healthy(gw: &TestGateway) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = deep_health(gw).await;
        if status == 200 {
            return;
        }
        assert!(Instant::now() < deadline, "still unhealthy: {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `POST /api/v1/ws/ticket` as the holder of `token`, answered as it is.
async fn ticket_request(gw: &TestGateway, token: &str) -> reqwest::Response {
    gw.http
        .post(format!("{}/api/v1/ws/ticket", gw.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// `answer` is a 503 `unavailable` with `Retry-After`, and came within a bound.
async fn assert_unavailable(answer: reqwest::Response, took: Duration) {
    let status = answer.status().as_u16();
    let retry_after = answer.headers().contains_key("retry-after");
    let body: Value = answer.json().await.unwrap();
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("unavailable")),
        "{body}"
    );
    assert!(retry_after, "no Retry-After");
    assert!(
        took < Duration::from_secs(10),
        "took {took:?}: a hang, not a quick 503"
    );
    // Seen with --nocapture: how long the 503 took here.
    eprintln!("503 unavailable after {took:?}");
}

/// Pings until the server answers `reconnect` (it no longer knows this socket); other answers
/// (a pong before the loss shows, `unavailable` while the gateway's Redis connection is coming
/// back) are skipped. Fails after `within`.
async fn ping_until_reconnect(socket: &mut Socket, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        assert!(Instant::now() < deadline, "no reconnect within {within:?}");
        send_ping(socket).await;
        let Some(text) = next_text(socket, Instant::now() + WAIT).await else {
            continue;
        };
        if kind_of(&text) == "reconnect" {
            let frame: Value = serde_json::from_str(&text).unwrap();
            return frame["data"]["reason"].as_str().unwrap().to_string();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
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
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
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
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
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
    let answer = ticket_request(&gw, &dan_token).await;
    assert_eq!(answer.status(), 401, "and no new socket opens");
}

#[tokio::test]
async fn a_slow_redis_delays_deliveries_but_loses_none() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
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
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
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
async fn a_frozen_redis_costs_seconds_and_a_503_not_a_hang_and_health_says_which() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
    let (_, token) = gw.user("ann").await;
    until_healthy(&gw).await;

    redis.freeze();
    // A ticket lives in Redis alone: refused quickly, with a time to come back.
    let started = Instant::now();
    let answer = ticket_request(&gw, &token).await;
    assert_unavailable(answer, started.elapsed()).await;
    // What needs no more than a cached revocation still works: the table stands in.
    let started = Instant::now();
    let (status, _) = gw.get(&token, "/api/v1/users/me").await;
    assert_eq!(status, 200);
    eprintln!(
        "GET /users/me on a frozen Redis after {:?}",
        started.elapsed()
    );
    let (status, health) = deep_health(&gw).await;
    assert_eq!(status, 503);
    assert_eq!(health["dependencies"]["redis"]["ok"], false, "{health}");
    assert_eq!(health["dependencies"]["dynamodb"]["ok"], true, "{health}");

    redis.thaw();
    until_healthy(&gw).await;
    let (status, _) = gw.post(&token, "/api/v1/ws/ticket", Value::Null).await;
    assert_eq!(status, 200, "back once Redis is");
}

#[tokio::test]
async fn a_stalled_dynamodb_costs_seconds_and_a_503_not_a_hang() {
    let proxy = StallingProxy::start(&env("DYNAMODB_ENDPOINT")).await;
    let gw = spawn_gateway_on(&env("REDIS_URL"), &proxy.url, |app| app).await;
    let (alice, token) = gw.user("alice").await;
    let room = gw.channel("room", &[alice.id]).await;
    until_healthy(&gw).await;

    proxy.stall(true);
    let started = Instant::now();
    let answer = gw
        .send(&token, room.id, json!({"body": "into the void"}))
        .await;
    assert_unavailable(answer, started.elapsed()).await;
    let (status, health) = deep_health(&gw).await;
    assert_eq!(status, 503);
    assert_eq!(health["dependencies"]["dynamodb"]["ok"], false, "{health}");
    assert_eq!(health["dependencies"]["redis"]["ok"], true, "{health}");

    proxy.stall(false);
    until_healthy(&gw).await;
    let answer = gw.send(&token, room.id, json!({"body": "back"})).await;
    assert_eq!(answer.status(), 201);
}

#[tokio::test]
async fn a_fan_out_that_finds_redis_frozen_tries_again_within_its_budget() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
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

/// A function may start (a Lambda cold start) while Redis is out: the start succeeds, what
/// needs no Redis works, what needs it is a quick 503, and all of it comes back with Redis.
/// `frozen`: Redis hangs (SIGSTOP, then let go); else it refuses connections (killed, then
/// started again).
async fn started_while_redis_is_out(frozen: bool) {
    let mut redis = PrivateRedis::start().await;
    if frozen {
        // Before the first connection: the kernel still accepts it and nothing answers the
        // handshake, as with a Redis whose packets vanish.
        redis.freeze();
    } else {
        redis.kill();
    }
    let gw = spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await;
    let (_, token) = gw.user("ann").await;

    let answer = gw
        .http
        .get(format!("{}/healthz", gw.base))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "liveness asks no dependency");
    let started = Instant::now();
    let answer = ticket_request(&gw, &token).await;
    assert_unavailable(answer, started.elapsed()).await;
    let (status, _) = gw.get(&token, "/api/v1/users/me").await;
    assert_eq!(status, 200, "the table stands in for the revocation cache");
    let (status, health) = deep_health(&gw).await;
    assert_eq!(status, 503);
    assert_eq!(health["dependencies"]["redis"]["ok"], false, "{health}");
    assert!(
        matches!(
            health["dependencies"]["redis"]["reason"].as_str(),
            Some("unreachable" | "timeout")
        ),
        "{health}"
    );
    assert_eq!(health["dependencies"]["dynamodb"]["ok"], true, "{health}");

    if frozen {
        redis.thaw();
    } else {
        redis.restart().await;
    }
    until_healthy(&gw).await;
    let (status, _) = gw.post(&token, "/api/v1/ws/ticket", Value::Null).await;
    assert_eq!(status, 200, "back once Redis is");
}

#[tokio::test]
async fn a_function_started_while_redis_refuses_connections_serves_and_comes_back() {
    started_while_redis_is_out(false).await;
}

#[tokio::test]
async fn a_function_started_while_redis_is_frozen_serves_and_comes_back() {
    started_while_redis_is_out(true).await;
}
