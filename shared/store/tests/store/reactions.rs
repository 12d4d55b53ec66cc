//! Reactions: idempotent adds, simultaneous adds, the distinct-emoji limit, removals that
//! clear an emoji, and messages that take no reaction.

use domain::message::Message;
use domain::reactions::Emoji;
use domain::{MessageId, UserId};
use futures::future::join_all;
use store::keys;
use store::messages::Refusal;

use crate::{append, delete, fresh_store, raw_item, reply_to, room, sorted, stored, text, users};

fn emoji(raw: &str) -> Emoji {
    Emoji::parse(raw).unwrap()
}

/// Seventeen different standard emoji.
const FACES: [&str; 17] = [
    "😀", "😃", "😄", "😁", "😆", "😅", "😂", "🤣", "😊", "😇", "🙂", "🙃", "😉", "😌", "😍", "🥰",
    "😘",
];

#[tokio::test]
async fn adding_the_same_reaction_twice_changes_nothing() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let message = append(&store, parent, text("hi")).await;
    let me = UserId::new();
    let yes = emoji(":thumbsup:");
    let first = store
        .reactions()
        .add(parent, None, message.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        first.reactions.iter().collect::<Vec<_>>(),
        vec![(&"👍".to_string(), &vec![me])]
    );
    let second = store
        .reactions()
        .add(parent, None, message.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second, first);
    assert_eq!(stored(&store, parent, None, message.id).await, first);
    // Nothing else of the message moved.
    assert_eq!(
        Message {
            reactions: Default::default(),
            ..first
        },
        message
    );
}

#[tokio::test]
async fn ten_people_adding_the_same_emoji_at_once_all_count() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let message = append(&store, parent, text("vote")).await;
    let party = emoji("🎉");
    let people = users(10);
    let added = join_all(
        people
            .iter()
            .map(|p| store.reactions().add(parent, None, message.id, &party, *p)),
    )
    .await;
    for result in added {
        result.unwrap().expect("a reaction was refused");
    }
    let now = stored(&store, parent, None, message.id).await;
    assert_eq!(now.reactions.len(), 1, "{:?}", now.reactions);
    assert_eq!(sorted(now.reactions["🎉"].clone()), sorted(people));
}

#[tokio::test]
async fn a_seventeenth_emoji_is_refused_but_more_people_on_one_are_not() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let message = append(&store, parent, text("busy")).await;
    let [me, you] = users(2)[..] else {
        unreachable!()
    };
    for face in &FACES[..16] {
        store
            .reactions()
            .add(parent, None, message.id, &emoji(face), me)
            .await
            .unwrap()
            .unwrap_or_else(|r| panic!("{face} refused: {r:?}"));
    }
    let full = stored(&store, parent, None, message.id).await;
    assert_eq!(full.reactions.len(), 16);

    let extra = emoji(FACES[16]);
    for who in [me, you] {
        assert_eq!(
            store
                .reactions()
                .add(parent, None, message.id, &extra, who)
                .await
                .unwrap(),
            Err(Refusal::TooMany)
        );
    }
    assert_eq!(stored(&store, parent, None, message.id).await, full);

    // Another person on an emoji already there is fine.
    let joined = store
        .reactions()
        .add(parent, None, message.id, &emoji(FACES[3]), you)
        .await
        .unwrap()
        .expect("joining an existing emoji was refused at the limit");
    assert_eq!(joined.reactions.len(), 16);
    assert_eq!(
        sorted(joined.reactions[FACES[3]].clone()),
        sorted(vec![me, you])
    );
    // So is the same person again.
    assert!(
        store
            .reactions()
            .add(parent, None, message.id, &emoji(FACES[0]), me)
            .await
            .unwrap()
            .is_ok()
    );

    // Once an emoji is gone, a new one fits.
    let fewer = store
        .reactions()
        .remove(parent, None, message.id, &emoji(FACES[0]), me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fewer.reactions.len(), 15);
    let added = store
        .reactions()
        .add(parent, None, message.id, &extra, you)
        .await
        .unwrap()
        .expect("a 16th emoji was refused after one went");
    assert_eq!(added.reactions.len(), 16);
    assert_eq!(added.reactions[FACES[16]], vec![you]);
}

#[tokio::test]
async fn removing_the_last_reaction_of_an_emoji_removes_the_emoji() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let message = append(&store, parent, text("hi")).await;
    let [me, you] = users(2)[..] else {
        unreachable!()
    };
    let (yes, party) = (emoji("👍"), emoji("🎉"));
    let reactions = store.reactions();
    for (e, who) in [(&yes, me), (&yes, you), (&party, me)] {
        reactions
            .add(parent, None, message.id, e, who)
            .await
            .unwrap()
            .unwrap();
    }

    let after = reactions
        .remove(parent, None, message.id, &party, me)
        .await
        .unwrap()
        .unwrap();
    assert!(!after.reactions.contains_key("🎉"), "{:?}", after.reactions);
    assert_eq!(sorted(after.reactions["👍"].clone()), sorted(vec![me, you]));
    let fresh = stored(&store, parent, None, message.id).await;
    assert!(!fresh.reactions.contains_key("🎉"), "{:?}", fresh.reactions);
    assert_eq!(fresh, after);

    // One of two leaves the other.
    let after = reactions
        .remove(parent, None, message.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.reactions["👍"], vec![you]);
    // Removing what someone never added changes nothing.
    let same = reactions
        .remove(parent, None, message.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(same, after);
    let same = reactions
        .remove(parent, None, message.id, &party, you)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(same, after);

    let empty = reactions
        .remove(parent, None, message.id, &yes, you)
        .await
        .unwrap()
        .unwrap();
    assert!(empty.reactions.is_empty(), "{:?}", empty.reactions);
    let fresh = stored(&store, parent, None, message.id).await;
    assert!(fresh.reactions.is_empty(), "{:?}", fresh.reactions);
    // In the table too: no emoji key is left behind, empty or not.
    let row = raw_item(&store, &keys::parent(parent), &keys::message(message.id))
        .await
        .unwrap();
    let map = row.get("reactions").and_then(|r| r.as_m().ok());
    assert!(map.is_none_or(|m| m.is_empty()), "{map:?}");
}

#[tokio::test]
async fn a_deleted_or_missing_message_takes_no_reaction() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let yes = emoji("👍");
    let message = append(&store, parent, text("gone")).await;
    store
        .reactions()
        .add(parent, None, message.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    let deleted = delete(&store, parent, None, message.id).await.unwrap();
    let reactions = store.reactions();
    assert_eq!(
        reactions
            .add(parent, None, message.id, &emoji("🎉"), me)
            .await
            .unwrap(),
        Err(Refusal::Deleted)
    );
    assert_eq!(
        reactions
            .remove(parent, None, message.id, &yes, me)
            .await
            .unwrap(),
        Err(Refusal::Deleted)
    );
    assert_eq!(stored(&store, parent, None, message.id).await, deleted);
    assert!(deleted.reactions.is_empty());

    let missing = MessageId::new();
    assert_eq!(
        reactions
            .add(parent, None, missing, &yes, me)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(
        reactions
            .remove(parent, None, missing, &yes, me)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(
        raw_item(&store, &keys::parent(parent), &keys::message(missing)).await,
        None,
        "a reaction created a message"
    );
}

#[tokio::test]
async fn a_reply_takes_reactions_at_its_own_key() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let root = append(&store, parent, text("root")).await;
    let (reply, _) = reply_to(&store, parent, root.id, text("reply")).await;
    let yes = emoji("👍");
    assert_eq!(
        store
            .reactions()
            .add(parent, None, reply.id, &yes, me)
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
    let reacted = store
        .reactions()
        .add(parent, Some(root.id), reply.id, &yes, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reacted.reactions["👍"], vec![me]);
    assert_eq!(
        stored(&store, parent, Some(root.id), reply.id).await,
        reacted
    );
    assert!(
        stored(&store, parent, None, root.id)
            .await
            .reactions
            .is_empty()
    );
}
