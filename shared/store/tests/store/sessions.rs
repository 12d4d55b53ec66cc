//! Refresh sessions: rotation within a family, a replaced token recognised, families ended one
//! at a time or all together.

use domain::UserId;
use store::sessions::Rotation;

use crate::fresh_store;

const HOUR: i64 = 3600;

#[tokio::test]
async fn a_rotation_replaces_the_token_within_its_family() {
    let store = fresh_store().await;
    let sessions = store.sessions();
    let user = UserId::new();
    let first = sessions.create("t1", user, HOUR).await.unwrap();
    let Rotation::Rotated(second) = sessions.rotate("t1", &first, "t2", HOUR).await.unwrap() else {
        panic!("a fresh token should rotate");
    };
    assert_eq!(
        (second.user_id, &second.family_id),
        (user, &first.family_id)
    );
    assert_eq!(second.replaced_at, None);
    let old = sessions
        .get("t1")
        .await
        .unwrap()
        .expect("the replaced row stays");
    let replaced = old.replaced_at.expect("and says it was replaced");

    // Rotating the old token again finds it replaced, at that time, and makes nothing new.
    assert_eq!(
        sessions.rotate("t1", &first, "t3", HOUR).await.unwrap(),
        Rotation::AlreadyReplaced(replaced)
    );
    assert_eq!(sessions.get("t3").await.unwrap(), None);
    assert_eq!(
        sessions.rotate("nope", &first, "t4", HOUR).await.unwrap(),
        Rotation::Unknown
    );
}

#[tokio::test]
async fn two_rotations_of_one_token_at_once_make_one_successor() {
    let store = fresh_store().await;
    let sessions = store.sessions();
    let first = sessions.create("r1", UserId::new(), HOUR).await.unwrap();
    let (a, b) = tokio::join!(
        sessions.rotate("r1", &first, "ra", HOUR),
        sessions.rotate("r1", &first, "rb", HOUR),
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    let rotated = outcomes
        .iter()
        .filter(|o| matches!(o, Rotation::Rotated(_)))
        .count();
    assert_eq!(rotated, 1, "{outcomes:?}");
    let live = [
        sessions.get("ra").await.unwrap(),
        sessions.get("rb").await.unwrap(),
    ];
    assert_eq!(live.iter().flatten().count(), 1);
}

#[tokio::test]
async fn ending_a_family_leaves_the_other_devices() {
    let store = fresh_store().await;
    let sessions = store.sessions();
    let user = UserId::new();
    let laptop = sessions.create("laptop-1", user, HOUR).await.unwrap();
    sessions
        .rotate("laptop-1", &laptop, "laptop-2", HOUR)
        .await
        .unwrap();
    sessions.create("phone-1", user, HOUR).await.unwrap();
    let someone_else = UserId::new();
    sessions
        .create("other-1", someone_else, HOUR)
        .await
        .unwrap();

    assert_eq!(
        sessions.end_family(user, &laptop.family_id).await.unwrap(),
        2
    );
    assert_eq!(sessions.get("laptop-1").await.unwrap(), None);
    assert_eq!(sessions.get("laptop-2").await.unwrap(), None);
    assert!(sessions.get("phone-1").await.unwrap().is_some());

    assert_eq!(sessions.end_all(user).await.unwrap(), 1);
    assert_eq!(sessions.get("phone-1").await.unwrap(), None);
    assert!(
        sessions.get("other-1").await.unwrap().is_some(),
        "another user's session is untouched"
    );
}
