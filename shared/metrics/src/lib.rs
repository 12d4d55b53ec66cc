//! Operational metrics, written to the log in CloudWatch's Embedded Metric Format: CloudWatch
//! turns each such line into metric values, with no API call from the function (and nothing to
//! wait for on the request path). Counters add up during an invocation and `flush` writes one
//! line at its end, only when something was counted.
//!
//! The namespace is `METRICS_NAMESPACE` (the template sets `Parley/<stack name>`, so stacks in
//! one account stay apart); each value is recorded per function and for the stack as a whole,
//! which is what the template's alarms watch. Outside Lambda (`AWS_LAMBDA_FUNCTION_NAME` unset:
//! the local gateway, tests) nothing is written.

use std::sync::atomic::{AtomicU64, Ordering};

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Messages and thread replies sent.
    MessagesSent,
    /// Events posted to a connection.
    Deliveries,
    /// Posts answered 410 Gone (the connection had closed).
    Gone,
    /// Posts answered 429 by the `@connections` API (each attempt).
    Throttles,
    /// Events given up on for a connection (the client catches up over REST).
    FanoutFailures,
    /// Redis calls that failed.
    RedisErrors,
    /// DynamoDB calls that failed.
    DynamoDbErrors,
    /// A container started (its first invocation is slower).
    ColdStarts,
}

const ALL: [Metric; 8] = [
    Metric::MessagesSent,
    Metric::Deliveries,
    Metric::Gone,
    Metric::Throttles,
    Metric::FanoutFailures,
    Metric::RedisErrors,
    Metric::DynamoDbErrors,
    Metric::ColdStarts,
];

impl Metric {
    /// Its name in CloudWatch (what the template's alarms and dashboard name).
    pub fn name(self) -> &'static str {
        match self {
            Metric::MessagesSent => "MessagesSent",
            Metric::Deliveries => "Deliveries",
            Metric::Gone => "Gone",
            Metric::Throttles => "Throttles",
            Metric::FanoutFailures => "FanoutFailures",
            Metric::RedisErrors => "RedisErrors",
            Metric::DynamoDbErrors => "DynamoDbErrors",
            Metric::ColdStarts => "ColdStarts",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

static COUNTS: [AtomicU64; ALL.len()] = [const { AtomicU64::new(0) }; ALL.len()];

/// Adds `n` to `metric` for this invocation.
pub fn count(metric: Metric, n: u64) {
    if n > 0 {
        COUNTS[metric.index()].fetch_add(n, Ordering::Relaxed);
    }
}

/// Takes what was counted since the last flush.
fn take() -> Vec<(Metric, u64)> {
    ALL.iter()
        .map(|m| (*m, COUNTS[m.index()].swap(0, Ordering::Relaxed)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Writes what was counted since the last flush as one EMF line on stdout (inside Lambda, when
/// anything was counted) and starts again from zero. Call it at the end of each invocation.
pub fn flush() {
    let counts = take();
    let Ok(function) = std::env::var("AWS_LAMBDA_FUNCTION_NAME") else {
        return;
    };
    if counts.is_empty() {
        return;
    }
    let namespace = std::env::var("METRICS_NAMESPACE").unwrap_or_else(|_| "Parley".into());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    println!("{}", line(&namespace, &function, &counts, now));
}

/// The EMF line for `counts`: each value per function and for the stack as a whole (an
/// empty dimension set).
pub fn line(
    namespace: &str,
    function: &str,
    counts: &[(Metric, u64)],
    timestamp_ms: u64,
) -> String {
    let metrics: Vec<serde_json::Value> = counts
        .iter()
        .map(|(m, _)| serde_json::json!({ "Name": m.name(), "Unit": "Count" }))
        .collect();
    let mut record = serde_json::json!({
        "_aws": {
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [{
                "Namespace": namespace,
                "Dimensions": [["Function"], []],
                "Metrics": metrics,
            }],
        },
        "Function": function,
    });
    if let Some(fields) = record.as_object_mut() {
        for (m, n) in counts {
            fields.insert(m.name().into(), (*n).into());
        }
    }
    record.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_declares_each_counted_metric_per_function_and_in_all() {
        let text = line(
            "Parley/prod",
            "parley-RestFunction-x",
            &[(Metric::MessagesSent, 3), (Metric::DynamoDbErrors, 1)],
            1_796_464_800_000,
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let directive = &value["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(value["_aws"]["Timestamp"], 1_796_464_800_000u64);
        assert_eq!(directive["Namespace"], "Parley/prod");
        assert_eq!(
            directive["Dimensions"],
            serde_json::json!([["Function"], []])
        );
        assert_eq!(
            directive["Metrics"],
            serde_json::json!([
                {"Name": "MessagesSent", "Unit": "Count"},
                {"Name": "DynamoDbErrors", "Unit": "Count"}
            ])
        );
        assert_eq!(value["Function"], "parley-RestFunction-x");
        assert_eq!(value["MessagesSent"], 3);
        assert_eq!(value["DynamoDbErrors"], 1);
    }

    #[test]
    fn counts_add_up_until_taken() {
        count(Metric::Gone, 2);
        count(Metric::Gone, 1);
        count(Metric::Throttles, 0);
        let taken = take();
        assert!(taken.contains(&(Metric::Gone, 3)), "{taken:?}");
        assert!(!taken.iter().any(|(m, _)| *m == Metric::Throttles));
        assert!(!take().iter().any(|(m, _)| *m == Metric::Gone));
    }

    #[test]
    fn every_metric_has_its_own_slot() {
        for (i, m) in ALL.iter().enumerate() {
            assert_eq!(m.index(), i, "{m:?}");
        }
    }
}
