//! Walking the index of every place in scope at once, newest first. Each place keeps what it
//! has read and not yet handed over; a step reads on only in the places that ran dry (with
//! pages that grow as a place keeps giving) and hands over every posting newer than what any
//! place has yet to read, so the steps together give every posting exactly once, in order,
//! and a cursor (the frontier) says where to go on.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use domain::message::Message;
use domain::{MessageId, Parent};
use futures::{StreamExt, TryStreamExt};
use store::search::{PREFIX_POSTINGS_MAX, Posting, Postings, SearchIndex, Terms, Window};
use ulid::Ulid;

use crate::{ApiError, AppState};

/// Places read at once: DynamoDB serves them in parallel.
const PLACES_AT_ONCE: usize = 32;
/// Messages read and checked at once (one BatchGetItem).
const CHECK_BATCH: usize = 50;
/// Batches of messages read at once.
const BATCHES_AHEAD: usize = 4;
/// Postings of another term read to narrow a read's candidates, per candidate: a term with
/// more than this many in the read's time span is commoner than the leading one there, and
/// narrowing by it would cost more reading than checking the candidates does.
const NARROW_PER_CANDIDATE: usize = 4;
/// A place's page doubles each time it is read again, up to this.
const PAGE_MAX: usize = 400;
/// Postings a prefix may cover across all places: someone in many places reads fewer of each
/// (a prefix reads every posting it covers at once, since they are in term order, not time).
const PREFIX_POSTINGS_ALL: usize = 6000;
/// ... but at least this many of each place.
const PREFIX_POSTINGS_MIN: usize = 100;

/// Which postings lead the walk: one term's, or every term's that starts with a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Driver {
    Term(String),
    Prefix(String),
}

/// How much one page may cost before it answers with what it found and a cursor.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    /// Postings checked against their messages.
    pub examine: usize,
    /// Time spent walking.
    pub time: Duration,
}

/// One place's part of the walk.
struct Place {
    parent: Parent,
    /// Which term leads here: the driver (0) or one of `also` (1..); a term found rarer than
    /// the leading one in what was read takes over for the next read.
    lead: usize,
    /// Terms found too common here to narrow by: not read again (the check on the message
    /// still holds every candidate to them).
    common: Vec<usize>,
    /// Read, narrowed and not handed over yet, newest first.
    ready: VecDeque<Posting>,
    /// The oldest posting read (before narrowing): the next read starts below it.
    read_to: Option<MessageId>,
    more: bool,
    page: usize,
}

pub(super) struct Walk<'a> {
    state: &'a AppState,
    driver: Driver,
    /// Other terms every match holds: candidates without them are dropped before their
    /// messages are read.
    also: Vec<String>,
    after: Option<MessageId>,
    places: Vec<Place>,
    /// Everything newer than this has been handed over.
    frontier: Option<MessageId>,
    done: bool,
}

/// What one read of a place gave.
struct Read {
    postings: Vec<Posting>,
    more: bool,
    oldest: Option<MessageId>,
    /// The rarest other term in the read's span, when rarer than the leading one.
    rarer: Option<usize>,
    /// Other terms found too common in the read's span to narrow by.
    common: Vec<usize>,
}

/// What a walk found, and the cursor to find more (none at the end).
pub(super) struct Found<T> {
    pub items: Vec<T>,
    pub next: Option<MessageId>,
}

impl<'a> Walk<'a> {
    /// A walk of messages older than `start` (a cursor) and inside `window`, reading
    /// `per_place` postings of each place at first.
    pub fn new(
        state: &'a AppState,
        places: &[Parent],
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
        let page = match driver {
            // A prefix's postings are sorted by term, not time: one read takes all there are.
            Driver::Prefix(_) => (PREFIX_POSTINGS_ALL / places.len().max(1))
                .clamp(PREFIX_POSTINGS_MIN, PREFIX_POSTINGS_MAX),
            Driver::Term(_) => per_place.clamp(2, PAGE_MAX),
        };
        Self {
            state,
            driver,
            also,
            after: window.after,
            places: places
                .iter()
                .map(|&parent| Place {
                    parent,
                    lead: 0,
                    common: Vec::new(),
                    ready: VecDeque::new(),
                    read_to: frontier,
                    more: true,
                    page,
                })
                .collect(),
            frontier,
            done: places.is_empty(),
        }
    }

    /// The next postings, newest first; `None` once every posting was handed over.
    async fn step(&mut self) -> Result<Option<Vec<(Parent, Posting)>>, ApiError> {
        if self.done {
            return Ok(None);
        }
        // Read on where nothing read is left to hand over, and where the unread rest is the
        // newest (it holds back every other place).
        let holding = self.boundary();
        let wanted: Vec<usize> = (0..self.places.len())
            .filter(|&i| {
                let p = &self.places[i];
                p.more && (p.ready.is_empty() || p.read_to == holding)
            })
            .collect();
        let this = &*self;
        let reads: Vec<(usize, Read)> = futures::stream::iter(wanted)
            .map(|i| async move { this.read_place(&this.places[i]).await.map(|r| (i, r)) })
            .buffer_unordered(PLACES_AT_ONCE)
            .try_collect()
            .await?;
        for (i, read) in reads {
            let place = &mut self.places[i];
            place.ready.extend(read.postings);
            place.more = read.more;
            place.read_to = read.oldest.or(place.read_to);
            place.page = (place.page * 2).min(PAGE_MAX);
            if let Some(rarer) = read.rarer {
                place.lead = rarer;
            }
            place.common.extend(read.common);
        }
        // Below the newest of the places' unread rests, a place may still hold postings newer
        // than what another place hands over: stop there.
        let boundary = self.boundary();
        let mut postings = Vec::new();
        for place in &mut self.places {
            while let Some(posting) = place.ready.front() {
                if boundary.is_some_and(|b| posting.id <= b) {
                    break;
                }
                postings.extend(place.ready.pop_front().map(|p| (place.parent, p)));
            }
        }
        postings.sort_by_key(|(_, posting)| std::cmp::Reverse(posting.id));
        self.frontier = boundary;
        self.done = boundary.is_none();
        Ok(Some(postings))
    }

    /// The newest posting some place has yet to read (none when every place was read out).
    fn boundary(&self) -> Option<MessageId> {
        self.places
            .iter()
            .filter(|p| p.more)
            .filter_map(|p| p.read_to)
            .max()
    }

    /// A place's next postings of its leading term, narrowed to those that also have every
    /// other term (each read over the same span of time, when it is not too common there).
    async fn read_place(&self, place: &Place) -> Result<Read, ApiError> {
        let index = self.state.store.search_index();
        let window = Window {
            after: self.after,
            before: place.read_to,
        };
        let lead = match (&self.driver, place.lead) {
            (Driver::Prefix(prefix), 0) => Terms::Prefix(prefix),
            (Driver::Term(term), 0) => Terms::Exact(term),
            (_, n) => Terms::Exact(&self.also[n - 1]),
        };
        let Postings { mut postings, more } = index
            .postings(place.parent, lead, window, place.page)
            .await?;
        // A prefix's one read is all of it: reading again would give the same postings.
        let more = more && matches!(lead, Terms::Exact(_));
        let oldest = postings.last().map(|p| p.id);
        let read = postings.len();
        let mut rarer: Option<(usize, usize)> = None;
        let mut common = Vec::new();
        if let Some(oldest) = oldest {
            let span = Window {
                after: Some(MessageId(Ulid(oldest.0.0.saturating_sub(1)))),
                before: window.before,
            };
            let others = std::iter::once(self.driver_term())
                .chain(self.also.iter().map(|t| Some(t.as_str())))
                .enumerate()
                .filter(|(n, _)| *n != place.lead && !place.common.contains(n));
            for (n, term) in others {
                let Some(term) = term else { continue };
                if postings.is_empty() {
                    break;
                }
                let most = read * NARROW_PER_CANDIDATE;
                let other = index
                    .postings(place.parent, Terms::Exact(term), span, most)
                    .await?;
                if !other.more {
                    let ids: HashSet<MessageId> = other.postings.iter().map(|p| p.id).collect();
                    postings.retain(|p| ids.contains(&p.id));
                    let count = other.postings.len();
                    if count < read && rarer.is_none_or(|(_, c)| count < c) {
                        rarer = Some((n, count));
                    }
                } else {
                    common.push(n);
                }
            }
        }
        Ok(Read {
            postings,
            more,
            oldest,
            // Only a whole term can lead in turn: a prefix's postings are not in time order.
            rarer: rarer
                .filter(|_| matches!(self.driver, Driver::Term(_)))
                .map(|(n, _)| n),
            common,
        })
    }

    /// The driver as a whole term, if it is one.
    fn driver_term(&self) -> Option<&str> {
        match &self.driver {
            Driver::Term(term) => Some(term),
            Driver::Prefix(_) => None,
        }
    }

    /// Walks until `want` items are found, the walk ends, or the budget is spent; `check`
    /// turns a message into the items it gives (none when it does not match).
    pub async fn find<T>(
        mut self,
        want: usize,
        budget: Budget,
        mut check: impl FnMut(&Message) -> Vec<T>,
    ) -> Result<Found<T>, ApiError> {
        let started = Instant::now();
        let mut items = Vec::new();
        let mut examined = 0;
        loop {
            let step_started = Instant::now();
            let Some(postings) = self.step().await? else {
                break;
            };
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
                if examined >= budget.examine || started.elapsed() >= budget.time {
                    // The cursor goes on after the last posting checked, even when the walk
                    // had more in hand.
                    return Ok(Found {
                        items,
                        next: batch.last().map(|(_, p)| p.id),
                    });
                }
            }
            // Another step likely takes as long as this one: it is not begun when it would end
            // past the budget.
            let last_step = step_started.elapsed();
            if started.elapsed() + last_step >= budget.time && !self.done {
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
