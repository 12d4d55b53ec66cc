//! The migration runner against a real DynamoDB Local (`make test` starts it and sets
//! DYNAMODB_ENDPOINT): a fresh table per test, messages written the way the app writes them
//! (without the search index, which the stream keeps), then migration 0002 building the index.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::channel::{Channel, ChannelType};
use domain::message::MessageBody;
use domain::{ChannelId, MessageId, Parent, Timestamp, UserId};
use migrate::runner::{self, Options, Outcome};
use migrate::{catalog, export};
use store::Store;
use store::messages::{Content, NewMessage};
use store::migrations::RecordKey;
use store::schema::Ensured;
use store::search::{Terms, Window};

async fn fresh_store() -> Store {
    let endpoint = std::env::var("DYNAMODB_ENDPOINT").expect(
        "DYNAMODB_ENDPOINT is not set: run the tests with `make test`, which starts DynamoDB Local",
    );
    let table = format!("test-{}", ulid::Ulid::new().to_string().to_lowercase());
    let store = Store::connect("us-east-1", Some(&endpoint), table).await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::Created);
    store
}

/// A public channel with `count` messages saying "harbour" and their number.
async fn channel_with_messages(store: &Store, count: usize) -> Parent {
    let channel = Channel {
        id: ChannelId::new(),
        name: "ops".into(),
        slug: "ops".into(),
        description: String::new(),
        kind: ChannelType::Public,
        created_by: UserId::new(),
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    assert!(
        store
            .channels()
            .create(&channel, UserId::new())
            .await
            .unwrap()
    );
    let parent = Parent::Channel(channel.id);
    for n in 0..count {
        let message = NewMessage {
            id: MessageId::new(),
            author: UserId::new(),
            content: Content::Text(MessageBody::parse(&format!("harbour {n}")).unwrap()),
            client_nonce: None,
            mentions: Default::default(),
        };
        store
            .messages()
            .append(parent, message)
            .await
            .unwrap()
            .unwrap();
    }
    parent
}

async fn indexed(store: &Store, parent: Parent, word: &str) -> usize {
    store
        .search_index()
        .postings(parent, Terms::Exact(word), Window::default(), 100)
        .await
        .unwrap()
        .postings
        .len()
}

/// Options for small pages, so a few dozen items make several.
fn apply(pages: Option<u64>) -> Options {
    Options {
        apply: true,
        page_size: 10,
        pages,
        ..Options::default()
    }
}

#[tokio::test]
async fn a_migration_stopped_part_way_resumes_from_its_checkpoint_and_then_never_runs_again() {
    let store = fresh_store().await;
    let parent = channel_with_messages(&store, 25).await;
    assert_eq!(indexed(&store, parent, "harbour").await, 0);

    // A dry run reads everything and writes nothing, not even a checkpoint.
    let dry = runner::run_pending(
        &store,
        &Options {
            page_size: 10,
            ..Options::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(dry, Outcome::Done { .. }), "{dry:?}");
    assert!(dry.summary().contains("dry run"), "{}", dry.summary());
    assert_eq!(indexed(&store, parent, "harbour").await, 0);
    assert!(store.migrations().versions().await.unwrap().is_empty());
    let status = runner::status(&store).await.unwrap();
    assert!(
        status.contains("0002 search-index") && status.contains("pending"),
        "{status}"
    );

    // Interrupted: migration 0001 (no accounts) finishes in its one page, then 0002 stops after
    // its first.
    let stopped = runner::run_pending(&store, &apply(Some(2))).await.unwrap();
    assert!(matches!(stopped, Outcome::Stopped { .. }), "{stopped:?}");
    assert!(
        stopped.summary().contains("run the same command again"),
        "{}",
        stopped.summary()
    );
    let part = store
        .migrations()
        .get(&RecordKey::Version(2))
        .await
        .unwrap();
    assert!(!part.is_finished() && part.next.is_some(), "{part:?}");
    let first_page = indexed(&store, parent, "harbour").await;
    assert!(
        first_page > 0 && first_page < 25,
        "{first_page} indexed after one page"
    );
    let status = runner::status(&store).await.unwrap();
    assert!(status.contains("stopped part-way"), "{status}");
    assert!(
        store
            .migrations()
            .get(&RecordKey::Version(1))
            .await
            .unwrap()
            .is_finished(),
        "0001 was applied before 0002 started"
    );

    // Resumed: it goes on from the checkpoint (changing only what the first run did not) and
    // finishes; every message is then found.
    let done = runner::run_pending(&store, &apply(None)).await.unwrap();
    assert!(matches!(done, Outcome::Done { .. }), "{done:?}");
    assert_eq!(indexed(&store, parent, "harbour").await, 25);
    let record = store
        .migrations()
        .get(&RecordKey::Version(2))
        .await
        .unwrap();
    assert!(record.is_finished());
    assert_eq!(
        record.changed, 25,
        "each message indexed once across both runs: {record:?}"
    );
    assert!(runner::status(&store).await.unwrap().contains("applied"));

    // Applied: nothing pending; a message sent now is the stream's to index, not this.
    let again = runner::run_pending(&store, &apply(None)).await.unwrap();
    assert_eq!(again.summary(), "nothing to do: every migration is applied");
}

#[tokio::test]
async fn a_repeatable_task_can_restart_and_a_bad_checkpoint_says_what_to_do() {
    let store = fresh_store().await;
    let parent = channel_with_messages(&store, 12).await;
    runner::run_pending(&store, &apply(None)).await.unwrap();
    assert_eq!(indexed(&store, parent, "harbour").await, 12);

    // Re-analysing with the same language changes nothing, and ends finished.
    let outcome = runner::run_task(
        &store,
        "reindex-search",
        catalog::Work::SearchReanalyse,
        false,
        &apply(None),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, Outcome::Done { .. }), "{outcome:?}");
    let task = RecordKey::Task("reindex-search".into());
    let record = store.migrations().get(&task).await.unwrap();
    assert!(record.is_finished() && record.changed == 0, "{record:?}");

    // A checkpoint this version cannot read is refused with what to do, and --restart clears it.
    let mut broken = record.clone();
    broken.finished_at = None;
    broken.next = Some("not-a-position".into());
    store.migrations().save(&task, &broken).await.unwrap();
    let err = runner::run_task(
        &store,
        "reindex-search",
        catalog::Work::SearchReanalyse,
        false,
        &apply(None),
    )
    .await
    .unwrap_err();
    assert!(err.contains("--restart"), "{err}");
    let outcome = runner::run_task(
        &store,
        "reindex-search",
        catalog::Work::SearchReanalyse,
        true,
        &apply(None),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, Outcome::Done { .. }), "{outcome:?}");
}

#[test]
fn versions_only_grow() {
    let versions: Vec<u32> = catalog::ALL.iter().map(|m| m.version).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.first(), Some(&1));
}

/// Every item of the table, counted with a plain Scan.
async fn item_count(store: &Store) -> usize {
    let mut count = 0;
    let mut next = None;
    loop {
        let page = store
            .migrations()
            .scan_page(next.as_deref(), 1000)
            .await
            .unwrap()
            .unwrap();
        count += page.rows.len();
        next = page.next;
        if next.is_none() {
            return count;
        }
    }
}

fn check_lines(text: &str, expected: usize) {
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected);
    for line in &lines {
        assert!(line["Item"]["PK"]["S"].is_string(), "{line}");
        assert!(line["Item"]["SK"]["S"].is_string(), "{line}");
    }
    assert!(
        lines.iter().any(|l| l["Item"]["body"]["S"] == "harbour 3"),
        "a message, in DynamoDB JSON"
    );
}

#[tokio::test]
async fn export_writes_every_item_as_dynamodb_json_lines_to_a_file_and_to_s3() {
    let store = fresh_store().await;
    channel_with_messages(&store, 12).await;
    let expected = item_count(&store).await;

    let path = std::env::temp_dir().join(format!("parley-export-{}.jsonl", ulid::Ulid::new()));
    let target = export::Target::File(path.to_string_lossy().into_owned());
    let written = export::run(&store, &target, 5, None).await.unwrap();
    assert_eq!(written as usize, expected);
    check_lines(&std::fs::read_to_string(&path).unwrap(), expected);
    let _ = std::fs::remove_file(&path);

    // To S3 (ministack, the stack's stand-in), in a multipart upload.
    let endpoint = std::env::var("S3_ENDPOINT")
        .expect("S3_ENDPOINT is not set: run the tests with `make test`, which starts ministack");
    let bucket = format!("export-{}", ulid::Ulid::new().to_string().to_lowercase());
    let client = blobs::Blobs::connect(&bucket, "us-east-1", Some(&endpoint))
        .await
        .client()
        .clone();
    client.create_bucket().bucket(&bucket).send().await.unwrap();
    let target = export::Target::S3 {
        bucket: bucket.clone(),
        key: "parley/export.jsonl".into(),
    };
    let written = export::run(&store, &target, 5, Some(client.clone()))
        .await
        .unwrap();
    assert_eq!(written as usize, expected);
    let object = client
        .get_object()
        .bucket(&bucket)
        .key("parley/export.jsonl")
        .send()
        .await
        .unwrap();
    let body = object.body.collect().await.unwrap().into_bytes();
    check_lines(std::str::from_utf8(&body).unwrap(), expected);
}
