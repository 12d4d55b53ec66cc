//! Logs are JSON lines; every line of a request carries its request id (from the span).

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Installs the JSON logger once. `RUST_LOG` sets the level, for everything (`debug`) or per
/// crate (`info,store=debug`); default `info`. (Per-target levels only: the span and field
/// filters of `EnvFilter` would link a regex engine into every function for nothing.)
pub fn init() {
    // Once per container: the function's first invocation flushes it.
    metrics::count(metrics::Metric::ColdStarts, 1);
    let _ = tracing_subscriber::registry()
        .with(filter(std::env::var("RUST_LOG").ok().as_deref()))
        .with(
            tracing_subscriber::fmt::layer()
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .flatten_event(true)
                .with_target(false)
                .without_time(),
        )
        .try_init();
}

/// The filter `RUST_LOG` asks for: `info` when unset, and when it cannot be read (said on
/// stderr, since the logger is not there yet).
fn filter(rust_log: Option<&str>) -> Targets {
    let info = || Targets::new().with_default(LevelFilter::INFO);
    match rust_log.map(str::trim) {
        None | Some("") => info(),
        Some(text) => text.parse().unwrap_or_else(|e| {
            eprintln!("RUST_LOG={text:?} is not a log filter ({e}); logging at info");
            info()
        }),
    }
}

#[cfg(test)]
mod tests {
    use tracing::Level;

    use super::*;

    #[test]
    fn rust_log_sets_levels_per_crate() {
        let filter = filter(Some("warn,store=debug"));
        assert!(filter.would_enable("store", &Level::DEBUG));
        assert!(!filter.would_enable("api", &Level::INFO));
        assert!(filter.would_enable("api", &Level::WARN));
    }

    #[test]
    fn info_unless_told_otherwise() {
        for unset in [None, Some(""), Some("not a level=at all=")] {
            let filter = filter(unset);
            assert!(filter.would_enable("api", &Level::INFO), "{unset:?}");
            assert!(!filter.would_enable("api", &Level::DEBUG), "{unset:?}");
        }
    }
}
