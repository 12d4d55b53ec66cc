//! DynamoDB calls as the `ops` section counts them: an interceptor on the gateway's own client
//! asks every call for `ReturnConsumedCapacity=TOTAL` and notes, of each answer, whether it was
//! a read and the capacity units it reported.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextMut,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;
use aws_sdk_dynamodb::operation::{
    batch_get_item::{BatchGetItemInput, BatchGetItemOutput},
    batch_write_item::{BatchWriteItemInput, BatchWriteItemOutput},
    delete_item::{DeleteItemInput, DeleteItemOutput},
    get_item::{GetItemInput, GetItemOutput},
    put_item::{PutItemInput, PutItemOutput},
    query::{QueryInput, QueryOutput},
    scan::{ScanInput, ScanOutput},
    transact_get_items::{TransactGetItemsInput, TransactGetItemsOutput},
    transact_write_items::{TransactWriteItemsInput, TransactWriteItemsOutput},
    update_item::{UpdateItemInput, UpdateItemOutput},
};
use aws_sdk_dynamodb::types::{ConsumedCapacity, ReturnConsumedCapacity};

/// One DynamoDB call as answered: its operation, whether it reads, and the capacity units the
/// answer reported (`None` when the server reported none).
#[derive(Debug, Clone)]
pub struct Call {
    pub read: bool,
    pub units: Option<f64>,
}

#[derive(Debug, Clone, Default)]
pub struct DynamoLedger(pub Arc<Mutex<Vec<Call>>>);

fn total(capacity: Option<&ConsumedCapacity>) -> Option<f64> {
    capacity.and_then(ConsumedCapacity::capacity_units)
}

fn sum(capacities: &[ConsumedCapacity]) -> Option<f64> {
    capacities.iter().map(|c| c.capacity_units()).sum()
}

impl Intercept for DynamoLedger {
    fn name(&self) -> &'static str {
        "bench-dynamodb-ledger"
    }

    fn modify_before_serialization(
        &self,
        context: &mut BeforeSerializationInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context.input_mut();
        let total = Some(ReturnConsumedCapacity::Total);
        if let Some(i) = input.downcast_mut::<GetItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<QueryInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<ScanInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<BatchGetItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<TransactGetItemsInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<PutItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<UpdateItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<DeleteItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<BatchWriteItemInput>() {
            i.return_consumed_capacity = total;
        } else if let Some(i) = input.downcast_mut::<TransactWriteItemsInput>() {
            i.return_consumed_capacity = total;
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Ok(output) = context.output_or_error() else {
            return Ok(());
        };
        let call = if let Some(o) = output.downcast_ref::<GetItemOutput>() {
            Call {
                read: true,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<QueryOutput>() {
            Call {
                read: true,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<ScanOutput>() {
            Call {
                read: true,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<BatchGetItemOutput>() {
            Call {
                read: true,
                units: sum(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<TransactGetItemsOutput>() {
            Call {
                read: true,
                units: sum(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<PutItemOutput>() {
            Call {
                read: false,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<UpdateItemOutput>() {
            Call {
                read: false,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<DeleteItemOutput>() {
            Call {
                read: false,
                units: total(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<BatchWriteItemOutput>() {
            Call {
                read: false,
                units: sum(o.consumed_capacity()),
            }
        } else if let Some(o) = output.downcast_ref::<TransactWriteItemsOutput>() {
            Call {
                read: false,
                units: sum(o.consumed_capacity()),
            }
        } else {
            return Ok(());
        };
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(call);
        Ok(())
    }
}
