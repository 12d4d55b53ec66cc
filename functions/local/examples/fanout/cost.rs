//! Dollars per million messages into a channel, from the counts the bench measured and AWS's
//! on-demand list prices. The prices are constants here, with the date and region they were
//! read for; README "Benchmarks" says where they come from and what is left out.

use crate::ops::Cost;

/// When and where the prices below were read.
pub const PRICES_AS_OF: &str = "2026-12-04, us-east-1 (N. Virginia), on-demand list prices";

/// Lambda, arm64: per request, and per GB-second of duration.
const LAMBDA_REQUEST: f64 = 0.20 / 1e6;
const LAMBDA_GB_SECOND_ARM: f64 = 0.000_013_333_4;
/// The functions' memory (template.yaml `MemorySize: 256`).
const LAMBDA_GB: f64 = 0.25;
/// API Gateway HTTP API, per request (first 300 million a month).
const HTTP_API_REQUEST: f64 = 1.00 / 1e6;
/// API Gateway WebSocket API, per message sent or received (first billion a month; counted in
/// 32 KB steps), and per connection minute.
const WS_MESSAGE: f64 = 1.00 / 1e6;
pub const WS_CONNECTION_MINUTE: f64 = 0.25 / 1e6;
/// DynamoDB on-demand, per read and write request unit.
const READ_UNIT: f64 = 0.125 / 1e6;
const WRITE_UNIT: f64 = 0.625 / 1e6;

/// One message into a channel of `members` people, each online with one connection, in dollars.
#[derive(Debug, Clone)]
pub struct MessageCost {
    pub http_api: f64,
    pub lambda: f64,
    pub websocket: f64,
    pub dynamodb: f64,
}

impl MessageCost {
    pub fn total(&self) -> f64 {
        self.http_api + self.lambda + self.websocket + self.dynamodb
    }
}

/// `counts` is what one plain send into the channel cost in DynamoDB (measured); posts are one
/// per member (everyone online once); `seconds` is how long `rest` runs for the send (its
/// answer time) and how long the fan-out function then posts (until the last recipient), both
/// measured, with AWS-like post latency when the delay run measured this size. The fan-out runs
/// as one invocation per 500 connections, each billed for that posting time.
pub fn per_message(members: usize, counts: &Cost, seconds: Option<(f64, f64)>) -> MessageCost {
    let (read_units, write_units) = if counts.units_reported {
        (counts.read_units, counts.write_units)
    } else {
        (counts.reads as f64, counts.writes as f64)
    };
    // Lambda bills duration by the millisecond, rounded up.
    let billed = |s: f64| (s * 1000.0).ceil() / 1000.0;
    let invocations = members.div_ceil(realtime::dispatch::SHARD_TARGETS) as f64;
    let (send, fanout) = seconds.unwrap_or((0.0, 0.0));
    let duration = billed(send) + invocations * billed(fanout);
    MessageCost {
        http_api: HTTP_API_REQUEST,
        lambda: (1.0 + invocations) * LAMBDA_REQUEST + duration * LAMBDA_GB * LAMBDA_GB_SECOND_ARM,
        websocket: members as f64 * WS_MESSAGE,
        dynamodb: read_units * READ_UNIT + write_units * WRITE_UNIT,
    }
}
