//! The message a route acts on, and how a refused change to it is told: what messages,
//! threads, reactions and pins share (so none of them imports another).

use domain::ErrorCode;
use domain::events::ServerEvent;
use domain::message::Message;
use domain::{MessageId, Parent};
use serde::Deserialize;
use store::messages::Refusal;
use utoipa::IntoParams;

use crate::audience::publish;
use crate::{ApiError, AppState};

/// Which message a route acts on: top-level, or a reply when `thread` names its root.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MessageParams {
    /// The thread root, when the message is a reply.
    thread: Option<String>,
}

pub fn message_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::MessageNotFound, "no such message here")
}

pub fn message_id(text: &str) -> Result<MessageId, ApiError> {
    text.parse().map_err(|_| message_not_found())
}

/// The root named by `?thread=`, if any.
pub fn thread_of(params: &MessageParams) -> Result<Option<MessageId>, ApiError> {
    params.thread.as_deref().map(message_id).transpose()
}

/// A refused change, as the caller should hear it.
pub fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::NotFound => message_not_found(),
        Refusal::NotAuthor => ApiError::forbidden(
            ErrorCode::NotAuthor,
            "only the person who wrote a message can change it",
        ),
        Refusal::Deleted => {
            ApiError::conflict(ErrorCode::MessageDeleted, "this message was deleted")
        }
        Refusal::UploadGone => crate::attachments::upload_gone(),
        Refusal::TooMany => ApiError::bad_request(
            ErrorCode::TooManyReactions,
            format!(
                "a message takes at most {} different reactions",
                domain::limits::REACTIONS_MAX_DISTINCT
            ),
        ),
    }
}

/// Sends a changed message to the members.
pub async fn updated(state: &AppState, parent: Parent, message: &Message) {
    publish(state, parent, &ServerEvent::MessageUpdated(message.clone())).await;
}
