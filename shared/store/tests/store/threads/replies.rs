//! Replies: where they live (beside the root, never in the history), what the root records of
//! them, replies under concurrency, and replies that are refused.

use domain::message::Message;
use domain::{MessageId, Parent, ParentType, UserId};
use futures::future::join_all;
use store::keys;
use store::messages::{PageAt, Refusal};

use super::{reply, root_now};
use crate::{append, delete, fresh_store, raw_item, room, sorted, text, text_by, users};

#[tokio::test]
async fn replies_live_under_rpl_beside_the_root_and_never_in_the_history() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let later = append(&store, parent, text("later")).await;
    let people = users(2);
    let mut replies = Vec::new();
    for who in &people {
        replies.push(reply(&store, parent, root.id, *who).await.0);
    }
    let pk = keys::parent(parent);
    for (i, r) in replies.iter().enumerate() {
        assert_eq!(r.thread_root_id, Some(root.id));
        assert_eq!(
            r.seq,
            i as u64 + 1,
            "a reply's seq is its place in the thread"
        );
        assert_eq!(
            (r.parent_id.as_str(), r.parent_type),
            (root.parent_id.as_str(), ParentType::Channel)
        );
        let sk = format!("RPL#{}#{}", root.id, r.id);
        let row = raw_item(&store, &pk, &sk)
            .await
            .unwrap_or_else(|| panic!("no item under {pk} / {sk}"));
        assert_eq!(
            row.get("body").and_then(|b| b.as_s().ok()).unwrap(),
            "reply"
        );
        assert_eq!(raw_item(&store, &pk, &keys::message(r.id)).await, None);
        assert_eq!(
            store
                .messages()
                .get(parent, Some(root.id), r.id)
                .await
                .unwrap()
                .as_ref(),
            Some(r)
        );
        assert_eq!(
            store.messages().get(parent, None, r.id).await.unwrap(),
            None
        );
    }
    // Replies do not take the channel's sequence numbers.
    let Parent::Channel(id) = parent else {
        unreachable!()
    };
    assert_eq!(store.channels().get(id).await.unwrap().unwrap().last_seq, 2);

    let messages = store.messages();
    let newest = messages.page(parent, PageAt::Newest, 50).await.unwrap();
    let listed: Vec<MessageId> = newest.items.iter().map(|m| m.id).collect();
    assert_eq!(listed, vec![later.id, root.id]);
    let after_root = messages
        .page(parent, PageAt::After(root.id), 50)
        .await
        .unwrap();
    assert_eq!(
        after_root.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![later.id]
    );
    let before_later = messages
        .page(parent, PageAt::Before(later.id), 50)
        .await
        .unwrap();
    assert_eq!(
        before_later.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![root.id]
    );
    assert!(!before_later.has_more_older);
}

#[tokio::test]
async fn the_root_counts_replies_and_keeps_the_three_latest_repliers_newest_last() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };
    let root = append(&store, parent, text("root")).await;
    assert_eq!(
        (
            root.reply_count,
            root.last_reply_at,
            root.recent_replier_ids.len()
        ),
        (0, None, 0)
    );
    let steps: [(UserId, &[UserId]); 7] = [
        (a, &[a]),
        (b, &[a, b]),
        (a, &[b, a]),
        (c, &[b, a, c]),
        (d, &[a, c, d]),
        // A repeat replier moves to the end and is not listed twice.
        (c, &[a, d, c]),
        (c, &[a, d, c]),
    ];
    for (i, (who, expected)) in steps.iter().enumerate() {
        let (r, updated) = reply(&store, parent, root.id, *who).await;
        assert_eq!(r.seq, i as u64 + 1);
        assert_eq!(updated.reply_count, i as u32 + 1);
        assert_eq!(updated.last_reply_at, Some(r.created_at));
        assert_eq!(
            &updated.recent_replier_ids,
            expected,
            "after reply {}",
            i + 1
        );
        assert_eq!(root_now(&store, parent, root.id).await, updated);
    }
    // The root's own fields are untouched.
    let now = root_now(&store, parent, root.id).await;
    assert_eq!(
        (now.body.as_str(), now.seq, now.author_id, now.created_at),
        (
            root.body.as_str(),
            root.seq,
            root.author_id,
            root.created_at
        )
    );
}

#[tokio::test]
async fn twenty_simultaneous_replies_are_all_counted_and_numbered() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let people = users(20);
    let results = join_all(
        people
            .iter()
            .map(|p| store.threads().reply(parent, root.id, text_by(*p, "me"))),
    )
    .await;
    let sent: Vec<Message> = results
        .into_iter()
        .map(|r| r.unwrap().expect("a reply was refused").0)
        .collect();
    let seqs: Vec<u64> = sorted(sent.iter().map(|m| m.seq).collect());
    assert_eq!(seqs, (1..=20).collect::<Vec<u64>>());

    let now = root_now(&store, parent, root.id).await;
    assert_eq!(now.reply_count, 20);
    assert_eq!(now.recent_replier_ids.len(), 3);
    let mut distinct = now.recent_replier_ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{:?}", now.recent_replier_ids);
    // The last replier (seq 20) is the newest in the list, and the time is theirs.
    let last = sent.iter().find(|m| m.seq == 20).unwrap();
    assert_eq!(now.recent_replier_ids.last(), Some(&last.author_id));
    assert_eq!(now.last_reply_at, Some(last.created_at));

    let (listed, next) = store
        .threads()
        .replies(parent, root.id, None, 50)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next, None);
    assert_eq!(
        sorted(listed.iter().map(|m| m.id).collect()),
        sorted(sent.iter().map(|m| m.id).collect())
    );
}

#[tokio::test]
async fn replies_to_a_missing_deleted_or_reply_root_are_refused_and_write_nothing() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let pk = keys::parent(parent);
    let threads = store.threads();

    let missing = MessageId::new();
    let new = text("to nobody");
    let id = new.id;
    assert_eq!(
        threads.reply(parent, missing, new).await.unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(raw_item(&store, &pk, &keys::reply(missing, id)).await, None);
    assert_eq!(raw_item(&store, &pk, &keys::message(missing)).await, None);

    let root = append(&store, parent, text("root")).await;
    reply(&store, parent, root.id, UserId::new()).await;
    let deleted = delete(&store, parent, None, root.id).await.unwrap();
    let new = text("too late");
    let id = new.id;
    assert_eq!(
        threads.reply(parent, root.id, new).await.unwrap(),
        Err(Refusal::Deleted)
    );
    assert_eq!(raw_item(&store, &pk, &keys::reply(root.id, id)).await, None);
    assert_eq!(root_now(&store, parent, root.id).await, deleted);
    assert_eq!(deleted.reply_count, 1);

    // The root of another channel is not a root here.
    let elsewhere = room(&store).await;
    let theirs = append(&store, elsewhere, text("theirs")).await;
    assert_eq!(
        threads.reply(parent, theirs.id, text("x")).await.unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(root_now(&store, elsewhere, theirs.id).await.reply_count, 0);
}
