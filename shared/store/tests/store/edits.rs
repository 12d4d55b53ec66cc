//! Editing messages: only the author edits, an edit replaces the body and its mentions, a
//! deleted or missing message takes no edit, and a reply is edited at its own key.

use domain::message::{Message, MessageBody};
use domain::{MessageId, Parent, UserId};
use store::Store;
use store::keys;
use store::messages::{PageAt, Refusal, ResolvedMentions};

use crate::{
    append, delete, fresh_store, mentioning, raw_item, reply_to, room, stored, text_by, users,
};

/// `who` edits the message `id` (a reply of `root` when given) to `body` mentioning `mentions`:
/// the edited message, or the refusal.
async fn edit(
    store: &Store,
    parent: Parent,
    root: Option<MessageId>,
    id: MessageId,
    who: UserId,
    body: &str,
    mentions: &ResolvedMentions,
) -> Result<Message, Refusal> {
    store
        .messages()
        .edit(
            parent,
            root,
            id,
            who,
            &MessageBody::parse(body).unwrap(),
            mentions,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn the_author_edits_the_body_and_its_mentions_are_replaced() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author, old, new_a, new_b] = users(4)[..] else {
        unreachable!()
    };
    let sent = append(
        &store,
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
    .await;
    assert_eq!(sent.edited_at, None);

    let mentions = ResolvedMentions {
        user_ids: vec![new_a, new_b],
        all: false,
        here: true,
    };
    let edited = edit(
        &store,
        parent,
        None,
        sent.id,
        author,
        "hello @a @b @here",
        &mentions,
    )
    .await
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
    let plain = edit(
        &store,
        parent,
        None,
        sent.id,
        author,
        "plain",
        &ResolvedMentions::default(),
    )
    .await
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
    let sent = append(&store, parent, text_by(author, "mine")).await;
    let refused = edit(
        &store,
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
    .await;
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
    let sent = append(&store, parent, text_by(author, "soon gone")).await;
    let deleted = delete(&store, parent, None, sent.id).await.unwrap();
    let none = ResolvedMentions::default();
    for who in [author, other] {
        assert_eq!(
            edit(&store, parent, None, sent.id, who, "back", &none).await,
            Err(Refusal::Deleted)
        );
    }
    let after = stored(&store, parent, None, sent.id).await;
    assert_eq!(after, deleted);
    assert_eq!((after.body.as_str(), after.edited_at), ("", None));

    // An id nobody wrote, and one from another channel.
    assert_eq!(
        edit(&store, parent, None, MessageId::new(), author, "x", &none).await,
        Err(Refusal::NotFound)
    );
    let elsewhere = room(&store).await;
    assert_eq!(
        edit(&store, elsewhere, None, sent.id, author, "x", &none).await,
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
    let root = append(&store, parent, text_by(author, "root")).await;
    let (reply, _) = reply_to(&store, parent, root.id, text_by(replier, "first")).await;
    let none = ResolvedMentions::default();
    // Addressed as a top-level message, the reply does not exist.
    assert_eq!(
        edit(&store, parent, None, reply.id, replier, "x", &none).await,
        Err(Refusal::NotFound)
    );
    assert_eq!(
        edit(&store, parent, Some(root.id), reply.id, author, "x", &none).await,
        Err(Refusal::NotAuthor)
    );
    let edited = edit(
        &store,
        parent,
        Some(root.id),
        reply.id,
        replier,
        "second",
        &none,
    )
    .await
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

/// Edits at once: each lands, and each replaced body is in the history exactly once (the
/// condition on the body read makes a loser read again and retry).
#[tokio::test]
async fn simultaneous_edits_each_keep_the_body_they_replaced() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [author] = users(1)[..] else {
        unreachable!()
    };
    let sent = append(&store, parent, text_by(author, "v0")).await;
    let none = ResolvedMentions::default();
    let edits = (1..=3).map(|n| {
        let (store, none) = (&store, &none);
        async move {
            edit(store, parent, None, sent.id, author, &format!("v{n}"), none)
                .await
                .unwrap()
        }
    });
    futures::future::join_all(edits).await;
    let history = store.messages().history(parent, sent.id).await.unwrap();
    let now = stored(&store, parent, None, sent.id).await;
    let mut bodies: Vec<String> = history.items.into_iter().map(|v| v.body).collect();
    bodies.push(now.body);
    bodies.sort();
    assert_eq!(bodies, ["v0", "v1", "v2", "v3"]);
}
