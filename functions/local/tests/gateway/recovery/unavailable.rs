//! A dependency that hangs or is gone costs a request seconds and a 503 with `Retry-After`,
//! never a hang, and the deep health check says which: Redis frozen or refusing connections
//! (also from the start, as in a cold start), DynamoDB stalled behind a proxy.

use super::*;

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
    let (within, every) = (Duration::from_secs(20), Duration::from_millis(200));
    eventually(within, every, async || match deep_health(gw).await {
        (200, _) => Ok(()),
        (_, body) => Err(format!("still unhealthy: {body}")),
    })
    .await;
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

#[tokio::test]
async fn a_frozen_redis_costs_seconds_and_a_503_not_a_hang_and_health_says_which() {
    let redis = PrivateRedis::start().await;
    let gw = spawn_gateway_with_redis(&redis).await;
    let (_, token) = gw.user("ann").await;
    until_healthy(&gw).await;

    redis.freeze();
    // A ticket lives in Redis alone: refused quickly, with a time to come back.
    let started = Instant::now();
    let answer = gw.ticket_request(&token).await;
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
    let gw = spawn_gateway_with_redis(&redis).await;
    let (_, token) = gw.user("ann").await;

    let answer = gw.get_anonymously("/healthz").await;
    assert_eq!(answer.status(), 200, "liveness asks no dependency");
    let started = Instant::now();
    let answer = gw.ticket_request(&token).await;
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
