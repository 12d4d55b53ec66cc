//! Who hears about a new message, decided here on the server: a `@handle` mention always
//! (even when muted), `@all` every member and `@here` every member online now (not away) who
//! did not mute, every participant of a direct or group conversation who did not mute, and a
//! thread's followers for its replies. Never the author, never for system messages, one
//! notification per person (the strongest reason wins). Each person's level says whether they
//! want it: the one they chose for that channel or conversation (its menu), or else their own.
//! A plain top-level channel message notifies nobody and costs no read.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::NOTIFICATION_EXCERPT_CHARS;
use domain::message::Message;
use domain::notifications::{Notification, NotificationKind, NotificationSettings, NotifyLevel};
use domain::{Parent, UserId};

use crate::extract::{Caller, JsonBody};
use crate::{ApiError, AppState};

/// Mention is the strongest reason, then a conversation message, then a thread reply.
fn rank(kind: NotificationKind) -> u8 {
    match kind {
        NotificationKind::Mention => 3,
        NotificationKind::Message => 2,
        NotificationKind::ThreadReply => 1,
    }
}

/// One line, at most `NOTIFICATION_EXCERPT_CHARS` characters.
pub fn excerpt(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= NOTIFICATION_EXCERPT_CHARS {
        return line;
    }
    let cut: String = line.chars().take(NOTIFICATION_EXCERPT_CHARS - 1).collect();
    format!("{cut}…")
}

/// Whether a person at `level` wants a notification of `kind` from `parent`. The level is the
/// one they chose for that place, or else their own setting.
fn wants(level: NotifyLevel, kind: NotificationKind, parent: Parent) -> bool {
    match level {
        NotifyLevel::All => true,
        NotifyLevel::Mentions => {
            kind == NotificationKind::Mention
                || (kind == NotificationKind::Message && matches!(parent, Parent::Conversation(_)))
        }
        NotifyLevel::Nothing => false,
    }
}

/// Called after a message is stored and sent to `members` (with whether each muted it).
pub async fn message_sent(state: &AppState, message: &Message, members: &[(UserId, bool)]) {
    if let Err(e) = notify(state, message, members).await {
        e.log_cause();
    }
}

async fn notify(
    state: &AppState,
    message: &Message,
    members: &[(UserId, bool)],
) -> Result<(), ApiError> {
    let Some(parent) = Parent::from_parts(message.parent_type, &message.parent_id) else {
        return Ok(());
    };
    let conversation = matches!(parent, Parent::Conversation(_));
    let mentions = !message.mention_ids.is_empty() || message.mentions_all || message.mentions_here;
    if message.system.is_some() || message.deleted {
        return Ok(());
    }
    if !conversation && message.thread_root_id.is_none() && !mentions {
        return Ok(());
    }
    let muted: HashMap<UserId, bool> = members.iter().copied().collect();
    let listening = |user: &UserId| muted.get(user) == Some(&false);
    let mut reasons: HashMap<UserId, NotificationKind> = HashMap::new();
    let mut give = |user: UserId, kind: NotificationKind| {
        if user == message.author_id {
            return;
        }
        let stronger = reasons.get(&user).is_none_or(|k| rank(kind) > rank(*k));
        if stronger {
            reasons.insert(user, kind);
        }
    };
    if let Some(root) = message.thread_root_id {
        let followers = state.store.threads().followers(parent, root).await?;
        for user in followers.into_iter().filter(listening) {
            give(user, NotificationKind::ThreadReply);
        }
    }
    if conversation {
        for (user, _) in members.iter().filter(|(u, _)| listening(u)) {
            give(*user, NotificationKind::Message);
        }
    }
    if message.mentions_all {
        for (user, _) in members.iter().filter(|(u, _)| listening(u)) {
            give(*user, NotificationKind::Mention);
        }
    }
    if message.mentions_here {
        let candidates: Vec<UserId> = members
            .iter()
            .filter(|(u, _)| listening(u))
            .map(|(u, _)| *u)
            .collect();
        for user in state.redis.online(&candidates).await? {
            give(user, NotificationKind::Mention);
        }
    }
    // A mention by handle reaches a member even when they muted the conversation.
    for user in message.mention_ids.iter().filter(|u| muted.contains_key(u)) {
        give(*user, NotificationKind::Mention);
    }
    if reasons.is_empty() {
        return Ok(());
    }
    let people: Vec<UserId> = reasons.keys().copied().collect();
    let settings = state.store.settings().notifications_of(&people).await?;
    let chosen = state
        .store
        .memberships()
        .notify_levels(parent, &people)
        .await?;
    let level = |user: &UserId| {
        chosen
            .get(user)
            .copied()
            .or_else(|| settings.get(user).map(|s| s.level))
    };
    // One fan-out per kind, to everyone who gets that kind: an `@all` into a big channel is one
    // Redis round trip and one frame built, not one of each per person.
    let mut audiences: Vec<(NotificationKind, Vec<UserId>)> = Vec::new();
    let mut mailable: Vec<(UserId, NotificationKind)> = Vec::new();
    for (user, kind) in reasons {
        if !level(&user).is_some_and(|l| wants(l, kind, parent)) {
            continue;
        }
        if settings.get(&user).is_some_and(|s| s.email) {
            mailable.push((user, kind));
        }
        match audiences.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, users)) => users.push(user),
            None => audiences.push((kind, vec![user])),
        }
    }
    for (kind, users) in audiences {
        let event = ServerEvent::NotificationNew(Notification {
            kind,
            parent_id: message.parent_id.clone(),
            parent_type: message.parent_type,
            message_id: message.id,
            thread_root_id: message.thread_root_id,
            author_id: message.author_id,
            excerpt: excerpt(&message.body),
            created_at: message.created_at,
        });
        state.fanout.send(&event, &users).await;
    }
    crate::away_mail::after_send(state, parent, message, &mailable).await;
    Ok(())
}

/// The caller's notification settings (the defaults until they change them).
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings), (status = 401, body = ApiErrorResponse)))]
pub async fn settings(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<NotificationSettings>, ApiError> {
    Ok(Json(state.store.settings().notifications(caller.id).await?))
}

/// Changes the caller's notification settings, for every device.
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "users", security(("bearer" = [])),
    request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings), (status = 400, body = ApiErrorResponse)))]
pub async fn set_settings(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(settings): JsonBody<NotificationSettings>,
) -> Result<Json<NotificationSettings>, ApiError> {
    state
        .store
        .settings()
        .set_notifications(caller.id, &settings)
        .await?;
    Ok(Json(settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_bounded_line() {
        assert_eq!(excerpt("hello\n  world"), "hello world");
        let long = "x".repeat(200);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), NOTIFICATION_EXCERPT_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn levels_filter_by_kind() {
        let channel = Parent::Channel(domain::ChannelId::new());
        let dm = Parent::Conversation(domain::ConversationId::new());
        let mentions = NotifyLevel::Mentions;
        assert!(wants(mentions, NotificationKind::Mention, channel));
        assert!(wants(mentions, NotificationKind::Message, dm));
        assert!(!wants(mentions, NotificationKind::ThreadReply, channel));
        assert!(!wants(
            NotifyLevel::Nothing,
            NotificationKind::Mention,
            channel
        ));
        assert!(wants(
            NotifyLevel::All,
            NotificationKind::ThreadReply,
            channel
        ));
    }
}
