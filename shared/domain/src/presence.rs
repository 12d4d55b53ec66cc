//! Presence and typing: live state kept in Redis (never in a container's memory), sent only to
//! those who may see it.

use serde::{Deserialize, Serialize};

use crate::{MessageId, ParentType, UserId};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PresenceStatus {
    Online,
    Away,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct Presence {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    pub status: PresenceStatus,
}

/// The answer to `presence.subscribe`: the status of each person of that subscription the
/// subscriber may see (the others are left out, as if never asked about).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct PresenceSubscribed {
    /// The subscription's `version`, so a client that has sent a newer one ignores this.
    #[ts(type = "number")]
    pub version: u64,
    pub statuses: Vec<Presence>,
}

/// Someone is typing in a conversation or thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct Typing {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    #[serde(rename = "parentType")]
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID", default)]
    pub thread_root_id: Option<MessageId>,
}
