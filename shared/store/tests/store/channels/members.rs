//! Who is in a channel: membership rows on both sides, joins (raced, or to a missing channel),
//! member pages, and the members version that every change of who is in moves.

use domain::channel::{ChannelRole, ChannelType};
use domain::{Parent, UserId};
use futures::future::join_all;
use store::Store;
use store::channels::{AddMember, RemoveMember};

use crate::{add_member, append, channel, fresh_store, sorted, text, users};

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

#[tokio::test]
async fn membership_rows_are_written_on_both_sides() {
    let store = fresh_store().await;
    let news = channel("news", ChannelType::Public);
    let (a, b) = (UserId::new(), UserId::new());
    store.channels().create(&news, a).await.unwrap();
    let parent = Parent::Channel(news.id);
    assert_eq!(
        add_member(&store, news.id, b, ChannelRole::Member).await,
        AddMember::Added
    );
    assert_eq!(
        add_member(&store, news.id, b, ChannelRole::Admin).await,
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
    let outcome = add_member(&store, ghost.id, user, ChannelRole::Member).await;
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
async fn simultaneous_joins_of_one_user_add_them_once() {
    let store = fresh_store().await;
    let owner = UserId::new();
    let busy = channel("busy", ChannelType::Public);
    store.channels().create(&busy, owner).await.unwrap();
    let parent = Parent::Channel(busy.id);

    let joiner = UserId::new();
    let outcomes: Vec<AddMember> =
        join_all((0..10).map(|_| add_member(&store, busy.id, joiner, ChannelRole::Member))).await;
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
    let outcomes = join_all(
        crowd
            .iter()
            .map(|u| add_member(&store, busy.id, *u, ChannelRole::Member)),
    )
    .await;
    for outcome in outcomes {
        assert_eq!(outcome, AddMember::Added);
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
async fn member_pages_list_every_member_once() {
    let store = fresh_store().await;
    let owner = UserId::new();
    let crowd = channel("crowd", ChannelType::Public);
    store.channels().create(&crowd, owner).await.unwrap();
    let parent = Parent::Channel(crowd.id);
    let others = users(24);
    for person in &others {
        assert_eq!(
            add_member(&store, crowd.id, *person, ChannelRole::Member).await,
            AddMember::Added
        );
    }
    // Messages share the partition and must never show up as members.
    append(&store, parent, text("hello")).await;
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
    add_member(&store, small.id, UserId::new(), ChannelRole::Member).await;
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

    add_member(&store, room.id, bob, ChannelRole::Member).await;
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
        .unwrap()
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
