//! Channels: creation and slug locks, renames, #general, memberships and the owner count,
//! archiving, the public directory and member pages.

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::user::Role;
use domain::{ChannelId, Parent, UserId};
use futures::future::join_all;
use store::channels::{AddMember, RemoveMember, Rename};
use store::messages::PageAt;
use store::users::new_user;
use store::{Store, StoreError};

use crate::{at, channel, fresh_store, sorted, text, users};

/// Follows the directory's cursors from the first page to the last: the pages, in order.
async fn directory_pages(store: &Store, search: &str, limit: usize) -> Vec<Vec<Channel>> {
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

/// Follows a channel's member pages to the end: the pages, in order.
async fn member_pages(store: &Store, parent: Parent, limit: usize) -> Vec<Vec<UserId>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store
            .memberships()
            .page(parent, cursor.as_deref(), limit)
            .await
            .unwrap()
            .expect("a cursor the member list gave out must be accepted");
        assert!(page.items.len() <= limit);
        pages.push(page.items.iter().map(|m| m.user_id).collect());
        assert!(pages.len() <= 50, "the member list never stops paging");
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return pages,
        }
    }
}

fn ids(channels: &[Channel]) -> Vec<ChannelId> {
    channels.iter().map(|c| c.id).collect()
}

async fn whole_directory(store: &Store) -> Vec<ChannelId> {
    directory_pages(store, "", 100)
        .await
        .iter()
        .flat_map(|p| ids(p))
        .collect()
}

#[tokio::test]
async fn general_is_created_once_even_when_raced() {
    let store = fresh_store().await;
    let creators: Vec<UserId> = (0..5).map(|_| UserId::new()).collect();
    let results = join_all(creators.iter().map(|c| store.channels().ensure_general(*c))).await;
    let channels: Vec<Channel> = results.into_iter().map(Result::unwrap).collect();
    assert!(channels.iter().all(|c| c == &channels[0]));
    assert_eq!(channels[0].id, ChannelId::GENERAL);
    assert_eq!(
        store.channels().by_slug("general").await.unwrap(),
        Some(channels[0].clone())
    );
}

#[tokio::test]
async fn slugs_are_unique() {
    let store = fresh_store().await;
    assert!(
        store
            .channels()
            .create(&channel("news", ChannelType::Public), UserId::new())
            .await
            .unwrap()
    );
    let twin = channel("news", ChannelType::Private);
    assert!(!store.channels().create(&twin, UserId::new()).await.unwrap());
    assert_eq!(store.channels().get(twin.id).await.unwrap(), None);
}

#[tokio::test]
async fn membership_rows_are_written_on_both_sides() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    let (a, b) = (UserId::new(), UserId::new());
    store.channels().create(&news, a).await.unwrap();
    let channels = store.channels();
    let parent = Parent::Channel(news.id);
    assert_eq!(
        channels
            .add_member(news.id, b, ChannelRole::Member)
            .await
            .unwrap(),
        AddMember::Added
    );
    assert_eq!(
        channels
            .add_member(news.id, b, ChannelRole::Admin)
            .await
            .unwrap(),
        AddMember::AlreadyMember
    );

    let memberships = store.memberships();
    let mut members = memberships.member_ids(parent).await.unwrap();
    members.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(members, expected);
    assert_eq!(
        memberships.role_of(parent, a).await.unwrap(),
        Some(ChannelRole::Owner)
    );
    assert_eq!(
        memberships.role_of(parent, b).await.unwrap(),
        Some(ChannelRole::Member)
    );
    assert_eq!(
        memberships.role_of(parent, UserId::new()).await.unwrap(),
        None
    );

    let mine = memberships
        .for_user(b, domain::ParentType::Channel)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].parent_id.as_str(), mine[0].role),
        (news.id.to_string().as_str(), ChannelRole::Member)
    );
}

#[tokio::test]
async fn nobody_joins_a_missing_channel() {
    let store = fresh_store().await;
    let ghost = channel("ghost", ChannelType::Public);
    let user = UserId::new();
    let outcome = store
        .channels()
        .add_member(ghost.id, user, ChannelRole::Member)
        .await
        .unwrap();
    assert_eq!(outcome, AddMember::Closed);
    assert_eq!(
        store
            .memberships()
            .get(Parent::Channel(ghost.id), user)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn of_ten_simultaneous_creates_of_one_slug_exactly_one_wins() {
    let store = fresh_store().await;
    let contenders: Vec<Channel> = (0..10)
        .map(|_| channel("launch", ChannelType::Public))
        .collect();
    let owners = users(10);
    let results = join_all(
        contenders
            .iter()
            .zip(&owners)
            .map(|(c, owner)| store.channels().create(c, *owner)),
    )
    .await;
    let created: Vec<bool> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(created.iter().filter(|c| **c).count(), 1, "{created:?}");
    let winner = created.iter().position(|c| *c).unwrap();

    for (i, (contender, owner)) in contenders.iter().zip(&owners).enumerate() {
        let stored = store.channels().get(contender.id).await.unwrap();
        let membership = store
            .memberships()
            .get(Parent::Channel(contender.id), *owner)
            .await
            .unwrap();
        if i == winner {
            assert_eq!(stored.as_ref(), Some(contender));
            assert_eq!(membership.map(|m| m.role), Some(ChannelRole::Owner));
        } else {
            assert_eq!(stored, None, "a losing create left its channel behind");
            assert_eq!(
                membership, None,
                "a losing create left its owner row behind"
            );
        }
    }
    assert_eq!(
        store.channels().by_slug("launch").await.unwrap().as_ref(),
        Some(&contenders[winner])
    );
}

#[tokio::test]
async fn a_renamed_channel_keeps_its_old_slug_for_good() {
    let store = fresh_store().await;
    let owner = UserId::new();
    let alpha = channel("alpha", ChannelType::Public);
    let beta = channel("beta", ChannelType::Public);
    assert!(store.channels().create(&alpha, owner).await.unwrap());
    assert!(store.channels().create(&beta, owner).await.unwrap());

    let Rename::Renamed(renamed) = store.channels().rename(alpha.id, "apex").await.unwrap() else {
        panic!("the rename was refused");
    };
    assert_eq!(
        (renamed.id, renamed.name.as_str(), renamed.slug.as_str()),
        (alpha.id, "apex", "apex")
    );
    assert_eq!(
        store.channels().get(alpha.id).await.unwrap().as_ref(),
        Some(&renamed)
    );
    // The new slug and the old one both lead to the channel as it is now.
    assert_eq!(
        store.channels().by_slug("apex").await.unwrap().as_ref(),
        Some(&renamed)
    );
    assert_eq!(
        store.channels().by_slug("alpha").await.unwrap().as_ref(),
        Some(&renamed)
    );

    // Nobody else can have the old slug: not by creating, not by renaming.
    let squatter = channel("alpha", ChannelType::Public);
    assert!(!store.channels().create(&squatter, owner).await.unwrap());
    assert_eq!(store.channels().get(squatter.id).await.unwrap(), None);
    assert_eq!(
        store.channels().rename(beta.id, "alpha").await.unwrap(),
        Rename::SlugTaken
    );
    assert_eq!(
        store.channels().rename(beta.id, "apex").await.unwrap(),
        Rename::SlugTaken
    );
    assert_eq!(
        store.channels().get(beta.id).await.unwrap().as_ref(),
        Some(&beta)
    );

    // The channel itself can go back to its old slug; the other one still leads to it too.
    let Rename::Renamed(back) = store.channels().rename(alpha.id, "alpha").await.unwrap() else {
        panic!("renaming back to its own old slug was refused");
    };
    assert_eq!((back.name.as_str(), back.slug.as_str()), ("alpha", "alpha"));
    assert_eq!(
        store.channels().by_slug("alpha").await.unwrap().as_ref(),
        Some(&back)
    );
    assert_eq!(
        store.channels().by_slug("apex").await.unwrap().as_ref(),
        Some(&back)
    );

    // Renaming a channel that does not exist changes nothing, and locks no slug.
    assert_eq!(
        store
            .channels()
            .rename(ChannelId::new(), "zeta")
            .await
            .unwrap(),
        Rename::NotFound
    );
    assert_eq!(store.channels().by_slug("zeta").await.unwrap(), None);
    assert!(
        store
            .channels()
            .create(&channel("zeta", ChannelType::Public), owner)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn simultaneous_joins_of_one_user_add_them_once() {
    let store = fresh_store().await;
    let owner = UserId::new();
    let busy = channel("busy", ChannelType::Public);
    store.channels().create(&busy, owner).await.unwrap();
    let parent = Parent::Channel(busy.id);

    let joiner = UserId::new();
    let outcomes: Vec<AddMember> = join_all((0..10).map(|_| {
        store
            .channels()
            .add_member(busy.id, joiner, ChannelRole::Member)
    }))
    .await
    .into_iter()
    .map(Result::unwrap)
    .collect();
    let added = outcomes.iter().filter(|o| **o == AddMember::Added).count();
    let already = outcomes
        .iter()
        .filter(|o| **o == AddMember::AlreadyMember)
        .count();
    assert_eq!((added, already), (1, 9), "{outcomes:?}");
    assert_eq!(
        store.memberships().role_of(parent, joiner).await.unwrap(),
        Some(ChannelRole::Member)
    );
    let mine = store
        .memberships()
        .get(parent, joiner)
        .await
        .unwrap()
        .expect("the user-side row was not written");
    assert_eq!(
        (mine.parent_id, mine.parent_type, mine.role),
        (
            busy.id.to_string(),
            domain::ParentType::Channel,
            ChannelRole::Member
        )
    );

    // Different people joining at once all get in, and all are listed.
    let crowd = users(10);
    let outcomes = join_all(crowd.iter().map(|u| {
        store
            .channels()
            .add_member(busy.id, *u, ChannelRole::Member)
    }))
    .await;
    for outcome in outcomes {
        assert_eq!(outcome.unwrap(), AddMember::Added);
    }
    let mut expected = crowd.clone();
    expected.extend([owner, joiner]);
    assert_eq!(
        sorted(store.memberships().member_ids(parent).await.unwrap()),
        sorted(expected)
    );
    for person in &crowd {
        assert!(
            store
                .memberships()
                .get(parent, *person)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn a_channel_always_keeps_an_owner() {
    let store = fresh_store().await;
    let first = UserId::new();
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, first).await.unwrap();
    let parent = Parent::Channel(news.id);
    let channels = store.channels();
    let memberships = store.memberships();
    let role_of = |user| async move { memberships.role_of(parent, user).await.unwrap() };
    let row_role =
        |user| async move { memberships.get(parent, user).await.unwrap().map(|m| m.role) };

    // The creator is the owner, on both rows.
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(first).await, Some(ChannelRole::Owner));

    // The only owner can neither go nor step down.
    assert_eq!(
        channels
            .remove_member(news.id, first, ChannelRole::Owner)
            .await
            .unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(
        channels
            .change_role(news.id, first, ChannelRole::Owner, ChannelRole::Member)
            .await
            .unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(first).await, Some(ChannelRole::Owner));

    // A caller who read a role that is not (or no longer) theirs changes nothing.
    assert_eq!(
        channels
            .remove_member(news.id, first, ChannelRole::Member)
            .await
            .unwrap(),
        RemoveMember::Stale
    );
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    let second = UserId::new();
    channels
        .add_member(news.id, second, ChannelRole::Member)
        .await
        .unwrap();
    assert_eq!(
        channels
            .remove_member(news.id, second, ChannelRole::Admin)
            .await
            .unwrap(),
        RemoveMember::Stale
    );
    assert_eq!(
        channels
            .change_role(news.id, second, ChannelRole::Admin, ChannelRole::Owner)
            .await
            .unwrap(),
        RemoveMember::Stale
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Member));
    assert_eq!(row_role(second).await, Some(ChannelRole::Member));
    assert_eq!(
        channels
            .remove_member(news.id, UserId::new(), ChannelRole::Member)
            .await
            .unwrap(),
        RemoveMember::Stale
    );

    // With a second owner, the first may go.
    assert_eq!(
        channels
            .change_role(news.id, second, ChannelRole::Member, ChannelRole::Owner)
            .await
            .unwrap(),
        RemoveMember::Removed
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(second).await, Some(ChannelRole::Owner));
    assert_eq!(
        channels
            .remove_member(news.id, first, ChannelRole::Owner)
            .await
            .unwrap(),
        RemoveMember::Removed
    );
    assert_eq!(role_of(first).await, None);
    assert_eq!(row_role(first).await, None);

    // And now the second is the last one.
    assert_eq!(
        channels
            .remove_member(news.id, second, ChannelRole::Owner)
            .await
            .unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(
        channels
            .change_role(news.id, second, ChannelRole::Owner, ChannelRole::Admin)
            .await
            .unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Owner));
    assert_eq!(memberships.member_ids(parent).await.unwrap(), vec![second]);
}

#[tokio::test]
async fn an_archived_channel_is_read_only_and_unlisted_until_unarchived() {
    let store = fresh_store().await;
    let (owner, reader, newcomer) = (UserId::new(), UserId::new(), UserId::new());
    let old = channel("old-news", ChannelType::Public);
    store.channels().create(&old, owner).await.unwrap();
    store
        .channels()
        .add_member(old.id, reader, ChannelRole::Member)
        .await
        .unwrap();
    let parent = Parent::Channel(old.id);
    for i in 0..3 {
        store
            .messages()
            .append(parent, text(&format!("m{i}")))
            .await
            .unwrap();
    }
    assert_eq!(whole_directory(&store).await, vec![old.id]);

    let archived = store
        .channels()
        .set_archived(&old, true)
        .await
        .unwrap()
        .expect("archiving an existing channel");
    assert!(archived.archived);
    assert!(
        store
            .channels()
            .get(old.id)
            .await
            .unwrap()
            .unwrap()
            .archived
    );
    assert_eq!(whole_directory(&store).await, Vec::<ChannelId>::new());
    assert!(
        directory_pages(&store, "old", 10)
            .await
            .iter()
            .all(Vec::is_empty)
    );

    // Nobody joins (with any role) and nothing is sent.
    for role in [ChannelRole::Member, ChannelRole::Owner] {
        assert_eq!(
            store
                .channels()
                .add_member(old.id, newcomer, role)
                .await
                .unwrap(),
            AddMember::Closed
        );
    }
    assert_eq!(
        store.memberships().role_of(parent, newcomer).await.unwrap(),
        None
    );
    assert_eq!(
        store.memberships().get(parent, newcomer).await.unwrap(),
        None
    );
    let refused = store.messages().append(parent, text("too late")).await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");

    // Members keep their rows and their history.
    assert_eq!(
        store.memberships().role_of(parent, owner).await.unwrap(),
        Some(ChannelRole::Owner)
    );
    assert!(
        store
            .memberships()
            .get(parent, reader)
            .await
            .unwrap()
            .is_some()
    );
    let history = store
        .messages()
        .page(parent, PageAt::Newest, 10)
        .await
        .unwrap();
    assert_eq!(
        history.items.iter().map(|m| m.seq).collect::<Vec<_>>(),
        vec![3, 2, 1]
    );
    assert_eq!(
        store
            .channels()
            .get(old.id)
            .await
            .unwrap()
            .unwrap()
            .last_seq,
        3
    );

    // Unarchived, it is listed and open again.
    let reopened = store
        .channels()
        .set_archived(&old, false)
        .await
        .unwrap()
        .unwrap();
    assert!(!reopened.archived);
    assert_eq!(whole_directory(&store).await, vec![old.id]);
    assert_eq!(
        store
            .channels()
            .add_member(old.id, newcomer, ChannelRole::Member)
            .await
            .unwrap(),
        AddMember::Added
    );
    assert_eq!(
        store
            .messages()
            .append(parent, text("back"))
            .await
            .unwrap()
            .seq,
        4
    );

    // A private channel is never listed, archived or not.
    let secret = channel("secret", ChannelType::Private);
    store.channels().create(&secret, owner).await.unwrap();
    store.channels().set_archived(&secret, true).await.unwrap();
    store.channels().set_archived(&secret, false).await.unwrap();
    assert_eq!(whole_directory(&store).await, vec![old.id]);
    assert_eq!(
        store
            .channels()
            .set_archived(&channel("ghost", ChannelType::Public), true)
            .await
            .unwrap(),
        None
    );
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
        store
            .users()
            .create(&user, None, false)
            .await
            .unwrap()
            .unwrap();
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

#[tokio::test]
async fn member_pages_list_every_member_once() {
    let store = fresh_store().await;
    let owner = UserId::new();
    let crowd = channel("crowd", ChannelType::Public);
    store.channels().create(&crowd, owner).await.unwrap();
    let parent = Parent::Channel(crowd.id);
    let others = users(24);
    for person in &others {
        assert_eq!(
            store
                .channels()
                .add_member(crowd.id, *person, ChannelRole::Member)
                .await
                .unwrap(),
            AddMember::Added
        );
    }
    // Messages share the partition and must never show up as members.
    store
        .messages()
        .append(parent, text("hello"))
        .await
        .unwrap();
    let mut everyone = others.clone();
    everyone.push(owner);

    let pages = member_pages(&store, parent, 10).await;
    assert!(pages.len() >= 3, "{pages:?}");
    assert_eq!(pages[0].len(), 10);
    assert_eq!(pages[1].len(), 10);
    let listed: Vec<UserId> = pages.concat();
    assert_eq!(listed, sorted(everyone), "every member once, in id order");

    // Another channel's cursor, or garbage, is refused.
    let small = channel("small", ChannelType::Public);
    store.channels().create(&small, owner).await.unwrap();
    store
        .channels()
        .add_member(small.id, UserId::new(), ChannelRole::Member)
        .await
        .unwrap();
    let foreign = store
        .memberships()
        .page(Parent::Channel(small.id), None, 1)
        .await
        .unwrap()
        .unwrap()
        .next_cursor
        .expect("a full page has a cursor");
    assert_eq!(
        store
            .memberships()
            .page(parent, Some(&foreign), 10)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .memberships()
            .page(parent, Some("garbage!"), 10)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn every_change_of_who_is_in_a_channel_or_of_a_mute_moves_the_members_version() {
    let store = fresh_store().await;
    let memberships = store.memberships();
    let (owner, bob) = (UserId::new(), UserId::new());
    let room = channel("versioned", ChannelType::Private);
    let parent = Parent::Channel(room.id);
    assert!(store.channels().create(&room, owner).await.unwrap());
    let mut last = memberships.version(parent).await.unwrap();
    fn moved(last: &mut u64, version: u64, what: &str) {
        assert!(version > *last, "{what} did not move it");
        *last = version;
    }

    store
        .channels()
        .add_member(room.id, bob, ChannelRole::Member)
        .await
        .unwrap();
    moved(
        &mut last,
        memberships.version(parent).await.unwrap(),
        "a join",
    );

    let mute = domain::sidebar::UpdateMembership {
        muted: Some(true),
        ..Default::default()
    };
    memberships.update(parent, bob, &mute).await.unwrap();
    moved(
        &mut last,
        memberships.version(parent).await.unwrap(),
        "a mute",
    );
    let list = memberships.members_muted(parent).await.unwrap();
    assert_eq!(list.version, last);
    assert!(list.members.contains(&(bob, true)), "{list:?}");

    // The version a message is stored at is the same one.
    let appended = store
        .messages()
        .append_versioned(parent, text("hi"))
        .await
        .unwrap();
    assert_eq!(appended.members_version, last);

    let before_role = memberships.version(parent).await.unwrap();
    store
        .channels()
        .change_role(room.id, bob, ChannelRole::Member, ChannelRole::Admin)
        .await
        .unwrap();
    assert_eq!(
        memberships.version(parent).await.unwrap(),
        before_role,
        "a role is not part of the cached list"
    );

    assert_eq!(
        store
            .channels()
            .remove_member(room.id, bob, ChannelRole::Admin)
            .await
            .unwrap(),
        RemoveMember::Removed
    );
    moved(
        &mut last,
        memberships.version(parent).await.unwrap(),
        "a removal",
    );
    assert_eq!(
        memberships.members_muted(parent).await.unwrap().members,
        vec![(owner, false)]
    );
}
