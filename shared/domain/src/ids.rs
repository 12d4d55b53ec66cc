//! Typed ids. All are ULIDs: unique, and sortable by creation time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ulid::Ulid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(transparent)]
        #[schema(value_type = String, example = "01JD2Q4X8Y7ZK3M5N6P7Q8R9ST")]
        pub struct $name(pub Ulid);

        impl $name {
            pub fn new() -> Self {
                Self(Ulid::new())
            }
        }

        crate::typescript::ts_as_string!($name);

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ulid::DecodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ulid::from_string(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// A channel (public or private).
    ChannelId
);
id_type!(
    /// A message in a channel or conversation.
    MessageId
);
id_type!(
    /// A direct message, notes-to-self or group conversation.
    ConversationId
);
id_type!(
    /// A user's own sidebar category.
    CategoryId
);
id_type!(
    /// An invite by email (not its secret token, which is never stored).
    InviteId
);

id_type!(
    /// A file someone uploaded and has not attached yet (`pending/<user>/<upload>` in S3).
    UploadId
);
id_type!(
    /// A file attached to a message (`files/<file>` in S3); its ULID orders the files pane.
    FileId
);

impl ChannelId {
    /// #general has a fixed id, so creating it is idempotent and every sign-in can ensure it.
    pub const GENERAL: ChannelId = ChannelId(Ulid::from_parts(0, 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_strings_and_json() {
        let id = UserId::new();
        let parsed: UserId = id.to_string().parse().unwrap();
        assert_eq!(parsed, id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert!("not-a-ulid".parse::<UserId>().is_err());
    }

    #[test]
    fn general_has_a_stable_id() {
        assert_eq!(ChannelId::GENERAL.to_string(), "00000000000000000000000001");
    }
}
