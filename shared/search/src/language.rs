//! What each search language brings: its Snowball stemmer and its stop words (NLTK's lists,
//! from the `stop-words` crate, baked in by build.rs). The `Language` type itself is the domain's, since the
//! workspace settings and the web carry it.

use std::collections::HashSet;
use std::sync::OnceLock;

pub use domain::search::Language;
use rust_stemmers::Algorithm;

use crate::fold::fold;

// `stop_list(code)`, written by build.rs from the `stop-words` crate.
include!(concat!(env!("OUT_DIR"), "/stop_lists.rs"));

/// The Snowball algorithm for a language; `None` stems nothing.
pub(crate) fn algorithm(language: Language) -> Option<Algorithm> {
    Some(match language {
        Language::None => return None,
        Language::Arabic => Algorithm::Arabic,
        Language::Danish => Algorithm::Danish,
        Language::Dutch => Algorithm::Dutch,
        Language::English => Algorithm::English,
        Language::Finnish => Algorithm::Finnish,
        Language::French => Algorithm::French,
        Language::German => Algorithm::German,
        Language::Greek => Algorithm::Greek,
        Language::Hungarian => Algorithm::Hungarian,
        Language::Italian => Algorithm::Italian,
        Language::Norwegian => Algorithm::Norwegian,
        Language::Portuguese => Algorithm::Portuguese,
        Language::Romanian => Algorithm::Romanian,
        Language::Russian => Algorithm::Russian,
        Language::Spanish => Algorithm::Spanish,
        Language::Swedish => Algorithm::Swedish,
        Language::Tamil => Algorithm::Tamil,
        Language::Turkish => Algorithm::Turkish,
    })
}

/// The ISO 639-1 code the stop-word lists are filed under.
fn iso_code(language: Language) -> Option<&'static str> {
    Some(match language {
        Language::None => return None,
        Language::Arabic => "ar",
        Language::Danish => "da",
        Language::Dutch => "nl",
        Language::English => "en",
        Language::Finnish => "fi",
        Language::French => "fr",
        Language::German => "de",
        Language::Greek => "el",
        Language::Hungarian => "hu",
        Language::Italian => "it",
        Language::Norwegian => "no",
        Language::Portuguese => "pt",
        Language::Romanian => "ro",
        Language::Russian => "ru",
        Language::Spanish => "es",
        Language::Swedish => "sv",
        Language::Tamil => "ta",
        Language::Turkish => "tr",
    })
}

/// A language's stop words, folded as the words they are compared with are. Built once per
/// language and process, on first use (a few hundred words).
pub(crate) fn stop_words(language: Language) -> &'static HashSet<String> {
    static SETS: [OnceLock<HashSet<String>>; Language::ALL.len()] =
        [const { OnceLock::new() }; Language::ALL.len()];
    static EMPTY: OnceLock<HashSet<String>> = OnceLock::new();
    let Some(slot) = Language::ALL
        .iter()
        .position(|l| *l == language)
        .and_then(|i| SETS.get(i))
    else {
        return EMPTY.get_or_init(HashSet::new);
    };
    slot.get_or_init(|| {
        iso_code(language)
            .map(stop_list)
            .unwrap_or_default()
            .lines()
            .map(fold)
            .filter(|word| !word.is_empty())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_but_none_stems_and_has_stop_words() {
        for language in Language::ALL {
            let stops = stop_words(language);
            if language == Language::None {
                assert!(algorithm(language).is_none());
                assert!(stops.is_empty());
            } else {
                assert!(algorithm(language).is_some(), "{language}");
                assert!(stops.len() >= 50, "{language}: {}", stops.len());
            }
        }
    }

    #[test]
    fn stop_words_are_folded() {
        let english = stop_words(Language::English);
        for word in ["the", "and", "to", "be", "or", "not"] {
            assert!(english.contains(word), "{word}");
        }
        assert!(!english.contains("budget"));
        // French lists `à` and `été`; they are compared folded.
        let french = stop_words(Language::French);
        assert!(french.contains("a"));
        assert!(french.contains("ete"));
        assert!(!french.contains("été"));
    }
}
