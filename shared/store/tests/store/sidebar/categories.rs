//! Sidebar categories: names unique per user ignoring case (under races too), renames that move
//! the name, deletes that free it, and the order by position.

use domain::sidebar::{Category, CategoryName};
use domain::{CategoryId, Timestamp, UserId};
use futures::future::join_all;
use store::categories::Change;

use super::{create_category, name};
use crate::fresh_store;

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
