//! Who someone is: JWT access tokens, and the OIDC relying party that signs people in.

pub mod access;
pub mod oidc;

pub use access::{AccessClaims, AccessTokens, TokenError};
pub use oidc::{Identity, Oidc, OidcError, PendingLogin};
