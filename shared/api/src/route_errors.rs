//! Which error codes each route may answer, written into the OpenAPI document: every operation
//! gets `x-error-codes` (the codes' wire names) and a line in its description. Codes that follow
//! from an operation's shape are added from the shape (a JSON body can be malformed, a bearer
//! token revoked, a documented 429 is `rate_limited`); the rest are declared per handler in
//! `declared`. The API tests hold every error they receive to its route's list.

use domain::ErrorCode;
use utoipa::openapi::OpenApi;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Operation, ParameterIn, Paths};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

use crate::{
    AppState, admin, avatars, channel_members, channels, conversations, drafts, files,
    invite_links, invites, messages, meta, notifications, passwords, people, pins, presence,
    profile, reactions, sessions, sidebar, sign_in, threads, uploads, websocket, workspace,
};

/// The extension naming an operation's codes.
pub const EXTENSION: &str = "x-error-codes";

/// Codes any route may answer: our failure, a dependency's, and a call that bypassed CloudFront
/// (when `EDGE_SECRET` is set).
const EVERY_ROUTE: &[ErrorCode] = &[
    ErrorCode::InternalError,
    ErrorCode::Unavailable,
    ErrorCode::NotThroughCloudfront,
];
const JSON_BODY: &[ErrorCode] = &[
    ErrorCode::MalformedJson,
    ErrorCode::InvalidBody,
    ErrorCode::BodyTooLarge,
    ErrorCode::UnsupportedMediaType,
];
const BEARER: &[ErrorCode] = &[
    ErrorCode::Unauthenticated,
    ErrorCode::InvalidToken,
    ErrorCode::SessionRevoked,
];

/// One handler's operation(s) and the codes its own work may answer.
struct Declared {
    paths: Paths,
    codes: &'static [ErrorCode],
}

fn on(route: UtoipaMethodRouter<AppState>, codes: &'static [ErrorCode]) -> Declared {
    Declared {
        paths: route.1,
        codes,
    }
}

/// The codes each handler answers beyond those of its shape, read from the handler and the
/// checks it calls. A channel route names the channel's codes, a conversation route the
/// conversation's: someone outside a conversation (or a private channel) is told it does not
/// exist.
fn declared() -> Vec<Declared> {
    use ErrorCode::*;
    vec![
        // Meta and sign-in.
        on(routes!(meta::health), &[]),
        on(routes!(meta::client_config), &[]),
        on(
            routes!(sign_in::login),
            &[
                SsoNotConfigured,
                ProviderUnavailable,
                TemporarilyUnavailable,
            ],
        ),
        on(
            routes!(sign_in::callback),
            &[
                SsoNotConfigured,
                ProviderUnavailable,
                TemporarilyUnavailable,
                ProviderRefused,
                InvalidCallback,
                StateMismatch,
                LoginExpired,
                EmailNotVerified,
                NoEmail,
                AccountDeactivated,
                SignInFailed,
            ],
        ),
        on(
            routes!(sessions::refresh),
            &[
                ForbiddenOrigin,
                NotSignedIn,
                SessionReused,
                AccountDeactivated,
            ],
        ),
        on(routes!(sessions::logout), &[ForbiddenOrigin]),
        on(routes!(sessions::logout_everywhere), &[]),
        on(
            routes!(passwords::login),
            &[InvalidInput, InvalidCredentials, AccountDeactivated],
        ),
        on(routes!(passwords::forgot), &[InvalidEmail]),
        on(
            routes!(passwords::reset),
            &[
                InvalidToken,
                InvalidPassword,
                ResetLinkInvalid,
                ResetLinkExpired,
                AccountDeactivated,
            ],
        ),
        // Invites.
        on(
            routes!(invite_links::preview),
            &[InvalidToken, InviteInvalid, InviteExpired],
        ),
        on(
            routes!(invite_links::accept),
            &[
                InvalidToken,
                InviteInvalid,
                InviteExpired,
                InvalidDisplayName,
                InvalidPassword,
                AlreadyMember,
            ],
        ),
        on(
            routes!(invites::create),
            &[
                InvalidEmail,
                GuestsCannotInvite,
                InvitesAdminsOnly,
                TooManyChannels,
                NotChannelMember,
                ChannelArchived,
                AlreadyMember,
                RateLimited,
                MailUnavailable,
            ],
        ),
        on(
            routes!(invites::list),
            &[AdminsOnly, InvalidCursor, InvalidLimit],
        ),
        on(routes!(invites::revoke), &[AdminsOnly, InviteNotFound]),
        // The caller's own account and the people of the workspace.
        on(routes!(profile::me), &[NotSignedIn]),
        on(
            routes!(profile::update_profile),
            &[
                NotSignedIn,
                InvalidDisplayName,
                InvalidTimeZone,
                NameFromProvider,
            ],
        ),
        on(
            routes!(profile::set_status),
            &[
                NotSignedIn,
                EmptyStatus,
                InvalidEmoji,
                InvalidStatusText,
                InvalidClearAt,
                InvalidInput,
            ],
        ),
        on(routes!(profile::clear_status), &[NotSignedIn]),
        on(
            routes!(profile::change_handle),
            &[NotSignedIn, InvalidHandle, HandleTaken],
        ),
        on(
            routes!(avatars::set),
            &[
                NotSignedIn,
                UploadNotFound,
                UploadIncomplete,
                FileTypeMismatch,
                ImageTooLarge,
                UploadsUnavailable,
            ],
        ),
        on(routes!(avatars::remove), &[NotSignedIn]),
        on(routes!(avatars::url), &[UserNotFound, UploadsUnavailable]),
        on(routes!(notifications::settings), &[]),
        on(routes!(notifications::set_settings), &[InvalidInput]),
        on(routes!(people::roster), &[InvalidCursor, InvalidLimit]),
        on(routes!(people::batch), &[TooManyIds]),
        on(routes!(presence::presence), &[InvalidId, TooManyIds]),
        on(
            routes!(admin::directory),
            &[AdminsOnly, InvalidCursor, InvalidLimit],
        ),
        on(
            routes!(admin::change_role),
            &[
                AdminsOnly,
                OwnAccount,
                PasswordAccount,
                UserNotFound,
                ChangedMeanwhile,
            ],
        ),
        on(
            routes!(admin::change_status),
            &[
                AdminsOnly,
                OwnAccount,
                AdminAccount,
                UserNotFound,
                ChangedMeanwhile,
            ],
        ),
        on(routes!(workspace::get), &[]),
        on(
            routes!(workspace::update),
            &[
                AdminsOnly,
                InvalidWorkspaceName,
                InvalidUploadLimit,
                InvalidFileTypes,
                InvalidInput,
            ],
        ),
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
        // Messages, threads, reactions and pins, in channels and in conversations.
        on(
            routes!(messages::channel_history),
            &[
                ChannelNotFound,
                NotAMember,
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

/// The codes an operation of this shape answers whatever it does.
fn shape_codes(operation: &Operation) -> Vec<ErrorCode> {
    let mut codes = EVERY_ROUTE.to_vec();
    if operation.request_body.is_some() {
        codes.extend_from_slice(JSON_BODY);
    }
    let parameters = operation.parameters.iter().flatten();
    for parameter in parameters {
        match parameter.parameter_in {
            ParameterIn::Query => codes.push(ErrorCode::InvalidQuery),
            ParameterIn::Path => codes.push(ErrorCode::InvalidPath),
            _ => {}
        }
    }
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        codes.extend_from_slice(BEARER);
    }
    if operation.responses.responses.contains_key("429") {
        codes.push(ErrorCode::RateLimited);
    }
    codes
}

/// Writes each operation's codes into `doc`.
pub(crate) fn document(doc: &mut OpenApi) {
    for declared in declared() {
        for (path, item) in declared.paths.paths {
            let Some(target) = doc.paths.paths.get_mut(&path) else {
                continue;
            };
            for (theirs, ours) in operations(item).into_iter().zip(operations_mut(target)) {
                if let (Some(_), Some(operation)) = (theirs, ours) {
                    let mut codes = shape_codes(operation);
                    codes.extend_from_slice(declared.codes);
                    describe(operation, codes);
                }
            }
        }
    }
}

fn describe(operation: &mut Operation, mut codes: Vec<ErrorCode>) {
    codes.sort_by_key(|code| code.as_str());
    codes.dedup();
    let names: Vec<&str> = codes.iter().map(|code| code.as_str()).collect();
    let line = format!("Error codes: {}.", names.join(", "));
    operation.description = Some(match operation.description.take() {
        Some(text) if !text.is_empty() => format!("{text}\n\n{line}"),
        _ => line,
    });
    operation
        .extensions
        .get_or_insert_with(Extensions::default)
        .insert(EXTENSION.to_string(), serde_json::json!(names));
}

type Slots<T> = [T; 5];

fn operations(item: utoipa::openapi::PathItem) -> Slots<Option<Operation>> {
    [item.get, item.post, item.put, item.patch, item.delete]
}

fn operations_mut(item: &mut utoipa::openapi::PathItem) -> Slots<Option<&mut Operation>> {
    [
        item.get.as_mut(),
        item.post.as_mut(),
        item.put.as_mut(),
        item.patch.as_mut(),
        item.delete.as_mut(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documented() -> Vec<(String, Operation)> {
        let doc = crate::openapi();
        doc.paths
            .paths
            .into_iter()
            .flat_map(|(path, item)| {
                operations(item)
                    .into_iter()
                    .flatten()
                    .map(move |operation| (path.clone(), operation))
            })
            .collect()
    }

    #[test]
    fn every_operation_lists_its_codes() {
        let undeclared: Vec<String> = documented()
            .into_iter()
            .filter(|(_, operation)| {
                !operation
                    .extensions
                    .as_ref()
                    .is_some_and(|e| e.contains_key(EXTENSION))
            })
            .map(|(path, operation)| format!("{path} ({:?})", operation.operation_id))
            .collect();
        assert!(
            undeclared.is_empty(),
            "declare these routes' codes in route_errors::declared: {undeclared:?}"
        );
    }

    #[test]
    fn every_declaration_names_a_documented_route() {
        let paths: Vec<String> = documented().into_iter().map(|(path, _)| path).collect();
        for declared in declared() {
            for path in declared.paths.paths.keys() {
                assert!(paths.contains(path), "{path} is declared but not routed");
            }
        }
    }

    #[test]
    fn codes_follow_from_the_shape() {
        let doc = crate::openapi();
        let send = doc.paths.paths["/api/v1/channels/{id}/messages"]
            .post
            .as_ref()
            .unwrap();
        let listed = &send.extensions.as_ref().unwrap()[EXTENSION];
        for code in [
            "malformed_json",
            "unauthenticated",
            "invalid_path",
            "channel_archived",
        ] {
            assert!(
                listed.as_array().unwrap().iter().any(|c| c == code),
                "{code} missing from {listed}"
            );
        }
        let health = doc.paths.paths["/healthz"].get.as_ref().unwrap();
        let listed = &health.extensions.as_ref().unwrap()[EXTENSION];
        assert!(
            !listed
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "unauthenticated")
        );
    }
}
