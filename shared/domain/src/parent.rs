//! Where messages live: a channel or a conversation. Both have members, a message history, a
//! sequence counter and a row in each member's sidebar.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{ChannelId, ConversationId};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ParentType {
    Channel,
    Conversation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Parent {
    Channel(ChannelId),
    Conversation(ConversationId),
}

impl Parent {
    pub fn kind(self) -> ParentType {
        match self {
            Self::Channel(_) => ParentType::Channel,
            Self::Conversation(_) => ParentType::Conversation,
        }
    }

    /// Rebuilds a parent from the pair stored on rows and messages.
    pub fn from_parts(kind: ParentType, id: &str) -> Option<Self> {
        match kind {
            ParentType::Channel => id.parse().ok().map(Self::Channel),
            ParentType::Conversation => id.parse().ok().map(Self::Conversation),
        }
    }
}

impl fmt::Display for Parent {
    /// The bare id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Channel(id) => id.fmt(f),
            Self::Conversation(id) => id.fmt(f),
        }
    }
}

impl From<ChannelId> for Parent {
    fn from(id: ChannelId) -> Self {
        Self::Channel(id)
    }
}

impl From<ConversationId> for Parent {
    fn from(id: ConversationId) -> Self {
        Self::Conversation(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_round_trip_through_their_parts() {
        let channel = Parent::Channel(ChannelId::new());
        assert_eq!(
            Parent::from_parts(channel.kind(), &channel.to_string()),
            Some(channel)
        );
        assert_eq!(Parent::from_parts(ParentType::Conversation, "nope"), None);
    }
}
