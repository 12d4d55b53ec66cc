//! The workspace's own settings, which system admins change: its name, what may be uploaded, and
//! who may invite. One set per workspace; absent means the defaults.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::limits::{
    FILE_TYPE_MAX_CHARS, FILE_TYPES_MAX, UPLOAD_MAX_BYTES_CEILING, UPLOAD_MAX_BYTES_DEFAULT,
    UPLOAD_MAX_BYTES_FLOOR, WORKSPACE_NAME_MAX_CHARS,
};
use crate::search::Language;
use crate::user::Role;

/// Who may invite people by email.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum InvitePolicy {
    /// Admins and members (never guests).
    #[default]
    Everyone,
    /// System admins only.
    Admins,
}

impl InvitePolicy {
    /// Whether someone with `role` may send invites under this policy. Guests never may.
    pub fn allows(self, role: Role) -> bool {
        match self {
            Self::Everyone => role != Role::Guest,
            Self::Admins => role == Role::Admin,
        }
    }
}

/// The workspace's settings, as stored and as every signed-in user reads them (nothing here is
/// secret: clients need the limits to check a file before uploading it). A setting added later
/// reads as its default from items saved before it existed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkspaceSettings {
    pub name: String,
    /// The largest file a person may upload, in bytes.
    #[ts(type = "number")]
    pub max_upload_bytes: u64,
    /// File name extensions that may be uploaded: lower case, without the dot.
    pub allowed_file_types: Vec<String>,
    pub invite_policy: InvitePolicy,
    /// The language search stems and drops stop words for. A change applies to messages
    /// indexed from then on; `migrate reindex-search --apply` re-indexes the older ones.
    pub search_language: Language,
}

/// The reference system's default allowlist.
pub const DEFAULT_FILE_TYPES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "txt", "md", "csv", "log", "zip", "tar", "gz", "mp4", "mov", "webm", "mp3", "wav", "ogg",
];

pub const DEFAULT_WORKSPACE_NAME: &str = "Parley";

impl Default for WorkspaceSettings {
    fn default() -> Self {
        Self {
            name: DEFAULT_WORKSPACE_NAME.to_string(),
            max_upload_bytes: UPLOAD_MAX_BYTES_DEFAULT,
            allowed_file_types: DEFAULT_FILE_TYPES.iter().map(|t| t.to_string()).collect(),
            invite_policy: InvitePolicy::default(),
            search_language: Language::None,
        }
    }
}

/// `PUT /api/v1/admin/settings`: every setting, replaced together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateWorkspaceSettings {
    /// 1 to 80 characters.
    pub name: String,
    /// 1 KiB to 5 GiB.
    #[ts(type = "number")]
    pub max_upload_bytes: u64,
    /// Extensions such as `pdf` or `.PDF` (stored lower case, without the dot, once each).
    pub allowed_file_types: Vec<String>,
    pub invite_policy: InvitePolicy,
    /// `none` when absent.
    #[serde(default)]
    #[ts(optional)]
    pub search_language: Option<Language>,
}

impl WorkspaceSettings {
    /// Checks and normalises what an admin sent. Errors name the field to fix.
    pub fn parse(input: UpdateWorkspaceSettings) -> Result<Self, ValidationError> {
        Ok(Self {
            name: parse_name(&input.name)?,
            max_upload_bytes: parse_max_upload(input.max_upload_bytes)?,
            allowed_file_types: parse_file_types(&input.allowed_file_types)?,
            invite_policy: input.invite_policy,
            search_language: input.search_language.unwrap_or_default(),
        })
    }

    /// Whether a file with this name may be uploaded (its extension is on the list).
    pub fn allows_file(&self, file_name: &str) -> bool {
        file_name.rsplit_once('.').is_some_and(|(_, ext)| {
            let ext = ext.to_lowercase();
            self.allowed_file_types.contains(&ext)
        })
    }
}

fn parse_name(raw: &str) -> Result<String, ValidationError> {
    let name = raw.trim();
    let invalid = |why: &str| ValidationError::new("name", why.to_string());
    if name.is_empty() {
        return Err(invalid("the workspace needs a name"));
    }
    if name.chars().count() > WORKSPACE_NAME_MAX_CHARS {
        return Err(invalid(&format!(
            "a workspace name has at most {WORKSPACE_NAME_MAX_CHARS} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid(
            "a workspace name cannot contain control characters",
        ));
    }
    Ok(name.to_string())
}

fn parse_max_upload(bytes: u64) -> Result<u64, ValidationError> {
    if (UPLOAD_MAX_BYTES_FLOOR..=UPLOAD_MAX_BYTES_CEILING).contains(&bytes) {
        Ok(bytes)
    } else {
        Err(ValidationError::new(
            "maxUploadBytes",
            "the upload limit must be between 1 KiB and 5 GiB",
        ))
    }
}

fn parse_file_types(raw: &[String]) -> Result<Vec<String>, ValidationError> {
    let invalid = |why: String| ValidationError::new("allowedFileTypes", why);
    let mut types: Vec<String> = Vec::new();
    for entry in raw {
        let ext = entry.trim().trim_start_matches('.').to_lowercase();
        if ext.is_empty()
            || ext.chars().count() > FILE_TYPE_MAX_CHARS
            || !ext.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(invalid(format!(
                "{entry:?} is not a file extension: use 1 to {FILE_TYPE_MAX_CHARS} letters or digits, such as pdf"
            )));
        }
        if !types.contains(&ext) {
            types.push(ext);
        }
    }
    if types.is_empty() {
        return Err(invalid("allow at least one file type".to_string()));
    }
    if types.len() > FILE_TYPES_MAX {
        return Err(invalid(format!(
            "allow at most {FILE_TYPES_MAX} file types"
        )));
    }
    Ok(types)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> UpdateWorkspaceSettings {
        UpdateWorkspaceSettings {
            name: "  Acme  ".into(),
            max_upload_bytes: 10 * 1024 * 1024,
            allowed_file_types: vec![".PDF".into(), "png".into(), "pdf".into()],
            invite_policy: InvitePolicy::Admins,
            search_language: Some(Language::English),
        }
    }

    #[test]
    fn settings_are_normalised() {
        let settings = WorkspaceSettings::parse(input()).unwrap();
        assert_eq!(settings.name, "Acme");
        assert_eq!(settings.allowed_file_types, ["pdf", "png"]);
        assert!(settings.allows_file("Report.Final.PDF"));
        assert!(!settings.allows_file("pdf"));
        assert!(!settings.allows_file("run.exe"));
    }

    #[test]
    fn bad_settings_name_their_field() {
        let field = |change: fn(&mut UpdateWorkspaceSettings)| {
            let mut bad = input();
            change(&mut bad);
            WorkspaceSettings::parse(bad).unwrap_err().field
        };
        assert_eq!(field(|s| s.name = " ".into()), "name");
        assert_eq!(field(|s| s.name = "x".repeat(81)), "name");
        assert_eq!(field(|s| s.max_upload_bytes = 1023), "maxUploadBytes");
        assert_eq!(
            field(|s| s.max_upload_bytes = 5 * 1024 * 1024 * 1024 + 1),
            "maxUploadBytes"
        );
        assert_eq!(field(|s| s.allowed_file_types = vec![]), "allowedFileTypes");
        assert_eq!(
            field(|s| s.allowed_file_types = vec!["tar.gz".into()]),
            "allowedFileTypes"
        );
        assert_eq!(
            field(|s| s.allowed_file_types = vec![".".into()]),
            "allowedFileTypes"
        );
        let many = (0..=FILE_TYPES_MAX).map(|i| format!("x{i}")).collect();
        let mut bad = input();
        bad.allowed_file_types = many;
        assert_eq!(
            WorkspaceSettings::parse(bad).unwrap_err().field,
            "allowedFileTypes"
        );
    }

    #[test]
    fn the_bounds_themselves_are_allowed() {
        for bytes in [UPLOAD_MAX_BYTES_FLOOR, UPLOAD_MAX_BYTES_CEILING] {
            let mut ok = input();
            ok.max_upload_bytes = bytes;
            assert!(WorkspaceSettings::parse(ok).is_ok());
        }
    }

    #[test]
    fn defaults_match_the_reference() {
        let settings = WorkspaceSettings::default();
        assert_eq!(settings.max_upload_bytes, 50 * 1024 * 1024);
        assert_eq!(settings.allowed_file_types.len(), 26);
        assert_eq!(settings.invite_policy, InvitePolicy::Everyone);
    }

    #[test]
    fn guests_never_invite() {
        assert!(InvitePolicy::Everyone.allows(Role::Member));
        assert!(!InvitePolicy::Everyone.allows(Role::Guest));
        assert!(!InvitePolicy::Admins.allows(Role::Member));
        assert!(InvitePolicy::Admins.allows(Role::Admin));
    }
}
