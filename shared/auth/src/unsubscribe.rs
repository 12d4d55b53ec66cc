//! The token of a mail's unsubscribe link: who it is for, signed (HS256 with the server's
//! secret) for its own audience, so it turns mail off without signing in and is no access token
//! (nor can an access token be one). It does not expire: an old mail's link keeps working, and
//! all it can do is stop mail.

use domain::UserId;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const AUDIENCE: &str = "parley-unsubscribe";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: UserId,
    aud: String,
}

/// The token for `user`'s unsubscribe links.
pub fn sign(secret: &[u8], user: UserId) -> String {
    let claims = Claims {
        sub: user,
        aud: AUDIENCE.to_string(),
    };
    // HS256 over a small struct of strings cannot fail.
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap_or_default()
}

/// Whose token this is, when its signature and audience hold.
pub fn verify(secret: &[u8], token: &str) -> Option<UserId> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["sub", "aud"]);
    validation.validate_exp = false;
    jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
        .ok()
        .map(|data| data.claims.sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a secret of at least thirty-two bytes, for tests";

    #[test]
    fn a_token_names_its_user_and_nothing_else_passes() {
        let user = UserId::new();
        let token = sign(SECRET, user);
        assert_eq!(verify(SECRET, &token), Some(user));
        assert_eq!(
            verify(b"another secret of thirty-two bytes or more", &token),
            None
        );
        let mut altered = token.clone();
        altered.pop();
        assert_eq!(verify(SECRET, &altered), None);
        assert_eq!(verify(SECRET, "not a token"), None);
    }

    #[test]
    fn an_access_token_is_no_unsubscribe_token() {
        let user = domain::user::User {
            id: UserId::new(),
            email: "a@example.com".into(),
            display_name: "A".into(),
            handle: "a_ex_00000000".into(),
            role: domain::user::Role::Member,
            status: domain::user::UserStatus::Active,
            provider: Default::default(),
            created_at: domain::Timestamp::now(),
            custom_status: None,
            time_zone: None,
            avatar: None,
            theme: Default::default(),
        };
        let (access, _) = crate::AccessTokens::new(SECRET, None)
            .issue(&user, &domain::revocation::Grant::issued_now(""))
            .unwrap();
        assert_eq!(verify(SECRET, &access), None);
    }
}
