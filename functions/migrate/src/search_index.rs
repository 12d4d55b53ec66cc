//! `migrate search-index`: builds the search index for messages written before the index
//! existed (or, with `--all`, analyses every message again after the workspace's search
//! language changed). Dry run unless `--apply`; prints progress as it goes; keeps its place in
//! the table, so a run that stops goes on where it was (`--restart` starts over).

use std::time::Instant;

use futures::{StreamExt, TryStreamExt};
use search::Analyzer;
use store::Store;
use store::search::Progress;

/// The name its progress is kept under.
const NAME: &str = "search-index";
/// Items a Scan page reads (of every kind: messages are picked out of them).
const PAGE: i32 = 500;
/// Messages indexed at once.
const AT_ONCE: usize = 16;

pub const USAGE: &str = "  search-index [--apply] [--all] [--restart]
                                build the search index for messages sent before it existed;
                                --all analyses every message again (after the search language
                                changed). A dry run unless --apply; resumes where an earlier
                                run stopped unless --restart";

pub async fn run(store: &Store, args: &[String]) -> Result<String, String> {
    let flag = |name: &str| args.iter().any(|a| a == name);
    if let Some(unknown) = args
        .iter()
        .find(|a| !["--apply", "--all", "--restart"].contains(&a.as_str()))
    {
        return Err(format!("search-index does not take {unknown:?}\n\n{USAGE}"));
    }
    let (apply, all) = (flag("--apply"), flag("--all"));
    let settings = store
        .workspace()
        .settings()
        .await
        .map_err(|e| e.to_string())?;
    let analyzer = Analyzer::new(settings.search_language);
    let index = store.search_index();
    let mut progress = if apply && !flag("--restart") {
        index.progress(NAME).await.map_err(|e| e.to_string())?
    } else {
        Progress::default()
    };
    if progress.done {
        progress = Progress::default();
    } else if progress.next.is_some() {
        eprintln!(
            "resuming: {} items scanned and {} messages indexed before",
            progress.scanned, progress.written
        );
    }
    let started = Instant::now();
    loop {
        let page = index
            .message_rows(progress.next.as_deref(), PAGE)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the saved position is not one this command wrote: run with --restart")?;
        progress.scanned += page.scanned as u64;
        progress.messages += page.rows.len() as u64;
        if apply {
            let written: usize = futures::stream::iter(&page.rows)
                .map(|row| async {
                    if all {
                        index.reanalyse(&analyzer, row).await
                    } else {
                        index.backfill(&analyzer, row).await
                    }
                })
                .buffer_unordered(AT_ONCE)
                .try_collect::<Vec<bool>>()
                .await
                .map_err(|e| format!("{e}\nrun the same command again: it goes on from here"))?
                .into_iter()
                .filter(|w| *w)
                .count();
            progress.written += written as u64;
        }
        progress.next = page.next;
        progress.done = progress.next.is_none();
        if apply {
            index
                .save_progress(NAME, &progress)
                .await
                .map_err(|e| e.to_string())?;
        }
        let seconds = started.elapsed().as_secs_f64().max(0.001);
        eprintln!(
            "{} items scanned, {} messages, {} indexed ({:.0} items/s)",
            progress.scanned,
            progress.messages,
            progress.written,
            progress.scanned as f64 / seconds
        );
        if progress.done {
            break;
        }
    }
    Ok(if apply {
        format!(
            "done: {} messages, {} (re)indexed, in {:.1} s",
            progress.messages,
            progress.written,
            started.elapsed().as_secs_f64()
        )
    } else {
        format!(
            "dry run: {} messages would be {}; run again with --apply",
            progress.messages,
            if all {
                "analysed again"
            } else {
                "indexed where they are not yet"
            }
        )
    })
}
