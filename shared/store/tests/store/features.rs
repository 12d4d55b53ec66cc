//! Message features in the store: replies and their root's counters under concurrency,
//! reactions as atomic set updates, pins, drafts (the newer edit wins) and settings.

use domain::channel::ChannelType;
use domain::drafts::Draft;
use domain::notifications::{NotificationSettings, NotifyLevel};
use domain::reactions::Emoji;
use domain::{Parent, ParentType};
use futures::future::join_all;
use store::messages::Refusal;

use crate::{append, at, channel, delete, fresh_store, reply_to, text, text_by, users};

#[tokio::test]
async fn simultaneous_replies_keep_the_roots_count_exact() {
    let store = fresh_store().await;
    let room = channel("room", ChannelType::Public);
    store.channels().create(&room, users(1)[0]).await.unwrap();
    let parent = Parent::Channel(room.id);
    let root = append(&store, parent, text("root")).await;
    let people = users(12);
    let replies = join_all(
        people
            .iter()
            .map(|p| store.threads().reply(parent, root.id, text_by(*p, "me"))),
    )
    .await;
    let mut seqs: Vec<u64> = replies
        .into_iter()
        .map(|r| r.unwrap().unwrap().0.seq)
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=12).collect::<Vec<u64>>());
    let root = store
        .messages()
        .get(parent, None, root.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(root.reply_count, 12);
    assert_eq!(root.recent_replier_ids.len(), 3);
    // Replies never show in the history of the channel.
    let page = store
        .messages()
        .page(parent, store::messages::PageAt::Newest, 50)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    // A reply cannot start a thread of its own.
    let (reply, _) = reply_to(&store, parent, root.id, text("x")).await;
    assert_eq!(
        store
            .threads()
            .reply(parent, reply.id, text("y"))
            .await
            .unwrap(),
        Err(Refusal::NotFound)
    );
}

#[tokio::test]
async fn reactions_from_many_at_once_all_count_and_the_last_removal_clears_the_emoji() {
    let store = fresh_store().await;
    let room = channel("room", ChannelType::Public);
    store.channels().create(&room, users(1)[0]).await.unwrap();
    let parent = Parent::Channel(room.id);
    let message = append(&store, parent, text("vote")).await;
    let yes = Emoji::parse("👍").unwrap();
    let people = users(15);
    let added = join_all(
        people
            .iter()
            .map(|p| store.reactions().add(parent, None, message.id, &yes, *p)),
    )
    .await;
    assert!(added.iter().all(|r| matches!(r, Ok(Ok(_)))));
    let stored = store
        .messages()
        .get(parent, None, message.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.reactions["👍"].len(), 15);
    for person in &people {
        store
            .reactions()
            .remove(parent, None, message.id, &yes, *person)
            .await
            .unwrap()
            .unwrap();
    }
    let stored = store
        .messages()
        .get(parent, None, message.id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.reactions.get("👍").is_none_or(Vec::is_empty),
        "{stored:?}"
    );
    // A deleted message takes no reaction.
    delete(&store, parent, None, message.id).await.unwrap();
    assert_eq!(
        store
            .reactions()
            .add(parent, None, message.id, &yes, people[0])
            .await
            .unwrap(),
        Err(Refusal::Deleted)
    );
}

#[tokio::test]
async fn pins_are_one_query_and_leave_with_the_message() {
    let store = fresh_store().await;
    let room = channel("room", ChannelType::Public);
    let me = users(1)[0];
    store.channels().create(&room, me).await.unwrap();
    let parent = Parent::Channel(room.id);
    let first = append(&store, parent, text("one")).await;
    let second = append(&store, parent, text("two")).await;
    for m in [&first, &second] {
        store
            .pins()
            .set(parent, None, m.id, me, true)
            .await
            .unwrap()
            .unwrap();
    }
    let bodies = |list: Vec<domain::message::Message>| -> Vec<String> {
        list.into_iter().map(|m| m.body).collect()
    };
    let pinned = store.pins().list(parent).await.unwrap();
    assert_eq!(bodies(pinned), ["two", "one"]);
    delete(&store, parent, None, second.id).await.unwrap();
    assert_eq!(bodies(store.pins().list(parent).await.unwrap()), ["one"]);
    store
        .pins()
        .set(parent, None, first.id, me, false)
        .await
        .unwrap()
        .unwrap();
    assert!(store.pins().list(parent).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_draft_is_only_replaced_by_newer_text() {
    let store = fresh_store().await;
    let me = users(1)[0];
    let parent = Parent::Channel(domain::ChannelId::new());
    let draft = |body: &str, seconds: i64| Draft {
        parent_id: parent.to_string(),
        parent_type: ParentType::Channel,
        thread_root_id: None,
        body: body.into(),
        edited_at: at(seconds),
    };
    let drafts = store.drafts();
    assert!(drafts.save(me, parent, &draft("newer", 10)).await.unwrap());
    assert!(!drafts.save(me, parent, &draft("older", 5)).await.unwrap());
    assert_eq!(drafts.list(me).await.unwrap()[0].body, "newer");
    // Clearing with an older time than the stored text keeps the text.
    assert!(!drafts.clear(me, parent, None, at(9)).await.unwrap());
    assert!(drafts.clear(me, parent, None, at(11)).await.unwrap());
    assert!(drafts.list(me).await.unwrap().is_empty());
}

#[tokio::test]
async fn notification_settings_default_until_changed() {
    let store = fresh_store().await;
    let [a, b] = users(2)[..] else { unreachable!() };
    let settings = store.settings();
    assert_eq!(
        settings.notifications(a).await.unwrap(),
        NotificationSettings::default()
    );
    let quiet = NotificationSettings {
        level: NotifyLevel::Mentions,
        desktop: false,
        sound: true,
        email: false,
    };
    settings.set_notifications(a, &quiet).await.unwrap();
    let both = settings.notifications_of(&[a, b]).await.unwrap();
    assert_eq!(
        (both[&a].clone(), both[&b].clone()),
        (quiet, NotificationSettings::default())
    );
}
