//! Reactions: one standard emoji, toggled per person; at most 16 different ones per message.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// A standard Unicode emoji (skin tones included), as the client shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emoji(String);

impl Emoji {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        match emojis::get(raw).or_else(|| emojis::get_by_shortcode(raw.trim_matches(':'))) {
            Some(emoji) => Ok(Self(emoji.as_str().to_string())),
            None => Err(ValidationError::new(
                "emoji",
                "react with a standard emoji, such as 👍 or :tada:",
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `PUT`/`DELETE /messages/{id}/reactions`: add or take away the caller's reaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct React {
    /// The emoji itself (👍) or its shortcode (`:thumbsup:`).
    pub emoji: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_standard_and_shortcodes_resolve() {
        assert_eq!(Emoji::parse("👍").unwrap().as_str(), "👍");
        assert_eq!(Emoji::parse(":tada:").unwrap().as_str(), "🎉");
        assert_eq!(Emoji::parse("thumbsup").unwrap().as_str(), "👍");
        assert!(Emoji::parse("👍🏽").is_ok());
        for bad in ["", "hello", "<script>", ":not-an-emoji:", "👍👍"] {
            assert!(Emoji::parse(bad).is_err(), "{bad:?}");
        }
    }
}
