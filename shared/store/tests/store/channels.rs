//! Channels: creation and slug locks, #general, and memberships.

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::{ChannelId, Parent, UserId};
use futures::future::join_all;
use store::channels::AddMember;

use crate::{channel, fresh_store};

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
