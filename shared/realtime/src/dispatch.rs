//! Handing delivery to the fan-out function, so whoever caused an event (a send, an edit)
//! answers as soon as it is stored and numbered instead of after the last post.
//!
//! The caller numbers the event on every target connection (one Redis round trip, so numbers
//! follow the order events happened in) and invokes the fan-out function asynchronously
//! (`InvocationType: Event`) with the frame and the targets, in shards of at most
//! `SHARD_TARGETS` so no invocation posts more than it can well within its time. Locally the
//! gateway serves the same Lambda Invoke API and runs the same handler.

use std::sync::Arc;

use aws_sdk_lambda::Client;
use aws_sdk_lambda::types::InvocationType;
use aws_smithy_types::Blob;
use futures::StreamExt;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::connections::Target;

/// Targets per fan-out invocation. At API Gateway's post latency (a few ms each, 64 at a
/// time) this is a fraction of a second of posting, and the payload (frame plus ~70 bytes a
/// target) stays far below the 256 KB an asynchronous invocation may carry.
pub const SHARD_TARGETS: usize = 500;

/// Invocations sent at once for one event.
const CONCURRENT_INVOKES: usize = 8;

/// One event for some of its connections: what a fan-out invocation posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    /// The event's kind, for logs.
    pub kind: String,
    /// The serialised event, as every connection gets it but for its `seq`.
    pub frame: String,
    pub targets: Vec<Target>,
}

/// Something that takes delivery off the caller's hands, answering the targets it could not
/// take. Fan-out holds it as a trait object that only the REST API builds, so the functions
/// that never hand over (the WebSocket ones, the fan-out function itself) do not link the
/// Lambda client.
pub trait HandOver: Send + Sync {
    fn hand_over<'a>(
        &'a self,
        kind: &'a str,
        frame: &'a str,
        targets: Vec<Target>,
    ) -> BoxFuture<'a, Vec<Target>>;
}

/// The Lambda client that invokes the fan-out function.
#[derive(Clone)]
pub struct Dispatch {
    client: Client,
    function: Arc<str>,
}

impl Dispatch {
    /// A client for `function` (name or ARN); `endpoint` overrides the Lambda API's URL (the
    /// local gateway). Calls are bounded by `domain::limits::LAMBDA_INVOKE_TIMEOUTS`.
    pub async fn new(region: &str, function: &str, endpoint: Option<&str>) -> Self {
        let sdk = aws::sdk_config(region, domain::limits::LAMBDA_INVOKE_TIMEOUTS, endpoint).await;
        let config = aws_sdk_lambda::config::Builder::from(&sdk);
        Self {
            client: Client::from_conf(config.build()),
            function: Arc::from(function),
        }
    }

    /// Invokes the fan-out function for `targets`, shard by shard. Answers the targets whose
    /// shard could not be handed over (the caller posts those itself).
    async fn invoke_all(&self, kind: &str, frame: &str, targets: Vec<Target>) -> Vec<Target> {
        let shards: Vec<Job> = targets
            .chunks(SHARD_TARGETS)
            .map(|shard| Job {
                kind: kind.to_string(),
                frame: frame.to_string(),
                targets: shard.to_vec(),
            })
            .collect();
        let refused: Vec<Vec<Target>> = futures::stream::iter(shards)
            .map(|job| async move {
                match self.invoke(&job).await {
                    Ok(()) => Vec::new(),
                    Err(e) => {
                        tracing::warn!(
                            function = %self.function,
                            targets = job.targets.len(),
                            error = %e,
                            "could not hand fan-out over; posting it here"
                        );
                        job.targets
                    }
                }
            })
            .buffer_unordered(CONCURRENT_INVOKES)
            .collect()
            .await;
        refused.into_iter().flatten().collect()
    }

    async fn invoke(&self, job: &Job) -> Result<(), String> {
        let payload = serde_json::to_vec(job).map_err(|e| e.to_string())?;
        self.client
            .invoke()
            .function_name(&*self.function)
            .invocation_type(InvocationType::Event)
            .payload(Blob::new(payload))
            .send()
            .await
            .map_err(|e| domain::error_chain(&e))?;
        Ok(())
    }
}

impl HandOver for Dispatch {
    fn hand_over<'a>(
        &'a self,
        kind: &'a str,
        frame: &'a str,
        targets: Vec<Target>,
    ) -> BoxFuture<'a, Vec<Target>> {
        Box::pin(self.invoke_all(kind, frame, targets))
    }
}
