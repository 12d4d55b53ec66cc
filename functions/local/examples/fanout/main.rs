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
mod measure;
mod ops;
mod procs;
mod report;
mod room;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use api::AppState;
use config::Config;
use tokio::time::Instant;

use measure::{Latency, Step};
use room::{Room, Server};

/// The knobs, from the environment (README "Benchmarks").
struct Settings {
    members: Vec<usize>,
    sends: usize,
    rates: Vec<u64>,
    rate_members: usize,
    rate_seconds: u64,
    cpu_members: usize,
    cpu_rate: u64,
    cpu_seconds: u64,
    delay_ms: u64,
    delay_members: Vec<usize>,
    delay_sends: usize,
    ops_members: usize,
    cost_members: Vec<usize>,
    init_runs: usize,
    /// Sockets opened at once when a room opens. 1 by default: with more, Parley as of issue 11
    /// loses some sockets in the connect storm (they never get a message), which would make
    /// every latency figure a loss.
    connect_concurrency: usize,
    sections: Vec<String>,
    bin_dir: PathBuf,
    log_dir: PathBuf,
}

fn list<T: std::str::FromStr>(name: &str, default: &str) -> Result<Vec<T>, String> {
    let text = std::env::var(name).unwrap_or_else(|_| default.to_string());
    text.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{name}={text}: {v:?} is not a number"))
        })
        .collect()
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(v) => v.parse().map_err(|_| format!("{name}={v} is not a number")),
        Err(_) => Ok(default),
    }
}

const ALL_SECTIONS: &str = "latency,rate,cpu,delay,ops,init,sizes";

impl Settings {
    fn from_env() -> Result<Self, String> {
        let sections: Vec<String> = std::env::var("SECTIONS")
            .unwrap_or_else(|_| ALL_SECTIONS.into())
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(unknown) = sections
            .iter()
            .find(|s| !ALL_SECTIONS.split(',').any(|k| k == *s))
        {
            return Err(format!(
                "SECTIONS: unknown section {unknown:?} (known: {ALL_SECTIONS})"
            ));
        }
        let log_dir = std::env::var_os("BENCH_LOG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        Ok(Self {
            members: list("MEMBERS", "10,100,500,1000")?,
            sends: number("SENDS", 100)?,
            rates: list("RATES", "20,50,100,200,300,500,750,1000")?,
            rate_members: number("RATE_MEMBERS", 100)?,
            rate_seconds: number("RATE_SECONDS", 3)?,
            cpu_members: number("CPU_MEMBERS", 100)?,
            cpu_rate: number("CPU_RATE", 50)?,
            cpu_seconds: number("CPU_SECONDS", 5)?,
            delay_ms: number("DELAY_MS", 5)?,
            delay_members: list("DELAY_MEMBERS", "10,100,1000")?,
            delay_sends: number("DELAY_SENDS", 30)?,
            ops_members: number("OPS_MEMBERS", 10)?,
            cost_members: list("COST_MEMBERS", "10,100,1000")?,
            init_runs: number("INIT_RUNS", 15)?,
            connect_concurrency: number("CONNECT_CONCURRENCY", 16)?,
            sections,
            bin_dir: procs::bin_dir(),
            log_dir,
        })
    }

    fn wants(&self, section: &str) -> bool {
        self.sections.iter().any(|s| s == section)
    }
}

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

/// A room on `server`, measured once the server has digested the connects.
async fn open_room(
    s: &Settings,
    server: &Server,
    http: &reqwest::Client,
    members: usize,
    pid: u32,
) -> Result<Room, String> {
    let room = Room::open(server, http, members, s.connect_concurrency).await?;
    procs::wait_idle(pid, Duration::from_secs(120)).await;
    Ok(room)
}

async fn close_room(room: Room, pid: u32) {
    room.close().await;
    procs::wait_idle(pid, Duration::from_secs(120)).await;
}

struct Servers {
    gateway: procs::Gateway,
    parley: Server,
    bare_proc: procs::Proc,
    bare: Server,
}

async fn start_servers(
    s: &Settings,
    http: &reqwest::Client,
    table: &str,
    app: &AppState,
    delay_ms: u64,
) -> Result<Servers, String> {
    let gateway = procs::start_gateway(http, &s.bin_dir, &s.log_dir, table, delay_ms).await?;
    let parley = Server::Parley {
        base: gateway.base.clone(),
        origin: gateway.origin.clone(),
        app: Box::new(app.clone()),
    };
    let (bare_proc, bare_base) = procs::start_bare(http, &s.bin_dir, &s.log_dir).await?;
    Ok(Servers {
        gateway,
        parley,
        bare_proc,
        bare: Server::Bare { base: bare_base },
    })
}

async fn latency_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    for &members in &s.members {
        progress(
            start,
            &format!("latency: {members} members on Parley (making people, opening sockets)"),
        );
        let room = open_room(s, &sv.parley, http, members, gw).await?;
        progress(
            start,
            &format!("latency: {members} members on Parley, {} sends", s.sends),
        );
        let parley = measure::one_at_a_time(&room, http, s.sends).await;
        close_room(room, gw).await;
        progress(
            start,
            &format!("latency: {members} members on the bare server"),
        );
        let room = open_room(s, &sv.bare, http, members, bare).await?;
        let bare_figures = measure::one_at_a_time(&room, http, s.sends).await;
        close_room(room, bare).await;
        eprintln!("{}", report::latency_row(members, &parley, &bare_figures));
        results.latency.push((members, parley, bare_figures));
    }
    Ok(())
}

/// Steps the rate up until one fails; a fresh room for each Parley step, so no sender meets
/// the per-person send limit (60 a minute).
async fn rate_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    results.rate_members = s.rate_members;
    for &rate in &s.rates {
        progress(
            start,
            &format!(
                "rate: {rate} msg/s into {} members on Parley",
                s.rate_members
            ),
        );
        let room = open_room(s, &sv.parley, http, s.rate_members, gw).await?;
        let step = measure::at_rate(&room, http, rate, s.rate_seconds, gw).await;
        close_room(room, gw).await;
        eprintln!("{}", report::step_row("Parley", &step));
        let passed = step.passes();
        results.parley_steps.push(step);
        if !passed {
            break;
        }
    }
    let room = open_room(s, &sv.bare, http, s.rate_members, bare).await?;
    for &rate in &s.rates {
        progress(
            start,
            &format!(
                "rate: {rate} msg/s into {} sockets on the bare server",
                s.rate_members
            ),
        );
        let step = measure::at_rate(&room, http, rate, s.rate_seconds, bare).await;
        procs::wait_idle(bare, Duration::from_secs(30)).await;
        eprintln!("{}", report::step_row("bare", &step));
        let passed = step.passes();
        results.bare_steps.push(step);
        if !passed {
            break;
        }
    }
    close_room(room, bare).await;
    Ok(())
}

async fn cpu_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    let what = format!(
        "{} msg/s for {} s into {} members",
        s.cpu_rate, s.cpu_seconds, s.cpu_members
    );
    progress(start, &format!("cpu: {what} on Parley"));
    let room = open_room(s, &sv.parley, http, s.cpu_members, gw).await?;
    let parley = measure::at_rate(&room, http, s.cpu_rate, s.cpu_seconds, gw).await;
    close_room(room, gw).await;
    progress(start, &format!("cpu: {what} on the bare server"));
    let room = open_room(s, &sv.bare, http, s.cpu_members, bare).await?;
    let bare_step = measure::at_rate(&room, http, s.cpu_rate, s.cpu_seconds, bare).await;
    close_room(room, bare).await;
    results.cpu = Some((parley.cpu_us, bare_step.cpu_us, what));
    Ok(())
}

async fn delay_section(
    s: &Settings,
    http: &reqwest::Client,
    table: &str,
    app: &AppState,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    progress(
        start,
        &format!(
            "delay: parley-local with LOCAL_POST_DELAY_MS={}",
            s.delay_ms
        ),
    );
    let gateway = procs::start_gateway(http, &s.bin_dir, &s.log_dir, table, s.delay_ms).await?;
    let server = Server::Parley {
        base: gateway.base.clone(),
        origin: gateway.origin.clone(),
        app: Box::new(app.clone()),
    };
    let pid = gateway.proc.pid();
    results.delay_ms = s.delay_ms;
    for &members in &s.delay_members {
        progress(
            start,
            &format!("delay: {members} members, {} sends", s.delay_sends),
        );
        let room = open_room(s, &server, http, members, pid).await?;
        let figures = measure::one_at_a_time(&room, http, s.delay_sends).await;
        close_room(room, pid).await;
        results.delayed.push((members, figures));
    }
    Ok(())
}

async fn ops_section(s: &Settings, start: Instant, results: &mut Results) -> Result<(), String> {
    progress(
        start,
        &format!(
            "ops: AWS operations per action ({} members, in-process gateway)",
            s.ops_members
        ),
    );
    let gw = ops::OpsGateway::start().await?;
    results.ops_members = s.ops_members;
    results.ops = ops::by_kind(&gw, s.ops_members).await?;
    for &members in &s.cost_members {
        progress(
            start,
            &format!("ops: a plain message into {members} members"),
        );
        results
            .plain_by_size
            .push((members, ops::plain_into(&gw, members).await?));
    }
    Ok(())
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
    report::print(&results);
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
