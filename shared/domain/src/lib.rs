//! Parley's domain: ids, validated values, models, the API bodies and the realtime events.
//! No I/O lives here; every other crate speaks these types.

pub mod admin;
pub mod api;
pub mod channel;
pub mod conversation;
pub mod drafts;
pub mod error;
pub mod error_code;
pub mod events;
pub mod files;
pub mod ids;
pub mod invites;
pub mod limits;
pub mod mentions;
pub mod message;
pub mod notifications;
pub mod parent;
pub mod passwords;
pub mod permissions;
pub mod presence;
pub mod profile;
pub mod reactions;
pub mod revocation;
pub mod search;
pub mod sidebar;
pub mod text;
pub mod threads;
pub mod timestamp;
pub mod typescript;
pub mod user;
pub mod workspace;

pub use error::{ValidationError, error_chain};
pub use error_code::ErrorCode;
pub use ids::{
    CategoryId, ChannelId, ConversationId, FileId, InviteId, MessageId, UploadId, UserId,
};
pub use parent::{Parent, ParentType};
pub use timestamp::Timestamp;
