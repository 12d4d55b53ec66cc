use domain::limits::RateLimit;
use realtime::ratelimit::Verdict;

use super::redis;

#[tokio::test]
async fn a_rate_limit_counts_in_a_fixed_window_per_subject() {
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
