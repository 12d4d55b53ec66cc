//! Telling people that someone changed: whoever shares a channel or conversation with a person
//! shows their name, so they hear when it (or whether the account is active) changes.

use domain::events::ServerEvent;
use domain::sidebar::Membership;
use domain::user::{User, UserView};
use domain::{Parent, ParentType, UserId};
use futures::StreamExt;

use crate::{ApiError, AppState};

/// Member lists read at once while gathering an audience.
const CONCURRENT_READS: usize = 8;

/// `user` and everyone who shares a channel or conversation with them, once each.
pub async fn audience(state: &AppState, user: UserId) -> Result<Vec<UserId>, ApiError> {
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
    match audience(state, user.id).await {
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
