//! Pins: the message's pin fields and its `PIN#` row change together, the list comes most
//! recently pinned first, replies can be pinned, and unpinning takes the row away.

use domain::message::Message;
use domain::{MessageId, Parent, UserId};
use store::Store;
use store::keys;
use store::messages::Refusal;

use crate::{append, delete, fresh_store, raw_item, reply_to, room, text, users};

async fn pin(
    store: &Store,
    parent: Parent,
    root: Option<MessageId>,
    id: MessageId,
    by: UserId,
    pinned: bool,
) -> Message {
    store
        .pins()
        .set(parent, root, id, by, pinned)
        .await
        .unwrap()
        .expect("the pin change was refused")
}

async fn listed(store: &Store, parent: Parent) -> Vec<MessageId> {
    store
        .pins()
        .list(parent)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect()
}

async fn has_pin_row(store: &Store, parent: Parent, id: MessageId) -> bool {
    raw_item(store, &keys::parent(parent), &keys::pin(id))
        .await
        .is_some()
}

#[tokio::test]
async fn pins_list_most_recently_pinned_first_and_unpinning_removes_the_row() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let [alice, bob] = users(2)[..] else {
        unreachable!()
    };
    let mut sent = Vec::new();
    for body in ["a", "b", "c"] {
        sent.push(append(&store, parent, text(body)).await);
    }
    let [a, b, c] = [sent[0].id, sent[1].id, sent[2].id];
    assert!(listed(&store, parent).await.is_empty());

    // Pinned in the order b, a, c: neither id nor seq order.
    let mut last = None;
    for (id, by) in [(b, alice), (a, bob), (c, alice)] {
        let pinned = pin(&store, parent, None, id, by, true).await;
        assert_eq!(pinned.pinned_by, Some(by));
        let at = pinned.pinned_at.expect("pinnedAt is not set");
        assert!(
            last < Some(at),
            "two pins at the same moment: {last:?}, {at:?}"
        );
        last = Some(at);
        assert!(has_pin_row(&store, parent, id).await);
        assert_eq!(
            store
                .messages()
                .get(parent, None, id)
                .await
                .unwrap()
                .as_ref(),
            Some(&pinned)
        );
    }
    assert_eq!(listed(&store, parent).await, vec![c, a, b]);
    let full = store.pins().list(parent).await.unwrap();
    assert_eq!(full[0].body, "c");
    assert_eq!(full[2].pinned_by, Some(alice));

    // Pinning again moves it to the top, by whoever pinned it last.
    let again = pin(&store, parent, None, b, bob, true).await;
    assert_eq!(again.pinned_by, Some(bob));
    assert!(again.pinned_at > last);
    assert_eq!(listed(&store, parent).await, vec![b, c, a]);

    let unpinned = pin(&store, parent, None, c, bob, false).await;
    assert_eq!((unpinned.pinned_at, unpinned.pinned_by), (None, None));
    assert!(!has_pin_row(&store, parent, c).await);
    let row = raw_item(&store, &keys::parent(parent), &keys::message(c))
        .await
        .unwrap();
    assert!(
        !row.contains_key("pinnedAt") && !row.contains_key("pinnedBy"),
        "{row:?}"
    );
    assert_eq!(listed(&store, parent).await, vec![b, a]);

    // Unpinning what is not pinned is no error and changes nothing.
    let still = pin(&store, parent, None, c, bob, false).await;
    assert_eq!(still, unpinned);
    assert_eq!(listed(&store, parent).await, vec![b, a]);

    for id in [a, b] {
        pin(&store, parent, None, id, alice, false).await;
        assert!(!has_pin_row(&store, parent, id).await);
    }
    assert!(listed(&store, parent).await.is_empty());
    // The messages themselves stay.
    for m in &sent {
        let now = store
            .messages()
            .get(parent, None, m.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((now.body.as_str(), now.pinned_at), (m.body.as_str(), None));
    }
}

#[tokio::test]
async fn a_reply_can_be_pinned_and_is_listed() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let root = append(&store, parent, text("root")).await;
    let (reply, _) = reply_to(&store, parent, root.id, text("the answer")).await;
    // Addressed as top-level, the reply does not exist.
    assert_eq!(
        store
            .pins()
            .set(parent, None, reply.id, me, true)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert!(!has_pin_row(&store, parent, reply.id).await);

    let pinned = pin(&store, parent, Some(root.id), reply.id, me, true).await;
    assert_eq!(pinned.thread_root_id, Some(root.id));
    assert_eq!(pinned.pinned_by, Some(me));
    let pin_row = raw_item(&store, &keys::parent(parent), &keys::pin(reply.id))
        .await
        .expect("no pin row for the reply");
    assert_eq!(
        pin_row
            .get("threadRootID")
            .and_then(|v| v.as_s().ok())
            .map(String::as_str),
        Some(root.id.to_string().as_str())
    );
    let root_pinned = pin(&store, parent, None, root.id, me, true).await;
    let list = store.pins().list(parent).await.unwrap();
    assert_eq!(list, vec![root_pinned, pinned]);
    // The root did not pick up the reply's pin, nor the reply the root's.
    assert_eq!(list[1].body, "the answer");

    pin(&store, parent, Some(root.id), reply.id, me, false).await;
    assert!(!has_pin_row(&store, parent, reply.id).await);
    assert_eq!(listed(&store, parent).await, vec![root.id]);
}

#[tokio::test]
async fn a_deleted_or_missing_message_cannot_be_pinned() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let message = append(&store, parent, text("bye")).await;
    delete(&store, parent, None, message.id).await.unwrap();
    for pinned in [true, false] {
        assert_eq!(
            store
                .pins()
                .set(parent, None, message.id, me, pinned)
                .await
                .unwrap(),
            Err(Refusal::Deleted)
        );
    }
    assert!(!has_pin_row(&store, parent, message.id).await);
    let missing = MessageId::new();
    assert_eq!(
        store
            .pins()
            .set(parent, None, missing, me, true)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert!(!has_pin_row(&store, parent, missing).await);
    assert!(listed(&store, parent).await.is_empty());
}

#[tokio::test]
async fn pins_are_per_parent() {
    let store = fresh_store().await;
    let (here, there) = (room(&store).await, room(&store).await);
    let me = UserId::new();
    let mine = append(&store, here, text("here")).await;
    let theirs = append(&store, there, text("there")).await;
    pin(&store, here, None, mine.id, me, true).await;
    // The id of a message elsewhere is not a message here.
    assert_eq!(
        store
            .pins()
            .set(here, None, theirs.id, me, true)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(listed(&store, here).await, vec![mine.id]);
    assert!(listed(&store, there).await.is_empty());
}
