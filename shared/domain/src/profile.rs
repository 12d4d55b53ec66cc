//! Profiles: the time zone a person lives in, and a custom status (an emoji, a few words, and
//! perhaps a time it clears itself). Nothing sweeps expired statuses away: whoever reads one
//! treats it as absent once its time has passed.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;

use crate::limits::{STATUS_CLEAR_MAX_SECONDS, STATUS_TEXT_MAX_CHARS};
use crate::message::visible_chars;
use crate::reactions::Emoji;
use crate::{Timestamp, ValidationError};

/// What someone says they are up to, shown beside their name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomStatus {
    /// A standard emoji, or empty.
    pub emoji: String,
    /// At most 64 characters, or empty (not both empty).
    pub text: String,
    /// When it clears itself; it stays until changed when absent.
    #[serde(default)]
    pub clear_at: Option<Timestamp>,
}

impl CustomStatus {
    /// Checks a request made at `now`: a standard emoji and at most 64 characters of text, not
    /// both empty, and a clearing time in the next 30 days.
    pub fn parse(request: &SetCustomStatus, now: Timestamp) -> Result<Self, ValidationError> {
        let emoji = request.emoji.trim();
        let emoji = if emoji.is_empty() {
            String::new()
        } else {
            Emoji::parse(emoji)
                .map_err(|_| {
                    ValidationError::new(
                        "emoji",
                        "pick a standard emoji, such as 🌴 or :palm_tree:",
                    )
                })?
                .as_str()
                .to_string()
        };
        let text = request.text.trim();
        if text.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "text",
                "a status is one line, without control characters",
            ));
        }
        let chars = visible_chars(text);
        if chars > STATUS_TEXT_MAX_CHARS {
            return Err(ValidationError::new(
                "text",
                format!(
                    "a status has at most {STATUS_TEXT_MAX_CHARS} characters; this one has {chars}"
                ),
            ));
        }
        if emoji.is_empty() && text.is_empty() {
            return Err(ValidationError::new(
                "status",
                "give the status an emoji, some text, or both",
            ));
        }
        let clear_at = match request.clear_at.as_deref() {
            None => None,
            Some(raw) => Some(parse_clear_at(raw, now)?),
        };
        Ok(Self {
            emoji,
            text: text.to_string(),
            clear_at,
        })
    }

    /// Whether it still shows at `now`.
    pub fn is_current(&self, now: Timestamp) -> bool {
        self.clear_at.is_none_or(|at| at > now)
    }
}

fn parse_clear_at(raw: &str, now: Timestamp) -> Result<Timestamp, ValidationError> {
    let at = time::OffsetDateTime::parse(raw.trim(), &Rfc3339).map_err(|_| {
        ValidationError::new(
            "clearAt",
            "give the time as RFC 3339, such as 2026-05-01T17:00:00Z",
        )
    })?;
    // Milliseconds at most, as every stored time.
    let at = at.to_offset(time::UtcOffset::UTC);
    let at = Timestamp(at.replace_millisecond(at.millisecond()).unwrap_or(at));
    if at <= now {
        return Err(ValidationError::new(
            "clearAt",
            "the time to clear the status has already passed",
        ));
    }
    if at > now.plus_seconds(STATUS_CLEAR_MAX_SECONDS) {
        return Err(ValidationError::new(
            "clearAt",
            "a status clears itself at most 30 days ahead; leave the time out to keep it",
        ));
    }
    Ok(at)
}

/// An IANA time zone name (`Europe/Paris`), as the tz database spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone(String);

impl TimeZone {
    /// Reads a zone name in any case (`america/new_york`) and keeps the database's spelling.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let invalid = || {
            ValidationError::new(
                "timeZone",
                "use a time zone name from the tz database, such as Europe/Paris",
            )
        };
        let name = raw.trim();
        // Longest real names are ~32 characters; the bound keeps junk out of the lookup.
        if name.is_empty() || name.len() > 64 {
            return Err(invalid());
        }
        let zone = jiff::tz::db().get(name).map_err(|_| invalid())?;
        Ok(Self(zone.iana_name().unwrap_or(name).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `PUT /users/me/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetCustomStatus {
    /// A standard emoji (🌴) or its shortcode (`:palm_tree:`), or empty.
    pub emoji: String,
    /// At most 64 characters, or empty; not both empty.
    pub text: String,
    /// RFC 3339; in the next 30 days. Absent: the status stays until changed.
    #[serde(default)]
    #[ts(optional)]
    pub clear_at: Option<String>,
}

/// `PATCH /users/me`: only what is given changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateProfile {
    /// 1 to 80 characters. Accounts that sign in through the identity provider take their
    /// name from it and cannot set one.
    #[serde(default)]
    #[ts(optional)]
    pub display_name: Option<String>,
    /// An IANA name (`Europe/Paris`); an empty string forgets it.
    #[serde(default)]
    #[ts(optional)]
    pub time_zone: Option<String>,
    /// `system`, `light` or `dark`.
    #[serde(default)]
    #[ts(optional)]
    pub theme: Option<crate::user::Theme>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(emoji: &str, text: &str, clear_at: Option<&str>) -> SetCustomStatus {
        SetCustomStatus {
            emoji: emoji.into(),
            text: text.into(),
            clear_at: clear_at.map(Into::into),
        }
    }

    fn now() -> Timestamp {
        Timestamp(time::macros::datetime!(2026-05-01 12:00 UTC))
    }

    #[test]
    fn statuses_take_an_emoji_some_text_or_both() {
        let status = CustomStatus::parse(&request(":palm_tree:", " On holiday ", None), now());
        assert_eq!(
            status.unwrap(),
            CustomStatus {
                emoji: "🌴".into(),
                text: "On holiday".into(),
                clear_at: None
            }
        );
        assert!(CustomStatus::parse(&request("", "Busy", None), now()).is_ok());
        assert!(CustomStatus::parse(&request("🤒", "", None), now()).is_ok());
        let field = |r| CustomStatus::parse(&r, now()).unwrap_err().field;
        assert_eq!(field(request("", "  ", None)), "status");
        assert_eq!(field(request("not an emoji", "x", None)), "emoji");
        assert_eq!(field(request("🌴🌴", "x", None)), "emoji");
        assert_eq!(field(request("", "two\nlines", None)), "text");
    }

    #[test]
    fn status_text_counts_characters_as_people_see_them() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert!(CustomStatus::parse(&request("", &family.repeat(64), None), now()).is_ok());
        assert!(CustomStatus::parse(&request("", &"é".repeat(65), None), now()).is_err());
    }

    #[test]
    fn a_status_clears_itself_within_thirty_days() {
        let at = |raw| CustomStatus::parse(&request("🌴", "", Some(raw)), now());
        assert_eq!(
            at("2026-05-01T14:00:01+02:00").unwrap().clear_at,
            Some(now().plus_seconds(1)),
            "offsets are taken into account"
        );
        assert_eq!(
            at("2026-05-31T12:00:00Z").unwrap().clear_at,
            Some(now().plus_seconds(30 * 24 * 3600))
        );
        for bad in [
            "2026-05-01T14:00:00+02:00",
            "2026-04-01T00:00:00Z",
            "2026-05-31T12:00:01Z",
            "tomorrow",
            "",
        ] {
            assert_eq!(at(bad).unwrap_err().field, "clearAt", "{bad:?}");
        }
    }

    #[test]
    fn an_expired_status_is_not_current() {
        let status = CustomStatus {
            emoji: "🌴".into(),
            text: String::new(),
            clear_at: Some(now().plus_seconds(60)),
        };
        assert!(status.is_current(now()));
        assert!(!status.is_current(now().plus_seconds(60)));
        assert!(
            CustomStatus {
                clear_at: None,
                ..status
            }
            .is_current(now().plus_seconds(1_000_000))
        );
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(
            TimeZone::parse(" Europe/Paris ").unwrap().as_str(),
            "Europe/Paris"
        );
        assert_eq!(
            TimeZone::parse("america/new_york").unwrap().as_str(),
            "America/New_York"
        );
        assert!(TimeZone::parse("UTC").is_ok());
        for bad in [
            "",
            "Mars/Olympus_Mons",
            "+02:00",
            "Europe/ Paris",
            &"a".repeat(65),
        ] {
            assert!(TimeZone::parse(bad).is_err(), "{bad:?}");
        }
    }
}
