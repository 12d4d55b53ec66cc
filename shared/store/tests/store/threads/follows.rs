//! Following threads: automatic follows never override an explicit stance, who follows now,
//! the followed threads newest reply first, and each thread's read point.

use domain::conversation::Participants;
use domain::{MessageId, Parent, ParentType, UserId};
use store::{Store, keys};

use super::reply;
use crate::{append, fresh_store, raw_item, room, sorted, text, users};

/// `who` follows the thread of `root`, or stops, by their own choice.
async fn decide(store: &Store, parent: Parent, root: MessageId, who: UserId, following: bool) {
    store
        .threads()
        .set_following(parent, root, who, following)
        .await
        .unwrap();
}

/// `who` follows the thread of `root` as writing in it does, unless they took a stance.
async fn follow_automatically(store: &Store, parent: Parent, root: MessageId, who: UserId) {
    store
        .threads()
        .follow_unless_decided(parent, root, who)
        .await
        .unwrap();
}

async fn follows(store: &Store, parent: Parent, root: MessageId, who: UserId) -> bool {
    store
        .threads()
        .is_following(parent, root, who)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_automatic_follow_never_overrides_an_explicit_stance() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let threads = store.threads();
    let [auto, unfollower, follower] = users(3)[..] else {
        unreachable!()
    };
    for who in [auto, unfollower, follower] {
        assert!(!follows(&store, parent, root.id, who).await);
    }

    follow_automatically(&store, parent, root.id, auto).await;
    assert!(follows(&store, parent, root.id, auto).await);

    decide(&store, parent, root.id, unfollower, false).await;
    follow_automatically(&store, parent, root.id, unfollower).await;
    assert!(
        !follows(&store, parent, root.id, unfollower).await,
        "an automatic follow overrode an explicit unfollow"
    );

    decide(&store, parent, root.id, follower, true).await;
    follow_automatically(&store, parent, root.id, follower).await;
    assert!(follows(&store, parent, root.id, follower).await);

    // An automatic follower who unfollows stays unfollowed; following again is explicit.
    decide(&store, parent, root.id, auto, false).await;
    follow_automatically(&store, parent, root.id, auto).await;
    assert!(!follows(&store, parent, root.id, auto).await);
    decide(&store, parent, root.id, auto, true).await;
    assert!(follows(&store, parent, root.id, auto).await);

    assert_eq!(
        sorted(threads.followers(parent, root.id).await.unwrap()),
        sorted(vec![auto, follower])
    );
    // A follow is per thread.
    let other = append(&store, parent, text("other")).await;
    assert!(!follows(&store, parent, other.id, follower).await);
    assert!(
        threads
            .followers(parent, other.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn followers_are_only_the_people_following_now() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let other = append(&store, parent, text("other")).await;
    let threads = store.threads();
    let people = users(6);
    let [a, b, c, d, e, f] = people[..] else {
        unreachable!()
    };
    follow_automatically(&store, parent, root.id, a).await;
    decide(&store, parent, root.id, b, true).await;
    // Followed, then unfollowed: the row stays but leaves the index.
    decide(&store, parent, root.id, c, true).await;
    decide(&store, parent, root.id, c, false).await;
    decide(&store, parent, root.id, d, false).await;
    // e follows another thread only; f nothing.
    decide(&store, parent, other.id, e, true).await;

    assert_eq!(
        sorted(threads.followers(parent, root.id).await.unwrap()),
        sorted(vec![a, b])
    );
    assert_eq!(threads.followers(parent, other.id).await.unwrap(), vec![e]);
    let expected = [true, true, false, false, false, false];
    for (who, following) in people.iter().zip(expected) {
        assert_eq!(follows(&store, parent, root.id, *who).await, following);
    }
    // The unfollow row carries no GSI1 key.
    let row = raw_item(&store, &keys::user(c), &keys::follow(parent, root.id))
        .await
        .expect("an unfollow is remembered");
    assert!(!row.contains_key(keys::GSI1PK), "{row:?}");
    assert!(
        raw_item(&store, &keys::user(f), &keys::follow(parent, root.id))
            .await
            .is_none()
    );
    // The same root id in another parent is another thread.
    let elsewhere = room(&store).await;
    assert!(
        threads
            .followers(elsewhere, root.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn followed_threads_come_newest_reply_first_without_the_unfollowed() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let me = UserId::new();
    let other = UserId::new();
    let people = Participants::parse(me, &[other]).unwrap();
    let (chat, _) = store.conversations().open(&people, me, None).await.unwrap();
    let dm = Parent::Conversation(chat.id);
    let threads = store.threads();

    let quiet = append(&store, parent, text("quiet")).await;
    let t1 = append(&store, parent, text("t1")).await;
    let t2 = append(&store, dm, text("t2")).await;
    let t3 = append(&store, parent, text("t3")).await;
    let dropped = append(&store, parent, text("dropped")).await;
    let never = append(&store, parent, text("never")).await;
    for (p, root) in [
        (parent, &quiet),
        (parent, &t1),
        (dm, &t2),
        (parent, &t3),
        (parent, &dropped),
    ] {
        follow_automatically(&store, p, root.id, me).await;
    }
    decide(&store, parent, dropped.id, me, false).await;

    // Replies in this order: t1, t2, t3, then t1 again, then the unfollowed and the never-followed ones.
    reply(&store, parent, t1.id, other).await;
    reply(&store, dm, t2.id, other).await;
    reply(&store, parent, t3.id, other).await;
    let (_, t1_now) = reply(&store, parent, t1.id, other).await;
    reply(&store, parent, dropped.id, other).await;
    reply(&store, parent, never.id, other).await;

    let followed = threads.followed(me).await.unwrap();
    let order: Vec<&str> = followed
        .iter()
        .map(|(_, root)| root.body.as_str())
        .collect();
    // The thread without replies counts from its root's time, older than every reply.
    assert_eq!(order, ["t1", "t3", "t2", "quiet"]);
    let (follow, root) = &followed[0];
    assert_eq!(root, &t1_now);
    assert_eq!(root.reply_count, 2);
    assert_eq!(
        (
            follow.parent_id.as_str(),
            follow.parent_type,
            follow.thread_root_id,
            follow.following
        ),
        (root.parent_id.as_str(), ParentType::Channel, t1.id, true)
    );
    let (follow, root) = &followed[2];
    assert_eq!(
        (follow.parent_type, follow.parent_id.clone(), root.id),
        (ParentType::Conversation, chat.id.to_string(), t2.id)
    );
    // Someone else's follows are theirs.
    assert!(threads.followed(other).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_thread_read_point_only_moves_forward_and_needs_a_follow_row() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let threads = store.threads();
    let [me, stranger] = users(2)[..] else {
        unreachable!()
    };
    decide(&store, parent, root.id, me, true).await;
    assert!(threads.mark_read(parent, root.id, me, 5).await.unwrap());
    assert!(!threads.mark_read(parent, root.id, me, 3).await.unwrap());
    assert!(!threads.mark_read(parent, root.id, me, 5).await.unwrap());
    assert!(threads.mark_read(parent, root.id, me, 6).await.unwrap());
    let followed = threads.followed(me).await.unwrap();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].0.last_read_reply, 6);
    assert!(
        !threads
            .mark_read(parent, root.id, stranger, 1)
            .await
            .unwrap()
    );
    assert!(
        raw_item(
            &store,
            &keys::user(stranger),
            &keys::follow(parent, root.id)
        )
        .await
        .is_none(),
        "marking a thread read created a follow row"
    );
}

#[tokio::test]
async fn following_again_keeps_the_thread_read_point() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let threads = store.threads();
    let me = UserId::new();
    follow_automatically(&store, parent, root.id, me).await;
    assert!(threads.mark_read(parent, root.id, me, 4).await.unwrap());
    // The client sends PUT follow {following: true} for a thread the user already follows
    // (the idempotent follow button): nothing they have read should become unread.
    decide(&store, parent, root.id, me, true).await;
    let followed = threads.followed(me).await.unwrap();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].0.last_read_reply, 4);
}
