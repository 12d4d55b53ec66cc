//! Codes of the routes about accounts: meta, sign-in, invites, people, the caller's own account, admin and workspace settings.

use domain::ErrorCode::*;
use utoipa_axum::routes;

use super::{Declared, on};
use crate::{
    admin, avatars, invite_links, invites, meta, notifications, passwords, people, presence,
    profile, sessions, sign_in, unsubscribe, workspace,
};

pub(super) fn declared() -> Vec<Declared> {
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
            routes!(unsubscribe::confirm_page),
            &[UnsubscribeLinkInvalid],
        ),
        on(routes!(unsubscribe::unsubscribe), &[UnsubscribeLinkInvalid]),
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
    ]
}
