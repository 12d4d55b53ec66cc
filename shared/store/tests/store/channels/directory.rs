//! The public directory: open public channels only, newest first, searched by name, paged with
//! cursors it gave out (and no others).

use domain::channel::{Channel, ChannelType};
use domain::user::Role;
use domain::{ChannelId, Parent, UserId};
use store::Store;
use store::users::new_user;

use crate::{at, channel, create_user, fresh_store};

/// Follows the directory's cursors from the first page to the last: the pages, in order.
pub(super) async fn directory_pages(
    store: &Store,
    search: &str,
    limit: usize,
) -> Vec<Vec<Channel>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store
            .channels()
            .directory(search, cursor.as_deref(), limit)
            .await
            .unwrap()
            .expect("a cursor the directory gave out must be accepted");
        assert!(
            page.items.len() <= limit,
            "a page of {} items with limit {limit}",
            page.items.len()
        );
        pages.push(page.items);
        assert!(pages.len() <= 50, "the directory never stops paging");
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return pages,
        }
    }
}

fn ids(channels: &[Channel]) -> Vec<ChannelId> {
    channels.iter().map(|c| c.id).collect()
}

pub(super) async fn whole_directory(store: &Store) -> Vec<ChannelId> {
    directory_pages(store, "", 100)
        .await
        .iter()
        .flat_map(|p| ids(p))
        .collect()
}

#[tokio::test]
async fn the_directory_pages_through_open_public_channels_newest_first() {
    let store = fresh_store().await;
    let owner = UserId::new();
    // 25 public channels a minute apart; every third has "team" in its name.
    let mut public = Vec::new();
    for i in 0..25 {
        let name = if i % 3 == 0 {
            format!("team-{i}")
        } else {
            format!("chan-{i}")
        };
        let mut c = channel(&name, ChannelType::Public);
        c.created_at = at(i * 60);
        assert!(store.channels().create(&c, owner).await.unwrap());
        public.push(c);
    }
    // Never listed: private channels and archived public ones, some of them the newest of all
    // and matching the search.
    for i in 0..4 {
        let mut c = channel(&format!("team-private-{i}"), ChannelType::Private);
        c.created_at = at(i * 60 + 30 + if i == 0 { 10_000 } else { 0 });
        assert!(store.channels().create(&c, owner).await.unwrap());
    }
    for i in 0..3 {
        let mut c = channel(&format!("team-archived-{i}"), ChannelType::Public);
        c.created_at = at(i * 60 + 40 + if i == 0 { 10_000 } else { 0 });
        assert!(store.channels().create(&c, owner).await.unwrap());
        store
            .channels()
            .set_archived(&c, true)
            .await
            .unwrap()
            .unwrap();
    }
    let newest_first: Vec<Channel> = public.iter().rev().cloned().collect();

    let pages = directory_pages(&store, "", 10).await;
    assert!(pages.len() >= 3, "25 channels in pages of 10: {pages:?}");
    assert_eq!(pages[0].len(), 10);
    assert_eq!(pages[1].len(), 10);
    let listed: Vec<Channel> = pages.concat();
    assert_eq!(ids(&listed), ids(&newest_first));
    assert_eq!(
        listed, newest_first,
        "the directory lists channels as stored"
    );

    // A search pages through its matches only, still newest first.
    let teams: Vec<ChannelId> = newest_first
        .iter()
        .filter(|c| c.name.contains("team"))
        .map(|c| c.id)
        .collect();
    assert_eq!(teams.len(), 9);
    for limit in [4, 10] {
        let pages = directory_pages(&store, "team", limit).await;
        if limit == 4 {
            assert!(pages.len() >= 3, "9 matches in pages of 4: {pages:?}");
        }
        let listed: Vec<ChannelId> = pages.iter().flat_map(|p| ids(p)).collect();
        assert_eq!(listed, teams, "search 'team', limit {limit}");
    }
    assert!(
        directory_pages(&store, "nothing-like-this", 10)
            .await
            .iter()
            .all(Vec::is_empty)
    );

    // Cursors the directory did not give out are refused, not followed.
    let channels = store.channels();
    assert_eq!(
        channels.directory("", Some("garbage!"), 10).await.unwrap(),
        None
    );
    assert_eq!(channels.directory("", Some(""), 10).await.unwrap(), None);
    let member_cursor = store
        .memberships()
        .page(Parent::Channel(public[0].id), None, 1)
        .await
        .unwrap()
        .unwrap()
        .next_cursor
        .expect("a full page of members has a cursor");
    assert_eq!(
        channels
            .directory("", Some(&member_cursor), 10)
            .await
            .unwrap(),
        None
    );
    // A cursor from another index partition (the user roster) has the right shape but the
    // wrong range.
    for i in 0..2 {
        let user = new_user(&format!("u{i}@example.com"), format!("U{i}"), Role::Member);
        create_user(&store, &user).await;
    }
    let roster_cursor = store
        .users()
        .page("", None, 1)
        .await
        .unwrap()
        .unwrap()
        .next_cursor
        .expect("a full page of users has a cursor");
    assert_eq!(
        channels
            .directory("", Some(&roster_cursor), 10)
            .await
            .unwrap(),
        None
    );
}
