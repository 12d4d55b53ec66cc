//! The Redis side of realtime against a real redis-server (`make test` starts one and sets
//! REDIS_URL). Every key a test touches is random, so tests can share the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::{MessageId, UserId};
use realtime::Redis;

async fn redis() -> Redis {
    let url = std::env::var("REDIS_URL")
        .expect("REDIS_URL is not set: run the tests with `make test`, which starts redis-server");
    Redis::connect(&url).await.unwrap()
}

#[tokio::test]
async fn a_ticket_is_redeemed_once() {
    let redis = redis().await;
    let user = UserId::new();
    let ticket = redis.mint_ticket(user).await.unwrap();
    assert_eq!(redis.redeem_ticket(&ticket).await.unwrap(), Some(user));
    assert_eq!(redis.redeem_ticket(&ticket).await.unwrap(), None);
    assert_eq!(redis.redeem_ticket("made-up-ticket").await.unwrap(), None);
}

#[tokio::test]
async fn connections_are_tracked_per_user() {
    let redis = redis().await;
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let ids: Vec<String> = (0..3).map(|_| ulid::Ulid::new().to_string()).collect();
    redis.register_connection(&ids[0], alice).await.unwrap();
    redis.register_connection(&ids[1], alice).await.unwrap();
    redis.register_connection(&ids[2], bob).await.unwrap();

    let found = redis.connections_of(&[alice, bob, carol]).await.unwrap();
    let mut alices = found[&alice].clone();
    alices.sort();
    let mut expected = vec![ids[0].clone(), ids[1].clone()];
    expected.sort();
    assert_eq!(alices, expected);
    assert_eq!(found[&bob], vec![ids[2].clone()]);
    assert!(
        !found.contains_key(&carol),
        "a user with no connection is left out"
    );
    assert_eq!(redis.user_of_connection(&ids[2]).await.unwrap(), Some(bob));

    assert_eq!(
        redis.unregister_connection(&ids[0]).await.unwrap(),
        Some(alice)
    );
    assert_eq!(redis.unregister_connection(&ids[0]).await.unwrap(), None);
    assert_eq!(
        redis.connections_of(&[alice]).await.unwrap()[&alice],
        vec![ids[1].clone()]
    );

    // A 410 right after `$connect` may only mean it has not returned yet: kept.
    redis
        .forget_connections(&[(alice, ids[1].clone()), (bob, ids[2].clone())])
        .await
        .unwrap();
    assert_eq!(redis.connections_of(&[alice, bob]).await.unwrap().len(), 2);
    // Once the client has been heard from, a 410 means gone.
    for id in &ids[1..] {
        redis.confirm_connection(id).await.unwrap();
    }
    redis
        .forget_connections(&[(alice, ids[1].clone()), (bob, ids[2].clone())])
        .await
        .unwrap();
    assert!(
        redis
            .connections_of(&[alice, bob])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(redis.user_of_connection(&ids[2]).await.unwrap(), None);
}

#[tokio::test]
async fn a_send_nonce_is_claimed_once_per_author() {
    let redis = redis().await;
    let (author, other) = (UserId::new(), UserId::new());
    let nonce = ulid::Ulid::new().to_string();
    let (first, second) = (MessageId::new(), MessageId::new());
    assert_eq!(
        redis.claim_send_nonce(author, &nonce, first).await.unwrap(),
        None
    );
    assert_eq!(
        redis
            .claim_send_nonce(author, &nonce, second)
            .await
            .unwrap(),
        Some(first)
    );
    // Nonces are per author: someone else's identical nonce is a different send.
    assert_eq!(
        redis.claim_send_nonce(other, &nonce, second).await.unwrap(),
        None
    );
    redis.release_send_nonce(author, &nonce).await.unwrap();
    assert_eq!(
        redis
            .claim_send_nonce(author, &nonce, second)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn json_values_are_taken_once() {
    let redis = redis().await;
    let key = format!("test:{}", ulid::Ulid::new());
    redis.put_json(&key, &vec!["a", "b"], 60).await.unwrap();
    assert_eq!(
        redis.take_json::<Vec<String>>(&key).await.unwrap(),
        Some(vec!["a".into(), "b".into()])
    );
    assert_eq!(redis.take_json::<Vec<String>>(&key).await.unwrap(), None);
}
