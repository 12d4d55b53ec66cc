use domain::UserId;

use super::{connection, numbered, redis, register};

#[tokio::test]
async fn connections_are_tracked_per_user() {
    let redis = redis().await;
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let ids: Vec<String> = (0..3).map(|_| connection()).collect();
    register(&redis, &ids[0], alice).await;
    register(&redis, &ids[1], alice).await;
    register(&redis, &ids[2], bob).await;

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
        redis.ping_connection(id).await.unwrap();
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
async fn events_are_numbered_per_connection_and_held_until_its_client_is_heard_from() {
    let redis = redis().await;
    let ann = UserId::new();
    let grant = domain::revocation::Grant::issued_now("family");
    let (phone, laptop) = (connection(), connection());
    redis
        .register_connection(&phone, ann, &grant)
        .await
        .unwrap();
    redis
        .register_connection(&laptop, ann, &grant)
        .await
        .unwrap();
    let targets = redis.claim_deliveries(&[ann]).await.unwrap();
    assert!(
        targets.iter().all(|t| t.held),
        "held before the client is heard from: {targets:?}"
    );
    let mut expected = vec![(phone.clone(), 1), (laptop.clone(), 1)];
    expected.sort();
    assert_eq!(numbered(targets), expected);

    let registered = redis.ping_connection(&phone).await.unwrap().unwrap();
    assert_eq!((registered.user, registered.last_seq), (ann, 1));
    assert_eq!(registered.grant, grant);
    for seq in 2..=4 {
        let targets = redis.claim_deliveries(&[ann]).await.unwrap();
        let on_phone = targets.iter().find(|t| t.connection_id == phone).unwrap();
        assert_eq!((on_phone.seq, on_phone.held), (seq, false));
    }
    assert_eq!(
        redis
            .ping_connection(&phone)
            .await
            .unwrap()
            .unwrap()
            .last_seq,
        4,
        "a pong tells the last number"
    );

    // A connection whose entry is gone (expired, or Redis lost it) is dropped from the set.
    redis.unregister_connection(&laptop).await.unwrap();
    assert_eq!(redis.ping_connection(&laptop).await.unwrap(), None);
    let targets = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!(numbered(targets), [(phone.clone(), 5)]);
}
