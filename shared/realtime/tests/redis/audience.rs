use domain::UserId;

use super::{connection, redis, register};

#[tokio::test]
async fn a_cached_member_list_serves_only_its_own_version() {
    let redis = redis().await;
    let workspace = ulid::Ulid::new().to_string();
    let parent = ulid::Ulid::new().to_string();
    let (alice, bob) = (UserId::new(), UserId::new());
    let connection = connection();
    register(&redis, &connection, alice).await;
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
