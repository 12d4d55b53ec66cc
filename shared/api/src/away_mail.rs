//! Mail when away: someone mentioned or sent a direct (or group) message while they had no app
//! open for a while gets one mail about it, through the same mailer as invites (SES v2, or the
//! log), at most one per `AWAY_MAIL_GAP_SECONDS`, when their settings let the notification
//! through and they did not turn mail off. Each mail carries a signed link that turns mail off
//! without signing in (`unsubscribe`).
//!
//! It runs in the REST function right after a send, from `notifications`, which has already
//! decided who is notified and read their settings: nothing new is read for a message that
//! notifies nobody, and the fan-out function stays a poster of frames to connections. What a
//! send adds for an offline recipient: one Redis round trip for all of them (presence and
//! recently seen), one SET NX each, one read of their accounts, the channel's name, and the
//! mail. A mail that cannot be sent gives its claim back, so the next message tries again; the
//! send itself never fails for it.

use domain::message::Message;
use domain::notifications::NotificationKind;
use domain::user::User;
use domain::{Parent, UserId};

use crate::mail::Mail;
use crate::{ApiError, AppState};

/// Mails those of `notified` (already filtered by their level) who want mail, are mentioned or
/// written to directly, and have been away for a while.
pub async fn after_send(
    state: &AppState,
    parent: Parent,
    message: &Message,
    notified: &[(UserId, NotificationKind)],
) {
    if let Err(e) = mail_away(state, parent, message, notified).await {
        e.log_cause();
    }
}

async fn mail_away(
    state: &AppState,
    parent: Parent,
    message: &Message,
    notified: &[(UserId, NotificationKind)],
) -> Result<(), ApiError> {
    // The unsubscribe link is signed with the token key, which only the REST API is given.
    let key = match state.config.jwt() {
        Ok(keys) => keys.current.expose().as_bytes(),
        Err(e) => {
            tracing::error!(error = %e, "away mail needs the token key to sign its unsubscribe link");
            return Ok(());
        }
    };
    let candidates: Vec<UserId> = notified
        .iter()
        .filter(|(_, kind)| matches!(kind, NotificationKind::Mention | NotificationKind::Message))
        .map(|(user, _)| *user)
        .collect();
    let away = state.redis.away_for_a_while(&candidates).await?;
    if away.is_empty() {
        return Ok(());
    }
    let mut claimed = Vec::new();
    for user in away {
        if state.redis.claim_away_mail(user).await? {
            claimed.push(user);
        }
    }
    if claimed.is_empty() {
        return Ok(());
    }
    let users = state.store.users();
    let author = users.get(message.author_id).await?;
    let author = author.map_or_else(|| "Someone".to_string(), |a| a.display_name);
    let place = place_name(state, parent).await?;
    for person in users.batch_get(&claimed).await? {
        let kind = notified
            .iter()
            .find(|(u, _)| *u == person.id)
            .map_or(NotificationKind::Mention, |(_, k)| *k);
        let mail = away_mail(state, key, &person, kind, &author, &place, message);
        if let Err(e) = state.mailer.send(&mail).await {
            tracing::warn!(error = %e, user = %person.id, "the mail about a mention while away was not sent");
            if let Err(e) = state.redis.release_away_mail(person.id).await {
                tracing::warn!(error = %e, "could not give back a mail claim");
            }
        } else {
            tracing::info!(user = %person.id, "mailed about a mention or message while away");
        }
    }
    Ok(())
}

/// "#general", or "a direct message" (a conversation's title is each reader's own).
async fn place_name(state: &AppState, parent: Parent) -> Result<String, ApiError> {
    Ok(match parent {
        Parent::Channel(id) => state
            .store
            .channels()
            .get(id)
            .await?
            .map_or_else(|| "a channel".to_string(), |c| format!("#{}", c.name)),
        Parent::Conversation(_) => "a conversation".to_string(),
    })
}

fn away_mail(
    state: &AppState,
    key: &[u8],
    to: &User,
    kind: NotificationKind,
    author: &str,
    place: &str,
    message: &Message,
) -> Mail {
    let subject = match kind {
        NotificationKind::Message => format!("{author} wrote to you in {place}"),
        _ => format!("{author} mentioned you in {place}"),
    };
    let token = auth::unsubscribe::sign(key, to.id);
    let unsubscribe = state
        .config
        .app_link(&format!("/auth/mail/unsubscribe?token={token}"));
    Mail {
        to: to.email.clone(),
        subject: subject.clone(),
        text: format!(
            "{subject} while you were away:\n\n  {excerpt}\n\nOpen it: {link}\n\n\
             You get at most one such mail every {gap} minutes; anything more waits for you in \
             the app. Change what notifies you in the app's notification settings.\n\n\
             Stop these mails (no sign-in needed): {unsubscribe}\n",
            excerpt = crate::notifications::excerpt(&message.body),
            link = message_link(state, message),
            gap = realtime::away_mail::MAIL_GAP_SECONDS / 60,
        ),
    }
}

/// The app's link to the message: `/c/<channel id>` (the app follows an id to the channel's
/// current name) or `/d/<conversation id>`, with `?message=` (and `&thread=` for a reply).
fn message_link(state: &AppState, message: &Message) -> String {
    let page = match message.parent_type {
        domain::ParentType::Channel => "c",
        domain::ParentType::Conversation => "d",
    };
    let thread = message
        .thread_root_id
        .map(|root| format!("&thread={root}"))
        .unwrap_or_default();
    state.config.app_link(&format!(
        "/{page}/{}?message={}{thread}",
        message.parent_id, message.id
    ))
}
