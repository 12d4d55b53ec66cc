//! The two ways the bench drives a room: one message at a time (last-recipient latency and the
//! send's own answer time), and a fixed rate for a few seconds (does everything arrive, how
//! late, and at what CPU cost to the server process).

use std::time::Duration;

use tokio::time::Instant;

use crate::procs;
use crate::room::{Room, next_message};

/// How long a message may take before it counts as lost.
const GIVE_UP: Duration = Duration::from_secs(10);
/// After the last send of a rate step, how long stragglers may still arrive.
const SETTLE: Duration = Duration::from_secs(5);

/// Nearest-rank percentile `p` (0..=1) of `values`, which it sorts.
pub fn percentile(values: &mut [Duration], p: f64) -> Option<Duration> {
    values.sort_unstable();
    let last = values.len().checked_sub(1)?;
    let rank = ((values.len() as f64) * p).ceil() as usize;
    values.get(rank.saturating_sub(1).min(last)).copied()
}

pub fn ms(d: Option<Duration>) -> String {
    d.map_or_else(
        || "-".into(),
        |d| format!("{:.1}", d.as_secs_f64() * 1000.0),
    )
}

#[derive(Debug, Clone, Default)]
pub struct Latency {
    /// Send start until the last member had the frame.
    pub last: Vec<Duration>,
    /// Send start until the 201.
    pub answer: Vec<Duration>,
    /// Sends that failed or never reached everyone within `GIVE_UP`.
    pub lost: usize,
}

impl Latency {
    pub fn last_p(&self, p: f64) -> Option<Duration> {
        percentile(&mut self.last.clone(), p)
    }
    pub fn answer_p(&self, p: f64) -> Option<Duration> {
        percentile(&mut self.answer.clone(), p)
    }
}

/// `sends` messages one after another (after 3 not counted, to warm connections and caches),
/// each timed until its last recipient; senders take turns so nobody meets the send limit.
pub async fn one_at_a_time(room: &Room, http: &reqwest::Client, sends: usize) -> Latency {
    let mut figures = Latency::default();
    for i in 0..sends + 3 {
        let n = next_message();
        let started = Instant::now();
        let answer = room.sender.send(http, n, i).await;
        let last = room.tracker.last_arrival(n, started + GIVE_UP).await;
        if i < 3 {
            continue;
        }
        match (answer, last) {
            (Ok(answer), Some(last)) => {
                figures.answer.push(answer);
                figures.last.push(last.saturating_duration_since(started));
            }
            (Err(e), _) => {
                eprintln!("    send failed: {e}");
                figures.lost += 1;
            }
            (Ok(_), None) => figures.lost += 1,
        }
    }
    figures
}

#[derive(Debug, Clone)]
pub struct Step {
    pub rate: u64,
    pub sent: u64,
    pub p50: Option<Duration>,
    pub p99: Option<Duration>,
    /// Deliveries due (201s times members) that never came, plus failed sends times members.
    pub lost: u64,
    pub delivered: u64,
    /// Server CPU per delivery over the step, in microseconds.
    pub cpu_us: Option<f64>,
}

impl Step {
    pub fn passes(&self) -> bool {
        self.lost == 0 && self.p99.is_some_and(|p99| p99 < Duration::from_secs(1))
    }
}

/// `rate` messages a second for `seconds` into `room`, from all members in turn; the server's
/// CPU (process `pid`) is read before the first send and after the last delivery.
pub async fn at_rate(
    room: &Room,
    http: &reqwest::Client,
    rate: u64,
    seconds: u64,
    pid: u32,
) -> Step {
    let total = rate * seconds;
    let completed_before = room.tracker.completed();
    let cpu_before = procs::cpu_ticks(pid);
    let started = Instant::now();
    let mut sends = Vec::with_capacity(total as usize);
    for i in 0..total {
        tokio::time::sleep_until(started + Duration::from_micros(i * 1_000_000 / rate)).await;
        let n = next_message();
        let sender = room.sender.clone();
        let http = http.clone();
        let sent_at = Instant::now();
        // A task each, so that a slow answer never holds back the schedule.
        let send = tokio::spawn(async move { sender.send(&http, n, i as usize).await });
        sends.push((n, sent_at, send));
    }
    let mut stored = Vec::with_capacity(sends.len());
    for (n, sent_at, send) in sends {
        match send.await {
            Ok(Ok(_)) => stored.push((n, sent_at)),
            Ok(Err(e)) => eprintln!("    send failed: {e}"),
            Err(e) => eprintln!("    send task failed: {e}"),
        }
    }
    room.tracker
        .wait_complete(
            completed_before + stored.len() as u64,
            Instant::now() + SETTLE,
        )
        .await;
    let cpu_after = procs::cpu_ticks(pid);
    let members = room.members as u64;
    let mut latencies = Vec::with_capacity(stored.len());
    let mut delivered = 0u64;
    for (n, sent_at) in &stored {
        let (count, last) = room.tracker.arrivals(*n);
        delivered += count as u64;
        if count == room.members
            && let Some(last) = last
        {
            latencies.push(last.saturating_duration_since(*sent_at));
        }
    }
    let cpu_us = match (cpu_before, cpu_after) {
        (Some(before), Some(after)) if delivered > 0 => Some(
            (after - before) as f64 * 1e6 / procs::ticks_per_second() as f64 / delivered as f64,
        ),
        _ => None,
    };
    Step {
        rate,
        sent: total,
        p50: percentile(&mut latencies, 0.50),
        p99: percentile(&mut latencies, 0.99),
        lost: (total * members).saturating_sub(delivered),
        delivered,
        cpu_us,
    }
}
