//! Queries that follow `LastEvaluatedKey`, so no list is silently cut at DynamoDB's 1 MB page.

use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;

use crate::StoreError;
use crate::items::Item;

/// Runs `query` page after page until `want` items are collected or the key range ends.
/// Returns the items and whether the range has more beyond them.
pub async fn collect(
    query: QueryFluentBuilder,
    want: usize,
) -> Result<(Vec<Item>, bool), StoreError> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = query
            .clone()
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Query", e))?;
        items.extend(out.items.unwrap_or_default());
        start = out.last_evaluated_key;
        if items.len() > want {
            items.truncate(want);
            return Ok((items, true));
        }
        if start.is_none() {
            return Ok((items, false));
        }
        if items.len() == want {
            // Exactly enough, but DynamoDB stopped at a page edge: peek whether more exist.
            let more = query
                .clone()
                .limit(1)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| StoreError::dynamo("Query", e))?;
            return Ok((items, more.count() > 0));
        }
    }
}

/// Every item of the key range.
pub async fn all(query: QueryFluentBuilder) -> Result<Vec<Item>, StoreError> {
    collect(query, usize::MAX - 1).await.map(|(items, _)| items)
}

/// How many queries one filtered page may take before handing the caller a cursor to continue.
const FILTERED_ROUNDS: usize = 10;

/// One page of at most `limit` items of a (possibly filtered) query, from `start`. Each round
/// evaluates no more items than still fit, so the last evaluated key is exactly where the next
/// page starts and no match is skipped. Returns the items and that key (`None` at the end).
pub async fn page(
    query: QueryFluentBuilder,
    limit: usize,
    mut start: Option<Item>,
) -> Result<(Vec<Item>, Option<Item>), StoreError> {
    let mut items = Vec::new();
    for _ in 0..FILTERED_ROUNDS {
        let room = limit.saturating_sub(items.len()).max(1);
        let out = query
            .clone()
            .limit(i32::try_from(room).unwrap_or(i32::MAX))
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Query", e))?;
        items.extend(out.items.unwrap_or_default());
        start = out.last_evaluated_key;
        if start.is_none() || items.len() >= limit {
            break;
        }
    }
    Ok((items, start))
}
