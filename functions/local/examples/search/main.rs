//! `make bench-search`: loads MESSAGES (100,000) messages across CHANNELS (50) channels into a
//! table of its own on the local stack, indexes them as the stream consumer does, and prints
//! what the index costs per message and how long queries of each kind take for someone in 10
//! and in 50 channels. Figures only: nothing here asserts a time. Run by
//! scripts/bench-search.sh, which builds it in release and starts the stack.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod corpus;
mod load;
mod measure;

use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use config::Config;
use corpus::Corpus;
use domain::user::User;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Progress, on stderr, with the time since the start.
pub fn progress(what: &str) {
    let t = STARTED.get_or_init(Instant::now).elapsed().as_secs_f64();
    eprintln!("[{t:7.1} s] {what}");
}

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-search: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    progress("starting");
    let messages = knob("MESSAGES", 100_000);
    let channels = knob("CHANNELS", 50).max(10);
    let queries = knob("QUERIES", 200);
    let mut config = Config::from_env().map_err(|e| e.to_string())?;
    config.dynamodb_table = format!(
        "search-bench-{}",
        ulid::Ulid::new().to_string().to_lowercase()
    );
    let state = api::AppState::new(config)
        .await
        .map_err(|e| e.to_string())?;
    state
        .store
        .ensure_table()
        .await
        .map_err(|e| e.to_string())?;
    let router = api::router(state.clone());
    let mut corpus = Corpus::new(7, 3000);

    progress(&format!(
        "{channels} channels, {} authors, two searchers",
        load::AUTHORS
    ));
    let world = load::people_and_channels(&state, channels).await?;
    let samples = load::messages(&state, &world, &mut corpus, messages).await?;
    let indexed = load::index(&state, &world).await?;
    let cost = measure::index_cost(&state, &world).await?;

    let kinds = query_kinds(&mut corpus, &samples, &world.authors, queries);
    let mut rows = Vec::new();
    for (who, user) in [("10 channels", &world.narrow), ("50 channels", &world.wide)] {
        for (kind, list) in &kinds {
            progress(&format!("{queries} {kind} queries as someone in {who}"));
            let timed = measure::run_queries(&state, &router, user, list).await?;
            let results =
                timed.results.iter().sum::<usize>() as f64 / timed.results.len().max(1) as f64;
            rows.push((
                who,
                *kind,
                measure::percentile(&timed.millis, 50.0),
                measure::percentile(&timed.millis, 99.0),
                results,
                timed.cut,
                timed.failed,
            ));
        }
    }

    let per = |v: u64| v as f64 / indexed.max(1) as f64;
    println!();
    println!(
        "Search index: {indexed} messages in {channels} channels (DynamoDB Local, release build)"
    );
    println!(
        "  index items per message        {:6.1}  (postings + one document)",
        per(cost.items)
    );
    println!(
        "  index write units per message  {:6.1}  (each item under 1 KB is one unit)",
        per(cost.write_units)
    );
    println!("  index bytes per message        {:6.0}", per(cost.bytes));
    println!();
    println!("Queries ({queries} of each kind, first page of 20, newest first), milliseconds:");
    println!(
        "  {:<12} {:<10} {:>8} {:>8} {:>9} {:>5} {:>7}",
        "searcher", "kind", "p50", "p99", "results", "cut", "failed"
    );
    for (who, kind, p50, p99, results, cut, failed) in rows {
        println!("  {who:<12} {kind:<10} {p50:8.1} {p99:8.1} {results:9.1} {cut:5} {failed:7}");
    }
    println!();
    println!("  results: mean results on the first page (20 at most)");
    println!(
        "  cut: first pages that ran out of time ({} ms of walking) before 20 results and",
        domain::limits::SEARCH_PAGE_TIME_MS
    );
    println!("       answered with what they had and a cursor; the app reads on as it shows them");
    Ok(())
}

/// The queries of each kind: a word of the vocabulary's middle, and for the rest words that a
/// sent message holds (so each has at least that message to find).
fn query_kinds(
    corpus: &mut Corpus,
    samples: &[load::Sample],
    authors: &[User],
    n: usize,
) -> Vec<(&'static str, Vec<String>)> {
    let mut kinds: Vec<(&'static str, Vec<String>)> = vec![
        ("one word", Vec::new()),
        ("two words", Vec::new()),
        ("phrase", Vec::new()),
        ("prefix", Vec::new()),
        ("filtered", Vec::new()),
    ];
    for _ in 0..n {
        let word = corpus.mid_word();
        kinds[0].1.push(word.clone());
        kinds[3].1.push(word.chars().take(3).collect());
        let Some(sample) = samples.get(corpus.pick(samples.len().max(1))) else {
            continue;
        };
        let words: Vec<&str> = sample
            .body
            .split(' ')
            .filter(|w| !w.contains("://"))
            .collect();
        let at = corpus.pick(words.len() - 1);
        let far = words[corpus.pick(words.len())];
        kinds[1].1.push(format!("{} {far}", words[at]));
        kinds[2]
            .1
            .push(format!("\"{} {}\"", words[at], words[at + 1]));
        kinds[4].1.push(format!(
            "{} from:@{} after:2020-01-01",
            words[at], authors[sample.author].handle
        ));
    }
    kinds
}
