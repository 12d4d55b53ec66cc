//! The TypeScript the web app imports (`web/src/api/types.generated.ts`), rendered from these
//! types. A test fails when the committed file differs, so the client cannot drift.

use ts_rs::TS;

use crate::{
    admin, api, channel, conversation, drafts, events, files, invites, message, notifications,
    parent, passwords, presence, profile, reactions, search, sidebar, threads, user, workspace,
};

/// Newtypes that are plain strings on the wire (ids, timestamps) are plain `string` in
/// TypeScript too, inlined where they are used.
macro_rules! ts_as_string {
    ($ty:ty) => {
        impl ts_rs::TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                "string".to_owned()
            }
            fn inline() -> String {
                "string".to_owned()
            }
            fn inline_flattened() -> String {
                "string".to_owned()
            }
            fn decl() -> String {
                format!("type {} = string;", stringify!($ty))
            }
            fn decl_concrete() -> String {
                Self::decl()
            }
        }
    };
}
pub(crate) use ts_as_string;

pub const GENERATED_PATH: &str = "web/src/api/types.generated.ts";
pub const LIMITS_PATH: &str = "web/src/limits.ts";

const HEADER: &str = "// Generated from shared/domain (the Rust types, and src/limits.rs for the limits). Do not\n\
                      // edit: run `UPDATE_TS=1 cargo test -p parley-domain typescript` to regenerate.\n\n";

/// The limits the web app checks before the server does (`limits::FOR_THE_WEB`); what each
/// means is written beside it in `shared/domain/src/limits.rs`.
pub fn render_limits() -> String {
    let mut out = String::from(HEADER);
    for (name, value) in crate::limits::FOR_THE_WEB {
        out.push_str(&format!("export const {name} = {value};\n"));
    }
    out
}

/// The whole file, in a fixed order.
pub fn render() -> String {
    let decls = [
        user::Role::decl(),
        user::UserStatus::decl(),
        user::AuthProvider::decl(),
        user::Theme::decl(),
        profile::CustomStatus::decl(),
        profile::SetCustomStatus::decl(),
        profile::UpdateProfile::decl(),
        user::User::decl(),
        user::UserView::decl(),
        user::UserPage::decl(),
        user::ChangeHandle::decl(),
        user::SetAvatar::decl(),
        admin::AdminUserPage::decl(),
        admin::ChangeUserRole::decl(),
        admin::ChangeUserStatus::decl(),
        workspace::InvitePolicy::decl(),
        workspace::WorkspaceSettings::decl(),
        workspace::UpdateWorkspaceSettings::decl(),
        invites::CreateInvite::decl(),
        invites::Invite::decl(),
        invites::InvitePage::decl(),
        invites::InviteToken::decl(),
        invites::InvitePreview::decl(),
        invites::AcceptInvite::decl(),
        passwords::PasswordLogin::decl(),
        passwords::ForgotPassword::decl(),
        passwords::ResetPassword::decl(),
        channel::ChannelType::decl(),
        channel::ChannelRole::decl(),
        channel::Channel::decl(),
        channel::CreateChannel::decl(),
        channel::UpdateChannel::decl(),
        channel::ChannelPage::decl(),
        channel::Member::decl(),
        channel::MemberPage::decl(),
        channel::AddMember::decl(),
        channel::ChangeRole::decl(),
        conversation::ConversationKind::decl(),
        conversation::Conversation::decl(),
        conversation::OpenConversation::decl(),
        conversation::RenameConversation::decl(),
        conversation::AddParticipants::decl(),
        parent::ParentType::decl(),
        sidebar::Membership::decl(),
        sidebar::SidebarChannel::decl(),
        sidebar::SidebarConversation::decl(),
        sidebar::Category::decl(),
        sidebar::Sidebar::decl(),
        sidebar::UpdateMembership::decl(),
        sidebar::MarkRead::decl(),
        sidebar::MarkAllRead::decl(),
        sidebar::MarkedAllRead::decl(),
        sidebar::CreateCategory::decl(),
        sidebar::UpdateCategory::decl(),
        message::SystemAction::decl(),
        message::SystemNote::decl(),
        files::ImageMeta::decl(),
        files::Attachment::decl(),
        message::Message::decl(),
        message::EditMessage::decl(),
        message::MessageVersion::decl(),
        message::MessageHistory::decl(),
        message::PinMessage::decl(),
        message::MessageDeleted::decl(),
        message::ThreadPage::decl(),
        reactions::React::decl(),
        threads::FollowThread::decl(),
        threads::ThreadSummary::decl(),
        drafts::Draft::decl(),
        drafts::SaveDraft::decl(),
        presence::PresenceStatus::decl(),
        presence::Presence::decl(),
        presence::PresenceSubscribed::decl(),
        presence::Typing::decl(),
        notifications::NotificationKind::decl(),
        notifications::Notification::decl(),
        notifications::NotifyLevel::decl(),
        notifications::NotificationSettings::decl(),
        message::MessagePage::decl(),
        message::SendMessage::decl(),
        files::CreateUpload::decl(),
        files::UploadHeader::decl(),
        files::UploadGrant::decl(),
        files::FileEntry::decl(),
        files::FilePage::decl(),
        files::FileView::decl(),
        files::FileUrl::decl(),
        search::Language::decl(),
        search::Segment::decl(),
        search::SearchSort::decl(),
        search::MessageHit::decl(),
        search::MessageHitPage::decl(),
        search::FileHit::decl(),
        search::FileHitPage::decl(),
        api::TokenResponse::decl(),
        api::ClientConfig::decl(),
        api::WsTicket::decl(),
        api::UsersBatch::decl(),
        crate::ErrorCode::decl(),
        api::ErrorBody::decl(),
        api::ApiErrorResponse::decl(),
        events::MemberAction::decl(),
        events::MembersChanged::decl(),
        events::SidebarRemoved::decl(),
        events::MentionOutsiders::decl(),
        events::ThreadFollowed::decl(),
        events::ReconnectReason::decl(),
        events::ServerEvent::decl(),
        events::ClientFrame::decl(),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// `rendered` is what the committed file at `relative` must hold (written first when
    /// `UPDATE_TS` is set).
    fn assert_current(relative: &str, rendered: &str) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(relative);
        if std::env::var_os("UPDATE_TS").is_some() {
            std::fs::write(&path, rendered).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == rendered,
            "{} is out of date with shared/domain: run `UPDATE_TS=1 cargo test -p parley-domain typescript`",
            path.display()
        );
    }

    #[test]
    fn typescript_bindings_are_current() {
        assert_current(super::GENERATED_PATH, &super::render());
    }

    #[test]
    fn typescript_limits_are_current() {
        assert_current(super::LIMITS_PATH, &super::render_limits());
    }
}
