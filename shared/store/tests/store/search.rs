//! The search index kept from changes: what each change writes, that replays and late records
//! change nothing, and that a backfill never undoes the stream.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use domain::message::{Message, MessageBody};
use domain::reactions::Emoji;
use domain::{MessageId, Parent};
use search::{Analyzer, Language};
use store::Store;
use store::search::{ItemChange, Posting, Postings, Terms, Window, terms};

use crate::{append, fresh_store, raw_item, room, text, text_by};

fn analyzer() -> Analyzer {
    Analyzer::new(Language::English)
}

/// The row of a message as the stream would carry it.
async fn row(store: &Store, parent: Parent, message: &Message) -> HashMap<String, AttributeValue> {
    let sk = store::keys::message_at(message.thread_root_id, message.id);
    raw_item(store, &store::keys::parent(parent), &sk)
        .await
        .expect("the message row")
}

fn change(
    old: Option<&HashMap<String, AttributeValue>>,
    new: Option<&HashMap<String, AttributeValue>>,
    sequence: &str,
) -> ItemChange {
    let image = old.or(new).expect("an image");
    let keys = [store::keys::PK, store::keys::SK]
        .into_iter()
        .map(|k| (k.to_string(), image[k].clone()))
        .collect();
    ItemChange {
        keys,
        old: old.cloned(),
        new: new.cloned(),
        sequence: sequence.to_string(),
    }
}

/// The messages of `parent` that have `term`, newest first.
async fn found(store: &Store, parent: Parent, term: &str) -> Vec<MessageId> {
    let Postings { postings, more } = store
        .search_index()
        .postings(parent, Terms::Exact(term), Window::default(), 50)
        .await
        .unwrap();
    assert!(!more);
    postings.into_iter().map(|p: Posting| p.id).collect()
}

#[tokio::test]
async fn a_new_message_is_found_by_its_words_author_and_files_of_none() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let author = domain::UserId::new();
    let sent = append(
        &store,
        parent,
        text_by(author, "Deploying the new cafés tonight https://x.example"),
    )
    .await;
    let new = row(&store, parent, &sent).await;
    store
        .search_index()
        .apply(&analyzer(), &change(None, Some(&new), "100"))
        .await
        .unwrap();

    // Stemmed, folded, stop words left out; pseudo-terms for the filters.
    assert_eq!(found(&store, parent, "deploy").await, vec![sent.id]);
    assert_eq!(found(&store, parent, "cafe").await, vec![sent.id]);
    assert_eq!(found(&store, parent, "the").await, Vec::<MessageId>::new());
    assert_eq!(
        found(&store, parent, &terms::from(author)).await,
        vec![sent.id]
    );
    assert_eq!(found(&store, parent, terms::HAS_LINK).await, vec![sent.id]);
    assert_eq!(found(&store, parent, terms::ALL).await, vec![sent.id]);
    assert_eq!(
        found(&store, parent, terms::HAS_FILE).await,
        Vec::<MessageId>::new()
    );
    // A prefix covers every term that starts with it, and says where the message row is.
    let prefixed = store
        .search_index()
        .postings(parent, Terms::Prefix("caf"), Window::default(), 10)
        .await
        .unwrap();
    assert_eq!(prefixed.postings.len(), 1);
    assert_eq!(prefixed.postings[0].at, store::keys::message(sent.id));
}

#[tokio::test]
async fn an_edit_moves_the_words_and_late_or_replayed_records_change_nothing() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let sent = append(&store, parent, text("budget meeting")).await;
    let v1 = row(&store, parent, &sent).await;
    let index = store.search_index();
    index
        .apply(&analyzer(), &change(None, Some(&v1), "100"))
        .await
        .unwrap();

    let body = MessageBody::parse("roadmap meeting").unwrap();
    store
        .messages()
        .edit(
            parent,
            None,
            sent.id,
            sent.author_id,
            &body,
            &Default::default(),
        )
        .await
        .unwrap()
        .unwrap();
    let v2 = row(&store, parent, &sent).await;
    let edit = change(Some(&v1), Some(&v2), "200");
    index.apply(&analyzer(), &edit).await.unwrap();
    assert_eq!(
        found(&store, parent, "budget").await,
        Vec::<MessageId>::new()
    );
    assert_eq!(found(&store, parent, "roadmap").await, vec![sent.id]);
    assert_eq!(found(&store, parent, "meet").await, vec![sent.id]);

    // The insert arrives again after the edit (a retried batch), with a shorter sequence
    // number too: it is older, so the old words stay gone.
    index
        .apply(&analyzer(), &change(None, Some(&v1), "100"))
        .await
        .unwrap();
    index
        .apply(&analyzer(), &change(None, Some(&v1), "99"))
        .await
        .unwrap();
    assert_eq!(
        found(&store, parent, "budget").await,
        Vec::<MessageId>::new()
    );
    // The edit again: the same rows.
    index.apply(&analyzer(), &edit).await.unwrap();
    assert_eq!(found(&store, parent, "roadmap").await, vec![sent.id]);
    // A newer number of more digits is newer, not smaller.
    let back = change(Some(&v2), Some(&v1), "1000");
    index.apply(&analyzer(), &back).await.unwrap();
    assert_eq!(found(&store, parent, "budget").await, vec![sent.id]);
    assert_eq!(
        found(&store, parent, "roadmap").await,
        Vec::<MessageId>::new()
    );
}

#[tokio::test]
async fn deleting_removes_every_posting_and_the_insert_cannot_bring_them_back() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let sent = append(&store, parent, text("quarterly numbers")).await;
    let v1 = row(&store, parent, &sent).await;
    let index = store.search_index();
    index
        .apply(&analyzer(), &change(None, Some(&v1), "100"))
        .await
        .unwrap();
    crate::delete(&store, parent, None, sent.id).await.unwrap();
    let v2 = row(&store, parent, &sent).await;
    index
        .apply(&analyzer(), &change(Some(&v1), Some(&v2), "200"))
        .await
        .unwrap();
    for term in ["quarter", "number", terms::ALL] {
        assert_eq!(
            found(&store, parent, term).await,
            Vec::<MessageId>::new(),
            "{term}"
        );
    }
    index
        .apply(&analyzer(), &change(None, Some(&v1), "100"))
        .await
        .unwrap();
    assert_eq!(
        found(&store, parent, "quarter").await,
        Vec::<MessageId>::new()
    );
    // What is left of the message is a document that expires.
    let doc = raw_item(
        &store,
        &store::keys::search_partition(parent),
        &store::keys::search_doc(sent.id),
    )
    .await
    .unwrap();
    assert!(doc.contains_key(store::keys::TTL));
}

#[tokio::test]
async fn a_reaction_writes_nothing_and_a_backfill_never_undoes_the_stream() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let sent = append(&store, parent, text("release notes")).await;
    let v1 = row(&store, parent, &sent).await;
    let index = store.search_index();
    // A backfill of a row nobody indexed yet writes it.
    assert!(index.backfill(&analyzer(), &v1).await.unwrap());
    assert_eq!(found(&store, parent, "releas").await, vec![sent.id]);
    // The stream's record of the same insert is newer than the backfill: it applies, and
    // writes the same rows.
    index
        .apply(&analyzer(), &change(None, Some(&v1), "100"))
        .await
        .unwrap();
    assert_eq!(found(&store, parent, "note").await, vec![sent.id]);
    // A later backfill finds the document and leaves it.
    assert!(!index.backfill(&analyzer(), &v1).await.unwrap());

    store
        .reactions()
        .add(
            parent,
            None,
            sent.id,
            &Emoji::parse("👍").unwrap(),
            domain::UserId::new(),
        )
        .await
        .unwrap()
        .unwrap();
    let v2 = row(&store, parent, &sent).await;
    assert_ne!(v1, v2);
    // Same terms: not even the document is read or written (its sequence stays 100).
    index
        .apply(&analyzer(), &change(Some(&v1), Some(&v2), "200"))
        .await
        .unwrap();
    let doc = raw_item(
        &store,
        &store::keys::search_partition(parent),
        &store::keys::search_doc(sent.id),
    )
    .await
    .unwrap();
    assert_eq!(doc["seq"], AttributeValue::S("100".into()));
    // Rows that are not messages are none of the index's business.
    let mut other = v1.clone();
    other.insert(store::keys::SK.into(), AttributeValue::S("PIN#x".into()));
    index
        .apply(&analyzer(), &change(None, Some(&other), "300"))
        .await
        .unwrap();
}

#[tokio::test]
async fn postings_page_newest_first_inside_a_window() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let index = store.search_index();
    let mut ids = Vec::new();
    for n in 0..7 {
        let sent = append(&store, parent, text(&format!("standup {n}"))).await;
        let r = row(&store, parent, &sent).await;
        index
            .apply(
                &analyzer(),
                &change(None, Some(&r), &format!("{}", 100 + n)),
            )
            .await
            .unwrap();
        ids.push(sent.id);
    }
    ids.reverse();
    let page = index
        .postings(parent, Terms::Exact("standup"), Window::default(), 3)
        .await
        .unwrap();
    assert_eq!(
        page.postings.iter().map(|p| p.id).collect::<Vec<_>>(),
        ids[..3]
    );
    assert!(page.more);
    let window = Window {
        after: Some(ids[5]),
        before: Some(ids[1]),
    };
    let page = index
        .postings(parent, Terms::Exact("standup"), window, 10)
        .await
        .unwrap();
    assert_eq!(
        page.postings.iter().map(|p| p.id).collect::<Vec<_>>(),
        ids[2..5]
    );
    assert!(!page.more);
    // Another place's index is another partition.
    let elsewhere = room(&store).await;
    assert_eq!(
        found(&store, elsewhere, "standup").await,
        Vec::<MessageId>::new()
    );
}

#[tokio::test]
async fn a_backfill_reads_message_rows_page_by_page_and_reanalyses_after_a_language_change() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let index = store.search_index();
    let mut sent = Vec::new();
    for n in 0..5 {
        sent.push(append(&store, parent, text(&format!("running meeting {n}"))).await);
    }
    // Pages of a few items each (the channel's own rows among them) until the end.
    let (mut rows, mut next, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let page = index
            .message_rows(next.as_deref(), 3)
            .await
            .unwrap()
            .unwrap();
        rows.extend(page.rows);
        pages += 1;
        next = page.next;
        if next.is_none() {
            break;
        }
    }
    assert!(pages > 2);
    assert_eq!(rows.len(), 5);
    assert!(
        index
            .message_rows(Some("not-a-cursor"), 3)
            .await
            .unwrap()
            .is_none()
    );

    // Indexed without stemming first, then again in English: `run` finds them only after.
    let plain = Analyzer::new(Language::None);
    for row in &rows {
        assert!(index.backfill(&plain, row).await.unwrap());
    }
    assert_eq!(found(&store, parent, "running").await.len(), 5);
    assert_eq!(found(&store, parent, "run").await.len(), 0);
    for row in &rows {
        assert!(index.reanalyse(&analyzer(), row).await.unwrap());
        assert!(!index.reanalyse(&analyzer(), row).await.unwrap());
    }
    assert_eq!(found(&store, parent, "run").await.len(), 5);
    assert_eq!(found(&store, parent, "running").await.len(), 0);
}
