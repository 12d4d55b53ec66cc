//! The table's stream, read as Lambda's event source mapping reads it for the search-index
//! function in AWS, and handed to the same handler (`api::search_index::handle`): the gateway's
//! stand-in for `SearchIndexFunction` and its `DynamoDB` event in template.yaml.
//!
//! A task finds the stream (DescribeTable's `LatestStreamArn`), lists its shards
//! (DescribeStream, again every few seconds and whenever a shard ends, so new shards are found)
//! and reads each one in a task of its own (`shard`), a child only once its parent is read to
//! its end, so the changes of one item stay in order. Records are converted and filtered in
//! `records`; a batch's failures are retried and dead-lettered in `batch`.
//!
//! What was handed over is told on a broadcast channel ([`TableStream::subscribe`]), so a test
//! can wait for a record to reach the handler.

mod batch;
mod empty_maps;
mod records;
mod shard;

use std::collections::HashSet;
use std::time::Duration;

use api::AppState;
use aws_sdk_dynamodbstreams::types::{Shard, StreamStatus};
use tokio::sync::broadcast;
use tokio::task::JoinSet;
use tokio::time::Instant;

use shard::ShardReader;

/// How often the stream's shards are listed again (shards roll over every few hours in AWS;
/// a closed one also makes the reader look at once).
const LIST_SHARDS_EVERY: Duration = Duration::from_secs(5);
/// How often a table without a stream is looked at again, for `migrate ensure-table` run
/// while the gateway is up.
const LOOK_FOR_STREAM_EVERY: Duration = Duration::from_secs(2);

/// A record handed to the search-index handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handed {
    pub shard: String,
    pub sequence: String,
    /// `INSERT`, `MODIFY` or `REMOVE`.
    pub event_name: String,
    pub pk: String,
    pub sk: String,
    /// The handler failed it on every try and the reader went on without it.
    pub dead_lettered: bool,
}

/// The reader started by [`spawn`]; the reading itself runs until the process (or the test's
/// runtime) ends.
#[derive(Clone)]
pub struct TableStream {
    handed: broadcast::Sender<Handed>,
}

impl TableStream {
    /// Every record handed over from now on.
    pub fn subscribe(&self) -> HandedOver {
        HandedOver(self.handed.subscribe())
    }
}

/// Records handed over since [`TableStream::subscribe`].
pub struct HandedOver(broadcast::Receiver<Handed>);

impl HandedOver {
    /// The first record handed over from here on that `wanted` accepts, waiting at most
    /// `within`.
    pub async fn until(
        &mut self,
        within: Duration,
        mut wanted: impl FnMut(&Handed) -> bool,
    ) -> Result<Handed, String> {
        let deadline = Instant::now() + within;
        loop {
            match tokio::time::timeout_at(deadline, self.0.recv()).await {
                Ok(Ok(handed)) if wanted(&handed) => return Ok(handed),
                Ok(Ok(_)) => {}
                Ok(Err(broadcast::error::RecvError::Lagged(missed))) => {
                    tracing::warn!(missed, "a listener of the table stream fell behind");
                }
                Ok(Err(broadcast::error::RecvError::Closed)) => {
                    return Err("the table stream reader has stopped".into());
                }
                Err(_) => {
                    return Err(format!(
                        "no such record was handed to the search-index handler within {within:?}"
                    ));
                }
            }
        }
    }
}

/// Why a shard reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// The shard is closed and every record in it was read.
    Closed,
    /// The stream no longer exists (its table was deleted).
    StreamGone,
    /// The reader panicked (a bug), and was logged.
    Crashed,
}

/// What listing the stream's shards found.
enum Listed {
    Shards(Option<StreamStatus>, Vec<Shard>),
    /// The stream no longer exists.
    Gone,
    /// A failure that may pass; logged.
    Failed,
}

/// Starts reading the stream of `app`'s table in the background, handing its message rows to
/// the search-index handler with `app`.
pub fn spawn(app: AppState) -> TableStream {
    // Enough for a burst of writes while a test is slow to read.
    let (handed, _) = broadcast::channel(4096);
    let reader = Reader {
        app,
        handed: handed.clone(),
    };
    tokio::spawn(reader.run());
    TableStream { handed }
}

struct Reader {
    app: AppState,
    handed: broadcast::Sender<Handed>,
}

impl Reader {
    async fn run(self) {
        // Clients of their own: the state's may count their calls (the cost tests), and what
        // Lambda's poller does is not the app's cost.
        let config = &self.app.config;
        let sdk = aws::sdk_config(
            &config.aws_region,
            domain::limits::DYNAMODB_TIMEOUTS,
            config.dynamodb_endpoint.as_deref(),
        )
        .await;
        let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
        let mut streams_config = aws_sdk_dynamodbstreams::config::Builder::from(&sdk);
        if let Some(http) = sdk
            .http_client()
            .filter(|_| config.dynamodb_endpoint.is_some())
        {
            streams_config = streams_config.http_client(empty_maps::repairing(http));
        }
        let streams = aws_sdk_dynamodbstreams::Client::from_conf(streams_config.build());
        loop {
            let arn = self.find_stream(&dynamodb).await;
            self.follow(&streams, &arn).await;
        }
    }

    /// The table's stream, once it has one; says once why it waits.
    async fn find_stream(&self, dynamodb: &aws_sdk_dynamodb::Client) -> String {
        let table = self.app.store.table();
        let mut warned = false;
        loop {
            match dynamodb.describe_table().table_name(table).send().await {
                Ok(out) => {
                    let table_desc = out.table();
                    let enabled = table_desc
                        .and_then(|t| t.stream_specification())
                        .is_some_and(|spec| spec.stream_enabled());
                    if let Some(arn) = table_desc
                        .and_then(|t| t.latest_stream_arn())
                        .filter(|_| enabled)
                    {
                        return arn.to_string();
                    }
                    if !warned {
                        tracing::warn!(
                            table,
                            "the table has no stream, so the search index is not kept: run `migrate ensure-table` (make dev does) to turn it on"
                        );
                    }
                }
                Err(e) => {
                    if !warned {
                        tracing::warn!(table, error = %domain::error_chain(&e), "cannot find the table's stream yet (run `migrate ensure-table` if the table is missing); looking again every few seconds");
                    }
                }
            }
            warned = true;
            tokio::time::sleep(LOOK_FOR_STREAM_EVERY).await;
        }
    }

    /// Reads every shard of the stream `arn` until the stream is gone, or disabled and read
    /// to its end.
    async fn follow(&self, streams: &aws_sdk_dynamodbstreams::Client, arn: &str) {
        let mut readers = JoinSet::new();
        let mut started = HashSet::new();
        let mut finished = HashSet::new();
        let mut announced = false;
        loop {
            match list_shards(streams, arn).await {
                Listed::Shards(status, shards) => {
                    if !announced {
                        tracing::info!(
                            stream = arn,
                            shards = shards.len(),
                            "reading the table's stream for the search index"
                        );
                        announced = true;
                    }
                    for shard in &shards {
                        let Some(id) = shard.shard_id() else { continue };
                        if started.contains(id) || parent_unread(shard, &shards, &finished) {
                            continue;
                        }
                        started.insert(id.to_string());
                        readers.spawn(self.shard_reader(streams, arn, id).read());
                    }
                    if status == Some(StreamStatus::Disabled) && readers.is_empty() {
                        tracing::warn!(
                            stream = arn,
                            "the table's stream was turned off; the search index is no longer kept"
                        );
                        return;
                    }
                }
                Listed::Gone => {
                    tracing::warn!(
                        stream = arn,
                        "the table's stream is gone; looking for the table's stream again"
                    );
                    return;
                }
                // Logged; the next round tries again.
                Listed::Failed => {}
            }
            tokio::select! {
                () = tokio::time::sleep(LIST_SHARDS_EVERY) => {}
                Some(Ok((id, ended))) = readers.join_next() => match ended {
                    Ended::Closed => {
                        tracing::debug!(shard = %id, "a shard of the table's stream was read to its end");
                        finished.insert(id);
                    }
                    Ended::StreamGone => {
                        tracing::warn!(stream = arn, "the table's stream is gone; looking for the table's stream again");
                        return;
                    }
                    // Read again from its oldest record at the next round (indexing is
                    // idempotent).
                    Ended::Crashed => {
                        started.remove(&id);
                    }
                },
            }
        }
    }

    fn shard_reader(
        &self,
        streams: &aws_sdk_dynamodbstreams::Client,
        arn: &str,
        shard: &str,
    ) -> ShardReader {
        ShardReader {
            app: self.app.clone(),
            streams: streams.clone(),
            stream_arn: arn.to_string(),
            shard_id: shard.to_string(),
            handed: self.handed.clone(),
        }
    }
}

/// Whether `shard` must wait for its parent: the parent is still listed and not read to its end.
fn parent_unread(shard: &Shard, shards: &[Shard], finished: &HashSet<String>) -> bool {
    shard.parent_shard_id().is_some_and(|parent| {
        !finished.contains(parent) && shards.iter().any(|s| s.shard_id() == Some(parent))
    })
}

/// The stream's status and every shard it lists (DescribeStream, page by page).
async fn list_shards(streams: &aws_sdk_dynamodbstreams::Client, arn: &str) -> Listed {
    let mut shards = Vec::new();
    let mut status = None;
    let mut after: Option<String> = None;
    loop {
        let out = streams
            .describe_stream()
            .stream_arn(arn)
            .set_exclusive_start_shard_id(after.take())
            .send()
            .await;
        let description = match out {
            Ok(out) => out.stream_description,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_not_found_exception()) =>
            {
                return Listed::Gone;
            }
            Err(e) => {
                tracing::warn!(stream = arn, error = %domain::error_chain(&e), "listing the stream's shards failed; trying again");
                return Listed::Failed;
            }
        };
        let Some(description) = description else {
            return Listed::Shards(status, shards);
        };
        status = description.stream_status;
        after = description.last_evaluated_shard_id;
        shards.extend(description.shards.unwrap_or_default());
        if after.is_none() {
            return Listed::Shards(status, shards);
        }
    }
}
