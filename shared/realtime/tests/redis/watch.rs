use domain::UserId;
use realtime::keys;

use super::{connection, numbered, raw, redis, register};

/// Who watches `user`: (their user, the connection), sorted. Numbers an event on each.
async fn watchers(redis: &realtime::Redis, user: UserId) -> Vec<(UserId, String)> {
    let mut found: Vec<(UserId, String)> = redis
        .claim_watchers(user)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.user, t.connection_id))
        .collect();
    found.sort_unstable();
    found
}

#[tokio::test]
async fn a_subscription_replaces_the_last_and_a_late_one_is_ignored() {
    let redis = redis().await;
    let (ann, bob, cy) = (UserId::new(), UserId::new(), UserId::new());
    let (watcher, other) = (connection(), connection());
    register(&redis, &watcher, cy).await;
    register(&redis, &other, bob).await;

    assert!(redis.watch(&watcher, &[ann, bob], 1).await.unwrap());
    assert!(redis.watch(&other, &[ann], 1).await.unwrap());
    let mut both = vec![(bob, other.clone()), (cy, watcher.clone())];
    both.sort_unstable();
    assert_eq!(watchers(&redis, ann).await, both);
    assert_eq!(watchers(&redis, bob).await, [(cy, watcher.clone())]);

    // Replaced, not added to: cy stops watching ann.
    assert!(redis.watch(&watcher, &[bob], 2).await.unwrap());
    assert_eq!(watchers(&redis, ann).await, [(bob, other.clone())]);
    // A subscription older than the stored one (it came late) changes nothing.
    assert!(!redis.watch(&watcher, &[ann], 1).await.unwrap());
    assert_eq!(watchers(&redis, ann).await, [(bob, other.clone())]);
    assert_eq!(watchers(&redis, bob).await, [(cy, watcher.clone())]);
}

#[tokio::test]
async fn each_watching_connection_gets_the_event_numbered_on_it() {
    let redis = redis().await;
    let (ann, cy) = (UserId::new(), UserId::new());
    let (phone, laptop, tablet) = (connection(), connection(), connection());
    for id in [&phone, &laptop, &tablet] {
        register(&redis, id, cy).await;
    }
    // The laptop's client has been heard from; the phone's not yet; the tablet watches
    // nobody.
    redis.ping_connection(&laptop).await.unwrap();
    assert!(redis.watch(&phone, &[ann], 1).await.unwrap());
    assert!(redis.watch(&laptop, &[ann], 1).await.unwrap());
    for seq in 1..=2 {
        let claimed = redis.claim_watchers(ann).await.unwrap();
        let held: Vec<bool> = [&phone, &laptop]
            .iter()
            .map(|id| claimed.iter().any(|t| &&t.connection_id == id && t.held))
            .collect();
        assert_eq!(
            held,
            [true, false],
            "held for the phone, not yet heard from"
        );
        let mut expected = vec![(phone.clone(), seq), (laptop.clone(), seq)];
        expected.sort_unstable();
        assert_eq!(numbered(claimed), expected);
    }
    assert_eq!(
        redis
            .ping_connection(&laptop)
            .await
            .unwrap()
            .unwrap()
            .last_seq,
        2,
        "numbered on the connection's own sequence"
    );
}

#[tokio::test]
async fn a_closed_or_unknown_connection_watches_nothing() {
    let redis = redis().await;
    let (ann, bob) = (UserId::new(), UserId::new());
    assert!(
        !redis.watch(&connection(), &[ann], 1).await.unwrap(),
        "a connection the registry does not know"
    );
    assert!(watchers(&redis, ann).await.is_empty());

    let closed = connection();
    register(&redis, &closed, bob).await;
    assert!(redis.watch(&closed, &[ann], 1).await.unwrap());
    redis.unregister_connection(&closed).await.unwrap();
    redis.unwatch(&closed).await.unwrap();
    assert!(watchers(&redis, ann).await.is_empty());
    let mut raw = raw().await;
    let left: (bool, bool) = ::redis::pipe()
        .exists(keys::watching(&closed))
        .exists(keys::watchers(ann))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert_eq!(left, (false, false), "nothing of it is left in Redis");
}

#[tokio::test]
async fn a_lost_disconnect_ages_out_of_the_watchers() {
    let redis = redis().await;
    let (ann, bob) = (UserId::new(), UserId::new());
    let lost = connection();
    register(&redis, &lost, bob).await;
    assert!(redis.watch(&lost, &[ann], 1).await.unwrap());
    // The registry entry expires (2 hours on); its `$disconnect` never came.
    let mut raw = raw().await;
    let _: () = ::redis::cmd("DEL")
        .arg(keys::connection(&lost))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(watchers(&redis, ann).await.is_empty());
    let left: Vec<String> = ::redis::cmd("SMEMBERS")
        .arg(keys::watchers(ann))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(left.is_empty(), "the dead watcher is dropped: {left:?}");
    let ttl: i64 = ::redis::cmd("TTL")
        .arg(keys::watching(&lost))
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(
        ttl > 0 && ttl <= 2 * 3600 + 300,
        "expires with the connection: {ttl}"
    );
}
