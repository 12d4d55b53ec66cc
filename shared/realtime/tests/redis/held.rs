//! Events held from the ticket on: numbered for the ticket's pending connection, carried over
//! to the socket it opens, and taken by that socket's first ping.

use domain::UserId;
use domain::presence::PresenceStatus;
use domain::revocation::Grant;
use realtime::keys;

use super::{connection, redis};

/// The frames `hold` was given for `id`, answered per frame: `None` when held.
async fn hold(redis: &realtime::Redis, id: &str, frames: &[&str]) -> Vec<Option<String>> {
    let pairs: Vec<(&str, &[u8])> = frames.iter().map(|f| (id, f.as_bytes())).collect();
    redis.hold(&pairs).await.unwrap()
}

fn texts(frames: Vec<Vec<u8>>) -> Vec<String> {
    frames
        .into_iter()
        .map(|f| String::from_utf8(f).unwrap())
        .collect()
}

#[tokio::test]
async fn events_from_the_ticket_on_reach_the_socket_it_opens_in_order() {
    let redis = redis().await;
    let ann = UserId::new();
    let ticket = redis
        .mint_ticket(ann, &Grant::issued_now("family"))
        .await
        .unwrap();
    let pending = keys::pending_connection(&ticket);

    // Before the socket exists: numbered on the pending connection, held.
    let before = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(
        (
            before[0].connection_id.as_str(),
            before[0].seq,
            before[0].held
        ),
        (pending.as_str(), 1, true)
    );
    assert_eq!(hold(&redis, &pending, &["one"]).await, [None]);
    // Numbered on the pending connection, but held only after the socket took it over.
    let straggler = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!(straggler[0].seq, 2);

    let redeemed = redis.redeem_ticket(&ticket).await.unwrap().unwrap();
    let socket = connection();
    redis.register_ticketed(&socket, &redeemed).await.unwrap();
    assert_eq!(hold(&redis, &pending, &["two"]).await, [None]);

    // `$connect` returned, no ping yet: the socket's own events are held, numbered on.
    let after = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!(after.len(), 1, "the pending connection is gone: {after:?}");
    assert_eq!(
        (after[0].connection_id.as_str(), after[0].seq, after[0].held),
        (socket.as_str(), 3, true)
    );
    assert_eq!(hold(&redis, &socket, &["three"]).await, [None]);

    let ping = redis.ping_connection(&socket).await.unwrap().unwrap();
    assert_eq!(ping.last_seq, 3);
    assert_eq!(texts(ping.held), ["one", "two", "three"]);

    // After the ping: posted, not held; a frame numbered just before it is posted too.
    let live = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!((live[0].seq, live[0].held), (4, false));
    assert_eq!(
        hold(&redis, &socket, &["late"]).await,
        [Some(socket.clone())]
    );
    assert_eq!(
        hold(&redis, &pending, &["later"]).await,
        [Some(socket.clone())],
        "a frame of the pending connection follows it to the socket"
    );
    let again = redis.ping_connection(&socket).await.unwrap().unwrap();
    assert!(again.held.is_empty(), "taken once: {:?}", again.held);
}

#[tokio::test]
async fn a_pending_connection_is_no_presence() {
    let redis = redis().await;
    let ann = UserId::new();
    redis
        .mint_ticket(ann, &Grant::issued_now("family"))
        .await
        .unwrap();
    assert_eq!(
        redis.presence_of(&[ann]).await.unwrap(),
        [(ann, PresenceStatus::Offline)],
        "a ticket alone shows nobody online"
    );
    assert!(redis.connections_of(&[ann]).await.unwrap().is_empty());
    assert_eq!(redis.away_for_a_while(&[ann]).await.unwrap(), [ann]);
}

#[tokio::test]
async fn what_a_connection_holds_is_bounded_and_goes_with_it() {
    let redis = redis().await;
    let ann = UserId::new();
    let socket = connection();
    redis
        .register_connection(&socket, ann, &Grant::issued_now("family"))
        .await
        .unwrap();
    let frames: Vec<String> = (0..keys::HELD_FRAMES_MAX + 5)
        .map(|i| format!("f{i}"))
        .collect();
    let frames: Vec<&str> = frames.iter().map(String::as_str).collect();
    assert!(
        hold(&redis, &socket, &frames)
            .await
            .iter()
            .all(Option::is_none)
    );
    let ping = redis.ping_connection(&socket).await.unwrap().unwrap();
    assert_eq!(
        ping.held.len(),
        keys::HELD_FRAMES_MAX,
        "the rest are dropped: the client sees the gap and catches up"
    );

    let closed = connection();
    redis
        .register_connection(&closed, ann, &Grant::issued_now("family"))
        .await
        .unwrap();
    assert_eq!(hold(&redis, &closed, &["x"]).await, [None]);
    redis.unregister_connection(&closed).await.unwrap();
    let mut raw = super::raw().await;
    let left: bool = ::redis::cmd("EXISTS")
        .arg(keys::held_frames(&closed))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(!left, "a closed connection's held frames are deleted");
}
