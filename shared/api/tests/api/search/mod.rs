//! Search through the API: who finds what (one table, each kind of caller), what the query
//! language means, and bad queries. The index is fed here by applying every message row as a
//! stream record would (`index`); the gateway tests and the browser test feed it from DynamoDB
//! Local's real stream.

mod bad_input;
mod paging;
mod queries;
mod visibility;

use std::sync::atomic::{AtomicU64, Ordering};

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::Value;
use store::search::ItemChange;

use crate::{Person, TestApp, urlencode};

/// Stream positions, rising across calls, as a stream's would.
static SEQUENCE: AtomicU64 = AtomicU64::new(1_000_000);

/// Brings the index in line with every message row, as the stream consumer would after the
/// changes so far: each row is applied as its newest record.
pub async fn index(app: &TestApp) {
    let store = &app.state.store;
    let settings = store.workspace().settings().await.unwrap();
    let analyzer = search::Analyzer::new(settings.search_language);
    let mut start = None;
    loop {
        let page = store
            .client()
            .scan()
            .table_name(store.table())
            .set_exclusive_start_key(start)
            .consistent_read(true)
            .send()
            .await
            .unwrap();
        for row in page.items.unwrap_or_default() {
            let Some(AttributeValue::S(sk)) = row.get(store::keys::SK) else {
                continue;
            };
            if !(sk.starts_with("MSG#") || sk.starts_with("RPL#")) {
                continue;
            }
            let keys = [store::keys::PK, store::keys::SK]
                .into_iter()
                .map(|k| (k.to_string(), row[k].clone()))
                .collect();
            let change = ItemChange {
                keys,
                old: None,
                new: Some(row),
                sequence: SEQUENCE.fetch_add(1, Ordering::Relaxed).to_string(),
            };
            store
                .search_index()
                .apply(&analyzer, &change)
                .await
                .unwrap();
        }
        start = page.last_evaluated_key;
        if start.is_none() {
            break;
        }
    }
}

/// GET `/api/v1/search/{kind}?q=...&{extra}` as `who`: the status and body.
pub async fn ask(
    app: &TestApp,
    who: &Person,
    kind: &str,
    q: &str,
    extra: &str,
) -> (axum::http::StatusCode, Value) {
    let path = format!("/api/v1/search/{kind}?q={}{extra}", urlencode(q));
    app.get(&path, who).await
}

/// The bodies of the messages `who` finds with `q`, in order.
pub async fn bodies(app: &TestApp, who: &Person, q: &str) -> Vec<String> {
    let (status, page) = ask(app, who, "messages", q, "").await;
    assert_eq!(status, 200, "{q}: {page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["message"]["body"].as_str().unwrap().to_string())
        .collect()
}
