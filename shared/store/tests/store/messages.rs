//! Messages: sequence numbers, where they live, and history pages both ways.

use domain::channel::{ChannelRole, ChannelType};
use domain::conversation::Participants;
use domain::message::Message;
use domain::{ChannelId, ConversationId, Parent, ParentType, UserId};
use futures::future::join_all;
use store::messages::{NotSent, PageAt};
use store::{cursor, keys};

use crate::{append, channel, fresh_store, raw_item, text, text_by};

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
    let mut seqs: Vec<u64> = sent.into_iter().map(|m| m.unwrap().unwrap().seq).collect();
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
    assert!(matches!(err, Ok(Err(NotSent::ReadOnly))), "{err:?}");
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
        sent.push(append(&store, Parent::Channel(news.id), text(&format!("m{i}"))).await);
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
async fn conversation_messages_live_in_the_conversation_partition() {
    let store = fresh_store().await;
    let (me, you) = (UserId::new(), UserId::new());
    let people = Participants::parse(me, &[you]).unwrap();
    let (chat, _) = store.conversations().open(&people, me, None).await.unwrap();
    let parent = Parent::Conversation(chat.id);

    let sent = append(&store, parent, text_by(me, "hi")).await;
    assert_eq!(
        (sent.parent_id.as_str(), sent.parent_type, sent.seq),
        (chat.id.to_string().as_str(), ParentType::Conversation, 1)
    );
    let pk = keys::conversation(chat.id);
    assert!(pk.starts_with("CONV#"), "{pk}");
    let row = raw_item(&store, &pk, &keys::message(sent.id))
        .await
        .expect("the message is not under CONV#<id> / MSG#<id>");
    assert_eq!(
        row.get("body")
            .and_then(|b| b.as_s().ok())
            .map(String::as_str),
        Some("hi")
    );
    // And nowhere else: not under a channel of the same id.
    let as_channel: ChannelId = chat.id.to_string().parse().unwrap();
    assert_eq!(
        raw_item(&store, &keys::channel(as_channel), &keys::message(sent.id)).await,
        None
    );
    assert_eq!(
        store
            .messages()
            .get(parent, None, sent.id)
            .await
            .unwrap()
            .as_ref(),
        Some(&sent)
    );
    let page = store
        .messages()
        .page(parent, PageAt::Newest, 10)
        .await
        .unwrap();
    assert_eq!(page.items, vec![sent]);
}

#[tokio::test]
async fn sending_to_a_missing_conversation_writes_nothing() {
    let store = fresh_store().await;
    let missing = ConversationId::new();
    let parent = Parent::Conversation(missing);
    let err = store.messages().append(parent, text("hello")).await;
    assert!(matches!(err, Ok(Err(NotSent::ReadOnly))), "{err:?}");
    assert_eq!(store.conversations().get(missing).await.unwrap(), None);
    assert_eq!(
        raw_item(&store, &keys::conversation(missing), keys::META).await,
        None,
        "the sequence counter made a metadata item appear"
    );
    let page = store
        .messages()
        .page(parent, PageAt::Newest, 10)
        .await
        .unwrap();
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn concurrent_sends_to_a_conversation_are_numbered_and_stamp_the_conversation() {
    let store = fresh_store().await;
    let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
    let people = Participants::parse(a, &[b, c]).unwrap();
    let (group, _) = store.conversations().open(&people, a, None).await.unwrap();
    assert_eq!(group.last_message_at, None);
    let parent = Parent::Conversation(group.id);

    let sent: Vec<Message> = join_all((0..20).map(|i| {
        let author = [a, b, c][i % 3];
        store
            .messages()
            .append(parent, text_by(author, &format!("m{i}")))
    }))
    .await
    .into_iter()
    .map(|sent| sent.unwrap().unwrap())
    .collect();
    let mut seqs: Vec<u64> = sent.iter().map(|m| m.seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=20).collect::<Vec<u64>>());

    // The conversation counts them and carries the time of the last one numbered.
    let stamped = store.conversations().get(group.id).await.unwrap().unwrap();
    assert_eq!(stamped.last_seq, 20);
    let last = sent.iter().find(|m| m.seq == 20).unwrap();
    assert_eq!(stamped.last_message_at, Some(last.created_at));

    // Every message was written.
    let page = store
        .messages()
        .page(parent, PageAt::Newest, 50)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 20);
    // History is in message-id order (ids are ULIDs the senders chose), newest first.
    let page_ids: Vec<_> = page.items.iter().map(|m| m.id).collect();
    let mut by_id: Vec<_> = sent.iter().map(|m| m.id).collect();
    by_id.sort_by(|x, y| y.cmp(x));
    assert_eq!(page_ids, by_id);
}

#[tokio::test]
async fn a_channel_send_stamps_the_channel() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    let owner = UserId::new();
    store.channels().create(&news, owner).await.unwrap();
    store
        .channels()
        .add_member(news.id, UserId::new(), ChannelRole::Member)
        .await
        .unwrap();
    let first = append(&store, Parent::Channel(news.id), text_by(owner, "one")).await;
    let second = append(&store, Parent::Channel(news.id), text_by(owner, "two")).await;
    assert_eq!((first.seq, second.seq), (1, 2));
    let stored = store.channels().get(news.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.last_seq, stored.last_message_at),
        (2, Some(second.created_at))
    );
}
