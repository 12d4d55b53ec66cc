//! Conversations: get-or-create by participant set, kinds and names, and the set lock moving
//! as groups gain and lose people.

use domain::channel::ChannelRole;
use domain::conversation::{Conversation, ConversationKind, Participants};
use domain::{Parent, ParentType, UserId};
use futures::future::join_all;
use store::Store;

use crate::{fresh_store, sorted, users};

/// A conversation's people in id order (the table keeps them as a set, in no order).
fn people_of(conversation: &Conversation) -> Vec<UserId> {
    sorted(conversation.participant_ids.clone())
}

fn set(caller: UserId, others: &[UserId]) -> Participants {
    Participants::parse(caller, others).unwrap()
}

async fn open(store: &Store, people: &Participants, creator: UserId) -> (Conversation, bool) {
    store
        .conversations()
        .open(people, creator, None)
        .await
        .unwrap()
}

/// Both membership rows of `user` in `conversation`, as (parent-side role, user-side row exists).
async fn rows_of(
    store: &Store,
    conversation: &Conversation,
    user: UserId,
) -> (Option<ChannelRole>, bool) {
    let parent = Parent::Conversation(conversation.id);
    (
        store.memberships().role_of(parent, user).await.unwrap(),
        store
            .memberships()
            .get(parent, user)
            .await
            .unwrap()
            .is_some(),
    )
}

#[tokio::test]
async fn the_same_people_always_land_in_the_same_conversation() {
    let store = fresh_store().await;
    let [a, b, c] = users(3)[..] else {
        unreachable!()
    };
    let (group, made) = store
        .conversations()
        .open(&set(a, &[b, c]), a, Some("Launch".into()))
        .await
        .unwrap();
    assert!(made);
    assert_eq!(people_of(&group), sorted(vec![a, b, c]));
    assert_eq!(group.created_by, a);

    // Any order, any caller of the set, any name: the same conversation, not made again.
    for (caller, others) in [(c, vec![a, b]), (b, vec![c, a, c]), (a, vec![c, b, a])] {
        let (again, made) = store
            .conversations()
            .open(&set(caller, &others), caller, Some("Other".into()))
            .await
            .unwrap();
        assert!(!made);
        assert_eq!(again.id, group.id);
        assert_eq!(again.name.as_deref(), Some("Launch"));
        assert_eq!(again.created_by, a);
        assert_eq!(people_of(&again), people_of(&group));
    }
    // Each participant has one row for it, on both sides.
    for person in [a, b, c] {
        assert_eq!(
            rows_of(&store, &group, person).await,
            (Some(ChannelRole::Member), true)
        );
        let mine = store
            .memberships()
            .for_user(person, ParentType::Conversation)
            .await
            .unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].parent_id, group.id.to_string());
    }
    // A subset is other people: another conversation.
    let (pair, made) = open(&store, &set(a, &[b]), a).await;
    assert!(made);
    assert_ne!(pair.id, group.id);
}

#[tokio::test]
async fn ten_simultaneous_opens_of_a_new_set_make_one_conversation() {
    let store = fresh_store().await;
    let (a, b) = (UserId::new(), UserId::new());
    let store = &store;
    let opened: Vec<(Conversation, bool)> = join_all((0..10).map(|i| {
        let (caller, other) = if i % 2 == 0 { (a, b) } else { (b, a) };
        let people = set(caller, &[other]);
        async move { store.conversations().open(&people, caller, None).await }
    }))
    .await
    .into_iter()
    .map(Result::unwrap)
    .collect();
    assert_eq!(
        opened.iter().filter(|(_, made)| *made).count(),
        1,
        "{opened:?}"
    );
    let id = opened[0].0.id;
    assert!(opened.iter().all(|(c, _)| c.id == id), "{opened:?}");

    // Nothing of the losing attempts is left: one row each, two members.
    for person in [a, b] {
        let mine = store
            .memberships()
            .for_user(person, ParentType::Conversation)
            .await
            .unwrap();
        assert_eq!(
            mine.iter().map(|m| m.parent_id.clone()).collect::<Vec<_>>(),
            vec![id.to_string()]
        );
    }
    assert_eq!(
        sorted(
            store
                .memberships()
                .member_ids(Parent::Conversation(id))
                .await
                .unwrap()
        ),
        sorted(vec![a, b])
    );
}

#[tokio::test]
async fn the_kind_follows_the_head_count_and_only_groups_keep_a_name() {
    let store = fresh_store().await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };
    let name = || Some("Named".to_string());
    let conversations = store.conversations();

    let (notes, _) = conversations.open(&set(a, &[]), a, name()).await.unwrap();
    let (direct, _) = conversations.open(&set(a, &[b]), a, name()).await.unwrap();
    let (group, _) = conversations
        .open(&set(a, &[b, c]), a, name())
        .await
        .unwrap();
    let (bigger, _) = conversations
        .open(&set(a, &[b, c, d]), a, None)
        .await
        .unwrap();

    let expected = [
        (&notes, ConversationKind::Notes, vec![a], None),
        (&direct, ConversationKind::Direct, sorted(vec![a, b]), None),
        (
            &group,
            ConversationKind::Group,
            sorted(vec![a, b, c]),
            Some("Named"),
        ),
        (
            &bigger,
            ConversationKind::Group,
            sorted(vec![a, b, c, d]),
            None,
        ),
    ];
    for (opened, kind, people, name) in expected {
        let stored = conversations.get(opened.id).await.unwrap().unwrap();
        for conversation in [opened, &stored] {
            assert_eq!(conversation.kind, kind);
            assert_eq!(people_of(conversation), people);
            assert_eq!(conversation.name.as_deref(), name, "{kind:?}");
        }
    }
    // Notes to self, listing yourself or not, are one conversation.
    let (same_notes, made) = conversations.open(&set(a, &[a]), a, None).await.unwrap();
    assert_eq!((same_notes.id, made), (notes.id, false));
    let (their_notes, made) = conversations.open(&set(b, &[]), b, None).await.unwrap();
    assert!(made);
    assert_ne!(their_notes.id, notes.id);
}

#[tokio::test]
async fn adding_people_moves_the_group_to_its_new_set() {
    let store = fresh_store().await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };
    let (group, _) = open(&store, &set(a, &[b, c]), a).await;

    let grown = store
        .conversations()
        .add(&group, &[d])
        .await
        .unwrap()
        .expect("adding to an unchanged group");
    assert_eq!(grown.id, group.id);
    assert_eq!(people_of(&grown), sorted(vec![a, b, c, d]));
    assert_eq!(
        rows_of(&store, &grown, d).await,
        (Some(ChannelRole::Member), true)
    );

    // The new set finds the group; the old set is free for a new group.
    let (found, made) = open(&store, &set(d, &[a, b, c]), d).await;
    assert_eq!((found.id, made), (group.id, false));
    let (fresh, made) = open(&store, &set(a, &[b, c]), a).await;
    assert!(made);
    assert_ne!(fresh.id, group.id);
    assert_eq!(people_of(&fresh), sorted(vec![a, b, c]));

    // Adding someone who is already there (a copy read before they came) changes nothing.
    assert_eq!(store.conversations().add(&group, &[d]).await.unwrap(), None);
    let stored = store.conversations().get(group.id).await.unwrap().unwrap();
    assert_eq!(people_of(&stored), sorted(vec![a, b, c, d]));
}

#[tokio::test]
async fn leaving_removes_the_person_and_their_rows() {
    let store = fresh_store().await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };
    let (group, _) = open(&store, &set(a, &[b, c, d]), a).await;

    let left = store
        .conversations()
        .leave(&group, d)
        .await
        .unwrap()
        .expect("leaving an unchanged group");
    assert_eq!(people_of(&left), sorted(vec![a, b, c]));
    assert_eq!(
        people_of(&store.conversations().get(group.id).await.unwrap().unwrap()),
        sorted(vec![a, b, c])
    );
    assert_eq!(rows_of(&store, &group, d).await, (None, false));
    assert!(
        store
            .memberships()
            .for_user(d, ParentType::Conversation)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        sorted(
            store
                .memberships()
                .member_ids(Parent::Conversation(group.id))
                .await
                .unwrap()
        ),
        sorted(vec![a, b, c])
    );

    // The group now answers for the smaller set, and the old set makes a new group.
    let (found, made) = open(&store, &set(b, &[a, c]), b).await;
    assert_eq!((found.id, made), (group.id, false));
    let (fresh, made) = open(&store, &set(d, &[a, b, c]), d).await;
    assert!(made);
    assert_ne!(fresh.id, group.id);

    // Someone who is no longer in it cannot leave it again (from a copy read before they left).
    assert_eq!(store.conversations().leave(&group, d).await.unwrap(), None);
    assert_eq!(
        people_of(&store.conversations().get(group.id).await.unwrap().unwrap()),
        sorted(vec![a, b, c])
    );
}

#[tokio::test]
async fn a_group_never_takes_the_set_of_another_group() {
    let store = fresh_store().await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };

    // Shrinking onto an existing group's set.
    let (small, _) = open(&store, &set(a, &[b, c]), a).await;
    let (large, _) = open(&store, &set(a, &[b, c, d]), a).await;
    let shrunk = store
        .conversations()
        .leave(&large, d)
        .await
        .unwrap()
        .expect("the leave itself goes through");
    assert_eq!(people_of(&shrunk), sorted(vec![a, b, c]));
    let (found, made) = open(&store, &set(a, &[b, c]), a).await;
    assert_eq!(
        (found.id, made),
        (small.id, false),
        "the set lock was stolen"
    );

    // Growing onto an existing group's set.
    let [e, f, g, h] = users(4)[..] else {
        unreachable!()
    };
    let (small, _) = open(&store, &set(e, &[f, g]), e).await;
    let (large, _) = open(&store, &set(e, &[f, g, h]), e).await;
    let grown = store
        .conversations()
        .add(&small, &[h])
        .await
        .unwrap()
        .expect("the add itself goes through");
    assert_eq!(people_of(&grown), sorted(vec![e, f, g, h]));
    let (found, made) = open(&store, &set(h, &[e, f, g]), h).await;
    assert_eq!(
        (found.id, made),
        (large.id, false),
        "the set lock was stolen"
    );
}

#[tokio::test]

async fn a_change_from_a_stale_copy_of_a_group_is_refused() {
    let store = fresh_store().await;
    let [a, b, c, d, e] = users(5)[..] else {
        unreachable!()
    };
    let (group, _) = open(&store, &set(a, &[b, c]), a).await;
    let stale = group.clone();
    // Someone adds d...
    store
        .conversations()
        .add(&group, &[d])
        .await
        .unwrap()
        .expect("the first add");
    // ...while someone else, who read the group before that, adds e: the store promises
    // `None` ("someone else changed the group meanwhile"), so the API answers 409.
    let second = store.conversations().add(&stale, &[e]).await.unwrap();
    // And the set {a, b, c, d} must still lead to a conversation of exactly those people.
    let (found, _) = open(&store, &set(a, &[b, c, d]), a).await;
    assert_eq!(
        (second.as_ref().map(people_of), people_of(&found)),
        (None, sorted(vec![a, b, c, d])),
        "a change from a stale copy went through, and the set lock now leads elsewhere"
    );
}

#[tokio::test]

async fn a_change_that_leaves_the_set_as_it_was_is_an_answer_not_an_error() {
    let store = fresh_store().await;
    let [a, b, c, d] = users(4)[..] else {
        unreachable!()
    };
    let (group, _) = open(&store, &set(a, &[b, c]), a).await;
    // Adding someone the copy already lists, or taking out someone it does not list: the set
    // lock to release and the one to claim are the same item.
    let added = store.conversations().add(&group, &[b]).await;
    assert!(
        matches!(added, Ok(None)),
        "add of a listed participant: {added:?}"
    );
    let left = store.conversations().leave(&group, d).await;
    assert!(
        matches!(left, Ok(None)),
        "leave of an unlisted person: {left:?}"
    );
    let (found, made) = open(&store, &set(a, &[b, c]), a).await;
    assert_eq!((found.id, made), (group.id, false));
}
