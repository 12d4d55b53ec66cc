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
    /// Their picture (`GET /api/v1/users/{id}/avatar` gives a URL); `None`: a coloured tile.
    #[serde(default)]
    pub avatar: Option<crate::FileId>,
    /// How the app looks for them on every device they use.
    #[serde(default)]
    pub theme: Theme,
}

/// Light or dark colours, or whatever the device is set to.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
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
    /// Their picture, if they set one; it changes id when they change it.
    #[serde(default)]
    pub avatar: Option<crate::FileId>,
}

/// `PUT /api/v1/users/me/avatar`: an uploaded image (`POST /api/v1/uploads`) to crop square
/// and use as the caller's picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetAvatar {
    #[serde(rename = "uploadID")]
    pub upload_id: crate::UploadId,
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
            avatar: user.avatar,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle(String);

impl Handle {
    /// Reads a handle as a person types it: `@` and surrounding spaces dropped, lower-cased.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let handle = raw.trim().trim_start_matches('@').to_lowercase();
        let invalid = |why: &str| ValidationError::new("handle", why.to_string());
        let count = handle.chars().count();
        if !(2..=crate::limits::HANDLE_MAX_CHARS).contains(&count) {
            return Err(ValidationError::new(
                "handle",
                format!(
                    "a handle has 2 to {} characters",
                    crate::limits::HANDLE_MAX_CHARS
                ),
            ));
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
        Ok(Self(handle))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
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

    pub fn as_str(&self) -> &str {
        &self.0
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
mod tests;
