//! Mention counts on a membership: counted for members only, cleared by catching up even when
//! the read point stays where it was, kept by a read that does not catch up.

use domain::channel::ChannelType;
use domain::conversation::Participants;
use domain::{Parent, UserId};
use futures::future::join_all;
use store::{Store, keys};

use crate::{channel, fresh_store, raw_item, unique_name, users};

/// A channel and its owner.
async fn room(store: &Store) -> (Parent, UserId) {
    let owner = UserId::new();
    let room = channel(&unique_name(), ChannelType::Public);
    assert!(store.channels().create(&room, owner).await.unwrap());
    (Parent::Channel(room.id), owner)
}

async fn mentions_of(store: &Store, parent: Parent, user: UserId) -> (u64, u32) {
    let row = store
        .memberships()
        .get(parent, user)
        .await
        .unwrap()
        .expect("not a member");
    (row.last_read_seq, row.mention_count)
}

#[tokio::test]
async fn mentions_are_counted_for_members_only() {
    let store = fresh_store().await;
    let (parent, me) = room(&store).await;
    let memberships = store.memberships();
    assert_eq!(mentions_of(&store, parent, me).await, (0, 0));
    for expected in 1..=3 {
        let row = memberships
            .count_mention(parent, me)
            .await
            .unwrap()
            .expect("a member's mention was not counted");
        assert_eq!(row.mention_count, expected);
    }
    assert_eq!(mentions_of(&store, parent, me).await, (0, 3));

    let stranger = UserId::new();
    assert_eq!(
        memberships.count_mention(parent, stranger).await.unwrap(),
        None
    );
    assert_eq!(memberships.get(parent, stranger).await.unwrap(), None);
    assert_eq!(
        raw_item(&store, &keys::user(stranger), &keys::user_parent(parent)).await,
        None,
        "counting a stranger's mention created a membership row"
    );
    // A member of another channel is a stranger here.
    let (elsewhere, _) = room(&store).await;
    assert_eq!(
        memberships.count_mention(elsewhere, me).await.unwrap(),
        None
    );
    assert_eq!(mentions_of(&store, parent, me).await, (0, 3));
}

#[tokio::test]
async fn simultaneous_mentions_all_count() {
    let store = fresh_store().await;
    let [me, you] = users(2)[..] else {
        unreachable!()
    };
    let people = Participants::parse(me, &[you]).unwrap();
    let (chat, _) = store.conversations().open(&people, me, None).await.unwrap();
    let parent = Parent::Conversation(chat.id);
    let counted = join_all((0..10).map(|_| store.memberships().count_mention(parent, you))).await;
    assert!(
        counted.iter().all(|r| matches!(r, Ok(Some(_)))),
        "{counted:?}"
    );
    assert_eq!(mentions_of(&store, parent, you).await.1, 10);
    assert_eq!(mentions_of(&store, parent, me).await.1, 0);
}

#[tokio::test]
async fn catching_up_clears_mentions_even_when_the_read_point_stays() {
    let store = fresh_store().await;
    let (parent, me) = room(&store).await;
    let memberships = store.memberships();
    memberships
        .mark_read(parent, me, 5, false)
        .await
        .unwrap()
        .unwrap();
    memberships
        .count_mention(parent, me)
        .await
        .unwrap()
        .unwrap();
    memberships
        .count_mention(parent, me)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mentions_of(&store, parent, me).await, (5, 2));

    // A thread reply mentioned me: the channel's newest seq did not move, I caught up at 5.
    let row = memberships
        .mark_read(parent, me, 5, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.last_read_seq, row.mention_count), (5, 0));
    assert_eq!(mentions_of(&store, parent, me).await, (5, 0));

    // Catching up further clears them too.
    memberships
        .count_mention(parent, me)
        .await
        .unwrap()
        .unwrap();
    let row = memberships
        .mark_read(parent, me, 9, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.last_read_seq, row.mention_count), (9, 0));

    // A catch-up never moves the read point back.
    let row = memberships
        .mark_read(parent, me, 4, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.last_read_seq, 9);
    assert_eq!(mentions_of(&store, parent, me).await.0, 9);

    let stranger = UserId::new();
    assert_eq!(
        memberships
            .mark_read(parent, stranger, 5, true)
            .await
            .unwrap(),
        None
    );
    assert_eq!(memberships.get(parent, stranger).await.unwrap(), None);
}

#[tokio::test]
async fn a_read_that_does_not_catch_up_keeps_the_mentions() {
    let store = fresh_store().await;
    let (parent, me) = room(&store).await;
    let memberships = store.memberships();
    memberships
        .mark_read(parent, me, 5, false)
        .await
        .unwrap()
        .unwrap();
    for _ in 0..2 {
        memberships
            .count_mention(parent, me)
            .await
            .unwrap()
            .unwrap();
    }
    // At the same point...
    let row = memberships
        .mark_read(parent, me, 5, false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.last_read_seq, row.mention_count), (5, 2));
    // ...and further on, but not to the newest.
    let row = memberships
        .mark_read(parent, me, 7, false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.last_read_seq, row.mention_count), (7, 2));
    assert_eq!(mentions_of(&store, parent, me).await, (7, 2));
    // Marking unread does not touch them either.
    let row = memberships.set_read(parent, me, 3).await.unwrap().unwrap();
    assert_eq!((row.last_read_seq, row.mention_count), (3, 2));
}
