//! The Redis side of realtime against a real redis-server (`make test` starts one and sets
//! REDIS_URL). Every key a test touches is random, so tests can share the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::revocation::Grant;
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
    let grant = Grant {
        family: ulid::Ulid::new().to_string(),
        issued_ms: 7,
    };
    let ticket = redis.mint_ticket(user, &grant).await.unwrap();
    assert_eq!(
        redis.redeem_ticket(&ticket).await.unwrap(),
        Some(realtime::tickets::Ticket { user, grant })
    );
    assert_eq!(redis.redeem_ticket(&ticket).await.unwrap(), None);
    assert_eq!(redis.redeem_ticket("made-up-ticket").await.unwrap(), None);
}

#[tokio::test]
async fn connections_are_tracked_per_user() {
    let redis = redis().await;
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let ids: Vec<String> = (0..3).map(|_| ulid::Ulid::new().to_string()).collect();
    redis
        .register_connection(&ids[0], alice, &domain::revocation::Grant::issued_now(""))
        .await
        .unwrap();
    redis
        .register_connection(&ids[1], alice, &domain::revocation::Grant::issued_now(""))
        .await
        .unwrap();
    redis
        .register_connection(&ids[2], bob, &domain::revocation::Grant::issued_now(""))
        .await
        .unwrap();

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

fn connection() -> String {
    ulid::Ulid::new().to_string()
}

mod presence {
    use std::time::Duration;

    use domain::UserId;
    use domain::presence::PresenceStatus::{Away, Offline, Online};
    use realtime::presence::{PresenceNews, PresenceStep};

    use super::{connection, redis};

    const WINDOW: Duration = Duration::from_millis(300);

    fn announce(status: domain::presence::PresenceStatus) -> PresenceNews {
        PresenceNews::Announce(status)
    }

    fn away(connection_id: &str, away: bool) -> PresenceStep<'_> {
        PresenceStep::Away {
            connection_id,
            away,
        }
    }

    /// The holder's part: wait out the window, then ask again.
    /// What the holder announces after waiting out the throttle, as `api::presence` does: a
    /// hold may come back once more if the gate had a moment left (Redis counts its expiry in
    /// whole milliseconds), so wait again, a bounded number of times.
    async fn after_hold(redis: &realtime::Redis, user: UserId, news: PresenceNews) -> PresenceNews {
        let PresenceNews::Hold(mut wait) = news else {
            panic!("expected a hold, got {news:?}")
        };
        for _ in 0..5 {
            assert!(wait <= WINDOW, "{wait:?}");
            tokio::time::sleep(wait).await;
            match redis
                .presence_step(user, PresenceStep::Held, WINDOW)
                .await
                .unwrap()
            {
                PresenceNews::Hold(again) => wait = again,
                news => return news,
            }
        }
        panic!("still held after five waits")
    }

    #[tokio::test]
    async fn presence_follows_connections_and_each_connections_away() {
        let redis = redis().await;
        let (ann, bob) = (UserId::new(), UserId::new());
        let step = |user, step| {
            let redis = redis.clone();
            async move { redis.presence_step(user, step, WINDOW).await.unwrap() }
        };
        assert_eq!(
            redis.presence_of(&[ann, bob]).await.unwrap(),
            [(ann, Offline), (bob, Offline)]
        );

        let (phone, laptop) = (connection(), connection());
        redis
            .register_connection(&phone, ann, &domain::revocation::Grant::issued_now(""))
            .await
            .unwrap();
        assert_eq!(step(ann, PresenceStep::Connections).await, announce(Online));
        redis
            .register_connection(&laptop, ann, &domain::revocation::Grant::issued_now(""))
            .await
            .unwrap();
        assert_eq!(
            step(ann, PresenceStep::Connections).await,
            PresenceNews::Quiet,
            "a second device changes nothing"
        );
        assert_eq!(redis.online(&[ann, bob]).await.unwrap().len(), 1);

        // Away only once every connection says so.
        assert_eq!(step(ann, away(&phone, true)).await, PresenceNews::Quiet);
        assert_eq!(redis.presence_of(&[ann]).await.unwrap(), [(ann, Online)]);
        let news = step(ann, away(&laptop, true)).await;
        assert_eq!(after_hold(&redis, ann, news).await, announce(Away));
        assert_eq!(redis.presence_of(&[ann]).await.unwrap(), [(ann, Away)]);
        assert!(
            redis.online(&[ann]).await.unwrap().is_empty(),
            "@here skips the away"
        );

        // The laptop comes back, then closes: the phone left is away, so the user is.
        tokio::time::sleep(WINDOW).await;
        assert_eq!(step(ann, away(&laptop, false)).await, announce(Online));
        redis.unregister_connection(&laptop).await.unwrap();
        let news = step(ann, PresenceStep::Connections).await;
        assert_eq!(after_hold(&redis, ann, news).await, announce(Away));

        // Offline goes out at once, throttle or not.
        redis.unregister_connection(&phone).await.unwrap();
        assert_eq!(
            step(ann, PresenceStep::Connections).await,
            announce(Offline)
        );
        assert_eq!(redis.presence_of(&[ann]).await.unwrap(), [(ann, Offline)]);
        // A new connection is not away, whatever the old ones said.
        let tablet = connection();
        redis
            .register_connection(&tablet, ann, &domain::revocation::Grant::issued_now(""))
            .await
            .unwrap();
        let news = step(ann, PresenceStep::Connections).await;
        assert_eq!(after_hold(&redis, ann, news).await, announce(Online));
    }

    #[tokio::test]
    async fn changes_inside_the_window_are_held_by_one_and_undone_ones_never_said() {
        let redis = redis().await;
        let user = UserId::new();
        let only = connection();
        let step = |step| {
            let redis = redis.clone();
            async move { redis.presence_step(user, step, WINDOW).await.unwrap() }
        };
        redis
            .register_connection(&only, user, &domain::revocation::Grant::issued_now(""))
            .await
            .unwrap();
        assert_eq!(step(PresenceStep::Connections).await, announce(Online));

        // Away inside the window: held by the first caller; later callers leave it to them.
        let held = step(away(&only, true)).await;
        assert!(matches!(held, PresenceNews::Hold(_)), "{held:?}");
        assert_eq!(step(away(&only, false)).await, PresenceNews::Quiet);
        assert_eq!(step(away(&only, true)).await, PresenceNews::Quiet);
        assert_eq!(after_hold(&redis, user, held).await, announce(Away));

        // Away and back again inside the window: nothing to say when it ends.
        let held = step(away(&only, false)).await;
        assert_eq!(step(away(&only, true)).await, PresenceNews::Quiet);
        assert_eq!(after_hold(&redis, user, held).await, PresenceNews::Quiet);
        assert_eq!(redis.presence_of(&[user]).await.unwrap(), [(user, Away)]);
    }
}

mod watch {
    use domain::UserId;

    use super::{connection, redis};

    fn grant() -> domain::revocation::Grant {
        domain::revocation::Grant::issued_now("")
    }

    #[tokio::test]
    async fn a_subscription_replaces_the_last_and_a_late_one_is_ignored() {
        let redis = redis().await;
        let (ann, bob, cy) = (UserId::new(), UserId::new(), UserId::new());
        let (watcher, other) = (connection(), connection());
        redis
            .register_connection(&watcher, cy, &grant())
            .await
            .unwrap();
        redis
            .register_connection(&other, bob, &grant())
            .await
            .unwrap();

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
            redis.register_connection(id, cy, &grant()).await.unwrap();
        }
        // The laptop's client has been heard from; the phone's not yet; the tablet watches
        // nobody.
        redis.ping_connection(&laptop).await.unwrap();
        assert!(redis.watch(&phone, &[ann], 1).await.unwrap());
        assert!(redis.watch(&laptop, &[ann], 1).await.unwrap());
        for seq in 1..=2 {
            let mut claimed: Vec<(String, u64)> = redis
                .claim_watchers(ann)
                .await
                .unwrap()
                .into_iter()
                .map(|t| (t.connection_id, t.seq))
                .collect();
            claimed.sort_unstable();
            let mut expected = vec![(phone.clone(), 0), (laptop.clone(), seq)];
            expected.sort_unstable();
            assert_eq!(claimed, expected);
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
    async fn a_closed_or_unknown_connection_watches_nothing() {
        let redis = redis().await;
        let (ann, bob) = (UserId::new(), UserId::new());
        assert!(
            !redis.watch(&connection(), &[ann], 1).await.unwrap(),
            "a connection the registry does not know"
        );
        assert!(watchers(&redis, ann).await.is_empty());

        let closed = connection();
        redis
            .register_connection(&closed, bob, &grant())
            .await
            .unwrap();
        assert!(redis.watch(&closed, &[ann], 1).await.unwrap());
        redis.unregister_connection(&closed).await.unwrap();
        redis.unwatch(&closed).await.unwrap();
        assert!(watchers(&redis, ann).await.is_empty());
        let mut raw = raw().await;
        let left: (bool, bool) = ::redis::pipe()
            .exists(format!("watching:{closed}"))
            .exists(format!("watchers:{ann}"))
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
        redis
            .register_connection(&lost, bob, &grant())
            .await
            .unwrap();
        assert!(redis.watch(&lost, &[ann], 1).await.unwrap());
        // The registry entry expires (2 hours on); its `$disconnect` never came.
        let mut raw = raw().await;
        let _: () = ::redis::cmd("DEL")
            .arg(format!("conn:{lost}"))
            .query_async(&mut raw)
            .await
            .unwrap();
        assert!(watchers(&redis, ann).await.is_empty());
        let left: Vec<String> = ::redis::cmd("SMEMBERS")
            .arg(format!("watchers:{ann}"))
            .query_async(&mut raw)
            .await
            .unwrap();
        assert!(left.is_empty(), "the dead watcher is dropped: {left:?}");
        let ttl: i64 = ::redis::cmd("TTL")
            .arg(format!("watching:{lost}"))
            .query_async(&mut raw)
            .await
            .unwrap();
        assert!(
            ttl > 0 && ttl <= 2 * 3600 + 300,
            "expires with the connection: {ttl}"
        );
    }

    async fn raw() -> ::redis::aio::MultiplexedConnection {
        let url = std::env::var("REDIS_URL").unwrap();
        ::redis::Client::open(url)
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn typing_is_throttled_per_user_and_place() {
    let redis = redis().await;
    let (ann, bob) = (UserId::new(), UserId::new());
    let (room, thread) = (
        format!("CHAN#{}", ulid::Ulid::new()),
        format!("CHAN#{}:{}", ulid::Ulid::new(), ulid::Ulid::new()),
    );
    assert!(redis.may_type(ann, &room, 1).await.unwrap());
    assert!(!redis.may_type(ann, &room, 1).await.unwrap());
    assert!(
        redis.may_type(ann, &thread, 1).await.unwrap(),
        "another place"
    );
    assert!(
        redis.may_type(bob, &room, 1).await.unwrap(),
        "another person"
    );
    // Allowed again once the window has passed (waited for, with a bound).
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    while !redis.may_type(ann, &room, 1).await.unwrap() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "still throttled after 5 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_rate_limit_counts_in_a_fixed_window_per_subject() {
    use domain::limits::RateLimit;
    use realtime::ratelimit::Verdict;

    let redis = redis().await;
    let bucket = format!("test-{}", ulid::Ulid::new());
    let limit = RateLimit {
        max: 2,
        window_seconds: 30,
    };
    for _ in 0..2 {
        assert_eq!(
            redis.hit_rate_limit(&bucket, "a", limit).await.unwrap(),
            Verdict::Allowed
        );
    }
    match redis.hit_rate_limit(&bucket, "a", limit).await.unwrap() {
        Verdict::Limited {
            retry_after_seconds,
        } => assert!((1..=30).contains(&retry_after_seconds)),
        Verdict::Allowed => panic!("a third attempt in the window went through"),
    }
    // Another subject, and the same subject in another bucket, count apart.
    assert_eq!(
        redis.hit_rate_limit(&bucket, "b", limit).await.unwrap(),
        Verdict::Allowed
    );
    let other_bucket = format!("{bucket}-other");
    assert_eq!(
        redis
            .hit_rate_limit(&other_bucket, "a", limit)
            .await
            .unwrap(),
        Verdict::Allowed
    );
}

#[tokio::test]
async fn a_stale_fill_of_the_revocation_cache_cannot_undo_a_revocation() {
    use domain::revocation::Revocations;
    let redis = redis().await;
    let ann = UserId::new();
    assert_eq!(redis.cached_revocations(ann).await.unwrap(), None, "a miss");

    // A revoker adds its cut-off before a reader, who read the table just before the
    // revocation, fills the cache with what it saw.
    let cut = Revocations {
        before_ms: 5_000,
        ..Default::default()
    };
    redis.add_revocation(ann, &cut).await.unwrap();
    assert_eq!(
        redis.cached_revocations(ann).await.unwrap(),
        None,
        "an added revocation alone is not a loaded entry: readers still go to the table"
    );
    let mut stale = Revocations::default();
    stale.ended_families.insert("phone".into(), 99);
    redis.fill_revocations(ann, &stale).await.unwrap();
    let cached = redis.cached_revocations(ann).await.unwrap().unwrap();
    assert_eq!(cached.before_ms, 5_000, "the revocation stays");
    assert_eq!(cached.ended_families.get("phone"), Some(&99));

    // And the other order: loaded first, revoked after.
    let mut ended = Revocations::default();
    ended.ended_families.insert("laptop".into(), 100);
    redis.add_revocation(ann, &ended).await.unwrap();
    let cached = redis.cached_revocations(ann).await.unwrap().unwrap();
    assert_eq!(cached.before_ms, 5_000);
    assert_eq!(cached.ended_families.len(), 2);

    redis.forget_cached_revocations(ann).await.unwrap();
    assert_eq!(redis.cached_revocations(ann).await.unwrap(), None);
}

#[tokio::test]
async fn events_are_numbered_per_connection_once_its_client_is_heard_from() {
    let redis = redis().await;
    let ann = UserId::new();
    let grant = domain::revocation::Grant::issued_now("family");
    let (phone, laptop) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    redis
        .register_connection(&phone, ann, &grant)
        .await
        .unwrap();
    redis
        .register_connection(&laptop, ann, &grant)
        .await
        .unwrap();
    let numbers = |targets: Vec<realtime::connections::Target>| {
        let mut numbers: Vec<(String, u64)> = targets
            .into_iter()
            .map(|t| (t.connection_id, t.seq))
            .collect();
        numbers.sort();
        numbers
    };
    let mut expected = vec![(phone.clone(), 0), (laptop.clone(), 0)];
    expected.sort();
    assert_eq!(
        numbers(redis.claim_deliveries(&[ann]).await.unwrap()),
        expected,
        "not numbered before the client is heard from"
    );

    let registered = redis.ping_connection(&phone).await.unwrap().unwrap();
    assert_eq!((registered.user, registered.last_seq), (ann, 0));
    assert_eq!(registered.grant, grant);
    for seq in 1..=3 {
        let targets = redis.claim_deliveries(&[ann]).await.unwrap();
        let phone_seq = targets
            .iter()
            .find(|t| t.connection_id == phone)
            .unwrap()
            .seq;
        assert_eq!(phone_seq, seq);
    }
    assert_eq!(
        redis
            .ping_connection(&phone)
            .await
            .unwrap()
            .unwrap()
            .last_seq,
        3,
        "a pong tells the last number"
    );

    // A connection whose entry is gone (expired, or Redis lost it) is dropped from the set.
    redis.unregister_connection(&laptop).await.unwrap();
    assert_eq!(redis.ping_connection(&laptop).await.unwrap(), None);
    let targets = redis.claim_deliveries(&[ann]).await.unwrap();
    assert_eq!(numbers(targets), [(phone.clone(), 4)]);
}

#[tokio::test]
async fn a_cached_member_list_serves_only_its_own_version() {
    let redis = redis().await;
    let workspace = ulid::Ulid::new().to_string();
    let parent = ulid::Ulid::new().to_string();
    let (alice, bob) = (UserId::new(), UserId::new());
    let connection = ulid::Ulid::new().to_string();
    redis
        .register_connection(&connection, alice, &Grant::issued_now(""))
        .await
        .unwrap();
    redis.ping_connection(&connection).await.unwrap();

    assert_eq!(
        redis
            .claim_cached_audience(&workspace, &parent, 3)
            .await
            .unwrap(),
        None,
        "nothing cached yet"
    );
    let members = [(alice, false), (bob, true)];
    let targets = redis
        .cache_audience(&workspace, &parent, 3, &members, true)
        .await
        .unwrap();
    assert_eq!(targets.len(), 1, "alice's one connection: {targets:?}");
    assert_eq!((targets[0].user, targets[0].seq), (alice, 1));

    let hit = redis
        .claim_cached_audience(&workspace, &parent, 3)
        .await
        .unwrap()
        .expect("cached at version 3");
    let mut listed = hit.members.clone();
    listed.sort();
    let mut expected = members.to_vec();
    expected.sort();
    assert_eq!(listed, expected, "members and their mutes");
    assert_eq!(hit.targets.len(), 1);
    assert_eq!(hit.targets[0].seq, 2, "each claim numbers the next event");

    assert_eq!(
        redis
            .claim_cached_audience(&workspace, &parent, 4)
            .await
            .unwrap(),
        None,
        "a newer version is a miss"
    );
    // A slow reader that read version 2 cannot put its older list over version 3.
    redis
        .cache_audience(&workspace, &parent, 2, &[(bob, false)], false)
        .await
        .unwrap();
    assert!(
        redis
            .claim_cached_audience(&workspace, &parent, 3)
            .await
            .unwrap()
            .is_some(),
        "version 3 is still cached"
    );
    // A newer list replaces it, members gone included.
    redis
        .cache_audience(&workspace, &parent, 5, &[(bob, false)], false)
        .await
        .unwrap();
    let newer = redis
        .claim_cached_audience(&workspace, &parent, 5)
        .await
        .unwrap()
        .expect("cached at version 5");
    assert_eq!(newer.members, vec![(bob, false)]);
    assert!(newer.targets.is_empty(), "alice is no longer a member");
}
