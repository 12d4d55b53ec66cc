//! Invites by email: someone in the workspace invites an address to some of their channels; the
//! link in the mail lets that person make a guest account. The link's token is secret: it is
//! mailed once and stored only as its hash, so no answer here carries it.

use serde::{Deserialize, Serialize};

use crate::{ChannelId, InviteId, Timestamp, UserId};

/// `POST /api/v1/invites`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvite {
    pub email: String,
    /// Channels the inviter is in; #general comes with every invite. At most 20.
    #[serde(rename = "channelIDs", default)]
    pub channel_ids: Vec<ChannelId>,
}

/// A pending invite, as the inviter and admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Invite {
    pub id: InviteId,
    pub email: String,
    #[serde(rename = "channelIDs")]
    pub channel_ids: Vec<ChannelId>,
    #[serde(rename = "invitedBy")]
    pub invited_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A page of pending invites, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitePage {
    pub items: Vec<Invite>,
    pub next_cursor: Option<String>,
}

/// `POST /auth/invite/preview`: the token travels in a body, never in a path or query, so it
/// stays out of access logs.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteToken {
    pub token: String,
}

/// What the invite page shows before the invitee picks a name and password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitePreview {
    pub email: String,
    pub workspace_name: String,
    /// The inviter's display name.
    pub invited_by: String,
    /// Names of the channels the account will be in, #general first.
    pub channels: Vec<String>,
    pub expires_at: Timestamp,
}

/// `POST /auth/invite/accept`: makes the guest account and signs it in.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcceptInvite {
    pub token: String,
    /// 1 to 80 characters.
    pub display_name: String,
    /// At least 8 characters, at most 1024 bytes.
    pub password: String,
}
