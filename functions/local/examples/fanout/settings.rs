//! The bench's knobs, from the environment (README "Benchmarks").

use std::path::PathBuf;

use crate::procs;

/// The knobs, from the environment (README "Benchmarks").
pub struct Settings {
    pub members: Vec<usize>,
    pub sends: usize,
    pub rates: Vec<u64>,
    pub rate_members: usize,
    pub rate_seconds: u64,
    pub cpu_members: usize,
    pub cpu_rate: u64,
    pub cpu_seconds: u64,
    pub delay_ms: u64,
    pub delay_members: Vec<usize>,
    pub delay_sends: usize,
    pub ops_members: usize,
    pub cost_members: Vec<usize>,
    pub init_runs: usize,
    /// Sockets opened at once when a room opens. 1 by default: with more, Parley as of issue 11
    /// loses some sockets in the connect storm (they never get a message), which would make
    /// every latency figure a loss.
    pub connect_concurrency: usize,
    pub sections: Vec<String>,
    /// Whether the gateway reads the table's stream into the search index (`SEARCH_INDEXING`,
    /// off by default). In AWS that work runs in a function of its own off the send's path;
    /// here it would share DynamoDB Local and the 2 cores with the sends being timed.
    pub search_indexing: bool,
    pub bin_dir: PathBuf,
    pub log_dir: PathBuf,
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

fn switch(name: &str, default: bool) -> Result<bool, String> {
    match std::env::var(name).as_deref() {
        Ok("on") => Ok(true),
        Ok("off") => Ok(false),
        Ok(other) => Err(format!("{name}={other}: say on or off")),
        Err(_) => Ok(default),
    }
}

const ALL_SECTIONS: &str = "latency,rate,cpu,delay,ops,init,sizes";

impl Settings {
    pub fn from_env() -> Result<Self, String> {
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
            search_indexing: switch("SEARCH_INDEXING", false)?,
            bin_dir: procs::bin_dir(),
            log_dir,
        })
    }

    pub fn wants(&self, section: &str) -> bool {
        self.sections.iter().any(|s| s == section)
    }
}
