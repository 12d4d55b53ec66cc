//! The store against a real DynamoDB Local, a fresh table per test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::user::Role;
use domain::{ChannelId, Parent, Timestamp, UserId};
use futures::future::join_all;
use store::channels::AddMember;
use store::messages::{NewMessage, PageAt};
use store::schema::Ensured;
use store::users::{CreateConflict, Subject, new_user};
use store::{Store, StoreError, cursor};

/// A store on a table of its own. `make test` starts DynamoDB Local and sets DYNAMODB_ENDPOINT.
async fn fresh_store() -> Store {
    let endpoint = std::env::var("DYNAMODB_ENDPOINT").expect(
        "DYNAMODB_ENDPOINT is not set: run the tests with `make test`, which starts DynamoDB Local",
    );
    let table = format!("test-{}", ulid::Ulid::new().to_string().to_lowercase());
    let store = Store::connect("us-east-1", Some(&endpoint), table).await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::Created);
    store
}

fn channel(name: &str, kind: ChannelType) -> Channel {
    Channel {
        id: ChannelId::new(),
        name: name.into(),
        slug: name.into(),
        description: String::new(),
        kind,
        created_by: UserId::new(),
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    }
}

fn text(body: &str) -> NewMessage {
    NewMessage {
        id: domain::MessageId::new(),
        author: UserId::new(),
        body: body.into(),
        client_nonce: None,
        system: None,
    }
}

#[tokio::test]
async fn ensure_table_is_a_no_op_the_second_time() {
    let store = fresh_store().await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::AlreadyExisted);
    store.delete_table().await.unwrap();
}

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
async fn general_is_created_once_even_when_raced() {
    let store = fresh_store().await;
    let creators: Vec<UserId> = (0..5).map(|_| UserId::new()).collect();
    let results = join_all(creators.iter().map(|c| store.channels().ensure_general(*c))).await;
    let channels: Vec<Channel> = results.into_iter().map(Result::unwrap).collect();
    assert!(channels.iter().all(|c| c == &channels[0]));
    assert_eq!(channels[0].id, ChannelId::GENERAL);
    assert_eq!(
        store.channels().by_slug("general").await.unwrap(),
        Some(channels[0].clone())
    );
}

#[tokio::test]
async fn slugs_are_unique() {
    let store = fresh_store().await;
    assert!(
        store
            .channels()
            .create(&channel("news", ChannelType::Public), UserId::new())
            .await
            .unwrap()
    );
    let twin = channel("news", ChannelType::Private);
    assert!(!store.channels().create(&twin, UserId::new()).await.unwrap());
    assert_eq!(store.channels().get(twin.id).await.unwrap(), None);
}

#[tokio::test]
async fn membership_rows_are_written_on_both_sides() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    let (a, b) = (UserId::new(), UserId::new());
    store.channels().create(&news, a).await.unwrap();
    let channels = store.channels();
    let parent = Parent::Channel(news.id);
    assert_eq!(
        channels
            .add_member(news.id, b, ChannelRole::Member)
            .await
            .unwrap(),
        AddMember::Added
    );
    assert_eq!(
        channels
            .add_member(news.id, b, ChannelRole::Admin)
            .await
            .unwrap(),
        AddMember::AlreadyMember
    );

    let memberships = store.memberships();
    let mut members = memberships.member_ids(parent).await.unwrap();
    members.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(members, expected);
    assert_eq!(
        memberships.role_of(parent, a).await.unwrap(),
        Some(ChannelRole::Owner)
    );
    assert_eq!(
        memberships.role_of(parent, b).await.unwrap(),
        Some(ChannelRole::Member)
    );
    assert_eq!(
        memberships.role_of(parent, UserId::new()).await.unwrap(),
        None
    );

    let mine = memberships
        .for_user(b, domain::ParentType::Channel)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].parent_id.as_str(), mine[0].role),
        (news.id.to_string().as_str(), ChannelRole::Member)
    );
}

#[tokio::test]
async fn nobody_joins_a_missing_channel() {
    let store = fresh_store().await;
    let ghost = channel("ghost", ChannelType::Public);
    let user = UserId::new();
    let outcome = store
        .channels()
        .add_member(ghost.id, user, ChannelRole::Member)
        .await
        .unwrap();
    assert_eq!(outcome, AddMember::Closed);
    assert_eq!(
        store
            .memberships()
            .get(Parent::Channel(ghost.id), user)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn concurrent_sends_get_distinct_consecutive_sequence_numbers() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, UserId::new()).await.unwrap();
    let sent = join_all((0..20).map(|i| {
        store
            .messages()
            .append(Parent::Channel(news.id), text(&format!("m{i}")))
    }))
    .await;
    let mut seqs: Vec<u64> = sent.into_iter().map(|m| m.unwrap().seq).collect();
    seqs.sort();
    assert_eq!(seqs, (1..=20).collect::<Vec<u64>>());
}

#[tokio::test]
async fn sending_to_a_missing_channel_writes_nothing() {
    let store = fresh_store().await;
    let missing = ChannelId::new();
    let err = store
        .messages()
        .append(Parent::Channel(missing), text("hello"))
        .await;
    assert!(matches!(err, Err(StoreError::NotFound)), "{err:?}");
    let page = store
        .messages()
        .page(Parent::Channel(missing), PageAt::Newest, 10)
        .await
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!(store.channels().get(missing).await.unwrap(), None);
}

#[tokio::test]
async fn history_pages_both_ways_with_cursors() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, UserId::new()).await.unwrap();
    // A member row shares the partition and must never show up as a message.
    store
        .channels()
        .add_member(news.id, UserId::new(), ChannelRole::Owner)
        .await
        .unwrap();
    let mut sent = Vec::new();
    for i in 0..25 {
        sent.push(
            store
                .messages()
                .append(Parent::Channel(news.id), text(&format!("m{i}")))
                .await
                .unwrap(),
        );
    }
    let bodies = |page: &domain::message::MessagePage| {
        page.items
            .iter()
            .map(|m| m.body.clone())
            .collect::<Vec<_>>()
    };

    let newest = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::Newest, 10)
        .await
        .unwrap();
    assert_eq!(
        bodies(&newest),
        (15..25).rev().map(|i| format!("m{i}")).collect::<Vec<_>>()
    );
    assert!(newest.has_more_older);
    assert!(!newest.has_more_newer);

    let older_id = cursor::decode(newest.older_cursor.as_deref().unwrap()).unwrap();
    let older = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::Before(older_id), 10)
        .await
        .unwrap();
    assert_eq!(
        bodies(&older),
        (5..15).rev().map(|i| format!("m{i}")).collect::<Vec<_>>()
    );
    assert!(older.has_more_older);

    let oldest_id = cursor::decode(older.older_cursor.as_deref().unwrap()).unwrap();
    let oldest = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::Before(oldest_id), 10)
        .await
        .unwrap();
    assert_eq!(
        bodies(&oldest),
        (0..5).rev().map(|i| format!("m{i}")).collect::<Vec<_>>()
    );
    assert!(!oldest.has_more_older);

    // Catch-up from an old point: the next 10 newer, then the rest, then nothing.
    let after = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::After(sent[4].id), 10)
        .await
        .unwrap();
    assert_eq!(
        bodies(&after),
        (5..15).rev().map(|i| format!("m{i}")).collect::<Vec<_>>()
    );
    assert!(after.has_more_newer);
    let next_id = cursor::decode(after.newer_cursor.as_deref().unwrap()).unwrap();
    let rest = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::After(next_id), 10)
        .await
        .unwrap();
    assert_eq!(
        bodies(&rest),
        (15..25).rev().map(|i| format!("m{i}")).collect::<Vec<_>>()
    );
    assert!(!rest.has_more_newer);
    let last_id = cursor::decode(rest.newer_cursor.as_deref().unwrap()).unwrap();
    let nothing = store
        .messages()
        .page(Parent::Channel(news.id), PageAt::After(last_id), 10)
        .await
        .unwrap();
    assert!(nothing.items.is_empty());
    assert!(!nothing.has_more_newer);
    assert_eq!(
        nothing.newer_cursor.as_deref().and_then(cursor::decode),
        Some(last_id)
    );
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
    store.sessions().delete("live-hash").await.unwrap();
    assert_eq!(store.sessions().get("live-hash").await.unwrap(), None);
}
