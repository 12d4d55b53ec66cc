use serde::{Deserialize, Serialize};

use crate::limits::{DISPLAY_NAME_MAX_CHARS, EMAIL_MAX_CHARS};
use crate::profile::CustomStatus;
use crate::{Timestamp, UserId, ValidationError};

/// A workspace role. The first user to sign in becomes `admin`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Member,
    Guest,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    Active,
    Deactivated,
}

/// How an account signs in: through the workspace's identity provider, or (guests who came
/// by invite) with an email and password.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AuthProvider {
    #[default]
    Oidc,
    Password,
}

/// The full account, as its owner (and admins) see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    /// What others type after `@` to mention this person; unique.
    #[serde(default)]
    pub handle: String,
    pub role: Role,
    pub status: UserStatus,
    #[serde(default)]
    pub provider: AuthProvider,
    pub created_at: Timestamp,
    /// Shown beside the name until its `clearAt` (named apart from `status`, the account's).
    #[serde(default)]
    pub custom_status: Option<CustomStatus>,
    /// An IANA name, such as `Europe/Paris`.
    #[serde(default)]
    pub time_zone: Option<String>,
}

impl User {
    /// The account as it reads at `now`: a custom status whose time has passed is gone.
    pub fn as_of(mut self, now: Timestamp) -> Self {
        if self
            .custom_status
            .as_ref()
            .is_some_and(|status| !status.is_current(now))
        {
            self.custom_status = None;
        }
        self
    }
}

/// What every member may see of another user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: UserId,
    pub display_name: String,
    pub handle: String,
    /// A deactivated account still shows (as the author of its messages, in member lists),
    /// marked so, but cannot be messaged, mentioned or added anywhere.
    #[serde(default)]
    pub deactivated: bool,
    /// Their custom status, unless none is set or it has cleared itself.
    #[serde(default)]
    pub status: Option<CustomStatus>,
    /// An IANA name, such as `Europe/Paris`, to show their local time.
    #[serde(default)]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeHandle {
    /// 2 to 48 lower-case letters, digits, `.`, `_` or `-`.
    pub handle: String,
}

/// A page of the roster, oldest account first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserPage {
    pub items: Vec<UserView>,
    pub next_cursor: Option<String>,
}

impl UserView {
    /// What others see of `user` at `now` (a status whose time has passed is not shown).
    pub fn at(user: &User, now: Timestamp) -> Self {
        Self {
            id: user.id,
            display_name: user.display_name.clone(),
            handle: user.handle.clone(),
            deactivated: user.status == UserStatus::Deactivated,
            status: user
                .custom_status
                .clone()
                .filter(|status| status.is_current(now)),
            time_zone: user.time_zone.clone(),
        }
    }
}

/// As seen now.
impl From<&User> for UserView {
    fn from(user: &User) -> Self {
        Self::at(user, Timestamp::now())
    }
}

/// The handle an account starts with: the email's local part, the first two letters of its
/// domain, and the first 8 hex digits of the MD5 of the whole lower-cased address
/// (`john@gmail.com` → `john_gm_1f9d9a9e`). Unique in practice, and readable.
pub fn derived_handle(email: &str) -> String {
    use md5::{Digest, Md5};
    let email = email.trim().to_lowercase();
    let (local, domain) = email.split_once('@').unwrap_or((&email, ""));
    let keep = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect()
    };
    let local: String = keep(local).chars().take(24).collect();
    let domain: String = keep(domain)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(2)
        .collect();
    let digest = Md5::digest(email.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("{local}_{domain}_{hex}")
}

/// A handle someone picks: 2 to 48 of lower-case letters, digits, `.`, `_` and `-`, starting
/// with a letter or digit; `all`, `here` and the like are taken by the system.
pub fn parse_handle(raw: &str) -> Result<String, ValidationError> {
    let handle = raw.trim().trim_start_matches('@').to_lowercase();
    let invalid = |why: &str| ValidationError::new("handle", why.to_string());
    let count = handle.chars().count();
    if !(2..=crate::limits::HANDLE_MAX_CHARS).contains(&count) {
        return Err(invalid("a handle has 2 to 48 characters"));
    }
    if !handle
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        || !handle.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err(invalid(
            "use letters, digits, dots, dashes and underscores, starting with a letter or digit",
        ));
    }
    if matches!(handle.as_str(), "all" | "here" | "channel" | "everyone") {
        return Err(invalid("that handle means a group of people; pick another"));
    }
    Ok(handle)
}

/// What a handle looks like, for telling look-alikes apart: `a1ice`, `Al.ice`, `аlice` (with a
/// Cyrillic `а`) and `alice` all give `alice`. The separators `.` `_` `-` are dropped, case is
/// folded first (handles are case-insensitive and always shown lower-case, so a capital `I`
/// never shows to be mistaken for `l`), and characters that read alike become one: `0` is `o`;
/// `1` and `|` are `l`; `rn` is `m`; `vv` is `w`; Cyrillic and Greek letters that look Latin
/// are that Latin letter. Two people's handles may not share a skeleton.
pub fn handle_skeleton(handle: &str) -> String {
    let folded: String = handle
        .chars()
        .filter(|c| !matches!(c, '.' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .map(latin_look_alike)
        .collect();
    folded.replace("rn", "m").replace("vv", "w")
}

/// The Latin letter `c` passes for, or `c` itself (lower-case input).
fn latin_look_alike(c: char) -> char {
    match c {
        '0' | 'о' | 'ο' | 'σ' => 'o',
        '1' | '|' | 'ӏ' => 'l',
        'ι' | 'і' => 'i',
        'а' | 'α' => 'a',
        'е' | 'ε' => 'e',
        'р' | 'ρ' => 'p',
        'с' | 'ϲ' => 'c',
        'у' | 'γ' => 'y',
        'х' | 'χ' => 'x',
        'ј' => 'j',
        'ѕ' => 's',
        'к' | 'κ' => 'k',
        'ԁ' => 'd',
        'һ' => 'h',
        'ν' => 'v',
        'υ' => 'u',
        'ω' | 'ѡ' => 'w',
        'т' | 'τ' => 't',
        'ո' => 'n',
        other => other,
    }
}

/// A normalised email address: trimmed, lower-cased, one `@`, no spaces, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let email = raw.trim().to_lowercase();
        let invalid = |why: &str| ValidationError::new("email", why.to_string());
        if email.is_empty() {
            return Err(invalid("an email address is required"));
        }
        if email.chars().count() > EMAIL_MAX_CHARS {
            return Err(invalid("an email address has at most 254 characters"));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(invalid("an email address needs an @"));
        };
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"@".contains(c);
        if local.is_empty()
            || domain.is_empty()
            || local.chars().any(bad_char)
            || domain.chars().any(bad_char)
        {
            return Err(invalid("that is not a valid email address"));
        }
        if domain.starts_with('.') || domain.ends_with('.') || domain.contains("..") {
            return Err(invalid("that is not a valid email address"));
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name: trimmed, 1 to 80 characters, something visible, no control characters and
/// no text-direction controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(ValidationError::new(
                "displayName",
                "a display name is required",
            ));
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(ValidationError::new(
                "displayName",
                "a display name has at most 80 characters",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "displayName",
                "a display name cannot contain control characters",
            ));
        }
        if !crate::text::has_visible(name) {
            return Err(ValidationError::new(
                "displayName",
                "a display name needs at least one visible letter, digit or symbol",
            ));
        }
        if crate::text::has_bidi_control(name) {
            return Err(ValidationError::new(
                "displayName",
                "a display name cannot contain text-direction controls (such as U+202E); remove them and type the name as it should read",
            ));
        }
        Ok(Self(name.to_string()))
    }

    /// The name an account made at its first SSO sign-in starts with: the provider's, unless
    /// it gave none or one that would be refused here (blank, invisible, turning text around),
    /// which must not fail the sign-in: then the email's local part.
    pub fn from_provider(name: Option<&str>, email: &Email) -> Self {
        name.and_then(|name| Self::parse(name).ok())
            .unwrap_or_else(|| Self::from_email(email))
    }

    /// A name for someone whose identity provider gave none: the email's local part.
    pub fn from_email(email: &Email) -> Self {
        let local = email.as_str().split('@').next().unwrap_or_default();
        Self::parse(local).unwrap_or_else(|_| Self("user".to_string()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_derived_as_the_seed_describes() {
        assert_eq!(derived_handle("john@gmail.com"), "john_gm_1f9d9a9e");
        assert_eq!(derived_handle(" John@Gmail.com "), "john_gm_1f9d9a9e");
        assert!(
            crate::mentions::parse(&format!("@{}", derived_handle("a+b@x.io")))
                .handles
                .contains(&derived_handle("a+b@x.io"))
        );
    }

    #[test]
    fn picked_handles_are_checked() {
        assert_eq!(parse_handle("@Ann.Lee").unwrap(), "ann.lee");
        for bad in ["a", "-ann", "ann lee", "all", "here", &"a".repeat(49)] {
            assert!(parse_handle(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn handles_that_are_invisible_or_turn_text_around_are_refused() {
        for bad in [
            "\u{200B}\u{200B}",
            "al\u{200B}ice",
            "\u{FEFF}alice",
            "alice\u{202E}",
            "\u{2066}bob\u{2069}",
            "\u{200F}bob",
            "\u{0301}\u{0301}",
            "__",
        ] {
            assert!(parse_handle(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn look_alike_handles_share_a_skeleton() {
        for alike in [
            "alice",
            "a1ice",
            "ALICE",
            "Al.ice",
            "a_l-i.c_e",
            "аlice",
            "alіce",
            "a|ice",
        ] {
            assert_eq!(handle_skeleton(alike), "alice", "{alike:?}");
        }
        assert_eq!(handle_skeleton("bob0"), handle_skeleton("bobo"));
        assert_eq!(handle_skeleton("rnary"), handle_skeleton("mary"));
        assert_eq!(handle_skeleton("vvill"), handle_skeleton("will"));
        assert_eq!(handle_skeleton("ѕерх"), handle_skeleton("sepx"));
        assert_eq!(handle_skeleton("јοу"), handle_skeleton("joy"));
        // Different people stay different.
        assert_ne!(handle_skeleton("alice"), handle_skeleton("alicia"));
        assert_ne!(handle_skeleton("bob"), handle_skeleton("rob"));
        assert_ne!(
            handle_skeleton(&derived_handle("ann@example.com")),
            handle_skeleton(&derived_handle("ann@example.org"))
        );
    }

    #[test]
    fn email_is_normalised() {
        assert_eq!(
            Email::parse("  Alice@Example.COM ").unwrap().as_str(),
            "alice@example.com"
        );
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in [
            "",
            "alice",
            "@example.com",
            "alice@",
            "a b@example.com",
            "a@b@c",
            "a@.com",
            "a@x..y",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Bob  ").unwrap().into_string(), "Bob");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"é".repeat(81)).is_err());
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
        assert!(DisplayName::parse("bad\u{7}name").is_err());
    }

    #[test]
    fn display_names_need_something_visible_and_no_direction_controls() {
        for bad in [
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}",
            " \u{2060} \u{FEFF} ",
            "\u{0301}",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "Bob\u{202E}nimda",
            "\u{2066}Ann\u{2069}",
            "Ann\u{200E}",
            "Ann\u{200F}",
            "Ann\u{061C}",
        ] {
            let refused = DisplayName::parse(bad).unwrap_err();
            assert_eq!(refused.field, "displayName", "{bad:?}");
        }
        for good in ["Zoë", "e\u{0301}mile", "李小龍", "محمد", "🙂", "Ann 👍🏽"] {
            assert!(DisplayName::parse(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn an_invisible_provider_name_falls_back_to_a_visible_one() {
        let email = Email::parse("carol@example.com").unwrap();
        for unusable in [
            None,
            Some(""),
            Some("\u{200B}\u{200D}"),
            Some("Eve\u{202E}"),
        ] {
            let name = DisplayName::from_provider(unusable, &email).into_string();
            assert_eq!(name, "carol", "{unusable:?}");
        }
        let name = DisplayName::from_provider(Some(" Carol Ng "), &email).into_string();
        assert_eq!(name, "Carol Ng");
        let blank = Email::parse("\u{200B}@example.com").unwrap();
        assert_eq!(DisplayName::from_email(&blank).into_string(), "user");
    }

    #[test]
    fn display_name_falls_back_to_the_email_local_part() {
        let email = Email::parse("carol@example.com").unwrap();
        assert_eq!(DisplayName::from_email(&email).into_string(), "carol");
    }
}
