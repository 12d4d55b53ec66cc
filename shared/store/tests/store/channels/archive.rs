//! Archiving: an archived channel is read-only and unlisted, its members keep their rows and
//! history, and unarchiving opens it again.

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::{ChannelId, Parent, UserId};
use store::Store;
use store::channels::AddMember;
use store::messages::{NotSent, PageAt};

use super::directory::{directory_pages, whole_directory};
use crate::{add_member, append, channel, fresh_store, text};

/// The channel as stored now.
async fn stored_channel(store: &Store, id: ChannelId) -> Channel {
    store.channels().get(id).await.unwrap().unwrap()
}

#[tokio::test]
async fn an_archived_channel_is_read_only_and_unlisted_until_unarchived() {
    let store = fresh_store().await;
    let (owner, reader, newcomer) = (UserId::new(), UserId::new(), UserId::new());
    let old = channel("old-news", ChannelType::Public);
    store.channels().create(&old, owner).await.unwrap();
    add_member(&store, old.id, reader, ChannelRole::Member).await;
    let parent = Parent::Channel(old.id);
    for i in 0..3 {
        append(&store, parent, text(&format!("m{i}"))).await;
    }
    assert_eq!(whole_directory(&store).await, vec![old.id]);

    let archived = store
        .channels()
        .set_archived(&old, true)
        .await
        .unwrap()
        .expect("archiving an existing channel");
    assert!(archived.archived);
    assert!(stored_channel(&store, old.id).await.archived);
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
            add_member(&store, old.id, newcomer, role).await,
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
    assert!(matches!(refused, Ok(Err(NotSent::ReadOnly))), "{refused:?}");

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
    assert_eq!(stored_channel(&store, old.id).await.last_seq, 3);

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
        add_member(&store, old.id, newcomer, ChannelRole::Member).await,
        AddMember::Added
    );
    assert_eq!(append(&store, parent, text("back")).await.seq, 4);

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
