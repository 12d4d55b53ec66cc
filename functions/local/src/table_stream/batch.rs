//! Handing a batch of one shard's records to the function, as Lambda's event source mapping
//! does with `ReportBatchItemFailures`: a reported failure is tried again from that record on
//! (the records before it are done), after a pause; a record that still fails after the
//! template's `MaximumRetryAttempts` goes to the dead-letter queue (here, an error in the log)
//! and the records after it go on.

use std::future::Future;
use std::time::Duration;

use aws_lambda_events::event::dynamodb::{Event, EventRecord};
use aws_lambda_events::event::streams::DynamoDbEventResponse;

/// How a failing record is tried again.
#[derive(Debug, Clone, Copy)]
pub struct Retries {
    /// Tries after the first, as the template's `MaximumRetryAttempts`.
    pub max: u32,
    /// The pause before the first retry; it doubles each time, up to `longest`.
    pub first: Duration,
    pub longest: Duration,
}

/// The template's `MaximumRetryAttempts: 5`, with pauses that give a passing fault (DynamoDB
/// throttling, a restart) a few seconds in all.
pub const RETRIES: Retries = Retries {
    max: 5,
    first: Duration::from_millis(200),
    longest: Duration::from_secs(2),
};

impl Retries {
    fn pause(&self, retry: u32) -> Duration {
        let doubled = self
            .first
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        doubled.min(self.longest)
    }
}

/// What became of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The function took it (it was in a batch that did not fail at or before it).
    Handled,
    /// It failed `1 + max` times and was logged as dead-lettered.
    DeadLettered,
}

/// Hands `records` (one shard's, in stream order) to `function` and tells `settled` what
/// became of each record, in order. Returns once every record is settled.
pub async fn deliver<F, Fut>(
    records: Vec<EventRecord>,
    retries: Retries,
    mut function: F,
    mut settled: impl FnMut(&EventRecord, Outcome),
) where
    F: FnMut(Event) -> Fut,
    Fut: Future<Output = DynamoDbEventResponse>,
{
    let mut start = 0;
    let mut failures = 0;
    while start < records.len() {
        let pending = &records[start..];
        let mut event = Event::default();
        event.records = pending.to_vec();
        let response = function(event).await;
        let Some(failed) = first_failure(pending, &response) else {
            pending.iter().for_each(|r| settled(r, Outcome::Handled));
            return;
        };
        pending[..failed]
            .iter()
            .for_each(|r| settled(r, Outcome::Handled));
        if failed > 0 {
            failures = 0;
        }
        start += failed;
        failures += 1;
        let record = &records[start];
        if failures > retries.max {
            dead_letter(record, failures);
            settled(record, Outcome::DeadLettered);
            start += 1;
            failures = 0;
            continue;
        }
        tokio::time::sleep(retries.pause(failures)).await;
    }
}

/// Where in `batch` the function's answer says to start again: its earliest failed record.
/// A failure naming no record of the batch fails all of it, as in Lambda.
fn first_failure(batch: &[EventRecord], response: &DynamoDbEventResponse) -> Option<usize> {
    response
        .batch_item_failures
        .iter()
        .map(|failure| {
            let named = failure
                .item_identifier
                .as_deref()
                .filter(|id| !id.is_empty());
            named
                .and_then(|id| {
                    batch
                        .iter()
                        .position(|r| r.change.sequence_number.as_deref() == Some(id))
                })
                .unwrap_or(0)
        })
        .min()
}

/// The local stand-in for the dead-letter queue: what the SQS message would say of the record.
fn dead_letter(record: &EventRecord, failures: u32) {
    tracing::error!(
        event_id = %record.event_id,
        event_name = %record.event_name,
        sequence = record.change.sequence_number.as_deref().unwrap_or(""),
        keys = %serde_json::to_string(&record.change.keys).unwrap_or_default(),
        failures,
        "search-index dead-letter queue: gave up on a stream record after every retry failed; the records after it go on"
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::HashMap;

    use aws_lambda_events::event::streams::DynamoDbBatchItemFailure;

    use super::*;

    const QUICK: Retries = Retries {
        max: 5,
        first: Duration::ZERO,
        longest: Duration::ZERO,
    };

    fn records(sequences: &[&str]) -> Vec<EventRecord> {
        sequences
            .iter()
            .map(|seq| {
                let mut r = EventRecord::default();
                r.change.sequence_number = Some(seq.to_string());
                r
            })
            .collect()
    }

    fn sequence(r: &EventRecord) -> String {
        r.change.sequence_number.clone().unwrap()
    }

    /// A function that fails the record `seq` the first `times` times it sees it, and records
    /// every batch it was given (as the sequence numbers of its records).
    struct Flaky {
        failing: HashMap<String, u32>,
        batches: Vec<Vec<String>>,
    }

    impl Flaky {
        fn new(failing: &[(&str, u32)]) -> Self {
            Self {
                failing: failing.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
                batches: Vec::new(),
            }
        }

        fn handle(&mut self, event: Event) -> DynamoDbEventResponse {
            self.batches
                .push(event.records.iter().map(sequence).collect());
            let mut response = DynamoDbEventResponse::default();
            for r in &event.records {
                let seq = sequence(r);
                if let Some(left) = self.failing.get_mut(&seq).filter(|left| **left > 0) {
                    *left -= 1;
                    let mut failure = DynamoDbBatchItemFailure::default();
                    failure.item_identifier = Some(seq);
                    response.batch_item_failures.push(failure);
                    break;
                }
            }
            response
        }
    }

    async fn run(
        sequences: &[&str],
        failing: &[(&str, u32)],
    ) -> (Vec<Vec<String>>, Vec<(String, Outcome)>) {
        let mut flaky = Flaky::new(failing);
        let mut settled = Vec::new();
        deliver(
            records(sequences),
            QUICK,
            |event| std::future::ready(flaky.handle(event)),
            |r, outcome| settled.push((sequence(r), outcome)),
        )
        .await;
        (flaky.batches, settled)
    }

    fn handled(sequences: &[&str]) -> Vec<(String, Outcome)> {
        sequences
            .iter()
            .map(|s| (s.to_string(), Outcome::Handled))
            .collect()
    }

    #[tokio::test]
    async fn a_batch_without_failures_is_handed_once() {
        let (batches, settled) = run(&["1", "2", "3"], &[]).await;
        assert_eq!(batches, vec![vec!["1", "2", "3"]]);
        assert_eq!(settled, handled(&["1", "2", "3"]));
    }

    #[tokio::test]
    async fn a_failure_is_retried_from_the_failed_record() {
        let (batches, settled) = run(&["1", "2", "3"], &[("2", 2)]).await;
        assert_eq!(
            batches,
            vec![vec!["1", "2", "3"], vec!["2", "3"], vec!["2", "3"]]
        );
        assert_eq!(settled, handled(&["1", "2", "3"]));
    }

    #[tokio::test]
    async fn a_record_failing_past_the_retries_is_dead_lettered_and_the_rest_go_on() {
        let (batches, settled) = run(&["1", "2", "3"], &[("2", 100)]).await;
        // The first try and five retries of "2", then "3" alone.
        let mut expected = vec![vec!["1", "2", "3"]];
        expected.extend(std::iter::repeat_n(vec!["2", "3"], 5));
        expected.push(vec!["3"]);
        assert_eq!(batches, expected);
        assert_eq!(
            settled,
            vec![
                ("1".to_string(), Outcome::Handled),
                ("2".to_string(), Outcome::DeadLettered),
                ("3".to_string(), Outcome::Handled),
            ]
        );
    }

    #[tokio::test]
    async fn progress_starts_the_count_of_retries_again() {
        // "2" fails five times (the last retry works), then "3" may fail five times too.
        let (_, settled) = run(&["1", "2", "3"], &[("2", 5), ("3", 5)]).await;
        assert_eq!(settled, handled(&["1", "2", "3"]));
    }

    #[tokio::test]
    async fn a_failure_naming_no_record_of_the_batch_fails_all_of_it() {
        let mut calls = 0;
        let mut settled = Vec::new();
        deliver(
            records(&["1", "2"]),
            QUICK,
            |_event| {
                calls += 1;
                let mut response = DynamoDbEventResponse::default();
                if calls == 1 {
                    response
                        .batch_item_failures
                        .push(DynamoDbBatchItemFailure::default());
                }
                std::future::ready(response)
            },
            |r, outcome| settled.push((sequence(r), outcome)),
        )
        .await;
        assert_eq!(calls, 2);
        assert_eq!(settled, handled(&["1", "2"]));
    }

    #[test]
    fn pauses_double_up_to_the_longest() {
        let pauses: Vec<_> = (1..=6).map(|n| RETRIES.pause(n).as_millis()).collect();
        assert_eq!(pauses, vec![200, 400, 800, 1600, 2000, 2000]);
    }
}
