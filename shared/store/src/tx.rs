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

/// Runs the writes as one transaction.
pub async fn write(
    store: &Store,
    writes: Vec<TransactWriteItem>,
) -> Result<Result<(), Failed>, StoreError> {
    let request: TransactWriteItemsFluentBuilder = store
        .client
        .transact_write_items()
        .set_transact_items(Some(writes));
    match request.send().await {
        Ok(_) => Ok(Ok(())),
        Err(err) => {
            if let Some(TransactWriteItemsError::TransactionCanceledException(cancel)) =
                err.as_service_error()
            {
                let failed = cancel
                    .cancellation_reasons()
                    .iter()
                    .position(|r| r.code() == Some("ConditionalCheckFailed"));
                if let Some(index) = failed {
                    return Ok(Err(Failed(index)));
                }
            }
            Err(StoreError::dynamo("TransactWriteItems", err))
        }
    }
}
