//! Codes of the routes about what is said: messages, threads, reactions, pins, files, drafts and the WebSocket ticket.

use domain::ErrorCode::*;
use utoipa_axum::routes;

use super::{Declared, on};
use crate::{drafts, edits, files, messages, pins, reactions, search, threads, uploads, websocket};

pub(super) fn declared() -> Vec<Declared> {
    vec![
        // Messages, threads, reactions and pins, in channels and in conversations.
        on(
            routes!(messages::channel_history),
            &[
                ChannelNotFound,
                MessageNotFound,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(messages::conversation_history),
            &[
                ConversationNotFound,
                MessageNotFound,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(messages::channel_send),
            &[
                ChannelNotFound,
                NotAMember,
                InvalidInput,
                MessageNotFound,
                ChannelArchived,
                SendInProgress,
                RateLimited,
                TooManyAttachments,
                UploadNotFound,
                UploadIncomplete,
                FileTypeMismatch,
                ImageTooLarge,
                UploadsUnavailable,
            ],
        ),
        on(
            routes!(messages::conversation_send),
            &[
                ConversationNotFound,
                InvalidInput,
                MessageNotFound,
                ChannelArchived,
                SendInProgress,
                RateLimited,
                TooManyAttachments,
                UploadNotFound,
                UploadIncomplete,
                FileTypeMismatch,
                ImageTooLarge,
                UploadsUnavailable,
            ],
        ),
        on(
            routes!(messages::channel_edit),
            &[
                ChannelNotFound,
                NotAMember,
                InvalidInput,
                MessageNotFound,
                NotAuthor,
                MessageDeleted,
            ],
        ),
        on(
            routes!(messages::conversation_edit),
            &[
                ConversationNotFound,
                InvalidInput,
                MessageNotFound,
                NotAuthor,
                MessageDeleted,
            ],
        ),
        on(
            routes!(edits::channel_edits),
            &[ChannelNotFound, NotAMember, MessageNotFound],
        ),
        on(
            routes!(edits::conversation_edits),
            &[ConversationNotFound, MessageNotFound],
        ),
        on(
            routes!(messages::channel_delete),
            &[
                ChannelNotFound,
                NotAMember,
                MessageNotFound,
                NotAllowed,
                MessageDeleted,
            ],
        ),
        on(
            routes!(messages::conversation_delete),
            &[
                ConversationNotFound,
                MessageNotFound,
                NotAllowed,
                MessageDeleted,
            ],
        ),
        on(
            routes!(threads::channel_thread),
            &[
                ChannelNotFound,
                NotAMember,
                MessageNotFound,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(threads::conversation_thread),
            &[
                ConversationNotFound,
                MessageNotFound,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(threads::channel_follow),
            &[ChannelNotFound, NotAMember, MessageNotFound],
        ),
        on(
            routes!(threads::conversation_follow),
            &[ConversationNotFound, MessageNotFound],
        ),
        on(
            routes!(threads::channel_thread_read),
            &[ChannelNotFound, NotAMember, MessageNotFound],
        ),
        on(
            routes!(threads::conversation_thread_read),
            &[ConversationNotFound, MessageNotFound],
        ),
        on(routes!(threads::followed), &[InvalidCursor, InvalidLimit]),
        on(
            routes!(reactions::channel_react),
            &[
                ChannelNotFound,
                NotAMember,
                InvalidInput,
                MessageNotFound,
                MessageDeleted,
                TooManyReactions,
            ],
        ),
        on(
            routes!(reactions::conversation_react),
            &[
                ConversationNotFound,
                InvalidInput,
                MessageNotFound,
                MessageDeleted,
                TooManyReactions,
            ],
        ),
        on(
            routes!(reactions::channel_unreact),
            &[
                ChannelNotFound,
                NotAMember,
                InvalidInput,
                MessageNotFound,
                MessageDeleted,
            ],
        ),
        on(
            routes!(reactions::conversation_unreact),
            &[
                ConversationNotFound,
                InvalidInput,
                MessageNotFound,
                MessageDeleted,
            ],
        ),
        on(
            routes!(pins::channel_pin),
            &[ChannelNotFound, NotAMember, MessageNotFound, MessageDeleted],
        ),
        on(
            routes!(pins::conversation_pin),
            &[ConversationNotFound, MessageNotFound, MessageDeleted],
        ),
        on(routes!(pins::channel_pins), &[ChannelNotFound, NotAMember]),
        on(routes!(pins::conversation_pins), &[ConversationNotFound]),
        // Files.
        on(
            routes!(uploads::create),
            &[
                InvalidFileName,
                InvalidInput,
                FileTooLarge,
                FileTypeNotAllowed,
                UploadsUnavailable,
            ],
        ),
        on(
            routes!(files::channel_files),
            &[ChannelNotFound, NotAMember, InvalidCursor, InvalidLimit],
        ),
        on(
            routes!(files::conversation_files),
            &[ConversationNotFound, InvalidCursor, InvalidLimit],
        ),
        on(
            routes!(files::channel_file_url),
            &[ChannelNotFound, FileNotFound, UploadsUnavailable],
        ),
        on(
            routes!(files::conversation_file_url),
            &[ConversationNotFound, FileNotFound, UploadsUnavailable],
        ),
        // Search.
        on(
            routes!(search::search_messages),
            &[
                SearchQueryEmpty,
                SearchQueryTooLong,
                InvalidSearchFilter,
                InvalidSearchDate,
                UnknownSearchPlace,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(search::search_files),
            &[
                SearchQueryEmpty,
                SearchQueryTooLong,
                InvalidSearchFilter,
                InvalidSearchDate,
                UnknownSearchPlace,
                InvalidCursor,
                InvalidLimit,
            ],
        ),
        on(
            routes!(search::search_people),
            &[SearchQueryEmpty, SearchQueryTooLong],
        ),
        on(
            routes!(search::search_channels),
            &[SearchQueryEmpty, SearchQueryTooLong],
        ),
        // Drafts and the WebSocket ticket.
        on(routes!(drafts::list), &[]),
        on(
            routes!(drafts::save),
            &[
                ChannelNotFound,
                ConversationNotFound,
                NotAMember,
                InvalidInput,
                DraftStale,
            ],
        ),
        on(routes!(websocket::ticket), &[RateLimited]),
    ]
}
