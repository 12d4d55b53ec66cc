//! Passwords of guest accounts (people who came by invite and do not use the company's sign-in),
//! and the bodies of password sign-in and reset. Request bodies holding a password have no
//! `Debug`, so none can end up in a log.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::limits::{LINK_TOKEN_MAX_CHARS, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS};

/// A new password: at least 8 characters and at most 1024 bytes, taken exactly as typed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.chars().count() < PASSWORD_MIN_CHARS {
            return Err(ValidationError::new(
                "password",
                format!("a password has at least {PASSWORD_MIN_CHARS} characters"),
            ));
        }
        if raw.len() > PASSWORD_MAX_BYTES {
            return Err(ValidationError::new(
                "password",
                format!("a password has at most {PASSWORD_MAX_BYTES} bytes"),
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A token from an emailed link, as a client sent it back: non-empty, short, URL-safe.
pub fn parse_link_token(raw: &str) -> Result<&str, ValidationError> {
    let token = raw.trim();
    if token.is_empty()
        || token.len() > LINK_TOKEN_MAX_CHARS
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ValidationError::new(
            "token",
            "this link is malformed: open the link from the email again",
        ));
    }
    Ok(token)
}

/// `POST /auth/login`: a guest signs in with email and password.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordLogin {
    pub email: String,
    pub password: String,
}

/// `POST /auth/password/forgot`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotPassword {
    pub email: String,
}

/// `POST /auth/password/reset`: the token from the emailed link and the new password.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPassword {
    pub token: String,
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_bounded_and_kept_as_typed() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("1234567").is_err());
        // Eight characters, however many bytes each takes.
        assert_eq!(Password::parse(" ééééééé").unwrap().expose(), " ééééééé");
        assert!(Password::parse(&"a".repeat(1024)).is_ok());
        assert!(Password::parse(&"a".repeat(1025)).is_err());
        assert!(Password::parse(&"é".repeat(513)).is_err());
    }

    #[test]
    fn passwords_do_not_print() {
        let password = Password::parse("correct horse").unwrap();
        assert!(!format!("{password:?}").contains("horse"));
    }

    #[test]
    fn link_tokens_are_checked() {
        assert_eq!(parse_link_token(" abc-DEF_123 ").unwrap(), "abc-DEF_123");
        for bad in ["", "   ", "a/b", "a.b", "a b", &"a".repeat(129)] {
            assert!(parse_link_token(bad).is_err(), "{bad:?}");
        }
    }
}
