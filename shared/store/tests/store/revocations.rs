//! The durable record of revoked access: a cut-off that only moves later, ended families that
//! are remembered as long as their tokens could live and then read as gone, and one user's
//! record apart from another's.

use domain::UserId;
use domain::revocation::{ENDED_FAMILY_MEMORY_SECONDS, Grant};

use crate::fresh_store;

#[tokio::test]
async fn a_cut_off_only_ever_moves_later() {
    let store = fresh_store().await;
    let (ann, bob) = (UserId::new(), UserId::new());
    let records = store.revocations();
    assert_eq!(records.get(ann, 0).await.unwrap().before_ms, 0);

    records.cut_off(ann, 2_000).await.unwrap();
    // A revoker whose clock runs behind cannot move it back.
    records.cut_off(ann, 1_000).await.unwrap();
    assert_eq!(records.get(ann, 0).await.unwrap().before_ms, 2_000);
    records.cut_off(ann, 3_000).await.unwrap();
    assert_eq!(records.get(ann, 0).await.unwrap().before_ms, 3_000);
    assert_eq!(
        records.get(bob, 0).await.unwrap().before_ms,
        0,
        "someone else's record is untouched"
    );
}

#[tokio::test]
async fn an_ended_family_is_remembered_while_its_tokens_can_live() {
    let store = fresh_store().await;
    let ann = UserId::new();
    let records = store.revocations();
    let now = 1_000_000;
    let until = records.end_family(ann, "laptop", now).await.unwrap();
    assert_eq!(until, now + ENDED_FAMILY_MEMORY_SECONDS);
    records.cut_off(ann, 5).await.unwrap();

    let seen = records.get(ann, now).await.unwrap();
    assert_eq!(seen.before_ms, 5);
    let laptop = Grant {
        family: "laptop".into(),
        issued_ms: 10_000_000_000,
    };
    let phone = Grant {
        family: "phone".into(),
        ..laptop.clone()
    };
    assert!(seen.refuses(&laptop, now));
    assert!(!seen.refuses(&phone, now));

    // Past its time the row reads as gone, though DynamoDB may not have removed it yet.
    let later = records.get(ann, until).await.unwrap();
    assert!(later.ended_families.is_empty());
    assert!(!later.refuses(&laptop, until));
}

#[tokio::test]
async fn ending_a_session_family_records_its_revocation() {
    let store = fresh_store().await;
    let ann = UserId::new();
    let session = store
        .sessions()
        .create(&auth::secrets::hash_token("token"), ann, 3600)
        .await
        .unwrap();
    store
        .sessions()
        .end_family(ann, &session.family_id)
        .await
        .unwrap();
    let seen = store
        .revocations()
        .get(ann, domain::Timestamp::now().unix_seconds())
        .await
        .unwrap();
    assert!(seen.ended_families.contains_key(&session.family_id));
}
