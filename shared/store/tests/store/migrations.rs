use store::migrations::{Checkpoint, RecordKey};

use crate::fresh_store;

#[tokio::test]
async fn migration_records_are_kept_by_version_and_tasks_apart() {
    let store = fresh_store().await;
    let migrations = store.migrations();
    assert!(migrations.versions().await.unwrap().is_empty());
    assert_eq!(
        migrations.get(&RecordKey::Version(1)).await.unwrap(),
        Checkpoint::default()
    );

    let running = Checkpoint {
        next: Some("abc".into()),
        scanned: 10,
        changed: 4,
        started_at: Some(crate::at(100)),
        finished_at: None,
    };
    let done = Checkpoint {
        next: None,
        scanned: 30,
        changed: 30,
        started_at: Some(crate::at(10)),
        finished_at: Some(crate::at(20)),
    };
    // Saved out of order, with a task beside them.
    migrations
        .save(&RecordKey::Version(12), &running)
        .await
        .unwrap();
    migrations
        .save(&RecordKey::Version(2), &done)
        .await
        .unwrap();
    let task = RecordKey::Task("search-reanalyse".into());
    migrations.save(&task, &running).await.unwrap();

    assert_eq!(
        migrations.versions().await.unwrap(),
        vec![(2, done.clone()), (12, running.clone())]
    );
    assert!(done.is_finished() && !running.is_finished());
    assert_eq!(migrations.get(&task).await.unwrap(), running);
    assert!(migrations.approximate_items().await.unwrap() >= 3);
}
