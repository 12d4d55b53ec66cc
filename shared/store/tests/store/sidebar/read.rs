//! What the sidebar's `read` gathers: channels by name with their rows, categories by
//! position, conversations most recent first (once they concern the reader), and never a row
//! whose channel or conversation is gone.

use domain::channel::{ChannelRole, ChannelType};
use domain::conversation::{Conversation, Participants};
use domain::sidebar::UpdateMembership;
use domain::{Parent, UserId};
use store::Store;
use store::keys;

use super::create_category;
use crate::{
    add_member, append, at, channel, delete_raw_item, fresh_store, set_raw_attribute, text_by,
    time_value,
};

/// The ids of the conversations in `user`'s sidebar, in sidebar order.
async fn sidebar_conversations(store: &Store, user: UserId) -> Vec<domain::ConversationId> {
    store
        .sidebar()
        .read(user)
        .await
        .unwrap()
        .conversations
        .iter()
        .map(|c| c.conversation.id)
        .collect()
}

/// The direct conversation of `me` and `other`, opened by `me`.
async fn direct(store: &Store, me: UserId, other: UserId) -> Conversation {
    let people = Participants::parse(me, &[other]).unwrap();
    store
        .conversations()
        .open(&people, me, None)
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn the_sidebar_lists_channels_by_name_with_their_rows_and_categories_by_position() {
    let store = fresh_store().await;
    let (me, someone) = (UserId::new(), UserId::new());
    let zeta = channel("zeta", ChannelType::Public);
    let alpha = channel("alpha", ChannelType::Private);
    let mid = channel("mid", ChannelType::Public);
    let elsewhere = channel("elsewhere", ChannelType::Public);
    store.channels().create(&zeta, someone).await.unwrap();
    store.channels().create(&alpha, me).await.unwrap();
    store.channels().create(&mid, someone).await.unwrap();
    store.channels().create(&elsewhere, someone).await.unwrap();
    for c in [&zeta, &mid] {
        add_member(&store, c.id, me, ChannelRole::Member).await;
    }
    let later = create_category(&store, me, "Later", 2.0).await;
    let first = create_category(&store, me, "First", -1.0).await;
    let work = create_category(&store, me, "Work", 0.5).await;
    create_category(&store, someone, "Not mine", 0.0).await;
    store
        .memberships()
        .update(
            Parent::Channel(mid.id),
            me,
            &UpdateMembership {
                favorite: Some(true),
                category_id: Some(Some(work.id)),
                ..UpdateMembership::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    // Archived channels stay in their members' sidebars.
    store.channels().set_archived(&zeta, true).await.unwrap();

    let sidebar = store.sidebar().read(me).await.unwrap();
    let names: Vec<&str> = sidebar
        .channels
        .iter()
        .map(|c| c.channel.name.as_str())
        .collect();
    assert_eq!(names, vec!["alpha", "mid", "zeta"]);
    for row in &sidebar.channels {
        let parent = Parent::Channel(row.channel.id);
        assert_eq!(
            Some(&row.channel),
            store.channels().get(row.channel.id).await.unwrap().as_ref()
        );
        assert_eq!(
            Some(&row.membership),
            store.memberships().get(parent, me).await.unwrap().as_ref()
        );
    }
    assert_eq!(sidebar.channels[0].membership.role, ChannelRole::Owner);
    assert!(sidebar.channels[1].membership.favorite);
    assert_eq!(sidebar.channels[1].membership.category_id, Some(work.id));
    assert!(sidebar.channels[2].channel.archived);
    assert_eq!(sidebar.categories, vec![first, work, later]);
    assert!(sidebar.conversations.is_empty());
}

#[tokio::test]
async fn a_new_conversation_shows_to_the_others_once_it_has_a_message() {
    let store = fresh_store().await;
    let (me, you) = (UserId::new(), UserId::new());
    let chat = direct(&store, me, you).await;
    assert_eq!(sidebar_conversations(&store, me).await, vec![chat.id]);
    assert_eq!(sidebar_conversations(&store, you).await, vec![]);

    append(&store, Parent::Conversation(chat.id), text_by(me, "hi")).await;
    assert_eq!(sidebar_conversations(&store, me).await, vec![chat.id]);
    let theirs = store.sidebar().read(you).await.unwrap();
    assert_eq!(theirs.conversations.len(), 1);
    let row = &theirs.conversations[0];
    assert_eq!(row.conversation.id, chat.id);
    assert_eq!(row.conversation.last_seq, 1);
    assert_eq!(
        Some(&row.membership),
        store
            .memberships()
            .get(Parent::Conversation(chat.id), you)
            .await
            .unwrap()
            .as_ref()
    );
}

#[tokio::test]
async fn conversations_come_most_recent_first() {
    let store = fresh_store().await;
    let me = UserId::new();
    let a = direct(&store, me, UserId::new()).await;
    let b = direct(&store, me, UserId::new()).await;
    let c = direct(&store, me, UserId::new()).await;
    // Made a minute apart: c newest, then b, then a.
    for (conversation, minute) in [(&a, 0), (&b, 1), (&c, 2)] {
        set_raw_attribute(
            &store,
            &keys::conversation(conversation.id),
            keys::META,
            "createdAt",
            time_value(at(minute * 60)),
        )
        .await;
    }
    assert_eq!(
        sidebar_conversations(&store, me).await,
        vec![c.id, b.id, a.id]
    );

    // A message makes a conversation the most recent, whatever its age.
    append(&store, Parent::Conversation(a.id), text_by(me, "up")).await;
    assert_eq!(
        sidebar_conversations(&store, me).await,
        vec![a.id, c.id, b.id]
    );
    // It is the message's time that counts, not the conversation's.
    set_raw_attribute(
        &store,
        &keys::conversation(a.id),
        keys::META,
        "lastMessageAt",
        time_value(at(90)),
    )
    .await;
    assert_eq!(
        sidebar_conversations(&store, me).await,
        vec![c.id, a.id, b.id]
    );
}

#[tokio::test]
async fn a_row_whose_parent_is_gone_is_dropped() {
    let store = fresh_store().await;
    let me = UserId::new();
    let kept = channel("kept", ChannelType::Public);
    let gone = channel("gone", ChannelType::Public);
    store.channels().create(&kept, me).await.unwrap();
    store.channels().create(&gone, me).await.unwrap();
    let chat = direct(&store, me, UserId::new()).await;
    let stays = direct(&store, me, UserId::new()).await;

    delete_raw_item(&store, &keys::channel(gone.id), keys::META).await;
    delete_raw_item(&store, &keys::conversation(chat.id), keys::META).await;

    let sidebar = store.sidebar().read(me).await.unwrap();
    assert_eq!(
        sidebar
            .channels
            .iter()
            .map(|c| c.channel.id)
            .collect::<Vec<_>>(),
        vec![kept.id]
    );
    assert_eq!(
        sidebar
            .conversations
            .iter()
            .map(|c| c.conversation.id)
            .collect::<Vec<_>>(),
        vec![stays.id]
    );
    // The rows themselves are still there: the sidebar skips them, it does not fail.
    assert_eq!(
        store
            .memberships()
            .for_user(me, domain::ParentType::Channel)
            .await
            .unwrap()
            .len(),
        2
    );
}
