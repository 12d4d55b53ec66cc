//! The sidebar: what `read` gathers, the user's own membership settings and read points, and
//! their categories.

use domain::channel::{ChannelRole, ChannelType};
use domain::conversation::{Conversation, Participants};
use domain::sidebar::{Category, CategoryName, UpdateMembership};
use domain::{CategoryId, Parent, Timestamp, UserId};
use futures::future::join_all;
use store::Store;
use store::categories::Change;
use store::keys;

use crate::{at, channel, delete_raw_item, fresh_store, set_raw_attribute, text_by, time_value};

fn name(raw: &str) -> CategoryName {
    CategoryName::parse(raw).unwrap()
}

async fn create_category(store: &Store, user: UserId, raw: &str, position: f64) -> Category {
    match store
        .categories()
        .create(user, &name(raw), position)
        .await
        .unwrap()
    {
        Change::Done(category) => category,
        other => panic!("creating {raw:?}: {other:?}"),
    }
}

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
        store
            .channels()
            .add_member(c.id, me, ChannelRole::Member)
            .await
            .unwrap();
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

    store
        .messages()
        .append(Parent::Conversation(chat.id), text_by(me, "hi"))
        .await
        .unwrap();
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
    store
        .messages()
        .append(Parent::Conversation(a.id), text_by(me, "up"))
        .await
        .unwrap();
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

#[tokio::test]
async fn membership_settings_change_only_what_is_asked() {
    let store = fresh_store().await;
    let (owner, me) = (UserId::new(), UserId::new());
    let news = channel("news", ChannelType::Public);
    store.channels().create(&news, owner).await.unwrap();
    store
        .channels()
        .add_member(news.id, me, ChannelRole::Member)
        .await
        .unwrap();
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
    };
    let row = memberships.update(parent, me, &all).await.unwrap().unwrap();
    assert!(row.favorite && row.muted);
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
    assert!(uncategorised.favorite);
    assert_eq!(uncategorised.position, 2.5);
    assert_eq!(
        memberships.get(parent, me).await.unwrap().as_ref(),
        Some(&uncategorised)
    );
    // Nothing asked, nothing changed.
    assert_eq!(
        memberships
            .update(parent, me, &UpdateMembership::default())
            .await
            .unwrap()
            .as_ref(),
        Some(&uncategorised)
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
async fn category_names_are_unique_per_user_ignoring_case() {
    let store = fresh_store().await;
    let (me, you) = (UserId::new(), UserId::new());
    let projects = create_category(&store, me, "Projects", 1.0).await;
    for twin in ["projects", "  PROJECTS  ", "Projects"] {
        assert_eq!(
            store
                .categories()
                .create(me, &name(twin), 2.0)
                .await
                .unwrap(),
            Change::NameTaken,
            "{twin:?}"
        );
    }
    assert_eq!(
        store.categories().list(me).await.unwrap(),
        vec![projects.clone()]
    );
    assert_eq!(
        store
            .categories()
            .get(me, projects.id)
            .await
            .unwrap()
            .as_ref(),
        Some(&projects)
    );
    // Names are per user.
    create_category(&store, you, "projects", 1.0).await;
}

#[tokio::test]
async fn ten_simultaneous_creates_of_one_name_make_one_category() {
    let store = fresh_store().await;
    let me = UserId::new();
    let spellings = ["Inbox", "inbox", "INBOX", "iNbOx", "Inbox"];
    let names: Vec<CategoryName> = (0..10).map(|i| name(spellings[i % 5])).collect();
    let results: Vec<Change> = join_all(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| store.categories().create(me, n, i as f64)),
    )
    .await
    .into_iter()
    .map(Result::unwrap)
    .collect();
    let done: Vec<&Category> = results
        .iter()
        .filter_map(|r| match r {
            Change::Done(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(done.len(), 1, "{results:?}");
    assert_eq!(
        results.iter().filter(|r| **r == Change::NameTaken).count(),
        9,
        "{results:?}"
    );
    assert_eq!(
        store.categories().list(me).await.unwrap(),
        vec![done[0].clone()]
    );
}

#[tokio::test]
async fn renaming_a_category_moves_its_name() {
    let store = fresh_store().await;
    let me = UserId::new();
    let projects = create_category(&store, me, "Projects", 1.0).await;
    let later = create_category(&store, me, "Later", 2.0).await;
    let categories = store.categories();

    // Onto another category's name, in any case: refused, nothing changes.
    assert_eq!(
        categories
            .update(me, &projects, Some(&name("later")), Some(9.0))
            .await
            .unwrap(),
        Change::NameTaken
    );
    assert_eq!(
        categories.get(me, projects.id).await.unwrap().as_ref(),
        Some(&projects)
    );

    let Change::Done(work) = categories
        .update(me, &projects, Some(&name("Work")), None)
        .await
        .unwrap()
    else {
        panic!("the rename was refused");
    };
    assert_eq!(
        (work.id, work.name.as_str(), work.position, work.created_at),
        (projects.id, "Work", projects.position, projects.created_at)
    );
    assert_eq!(
        categories.get(me, projects.id).await.unwrap().as_ref(),
        Some(&work)
    );
    // The old name is free, the new one taken.
    create_category(&store, me, "projects", 3.0).await;
    assert_eq!(
        categories.create(me, &name("WORK"), 4.0).await.unwrap(),
        Change::NameTaken
    );

    // A change of case only keeps the name taken.
    let Change::Done(shouty) = categories
        .update(me, &work, Some(&name("WORK")), None)
        .await
        .unwrap()
    else {
        panic!("a change of case was refused");
    };
    assert_eq!(shouty.name, "WORK");
    assert_eq!(
        categories.create(me, &name("work"), 4.0).await.unwrap(),
        Change::NameTaken
    );

    // A category that is gone cannot be renamed, and its would-be name stays free.
    let ghost = Category {
        id: CategoryId::new(),
        name: "Ghost".into(),
        position: 0.0,
        created_at: Timestamp::now(),
    };
    assert_eq!(
        categories
            .update(me, &ghost, Some(&name("Phantom")), None)
            .await
            .unwrap(),
        Change::NotFound
    );
    create_category(&store, me, "Phantom", 5.0).await;
    assert_eq!(
        categories.get(me, later.id).await.unwrap().as_ref(),
        Some(&later)
    );
}

#[tokio::test]
async fn deleting_a_category_frees_its_name() {
    let store = fresh_store().await;
    let me = UserId::new();
    let projects = create_category(&store, me, "Projects", 1.0).await;
    assert!(store.categories().delete(me, &projects).await.unwrap());
    assert_eq!(store.categories().get(me, projects.id).await.unwrap(), None);
    assert!(store.categories().list(me).await.unwrap().is_empty());
    assert!(!store.categories().delete(me, &projects).await.unwrap());
    let again = create_category(&store, me, "projects", 1.0).await;
    assert_ne!(again.id, projects.id);
}

#[tokio::test]
async fn categories_are_listed_by_position() {
    let store = fresh_store().await;
    let me = UserId::new();
    let c = create_category(&store, me, "C", 3.0).await;
    create_category(&store, me, "A", -1.5).await;
    create_category(&store, me, "B", 1.0).await;
    create_category(&store, me, "D", 1.25).await;
    let names = |list: Vec<Category>| list.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.categories().list(me).await.unwrap()),
        vec!["A", "B", "D", "C"]
    );
    // Dragging C between A and B.
    let Change::Done(moved) = store
        .categories()
        .update(me, &c, None, Some(0.5))
        .await
        .unwrap()
    else {
        panic!("the move was refused");
    };
    assert_eq!((moved.name.as_str(), moved.position), ("C", 0.5));
    assert_eq!(
        names(store.categories().list(me).await.unwrap()),
        vec!["A", "C", "B", "D"]
    );
}
