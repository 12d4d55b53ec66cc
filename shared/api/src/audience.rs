//! Who hears of what: an event about a channel or conversation goes to its members' live
//! connections, an event about one person to their own devices. The members come from the Redis
//! cache at the members version the caller knows (`realtime::audience`; a send learns it from
//! its own write), or from one DynamoDB Query when the cache does not hold that version, and
//! are cached for the next event. Reading them and numbering the event on every connection is
//! one Redis round trip, however many members. Delivery problems are logged, never returned:
//! the change already happened. A change to a person (name, status, account) goes to everyone
//! who shares a channel or conversation with them, since they show that person's name.

use domain::events::ServerEvent;
use domain::sidebar::Membership;
use domain::user::{User, UserView};
use domain::{Parent, ParentType, UserId};
use futures::StreamExt;
use realtime::audience::Audience;
use realtime::fanout::{self, retrying};
use tokio::time::Instant;

use crate::{ApiError, AppState};

/// Sends `event` to every member's live connections.
pub async fn publish(state: &AppState, parent: Parent, event: &ServerEvent) {
    publish_at(state, parent, None, event).await;
}

/// Sends a new message to the members, and returns them with whether each muted the parent
/// (for notifications, from the same read). `members_version` is the parent's members version
/// the message was stored at, when the write said.
pub async fn publish_message(
    state: &AppState,
    parent: Parent,
    members_version: Option<u64>,
    event: &ServerEvent,
) -> Vec<(UserId, bool)> {
    publish_at(state, parent, members_version, event).await
}

/// Sends `event` to one user's live connections (their sidebar, on every device).
pub async fn tell(state: &AppState, user: UserId, event: &ServerEvent) {
    state.fanout.send(event, &[user]).await;
}

async fn publish_at(
    state: &AppState,
    parent: Parent,
    version: Option<u64>,
    event: &ServerEvent,
) -> Vec<(UserId, bool)> {
    let started = Instant::now();
    let Some(frame) = fanout::frame(event) else {
        return Vec::new();
    };
    let Some(audience) = claim(state, parent, version, started).await else {
        return Vec::new();
    };
    state
        .fanout
        .deliver(event.kind(), frame, audience.targets, started)
        .await;
    audience.members
}

/// The members of `parent`, with the next event numbered on each of their live connections.
/// `None` (logged) when neither the cache nor the table could say.
async fn claim(
    state: &AppState,
    parent: Parent,
    version: Option<u64>,
    started: Instant,
) -> Option<Audience> {
    let workspace = state.config.dynamodb_table.as_str();
    let key = parent.to_string();
    let memberships = state.store.memberships();
    let version = match version {
        Some(version) => version,
        None => match memberships.version(parent).await {
            Ok(version) => version,
            Err(e) => {
                tracing::error!(error = %e, %parent, "cannot read the members version for fan-out");
                return None;
            }
        },
    };
    let cached = retrying(started, "read the audience", || {
        state.redis.claim_cached_audience(workspace, &key, version)
    })
    .await;
    match cached {
        Some(Some(audience)) => return Some(audience),
        Some(None) => {}
        None => {
            tracing::error!(%parent, "fan-out gave up: Redis could not be read; members catch up when they next reconnect");
            return None;
        }
    }
    let list = match memberships.members_muted(parent).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, %parent, "cannot list members for fan-out");
            return None;
        }
    };
    let targets = retrying(started, "cache the audience", || {
        state
            .redis
            .cache_audience(workspace, &key, list.version, &list.members, true)
    })
    .await
    .unwrap_or_default();
    Some(Audience {
        members: list.members,
        targets,
    })
}

/// Member lists read at once while gathering an audience.
const CONCURRENT_READS: usize = 8;

/// `user` and everyone who shares a channel or conversation with them, once each.
pub async fn sharing_with(state: &AppState, user: UserId) -> Result<Vec<UserId>, ApiError> {
    let memberships = state.store.memberships();
    let mut rows: Vec<Membership> = memberships.for_user(user, ParentType::Channel).await?;
    rows.extend(memberships.for_user(user, ParentType::Conversation).await?);
    let parents: Vec<Parent> = rows
        .iter()
        .filter_map(|m| Parent::from_parts(m.parent_type, &m.parent_id))
        .collect();
    let lists: Vec<Result<Vec<UserId>, store::StoreError>> = futures::stream::iter(parents)
        .map(|parent| async move { memberships.member_ids(parent).await })
        .buffer_unordered(CONCURRENT_READS)
        .collect()
        .await;
    let mut everyone = vec![user];
    for list in lists {
        everyone.extend(list?);
    }
    everyone.sort_unstable();
    everyone.dedup();
    Ok(everyone)
}

/// Sends `user.updated` with what others see of `user` to their audience. A failure is logged:
/// the change itself is already saved, and clients read it again on their next load.
pub async fn user_changed(state: &AppState, user: &User) {
    match sharing_with(state, user.id).await {
        Ok(people) => {
            let event = ServerEvent::UserUpdated(UserView::from(user));
            state.fanout.send(&event, &people).await;
        }
        Err(e) => {
            e.log_cause();
            tracing::error!(user = %user.id, "cannot tell others that a person changed");
        }
    }
}
