use domain::UserId;

use super::redis;

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
