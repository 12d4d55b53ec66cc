//! Handles: derived from the email for a new user, unique through a `HANDLE#` lock (and kept
//! apart from look-alikes by a `HANDLELIKE#` lock on their skeleton) written
//! with the user, and resolved in bulk for mentions.

use domain::UserId;
use domain::user::{Handle, Role, User};
use store::keys;
use store::users::{CreateConflict, new_user};

use crate::{fresh_store, raw_item, sorted};

fn lock_owner(
    item: &std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
) -> Option<UserId> {
    item.get("userID")?.as_s().ok()?.parse().ok()
}

#[tokio::test]
async fn a_new_user_gets_a_handle_derived_from_the_email() {
    let john = new_user("john@gmail.com", "John".into(), Role::Member);
    assert_eq!(john.handle, "john_gm_1f9d9a9e");
    assert_eq!(john.email, "john@gmail.com");
    // The same address always gives the same handle, another address another one.
    assert_eq!(
        new_user("john@gmail.com", "Other".into(), Role::Guest).handle,
        john.handle
    );
    assert_ne!(
        new_user("john@gmail.co", "John".into(), Role::Member).handle,
        john.handle
    );
}

#[tokio::test]
async fn create_writes_the_handle_lock_and_a_taken_handle_writes_nothing() {
    let store = fresh_store().await;
    let john = new_user("john@gmail.com", "John".into(), Role::Member);
    store
        .users()
        .create(&john, None, false)
        .await
        .unwrap()
        .unwrap();
    let lock = raw_item(&store, "HANDLE#john_gm_1f9d9a9e", keys::LOCK)
        .await
        .expect("no HANDLE# lock was written");
    assert_eq!(lock_owner(&lock), Some(john.id));

    // Another account whose handle is the same.
    let twin = User {
        handle: john.handle.clone(),
        ..new_user("other@example.com", "Twin".into(), Role::Member)
    };
    assert_eq!(
        store.users().create(&twin, None, false).await.unwrap(),
        Err(CreateConflict::HandleTaken)
    );
    assert_eq!(store.users().get(twin.id).await.unwrap(), None);
    assert_eq!(store.users().by_email(&twin.email).await.unwrap(), None);
    assert_eq!(
        raw_item(&store, &keys::email_lock(&twin.email), keys::LOCK).await,
        None,
        "the refused user's email lock was written"
    );
    assert_eq!(
        raw_item(&store, &keys::user(twin.id), keys::PROFILE).await,
        None
    );
    // The lock still belongs to the first owner, and the first owner is whole.
    let lock = raw_item(&store, &keys::handle(&john.handle), keys::LOCK)
        .await
        .unwrap();
    assert_eq!(lock_owner(&lock), Some(john.id));
    assert_eq!(
        store.users().get(john.id).await.unwrap(),
        Some(john.clone())
    );
    assert_eq!(
        store.users().by_handles(&[&john.handle]).await.unwrap(),
        vec![(john.handle.clone(), john.id)]
    );
    // With another handle the same person can be created.
    let renamed = User {
        handle: "twin".into(),
        ..twin
    };
    assert_eq!(
        store.users().create(&renamed, None, false).await.unwrap(),
        Ok(())
    );
}

#[tokio::test]
async fn by_handles_resolves_the_known_and_skips_the_unknown() {
    let store = fresh_store().await;
    let people: Vec<User> = ["ann@example.com", "bob@example.org", "cy@example.net"]
        .iter()
        .map(|e| new_user(e, "Someone".into(), Role::Member))
        .collect();
    for u in &people {
        store.users().create(u, None, false).await.unwrap().unwrap();
    }
    let (ann, bob) = (&people[0], &people[1]);
    let found = store
        .users()
        .by_handles(&[&bob.handle, "nobody_here", &ann.handle, "ann"])
        .await
        .unwrap();
    assert_eq!(
        sorted(found),
        sorted(vec![
            (ann.handle.clone(), ann.id),
            (bob.handle.clone(), bob.id)
        ])
    );
    assert!(
        store
            .users()
            .by_handles(&["nobody", "nobody_else"])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.users().by_handles(&[]).await.unwrap().is_empty());
}

#[tokio::test]
async fn by_handles_accepts_a_handle_named_twice() {
    let store = fresh_store().await;
    let ann = new_user("ann@example.com", "Ann".into(), Role::Member);
    store
        .users()
        .create(&ann, None, false)
        .await
        .unwrap()
        .unwrap();
    // users().batch_get dedupes its ids; by_handles does not.
    let found = store
        .users()
        .by_handles(&[&ann.handle, &ann.handle])
        .await
        .unwrap();
    assert_eq!(found, vec![(ann.handle.clone(), ann.id)]);
}

#[tokio::test]
async fn a_look_alike_of_a_handle_is_refused_at_create_and_writes_nothing() {
    let store = fresh_store().await;
    let ann = User {
        handle: "ann.lee".into(),
        ..new_user("ann@example.com", "Ann".into(), Role::Member)
    };
    store
        .users()
        .create(&ann, None, false)
        .await
        .unwrap()
        .unwrap();
    let lock = raw_item(&store, &keys::handle_skeleton("annlee"), keys::LOCK)
        .await
        .expect("no look-alike lock was written");
    assert_eq!(lock_owner(&lock), Some(ann.id));

    let alike = User {
        handle: "ann_1ee".into(),
        ..new_user("mal@example.com", "Mal".into(), Role::Member)
    };
    assert_eq!(
        store.users().create(&alike, None, false).await.unwrap(),
        Err(CreateConflict::HandleTaken)
    );
    assert_eq!(store.users().get(alike.id).await.unwrap(), None);
    assert_eq!(
        raw_item(&store, &keys::handle("ann_1ee"), keys::LOCK).await,
        None,
        "the refused user's handle lock was written"
    );

    // Changing handles moves the look-alike lock along: the old one is free afterwards.
    assert!(
        store
            .users()
            .change_handle(&ann, &Handle::parse("annie").unwrap())
            .await
            .unwrap()
    );
    assert_eq!(
        raw_item(&store, &keys::handle_skeleton("annlee"), keys::LOCK).await,
        None
    );
    assert_eq!(
        store.users().create(&alike, None, false).await.unwrap(),
        Ok(())
    );
}
