//! Transactions whose cancellation reasons say which condition failed.

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::transact_write_items::builders::TransactWriteItemsFluentBuilder;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};

use crate::items::Item;
use crate::keys::PK;
use crate::{Store, StoreError};

/// The index of the write whose condition failed.
#[derive(Debug, PartialEq, Eq)]
pub struct Failed(pub usize);

/// A put that succeeds only when no item has its key yet.
pub fn put_new(table: &str, item: Item) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

/// How often a transaction cancelled by a concurrent one on the same items is tried again.
const CONFLICT_ATTEMPTS: u32 = 4;

/// Runs the writes as one transaction. A cancellation because another transaction was
/// touching the same items (`TransactionConflict`, which real DynamoDB reports under load) is
/// retried with backoff; a failed condition is the caller's answer.
pub async fn write(
    store: &Store,
    writes: Vec<TransactWriteItem>,
) -> Result<Result<(), Failed>, StoreError> {
    let mut attempt = 0;
    loop {
        let request: TransactWriteItemsFluentBuilder = store
            .client
            .transact_write_items()
            .set_transact_items(Some(writes.clone()));
        let err = match request.send().await {
            Ok(_) => return Ok(Ok(())),
            Err(err) => err,
        };
        if let Some(TransactWriteItemsError::TransactionCanceledException(cancel)) =
            err.as_service_error()
        {
            let reasons = cancel.cancellation_reasons();
            if let Some(index) = reasons
                .iter()
                .position(|r| r.code() == Some("ConditionalCheckFailed"))
            {
                return Ok(Err(Failed(index)));
            }
            let conflict = reasons
                .iter()
                .any(|r| r.code() == Some("TransactionConflict"));
            if conflict && attempt + 1 < CONFLICT_ATTEMPTS {
                attempt += 1;
                let jitter = u64::from(ulid::Ulid::new().random() as u8 % 20);
                tokio::time::sleep(std::time::Duration::from_millis(
                    25 * 2u64.pow(attempt) + jitter,
                ))
                .await;
                continue;
            }
            // Still contended, or throttled item by item: nothing is wrong with the request,
            // and trying again in a moment may work.
            if conflict || reasons.iter().any(|r| r.code() == Some("ThrottlingError")) {
                return Err(StoreError::Unavailable {
                    operation: "TransactWriteItems",
                    message: domain::error_chain(cancel),
                });
            }
        }
        return Err(StoreError::dynamo("TransactWriteItems", err));
    }
}
