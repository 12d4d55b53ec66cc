//! Where a search may look and what its filters name: the places the searcher is a member of
//! (channels, private ones included, and conversations) and nothing else, narrowed by `in:`;
//! `from:` and `mentions:@me` as ids; the dates as a window of message ids. A place the
//! searcher is not in is answered exactly as one that does not exist.

use std::collections::HashSet;

use domain::conversation::Participants;
use domain::{ErrorCode, MessageId, Parent, ParentType, UserId};
use search::{Filters, Place};
use store::search::Window;
use ulid::Ulid;

use crate::extract::Caller;
use crate::{ApiError, AppState};

/// What a search is allowed to read, and what its filters resolved to.
pub(super) struct Scope {
    pub me: UserId,
    /// The partitions to read: only places the searcher is in.
    pub places: Vec<Parent>,
    /// Authors asked for by `from:`; empty when there is no `from:`.
    pub authors: HashSet<UserId>,
    /// `from:` named only people who do not exist: nothing can match.
    pub nobody: bool,
    /// The date filters as message ids (ULIDs carry their time).
    pub window: Window,
}

impl Scope {
    pub async fn of(
        state: &AppState,
        caller: &Caller,
        filters: &Filters,
        zone: &jiff::tz::TimeZone,
    ) -> Result<Self, ApiError> {
        let memberships = state.store.memberships();
        let (channels, conversations) = tokio::try_join!(
            memberships.for_user(caller.id, ParentType::Channel),
            memberships.for_user(caller.id, ParentType::Conversation),
        )?;
        let mine: Vec<Parent> = channels
            .iter()
            .chain(&conversations)
            .filter_map(|m| Parent::from_parts(m.parent_type, &m.parent_id))
            .collect();
        let places = match &filters.place {
            None => mine,
            Some(place) => {
                let wanted = resolve_place(state, caller.id, place).await?;
                match wanted.filter(|p| mine.contains(p)) {
                    Some(parent) => vec![parent],
                    None => return Err(unknown_place(place)),
                }
            }
        };
        let (authors, nobody) = if filters.from.is_empty() {
            (HashSet::new(), false)
        } else {
            let handles: Vec<&str> = filters.from.iter().map(String::as_str).collect();
            let found = state.store.users().by_handles(&handles).await?;
            let authors: HashSet<UserId> = found.into_iter().map(|(_, id)| id).collect();
            let nobody = authors.is_empty();
            (authors, nobody)
        };
        Ok(Self {
            me: caller.id,
            places,
            authors,
            nobody,
            window: window(filters.time_range(zone)),
        })
    }
}

/// The place `in:` names, if it exists; whether the searcher is in it is checked against their
/// memberships, never by asking the place.
async fn resolve_place(
    state: &AppState,
    me: UserId,
    place: &Place,
) -> Result<Option<Parent>, ApiError> {
    Ok(match place {
        Place::Channel(slug) => state
            .store
            .channels()
            .by_slug(slug)
            .await?
            .map(|c| Parent::Channel(c.id)),
        Place::Person(handle) => {
            let Some((_, other)) = state.store.users().by_handles(&[handle]).await?.pop() else {
                return Ok(None);
            };
            let people = Participants::parse(me, &[other])
                .map_err(|e| ApiError::bad_request(ErrorCode::InvalidSearchFilter, e.message))?;
            state
                .store
                .conversations()
                .find(&people)
                .await?
                .map(|c| Parent::Conversation(c.id))
        }
    })
}

fn unknown_place(place: &Place) -> ApiError {
    let message = match place {
        Place::Channel(slug) => {
            format!("You are not in a channel named #{slug}; check the name or leave out in:.")
        }
        Place::Person(handle) => {
            format!("You have no conversation with @{handle}; check the handle or leave out in:.")
        }
    };
    ApiError::bad_request(ErrorCode::UnknownSearchPlace, message)
}

/// `[from, to)` as ids strictly between: every id made at or after `from` is above the last
/// id of the millisecond before it, and every id made before `to` is below the first of `to`.
fn window((from, to): (Option<jiff::Timestamp>, Option<jiff::Timestamp>)) -> Window {
    let millis = |t: jiff::Timestamp| u64::try_from(t.as_millisecond()).unwrap_or(0);
    Window {
        after: from.map(|t| MessageId(Ulid::from_parts(millis(t).saturating_sub(1), u128::MAX))),
        before: to.map(|t| MessageId(Ulid::from_parts(millis(t), 0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_exactly_the_ids_made_inside_it() {
        let from = jiff::Timestamp::from_millisecond(1_000_000).unwrap();
        let to = jiff::Timestamp::from_millisecond(2_000_000).unwrap();
        let w = window((Some(from), Some(to)));
        let id = |ms: u64, random: u128| MessageId(Ulid::from_parts(ms, random));
        let inside = |m: MessageId| w.after.is_none_or(|a| m > a) && w.before.is_none_or(|b| m < b);
        assert!(inside(id(1_000_000, 0)));
        assert!(inside(id(1_999_999, u128::MAX)));
        assert!(!inside(id(999_999, u128::MAX)));
        assert!(!inside(id(2_000_000, 0)));
        assert_eq!(window((None, None)), Window::default());
    }
}
