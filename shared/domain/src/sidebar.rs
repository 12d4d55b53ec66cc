//! The sidebar: the caller's channels and conversations with their personal settings
//! (favourite, mute, category, order, read point), and their own categories.

use serde::{Deserialize, Serialize};

use crate::channel::{Channel, ChannelRole};
use crate::conversation::Conversation;
use crate::limits::CATEGORY_NAME_MAX_CHARS;
use crate::notifications::NotifyLevel;
use crate::{CategoryId, ParentType, Timestamp, ValidationError};

/// The caller's own row for one channel or conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    /// Always `member` in conversations.
    pub role: ChannelRole,
    pub joined_at: Timestamp,
    #[serde(default)]
    pub favorite: bool,
    #[serde(default)]
    pub muted: bool,
    #[serde(rename = "categoryID", default)]
    pub category_id: Option<CategoryId>,
    /// Order inside its section, smallest first; drag and drop puts a row between two others.
    #[serde(default)]
    pub position: f64,
    /// The last message (by sequence number) the user has read.
    #[serde(default)]
    #[ts(type = "number")]
    pub last_read_seq: u64,
    /// Conversations only: the user opened it themselves, so it shows before its first message.
    #[serde(default)]
    pub opened: bool,
    /// Messages mentioning the user by handle since they last caught up.
    #[serde(default)]
    pub mention_count: u32,
    /// Which notifications this place gives the user; `null` follows their own setting.
    #[serde(default)]
    pub notify_level: Option<NotifyLevel>,
}

impl Membership {
    /// A participant sees a conversation once it has a message, or once they opened it
    /// themselves (its creator, or someone who opened the same people's conversation).
    pub fn shows(&self, conversation: &Conversation) -> bool {
        conversation.last_seq > 0 || self.opened
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct SidebarChannel {
    pub channel: Channel,
    pub membership: Membership,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct SidebarConversation {
    pub conversation: Conversation,
    pub membership: Membership,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub position: f64,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct Sidebar {
    pub channels: Vec<SidebarChannel>,
    /// Most recent first.
    pub conversations: Vec<SidebarConversation>,
    /// By position.
    pub categories: Vec<Category>,
}

/// Personal settings of one sidebar row. Absent fields stay as they are; `categoryID: null`
/// takes the row out of its category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMembership {
    #[serde(default)]
    #[ts(optional)]
    pub favorite: Option<bool>,
    #[serde(default)]
    #[ts(optional)]
    pub muted: Option<bool>,
    #[serde(
        rename = "categoryID",
        default,
        deserialize_with = "crate::sidebar::some_or_null"
    )]
    #[ts(optional, type = "string | null")]
    #[schema(value_type = Option<String>)]
    pub category_id: Option<Option<CategoryId>>,
    #[serde(default)]
    #[ts(optional)]
    pub position: Option<f64>,
    /// This place's notification level; `null` follows the user's own setting again.
    #[serde(default, deserialize_with = "crate::sidebar::some_or_null")]
    #[ts(optional, type = "NotifyLevel | null")]
    #[schema(value_type = Option<NotifyLevel>)]
    pub notify_level: Option<Option<NotifyLevel>>,
}

/// Tells "absent" (None) from "null" (Some(None)).
pub fn some_or_null<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// The sequence number of the newest message the user has seen.
    #[ts(type = "number")]
    pub seq: u64,
}

/// "Mark all as read": every channel and conversation of the caller's, read up to its newest
/// message. Nothing to choose yet; an empty object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkAllRead {}

/// What "mark all as read" changed: the caller's rows that had something unread, as they are now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct MarkedAllRead {
    pub memberships: Vec<Membership>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCategory {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCategory {
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub position: Option<f64>,
}

/// A category name: trimmed, 1 to 40 characters, one line. Unique per user, ignoring case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryName(String);

impl CategoryName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        let invalid = |why: String| ValidationError::new("name", why);
        if name.is_empty() {
            return Err(invalid("a category needs a name".into()));
        }
        if name.chars().count() > CATEGORY_NAME_MAX_CHARS {
            return Err(invalid(format!(
                "a category name has at most {CATEGORY_NAME_MAX_CHARS} characters"
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(invalid("a category name is one line of text".into()));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What uniqueness compares.
    pub fn folded(&self) -> String {
        self.0.to_lowercase()
    }
}

/// Positions must be finite numbers a person could have made by dragging.
pub fn validate_position(position: f64) -> Result<f64, ValidationError> {
    if position.is_finite() && position.abs() < 1e12 {
        Ok(position)
    } else {
        Err(ValidationError::new(
            "position",
            "a position is a finite number",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_are_trimmed_bounded_and_fold_case() {
        let name = CategoryName::parse("  Projects ").unwrap();
        assert_eq!(name.as_str(), "Projects");
        assert_eq!(name.folded(), "projects");
        assert!(CategoryName::parse(" ").is_err());
        assert!(CategoryName::parse(&"c".repeat(41)).is_err());
        assert!(CategoryName::parse("a\tb").is_err());
    }

    #[test]
    fn updates_tell_null_from_absent() {
        let absent: UpdateMembership = serde_json::from_str(r#"{"favorite":true}"#).unwrap();
        assert_eq!(absent.category_id, None);
        let null: UpdateMembership = serde_json::from_str(r#"{"categoryID":null}"#).unwrap();
        assert_eq!(null.category_id, Some(None));
        assert!(serde_json::from_str::<UpdateMembership>(r#"{"colour":1}"#).is_err());
    }

    #[test]
    fn positions_are_finite() {
        assert!(validate_position(1.5).is_ok());
        assert!(validate_position(f64::NAN).is_err());
        assert!(validate_position(f64::INFINITY).is_err());
    }
}
