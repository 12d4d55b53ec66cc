//! Text analysis: a text becomes the tokens search compares, the same way for a message as it
//! is indexed, for a query as it is typed, and for highlighting. Words are UAX #29 word
//! segments (also split at `:` and `_`, so `deploy:prod` is two words), folded (see `fold`),
//! then stemmed for the workspace's language. Scripts written without spaces (Chinese,
//! Japanese, Thai, ...) have no words to find, so each run of them becomes overlapping pairs of
//! characters (bigrams): `東京都庁` gives 東京, 京都, 都庁, and a query for `京都` finds it.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::fold::fold;
use crate::language::{self, Language};
use crate::spaceless::{push_bigrams, runs};

/// A term longer than this many bytes is not indexed: no one types it, and it would only
/// bloat the index (a pasted hash or a base64 blob).
pub const TERM_MAX_BYTES: usize = 64;

/// Analyses texts in one language. Cheap to clone: the stop words are shared.
#[derive(Clone)]
pub struct Analyzer {
    language: Language,
    stemmer: Option<Algorithm>,
    stop_words: &'static HashSet<String>,
}

/// One word of a text (or one bigram of a spaceless script), where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// As indexed: folded, and stemmed when the language stems. For a script written without
    /// spaces, a character bigram.
    pub term: String,
    /// Folded but not stemmed: what prefix matching compares.
    pub folded: String,
    /// Byte range in the original text, on character boundaries.
    pub start: usize,
    pub end: usize,
    /// A stop word: never in `terms`, still a token so phrases and highlights line up.
    pub stop: bool,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .field("stop_words", &self.stop_words.len())
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(Language::None)
    }
}

/// Where words split besides UAX #29's boundaries, in texts and in file names.
const TEXT_SPLITS: &[char] = &[':', '_'];
const FILE_NAME_SPLITS: &[char] = &[':', '_', '.', '-'];

impl Analyzer {
    pub fn new(language: Language) -> Self {
        Self {
            language,
            stemmer: language::algorithm(language),
            stop_words: language::stop_words(language),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The distinct index terms of a text (what the index stores for it).
    pub fn terms(&self, text: &str) -> BTreeSet<String> {
        terms_of(self.tokens(text))
    }

    /// The index terms of a file name: also splits on `_`, `.`, `-` (so
    /// `Q3-budget_final.pdf` gives q3, budget, final, pdf).
    pub fn file_name_terms(&self, name: &str) -> BTreeSet<String> {
        terms_of(self.tokenize(name, FILE_NAME_SPLITS))
    }

    /// Every token of a text in order, with its byte range in the text.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        self.tokenize(text, TEXT_SPLITS)
    }

    fn tokenize(&self, text: &str, splits: &[char]) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (range, spaceless) in runs(text) {
            let Some(run) = text.get(range.clone()) else {
                continue;
            };
            if spaceless {
                push_bigrams(run, range.start, &mut tokens);
                continue;
            }
            for (offset, segment) in run.split_word_bound_indices() {
                if !segment.chars().any(char::is_alphanumeric) {
                    continue;
                }
                for (piece_start, piece) in split_at(segment, splits) {
                    let start = range.start + offset + piece_start;
                    if let Some(token) = self.word(piece, start) {
                        tokens.push(token);
                    }
                }
            }
        }
        tokens
    }

    /// The token of one word, trimmed of the punctuation UAX #29 may leave at its ends.
    fn word(&self, piece: &str, start: usize) -> Option<Token> {
        let trimmed = piece.trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = start + (piece.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric() && !is_mark(c));
        if trimmed.is_empty() {
            return None;
        }
        let folded = fold(trimmed);
        if folded.is_empty() {
            return None;
        }
        let stop = self.stop_words.contains(&folded);
        let term = match self.stemmer {
            Some(algorithm) => {
                let stem = Stemmer::create(algorithm).stem(&folded).into_owned();
                if stem.is_empty() {
                    folded.clone()
                } else {
                    stem
                }
            }
            None => folded.clone(),
        };
        Some(Token {
            term,
            folded,
            start,
            end: start + trimmed.len(),
            stop,
        })
    }
}

fn terms_of(tokens: Vec<Token>) -> BTreeSet<String> {
    tokens
        .into_iter()
        .filter(|token| !token.stop && token.term.len() <= TERM_MAX_BYTES)
        .map(|token| token.term)
        .collect()
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// The pieces of a word segment between split characters, with their byte offsets. A
/// compatibility form of a split character splits too (full-width `：`, small `﹍`).
fn split_at<'a>(segment: &'a str, splits: &'a [char]) -> impl Iterator<Item = (usize, &'a str)> {
    let is_split = |c: char| {
        let mut split = splits.contains(&c);
        unicode_normalization::char::decompose_compatible(c, |d| split |= splits.contains(&d));
        split
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in segment.char_indices() {
        if is_split(c) {
            pieces.push((start, &segment[start..i]));
            start = i + c.len_utf8();
        }
    }
    pieces.push((start, &segment[start..]));
    pieces.into_iter()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn terms(language: Language, text: &str) -> Vec<String> {
        Analyzer::new(language).terms(text).into_iter().collect()
    }

    /// Each token as `folded@start..end`, with `!` after a stop word.
    pub(crate) fn tokens(language: Language, text: &str) -> Vec<String> {
        Analyzer::new(language)
            .tokens(text)
            .iter()
            .map(|t| {
                let stop = if t.stop { "!" } else { "" };
                format!("{}@{}..{}{stop}", t.folded, t.start, t.end)
            })
            .collect()
    }

    #[test]
    fn words_are_folded_and_stemmed_in_english() {
        assert_eq!(
            terms(Language::English, "The Café's budgets were RUNNING late!"),
            ["budget", "cafe", "late", "run"]
        );
        assert_eq!(
            tokens(Language::English, "The Café's budgets"),
            ["the@0..3!", "cafes@4..11", "budgets@12..19"]
        );
    }

    #[test]
    fn without_a_language_words_are_only_folded() {
        assert_eq!(
            terms(Language::None, "The budgets were RUNNING"),
            ["budgets", "running", "the", "were"]
        );
        assert!(
            Analyzer::new(Language::None)
                .tokens("the")
                .iter()
                .all(|t| !t.stop)
        );
    }

    #[test]
    fn colons_and_underscores_split_words_as_punctuation_does() {
        assert_eq!(
            terms(Language::None, "deploy:prod my_var a-b"),
            ["a", "b", "deploy", "my", "prod", "var"]
        );
        assert_eq!(
            tokens(Language::None, "https://x.y/z"),
            ["https@0..5", "xy@8..11", "z@12..13"]
        );
        // UAX #29 keeps numbers, contractions and dotted names whole; folding drops their
        // punctuation.
        assert_eq!(
            terms(Language::None, "v3.14 don't e.g. 1,000"),
            ["1000", "dont", "eg", "v314"]
        );
    }

    #[test]
    fn punctuation_emoji_and_symbols_are_not_tokens() {
        assert!(tokens(Language::English, "*** ??? 🎉 → © -- ...").is_empty());
        assert_eq!(
            tokens(Language::None, "ship 🚀 it"),
            ["ship@0..4", "it@10..12"]
        );
    }

    #[test]
    fn file_names_split_at_dots_dashes_and_underscores() {
        let analyzer = Analyzer::new(Language::English);
        let terms: Vec<String> = analyzer
            .file_name_terms("Q3-budget_final.pdf")
            .into_iter()
            .collect();
        assert_eq!(terms, ["budget", "final", "pdf", "q3"]);
    }

    #[test]
    fn terms_never_hold_the_index_separators() {
        // `#` and `!` are punctuation, and compatibility forms that decompose to them or to a
        // space (`﹟`, `﹗`, a no-break space inside a word) are dropped from the word.
        assert_eq!(
            terms(
                Language::None,
                "#general !important wow!! a\u{FE5F}b x\u{FE57}"
            ),
            ["a", "b", "general", "important", "wow", "x"]
        );
        assert_eq!(
            terms(Language::None, "⑴ a：b c＿d"),
            ["1", "a", "b", "c", "d"]
        );
    }

    #[test]
    fn long_terms_are_tokens_but_not_terms() {
        let long = "a".repeat(TERM_MAX_BYTES + 1);
        let exact = "b".repeat(TERM_MAX_BYTES);
        let text = format!("{long} {exact} 42");
        assert_eq!(Analyzer::default().tokens(&text).len(), 3);
        assert_eq!(terms(Language::None, &text), ["42".to_string(), exact]);
    }

    #[test]
    fn stop_words_are_tokens_and_not_terms() {
        assert_eq!(
            tokens(Language::English, "to be or not"),
            ["to@0..2!", "be@3..5!", "or@6..8!", "not@9..12!"]
        );
        assert!(terms(Language::English, "to be or not").is_empty());
        assert_eq!(terms(Language::French, "Où est la réunion"), ["reunion"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Ｈｅｌｌｏ, Ärger_Über ﬁnal";
        for token in Analyzer::new(Language::German).tokens(text) {
            let original = &text[token.start..token.end];
            assert_eq!(fold(original), token.folded);
        }
    }
}
