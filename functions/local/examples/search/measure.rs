//! What the index costs (items and write units per message, bytes per message, read from the
//! table afterwards) and what queries take (through the REST router, as a browser's request
//! would run in the rest function, against DynamoDB Local).

use std::time::Instant;

use api::AppState;

use crate::load::{World, partition};
use aws_sdk_dynamodb::types::AttributeValue;
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use domain::revocation::Grant;
use domain::user::User;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct IndexCost {
    pub items: u64,
    pub write_units: u64,
    pub bytes: u64,
}

/// DynamoDB's size of an item: attribute names and values (numbers about half their digits).
fn item_size(item: &std::collections::HashMap<String, AttributeValue>) -> u64 {
    item.iter()
        .map(|(name, value)| {
            name.len() as u64
                + match value {
                    AttributeValue::S(s) => s.len() as u64,
                    AttributeValue::N(n) => n.len() as u64 / 2 + 1,
                    AttributeValue::Ss(set) => set.iter().map(|s| s.len() as u64).sum(),
                    _ => 1,
                }
        })
        .sum()
}

/// Reads every index row of the channels' index partitions.
pub async fn index_cost(state: &AppState, world: &World) -> Result<IndexCost, String> {
    let mut cost = IndexCost {
        items: 0,
        write_units: 0,
        bytes: 0,
    };
    for channel in &world.channels {
        let pk = store::keys::search_partition(domain::Parent::Channel(*channel));
        for item in partition(state, pk, "").await? {
            let size = item_size(&item);
            cost.items += 1;
            cost.bytes += size;
            cost.write_units += size.div_ceil(1024).max(1);
        }
    }
    Ok(cost)
}

/// Milliseconds per query, and how many results the first page had.
pub struct Timed {
    pub millis: Vec<f64>,
    pub results: Vec<usize>,
    /// Queries that did not answer 200 (each printed as it happens).
    pub failed: usize,
    /// First pages that answered short of a full page with a cursor to read on (their time
    /// ran out before they found enough).
    pub cut: usize,
}

/// Results a first page asks for (the API's default).
const PAGE: usize = domain::limits::SEARCH_PAGE_DEFAULT;

pub async fn run_queries(
    state: &AppState,
    router: &Router,
    who: &User,
    queries: &[String],
) -> Result<Timed, String> {
    let (token, _) = state
        .tokens
        .issue(who, &Grant::issued_now(""))
        .map_err(|e| e.to_string())?;
    let mut timed = Timed {
        millis: Vec::new(),
        results: Vec::new(),
        failed: 0,
        cut: 0,
    };
    for q in queries {
        let uri = format!("/api/v1/search/messages?q={}", urlencode(q));
        let request = Request::get(&uri)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        let started = Instant::now();
        let response = router
            .clone()
            .oneshot(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        if millis > 300.0 {
            eprintln!("  slow: {q:?} took {millis:.0} ms");
        }
        timed.millis.push(millis);
        if !status.is_success() {
            eprintln!(
                "{q:?} answered {status}: {}",
                String::from_utf8_lossy(&bytes)
            );
            timed.failed += 1;
            continue;
        }
        let page: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        let found = page["items"].as_array().map_or(0, Vec::len);
        if found < PAGE && !page["nextCursor"].is_null() {
            timed.cut += 1;
        }
        timed.results.push(found);
    }
    Ok(timed)
}

pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
