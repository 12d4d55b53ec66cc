//! Creating channels: #general once, slugs locked at creation (under races too) and kept for
//! good by a rename.

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::{ChannelId, Parent, UserId};
use futures::future::join_all;
use store::channels::Rename;

use crate::{channel, fresh_store, users};

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
