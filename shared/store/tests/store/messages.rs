//! Messages: sequence numbers and history pages both ways.

use domain::channel::{ChannelRole, ChannelType};
use domain::{ChannelId, Parent, UserId};
use futures::future::join_all;
use store::messages::PageAt;
use store::{StoreError, cursor};

use crate::{channel, fresh_store, text};

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
