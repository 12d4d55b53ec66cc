//! Short-lived HS256 access tokens. Only HS256 is accepted, so a token signed with another
//! algorithm (or `none`) is refused whatever its header says.

use std::sync::Arc;

use domain::limits::ACCESS_TOKEN_TTL_SECONDS;
use domain::revocation::Grant;
use domain::user::{Role, User};
use domain::{Timestamp, UserId};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "parley";
const AUDIENCE: &str = "parley-api";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: UserId,
    pub role: Role,
    pub name: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    /// The session family (one device's sign-in) the token was refreshed from: ending the
    /// family (logout, a stolen refresh token) revokes it.
    #[serde(default)]
    pub sid: String,
    /// When it was issued, in milliseconds: a revocation cuts off what was issued before it
    /// (`iat` has only seconds).
    #[serde(default)]
    pub iat_ms: i64,
}

impl AccessClaims {
    /// What a revocation is checked against.
    pub fn grant(&self) -> Grant {
        Grant {
            family: self.sid.clone(),
            issued_ms: self.iat_ms,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the access token is invalid or expired")]
    Invalid,
    #[error("the access token could not be signed: {0}")]
    Signing(String),
}

/// Issues and verifies access tokens. Cloned with the app state for every request, so the keys
/// and validation rules sit behind one `Arc`.
#[derive(Clone)]
pub struct AccessTokens(Arc<Keys>);

struct Keys {
    encoding: EncodingKey,
    /// The signing key's, then the previous key's during a rotation's overlap.
    decoding: Vec<DecodingKey>,
    validation: Validation,
}

impl AccessTokens {
    /// Tokens signed with `secret`; a token signed with `previous` (the key before a rotation)
    /// still verifies until it expires.
    pub fn new(secret: &[u8], previous: Option<&[u8]>) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        validation.leeway = 5;
        Self(Arc::new(Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: std::iter::once(secret)
                .chain(previous)
                .map(DecodingKey::from_secret)
                .collect(),
            validation,
        }))
    }

    /// For a function that is not given the key (it never issues or checks a token): a random
    /// key of its own, so any token it were shown would be refused.
    pub fn refusing_all() -> Self {
        let key: [u8; 32] = rand::random();
        Self::new(&key, None)
    }

    /// A token for `user` under `grant`, and how many seconds it lives.
    pub fn issue(&self, user: &User, grant: &Grant) -> Result<(String, i64), TokenError> {
        let now = Timestamp::now().unix_seconds();
        let claims = AccessClaims {
            sub: user.id,
            role: user.role,
            name: user.display_name.clone(),
            iat: now,
            exp: now + ACCESS_TOKEN_TTL_SECONDS,
            iss: ISSUER.to_string(),
            aud: AUDIENCE.to_string(),
            sid: grant.family.clone(),
            iat_ms: grant.issued_ms,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.0.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))?;
        Ok((token, ACCESS_TOKEN_TTL_SECONDS))
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        self.0
            .decoding
            .iter()
            .find_map(|key| {
                jsonwebtoken::decode::<AccessClaims>(token, key, &self.0.validation).ok()
            })
            .map(|data| data.claims)
            .ok_or(TokenError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use domain::user::UserStatus;

    use super::*;

    fn user() -> User {
        User {
            id: UserId::new(),
            email: "a@example.com".into(),
            display_name: "A".into(),
            handle: "a_ex_00000000".into(),
            role: Role::Member,
            status: UserStatus::Active,
            provider: Default::default(),
            created_at: Timestamp::now(),
            custom_status: None,
            time_zone: None,
            avatar: None,
            theme: Default::default(),
        }
    }

    fn grant() -> Grant {
        Grant {
            family: String::new(),
            issued_ms: 0,
        }
    }

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_tokens_verify() {
        let tokens = AccessTokens::new(SECRET, None);
        let u = user();
        let grant = Grant {
            family: "fam".into(),
            issued_ms: 1_234,
        };
        let (token, ttl) = tokens.issue(&u, &grant).unwrap();
        let claims = tokens.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.role), (u.id, Role::Member));
        assert_eq!(claims.grant(), grant);
        assert_eq!(ttl, ACCESS_TOKEN_TTL_SECONDS);
    }

    #[test]
    fn another_secret_is_refused() {
        let (token, _) = AccessTokens::new(SECRET, None)
            .issue(&user(), &grant())
            .unwrap();
        assert!(
            AccessTokens::new(b"another-secret-another-secret-xx", None)
                .verify(&token)
                .is_err()
        );
    }

    #[test]
    fn after_a_rotation_the_previous_key_still_verifies_and_the_new_one_signs() {
        const NEXT: &[u8] = b"the-key-after-the-rotation-0123456789";
        let before = AccessTokens::new(SECRET, None);
        let (old, _) = before.issue(&user(), &grant()).unwrap();
        let after = AccessTokens::new(NEXT, Some(SECRET));
        assert!(after.verify(&old).is_ok());
        let (new, _) = after.issue(&user(), &grant()).unwrap();
        assert!(AccessTokens::new(NEXT, None).verify(&new).is_ok());
        // Once the overlap ends, tokens of the old key are refused.
        assert!(AccessTokens::new(NEXT, None).verify(&old).is_err());
    }

    #[test]
    fn tampered_and_unsigned_tokens_are_refused() {
        let tokens = AccessTokens::new(SECRET, None);
        let (token, _) = tokens.issue(&user(), &grant()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        // Promote ourselves in the payload, keep the old signature.
        let mut payload: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        payload["role"] = "admin".into();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            parts[2]
        );
        assert!(tokens.verify(&forged).is_err());
        // alg=none with no signature.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            parts[1]
        );
        assert!(tokens.verify(&none).is_err());
        assert!(tokens.verify("not a token").is_err());
    }

    #[test]
    fn another_algorithm_with_the_same_secret_is_refused() {
        let tokens = AccessTokens::new(SECRET, None);
        let now = Timestamp::now().unix_seconds();
        let claims = AccessClaims {
            sub: UserId::new(),
            role: Role::Admin,
            name: "A".into(),
            iat: now,
            exp: now + 60,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sid: String::new(),
            iat_ms: 0,
        };
        for alg in [Algorithm::HS384, Algorithm::HS512] {
            let token = jsonwebtoken::encode(
                &Header::new(alg),
                &claims,
                &EncodingKey::from_secret(SECRET),
            )
            .unwrap();
            assert!(tokens.verify(&token).is_err(), "{alg:?} accepted");
        }
    }

    #[test]
    fn expired_tokens_are_refused() {
        let tokens = AccessTokens::new(SECRET, None);
        let now = Timestamp::now().unix_seconds();
        let claims = AccessClaims {
            sub: UserId::new(),
            role: Role::Member,
            name: "A".into(),
            iat: now - 3600,
            exp: now - 60,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sid: String::new(),
            iat_ms: 0,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert!(tokens.verify(&token).is_err());
    }
}
