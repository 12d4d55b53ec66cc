//! Reading around a message (deep links): the window at the start, middle and end of a
//! history, its flags, and cursors that carry on with ordinary pages.

use domain::message::{Message, MessagePage};
use domain::{MessageId, Parent};
use store::Store;
use store::cursor;
use store::messages::PageAt;

use crate::{append, fresh_store, reply_to, room, text};

/// A channel with `n` messages `m0`..`m<n-1>`, oldest first.
async fn history(store: &Store, n: usize) -> (Parent, Vec<Message>) {
    let parent = room(store).await;
    let mut sent = Vec::new();
    for i in 0..n {
        sent.push(append(store, parent, text(&format!("m{i}"))).await);
    }
    (parent, sent)
}

fn ids(page: &MessagePage) -> Vec<MessageId> {
    page.items.iter().map(|m| m.id).collect()
}

/// The ids of `sent[range]`, newest first (as pages list them).
fn newest_first(sent: &[Message], range: std::ops::RangeInclusive<usize>) -> Vec<MessageId> {
    sent[range].iter().rev().map(|m| m.id).collect()
}

fn decode(cursor: Option<&String>) -> MessageId {
    cursor::decode(cursor.expect("no cursor")).expect("a cursor we gave out does not decode")
}

/// Follows the window's cursors to both ends of the history: every id met, oldest first.
async fn walk(store: &Store, parent: Parent, window: &MessagePage) -> Vec<MessageId> {
    let mut older = Vec::new();
    let mut page = window.clone();
    while page.has_more_older {
        assert!(older.len() < 100, "older pages never end");
        page = store
            .messages()
            .page(
                parent,
                PageAt::Before(decode(page.older_cursor.as_ref())),
                7,
            )
            .await
            .unwrap();
        older.extend(ids(&page));
    }
    let mut newer = Vec::new();
    let mut page = window.clone();
    while page.has_more_newer {
        assert!(newer.len() < 100, "newer pages never end");
        page = store
            .messages()
            .page(parent, PageAt::After(decode(page.newer_cursor.as_ref())), 7)
            .await
            .unwrap();
        // Pages are newest first; collect oldest first.
        newer.extend(ids(&page).into_iter().rev());
    }
    let mut all: Vec<MessageId> = older.into_iter().rev().collect();
    all.extend(ids(window).into_iter().rev());
    all.extend(newer);
    all
}

#[tokio::test]
async fn a_window_in_the_middle_has_both_sides_and_cursors_that_carry_on() {
    let store = fresh_store().await;
    let (parent, sent) = history(&store, 30).await;
    let window = store
        .messages()
        .around(parent, sent[15].id, 10)
        .await
        .unwrap()
        .expect("a top-level message was not found");
    // Four older, the message, five newer: m20 down to m11.
    assert_eq!(ids(&window), newest_first(&sent, 11..=20));
    assert_eq!(window.items[5], sent[15]);
    assert!(window.has_more_older);
    assert!(window.has_more_newer);

    let older = store
        .messages()
        .page(
            parent,
            PageAt::Before(decode(window.older_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert_eq!(ids(&older), newest_first(&sent, 1..=10));
    assert!(older.has_more_older);
    let newer = store
        .messages()
        .page(
            parent,
            PageAt::After(decode(window.newer_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert_eq!(ids(&newer), newest_first(&sent, 21..=29));
    assert!(!newer.has_more_newer);

    let everything: Vec<MessageId> = sent.iter().map(|m| m.id).collect();
    assert_eq!(walk(&store, parent, &window).await, everything);
}

#[tokio::test]
async fn a_window_at_the_start_has_nothing_older() {
    let store = fresh_store().await;
    let (parent, sent) = history(&store, 30).await;
    let everything: Vec<MessageId> = sent.iter().map(|m| m.id).collect();

    let first = store
        .messages()
        .around(parent, sent[0].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&first), newest_first(&sent, 0..=5));
    assert!(!first.has_more_older);
    assert!(first.has_more_newer);
    assert_eq!(decode(first.older_cursor.as_ref()), sent[0].id);
    assert_eq!(decode(first.newer_cursor.as_ref()), sent[5].id);
    let before = store
        .messages()
        .page(
            parent,
            PageAt::Before(decode(first.older_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert!(before.items.is_empty());
    assert!(!before.has_more_older);
    let after = store
        .messages()
        .page(
            parent,
            PageAt::After(decode(first.newer_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert_eq!(ids(&after), newest_first(&sent, 6..=15));
    assert!(after.has_more_newer);
    assert_eq!(walk(&store, parent, &first).await, everything);

    // Exactly four older: none beyond them.
    let fourth = store
        .messages()
        .around(parent, sent[4].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&fourth), newest_first(&sent, 0..=9));
    assert!(!fourth.has_more_older);
    assert!(fourth.has_more_newer);
    // Five older: one beyond the four shown.
    let fifth = store
        .messages()
        .around(parent, sent[5].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&fifth), newest_first(&sent, 1..=10));
    assert!(fifth.has_more_older);
    assert_eq!(walk(&store, parent, &fifth).await, everything);
}

#[tokio::test]
async fn a_window_at_the_end_has_nothing_newer() {
    let store = fresh_store().await;
    let (parent, sent) = history(&store, 30).await;
    let everything: Vec<MessageId> = sent.iter().map(|m| m.id).collect();

    let last = store
        .messages()
        .around(parent, sent[29].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&last), newest_first(&sent, 25..=29));
    assert!(last.has_more_older);
    assert!(!last.has_more_newer);
    assert_eq!(decode(last.newer_cursor.as_ref()), sent[29].id);
    let after = store
        .messages()
        .page(
            parent,
            PageAt::After(decode(last.newer_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert!(after.items.is_empty());
    assert!(!after.has_more_newer);
    let before = store
        .messages()
        .page(
            parent,
            PageAt::Before(decode(last.older_cursor.as_ref())),
            10,
        )
        .await
        .unwrap();
    assert_eq!(ids(&before), newest_first(&sent, 15..=24));
    assert!(before.has_more_older);
    assert_eq!(walk(&store, parent, &last).await, everything);

    // Exactly five newer: the window reaches the end, and says so.
    let exact = store
        .messages()
        .around(parent, sent[24].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&exact), newest_first(&sent, 20..=29));
    assert!(!exact.has_more_newer);
    assert!(exact.has_more_older);
    // Six newer: one beyond the five shown.
    let short = store
        .messages()
        .around(parent, sent[23].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&short), newest_first(&sent, 19..=28));
    assert!(short.has_more_newer);
    assert_eq!(walk(&store, parent, &short).await, everything);
}

#[tokio::test]
async fn around_an_unknown_id_or_a_reply_is_none() {
    let store = fresh_store().await;
    let (parent, sent) = history(&store, 3).await;
    let messages = store.messages();
    assert_eq!(
        messages.around(parent, MessageId::new(), 10).await.unwrap(),
        None
    );
    let (reply, _) = reply_to(&store, parent, sent[1].id, text("a reply")).await;
    assert_eq!(messages.around(parent, reply.id, 10).await.unwrap(), None);
    // A message of another channel is not in this one.
    let (other, theirs) = history(&store, 1).await;
    assert_eq!(
        messages.around(parent, theirs[0].id, 10).await.unwrap(),
        None
    );
    assert!(
        messages
            .around(other, theirs[0].id, 10)
            .await
            .unwrap()
            .is_some()
    );
    // And the reply never shows in a window of its channel.
    let window = messages
        .around(parent, sent[1].id, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&window), newest_first(&sent, 0..=2));
    assert!(!window.has_more_older && !window.has_more_newer);
}

#[tokio::test]
async fn a_small_window_holds_no_more_than_asked_and_still_knows_both_sides() {
    let store = fresh_store().await;
    let (parent, sent) = history(&store, 5).await;
    let messages = store.messages();
    let one = messages
        .around(parent, sent[2].id, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&one), vec![sent[2].id]);
    assert!(one.has_more_older && one.has_more_newer);
    assert_eq!(
        walk(&store, parent, &one).await,
        sent.iter().map(|m| m.id).collect::<Vec<_>>()
    );

    let two = messages
        .around(parent, sent[2].id, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&two), newest_first(&sent, 2..=3));
    assert!(two.has_more_older && two.has_more_newer);

    let edge = messages
        .around(parent, sent[4].id, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ids(&edge), vec![sent[4].id]);
    assert!(edge.has_more_older && !edge.has_more_newer);
}
