//! Folding: the one form a word takes in the index and in a query, so `Café`, `CAFE`, `café`
//! and full-width `ＣＡＦＥ` are one word. Compatibility decomposition (NFKD) turns ligatures,
//! full-width and circled letters into plain ones and splits accents off; Unicode case folding
//! (`caseless`, which also folds `ß` to `ss`) ignores case; accents are then dropped where they
//! are optional (Latin, Greek, Cyrillic, Hebrew, Arabic), and kept where a mark is part of the
//! letter (the vowel signs of Indic scripts and Thai, Japanese voicing marks), those composed
//! again (NFC) so the text compares as it is written. What is left of a word is its letters,
//! digits and their marks: the punctuation UAX #29 keeps inside a word goes, so `don't` and
//! `dont`, `1,000` and `1000`, `צה״ל` and `צהל` are one word, however the writer typed them.

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

/// The folded form of one word: letters, digits and marks only, so never whitespace, `#` or
/// `!` (the index's own separators), even where a compatibility form decomposes to one.
pub(crate) fn fold(word: &str) -> String {
    let mut kept = String::with_capacity(word.len());
    // The script of the last letter a mark would sit on; marks before any letter go.
    let mut base: Option<Script> = None;
    for c in word
        .nfkd()
        .default_case_fold()
        .nfkd()
        .filter(|&c| !domain::text::is_default_ignorable(c))
    {
        if is_combining_mark(c) {
            if base.is_some_and(|script| !accents_are_optional(script)) {
                kept.push(c);
            }
            continue;
        }
        base = Some(c.script());
        if c.is_alphanumeric() {
            kept.push(c);
        }
    }
    kept.nfc().collect()
}

/// Scripts whose marks are diacritics a writer may leave out (and a searcher may not type);
/// symbols and digits (`Common`) carry no letter marks to keep either.
fn accents_are_optional(script: Script) -> bool {
    matches!(
        script,
        Script::Latin
            | Script::Greek
            | Script::Cyrillic
            | Script::Hebrew
            | Script::Arabic
            | Script::Common
            | Script::Inherited
            | Script::Unknown
    )
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_and_accents_fold_away() {
        for word in ["Café", "CAFE", "café", "cafe\u{301}", "ＣＡＦＥ", "ｃａｆé"] {
            assert_eq!(fold(word), "cafe", "{word}");
        }
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("STRASSE"), "strasse");
        assert_eq!(fold("Ærøskøbing"), "ærøskøbing");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ΛΌΓΟΣ"), fold("λόγος"));
        assert_eq!(fold("λόγος"), "λογοσ");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("ﬁle"), "file");
        assert_eq!(fold("①②"), "12");
        assert_eq!(fold("Don’t"), "dont");
        assert_eq!(fold("don't"), "dont");
        assert_eq!(fold("1,000.5"), "10005");
        assert_eq!(fold("צה״ל"), "צהל");
        assert_eq!(fold("⑴"), "1");
    }

    #[test]
    fn marks_that_are_part_of_a_letter_stay() {
        // Japanese voicing marks: が is not か, and half-width katakana compose to full width.
        assert_eq!(fold("が"), "が");
        assert_eq!(fold("ｶﾞ"), "ガ");
        // Devanagari and Thai vowel signs.
        assert_eq!(fold("किताब"), "किताब");
        assert_eq!(fold("ที่"), "ที่");
    }

    #[test]
    fn invisible_characters_and_punctuation_go() {
        assert_eq!(fold("co\u{00AD}operate"), "cooperate");
        assert_eq!(fold("a\u{200D}b"), "ab");
        assert_eq!(fold("a\u{FE5F}b"), "ab");
        assert_eq!(fold("\u{FE57}x"), "x");
        assert_eq!(fold("a\u{00A0}b"), "ab");
        assert_eq!(fold("\u{301}\u{301}"), "");
    }
}
