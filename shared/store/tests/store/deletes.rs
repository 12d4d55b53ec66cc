//! Deleting messages: a delete empties the message (pin row included) but keeps its place and
//! its thread, and deleting twice or deleting nothing is refused.

use domain::reactions::Emoji;
use domain::{MessageId, UserId};
use store::keys;
use store::messages::{PageAt, Refusal, ResolvedMentions};

use crate::{
    append, delete, fresh_store, mentioning, raw_item, reply_to, room, stored, text, text_by, users,
};

#[tokio::test]
async fn delete_empties_the_message_and_removes_its_pin_row() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, fan, pinner, named] = users(4)[..] else {
        unreachable!()
    };
    let sent = append(
        &store,
        parent,
        mentioning(
            author,
            "hello @named @all @here",
            ResolvedMentions {
                user_ids: vec![named],
                all: true,
                here: true,
            },
        ),
    )
    .await;
    let keep = append(&store, parent, text_by(author, "kept")).await;
    for emoji in ["👍", "🎉"] {
        store
            .reactions()
            .add(parent, None, sent.id, &Emoji::parse(emoji).unwrap(), fan)
            .await
            .unwrap()
            .unwrap();
    }
    for m in [&sent, &keep] {
        store
            .pins()
            .set(parent, None, m.id, pinner, true)
            .await
            .unwrap()
            .unwrap();
    }
    let pk = keys::parent(parent);
    assert!(raw_item(&store, &pk, &keys::pin(sent.id)).await.is_some());
    let before = stored(&store, parent, None, sent.id).await;
    assert_eq!(before.reactions.len(), 2);
    assert!(before.pinned_at.is_some());

    let deleted = delete(&store, parent, None, sent.id)
        .await
        .expect("the delete was refused");
    assert!(deleted.deleted);
    assert_eq!(deleted.body, "");
    assert!(deleted.reactions.is_empty(), "{:?}", deleted.reactions);
    assert!(deleted.mention_ids.is_empty());
    assert!(!deleted.mentions_all && !deleted.mentions_here);
    assert_eq!((deleted.pinned_at, deleted.pinned_by), (None, None));
    // Its place is kept.
    assert_eq!(
        (
            deleted.id,
            deleted.seq,
            deleted.author_id,
            deleted.created_at
        ),
        (sent.id, sent.seq, sent.author_id, sent.created_at)
    );
    assert_eq!(stored(&store, parent, None, sent.id).await, deleted);

    // The pin fields are gone from the item itself, and its pin row with them.
    let row = raw_item(&store, &pk, &keys::message(sent.id))
        .await
        .unwrap();
    assert!(!row.contains_key("pinnedAt"), "{row:?}");
    assert!(!row.contains_key("pinnedBy"), "{row:?}");
    assert_eq!(raw_item(&store, &pk, &keys::pin(sent.id)).await, None);
    let pinned: Vec<MessageId> = store
        .pins()
        .list(parent)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(pinned, vec![keep.id]);
    assert!(raw_item(&store, &pk, &keys::pin(keep.id)).await.is_some());

    // The history still shows it, deleted, at its place.
    let page = store
        .messages()
        .page(parent, PageAt::Newest, 10)
        .await
        .unwrap();
    assert_eq!(
        page.items
            .iter()
            .map(|m| (m.id, m.deleted))
            .collect::<Vec<_>>(),
        vec![(keep.id, false), (sent.id, true)]
    );
}

#[tokio::test]
async fn deleting_twice_or_deleting_nothing_is_refused() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let sent = append(&store, parent, text("once")).await;
    let first = delete(&store, parent, None, sent.id).await.unwrap();
    assert_eq!(
        delete(&store, parent, None, sent.id).await,
        Err(Refusal::Deleted)
    );
    assert_eq!(stored(&store, parent, None, sent.id).await, first);
    let missing = MessageId::new();
    assert_eq!(
        delete(&store, parent, None, missing).await,
        Err(Refusal::NotFound)
    );
    assert_eq!(
        raw_item(&store, &keys::parent(parent), &keys::message(missing)).await,
        None,
        "deleting a missing message created it"
    );
}

#[tokio::test]
async fn a_deleted_root_keeps_its_reply_count_and_its_replies() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let people = users(3);
    let root = append(&store, parent, text("root")).await;
    let mut replies = Vec::new();
    let mut threaded = root.clone();
    for (i, who) in people.iter().enumerate() {
        let (reply, updated) =
            reply_to(&store, parent, root.id, text_by(*who, &format!("r{i}"))).await;
        replies.push(reply);
        threaded = updated;
    }
    assert_eq!(threaded.reply_count, 3);

    let deleted = delete(&store, parent, None, root.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.body, "");
    assert_eq!(deleted.reply_count, 3);
    assert_eq!(deleted.last_reply_at, threaded.last_reply_at);
    assert_eq!(deleted.recent_replier_ids, people);
    assert_eq!(stored(&store, parent, None, root.id).await, deleted);

    let (listed, next) = store
        .threads()
        .replies(parent, root.id, None, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(listed, replies);
    assert_eq!(next, None);

    // Deleting one reply leaves the root's count alone and the reply in its place, emptied.
    let gone = delete(&store, parent, Some(root.id), replies[1].id)
        .await
        .unwrap();
    assert!(gone.deleted);
    assert_eq!((gone.seq, gone.thread_root_id), (2, Some(root.id)));
    assert_eq!(stored(&store, parent, None, root.id).await.reply_count, 3);
    let (listed, _) = store
        .threads()
        .replies(parent, root.id, None, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|m| (m.body.as_str(), m.deleted))
            .collect::<Vec<_>>(),
        [("r0", false), ("", true), ("r2", false)]
    );
}

#[tokio::test]
async fn deleting_a_pinned_reply_removes_its_pin_row() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let root = append(&store, parent, text("root")).await;
    let (reply, _) = reply_to(&store, parent, root.id, text("pin me")).await;
    store
        .pins()
        .set(parent, Some(root.id), reply.id, me, true)
        .await
        .unwrap()
        .unwrap();
    let pk = keys::parent(parent);
    assert!(raw_item(&store, &pk, &keys::pin(reply.id)).await.is_some());
    let deleted = delete(&store, parent, Some(root.id), reply.id)
        .await
        .unwrap();
    assert_eq!((deleted.pinned_at, deleted.pinned_by), (None, None));
    assert_eq!(raw_item(&store, &pk, &keys::pin(reply.id)).await, None);
    assert!(store.pins().list(parent).await.unwrap().is_empty());
}
