//! Password hashing for password accounts (guests who came by invite): argon2id, run off the
//! async threads because it is deliberately slow.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Hashing failed: the blocking task died, or argon2 refused its input.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

fn hash_now(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// What a sign-in for an address without a password account is checked against, so it costs
/// what a real check costs: an argon2id hash with the parameters `hash_now` uses (a test holds
/// them equal). Written out rather than computed at start, so no function pays ~60 ms of
/// hashing while it starts; no password is accepted against it, since `verify` answers `false`
/// whatever the check says.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$iuQEui6PxdnCv/qDriQZAw$Rq1K8jzfRkVhnO4ge4oRImfYPu30QPa8XQASBjyEXFQ";

/// The argon2id PHC string of `password` (default parameters, a random salt).
pub async fn hash(password: &str) -> Result<String, HashError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

/// Whether `password` matches the PHC string `stored`. With no stored hash it checks against
/// the dummy all the same (so an unknown address takes as long as a known one), and answers
/// `false`.
pub async fn verify(password: &str, stored: Option<String>) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let matches = <Argon2 as PasswordVerifier<str>>::verify_password(
            &Argon2::default(),
            password.as_bytes(),
            &phc,
        )
        .is_ok();
        matches && real
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use argon2::PasswordHash;

    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash_now("a password").unwrap();
        let (real, dummy) = (
            PasswordHash::new(&real).unwrap(),
            PasswordHash::new(DUMMY_HASH).unwrap(),
        );
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(
            dummy.hash.map(|h| h.len()),
            real.hash.map(|h| h.len()),
            "the same output length"
        );
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse").await.unwrap();
        assert!(verify("correct horse", Some(stored.clone())).await);
        assert!(!verify("wrong horse", Some(stored)).await);
    }

    #[tokio::test]
    async fn no_account_never_verifies() {
        assert!(!verify("anything", None).await);
    }
}
