use jiff::civil::date;

use super::*;
use crate::query::parse;
use crate::{Language, Segment};

fn find(language: Language, query: &str, text: &str) -> Option<Hits> {
    let analyzer = Analyzer::new(language);
    parse(query, &analyzer, date(2026, 3, 14))
        .unwrap()
        .find(&analyzer, text)
}

/// The highlighted pieces of the text, or `None` when it does not match.
fn hits(language: Language, query: &str, text: &str) -> Option<Vec<String>> {
    find(language, query, text).map(|hits| {
        hits.ranges
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect()
    })
}

fn score(query: &str, text: &str) -> f32 {
    find(Language::English, query, text).unwrap().score
}

const EN: Language = Language::English;

#[test]
fn every_word_must_match_in_any_order_and_form() {
    assert_eq!(
        hits(
            EN,
            "budgets approved ",
            "The budget was APPROVED; budgets too."
        ),
        Some(vec!["budget".into(), "APPROVED".into(), "budgets".into()])
    );
    assert_eq!(hits(EN, "budget approved ", "The budget is late."), None);
    assert_eq!(
        hits(Language::None, "cafe", "Meet at the Café?"),
        Some(vec!["Café".into()])
    );
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    assert_eq!(
        hits(EN, "quarterly bud", "Quarterly budgets are due"),
        Some(vec!["Quarterly".into(), "budgets".into()])
    );
    assert_eq!(
        hits(EN, "quarterly bud ", "Quarterly budgets are due"),
        None
    );
    // The prefix compares the folded word, not the stem: `runn` finds `running`.
    assert_eq!(
        hits(EN, "runn", "I was running"),
        Some(vec!["running".into()])
    );
}

#[test]
fn phrases_match_consecutive_tokens_stop_words_included() {
    assert_eq!(
        hits(EN, "\"to be or not\"", "To be, or not to be"),
        Some(vec!["To be, or not".into()])
    );
    assert_eq!(hits(EN, "\"to be or not\"", "To be, or maybe not"), None);
    assert_eq!(hits(EN, "\"launch plan\"", "plan the launch"), None);
    assert_eq!(
        hits(
            EN,
            "\"launch plans\" q3",
            "Q3: the launch plan, and the launch plan again"
        ),
        Some(vec![
            "Q3".into(),
            "launch plan".into(),
            "launch plan".into()
        ])
    );
}

#[test]
fn stop_words_count_only_when_alone() {
    // `the` is ignored beside `budget`...
    assert!(find(EN, "the budget", "budget approved").is_some());
    // ...and must match when it is all there is.
    assert_eq!(hits(EN, "the ", "The end"), Some(vec!["The".into()]));
    assert_eq!(hits(EN, "the ", "budget approved"), None);
    // Without a language there are no stop words.
    assert_eq!(hits(Language::None, "the budget", "budget approved"), None);
}

#[test]
fn spaceless_words_match_their_bigrams_in_a_row() {
    let none = Language::None;
    assert_eq!(hits(none, "京都", "東京都庁"), Some(vec!["京都".into()]));
    assert_eq!(
        hits(none, "東京都", "東京都庁"),
        Some(vec!["東京都".into()])
    );
    // Both bigrams are there, but not in a row.
    assert_eq!(hits(none, "東京都", "東京の京都"), None);
    // One character: the start or the end of a bigram, highlighted alone.
    assert_eq!(hits(none, "都 ", "東京都庁"), Some(vec!["都".into()]));
    assert_eq!(hits(none, "庁 ", "東京都庁"), Some(vec!["庁".into()]));
    assert_eq!(
        hits(EN, "rust 言語", "Rust言語を学ぶ"),
        Some(vec!["Rust言語".into()])
    );
}

#[test]
fn a_query_of_only_filters_matches_every_text() {
    let hits = find(EN, "from:@maria", "anything").unwrap();
    assert_eq!(
        hits,
        Hits {
            ranges: vec![],
            score: 0.0
        }
    );
}

#[test]
fn scores_rank_better_matches_higher() {
    // Exact beats prefix.
    assert!(score("budget", "budget approved") > score("bud", "budgetary approved"));
    // More occurrences beat fewer.
    assert!(
        score("budget ", "budget, budget and budget") > score("budget ", "budget, cost and fee")
    );
    // A phrase beats the same words apart; words side by side beat words apart.
    assert!(
        score("\"launch plan\"", "the launch plan we made")
            > score("launch plan ", "the plan we made to launch")
    );
    assert!(
        score("launch plan ", "the launch plan we made")
            > score("launch plan ", "the plan we made to launch")
    );
    // Shorter texts a little higher.
    let long = format!("budget {}", "words ".repeat(200));
    assert!(score("budget ", "budget approved") > score("budget ", &long));
    assert!(score("budget ", &long) > 0.0);
}

#[test]
fn ranges_are_sorted_and_merged() {
    assert_eq!(
        merge(vec![5..9, 0..3, 2..4, 9..12, 20..21]),
        [0..4, 5..12, 20..21]
    );
    assert_eq!(merge(vec![]), Vec::<Range<usize>>::new());
}

#[test]
fn links_are_urls_with_a_scheme_or_www() {
    for text in [
        "see https://github.com/a/b",
        "http://localhost:3000 is up",
        "www.example.com",
        "(https://example.com/q?a=1).",
    ] {
        assert!(has_link(text), "{text}");
    }
    for text in [
        "report.pdf",
        "node.js",
        "mail bob@example.com",
        "deploy:prod",
        "v1.2.3",
        "e.g. this",
        "",
    ] {
        assert!(!has_link(text), "{text}");
    }
}

#[test]
fn snippets_show_the_hits() {
    let text = "The launch plan is ready; plan the launch.";
    let hits = find(EN, "launch plan", text).unwrap();
    assert_eq!(
        snippet(text, &hits.ranges, 20),
        [
            Segment {
                text: "The ".into(),
                hit: false
            },
            Segment {
                text: "launch".into(),
                hit: true
            },
            Segment {
                text: " ".into(),
                hit: false
            },
            Segment {
                text: "plan".into(),
                hit: true
            },
            Segment {
                text: " is…".into(),
                hit: false
            },
        ]
    );
}
