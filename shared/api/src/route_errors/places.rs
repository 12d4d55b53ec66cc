//! Codes of the routes about places: the sidebar, channels and their members, conversations.

use domain::ErrorCode::*;
use utoipa_axum::routes;

use super::{Declared, on};
use crate::{channel_members, channels, conversations, read_all, sidebar};

pub(super) fn declared() -> Vec<Declared> {
    vec![
        // The sidebar, its categories and reading state.
        on(routes!(sidebar::sidebar), &[]),
        on(
            routes!(sidebar::create_category),
            &[InvalidInput, CategoryExists, TooManyCategories],
        ),
        on(
            routes!(sidebar::update_category),
            &[InvalidInput, CategoryNotFound, CategoryExists],
        ),
        on(routes!(sidebar::delete_category), &[CategoryNotFound]),
        on(
            routes!(sidebar::update_channel_membership),
            &[ChannelNotFound, NotAMember, CategoryNotFound, InvalidInput],
        ),
        on(
            routes!(sidebar::update_conversation_membership),
            &[
                ConversationNotFound,
                NotAMember,
                CategoryNotFound,
                InvalidInput,
            ],
        ),
        on(
            routes!(sidebar::read_channel),
            &[ChannelNotFound, NotAMember, MessageNotFound],
        ),
        on(
            routes!(sidebar::read_conversation),
            &[ConversationNotFound, NotAMember, MessageNotFound],
        ),
        on(routes!(read_all::read_all), &[]),
        on(
            routes!(sidebar::channel_unread),
            &[ChannelNotFound, NotAMember, MessageNotFound],
        ),
        on(
            routes!(sidebar::conversation_unread),
            &[ConversationNotFound, NotAMember, MessageNotFound],
        ),
        // Channels and who is in them.
        on(
            routes!(channels::directory),
            &[GuestForbidden, InvalidCursor, InvalidLimit],
        ),
        on(
            routes!(channels::create),
            &[GuestForbidden, InvalidInput, SlugTaken],
        ),
        on(routes!(channels::get), &[ChannelNotFound]),
        on(
            routes!(channels::update),
            &[
                ChannelNotFound,
                NotAllowed,
                GeneralIsFixed,
                InvalidInput,
                SlugTaken,
                ChannelArchived,
            ],
        ),
        on(
            routes!(channels::archive),
            &[ChannelNotFound, NotAllowed, GeneralIsFixed],
        ),
        on(
            routes!(channels::unarchive),
            &[ChannelNotFound, NotAllowed, GeneralIsFixed],
        ),
        on(
            routes!(channel_members::join),
            &[ChannelNotFound, ChannelArchived, CannotJoin],
        ),
        on(
            routes!(channel_members::leave),
            &[ChannelNotFound, NotAMember, GeneralIsFixed, LastOwner],
        ),
        on(
            routes!(channel_members::list),
            &[ChannelNotFound, NotAMember, InvalidCursor, InvalidLimit],
        ),
        on(
            routes!(channel_members::add),
            &[
                ChannelNotFound,
                NotAllowed,
                UserNotFound,
                AlreadyMember,
                ChannelArchived,
                MembershipChanged,
            ],
        ),
        on(
            routes!(channel_members::change_role),
            &[
                ChannelNotFound,
                NotAllowed,
                UserNotFound,
                MemberNotFound,
                LastOwner,
                MembershipChanged,
            ],
        ),
        on(
            routes!(channel_members::remove_member),
            &[
                ChannelNotFound,
                NotAllowed,
                UserNotFound,
                MemberNotFound,
                GeneralIsFixed,
                LastOwner,
                MembershipChanged,
            ],
        ),
        // Conversations.
        on(routes!(conversations::open), &[InvalidInput, UserNotFound]),
        on(routes!(conversations::get), &[ConversationNotFound]),
        on(
            routes!(conversations::rename),
            &[
                ConversationNotFound,
                NotAGroup,
                InvalidInput,
                ConversationChanged,
            ],
        ),
        on(
            routes!(conversations::add_participants),
            &[
                ConversationNotFound,
                NotAGroup,
                InvalidInput,
                UserNotFound,
                ConversationChanged,
            ],
        ),
        on(
            routes!(conversations::leave),
            &[ConversationNotFound, NotAGroup, ConversationChanged],
        ),
    ]
}
