//! The data migrations, in the order they run. A migration is a scan that changes what earlier
//! versions wrote, one page at a time, each change safe to make twice (a page may be redone after
//! an interruption). Add one at the end with the next version; never renumber or remove one
//! that may have run somewhere.

use futures::{StreamExt, TryStreamExt};
use search::Analyzer;
use store::Store;

/// One versioned migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub about: &'static str,
    pub work: Work,
}

/// What a migration (or a repeatable task) does to each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Accounts from before `nameSearch` and handle locks get them.
    UserFields,
    /// Messages sent before the search index existed get indexed.
    SearchIndex,
    /// Every message is analysed again (after the workspace's search language changed).
    SearchReanalyse,
}

pub const ALL: &[Migration] = &[
    Migration {
        version: 1,
        name: "user-search-fields",
        about: "give accounts from before the people search its name search text and the look-alike lock of their handle",
        work: Work::UserFields,
    },
    Migration {
        version: 2,
        name: "search-index",
        about: "index the messages sent before the search index existed",
        work: Work::SearchIndex,
    },
];

/// One page of work done (or, in a dry run, looked at).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// Items read: what the scan covered.
    pub scanned: u64,
    /// Of them, changed (in a dry run: nothing is changed, so 0).
    pub changed: u64,
    /// Where the next page starts; `None` after the last.
    pub next: Option<String>,
    /// Something to tell the operator about this page (e.g. handles left alone).
    pub notes: Vec<String>,
}

/// Items changed at once within a page.
const AT_ONCE: usize = 16;

impl Work {
    /// Whether the scan is over the whole table (so the table's item count estimates the time
    /// left) rather than over a listing of its own.
    pub fn scans_table(self) -> bool {
        !matches!(self, Work::UserFields)
    }

    /// Does one page from `from` (`None`: the start). `Ok(None)` when `from` is not a position
    /// this work gave.
    pub async fn page(
        self,
        store: &Store,
        from: Option<&str>,
        size: u32,
        apply: bool,
    ) -> Result<Option<Page>, String> {
        match self {
            Work::UserFields => user_fields(store, from, size, apply).await,
            Work::SearchIndex | Work::SearchReanalyse => {
                search_index(store, from, size, apply, self == Work::SearchReanalyse).await
            }
        }
    }
}

async fn user_fields(
    store: &Store,
    from: Option<&str>,
    size: u32,
    apply: bool,
) -> Result<Option<Page>, String> {
    let users = store.users();
    let Some(listed) = users
        .list(store::users::Listing::All, "", from, size as usize)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let mut page = Page {
        scanned: listed.users.len() as u64,
        next: listed.next_cursor,
        ..Page::default()
    };
    if !apply {
        return Ok(Some(page));
    }
    for user in &listed.users {
        if users
            .backfill_name_search(user)
            .await
            .map_err(|e| e.to_string())?
        {
            page.changed += 1;
        }
        if !users
            .backfill_handle_lock(user)
            .await
            .map_err(|e| e.to_string())?
        {
            page.notes.push(format!(
                "@{} ({}) looks like an earlier account's handle and was left as it is",
                user.handle, user.email
            ));
        }
    }
    Ok(Some(page))
}

async fn search_index(
    store: &Store,
    from: Option<&str>,
    size: u32,
    apply: bool,
    reanalyse: bool,
) -> Result<Option<Page>, String> {
    let index = store.search_index();
    let Some(rows) = index
        .message_rows(from, i32::try_from(size).unwrap_or(i32::MAX))
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let mut page = Page {
        scanned: rows.scanned as u64,
        next: rows.next,
        ..Page::default()
    };
    if !apply || rows.rows.is_empty() {
        return Ok(Some(page));
    }
    // The language is the workspace's as it is now: read per page, so a change meanwhile
    // applies from the next page on (and `SearchReanalyse` after it puts everything right).
    let settings = store
        .workspace()
        .settings()
        .await
        .map_err(|e| e.to_string())?;
    let analyzer = Analyzer::new(settings.search_language);
    page.changed = futures::stream::iter(&rows.rows)
        .map(|row| async {
            if reanalyse {
                index.reanalyse(&analyzer, row).await
            } else {
                index.backfill(&analyzer, row).await
            }
        })
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<bool>>()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|changed| *changed)
        .count() as u64;
    Ok(Some(page))
}
