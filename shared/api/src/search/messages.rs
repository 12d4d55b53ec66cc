//! Message and file search: which postings lead (the most telling word of the query, else
//! the most selective filter), and the check every candidate passes on the message as it is
//! now, so an edit or a delete counts at once even while the index catches up.

use domain::files::FileEntry;
use domain::limits::{FILE_NAME_MAX_CHARS, SEARCH_EXAMINE_MAX, SEARCH_RELEVANCE_WINDOW};
use domain::message::Message;
use domain::search::{FileHit, FileHitPage, MessageHit, MessageHitPage, SearchSort};
use domain::{ErrorCode, MessageId};
use search::{Analyzer, Query};
use store::search::terms;

use super::scope::Scope;
use super::walk::{Budget, Driver, Walk};
use crate::{ApiError, AppState};

/// Characters of a result's snippet.
const SNIPPET_CHARS: usize = 200;
/// A prefix shorter than this covers too many words to lead: the filters lead instead.
const PREFIX_MIN_CHARS: usize = 2;

/// A parsed query with what it may see.
pub(super) struct Plan {
    pub query: Query,
    pub analyzer: Analyzer,
    pub scope: Scope,
}

pub(super) async fn messages(
    state: &AppState,
    plan: &Plan,
    sort: SearchSort,
    cursor: Option<&str>,
    limit: usize,
) -> Result<MessageHitPage, ApiError> {
    let check = |m: &Message| check_message(plan, m).into_iter().collect::<Vec<_>>();
    if plan.scope.nobody {
        return Ok(MessageHitPage {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    let walk = |start, per_place| {
        let (driver, also) = lead(plan, |w| w.to_string(), terms::ALL);
        Walk::new(
            state,
            &plan.scope.places,
            driver,
            also,
            plan.scope.window,
            start,
            per_place,
        )
    };
    match sort {
        SearchSort::Newest => {
            let start = cursor.map(newest_cursor).transpose()?;
            let found = walk(start, limit + 1)
                .find(limit, budget(state), check)
                .await?;
            Ok(MessageHitPage {
                items: found.items.into_iter().map(|(hit, _)| hit).collect(),
                next_cursor: found.next.map(|id| format!("n{id}")),
            })
        }
        SearchSort::Relevance => {
            // The best of the most recent matches, ranked again for each page.
            let offset = cursor.map(relevance_cursor).transpose()?.unwrap_or(0);
            let found = walk(None, SEARCH_RELEVANCE_WINDOW / 4)
                .find(SEARCH_RELEVANCE_WINDOW, budget(state), check)
                .await?;
            let mut ranked = found.items;
            ranked.sort_by(|(a, x), (b, y)| {
                y.total_cmp(x).then_with(|| b.message.id.cmp(&a.message.id))
            });
            let more = ranked.len() > offset + limit;
            Ok(MessageHitPage {
                items: ranked
                    .into_iter()
                    .skip(offset)
                    .take(limit)
                    .map(|(hit, _)| hit)
                    .collect(),
                next_cursor: more.then(|| format!("r{}", offset + limit)),
            })
        }
    }
}

pub(super) async fn files(
    state: &AppState,
    plan: &Plan,
    cursor: Option<&str>,
    limit: usize,
) -> Result<FileHitPage, ApiError> {
    if plan.scope.nobody {
        return Ok(FileHitPage {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    let start = cursor.map(newest_cursor).transpose()?;
    let (driver, also) = lead(plan, terms::file_word, terms::HAS_FILE);
    let found = Walk::new(
        state,
        &plan.scope.places,
        driver,
        also,
        plan.scope.window,
        start,
        limit + 1,
    )
    .find(limit, budget(state), |m| check_files(plan, m))
    .await?;
    Ok(FileHitPage {
        items: found.items,
        next_cursor: found.next.map(|id| format!("n{id}")),
    })
}

/// Which postings lead and which narrow: the longest word wanted whole leads (long words are
/// rare ones), else the word being typed as a prefix, else the filter that likely holds the
/// fewest messages, else `every` (all messages, or all with files); the other whole words and
/// indexed filters narrow. `spell` turns a word into the term it is indexed under (message
/// words as they are, file words marked).
fn lead(plan: &Plan, spell: impl Fn(&str) -> String, every: &str) -> (Driver, Vec<String>) {
    let filters = &plan.query.filters;
    let scope = &plan.scope;
    let authors: Vec<_> = scope.authors.iter().collect();
    let mut narrowing: Vec<String> = [
        (filters.has_pin, terms::HAS_PIN.to_string()),
        (filters.mentions_me, terms::mention(scope.me)),
        (filters.has_file, terms::HAS_FILE.to_string()),
        (
            authors.len() == 1,
            authors
                .first()
                .map(|a| terms::from(**a))
                .unwrap_or_default(),
        ),
        (filters.has_link, terms::HAS_LINK.to_string()),
        (filters.is_thread, terms::IN_THREAD.to_string()),
    ]
    .into_iter()
    .filter_map(|(on, term)| on.then_some(term))
    .collect();
    let words = plan.query.index_words();
    let mut whole: Vec<&str> = words
        .iter()
        .filter(|w| !w.prefix)
        .map(|w| w.term.as_str())
        .collect();
    whole.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    whole.dedup();
    let longest = whole.first().map_or(0, |t| t.chars().count());
    let mut whole: Vec<String> = whole.into_iter().map(&spell).collect();
    let typed = typed_prefix(plan);
    // What is being typed leads when it is longer than every whole word: `the drire` finds
    // the few messages with drire... rather than checking every message with "the".
    let driver = match typed {
        Some(prefix) if prefix.chars().count() > longest => Driver::Prefix(spell(&prefix)),
        _ if !whole.is_empty() => Driver::Term(whole.remove(0)),
        Some(prefix) => Driver::Prefix(spell(&prefix)),
        None if !narrowing.is_empty() => Driver::Term(narrowing.remove(0)),
        None => Driver::Term(every.to_string()),
    };
    whole.append(&mut narrowing);
    whole.retain(|t| Driver::Term(t.clone()) != driver);
    (driver, whole)
}

/// The word being typed, as the prefix of its indexed terms to read; none when too short to
/// lead.
fn typed_prefix(plan: &Plan) -> Option<String> {
    let typed = plan.query.index_words().into_iter().find(|w| w.prefix)?;
    // With stemming the index holds `run` for "running": a prefix of both the stem and what was
    // typed finds either.
    let common: String = typed
        .term
        .chars()
        .zip(typed.folded.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    (common.chars().count() >= PREFIX_MIN_CHARS).then_some(common)
}

/// Whether the message passes the filters (the ones the index cannot be trusted with: it may
/// lag the message).
fn passes_filters(plan: &Plan, m: &Message) -> bool {
    let f = &plan.query.filters;
    let scope = &plan.scope;
    !m.deleted
        && m.system.is_none()
        && (scope.authors.is_empty() || scope.authors.contains(&m.author_id))
        && (!f.has_file || !m.attachments.is_empty())
        && (!f.has_link || search::has_link(&m.body))
        && (!f.has_pin || m.pinned_at.is_some())
        && (!f.is_thread || m.thread_root_id.is_some() || m.reply_count > 0)
        && (!f.mentions_me || m.mention_ids.contains(&scope.me))
}

fn check_message(plan: &Plan, m: &Message) -> Option<(MessageHit, f32)> {
    if !passes_filters(plan, m) {
        return None;
    }
    let hits = plan.query.find(&plan.analyzer, &m.body)?;
    let snippet = search::snippet(&m.body, &hits.ranges, SNIPPET_CHARS);
    Some((
        MessageHit {
            message: m.clone(),
            snippet,
        },
        hits.score,
    ))
}

/// The message's files whose names hold every word of the query (all of them when it has no
/// words).
fn check_files(plan: &Plan, m: &Message) -> Vec<FileHit> {
    if !passes_filters(plan, m) {
        return Vec::new();
    }
    m.attachments
        .iter()
        .filter_map(|file| {
            // Name parts joined by `_ . -` are words of their own; spaces keep the offsets.
            let spaced = file.name.replace(['_', '.', '-'], " ");
            let hits = plan.query.find(&plan.analyzer, &spaced)?;
            Some(FileHit {
                name: search::snippet(&file.name, &hits.ranges, FILE_NAME_MAX_CHARS),
                entry: FileEntry {
                    file: file.clone(),
                    message_id: m.id,
                    thread_root_id: m.thread_root_id,
                    author_id: m.author_id,
                    created_at: m.created_at,
                },
                parent_id: m.parent_id.clone(),
                parent_type: m.parent_type,
            })
        })
        .collect()
}

/// What one page may spend.
fn budget(state: &AppState) -> Budget {
    Budget {
        examine: SEARCH_EXAMINE_MAX,
        time: state.search_time,
    }
}

fn bad_cursor() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidCursor,
        "this cursor is not one a search of this kind gave out; start the search again",
    )
}

fn newest_cursor(raw: &str) -> Result<MessageId, ApiError> {
    raw.strip_prefix('n')
        .and_then(|id| id.parse().ok())
        .ok_or_else(bad_cursor)
}

fn relevance_cursor(raw: &str) -> Result<usize, ApiError> {
    raw.strip_prefix('r')
        .and_then(|n| n.parse().ok())
        .filter(|n| *n < SEARCH_RELEVANCE_WINDOW)
        .ok_or_else(bad_cursor)
}
