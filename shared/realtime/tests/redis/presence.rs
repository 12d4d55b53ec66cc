use std::time::Duration;

use domain::UserId;
use domain::presence::PresenceStatus::{Away, Offline, Online};
use realtime::presence::{PresenceNews, PresenceStep};

use super::{connection, redis, register};

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
    register(&redis, &phone, ann).await;
    assert_eq!(step(ann, PresenceStep::Connections).await, announce(Online));
    register(&redis, &laptop, ann).await;
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
    register(&redis, &tablet, ann).await;
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
    register(&redis, &only, user).await;
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
