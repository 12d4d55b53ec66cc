//! A user's own membership row: settings that change only what is asked, and read points that
//! only move forward unless set.

use domain::channel::{ChannelRole, ChannelType};
use domain::conversation::Participants;
use domain::sidebar::UpdateMembership;
use domain::{Parent, UserId};

use super::create_category;
use crate::{add_member, append, channel, fresh_store, text_by};

#[tokio::test]
async fn membership_settings_change_only_what_is_asked() {
    let store = fresh_store().await;
    let (owner, me) = (UserId::new(), UserId::new());
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, owner).await.unwrap();
    add_member(&store, news.id, me, ChannelRole::Member).await;
    let parent = Parent::Channel(news.id);
    let memberships = store.memberships();
    let before = memberships.get(parent, me).await.unwrap().unwrap();
    assert!(!before.favorite && !before.muted);
    assert_eq!((before.category_id, before.position), (None, 0.0));
    let projects = create_category(&store, me, "Projects", 1.0).await;

    let all = UpdateMembership {
        favorite: Some(true),
        muted: Some(true),
        category_id: Some(Some(projects.id)),
        position: Some(2.5),
        notify_level: Some(Some(domain::notifications::NotifyLevel::Mentions)),
    };
    let row = memberships.update(parent, me, &all).await.unwrap().unwrap();
    assert!(row.favorite && row.muted);
    assert_eq!(
        row.notify_level,
        Some(domain::notifications::NotifyLevel::Mentions)
    );
    let levels = memberships.notify_levels(parent, &[me]).await.unwrap();
    assert_eq!(
        levels.get(&me),
        Some(&domain::notifications::NotifyLevel::Mentions)
    );
    assert_eq!((row.category_id, row.position), (Some(projects.id), 2.5));
    assert_eq!(
        (row.role, row.joined_at, row.last_read_seq),
        (before.role, before.joined_at, before.last_read_seq)
    );
    assert_eq!(
        memberships.get(parent, me).await.unwrap().as_ref(),
        Some(&row)
    );

    // One field at a time leaves the others.
    let unmuted = memberships
        .update(
            parent,
            me,
            &UpdateMembership {
                muted: Some(false),
                ..UpdateMembership::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert!(unmuted.favorite && !unmuted.muted);
    assert_eq!(
        (unmuted.category_id, unmuted.position),
        (Some(projects.id), 2.5)
    );

    // `Some(None)` takes the row out of its category.
    let uncategorised = memberships
        .update(
            parent,
            me,
            &UpdateMembership {
                category_id: Some(None),
                ..UpdateMembership::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(uncategorised.category_id, None);

    // `Some(None)` clears the level: the person's own setting counts again.
    let followed = memberships
        .update(
            parent,
            me,
            &UpdateMembership {
                notify_level: Some(None),
                ..UpdateMembership::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(followed.notify_level, None);
    assert!(
        memberships
            .notify_levels(parent, &[me])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(uncategorised.favorite);
    assert_eq!(uncategorised.position, 2.5);
    assert_eq!(
        memberships.get(parent, me).await.unwrap().as_ref(),
        Some(&followed)
    );
    // Nothing asked, nothing changed.
    assert_eq!(
        memberships
            .update(parent, me, &UpdateMembership::default())
            .await
            .unwrap()
            .as_ref(),
        Some(&followed)
    );

    // Someone who is not a member has no row to change, and gets none made.
    let stranger = UserId::new();
    for change in [all, UpdateMembership::default()] {
        assert_eq!(
            memberships.update(parent, stranger, &change).await.unwrap(),
            None
        );
    }
    assert_eq!(memberships.get(parent, stranger).await.unwrap(), None);
    assert_eq!(memberships.role_of(parent, stranger).await.unwrap(), None);
}

#[tokio::test]
async fn read_points_only_move_forward_unless_set() {
    let store = fresh_store().await;
    let me = UserId::new();
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, me).await.unwrap();
    let parent = Parent::Channel(news.id);
    let memberships = store.memberships();
    let read = |seq| async move {
        memberships
            .mark_read(parent, me, seq, false)
            .await
            .unwrap()
            .map(|m| m.last_read_seq)
    };

    assert_eq!(read(5).await, Some(5));
    assert_eq!(read(3).await, Some(5), "a lower read point moved it back");
    assert_eq!(read(5).await, Some(5));
    assert_eq!(read(8).await, Some(8));
    assert_eq!(
        memberships
            .get(parent, me)
            .await
            .unwrap()
            .unwrap()
            .last_read_seq,
        8
    );

    // Marking unread sets it exactly, back included.
    let set = memberships.set_read(parent, me, 2).await.unwrap().unwrap();
    assert_eq!(set.last_read_seq, 2);
    assert_eq!(
        memberships
            .get(parent, me)
            .await
            .unwrap()
            .unwrap()
            .last_read_seq,
        2
    );
    assert_eq!(read(4).await, Some(4));

    let stranger = UserId::new();
    assert_eq!(
        memberships
            .mark_read(parent, stranger, 1, false)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        memberships.set_read(parent, stranger, 1).await.unwrap(),
        None
    );
    assert_eq!(memberships.get(parent, stranger).await.unwrap(), None);
}

#[tokio::test]
async fn a_new_member_has_read_what_came_before_they_joined() {
    let store = fresh_store().await;
    let (owner, newcomer, added) = (UserId::new(), UserId::new(), UserId::new());
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, owner).await.unwrap();
    let parent = Parent::Channel(news.id);
    for i in 0..3 {
        append(&store, parent, text_by(owner, &format!("before {i}"))).await;
    }
    add_member(&store, news.id, newcomer, ChannelRole::Member).await;
    let row = store.memberships().get(parent, newcomer).await.unwrap();
    assert_eq!(row.map(|m| m.last_read_seq), Some(3));

    // A group: someone added later has read up to its last message too.
    let people = Participants::parse(owner, &[newcomer, UserId::new()]).unwrap();
    let (group, _) = store
        .conversations()
        .open(&people, owner, None)
        .await
        .unwrap();
    let group_parent = Parent::Conversation(group.id);
    for i in 0..2 {
        append(&store, group_parent, text_by(owner, &format!("early {i}"))).await;
    }
    let group = store.conversations().get(group.id).await.unwrap().unwrap();
    store.conversations().add(&group, &[added]).await.unwrap();
    let row = store.memberships().get(group_parent, added).await.unwrap();
    assert_eq!(row.map(|m| m.last_read_seq), Some(2));
    let first = store
        .memberships()
        .get(group_parent, newcomer)
        .await
        .unwrap();
    assert_eq!(first.map(|m| m.last_read_seq), Some(0));
}
