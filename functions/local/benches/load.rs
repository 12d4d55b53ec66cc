//! Does every message reach every connected member under load? A local gateway (the same
//! handlers as Lambda) against DynamoDB Local and Redis, `SOCKETS` people in one channel each
//! with a live WebSocket, and messages sent through the REST API at `RATE` a second for
//! `DURATION_S` seconds, each by a random member. Every socket counts what it receives; at the
//! end this prints how many messages were sent and stored, how many deliveries were due and
//! made, how many were lost, the event numbers clients would have caught up on, and the
//! send-to-receive latency. Figures, not a verdict: the machine is shared and noisy, and the
//! load clients run on it too.
//!
//! Run with the stack's environment (a `make dev` stack, or `scripts/stack.sh up bench`):
//!   set -a; source .stack/<name>/env; set +a
//!   cargo bench -p local --bench load                       # 100 sockets, 10 msg/s, 60 s
//!   DURATION_S=20 SOCKETS=50 RATE=5 cargo bench -p local --bench load
//! (`cargo bench` builds the release profile; `--profile dev` builds faster and runs slower.)

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod support;

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::AppState;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::{ChannelId, Timestamp};
use futures::StreamExt;
use serde_json::{Value, json};
use support::{member, open_socket, percentile, setting, start_gateway};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message as Frame;

/// When each message was sent, by its number, and what each socket received: (message number,
/// when) per socket, and the event numbers it saw.
#[derive(Default)]
struct Ledger {
    sent_at: HashMap<u64, Instant>,
    received: Vec<Vec<(u64, Instant)>>,
    numbers: Vec<HashSet<u64>>,
}

/// `count` members of a new channel, each with an access token.
async fn people(app: &AppState, count: usize) -> Result<(ChannelId, Vec<String>), String> {
    let mut tokens = Vec::with_capacity(count);
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let (id, token) = member(app, &format!("Load {i}")).await?;
        tokens.push(token);
        ids.push(id);
    }
    let channel = Channel {
        id: ChannelId::new(),
        name: "load".into(),
        slug: format!("load-{}", ulid::Ulid::new().to_string().to_lowercase()),
        description: String::new(),
        kind: ChannelType::Private,
        created_by: ids[0],
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    let channels = app.store.channels();
    channels
        .create(&channel, ids[0])
        .await
        .map_err(|e| e.to_string())?;
    for id in &ids[1..] {
        channels
            .add_member(channel.id, *id, ChannelRole::Member)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok((channel.id, tokens))
}

async fn run() -> Result<(), String> {
    let sockets = setting("SOCKETS", 100).max(2) as usize;
    let rate = setting("RATE", 10).max(1);
    let seconds = setting("DURATION_S", 60).max(1);
    let (base, origin, app) = start_gateway("load").await?;
    let (channel, tokens) = people(&app, sockets).await?;
    let http = reqwest::Client::new();
    let ledger = Arc::new(Mutex::new(Ledger {
        received: vec![Vec::new(); sockets],
        numbers: vec![HashSet::new(); sockets],
        ..Ledger::default()
    }));

    eprintln!("opening {sockets} sockets");
    let mut readers = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let mut socket = open_socket(&http, &base, &origin, token).await?;
        let ledger = ledger.clone();
        readers.push(tokio::spawn(async move {
            while let Some(Ok(frame)) = socket.next().await {
                let Frame::Text(text) = frame else { continue };
                let at = Instant::now();
                let Ok(event) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                let Ok(mut ledger) = ledger.lock() else {
                    return;
                };
                if let Some(seq) = event["seq"].as_u64() {
                    ledger.numbers[index].insert(seq);
                }
                if event["type"] == "message.new"
                    && let Some(n) = event["data"]["body"]
                        .as_str()
                        .and_then(|b| b.strip_prefix("load "))
                        .and_then(|n| n.parse().ok())
                {
                    ledger.received[index].push((n, at));
                }
            }
        }));
    }

    let total = rate * seconds;
    eprintln!("sending {total} messages at {rate}/s for {seconds} s");
    let started = Instant::now();
    let mut sends = Vec::new();
    for n in 0..total {
        let due = started + Duration::from_micros(n * 1_000_000 / rate);
        tokio::time::sleep_until(due).await;
        let token = tokens[rand::random_range(0..tokens.len())].clone();
        let http = http.clone();
        let url = format!("{base}/api/v1/channels/{channel}/messages");
        if let Ok(mut ledger) = ledger.lock() {
            ledger.sent_at.insert(n, Instant::now());
        }
        sends.push(tokio::spawn(async move {
            let answer = http
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "body": format!("load {n}") }))
                .send()
                .await;
            matches!(answer, Ok(a) if a.status() == 201)
        }));
        if n > 0 && n % (rate * 10) == 0 {
            eprintln!("  {} s: {n} sent", started.elapsed().as_secs());
        }
    }
    let mut stored = 0u64;
    for send in sends {
        if send.await.unwrap_or(false) {
            stored += 1;
        }
    }
    let expected = stored * sockets as u64;
    // Deliveries still on their way: wait until all are in, or ten quiet seconds.
    let settle = Instant::now() + Duration::from_secs(10);
    loop {
        let delivered: usize = ledger
            .lock()
            .map(|l| l.received.iter().map(Vec::len).sum())
            .unwrap_or(0);
        if delivered as u64 >= expected || Instant::now() >= settle {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for reader in &readers {
        reader.abort();
    }

    let ledger = ledger.lock().map_err(|_| "a reader panicked".to_string())?;
    let mut latencies = Vec::new();
    let mut delivered = 0u64;
    for received in &ledger.received {
        let unique: HashSet<u64> = received.iter().map(|(n, _)| *n).collect();
        delivered += unique.len() as u64;
        for (n, at) in received {
            if let Some(sent) = ledger.sent_at.get(n) {
                latencies.push(at.saturating_duration_since(*sent));
            }
        }
    }
    latencies.sort_unstable();
    // Event numbers a socket never saw below the highest it saw: what its client would have
    // caught up on.
    let skipped: u64 = ledger
        .numbers
        .iter()
        .map(|seen| seen.iter().max().copied().unwrap_or(0) - seen.len() as u64)
        .sum();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("load: {sockets} sockets in one channel, {rate} msg/s for {seconds} s");
    println!("  sent       {total}");
    println!("  stored     {stored}");
    println!("  due        {expected} deliveries");
    println!("  delivered  {delivered}");
    println!("  lost       {}", expected.saturating_sub(delivered));
    println!("  skipped    {skipped} event numbers (what clients would catch up on)");
    println!(
        "  latency    p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    Ok(())
}

fn main() -> ExitCode {
    support::main("load", run)
}
