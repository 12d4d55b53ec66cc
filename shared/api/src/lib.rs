//! The application: use cases and the axum Router for the REST API, and the handlers of the
//! WebSocket routes. The Lambda functions and the local gateway both call into this crate, so a
//! local run executes the same code as Lambda.

mod access;
mod admin;
mod attachments;
mod audience;
mod avatars;
mod channel_members;
mod channels;
mod conversations;
mod cookies;
mod drafts;
mod error;
mod extract;
pub mod fanout;
mod files;
mod invite_links;
mod invites;
mod mail;
mod membership;
mod mentions;
mod message_target;
mod messages;
mod meta;
mod notifications;
mod paging;
mod parent_route;
mod passwords;
mod people;
mod pins;
mod presence;
mod profile;
mod ratelimit;
mod reactions;
mod read_all;
mod revocation;
mod route_errors;
mod router;
mod search;
pub mod search_index;
pub mod security;
mod sessions;
mod sidebar;
mod sign_in;
mod state;
pub mod telemetry;
mod threads;
mod uploads;
pub mod websocket;
mod workspace;

pub use error::ApiError;
pub use ratelimit::RateLimits;
pub use revocation::revoke_access;
pub use route_errors::EXTENSION as ERROR_CODES_EXTENSION;
pub use router::{openapi, router};
pub use state::{AppState, StartupError};
