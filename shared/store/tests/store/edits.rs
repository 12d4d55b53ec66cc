//! Editing and deleting messages: who may edit, what an edit replaces, what a delete empties
//! (pin row included) and what it keeps (its place and its thread).

use domain::channel::ChannelType;
use domain::message::Message;
use domain::reactions::Emoji;
use domain::{MessageId, Parent, UserId};
use store::Store;
use store::keys;
use store::messages::{NewMessage, PageAt, Refusal, ResolvedMentions};

use crate::{channel, fresh_store, raw_item, text, text_by, users};

/// A channel name no other channel of the table has (slugs stay taken for good).
fn unique_name() -> String {
    format!(
        "room-{}",
        domain::ChannelId::new().to_string().to_lowercase()
    )
}

/// A new channel, as its owner's.
async fn room(store: &Store) -> Parent {
    let room = channel(&unique_name(), ChannelType::Public);
    assert!(store.channels().create(&room, UserId::new()).await.unwrap());
    Parent::Channel(room.id)
}

/// A message by `author` that mentions `mentions`.
fn mentioning(author: UserId, body: &str, mentions: ResolvedMentions) -> NewMessage {
    NewMessage {
        mentions,
        ..text_by(author, body)
    }
}

async fn stored(store: &Store, parent: Parent, root: Option<MessageId>, id: MessageId) -> Message {
    store
        .messages()
        .get(parent, root, id)
        .await
        .unwrap()
        .expect("the message is gone")
}

#[tokio::test]
async fn the_author_edits_the_body_and_its_mentions_are_replaced() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, old, new_a, new_b] = users(4)[..] else {
        unreachable!()
    };
    let sent = store
        .messages()
        .append(
            parent,
            mentioning(
                author,
                "hi @old @all",
                ResolvedMentions {
                    user_ids: vec![old],
                    all: true,
                    here: false,
                },
            ),
        )
        .await
        .unwrap();
    assert_eq!(sent.edited_at, None);

    let mentions = ResolvedMentions {
        user_ids: vec![new_a, new_b],
        all: false,
        here: true,
    };
    let edited = store
        .messages()
        .edit(
            parent,
            None,
            sent.id,
            author,
            "hello @a @b @here",
            &mentions,
        )
        .await
        .unwrap()
        .expect("the author's edit was refused");
    assert_eq!(edited.body, "hello @a @b @here");
    assert_eq!(edited.mention_ids, vec![new_a, new_b]);
    assert!(
        !edited.mentions_all,
        "@all of the old body survived the edit"
    );
    assert!(edited.mentions_here);
    let edited_at = edited.edited_at.expect("editedAt is not set");
    assert!(
        edited_at >= sent.created_at,
        "{edited_at:?} < {:?}",
        sent.created_at
    );
    // Everything else is as it was.
    assert_eq!(
        Message {
            body: sent.body.clone(),
            edited_at: None,
            mention_ids: sent.mention_ids.clone(),
            mentions_all: sent.mentions_all,
            mentions_here: sent.mentions_here,
            ..edited.clone()
        },
        sent
    );
    assert_eq!(stored(&store, parent, None, sent.id).await, edited);

    // An edit that drops every mention leaves none.
    let plain = store
        .messages()
        .edit(
            parent,
            None,
            sent.id,
            author,
            "plain",
            &ResolvedMentions::default(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            plain.body.as_str(),
            plain.mention_ids.as_slice(),
            plain.mentions_all,
            plain.mentions_here
        ),
        ("plain", &[][..], false, false)
    );
    assert!(plain.edited_at >= Some(edited_at));
    assert_eq!(stored(&store, parent, None, sent.id).await, plain);
    // Still one message in the history, at its place.
    let page = store
        .messages()
        .page(parent, PageAt::Newest, 10)
        .await
        .unwrap();
    assert_eq!(page.items, vec![plain]);
}

#[tokio::test]
async fn only_the_author_may_edit_and_a_refused_edit_changes_nothing() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, other] = users(2)[..] else {
        unreachable!()
    };
    let sent = store
        .messages()
        .append(parent, text_by(author, "mine"))
        .await
        .unwrap();
    let refused = store
        .messages()
        .edit(
            parent,
            None,
            sent.id,
            other,
            "yours now",
            &ResolvedMentions {
                user_ids: vec![other],
                all: true,
                here: true,
            },
        )
        .await
        .unwrap();
    assert_eq!(refused, Err(Refusal::NotAuthor));
    assert_eq!(stored(&store, parent, None, sent.id).await, sent);
}

#[tokio::test]
async fn a_deleted_or_missing_message_cannot_be_edited() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, other] = users(2)[..] else {
        unreachable!()
    };
    let sent = store
        .messages()
        .append(parent, text_by(author, "soon gone"))
        .await
        .unwrap();
    let deleted = store
        .messages()
        .delete(parent, None, sent.id)
        .await
        .unwrap()
        .unwrap();
    let none = ResolvedMentions::default();
    for who in [author, other] {
        assert_eq!(
            store
                .messages()
                .edit(parent, None, sent.id, who, "back", &none)
                .await
                .unwrap(),
            Err(Refusal::Deleted)
        );
    }
    let after = stored(&store, parent, None, sent.id).await;
    assert_eq!(after, deleted);
    assert_eq!((after.body.as_str(), after.edited_at), ("", None));

    // An id nobody wrote, and one from another channel.
    assert_eq!(
        store
            .messages()
            .edit(parent, None, MessageId::new(), author, "x", &none)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    let elsewhere = room(&store).await;
    assert_eq!(
        store
            .messages()
            .edit(elsewhere, None, sent.id, author, "x", &none)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    // The failed edits wrote no item under those keys.
    assert_eq!(
        raw_item(&store, &keys::parent(elsewhere), &keys::message(sent.id)).await,
        None
    );
}

#[tokio::test]
async fn a_reply_is_edited_at_its_own_key() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, replier] = users(2)[..] else {
        unreachable!()
    };
    let root = store
        .messages()
        .append(parent, text_by(author, "root"))
        .await
        .unwrap();
    let (reply, _) = store
        .threads()
        .reply(parent, root.id, text_by(replier, "first"))
        .await
        .unwrap()
        .unwrap();
    let none = ResolvedMentions::default();
    // Addressed as a top-level message, the reply does not exist.
    assert_eq!(
        store
            .messages()
            .edit(parent, None, reply.id, replier, "x", &none)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(
        store
            .messages()
            .edit(parent, Some(root.id), reply.id, author, "x", &none)
            .await
            .unwrap(),
        Err(Refusal::NotAuthor)
    );
    let edited = store
        .messages()
        .edit(parent, Some(root.id), reply.id, replier, "second", &none)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (edited.body.as_str(), edited.thread_root_id, edited.seq),
        ("second", Some(root.id), 1)
    );
    assert!(edited.edited_at.is_some());
    let (replies, _) = store
        .threads()
        .replies(parent, root.id, None, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(replies, vec![edited]);
    // The root is untouched.
    assert_eq!(stored(&store, parent, None, root.id).await.body, "root");
    assert_eq!(
        raw_item(&store, &keys::parent(parent), &keys::message(reply.id)).await,
        None,
        "the edit wrote a top-level item for the reply"
    );
}

#[tokio::test]
async fn delete_empties_the_message_and_removes_its_pin_row() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, fan, pinner, named] = users(4)[..] else {
        unreachable!()
    };
    let sent = store
        .messages()
        .append(
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
        .await
        .unwrap();
    let keep = store
        .messages()
        .append(parent, text_by(author, "kept"))
        .await
        .unwrap();
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

    let deleted = store
        .messages()
        .delete(parent, None, sent.id)
        .await
        .unwrap()
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
    let sent = store.messages().append(parent, text("once")).await.unwrap();
    let first = store
        .messages()
        .delete(parent, None, sent.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .messages()
            .delete(parent, None, sent.id)
            .await
            .unwrap(),
        Err(Refusal::Deleted)
    );
    assert_eq!(stored(&store, parent, None, sent.id).await, first);
    let missing = MessageId::new();
    assert_eq!(
        store
            .messages()
            .delete(parent, None, missing)
            .await
            .unwrap(),
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let mut replies = Vec::new();
    let mut threaded = root.clone();
    for (i, who) in people.iter().enumerate() {
        let (reply, updated) = store
            .threads()
            .reply(parent, root.id, text_by(*who, &format!("r{i}")))
            .await
            .unwrap()
            .unwrap();
        replies.push(reply);
        threaded = updated;
    }
    assert_eq!(threaded.reply_count, 3);

    let deleted = store
        .messages()
        .delete(parent, None, root.id)
        .await
        .unwrap()
        .unwrap();
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
    let gone = store
        .messages()
        .delete(parent, Some(root.id), replies[1].id)
        .await
        .unwrap()
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let (reply, _) = store
        .threads()
        .reply(parent, root.id, text("pin me"))
        .await
        .unwrap()
        .unwrap();
    store
        .pins()
        .set(parent, Some(root.id), reply.id, me, true)
        .await
        .unwrap()
        .unwrap();
    let pk = keys::parent(parent);
    assert!(raw_item(&store, &pk, &keys::pin(reply.id)).await.is_some());
    let deleted = store
        .messages()
        .delete(parent, Some(root.id), reply.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((deleted.pinned_at, deleted.pinned_by), (None, None));
    assert_eq!(raw_item(&store, &pk, &keys::pin(reply.id)).await, None);
    assert!(store.pins().list(parent).await.unwrap().is_empty());
}
