//! Cutting access off, and checking that it stays cut off. The record lives in DynamoDB
//! (`store::revocations`), written before anything else happens; Redis keeps a copy so a request
//! costs one Redis read, and a copy that is missing or unreadable means "read the table", never
//! "nothing revoked". So no Redis restart, expiry or outage lets a revoked token work again.

use domain::revocation::{ENDED_FAMILY_MEMORY_SECONDS, Grant, Revocations};
use domain::{Timestamp, UserId};

use crate::{ApiError, AppState};

pub use domain::revocation::now_ms;

/// What is revoked for `user`: the cached copy, or the table (which then fills the cache).
pub async fn current(state: &AppState, user: UserId) -> Result<Revocations, ApiError> {
    let redis_out = match state.redis.cached_revocations(user).await {
        Ok(Some(cached)) => return Ok(cached),
        Ok(None) => false,
        Err(e) => {
            tracing::warn!(error = %e, "revocation cache unreadable; reading the table");
            e.is_unavailable()
        }
    };
    let loaded = state
        .store
        .revocations()
        .get(user, Timestamp::now().unix_seconds())
        .await?;
    // A Redis that just did not answer would not take the copy either: trying would only add
    // its time limit to every request while it is out.
    if !redis_out && let Err(e) = state.redis.fill_revocations(user, &loaded).await {
        tracing::debug!(error = %e, "revocation cache not filled");
    }
    Ok(loaded)
}

/// Whether `grant` of `user` has been revoked.
pub async fn refused(state: &AppState, user: UserId, grant: &Grant) -> Result<bool, ApiError> {
    let revocations = current(state, user).await?;
    Ok(revocations.refuses(grant, Timestamp::now().unix_seconds()))
}

/// Ends every access token and ticket of `user` issued until now (deactivation, a role change,
/// "log out everywhere", a password reset) and closes their open WebSockets. Their refresh
/// sessions stay unless the caller ends them: a role change takes effect at the next refresh.
pub async fn revoke_access(state: &AppState, user: UserId) -> Result<(), ApiError> {
    let at = now_ms();
    state.store.revocations().cut_off(user, at).await?;
    let added = Revocations {
        before_ms: at,
        ..Default::default()
    };
    cache(state, user, &added).await;
    match state.fanout.disconnect(user).await {
        Ok(closed) => tracing::info!(%user, closed, "access revoked"),
        Err(e) => tracing::error!(%user, error = %e,
            "access revoked, but open connections could not be listed; their next ping closes them"),
    }
    Ok(())
}

/// Ends `family` of `user` (one device's sign-in): its refresh tokens, the access tokens it
/// issued, and the sockets it opened. Used when that device signs out, and when a replaced
/// refresh token comes back.
pub async fn end_family(state: &AppState, user: UserId, family: &str) -> Result<usize, ApiError> {
    // Records the revocation in the table before removing the refresh tokens.
    let ended = state.store.sessions().end_family(user, family).await?;
    let mut added = Revocations::default();
    added.ended_families.insert(
        family.to_string(),
        Timestamp::now().unix_seconds() + ENDED_FAMILY_MEMORY_SECONDS,
    );
    cache(state, user, &added).await;
    match state.fanout.disconnect_family(user, family).await {
        Ok(closed) => tracing::info!(%user, closed, "session family ended"),
        Err(e) => tracing::error!(%user, error = %e,
            "session family ended, but its connections could not be listed; their next ping closes them"),
    }
    Ok(ended)
}

/// Puts a revocation just recorded into the cache. The table already has it: a cache that
/// misses this still reads the table within its expiry, and an unreadable one reads it at once.
async fn cache(state: &AppState, user: UserId, added: &Revocations) {
    for attempt in 1..=3u64 {
        match state.redis.add_revocation(user, added).await {
            Ok(()) => return,
            Err(e) if attempt == 3 => {
                // A stale copy must not outlive this: without one, readers go to the table.
                let dropped = state.redis.forget_cached_revocations(user).await.is_ok();
                tracing::error!(%user, error = %e, dropped, "revocation recorded, but not cached");
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await,
        }
    }
}
