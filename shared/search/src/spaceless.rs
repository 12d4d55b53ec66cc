//! Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): a text has
//! no word boundaries to find in them without a dictionary, so search indexes each run of
//! them as overlapping pairs of characters (bigrams), which any query of two or more of its
//! characters lines up with. Characters are grapheme clusters, so a letter keeps its marks.

use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

use crate::analyzer::Token;
use crate::fold::fold;

/// Scripts written without spaces between words.
fn is_spaceless_script(script: Script) -> bool {
    matches!(
        script,
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
    )
}

/// Whether a character is a letter of a script written without spaces. Characters shared by
/// several scripts count when all their scripts are such (the prolonged sound mark `ー`, the
/// iteration mark `々`); punctuation (`、`, `。`) never does.
pub(crate) fn is_spaceless_letter(c: char) -> bool {
    if !c.is_alphanumeric() {
        return false;
    }
    let script = c.script();
    if is_spaceless_script(script) {
        return true;
    }
    let extension = c.script_extension();
    matches!(script, Script::Common | Script::Inherited)
        && !extension.is_common()
        && !extension.is_inherited()
        && !extension.is_empty()
        && extension.iter().all(is_spaceless_script)
}

/// The text cut into maximal runs of spaceless-script characters (`true`) and the rest.
/// Runs are whole grapheme clusters, so a letter keeps its marks.
pub(crate) fn runs(text: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let mut runs: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for (start, grapheme) in text.grapheme_indices(true) {
        let spaceless = grapheme.chars().next().is_some_and(is_spaceless_letter);
        let end = start + grapheme.len();
        match runs.last_mut() {
            Some((range, kind)) if *kind == spaceless => range.end = end,
            _ => runs.push((start..end, spaceless)),
        }
    }
    runs
}

/// Overlapping pairs of grapheme clusters; a run of one gives that one.
pub(crate) fn push_bigrams(run: &str, offset: usize, tokens: &mut Vec<Token>) {
    let graphemes: Vec<(usize, &str)> = run.grapheme_indices(true).collect();
    let mut push = |start: usize, end: usize| {
        let Some(text) = run.get(start..end) else {
            return;
        };
        let folded = fold(text);
        if !folded.is_empty() {
            tokens.push(Token {
                term: folded.clone(),
                folded,
                start: offset + start,
                end: offset + end,
                stop: false,
            });
        }
    };
    match graphemes.as_slice() {
        [] => {}
        [(start, one)] => push(*start, start + one.len()),
        pairs => {
            for pair in pairs.windows(2) {
                if let [(start, _), (second, last)] = pair {
                    push(*start, second + last.len());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::tests::tokens;
    use crate::{Analyzer, Language};

    #[test]
    fn spaceless_scripts_become_bigrams() {
        assert_eq!(
            tokens(Language::None, "東京都庁"),
            ["東京@0..6", "京都@3..9", "都庁@6..12"]
        );
        assert_eq!(tokens(Language::None, "東"), ["東@0..3"]);
        // Punctuation ends a run; digits and Latin letters are words of their own.
        assert_eq!(
            tokens(Language::English, "Rust言語を学ぶ、2024年"),
            [
                "rust@0..4",
                "言語@4..10",
                "語を@7..13",
                "を学@10..16",
                "学ぶ@13..19",
                "2024@22..26",
                "年@26..29"
            ]
        );
        let thai: Vec<String> = Analyzer::default()
            .tokens("สวัสดีครับ")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(thai, ["สวั", "วัส", "สดี", "ดีค", "ครั", "รับ"]);
        assert_eq!(
            tokens(Language::None, "ラーメン"),
            ["ラー@0..6", "ーメ@3..9", "メン@6..12"]
        );
    }

    #[test]
    fn punctuation_and_shared_marks_are_told_apart() {
        assert!(is_spaceless_letter('ー'));
        assert!(is_spaceless_letter('々'));
        assert!(is_spaceless_letter('ก'));
        assert!(!is_spaceless_letter('、'));
        assert!(!is_spaceless_letter('。'));
        assert!(!is_spaceless_letter('a'));
        assert!(!is_spaceless_letter('1'));
        assert!(!is_spaceless_letter('한'));
    }
}
