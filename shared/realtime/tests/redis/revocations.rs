use domain::UserId;
use domain::revocation::Revocations;

use super::redis;

#[tokio::test]
async fn a_stale_fill_of_the_revocation_cache_cannot_undo_a_revocation() {
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
