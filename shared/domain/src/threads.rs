//! Threads across conversations: the ones a user follows, newest activity first.

use serde::{Deserialize, Serialize};

use crate::message::Message;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowThread {
    pub following: bool,
}

/// One thread in the Threads view: its root (reply count, last reply time and recent repliers
/// included) and whether the caller has read its newest reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadSummary {
    pub root: Message,
    /// Replies the caller has read (the thread's `seq` they last saw).
    #[ts(type = "number")]
    pub last_read_reply: u64,
}
