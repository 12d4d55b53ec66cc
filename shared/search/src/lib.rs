//! Message search, the pure part: how a text becomes index terms (`analyzer`), what a person
//! types in the search box (`query`, `filters`), and whether and where a message matches it
//! (`matching`, `snippet`). No I/O: the index and the routes are built on top of this.

pub mod analyzer;
mod dates;
pub mod filters;
mod fold;
pub mod language;
pub mod matching;
pub mod query;
mod snippet;
mod spaceless;

pub use analyzer::{Analyzer, Token};
pub use domain::search::Segment;
pub use filters::{Filters, Place};
pub use language::Language;
pub use matching::{Hits, has_link, snippet};
pub use query::{Query, QueryError, QueryErrorKind, QueryWord, parse};

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    use super::*;

    /// Characters that have broken text code before: marks with nothing to sit on, joiners,
    /// right-to-left text and its controls, emoji sequences, surrogate-adjacent and
    /// private-use code points, full-width forms, spaceless scripts, quotes and colons.
    const ODD: &[&str] = &[
        "\u{301}",
        "\u{200D}",
        "\u{200B}",
        "\u{202E}",
        "\u{2066}",
        "\u{FEFF}",
        "\u{00AD}",
        "مرحبا",
        "שָׁלוֹם",
        "👩\u{200D}👩\u{200D}👧",
        "🇫🇷",
        "\u{FE0F}",
        "\u{D7FF}",
        "\u{E000}",
        "\u{10FFFF}",
        "Ｆｕｌｌ",
        "東京",
        "ｶﾞ",
        "ไทย",
        "ᄀᄀᄀ",
        "\"",
        "“",
        ":",
        "#",
        "!",
        "@",
        "_",
        "-",
        ".",
        "'",
        "’",
        " ",
        "\n",
        "\t",
        "a",
        "Z",
        "9",
        "ß",
        "İ",
        "ﬁ",
        "⑴",
        "½",
        "x:y",
        "from:",
        "in:",
        "on:",
        "has:",
        "\\",
        "*",
        "(",
        "[",
        "ǅ",
        "ᾳ",
        "\u{0345}",
        "\u{1F600}",
    ];

    /// A deterministic stream of odd strings (xorshift), so a failure is reproducible.
    fn odd_strings(count: usize) -> Vec<String> {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut strings: Vec<String> = vec![
            String::new(),
            "\u{301}".repeat(50),
            "\u{200D}".repeat(50),
            "a".repeat(10_000),
            "東".repeat(10_000),
            "word ".repeat(2_000),
            "\u{202E}txet lanoitcerid\u{202C}".into(),
            "עברית עם English ו-123".into(),
        ];
        for _ in 0..count {
            let len = (next() % 40) as usize;
            let string: String = (0..len)
                .map(|_| ODD[(next() % ODD.len() as u64) as usize])
                .collect();
            strings.push(string);
        }
        strings
    }

    #[test]
    fn no_input_makes_anything_panic() {
        let today = date(2026, 3, 14);
        let zone = TimeZone::get("Europe/Paris").unwrap();
        let strings = odd_strings(1_500);
        let (mut parsed, mut found) = (0, 0);
        for (i, text) in strings.iter().enumerate() {
            let language = Language::ALL[i % Language::ALL.len()];
            let analyzer = Analyzer::new(language);
            let tokens = analyzer.tokens(text);
            for token in &tokens {
                assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
                assert!(token.start < token.end && token.end <= text.len());
                assert!(!token.term.is_empty() && !token.folded.is_empty());
            }
            for term in analyzer
                .terms(text)
                .iter()
                .chain(&analyzer.file_name_terms(text))
            {
                assert!(!term.starts_with('!'), "{term:?} from {text:?}");
                assert!(
                    !term.contains(' ') && !term.contains('#'),
                    "{term:?} from {text:?}"
                );
                assert!(!term.is_empty() && term.len() <= analyzer::TERM_MAX_BYTES);
            }
            let _ = has_link(text);
            let query = parse(text, &analyzer, today);
            // The text itself, and another of the set, as the message searched.
            let other = &strings[(i * 7 + 3) % strings.len()];
            if let Ok(query) = query {
                parsed += 1;
                let _ = query.filters.time_range(&zone);
                // What someone typed finds the text they typed it from.
                assert!(
                    query.find(&analyzer, text).is_some(),
                    "{language:?} {text:?}"
                );
                for message in [text, other] {
                    let Some(hits) = query.find(&analyzer, message) else {
                        continue;
                    };
                    found += 1;
                    assert!(hits.score.is_finite() && hits.score >= 0.0);
                    let shown = snippet(message, &hits.ranges, 1 + i % 120);
                    let chars: usize = shown.iter().map(|s| s.text.chars().count()).sum();
                    assert!(chars <= 1 + i % 120, "{message:?}");
                }
            }
            let ranges: Vec<std::ops::Range<usize>> =
                tokens.iter().map(|t| t.start..t.end + i % 3).collect();
            let shown = snippet(text, &ranges, i % 90);
            assert!(shown.windows(2).all(|pair| pair[0].hit != pair[1].hit));
            assert!(shown.iter().map(|s| s.text.chars().count()).sum::<usize>() <= i % 90);
        }
        // The odd strings reach the matching and snippets, not only the errors.
        assert!(
            parsed > 1000 && found > 500,
            "{parsed} parsed, {found} found"
        );
    }
}
