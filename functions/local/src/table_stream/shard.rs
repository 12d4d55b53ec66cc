//! Reading one shard of the table's stream from its oldest record to its end, as Lambda's
//! event source mapping does (`StartingPosition: TRIM_HORIZON`, `BatchSize: 100`): GetRecords
//! about every 250 ms while it is idle, the records the filter lets through handed to the
//! search-index handler (`batch`), and a fresh iterator after the last record read when one
//! expires.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use api::AppState;
use aws_lambda_events::event::dynamodb::{Event, EventRecord};
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use aws_sdk_dynamodbstreams::Client;
use aws_sdk_dynamodbstreams::types::ShardIteratorType;
use futures::FutureExt;
use tokio::sync::broadcast;

use super::batch::{self, Outcome};
use super::records;
use super::{Ended, Handed};

/// Records a GetRecords call asks for: the template's `BatchSize`.
const BATCH_SIZE: i32 = 100;
/// The pause between two GetRecords calls that found nothing.
const IDLE: Duration = Duration::from_millis(250);
/// The pause after a call failed for a reason that may pass (DynamoDB Local restarting); it
/// doubles while the failures go on, up to `LONGEST_PAUSE`, so one that does not pass is not
/// logged every second.
const AFTER_ERROR: Duration = Duration::from_secs(1);
const LONGEST_PAUSE: Duration = Duration::from_secs(30);

pub struct ShardReader {
    pub app: AppState,
    pub streams: Client,
    pub stream_arn: String,
    pub shard_id: String,
    pub handed: broadcast::Sender<Handed>,
}

impl ShardReader {
    /// Reads the shard until it is closed and read to its end, or the stream is gone.
    pub async fn read(self) -> (String, Ended) {
        let ended = match AssertUnwindSafe(self.read_to_end()).catch_unwind().await {
            Ok(ended) => ended,
            Err(_) => {
                tracing::error!(shard = %self.shard_id, "the reader of a shard of the table's stream panicked; it starts again");
                // Not at once: a panic that comes back would spin.
                tokio::time::sleep(LONGEST_PAUSE).await;
                Ended::Crashed
            }
        };
        (self.shard_id, ended)
    }

    async fn read_to_end(&self) -> Ended {
        // The last record read (handed over or filtered out): where a fresh iterator starts.
        let mut last: Option<String> = None;
        let mut iterator: Option<String> = None;
        let mut pause = AFTER_ERROR;
        loop {
            let current = match iterator.take() {
                Some(current) => current,
                None => match self.iterator(last.as_deref()).await {
                    Ok(fresh) => fresh,
                    Err(ended) => return ended,
                },
            };
            let out = match self
                .streams
                .get_records()
                .shard_iterator(&current)
                .limit(BATCH_SIZE)
                .send()
                .await
            {
                Ok(out) => out,
                Err(e) => {
                    let service = e.as_service_error();
                    if service.is_some_and(|s| s.is_expired_iterator_exception()) {
                        tracing::debug!(shard = %self.shard_id, "shard iterator expired; getting a fresh one");
                    } else if service.is_some_and(|s| s.is_trimmed_data_access_exception()) {
                        tracing::warn!(shard = %self.shard_id, "records were trimmed from the stream before they were read; reading on from the oldest left");
                        last = None;
                    } else if service.is_some_and(|s| s.is_resource_not_found_exception()) {
                        return Ended::StreamGone;
                    } else {
                        tracing::warn!(shard = %self.shard_id, error = %domain::error_chain(&e), "reading the table's stream failed; trying again");
                        iterator = Some(current);
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(LONGEST_PAUSE);
                    }
                    continue;
                }
            };
            pause = AFTER_ERROR;
            let read = out.records();
            if let Some(seq) = read
                .last()
                .and_then(|r| r.dynamodb())
                .and_then(|r| r.sequence_number())
            {
                last = Some(seq.to_string());
            }
            let wanted: Vec<EventRecord> = read
                .iter()
                .filter(|r| records::wanted(r))
                .filter_map(|r| self.event_record(r))
                .collect();
            if !wanted.is_empty() {
                self.deliver(wanted).await;
            }
            match out.next_shard_iterator() {
                Some(next) => iterator = Some(next.to_string()),
                None => return Ended::Closed,
            }
            if read.is_empty() {
                tokio::time::sleep(IDLE).await;
            }
        }
    }

    /// An iterator at the oldest record, or just after `last`; errors that may pass are tried
    /// again here.
    async fn iterator(&self, last: Option<&str>) -> Result<String, Ended> {
        let mut pause = AFTER_ERROR;
        loop {
            let mut request = self
                .streams
                .get_shard_iterator()
                .stream_arn(&self.stream_arn)
                .shard_id(&self.shard_id);
            request = match last {
                Some(seq) => request
                    .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
                    .sequence_number(seq),
                None => request.shard_iterator_type(ShardIteratorType::TrimHorizon),
            };
            match request.send().await {
                Ok(out) => match out.shard_iterator() {
                    Some(iterator) => return Ok(iterator.to_string()),
                    // No iterator: the shard is closed and nothing is left after `last`.
                    None => return Err(Ended::Closed),
                },
                Err(e)
                    if e.as_service_error()
                        .is_some_and(|s| s.is_resource_not_found_exception()) =>
                {
                    return Err(Ended::StreamGone);
                }
                Err(e) => {
                    tracing::warn!(shard = %self.shard_id, error = %domain::error_chain(&e), "getting a shard iterator failed; trying again");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(LONGEST_PAUSE);
                }
            }
        }
    }

    fn event_record(&self, record: &aws_sdk_dynamodbstreams::types::Record) -> Option<EventRecord> {
        let converted =
            records::event_record(record, &self.stream_arn, &self.app.config.aws_region);
        if converted.is_none() {
            tracing::error!(shard = %self.shard_id, ?record, "search-index dead-letter queue: a stream record Lambda's event cannot carry; skipped");
        }
        converted
    }

    async fn deliver(&self, wanted: Vec<EventRecord>) {
        let app = &self.app;
        batch::deliver(
            wanted,
            batch::RETRIES,
            |event| handle(app, event),
            |record, outcome| {
                // Nobody listening (no test waiting) is fine.
                let _ = self.handed.send(Handed {
                    shard: self.shard_id.clone(),
                    sequence: record.change.sequence_number.clone().unwrap_or_default(),
                    event_name: record.event_name.clone(),
                    pk: records::string_of(&record.change.keys, store::keys::PK),
                    sk: records::string_of(&record.change.keys, store::keys::SK),
                    dead_lettered: outcome == Outcome::DeadLettered,
                });
            },
        )
        .await;
    }
}

/// The search-index handler; a panic fails the whole batch, as a crash of the function does
/// in Lambda, instead of ending the reader.
async fn handle(app: &AppState, event: Event) -> DynamoDbEventResponse {
    let first = event
        .records
        .first()
        .and_then(|r| r.change.sequence_number.clone());
    match AssertUnwindSafe(api::search_index::handle(&app.store, event))
        .catch_unwind()
        .await
    {
        Ok(response) => response,
        Err(_) => {
            tracing::error!("the search-index handler panicked; the batch is tried again");
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = first;
            let mut response = DynamoDbEventResponse::default();
            response.batch_item_failures.push(failure);
            response
        }
    }
}
