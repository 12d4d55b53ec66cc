//! Every error code a client can see, in one place: REST error bodies, WebSocket `error` frames
//! and the reasons a sign-in is sent back to the app. The wire name is written once, here; the
//! web app switches on the generated TypeScript union (`ErrorCode` in `types.generated.ts`), so
//! a code cannot be renamed on one side only. Codes are stable: clients act on them, so a code
//! is added, never reused for something else.

use serde::{Deserialize, Serialize};

/// Declares `ErrorCode` with each variant's wire name beside it.
macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $code:literal, )*) => {
        /// A stable, machine-readable reason; the message beside it is for people.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS,
            utoipa::ToSchema,
        )]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* #[serde(rename = $code)] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(Self::$variant),*];

            /// The wire name, e.g. `channel_archived`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    // The request itself.
    /// The body is not JSON.
    MalformedJson = "malformed_json",
    /// The JSON does not have the shape the route takes.
    InvalidBody = "invalid_body",
    InvalidQuery = "invalid_query",
    InvalidPath = "invalid_path",
    /// A value breaks a rule of the domain (the message names the field).
    InvalidInput = "invalid_input",
    BodyTooLarge = "body_too_large",
    UnsupportedMediaType = "unsupported_media_type",
    RouteNotFound = "route_not_found",
    InvalidCursor = "invalid_cursor",
    InvalidLimit = "invalid_limit",
    InvalidId = "invalid_id",
    TooManyIds = "too_many_ids",
    /// A WebSocket frame that is not a known JSON frame.
    InvalidFrame = "invalid_frame",
    FrameTooLarge = "frame_too_large",

    // Who is calling.
    /// No access token, or one that does not verify.
    Unauthenticated = "unauthenticated",
    /// No refresh session: sign in.
    NotSignedIn = "not_signed_in",
    InvalidToken = "invalid_token",
    /// The access token's session was ended (logout, "everywhere", a role change).
    SessionRevoked = "session_revoked",
    /// A refresh token was used twice: the whole session family is ended.
    SessionReused = "session_reused",
    AccountDeactivated = "account_deactivated",
    InvalidCredentials = "invalid_credentials",
    /// A cookie route called from a page that is not the app's.
    ForbiddenOrigin = "forbidden_origin",
    /// A request that did not come through the CloudFront distribution.
    NotThroughCloudfront = "not_through_cloudfront",
    /// A WebSocket frame on a connection the server does not know.
    NotConnected = "not_connected",

    // Why a single sign-on was sent back to the app (`/?error=...`).
    SsoNotConfigured = "sso_not_configured",
    ProviderUnavailable = "provider_unavailable",
    TemporarilyUnavailable = "temporarily_unavailable",
    ProviderRefused = "provider_refused",
    InvalidCallback = "invalid_callback",
    StateMismatch = "state_mismatch",
    LoginExpired = "login_expired",
    EmailNotVerified = "email_not_verified",
    NoEmail = "no_email",
    SignInFailed = "sign_in_failed",

    // Parley itself.
    /// Something broke on our side; the cause is in the log only.
    InternalError = "internal_error",
    /// A dependency is down or slow: try again after `Retry-After`.
    Unavailable = "unavailable",
    RateLimited = "rate_limited",
    MailUnavailable = "mail_unavailable",

    // What the caller may not do.
    AdminsOnly = "admins_only",
    GuestForbidden = "guest_forbidden",
    NotAllowed = "not_allowed",
    NotAMember = "not_a_member",
    NotChannelMember = "not_channel_member",
    NotAuthor = "not_author",
    GuestsCannotInvite = "guests_cannot_invite",
    InvitesAdminsOnly = "invites_admins_only",
    OwnAccount = "own_account",
    AdminAccount = "admin_account",
    PasswordAccount = "password_account",
    CannotJoin = "cannot_join",

    // What does not exist (or the caller may not know exists).
    ChannelNotFound = "channel_not_found",
    ConversationNotFound = "conversation_not_found",
    MessageNotFound = "message_not_found",
    UserNotFound = "user_not_found",
    MemberNotFound = "member_not_found",
    CategoryNotFound = "category_not_found",
    InviteNotFound = "invite_not_found",
    /// No upload of the caller's with this id waits to be attached (never made, expired, or
    /// used by another message).
    UploadNotFound = "upload_not_found",
    FileNotFound = "file_not_found",

    // The state the request met.
    ChannelArchived = "channel_archived",
    AlreadyMember = "already_member",
    GeneralIsFixed = "general_is_fixed",
    LastOwner = "last_owner",
    SlugTaken = "slug_taken",
    HandleTaken = "handle_taken",
    CategoryExists = "category_exists",
    MembershipChanged = "membership_changed",
    ConversationChanged = "conversation_changed",
    /// Someone else changed it first: reload and try again.
    ChangedMeanwhile = "changed_meanwhile",
    DraftStale = "draft_stale",
    SendInProgress = "send_in_progress",
    MessageDeleted = "message_deleted",
    NotAGroup = "not_a_group",
    TooManyReactions = "too_many_reactions",
    TooManyChannels = "too_many_channels",
    TooManyCategories = "too_many_categories",
    TooManyAttachments = "too_many_attachments",
    /// The upload's bytes are not (all) in storage yet, or not the ones declared.
    UploadIncomplete = "upload_incomplete",
    /// The bytes are not what the name and type say (a text file named `.png`, HTML in an
    /// image), or not a valid file of that type.
    FileTypeMismatch = "file_type_mismatch",
    /// An image with more pixels than Parley decodes.
    ImageTooLarge = "image_too_large",
    /// File sharing is not set up on this server (no uploads bucket).
    UploadsUnavailable = "uploads_unavailable",

    // A field that breaks its rule, named so a form can point at it.
    InvalidEmail = "invalid_email",
    InvalidPassword = "invalid_password",
    InvalidDisplayName = "invalid_display_name",
    /// The display name comes from the identity provider and cannot be changed here.
    NameFromProvider = "name_from_provider",
    InvalidHandle = "invalid_handle",
    InvalidPresence = "invalid_presence",
    InvalidTimeZone = "invalid_time_zone",
    InvalidStatusText = "invalid_status_text",
    InvalidEmoji = "invalid_emoji",
    InvalidClearAt = "invalid_clear_at",
    EmptyStatus = "empty_status",
    InvalidWorkspaceName = "invalid_workspace_name",
    InvalidUploadLimit = "invalid_upload_limit",
    InvalidFileTypes = "invalid_file_types",
    InvalidFileName = "invalid_file_name",
    FileTooLarge = "file_too_large",
    FileTypeNotAllowed = "file_type_not_allowed",

    // A search that cannot mean anything: the message names the part to fix.
    SearchQueryEmpty = "search_query_empty",
    SearchQueryTooLong = "search_query_too_long",
    InvalidSearchFilter = "invalid_search_filter",
    InvalidSearchDate = "invalid_search_date",
    /// `in:` names no channel or conversation the searcher is in (whether or not it exists).
    UnknownSearchPlace = "unknown_search_place",

    // Links sent by mail.
    ResetLinkExpired = "reset_link_expired",
    ResetLinkInvalid = "reset_link_invalid",
    InviteExpired = "invite_expired",
    InviteInvalid = "invite_invalid",
    /// An unsubscribe link whose signature does not hold (altered, or from another workspace).
    UnsubscribeLinkInvalid = "unsubscribe_link_invalid",
}

/// A code equals its wire name, so a test can hold a frame to what a client reads.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn the_wire_name_is_what_serde_writes_and_reads() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_value(code).expect("serialises");
            assert_eq!(json, serde_json::json!(code.as_str()));
            assert_eq!(
                serde_json::from_value::<ErrorCode>(json).expect("parses"),
                code
            );
        }
    }

    #[test]
    fn wire_names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} is declared twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
        }
    }
}
