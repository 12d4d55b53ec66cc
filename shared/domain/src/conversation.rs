//! Direct messages, notes to self, and group conversations. The same set of people always lands
//! in the same conversation: a lock item per participant set points at it.

use serde::{Deserialize, Serialize};

use crate::limits::{GROUP_MAX_PARTICIPANTS, GROUP_NAME_MAX_CHARS};
use crate::{ConversationId, Timestamp, UserId, ValidationError};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ConversationKind {
    /// One person's notes to self.
    Notes,
    /// Two people.
    Direct,
    /// Three or more; people can be added, and anyone can leave.
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: ConversationId,
    pub kind: ConversationKind,
    /// A group's name, if someone gave it one; otherwise clients list the participants.
    pub name: Option<String>,
    #[serde(rename = "participantIDs", default)]
    pub participant_ids: Vec<UserId>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    #[serde(default)]
    #[ts(type = "number")]
    pub last_seq: u64,
    #[serde(default)]
    pub last_message_at: Option<Timestamp>,
}

/// Get-or-create: the caller plus `participantIDs` (the caller may be listed or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenConversation {
    #[serde(rename = "participantIDs")]
    pub participant_ids: Vec<UserId>,
    /// Only used when a new group is made.
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameConversation {
    /// An empty name clears it.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddParticipants {
    #[serde(rename = "userIDs")]
    pub user_ids: Vec<UserId>,
}

/// A participant set: sorted, without duplicates, the caller included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participants(Vec<UserId>);

impl Participants {
    pub fn parse(caller: UserId, others: &[UserId]) -> Result<Self, ValidationError> {
        let mut ids: Vec<UserId> = others.iter().copied().chain([caller]).collect();
        ids.sort();
        ids.dedup();
        if ids.len() > GROUP_MAX_PARTICIPANTS {
            return Err(ValidationError::new(
                "participantIDs",
                format!(
                    "a group has at most {GROUP_MAX_PARTICIPANTS} people; make a channel instead"
                ),
            ));
        }
        Ok(Self(ids))
    }

    /// A set already known to be valid (read back from the store).
    pub fn from_sorted(mut ids: Vec<UserId>) -> Self {
        ids.sort();
        ids.dedup();
        Self(ids)
    }

    pub fn kind(&self) -> ConversationKind {
        match self.0.len() {
            0 | 1 => ConversationKind::Notes,
            2 => ConversationKind::Direct,
            _ => ConversationKind::Group,
        }
    }

    pub fn ids(&self) -> &[UserId] {
        &self.0
    }

    pub fn into_ids(self) -> Vec<UserId> {
        self.0
    }

    /// The same text for the same set, whatever order it was given in.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let joined: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        let digest = Sha256::digest(joined.join(",").as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A group name: trimmed, at most 80 characters; empty means none.
pub fn parse_group_name(raw: &str) -> Result<Option<String>, ValidationError> {
    let name = raw.trim();
    if name.chars().count() > GROUP_NAME_MAX_CHARS {
        return Err(ValidationError::new(
            "name",
            format!("a group name has at most {GROUP_NAME_MAX_CHARS} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "name",
            "a group name is one line of text",
        ));
    }
    Ok((!name.is_empty()).then(|| name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_people_make_the_same_set_in_any_order() {
        let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
        let one = Participants::parse(a, &[b, c, b]).unwrap();
        let two = Participants::parse(c, &[a, b]).unwrap();
        assert_eq!(one, two);
        assert_eq!(one.fingerprint(), two.fingerprint());
        assert_ne!(
            one.fingerprint(),
            Participants::parse(a, &[b]).unwrap().fingerprint()
        );
        assert_eq!(one.kind(), ConversationKind::Group);
        assert_eq!(
            Participants::parse(a, &[b, a]).unwrap().kind(),
            ConversationKind::Direct
        );
        assert_eq!(
            Participants::parse(a, &[]).unwrap().kind(),
            ConversationKind::Notes
        );
        assert_eq!(
            Participants::parse(a, &[a]).unwrap().kind(),
            ConversationKind::Notes
        );
    }

    #[test]
    fn groups_are_bounded() {
        let others: Vec<UserId> = (0..GROUP_MAX_PARTICIPANTS).map(|_| UserId::new()).collect();
        assert!(Participants::parse(UserId::new(), &others).is_err());
        assert!(Participants::parse(others[0], &others[1..]).is_ok());
    }

    #[test]
    fn group_names_are_one_bounded_line() {
        assert_eq!(parse_group_name("  ").unwrap(), None);
        assert_eq!(
            parse_group_name(" Launch ").unwrap().as_deref(),
            Some("Launch")
        );
        assert!(parse_group_name(&"n".repeat(81)).is_err());
        assert!(parse_group_name("a\nb").is_err());
    }
}
