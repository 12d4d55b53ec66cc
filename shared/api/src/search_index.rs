//! The `search-index` function: reads a batch of the table's stream and keeps the search
//! index in line with it. The handler is shared with the local gateway, which reads DynamoDB
//! Local's stream and hands it the same events.

use aws_lambda_events::event::dynamodb::{Event, EventRecord};
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use search::Analyzer;
use store::Item;
use store::search::ItemChange;

use store::Store;

/// Applies the batch in order and stops at the first record that fails: Lambda then retries
/// from that record on (`ReportBatchItemFailures`), so the records of one item stay in order.
pub async fn handle(store: &Store, event: Event) -> DynamoDbEventResponse {
    let mut response = DynamoDbEventResponse::default();
    let changes = event.records.iter().filter_map(change_of);
    // The workspace's language decides the terms; read once per batch.
    let analyzer = match store.workspace().settings().await {
        Ok(settings) => Analyzer::new(settings.search_language),
        Err(e) => {
            tracing::error!(error = %e, "reading the workspace settings failed; the batch is retried");
            response
                .batch_item_failures
                .extend(changes.take(1).map(failure));
            return response;
        }
    };
    for change in changes {
        if let Err(e) = store.search_index().apply(&analyzer, &change).await {
            tracing::error!(error = %e, sequence = %change.sequence, "indexing a change failed; the batch is retried from it");
            response.batch_item_failures.push(failure(change));
            break;
        }
    }
    response
}

fn failure(change: ItemChange) -> DynamoDbBatchItemFailure {
    let mut failure = DynamoDbBatchItemFailure::default();
    failure.item_identifier = Some(change.sequence);
    failure
}

/// The change a stream record reports; `None` for a record without a sequence number, which
/// AWS never sends.
fn change_of(record: &EventRecord) -> Option<ItemChange> {
    let image = |item: &serde_dynamo::Item| -> Option<Item> {
        (!item.is_empty()).then(|| item.clone().into())
    };
    Some(ItemChange {
        keys: record.change.keys.clone().into(),
        old: image(&record.change.old_image),
        new: image(&record.change.new_image),
        sequence: record.change.sequence_number.clone()?,
    })
}

pub async fn run_lambda() -> Result<(), lambda_runtime::Error> {
    crate::telemetry::init();
    // The table is all it uses: no Redis, no token key, no management API.
    let config = secrets::config().await?;
    let store = Store::connect(
        &config.aws_region,
        config.dynamodb_endpoint.as_deref(),
        &config.dynamodb_table,
    )
    .await;
    let store = &store;
    lambda_runtime::run(lambda_runtime::service_fn(
        move |event: lambda_runtime::LambdaEvent<Event>| async move {
            let response = handle(store, event.payload).await;
            metrics::flush();
            Ok::<_, lambda_runtime::Error>(response)
        },
    ))
    .await
}
