//! Users (ids, emails, identity-provider subjects, the first admin) and refresh sessions.

use domain::UserId;
use domain::user::Role;
use futures::future::join_all;
use store::users::{CreateConflict, Subject, new_user};

use crate::fresh_store;

#[tokio::test]
async fn users_are_found_by_id_email_and_subject_and_emails_are_unique() {
    let store = fresh_store().await;
    let alice = new_user("alice@example.com", "Alice".into(), Role::Member);
    let sub = Subject {
        issuer: "https://idp.example.com",
        subject: "a-1",
    };
    store
        .users()
        .create(&alice, Some(sub), false)
        .await
        .unwrap()
        .unwrap();

    assert_eq!(
        store.users().get(alice.id).await.unwrap().as_ref(),
        Some(&alice)
    );
    assert_eq!(
        store
            .users()
            .by_email("alice@example.com")
            .await
            .unwrap()
            .as_ref(),
        Some(&alice)
    );
    assert_eq!(
        store.users().by_subject(sub).await.unwrap().as_ref(),
        Some(&alice)
    );
    assert_eq!(
        store.users().by_email("nobody@example.com").await.unwrap(),
        None
    );

    let twin = new_user("alice@example.com", "Other".into(), Role::Member);
    let other_sub = Subject {
        issuer: "https://idp.example.com",
        subject: "a-2",
    };
    let refused = store
        .users()
        .create(&twin, Some(other_sub), false)
        .await
        .unwrap();
    assert_eq!(refused, Err(CreateConflict::EmailTaken));
    // Nothing of the refused user was written: not the profile, not its subject lock.
    assert_eq!(store.users().get(twin.id).await.unwrap(), None);
    assert_eq!(store.users().by_subject(other_sub).await.unwrap(), None);

    let found = store
        .users()
        .batch_get(&[alice.id, twin.id, alice.id])
        .await
        .unwrap();
    assert_eq!(found, vec![alice]);
}

#[tokio::test]
async fn simultaneous_first_sign_ins_make_exactly_one_admin() {
    let store = fresh_store().await;
    assert!(!store.users().first_admin_claimed().await.unwrap());
    let users: Vec<_> = (0..8)
        .map(|i| {
            new_user(
                &format!("user{i}@example.com"),
                format!("User {i}"),
                Role::Admin,
            )
        })
        .collect();
    let results = join_all(users.iter().map(|u| store.users().create(u, None, true))).await;
    let winners = results.iter().filter(|r| matches!(r, Ok(Ok(())))).count();
    let losers = results
        .iter()
        .filter(|r| matches!(r, Ok(Err(CreateConflict::FirstAdminTaken))))
        .count();
    assert_eq!((winners, losers), (1, 7), "{results:?}");
    assert!(store.users().first_admin_claimed().await.unwrap());
}

#[tokio::test]
async fn sessions_are_found_by_hash_and_expired_ones_are_ignored() {
    let store = fresh_store().await;
    let user = UserId::new();
    store
        .sessions()
        .create("live-hash", user, 3600)
        .await
        .unwrap();
    store.sessions().create("old-hash", user, -1).await.unwrap();
    assert_eq!(
        store
            .sessions()
            .get("live-hash")
            .await
            .unwrap()
            .map(|s| s.user_id),
        Some(user)
    );
    assert_eq!(store.sessions().get("old-hash").await.unwrap(), None);
    assert_eq!(store.sessions().get("unknown").await.unwrap(), None);
}
