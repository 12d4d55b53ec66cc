//! Progress lines of a long scan (`migrate run`, `migrate export`): items scanned and changed,
//! the rate, and about how long is left when the table's size is known.

use std::time::{Duration, Instant};

use store::migrations::Checkpoint;

/// Progress lines: items scanned, changed, the rate, and the time left when the total is known;
/// one every `PROGRESS_EVERY` at most, and the last.
pub struct Progress<'a> {
    label: &'a str,
    /// What the second count is ("changed", "written").
    counted: &'a str,
    started: Instant,
    printed: std::cell::Cell<Option<Instant>>,
    /// What earlier runs scanned (not counted in this run's rate).
    scanned_before: u64,
    estimate: Option<u64>,
}

impl<'a> Progress<'a> {
    pub fn new(
        label: &'a str,
        counted: &'a str,
        scanned_before: u64,
        estimate: Option<u64>,
    ) -> Self {
        Progress {
            label,
            counted,
            started: Instant::now(),
            printed: std::cell::Cell::new(None),
            scanned_before,
            estimate,
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn report(&self, checkpoint: &Checkpoint) {
        let last = checkpoint.next.is_none();
        if !last
            && self
                .printed
                .get()
                .is_some_and(|at| at.elapsed() < PROGRESS_EVERY)
        {
            return;
        }
        self.printed.set(Some(Instant::now()));
        let seconds = self.elapsed().as_secs_f64().max(0.001);
        let rate = checkpoint.scanned.saturating_sub(self.scanned_before) as f64 / seconds;
        let left = match self.estimate {
            _ if last => String::new(),
            Some(total) if rate > 0.0 && total > checkpoint.scanned => format!(
                ", about {} left",
                human_duration((total - checkpoint.scanned) as f64 / rate)
            ),
            _ => String::new(),
        };
        eprintln!(
            "{}: {} items scanned, {} {} ({:.0} items/s){left}",
            self.label, checkpoint.scanned, checkpoint.changed, self.counted, rate
        );
    }
}

const PROGRESS_EVERY: Duration = Duration::from_secs(2);

fn human_duration(seconds: f64) -> String {
    let seconds = seconds.round() as u64;
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    #[test]
    fn durations_read_as_a_person_would_say_them() {
        assert_eq!(human_duration(4.4), "4 s");
        assert_eq!(human_duration(125.0), "2 min 5 s");
        assert_eq!(human_duration(7322.0), "2 h 2 min");
    }
}
