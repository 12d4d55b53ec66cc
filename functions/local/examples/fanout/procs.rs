//! The processes the bench runs and watches from the outside: the release `parley-local`
//! gateway and the bare broadcast server, each its own process so that its CPU time can be read
//! from /proc, killed when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::time::Instant;

use crate::settings::Settings;

/// A child process, killed (and reaped) when dropped, so that no exit path leaves one behind.
pub struct Proc {
    child: Child,
    pub name: String,
}

impl Proc {
    pub fn spawn(name: &str, mut command: Command, log: &Path) -> Result<Self, String> {
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let child = command
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Self {
            child,
            name: name.to_string(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Fails when the process has already exited (it did not start, or crashed).
    pub fn check_alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!("{} exited: {status}", self.name)),
            Err(e) => Err(format!("{}: {e}", self.name)),
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now (the OS's pick; a race with other programs is possible
/// but unlikely, and shows as a start failure).
pub fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Waits until `url` answers 200, for at most `limit`, failing early when `proc` exits.
pub async fn wait_healthy(
    http: &reqwest::Client,
    proc: &mut Proc,
    url: &str,
    limit: Duration,
) -> Result<(), String> {
    let deadline = Instant::now() + limit;
    loop {
        proc.check_alive()?;
        if let Ok(answer) = http.get(url).send().await
            && answer.status().is_success()
        {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "{} did not answer {url} within {limit:?}",
                proc.name
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// User plus system CPU time of a process so far, in clock ticks (/proc/PID/stat fields 14
/// and 15).
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis,
    // where field 3 is the first.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when that fails).
pub fn ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100)
}

/// Waits until the process has used (almost) no CPU for 300 ms, at most `limit`: what a
/// storm of connects or closes left behind is done before the next measurement starts.
pub async fn wait_idle(pid: u32, limit: Duration) {
    let deadline = Instant::now() + limit;
    let mut quiet = 0;
    let mut last = cpu_ticks(pid);
    while quiet < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = cpu_ticks(pid);
        let busy = match (last, now) {
            (Some(a), Some(b)) => b.saturating_sub(a) > 1,
            _ => false,
        };
        quiet = if busy { 0 } else { quiet + 1 };
        last = now;
    }
}

/// Where the bench finds the release binaries: `BENCH_BIN_DIR`, else the directory above the
/// one this example runs from (target/release/examples/fanout -> target/release).
pub fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BENCH_BIN_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("target/release"))
}

/// A running `parley-local` on a free port with the stack's environment, a table of its own,
/// and posts to @connections delayed by `post_delay_ms`; its table's stream is read only with
/// `SEARCH_INDEXING=on`.
pub struct Gateway {
    pub proc: Proc,
    pub base: String,
    pub origin: String,
}

pub async fn start_gateway(
    http: &reqwest::Client,
    s: &Settings,
    table: &str,
    post_delay_ms: u64,
) -> Result<Gateway, String> {
    let port = free_port()?;
    let origin = format!("http://localhost:{port}");
    let mut command = Command::new(s.bin_dir.join("parley-local"));
    command
        .env("PORT", port.to_string())
        .env("BASE_URL", &origin)
        .env("WS_URL", format!("ws://127.0.0.1:{port}/ws"))
        .env("WS_MANAGEMENT_ENDPOINT", format!("http://127.0.0.1:{port}"))
        // Sends hand delivery to the gateway's own fan-out handler, as in AWS.
        .env("FANOUT_FUNCTION", local::FANOUT_FUNCTION)
        .env("LAMBDA_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .env("DYNAMODB_TABLE", table)
        .env("LOCAL_POST_DELAY_MS", post_delay_ms.to_string())
        .env(
            "LOCAL_TABLE_STREAM",
            if s.search_indexing { "on" } else { "off" },
        )
        // Warnings only: a log line per request would be the biggest cost measured.
        .env("RUST_LOG", "warn");
    let log = s
        .log_dir
        .join(format!("parley-local-delay{post_delay_ms}.log"));
    let mut proc = Proc::spawn("parley-local", command, &log)?;
    let base = format!("http://127.0.0.1:{port}");
    wait_healthy(
        http,
        &mut proc,
        &format!("{base}/healthz"),
        Duration::from_secs(60),
    )
    .await
    .map_err(|e| format!("{e} (log: {})", log.display()))?;
    Ok(Gateway { proc, base, origin })
}

/// The bare broadcast server (examples/bare-broadcast.rs) on a free port.
pub async fn start_bare(
    http: &reqwest::Client,
    bin_dir: &Path,
    log_dir: &Path,
) -> Result<(Proc, String), String> {
    let port = free_port()?;
    let mut command = Command::new(bin_dir.join("examples").join("bare-broadcast"));
    command.env("PORT", port.to_string());
    let log = log_dir.join("bare-broadcast.log");
    let mut proc = Proc::spawn("bare-broadcast", command, &log)?;
    let base = format!("http://127.0.0.1:{port}");
    wait_healthy(
        http,
        &mut proc,
        &format!("{base}/healthz"),
        Duration::from_secs(20),
    )
    .await?;
    Ok((proc, base))
}
