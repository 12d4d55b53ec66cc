//! People and channels by name, as someone types: every typed word must begin a word of the
//! name (folded for case and accents), and a handle or slug that begins with what was typed
//! ranks first. People are the roster anyone may list; email addresses are matched for admins
//! only, who see them anyway. Channels are the public directory and the searcher's own
//! (private and archived ones included: those are the only ones they may see).

use std::collections::HashMap;

use domain::channel::Channel;
use domain::limits::SEARCH_NAMES_MAX;
use domain::permissions;
use domain::user::{Role, User, UserView};
use domain::{ChannelId, Timestamp};
use search::{Analyzer, Language};
use store::users::Listing;

use crate::extract::Caller;
use crate::{ApiError, AppState};

/// Roster pages read for one search (500 people each): a workspace of up to 10,000 people.
const ROSTER_PAGES_MAX: usize = 20;
const ROSTER_PAGE: usize = 500;

/// What was typed, ready to compare: the whole (for handles and slugs) and its words.
pub(super) struct Typed {
    whole: String,
    words: Vec<String>,
    analyzer: Analyzer,
}

impl Typed {
    pub fn new(raw: &str) -> Self {
        // Names are not stemmed nor stop-worded: "The Team" must find "the-team".
        let analyzer = Analyzer::new(Language::None);
        let whole = raw.trim().trim_start_matches(['@', '#']).to_lowercase();
        let words = analyzer.tokens(raw).into_iter().map(|t| t.folded).collect();
        Self {
            whole,
            words,
            analyzer,
        }
    }

    /// Every typed word begins a word of `text`.
    fn begins_words_of(&self, text: &str) -> bool {
        let tokens = self.analyzer.tokens(text);
        !self.words.is_empty()
            && self
                .words
                .iter()
                .all(|w| tokens.iter().any(|t| t.folded.starts_with(w.as_str())))
    }

    /// 0 for the exact handle or slug, 1 for one that begins with it, 2 for a name whose words
    /// the typed words begin, 3 for the other fields; `None` when nothing matches.
    fn rank(&self, key: &str, name: &str, others: &[&str]) -> Option<u8> {
        if key == self.whole {
            Some(0)
        } else if !self.whole.is_empty() && key.starts_with(&self.whole) {
            Some(1)
        } else if self.begins_words_of(name) {
            Some(2)
        } else if others.iter().any(|o| self.begins_words_of(o)) {
            Some(3)
        } else {
            None
        }
    }
}

pub(super) async fn people(
    state: &AppState,
    caller: &Caller,
    typed: &Typed,
) -> Result<Vec<UserView>, ApiError> {
    let mut found: Vec<(u8, User)> = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..ROSTER_PAGES_MAX {
        let Some(page) = state
            .store
            .users()
            .list(Listing::Active, "", cursor.as_deref(), ROSTER_PAGE)
            .await?
        else {
            break;
        };
        for user in page.users {
            let email = user.email.to_lowercase();
            let by_email = caller.role == Role::Admin && email.starts_with(&typed.whole);
            let rank = typed
                .rank(&user.handle, &user.display_name, &[])
                .or(by_email.then_some(3));
            if let Some(rank) = rank {
                found.push((rank, user));
            }
        }
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    found.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.display_name.cmp(&y.display_name)));
    let now = Timestamp::now();
    Ok(found
        .into_iter()
        .take(SEARCH_NAMES_MAX)
        .map(|(_, u)| UserView::at(&u, now))
        .collect())
}

pub(super) async fn channels(
    state: &AppState,
    caller: &Caller,
    typed: &Typed,
    archived: bool,
) -> Result<Vec<Channel>, ApiError> {
    let mut seen: HashMap<ChannelId, Channel> = HashMap::new();
    let sidebar = state.store.sidebar().read(caller.id).await?;
    for row in sidebar.channels {
        seen.insert(row.channel.id, row.channel);
    }
    if permissions::can_browse_directory(caller.role) {
        let mut cursor: Option<String> = None;
        for _ in 0..ROSTER_PAGES_MAX {
            let Some(page) = state
                .store
                .channels()
                .directory("", cursor.as_deref(), ROSTER_PAGE)
                .await?
            else {
                break;
            };
            for channel in page.items {
                seen.entry(channel.id).or_insert(channel);
            }
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
    }
    let mut found: Vec<(u8, Channel)> = seen
        .into_values()
        .filter(|c| archived || !c.archived)
        .filter_map(|c| {
            typed
                .rank(&c.slug, &c.name, &[&c.description])
                .map(|rank| (rank, c))
        })
        .collect();
    found.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.slug.cmp(&y.slug)));
    Ok(found
        .into_iter()
        .take(SEARCH_NAMES_MAX)
        .map(|(_, c)| c)
        .collect())
}
