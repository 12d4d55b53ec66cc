//! Drafts: one per user per conversation or thread, the newer edit wins whatever the order of
//! arrival, and a user's list comes back whole, newest edit first.

use domain::drafts::Draft;
use domain::{ChannelId, ConversationId, MessageId, Parent, Timestamp, UserId};
use futures::future::join_all;
use store::Store;

use crate::{at, fresh_store, raw_item, users};

fn draft(parent: Parent, root: Option<MessageId>, body: &str, edited_at: Timestamp) -> Draft {
    Draft {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        thread_root_id: root,
        body: body.into(),
        edited_at,
    }
}

/// `at(seconds)` plus some milliseconds.
fn at_ms(seconds: i64, millis: i64) -> Timestamp {
    Timestamp(at(seconds).0 + time::Duration::milliseconds(millis))
}

async fn bodies(store: &Store, user: UserId) -> Vec<String> {
    store
        .drafts()
        .list(user)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.body)
        .collect()
}

#[tokio::test]
async fn a_conversation_and_each_of_its_threads_have_their_own_draft() {
    let store = fresh_store().await;
    let [me, other] = users(2)[..] else {
        unreachable!()
    };
    let room_id = ChannelId::new();
    let room = Parent::Channel(room_id);
    let dm = Parent::Conversation(ConversationId::new());
    let root = MessageId::new();
    let drafts = store.drafts();
    for d in [
        draft(room, None, "room", at(1)),
        draft(room, Some(root), "thread", at(3)),
        draft(dm, None, "dm", at(2)),
    ] {
        let parent = Parent::from_parts(d.parent_type, &d.parent_id).unwrap();
        assert!(drafts.save(me, parent, &d).await.unwrap());
    }
    assert_eq!(bodies(&store, me).await, ["thread", "dm", "room"]);
    assert!(
        bodies(&store, other).await.is_empty(),
        "drafts are per user"
    );
    let row = raw_item(
        &store,
        &format!("USER#{me}"),
        &format!("DRAFT#CHAN#{room_id}#{root}"),
    )
    .await
    .unwrap();
    assert_eq!(row["body"].as_s().unwrap(), "thread");

    // Clearing the thread's draft leaves the channel's.
    assert!(drafts.clear(me, room, Some(root), at(4)).await.unwrap());
    assert_eq!(bodies(&store, me).await, ["dm", "room"]);
    // Clearing what is not there is fine.
    assert!(drafts.clear(me, room, Some(root), at(5)).await.unwrap());
}

#[tokio::test]
async fn the_newest_edit_wins_whatever_order_the_saves_arrive_in() {
    let store = fresh_store().await;
    let me = users(1)[0];
    let parent = Parent::Conversation(ConversationId::new());
    // Twenty saves at once, in no particular order: the one typed last is what stays, and each
    // older one that arrives after a newer one is refused.
    let saves: Vec<Draft> = (0..20)
        .map(|i| draft(parent, None, &format!("v{i}"), at_ms(10, i * 7)))
        .collect();
    let outcomes = join_all(
        saves
            .iter()
            .rev()
            .map(|d| store.drafts().save(me, parent, d)),
    )
    .await;
    assert!(outcomes.iter().all(Result::is_ok));
    assert!(
        outcomes[0].as_ref().unwrap(),
        "the newest save (sent first) is stored"
    );
    assert_eq!(bodies(&store, me).await, ["v19"]);

    // Times compare as instants, not as text: `…:10.5Z` is after `…:10Z` though it sorts before
    // it as text.
    let whole = draft(parent, None, "whole second", at(20));
    let later = draft(parent, None, "half a second later", at_ms(20, 500));
    assert!(store.drafts().save(me, parent, &later).await.unwrap());
    assert!(!store.drafts().save(me, parent, &whole).await.unwrap());
    assert_eq!(bodies(&store, me).await, ["half a second later"]);
    // An equal time does not replace either.
    assert!(!store.drafts().save(me, parent, &later).await.unwrap());
    // A clear older than the text keeps it; a newer one removes it.
    assert!(
        !store
            .drafts()
            .clear(me, parent, None, at(20))
            .await
            .unwrap()
    );
    assert!(
        store
            .drafts()
            .clear(me, parent, None, at_ms(20, 500))
            .await
            .unwrap()
    );
    assert!(bodies(&store, me).await.is_empty());
}

#[tokio::test]
async fn the_list_reads_every_page() {
    let store = fresh_store().await;
    let me = users(1)[0];
    // ~4 KB each: 300 of them are more than one 1 MB page.
    let long = "d".repeat(4000);
    let saves: Vec<(Parent, Draft)> = (0..300)
        .map(|i| {
            let parent = Parent::Channel(ChannelId::new());
            (parent, draft(parent, None, &long, at(i)))
        })
        .collect();
    for chunk in saves.chunks(25) {
        let outcomes = join_all(
            chunk
                .iter()
                .map(|(parent, d)| store.drafts().save(me, *parent, d)),
        )
        .await;
        assert!(outcomes.into_iter().all(|o| o.unwrap()));
    }
    let listed = store.drafts().list(me).await.unwrap();
    assert_eq!(listed.len(), 300);
    assert_eq!(listed[0].edited_at, at(299));
    assert_eq!(listed[299].edited_at, at(0));
}
