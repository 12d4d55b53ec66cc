//! `make bench`: Parley's fan-out measured from the outside, next to a bare WebSocket broadcast
//! server built in the same run (issue 11). Figures, never a verdict: nothing here asserts a
//! time. Run by scripts/bench.sh, which builds the release binaries, starts a stack on free
//! ports and passes its environment; README "Benchmarks" explains each figure and the knobs
//! (MEMBERS, SENDS, RATES, ...).
//!
//! Sections, in order (SECTIONS picks some): `latency` (last-recipient p50/p99 per audience
//! size, Parley and bare), `rate` (the highest rate into one room with p99 under 1 s and nothing
//! lost), `cpu` (server CPU per delivery), `delay` (latency with posts to @connections taking
//! LOCAL_POST_DELAY_MS, as in AWS), `ops` (AWS operations per action, in-process), `init`
//! (function init against a hello-world Lambda), `sizes` (stripped binary sizes), and the
//! cost per million messages.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cost;
mod init;
mod ledger;
mod measure;
mod ops;
mod procs;
mod report;
mod room;
mod sections;
mod settings;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use api::AppState;
use config::Config;
use tokio::time::Instant;

use measure::{Latency, Step};
use sections::{
    cpu_section, delay_section, latency_section, ops_section, rate_section, start_servers,
};
use settings::Settings;

/// Everything measured, for the final table.
#[derive(Default)]
pub struct Results {
    /// (members, Parley, bare)
    pub latency: Vec<(usize, Latency, Latency)>,
    pub rate_members: usize,
    pub parley_steps: Vec<Step>,
    pub bare_steps: Vec<Step>,
    /// (Parley, bare) µs of server CPU per delivery, and the run it came from.
    pub cpu: Option<(Option<f64>, Option<f64>, String)>,
    pub delay_ms: u64,
    pub delayed: Vec<(usize, Latency)>,
    pub ops_members: usize,
    pub ops: Vec<(String, ops::Cost)>,
    pub plain_by_size: Vec<(usize, ops::Cost)>,
    pub inits: Vec<init::Init>,
    pub sizes: Vec<(String, Option<u64>)>,
}

/// Progress, on stderr, with the time since the start.
fn progress(start: Instant, what: &str) {
    let t = start.elapsed().as_secs();
    eprintln!("[{:02}:{:02}] {what}", t / 60, t % 60);
}

/// The bench's own handle on the gateway's table, for making people and channels.
async fn setup_app(table: &str) -> Result<AppState, String> {
    let config = Config::from_lookup(|k| {
        if k == "DYNAMODB_TABLE" {
            return Some(table.to_string());
        }
        std::env::var(k).ok().filter(|v| !v.trim().is_empty())
    })
    .map_err(|e| format!("the stack's environment: {e}"))?;
    let app = AppState::new(config).await.map_err(|e| e.to_string())?;
    app.store.ensure_table().await.map_err(|e| e.to_string())?;
    Ok(app)
}

/// The function binaries (release, next to this example's directory) and the hello baseline.
/// `fanout` is the function that delivers events once sends hand delivery over (issue 11); a
/// function not built in this checkout is left out.
fn functions(s: &Settings) -> Vec<(String, PathBuf)> {
    let mut list = vec![(
        "hello-lambda".to_string(),
        s.bin_dir.join("examples").join("hello-lambda"),
    )];
    for name in [
        "rest",
        "ws-connect",
        "ws-message",
        "ws-disconnect",
        "fanout",
        "migrate",
    ] {
        let path = s.bin_dir.join(name);
        if path.exists() {
            list.push((name.to_string(), path));
        }
    }
    list
}

async fn run() -> Result<(), String> {
    let start = Instant::now();
    let s = Settings::from_env()?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let table = format!("bench-{}", ulid::Ulid::new().to_string().to_lowercase());
    let mut results = Results::default();
    let outside = ["latency", "rate", "cpu", "delay"]
        .iter()
        .any(|x| s.wants(x));
    if outside {
        progress(
            start,
            &format!(
                "table {table}; starting parley-local and the bare server from {}",
                s.bin_dir.display()
            ),
        );
        let app = setup_app(&table).await?;
        if ["latency", "rate", "cpu"].iter().any(|x| s.wants(x)) {
            let servers = start_servers(&s, &http, &table, &app, 0).await?;
            if s.wants("latency") {
                latency_section(&s, &http, &servers, start, &mut results).await?;
            }
            if s.wants("rate") {
                rate_section(&s, &http, &servers, start, &mut results).await?;
            }
            if s.wants("cpu") {
                cpu_section(&s, &http, &servers, start, &mut results).await?;
            }
        }
        if s.wants("delay") {
            delay_section(&s, &http, &table, &app, start, &mut results).await?;
        }
    }
    if s.wants("ops") {
        ops_section(&s, start, &mut results).await?;
    }
    if s.wants("init") {
        progress(
            start,
            &format!(
                "init: {} starts of each function through a local Runtime API",
                s.init_runs
            ),
        );
        results.inits = init::measure(&functions(&s), s.init_runs, &table).await?;
    }
    if s.wants("sizes") {
        let mut binaries = functions(&s);
        binaries.push(("parley-local".into(), s.bin_dir.join("parley-local")));
        results.sizes = binaries
            .into_iter()
            .map(|(name, path)| (name, std::fs::metadata(path).ok().map(|m| m.len())))
            .collect();
    }
    progress(start, "done");
    report::print(&results, &s);
    Ok(())
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("fanout bench: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fanout bench: {e}");
            ExitCode::FAILURE
        }
    }
}
