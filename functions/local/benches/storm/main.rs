//! Presence under connect and disconnect storms. A local gateway (the same handlers as Lambda)
//! against DynamoDB Local and Redis; `SOCKETS` people open their WebSocket all at once, each
//! the way the web app does (a ticket, the handshake, a ping, then `presence.subscribe` with
//! the `WATCH` people its screen shows: the `POPULAR` people everyone sees, such as the authors
//! of #general's last messages, and neighbours, such as one's direct messages), then all close
//! at once. `OBSERVERS` more people stay connected throughout, together watching everyone.
//!
//! It prints how long the connect storm took (every socket answered its subscription), how many
//! presence frames went out, how long until everyone was shown offline after the disconnect
//! storm, who is still shown online by the server and by the observers' screens (both must be
//! nobody), and the warnings and errors the gateway logged (Redis timeouts among them).
//! Figures, not a verdict: the machine is shared, and the clients run on it too.
//!
//! Run with the stack's environment (a `make dev` stack, or `scripts/stack.sh up bench`):
//!   set -a; source .stack/<name>/env; set +a
//!   cargo bench -p local --bench storm                  # 1,000 sockets, each watching 50
//!   SOCKETS=200 WATCH=20 cargo bench -p local --bench storm

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../support/mod.rs"]
mod support;

mod complaints;
mod screens;

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use api::AppState;
use complaints::Complaints;
use domain::UserId;
use futures::{SinkExt, StreamExt};
use screens::{listen, open_and_watch, shown_by_server, shown_otherwise};
use support::{member, setting, start_gateway};
use tokio::time::Instant;
use tracing_subscriber::layer::SubscriberExt;

/// Whatever is not done by then is reported as not done.
const BOUND: Duration = Duration::from_secs(60);

/// `count` people, each with an access token, created `CONCURRENCY` at a time.
async fn people(app: &AppState, count: usize) -> Result<Vec<(UserId, String)>, String> {
    const CONCURRENCY: usize = 16;
    futures::stream::iter(0..count)
        .map(|i| async move { member(app, &format!("Storm {i}")).await })
        .buffered(CONCURRENCY)
        .collect::<Vec<Result<_, String>>>()
        .await
        .into_iter()
        .collect()
}

/// Waits (at most `BOUND`, checking every 100 ms) until `done`; how long it took, or `None`.
async fn until<F: Future<Output = bool>>(
    started: Instant,
    mut done: impl FnMut() -> F,
) -> Option<Duration> {
    while started.elapsed() < BOUND {
        if done().await {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

fn secs(d: Option<Duration>) -> String {
    d.map_or_else(
        || format!("not within {} s", BOUND.as_secs()),
        |d| format!("{:.2} s", d.as_secs_f64()),
    )
}

async fn run(complaints: Complaints) -> Result<(), String> {
    let sockets = setting("SOCKETS", 1000).max(2) as usize;
    let watch = (setting("WATCH", 50) as usize).clamp(1, domain::limits::PRESENCE_WATCH_MAX);
    let popular = (setting("POPULAR", 10) as usize).min(watch);
    let observers = setting("OBSERVERS", 10).max(1) as usize;
    let (base, origin, app) = start_gateway("storm").await?;
    let http = reqwest::Client::new();
    eprintln!("creating {} people", sockets + observers);
    let everyone = people(&app, sockets + observers).await?;
    let (crowd, watching) = everyone.split_at(sockets);
    let crowd_ids: Vec<UserId> = crowd.iter().map(|(id, _)| *id).collect();
    let crowd_set: HashSet<UserId> = crowd_ids.iter().copied().collect();
    let frames = Arc::new(AtomicU64::new(0));

    // Observers stay connected throughout and together watch the whole crowd.
    let per_observer = crowd_ids
        .len()
        .div_ceil(observers)
        .min(domain::limits::PRESENCE_WATCH_MAX);
    let mut observer_screens = Vec::new();
    let mut observer_sinks = Vec::new();
    for (i, (_, token)) in watching.iter().enumerate() {
        let share: Vec<UserId> = crowd_ids
            .iter()
            .copied()
            .skip(i * per_observer)
            .take(per_observer)
            .collect();
        let (sink, stream, shown) =
            open_and_watch(&http, &base, &origin, token, &share, &frames).await?;
        listen(stream, shown.clone(), frames.clone());
        observer_screens.push(shown);
        observer_sinks.push(sink);
    }
    let observed = per_observer * observers;
    if observed < sockets {
        eprintln!(
            "note: the observers watch only {observed} of {sockets} (at most {} each)",
            domain::limits::PRESENCE_WATCH_MAX
        );
    }
    complaints.take();

    eprintln!("connect storm: {sockets} sockets at once, each watching {watch}");
    let started = Instant::now();
    let opened = futures::future::join_all(crowd.iter().enumerate().map(|(i, (_, token))| {
        let mut shows: Vec<UserId> = crowd_ids.iter().copied().take(popular).collect();
        shows.extend(
            (1..)
                .map(|k| crowd_ids[(i + k) % sockets])
                .take(watch - popular),
        );
        let (http, base, origin, frames) = (&http, &base, &origin, &frames);
        async move { open_and_watch(http, base, origin, token, &shows, frames).await }
    }))
    .await;
    let connect_time = started.elapsed();
    let mut sinks = Vec::new();
    let mut screens = Vec::new();
    let mut failed = 0;
    for outcome in opened {
        match outcome {
            Ok((sink, stream, shown)) => {
                listen(stream, shown.clone(), frames.clone());
                sinks.push(sink);
                screens.push(shown);
            }
            Err(e) => {
                failed += 1;
                if failed <= 3 {
                    eprintln!("  a socket failed: {e}");
                }
            }
        }
    }
    let observer_token = &watching[0].1;
    let all_online = until(Instant::now(), || async {
        shown_by_server(&http, &base, observer_token, &crowd_ids)
            .await
            .ok()
            == Some(sockets - failed)
            && shown_otherwise(&screens, &crowd_set, "online") == 0
            && shown_otherwise(&observer_screens, &crowd_set, "online") == 0
    })
    .await;
    let connect_frames = frames.swap(0, Ordering::Relaxed);
    let (connect_complaints, connect_redis, first) = complaints.take();
    println!(
        "storm: {sockets} sockets each watching {watch} ({popular} everyone shows), {observers} observers"
    );
    println!(
        "  connect storm       {:.2} s for {} sockets (ticket, handshake, first pong, subscription answered); {failed} failed",
        connect_time.as_secs_f64(),
        sockets - failed
    );
    println!(
        "  everyone shown online, on the server and every screen, {} after the storm",
        secs(all_online)
    );
    println!(
        "  presence frames     {connect_frames} (a broadcast to all would be about {})",
        sockets * (sockets + observers) / 2
    );
    println!(
        "  logged              {connect_complaints} warnings or errors, {connect_redis} about Redis"
    );
    for line in first {
        println!("    {line}");
    }

    eprintln!("disconnect storm: closing {} sockets at once", sinks.len());
    let started = Instant::now();
    futures::future::join_all(sinks.iter_mut().map(|sink| sink.close())).await;
    let closed_time = started.elapsed();
    let server_offline = until(started, || async {
        shown_by_server(&http, &base, observer_token, &crowd_ids)
            .await
            .ok()
            == Some(0)
    })
    .await;
    let screens_offline = until(started, || async {
        shown_otherwise(&observer_screens, &crowd_set, "offline") == 0
    })
    .await;
    let still_server = shown_by_server(&http, &base, observer_token, &crowd_ids).await?;
    let still_screens = shown_otherwise(&observer_screens, &crowd_set, "offline");
    let disconnect_frames = frames.swap(0, Ordering::Relaxed);
    let (complaints_count, redis_count, first) = complaints.take();
    println!(
        "  disconnect storm    {:.2} s to close {} sockets",
        closed_time.as_secs_f64(),
        sinks.len()
    );
    println!(
        "  all shown offline   by the server {}, on the observers' screens {}",
        secs(server_offline),
        secs(screens_offline)
    );
    println!(
        "  still shown online  {still_server} by the server, {still_screens} on the observers' screens (must be 0)"
    );
    println!("  presence frames     {disconnect_frames}");
    println!(
        "  logged              {complaints_count} warnings or errors, {redis_count} about Redis"
    );
    for line in first {
        println!("    {line}");
    }
    for sink in &mut observer_sinks {
        let _ = sink.close().await;
    }
    if still_server > 0 || still_screens > 0 {
        return Err("people are shown online who are not".into());
    }
    Ok(())
}

fn main() -> ExitCode {
    let complaints = Complaints::default();
    let subscriber = tracing_subscriber::registry().with(complaints.clone());
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        eprintln!("storm: cannot count the gateway's warnings");
    }
    support::main("storm", || run(complaints))
}
