//! Threads: where replies live, what the root records of them, replies under concurrency,
//! refused replies, paging a thread, and who follows what.

use domain::channel::ChannelType;
use domain::conversation::Participants;
use domain::message::Message;
use domain::{MessageId, Parent, ParentType, UserId};
use futures::future::join_all;
use store::messages::{PageAt, Refusal};
use store::{Store, cursor, keys};

use crate::{channel, fresh_store, raw_item, sorted, text, text_by, users};

/// A channel name no other channel of the table has (slugs stay taken for good).
fn unique_name() -> String {
    format!(
        "room-{}",
        domain::ChannelId::new().to_string().to_lowercase()
    )
}

async fn room(store: &Store) -> Parent {
    let room = channel(&unique_name(), ChannelType::Public);
    assert!(store.channels().create(&room, UserId::new()).await.unwrap());
    Parent::Channel(room.id)
}

async fn reply(store: &Store, parent: Parent, root: MessageId, by: UserId) -> (Message, Message) {
    store
        .threads()
        .reply(parent, root, text_by(by, "reply"))
        .await
        .unwrap()
        .expect("the reply was refused")
}

async fn root_now(store: &Store, parent: Parent, root: MessageId) -> Message {
    store
        .messages()
        .get(parent, None, root)
        .await
        .unwrap()
        .expect("the root is gone")
}

/// Every page of a thread with `limit`, following the cursors.
async fn reply_pages(
    store: &Store,
    parent: Parent,
    root: MessageId,
    limit: usize,
) -> Vec<Vec<MessageId>> {
    let mut pages = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (replies, next) = store
            .threads()
            .replies(parent, root, after.as_deref(), limit)
            .await
            .unwrap()
            .expect("a cursor the thread gave out was refused");
        assert!(
            replies.len() <= limit,
            "{} replies with limit {limit}",
            replies.len()
        );
        assert!(
            replies.iter().all(|r| r.thread_root_id == Some(root)),
            "a page holds a message that is not a reply of this root"
        );
        pages.push(replies.iter().map(|r| r.id).collect());
        assert!(pages.len() <= 50, "the thread never stops paging");
        match next {
            Some(next) => after = Some(next),
            None => return pages,
        }
    }
}

#[tokio::test]
async fn replies_live_under_rpl_beside_the_root_and_never_in_the_history() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let later = store
        .messages()
        .append(parent, text("later"))
        .await
        .unwrap();
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
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

    let root = store.messages().append(parent, text("root")).await.unwrap();
    reply(&store, parent, root.id, UserId::new()).await;
    let deleted = store
        .messages()
        .delete(parent, None, root.id)
        .await
        .unwrap()
        .unwrap();
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
    let theirs = store
        .messages()
        .append(elsewhere, text("theirs"))
        .await
        .unwrap();
    assert_eq!(
        threads.reply(parent, theirs.id, text("x")).await.unwrap(),
        Err(Refusal::NotFound)
    );
    assert_eq!(root_now(&store, elsewhere, theirs.id).await.reply_count, 0);
}

#[tokio::test]
async fn a_thread_pages_oldest_first_with_cursors_to_the_end() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = store.messages().append(parent, text("root")).await.unwrap();
    // A neighbouring thread and later top-level messages must not leak into the pages.
    let other = store
        .messages()
        .append(parent, text("other"))
        .await
        .unwrap();
    reply(&store, parent, other.id, UserId::new()).await;
    let mut sent = Vec::new();
    for i in 0..20 {
        let (r, _) = store
            .threads()
            .reply(parent, root.id, text(&format!("r{i}")))
            .await
            .unwrap()
            .unwrap();
        sent.push(r);
    }
    store
        .messages()
        .append(parent, text("after"))
        .await
        .unwrap();
    reply(&store, parent, other.id, UserId::new()).await;
    // Oldest first is reply-id order (ids are ULIDs, so creation order to the millisecond).
    let mut expected: Vec<MessageId> = sent.iter().map(|m| m.id).collect();
    expected.sort();

    let pages = reply_pages(&store, parent, root.id, 7).await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [7, 7, 6],
        "{pages:?}"
    );
    assert_eq!(pages.concat(), expected);
    // A limit that divides the thread: no empty page at the end.
    let pages = reply_pages(&store, parent, root.id, 10).await;
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10]);
    assert_eq!(pages.concat(), expected);
    let pages = reply_pages(&store, parent, root.id, 20).await;
    assert_eq!(pages, vec![expected.clone()]);

    // The first page's replies come whole and in seq order.
    let (first, next) = store
        .threads()
        .replies(parent, root.id, None, 7)
        .await
        .unwrap()
        .unwrap();
    let by_id: Vec<&Message> = {
        let mut v: Vec<&Message> = sent.iter().collect();
        v.sort_by_key(|m| m.id);
        v
    };
    assert_eq!(first.iter().collect::<Vec<_>>(), by_id[..7].to_vec());
    assert_eq!(next.as_deref().and_then(cursor::decode), Some(expected[6]));

    // A cursor we did not give out is refused; one at the last reply reads nothing more.
    let bare_id = expected[3].to_string();
    for garbage in ["garbage!", "", "bTE6bm90LWFuLWlk", bare_id.as_str()] {
        assert_eq!(
            store
                .threads()
                .replies(parent, root.id, Some(garbage), 7)
                .await
                .unwrap(),
            None,
            "{garbage:?}"
        );
    }
    let end = cursor::encode(*expected.last().unwrap());
    assert_eq!(
        store
            .threads()
            .replies(parent, root.id, Some(&end), 7)
            .await
            .unwrap(),
        Some((Vec::new(), None))
    );
    // A root without replies has an empty thread.
    let lonely = store
        .messages()
        .append(parent, text("lonely"))
        .await
        .unwrap();
    assert_eq!(
        store
            .threads()
            .replies(parent, lonely.id, None, 7)
            .await
            .unwrap(),
        Some((Vec::new(), None))
    );
}

#[tokio::test]
async fn an_automatic_follow_never_overrides_an_explicit_stance() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let threads = store.threads();
    let [auto, unfollower, follower] = users(3)[..] else {
        unreachable!()
    };
    for who in [auto, unfollower, follower] {
        assert!(!threads.is_following(parent, root.id, who).await.unwrap());
    }

    threads
        .follow_unless_decided(parent, root.id, auto)
        .await
        .unwrap();
    assert!(threads.is_following(parent, root.id, auto).await.unwrap());

    threads
        .set_following(parent, root.id, unfollower, false)
        .await
        .unwrap();
    threads
        .follow_unless_decided(parent, root.id, unfollower)
        .await
        .unwrap();
    assert!(
        !threads
            .is_following(parent, root.id, unfollower)
            .await
            .unwrap(),
        "an automatic follow overrode an explicit unfollow"
    );

    threads
        .set_following(parent, root.id, follower, true)
        .await
        .unwrap();
    threads
        .follow_unless_decided(parent, root.id, follower)
        .await
        .unwrap();
    assert!(
        threads
            .is_following(parent, root.id, follower)
            .await
            .unwrap()
    );

    // An automatic follower who unfollows stays unfollowed; following again is explicit.
    threads
        .set_following(parent, root.id, auto, false)
        .await
        .unwrap();
    threads
        .follow_unless_decided(parent, root.id, auto)
        .await
        .unwrap();
    assert!(!threads.is_following(parent, root.id, auto).await.unwrap());
    threads
        .set_following(parent, root.id, auto, true)
        .await
        .unwrap();
    assert!(threads.is_following(parent, root.id, auto).await.unwrap());

    assert_eq!(
        sorted(threads.followers(parent, root.id).await.unwrap()),
        sorted(vec![auto, follower])
    );
    // A follow is per thread.
    let other = store
        .messages()
        .append(parent, text("other"))
        .await
        .unwrap();
    assert!(
        !threads
            .is_following(parent, other.id, follower)
            .await
            .unwrap()
    );
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let other = store
        .messages()
        .append(parent, text("other"))
        .await
        .unwrap();
    let threads = store.threads();
    let people = users(6);
    let [a, b, c, d, e, f] = people[..] else {
        unreachable!()
    };
    threads
        .follow_unless_decided(parent, root.id, a)
        .await
        .unwrap();
    threads
        .set_following(parent, root.id, b, true)
        .await
        .unwrap();
    // Followed, then unfollowed: the row stays but leaves the index.
    threads
        .set_following(parent, root.id, c, true)
        .await
        .unwrap();
    threads
        .set_following(parent, root.id, c, false)
        .await
        .unwrap();
    threads
        .set_following(parent, root.id, d, false)
        .await
        .unwrap();
    // e follows another thread only; f nothing.
    threads
        .set_following(parent, other.id, e, true)
        .await
        .unwrap();

    assert_eq!(
        sorted(threads.followers(parent, root.id).await.unwrap()),
        sorted(vec![a, b])
    );
    assert_eq!(threads.followers(parent, other.id).await.unwrap(), vec![e]);
    let expected = [true, true, false, false, false, false];
    for (who, following) in people.iter().zip(expected) {
        assert_eq!(
            threads.is_following(parent, root.id, *who).await.unwrap(),
            following
        );
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

    let quiet = store
        .messages()
        .append(parent, text("quiet"))
        .await
        .unwrap();
    let t1 = store.messages().append(parent, text("t1")).await.unwrap();
    let t2 = store.messages().append(dm, text("t2")).await.unwrap();
    let t3 = store.messages().append(parent, text("t3")).await.unwrap();
    let dropped = store
        .messages()
        .append(parent, text("dropped"))
        .await
        .unwrap();
    let never = store
        .messages()
        .append(parent, text("never"))
        .await
        .unwrap();
    for (p, root) in [
        (parent, &quiet),
        (parent, &t1),
        (dm, &t2),
        (parent, &t3),
        (parent, &dropped),
    ] {
        threads.follow_unless_decided(p, root.id, me).await.unwrap();
    }
    threads
        .set_following(parent, dropped.id, me, false)
        .await
        .unwrap();

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
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let threads = store.threads();
    let [me, stranger] = users(2)[..] else {
        unreachable!()
    };
    threads
        .set_following(parent, root.id, me, true)
        .await
        .unwrap();
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
    let root = store.messages().append(parent, text("root")).await.unwrap();
    let threads = store.threads();
    let me = UserId::new();
    threads
        .follow_unless_decided(parent, root.id, me)
        .await
        .unwrap();
    assert!(threads.mark_read(parent, root.id, me, 4).await.unwrap());
    // The client sends PUT follow {following: true} for a thread the user already follows
    // (the idempotent follow button): nothing they have read should become unread.
    threads
        .set_following(parent, root.id, me, true)
        .await
        .unwrap();
    let followed = threads.followed(me).await.unwrap();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].0.last_read_reply, 4);
}
