use serde::{Deserialize, Serialize};

use crate::limits::{CHANNEL_DESCRIPTION_MAX_CHARS, CHANNEL_NAME_MAX_CHARS};
use crate::{ChannelId, Timestamp, UserId, ValidationError};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChannelType {
    Public,
    Private,
}

/// A member's role in one channel, weakest first so roles compare by power.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ts_rs::TS,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChannelRole {
    Member,
    Admin,
    Owner,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    pub id: ChannelId,
    pub name: String,
    pub slug: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: ChannelType,
    pub created_by: UserId,
    /// Archived channels stay readable to their members, and nobody can write in them.
    pub archived: bool,
    pub created_at: Timestamp,
    /// The newest message's sequence number (0 before the first message).
    #[serde(default)]
    #[ts(type = "number")]
    pub last_seq: u64,
    #[serde(default)]
    pub last_message_at: Option<Timestamp>,
}

impl Channel {
    pub fn is_general(&self) -> bool {
        self.id == ChannelId::GENERAL
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateChannel {
    pub name: String,
    #[serde(rename = "type", default = "public")]
    #[ts(optional, as = "Option<ChannelType>")]
    pub kind: ChannelType,
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub description: String,
}

fn public() -> ChannelType {
    ChannelType::Public
}

/// Rename (the slug follows; the old one keeps resolving) and describe. Absent fields stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateChannel {
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub description: Option<String>,
}

/// A page of the public channel directory, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChannelPage {
    pub items: Vec<Channel>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct Member {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    pub role: ChannelRole,
    #[serde(rename = "joinedAt")]
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub items: Vec<Member>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMember {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    /// `member` when absent.
    #[serde(default)]
    #[ts(optional)]
    pub role: Option<ChannelRole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRole {
    pub role: ChannelRole,
}

/// A channel name, which is also its slug: lower-case letters and digits in words joined by
/// single hyphens, at most 32 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelName(String);

impl ChannelName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        let invalid = |why: &str| ValidationError::new("name", why.to_string());
        if name.is_empty() {
            return Err(invalid("a channel name is required"));
        }
        if name.chars().count() > CHANNEL_NAME_MAX_CHARS {
            return Err(invalid("a channel name has at most 32 characters"));
        }
        let words_ok = name.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        if !words_ok {
            return Err(invalid(
                "use lower-case letters and digits, with single hyphens between words (e.g. team-news)",
            ));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn validate_description(raw: &str) -> Result<String, ValidationError> {
    let description = raw.trim();
    if description.chars().count() > CHANNEL_DESCRIPTION_MAX_CHARS {
        return Err(ValidationError::new(
            "description",
            "a description has at most 255 characters",
        ));
    }
    Ok(description.to_string())
}

/// A search over channel names: trimmed, lower-cased, at most 64 characters.
pub fn parse_search(raw: &str) -> Result<String, ValidationError> {
    let q = raw.trim().to_lowercase();
    if q.chars().count() > crate::limits::DIRECTORY_SEARCH_MAX_CHARS {
        return Err(ValidationError::new(
            "q",
            "a search has at most 64 characters",
        ));
    }
    Ok(q)
}

pub const GENERAL_NAME: &str = "general";
pub const GENERAL_DESCRIPTION: &str = "Everyone, everything: the whole workspace is here.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_names_follow_the_slug_rules() {
        for good in ["general", "team-news", "a1-b2-c3", &"x".repeat(32)] {
            assert!(
                ChannelName::parse(good).is_ok(),
                "{good:?} should be accepted"
            );
        }
        for bad in [
            "",
            "General",
            "team news",
            "-x",
            "x-",
            "a--b",
            "caf\u{e9}",
            &"x".repeat(33),
        ] {
            assert!(
                ChannelName::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn roles_compare_by_power() {
        assert!(ChannelRole::Owner > ChannelRole::Admin);
        assert!(ChannelRole::Admin > ChannelRole::Member);
    }

    #[test]
    fn descriptions_are_bounded() {
        assert!(validate_description(&"d".repeat(255)).is_ok());
        assert!(validate_description(&"d".repeat(256)).is_err());
    }
}
