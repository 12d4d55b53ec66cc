//! Who someone is and how they prove it: JWT access tokens, the OIDC relying party that signs
//! people in, password hashing, one-time secrets (refresh tokens, invite and reset links,
//! tickets), signed unsubscribe links and the refresh-rotation rule.

pub mod access;
pub mod oidc;
pub mod passwords;
pub mod refresh;
pub mod secrets;
pub mod unsubscribe;

pub use access::{AccessClaims, AccessTokens, TokenError};
pub use oidc::{Identity, Oidc, OidcError, PendingLogin};
