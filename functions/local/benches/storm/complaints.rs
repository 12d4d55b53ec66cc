//! The gateway's warnings and errors during a storm, counted by a tracing layer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Counts the gateway's warnings and errors, and keeps the first few.
#[derive(Clone, Default)]
pub struct Complaints {
    count: Arc<AtomicU64>,
    redis: Arc<AtomicU64>,
    first: Arc<Mutex<Vec<String>>>,
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Complaints {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if *event.metadata().level() > tracing::Level::WARN {
            return;
        }
        let mut text = String::new();
        event.record(
            &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                text.push_str(&format!("{}={value:?} ", field.name()));
            },
        );
        self.count.fetch_add(1, Ordering::Relaxed);
        if text.to_lowercase().contains("redis") {
            self.redis.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(mut first) = self.first.lock()
            && first.len() < 5
        {
            first.push(text);
        }
    }
}

impl Complaints {
    pub fn take(&self) -> (u64, u64, Vec<String>) {
        let first = self
            .first
            .lock()
            .map(|mut f| f.split_off(0))
            .unwrap_or_default();
        (
            self.count.swap(0, Ordering::Relaxed),
            self.redis.swap(0, Ordering::Relaxed),
            first,
        )
    }
}
