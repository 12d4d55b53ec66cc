//! Message search as the API and the workspace settings carry it: the language a workspace's
//! messages are analysed in, and the pieces of a result's snippet. The analysis itself lives in
//! `shared/search`; these are here because the web and the settings speak them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::files::FileEntry;
use crate::message::Message;
use crate::parent::ParentType;

/// The language whose stemming and stop words search uses. `none` indexes words as written
/// (folded for case and accents only), which suits a workspace that mixes languages; the others
/// are the languages Snowball stems, so `running` finds `run` in English.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ts_rs::TS,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    None,
    Arabic,
    Danish,
    Dutch,
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    /// Every language, `None` first, for pickers and for tests that go through them all.
    pub const ALL: [Language; 19] = [
        Language::None,
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
    ];

    /// The wire name, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::None => "none",
            Language::Arabic => "arabic",
            Language::Danish => "danish",
            Language::Dutch => "dutch",
            Language::English => "english",
            Language::Finnish => "finnish",
            Language::French => "french",
            Language::German => "german",
            Language::Greek => "greek",
            Language::Hungarian => "hungarian",
            Language::Italian => "italian",
            Language::Norwegian => "norwegian",
            Language::Portuguese => "portuguese",
            Language::Romanian => "romanian",
            Language::Russian => "russian",
            Language::Spanish => "spanish",
            Language::Swedish => "swedish",
            Language::Tamil => "tamil",
            Language::Turkish => "turkish",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Language {
    type Err = ValidationError;

    /// Reads a wire name, ignoring case and surrounding spaces.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let name = raw.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|language| language.as_str() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Language::ALL.iter().map(|l| l.as_str()).collect();
                ValidationError::new(
                    "language",
                    format!(
                        "\"{}\" is not a search language; use one of {}",
                        raw.trim(),
                        known.join(", ")
                    ),
                )
            })
    }
}

/// A piece of a result's snippet: plain text, or text the query matched (shown highlighted).
/// A snippet's pieces alternate, and `…` marks where the message was cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// How results are ordered: newest first, or best match first (among the most recent
/// matches; see `limits::SEARCH_RELEVANCE_WINDOW`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SearchSort {
    #[default]
    Newest,
    Relevance,
}

/// A message that matches a search, with the part of it to show. The message carries its
/// place and thread, which is what the deep link to it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageHit {
    pub message: Message,
    pub snippet: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageHitPage {
    pub items: Vec<MessageHit>,
    /// Pass as `cursor` for more; absent when there are no more. A page may hold fewer items
    /// than asked and still have a cursor: each page reads a bounded part of the index.
    pub next_cursor: Option<String>,
}

/// A file whose name matches a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileHit {
    #[serde(flatten)]
    pub entry: FileEntry,
    #[serde(rename = "parentID")]
    pub parent_id: String,
    pub parent_type: ParentType,
    /// The file's name in pieces, the matched ones marked.
    pub name: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileHitPage {
    pub items: Vec<FileHit>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_round_trip_through_their_wire_names() {
        for language in Language::ALL {
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.as_str()));
            assert_eq!(serde_json::from_str::<Language>(&json).unwrap(), language);
            assert_eq!(language.as_str().parse::<Language>().unwrap(), language);
        }
        assert_eq!(" English ".parse::<Language>().unwrap(), Language::English);
        assert_eq!(Language::default(), Language::None);
    }

    #[test]
    fn an_unknown_language_names_itself_and_the_choices() {
        let err = "klingon".parse::<Language>().unwrap_err();
        assert_eq!(err.field, "language");
        assert!(
            err.message
                .starts_with("\"klingon\" is not a search language; use one of none, arabic,")
        );
    }

    #[test]
    fn segments_are_camel_case_on_the_wire() {
        let segment = Segment {
            text: "budget".into(),
            hit: true,
        };
        assert_eq!(
            serde_json::to_string(&segment).unwrap(),
            r#"{"text":"budget","hit":true}"#
        );
    }
}
