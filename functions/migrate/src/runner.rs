//! Runs migrations page by page: a dry run (the default) only reads and counts; `--apply` writes,
//! saving a checkpoint after every page so a run that stops (an error, Ctrl-C, Lambda's time
//! limit, `--pages`) goes on from there next time. Prints progress as it goes.

use std::time::{Duration, Instant};

use domain::Timestamp;
use store::Store;
use store::migrations::{Checkpoint, RecordKey};

use crate::catalog::{self, Migration, Work};
use crate::progress::Progress;

/// How a run goes.
#[derive(Debug, Clone)]
pub struct Options {
    pub apply: bool,
    /// Items a page reads.
    pub page_size: u32,
    /// Stop (at a checkpoint) after this many pages in all; for runs in slices.
    pub pages: Option<u64>,
    /// Stop (at a checkpoint) before a page would start after this: Lambda's time limit.
    pub deadline: Option<Instant>,
    /// Run the migrations up to this version only.
    pub to: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            apply: false,
            page_size: 500,
            pages: None,
            deadline: None,
            to: None,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for is applied (or, in a dry run, was looked at).
    Done { summary: String },
    /// Stopped at a checkpoint before the end; running again goes on from there.
    Stopped { summary: String },
}

impl Outcome {
    pub fn summary(&self) -> &str {
        match self {
            Outcome::Done { summary } | Outcome::Stopped { summary } => summary,
        }
    }
}

/// Where a run stands against its limits.
struct Budget<'a> {
    options: &'a Options,
    pages: u64,
}

impl Budget<'_> {
    fn exhausted(&self) -> bool {
        self.options.pages.is_some_and(|max| self.pages >= max)
            || self.options.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Runs every pending migration (up to `options.to`) in version order.
pub async fn run_pending(store: &Store, options: &Options) -> Result<Outcome, String> {
    let applied = store
        .migrations()
        .versions()
        .await
        .map_err(|e| e.to_string())?;
    let pending: Vec<&Migration> = catalog::ALL
        .iter()
        .filter(|m| options.to.is_none_or(|to| m.version <= to))
        .filter(|m| {
            !applied
                .iter()
                .any(|(v, c)| *v == m.version && c.is_finished())
        })
        .collect();
    if pending.is_empty() {
        return Ok(Outcome::Done {
            summary: "nothing to do: every migration is applied".into(),
        });
    }
    let mut budget = Budget { options, pages: 0 };
    let mut lines = Vec::new();
    for migration in pending {
        let label = format!("{:04} {}", migration.version, migration.name);
        let at = RecordKey::Version(migration.version);
        match run_one(store, &label, &at, migration.work, options, &mut budget).await? {
            Outcome::Done { summary } => lines.push(summary),
            Outcome::Stopped { summary } => {
                lines.push(summary);
                return Ok(Outcome::Stopped {
                    summary: lines.join("\n"),
                });
            }
        }
    }
    Ok(Outcome::Done {
        summary: lines.join("\n"),
    })
}

/// Runs a repeatable task (kept under its own name, not a version); `restart` forgets where an
/// earlier run stopped.
pub async fn run_task(
    store: &Store,
    name: &str,
    work: Work,
    restart: bool,
    options: &Options,
) -> Result<Outcome, String> {
    let at = RecordKey::Task(name.into());
    if restart && options.apply {
        store
            .migrations()
            .save(&at, &Checkpoint::default())
            .await
            .map_err(|e| e.to_string())?;
    }
    let mut budget = Budget { options, pages: 0 };
    run_one(store, name, &at, work, options, &mut budget).await
}

async fn run_one(
    store: &Store,
    label: &str,
    at: &RecordKey,
    work: Work,
    options: &Options,
    budget: &mut Budget<'_>,
) -> Result<Outcome, String> {
    let migrations = store.migrations();
    let mut checkpoint = if options.apply {
        migrations.get(at).await.map_err(|e| e.to_string())?
    } else {
        Checkpoint::default()
    };
    if checkpoint.is_finished() {
        // A task done before starts over; a versioned migration never gets here.
        checkpoint = Checkpoint::default();
    }
    if checkpoint.next.is_some() {
        eprintln!(
            "{label}: resuming from its checkpoint ({} scanned, {} changed before)",
            checkpoint.scanned, checkpoint.changed
        );
    }
    checkpoint.started_at.get_or_insert_with(Timestamp::now);
    let estimate = if work.scans_table() {
        migrations.approximate_items().await.ok()
    } else {
        None
    };
    let progress = Progress::new(label, "changed", checkpoint.scanned, estimate);
    loop {
        if budget.exhausted() {
            return Ok(Outcome::Stopped {
                summary: stopped(label, &checkpoint, options.apply),
            });
        }
        let page = work
            .page(store, checkpoint.next.as_deref(), options.page_size, options.apply)
            .await
            .map_err(|e| format!("{label}: {e}\nrun the same command again: it goes on from its last checkpoint"))?
            .ok_or_else(|| format!("{label}: its checkpoint is not a position this version understands; run it with --restart (it is safe to redo)"))?;
        budget.pages += 1;
        checkpoint.scanned += page.scanned;
        checkpoint.changed += page.changed;
        checkpoint.next = page.next;
        for note in &page.notes {
            eprintln!("{label}: {note}");
        }
        if checkpoint.next.is_none() {
            checkpoint.finished_at = Some(Timestamp::now());
        }
        if options.apply {
            migrations
                .save(at, &checkpoint)
                .await
                .map_err(|e| format!("{label}: saving its checkpoint: {e}"))?;
        }
        progress.report(&checkpoint);
        if checkpoint.next.is_none() {
            return Ok(Outcome::Done {
                summary: finished(label, &checkpoint, options.apply, progress.elapsed()),
            });
        }
    }
}

fn stopped(label: &str, checkpoint: &Checkpoint, apply: bool) -> String {
    if apply {
        format!(
            "{label}: stopped at a checkpoint after {} items scanned, {} changed; run the same command again to go on",
            checkpoint.scanned, checkpoint.changed
        )
    } else {
        format!(
            "{label}: dry run stopped after {} items scanned",
            checkpoint.scanned
        )
    }
}

fn finished(label: &str, checkpoint: &Checkpoint, apply: bool, took: Duration) -> String {
    if apply {
        format!(
            "{label}: done: {} items scanned, {} changed, in {:.1} s",
            checkpoint.scanned,
            checkpoint.changed,
            took.as_secs_f64()
        )
    } else {
        format!(
            "{label}: dry run: would look at {} items; run again with --apply",
            checkpoint.scanned
        )
    }
}

/// `migrate status`: each migration this version knows, applied, stopped part-way or pending,
/// and any the table records that this version does not know (a newer release ran them).
pub async fn status(store: &Store) -> Result<String, String> {
    let records = store
        .migrations()
        .versions()
        .await
        .map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    for migration in catalog::ALL {
        let record = records.iter().find(|(v, _)| *v == migration.version);
        let state = match record {
            Some((_, c)) if c.is_finished() => format!(
                "applied {} ({} scanned, {} changed)",
                c.finished_at.map(|t| t.to_string()).unwrap_or_default(),
                c.scanned,
                c.changed
            ),
            Some((_, c)) => format!(
                "stopped part-way ({} scanned, {} changed): `migrate run --apply` goes on",
                c.scanned, c.changed
            ),
            None => "pending".into(),
        };
        lines.push(format!(
            "{:04} {:<20} {state}\n     {}",
            migration.version, migration.name, migration.about
        ));
    }
    for (version, _) in records
        .iter()
        .filter(|(v, _)| catalog::ALL.iter().all(|m| m.version != *v))
    {
        lines.push(format!(
            "{version:04} (not known to this version of migrate: a newer release ran it)"
        ));
    }
    Ok(lines.join("\n"))
}
