//! The owner count: a channel always keeps an owner, and a change made from a stale role
//! changes nothing.

use domain::channel::{ChannelRole, ChannelType};
use domain::{Parent, UserId};
use store::channels::RemoveMember;

use crate::{add_member, channel, fresh_store};

#[tokio::test]
async fn a_channel_always_keeps_an_owner() {
    let store = fresh_store().await;
    let first = UserId::new();
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, first).await.unwrap();
    let parent = Parent::Channel(news.id);
    let channels = store.channels();
    let memberships = store.memberships();
    let remove =
        |user, role| async move { channels.remove_member(news.id, user, role).await.unwrap() };
    let change = |user, from, to| async move {
        channels.change_role(news.id, user, from, to).await.unwrap()
    };
    let role_of = |user| async move { memberships.role_of(parent, user).await.unwrap() };
    let row_role =
        |user| async move { memberships.get(parent, user).await.unwrap().map(|m| m.role) };

    // The creator is the owner, on both rows.
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(first).await, Some(ChannelRole::Owner));

    // The only owner can neither go nor step down.
    assert_eq!(
        remove(first, ChannelRole::Owner).await,
        RemoveMember::LastOwner
    );
    assert_eq!(
        change(first, ChannelRole::Owner, ChannelRole::Member).await,
        RemoveMember::LastOwner
    );
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(first).await, Some(ChannelRole::Owner));

    // A caller who read a role that is not (or no longer) theirs changes nothing.
    assert_eq!(
        remove(first, ChannelRole::Member).await,
        RemoveMember::Stale
    );
    assert_eq!(role_of(first).await, Some(ChannelRole::Owner));
    let second = UserId::new();
    add_member(&store, news.id, second, ChannelRole::Member).await;
    assert_eq!(
        remove(second, ChannelRole::Admin).await,
        RemoveMember::Stale
    );
    assert_eq!(
        change(second, ChannelRole::Admin, ChannelRole::Owner).await,
        RemoveMember::Stale
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Member));
    assert_eq!(row_role(second).await, Some(ChannelRole::Member));
    assert_eq!(
        remove(UserId::new(), ChannelRole::Member).await,
        RemoveMember::Stale
    );

    // With a second owner, the first may go.
    assert_eq!(
        change(second, ChannelRole::Member, ChannelRole::Owner).await,
        RemoveMember::Removed
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Owner));
    assert_eq!(row_role(second).await, Some(ChannelRole::Owner));
    assert_eq!(
        remove(first, ChannelRole::Owner).await,
        RemoveMember::Removed
    );
    assert_eq!(role_of(first).await, None);
    assert_eq!(row_role(first).await, None);

    // And now the second is the last one.
    assert_eq!(
        remove(second, ChannelRole::Owner).await,
        RemoveMember::LastOwner
    );
    assert_eq!(
        change(second, ChannelRole::Owner, ChannelRole::Admin).await,
        RemoveMember::LastOwner
    );
    assert_eq!(role_of(second).await, Some(ChannelRole::Owner));
    assert_eq!(memberships.member_ids(parent).await.unwrap(), vec![second]);
}
