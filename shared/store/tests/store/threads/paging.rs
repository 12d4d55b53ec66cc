//! Paging a thread: oldest first, with cursors to the end, and cursors it did not give out
//! refused.

use domain::message::Message;
use domain::{MessageId, Parent, UserId};
use store::{Store, cursor};

use super::reply;
use crate::{append, fresh_store, reply_to, room, text};

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
async fn a_thread_pages_oldest_first_with_cursors_to_the_end() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    // A neighbouring thread and later top-level messages must not leak into the pages.
    let other = append(&store, parent, text("other")).await;
    reply(&store, parent, other.id, UserId::new()).await;
    let mut sent = Vec::new();
    for i in 0..20 {
        let (r, _) = reply_to(&store, parent, root.id, text(&format!("r{i}"))).await;
        sent.push(r);
    }
    append(&store, parent, text("after")).await;
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
    let lonely = append(&store, parent, text("lonely")).await;
    assert_eq!(
        store
            .threads()
            .replies(parent, lonely.id, None, 7)
            .await
            .unwrap(),
        Some((Vec::new(), None))
    );
}
