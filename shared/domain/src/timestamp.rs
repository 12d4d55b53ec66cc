use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A point in time, RFC 3339 (UTC) on the wire and in the table.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = String, format = DateTime)]
pub struct Timestamp(#[serde(with = "time::serde::rfc3339")] pub OffsetDateTime);

crate::typescript::ts_as_string!(Timestamp);

impl Timestamp {
    pub fn now() -> Self {
        // Millisecond precision keeps the text form stable across stores and clients.
        let now = OffsetDateTime::now_utc();
        let millis = now.millisecond();
        Self(now.replace_millisecond(millis).unwrap_or(now))
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }

    pub fn plus_seconds(self, seconds: i64) -> Self {
        Self(self.0 + time::Duration::seconds(seconds))
    }
}

/// RFC 3339, as on the wire (for logs and operator output).
impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self
            .0
            .format(&time::format_description::well_known::Rfc3339)
        {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{:?}", self.0),
        }
    }
}
