//! Walking the index of every place in scope at once, newest first: each step reads the next
//! postings of each place (in parallel) and hands over those newer than every place's
//! unread rest, so the steps together give every posting exactly once, in order, and a cursor
//! (the boundary) says where to go on.

use std::collections::{HashMap, HashSet};

use domain::message::Message;
use domain::{MessageId, Parent};
use futures::{StreamExt, TryStreamExt};
use store::search::{Posting, Postings, SearchIndex, Terms, Window};
use ulid::Ulid;

use crate::{ApiError, AppState};

/// Places read at once: DynamoDB serves them in parallel; more only queue.
const PLACES_AT_ONCE: usize = 16;
/// Messages read and checked at once (one BatchGetItem).
const CHECK_BATCH: usize = 50;
/// Batches of messages read at once.
const BATCHES_AHEAD: usize = 4;
/// Postings of another term read to narrow a step's candidates, per candidate: a term with
/// more than this many in the step's time span is commoner than the leading one there, and
/// narrowing by it would cost more reading than checking the candidates does.
const NARROW_PER_CANDIDATE: usize = 4;

/// Which postings lead the walk: one term's, or every term's that starts with a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Driver {
    Term(String),
    Prefix(String),
}

pub(super) struct Walk<'a> {
    state: &'a AppState,
    places: &'a [Parent],
    driver: Driver,
    /// Other terms every match holds: candidates without them are dropped before their
    /// messages are read.
    also: Vec<String>,
    window: Window,
    /// Everything newer than this has been handed over.
    frontier: Option<MessageId>,
    done: bool,
    per_place: usize,
}

/// A place's part of a step: its candidates, whether it has more, and the oldest posting it
/// read (before narrowing: where its unread rest begins).
struct Read {
    place: Parent,
    postings: Vec<Posting>,
    more: bool,
    oldest: Option<MessageId>,
}

/// What a walk found, and the cursor to find more (none at the end).
pub(super) struct Found<T> {
    pub items: Vec<T>,
    pub next: Option<MessageId>,
}

impl<'a> Walk<'a> {
    /// A walk of messages older than `start` (a cursor) and inside `window`.
    pub fn new(
        state: &'a AppState,
        places: &'a [Parent],
        driver: Driver,
        also: Vec<String>,
        window: Window,
        start: Option<MessageId>,
        per_place: usize,
    ) -> Self {
        let frontier = match (start, window.before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Self {
            state,
            places,
            driver,
            also,
            window,
            frontier,
            done: places.is_empty(),
            per_place: per_place.max(2),
        }
    }

    /// The next postings, newest first; `None` once every posting was handed over.
    async fn step(&mut self) -> Result<Option<Vec<(Parent, Posting)>>, ApiError> {
        if self.done {
            return Ok(None);
        }
        let window = Window {
            after: self.window.after,
            before: self.frontier,
        };
        let terms = match &self.driver {
            Driver::Term(term) => Terms::Exact(term),
            Driver::Prefix(prefix) => Terms::Prefix(prefix),
        };
        let per_place = self.per_place;
        let also = &self.also;
        let read: Vec<Read> = futures::stream::iter(self.places.iter().copied())
            .map(|place| self.read_place(place, terms, window, per_place, also))
            .buffer_unordered(PLACES_AT_ONCE)
            .try_collect()
            .await?;
        // Below the newest of the places' unread rests, a place may still hold postings newer
        // than what another place handed over: stop there.
        let boundary = read
            .iter()
            .filter(|r| r.more)
            .filter_map(|r| r.oldest)
            .max();
        let mut postings: Vec<(Parent, Posting)> = read
            .into_iter()
            .flat_map(|r| {
                r.postings
                    .into_iter()
                    .map(move |posting| (r.place, posting))
            })
            .filter(|(_, posting)| boundary.is_none_or(|b| posting.id > b))
            .collect();
        postings.sort_by_key(|(_, posting)| std::cmp::Reverse(posting.id));
        self.frontier = boundary;
        self.done = boundary.is_none();
        Ok(Some(postings))
    }

    /// One place's next postings of the driver, narrowed to those that also have every term
    /// of `also` (each read over the same span of time, when it is not too common there).
    async fn read_place(
        &self,
        place: Parent,
        terms: Terms<'_>,
        window: Window,
        per_place: usize,
        also: &[String],
    ) -> Result<Read, ApiError> {
        let index = self.state.store.search_index();
        let Postings { mut postings, more } =
            index.postings(place, terms, window, per_place).await?;
        let oldest = postings.last().map(|p| p.id);
        if let Some(oldest) = oldest {
            let span = Window {
                after: Some(MessageId(Ulid(oldest.0.0.saturating_sub(1)))),
                before: window.before,
            };
            for term in also {
                if postings.is_empty() {
                    break;
                }
                let most = postings.len() * NARROW_PER_CANDIDATE;
                let other = index
                    .postings(place, Terms::Exact(term), span, most)
                    .await?;
                if !other.more {
                    let ids: HashSet<MessageId> = other.postings.iter().map(|p| p.id).collect();
                    postings.retain(|p| ids.contains(&p.id));
                }
            }
        }
        Ok(Read {
            place,
            postings,
            more,
            oldest,
        })
    }

    /// Walks until `want` items are found, the walk ends, or `examine_max` postings were
    /// checked; `check` turns a message into the items it gives (none when it does not match).
    pub async fn find<T>(
        mut self,
        want: usize,
        examine_max: usize,
        mut check: impl FnMut(&Message) -> Vec<T>,
    ) -> Result<Found<T>, ApiError> {
        let mut items = Vec::new();
        let mut examined = 0;
        while let Some(postings) = self.step().await? {
            let index = self.state.store.search_index();
            // A few batches read ahead while the first is checked; what is not needed once
            // enough is found is dropped unread.
            let batches: Vec<Vec<(Parent, Posting)>> =
                postings.chunks(CHECK_BATCH).map(<[_]>::to_vec).collect();
            let mut batches = futures::stream::iter(batches)
                .map(|batch| read_batch(index, batch))
                .buffered(BATCHES_AHEAD);
            while let Some((batch, messages)) = batches.try_next().await? {
                for (_, posting) in &batch {
                    examined += 1;
                    if let Some(message) = messages.get(&posting.id) {
                        items.extend(check(message));
                    }
                    if items.len() >= want {
                        return Ok(Found {
                            items,
                            next: Some(posting.id),
                        });
                    }
                }
            }
            if examined >= examine_max && !self.done {
                return Ok(Found {
                    items,
                    next: self.frontier,
                });
            }
        }
        Ok(Found { items, next: None })
    }
}

/// The messages of a batch of postings, with the batch.
async fn read_batch(
    index: SearchIndex<'_>,
    batch: Vec<(Parent, Posting)>,
) -> Result<(Vec<(Parent, Posting)>, HashMap<MessageId, Message>), ApiError> {
    let refs: Vec<(Parent, &Posting)> = batch.iter().map(|(p, x)| (*p, x)).collect();
    let found = index.messages(&refs).await?;
    Ok((batch, found))
}
