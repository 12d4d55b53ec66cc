//! Drafts: one per conversation or thread per user, kept on the server so every device shows
//! the same. The newer text wins: a save older than what is stored changes nothing.

use serde::{Deserialize, Serialize};

use crate::{MessageId, ParentType, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID")]
    pub thread_root_id: Option<MessageId>,
    pub body: String,
    /// When the text was typed, by the typing device's clock: the newer edit wins.
    pub edited_at: Timestamp,
}

/// Saves (or, with an empty body, clears) a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveDraft {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID", default)]
    #[ts(optional)]
    pub thread_root_id: Option<MessageId>,
    pub body: String,
    pub edited_at: Timestamp,
}
