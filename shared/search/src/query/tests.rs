use jiff::civil::date;

use super::*;
use crate::Language;

const TODAY: Date = date(2026, 3, 14);

fn english(input: &str) -> Result<Query, QueryError> {
    parse(input, &Analyzer::new(Language::English), TODAY)
}

/// A word as `term`, `*` after a prefix, `!` after a stop word; `folded=` when it differs.
fn show(word: &QueryWord) -> String {
    let mut shown = word.term.clone();
    if word.folded != word.term {
        shown = format!("{shown}(folded={})", word.folded);
    }
    if word.prefix {
        shown.push('*');
    }
    if word.stop {
        shown.push('!');
    }
    shown
}

/// The words, then each phrase in brackets.
fn text(input: &str) -> Vec<String> {
    let query = english(input).unwrap();
    let mut shown: Vec<String> = query.words.iter().map(show).collect();
    for phrase in &query.phrases {
        let words: Vec<String> = phrase.iter().map(show).collect();
        shown.push(format!("[{}]", words.join(" ")));
    }
    shown
}

fn kind(input: &str) -> QueryErrorKind {
    english(input).unwrap_err().kind
}

#[test]
fn bare_words_are_analysed_and_the_last_is_a_prefix_while_typed() {
    assert_eq!(text("Budget RUNNING"), ["budget", "run(folded=running)*"]);
    assert_eq!(text("budget running "), ["budget", "run(folded=running)"]);
    assert_eq!(text("quarterly bud"), ["quarter(folded=quarterly)", "bud*"]);
    // The last part is a filter: no word is being typed.
    assert_eq!(text("budget from:@maria"), ["budget"]);
    assert_eq!(text("budget \"q3\""), ["budget", "[q3]"]);
}

#[test]
fn phrases_keep_their_stop_words_as_positions() {
    assert_eq!(text("\"to be or not\""), ["[to! be! or! not!]"]);
    assert_eq!(
        text("release \"the launch plan\" notes"),
        [
            "releas(folded=release)",
            "note(folded=notes)*",
            "[the! launch plan]"
        ]
    );
    // Typographic quotes, as phones type them.
    assert_eq!(text("“launch plan”"), ["[launch plan]"]);
}

#[test]
fn an_unbalanced_quote_runs_to_the_end() {
    assert_eq!(text("budget \"launch pl"), ["budget", "[launch pl*]"]);
    assert_eq!(text("budget \"launch plan "), ["budget", "[launch plan]"]);
    assert_eq!(text("\"launch\" \"pl"), ["[launch]", "[pl*]"]);
    assert_eq!(kind("\""), QueryErrorKind::Empty);
    assert_eq!(kind("\"\"\"\""), QueryErrorKind::Empty);
}

#[test]
fn only_stop_words_is_a_query() {
    assert_eq!(text("to be or not"), ["to!", "be!", "or!", "not*!"]);
    let none = parse("to be", &Analyzer::default(), TODAY).unwrap();
    assert!(none.words.iter().all(|w| !w.stop));
}

#[test]
fn nothing_to_search_for_is_empty() {
    let empty = QueryError {
        kind: QueryErrorKind::Empty,
        message: "Type a word to search for, or a filter such as from:@maria.".into(),
    };
    for input in ["", "   ", "*** ???", "\"\"", "🎉 → ©", "\u{301}\u{200D}"] {
        assert_eq!(english(input), Err(empty.clone()), "{input:?}");
    }
}

#[test]
fn only_filters_is_a_query_without_text() {
    let query = english("from:@maria has:file").unwrap();
    assert!(!query.has_text());
    assert_eq!(query.filters.from, ["maria"]);
    assert!(query.filters.has_file);
}

#[test]
fn regex_and_wildcard_characters_are_punctuation() {
    assert_eq!(
        text("*budget* (q3|q4) ^re$ a+b \\d [x]? foo.*"),
        ["budget", "q3", "q4", "re!", "a!", "b", "d!", "x", "foo*"]
    );
    assert_eq!(kind("*?[]()|\\^$+."), QueryErrorKind::Empty);
}

#[test]
fn unknown_names_before_a_colon_are_words() {
    assert_eq!(text("https://x.y/z"), ["https", "xy", "z*"]);
    assert_eq!(
        text("deploy:prod foo:bar "),
        ["deploy", "prod", "foo", "bar"]
    );
    assert_eq!(text("fwd: budget"), ["fwd", "budget*"]);
}

#[test]
fn accents_and_case_fold() {
    assert_eq!(text("CAFÉ crème"), ["cafe", "creme*"]);
    let french = parse("Réunions ÉTÉ", &Analyzer::new(Language::French), TODAY).unwrap();
    let words: Vec<String> = french.words.iter().map(show).collect();
    assert_eq!(words, ["reunion(folded=reunions)", "ete*!"]);
}

#[test]
fn spaceless_words_are_phrases_of_bigrams() {
    assert_eq!(text("東京都"), ["[東京 京都]"]);
    assert_eq!(text("京都"), ["京都"]);
    // One character can only be found as the start of a bigram.
    assert_eq!(text("東 "), ["東*"]);
    assert_eq!(text("東京、大阪"), ["東京", "大阪"]);
    assert_eq!(text("Rust言語を学ぶ"), ["rust", "[言語 語を を学 学ぶ]"]);
    assert_eq!(text("学ぶ Rust"), ["学ぶ", "rust*"]);
    assert_eq!(text("\"東京都 庁\""), ["[東京 京都 庁]"]);
}

#[test]
fn too_long_counts_characters_and_words() {
    let thousand = vec!["word"; 1000].join(" ");
    assert_eq!(
        english(&thousand).unwrap_err(),
        QueryError {
            kind: QueryErrorKind::TooLong,
            message: "This search has 4999 characters; shorten it to 500 at most.".into(),
        }
    );
    let exactly = "é".repeat(SEARCH_QUERY_MAX_CHARS);
    assert!(english(&exactly).is_ok());
    assert_eq!(kind(&format!("{exactly}é")), QueryErrorKind::TooLong);

    let words: Vec<String> = (0..=SEARCH_QUERY_MAX_WORDS)
        .map(|i| format!("w{i}"))
        .collect();
    assert_eq!(
        english(&words.join(" ")).unwrap_err(),
        QueryError {
            kind: QueryErrorKind::TooLong,
            message: "This search has 33 words; use 32 at most.".into(),
        }
    );
    assert!(english(&words[1..].join(" ")).is_ok());
    // Phrase words count too.
    assert_eq!(
        kind(&format!("\"{}\" w", words[1..].join(" "))),
        QueryErrorKind::TooLong
    );
}

#[test]
fn the_first_error_is_the_one_reported() {
    let err = english("budget has:banana on:2026-02-30").unwrap_err();
    assert_eq!(err.kind, QueryErrorKind::BadFilter);
    assert_eq!(err.to_string(), err.message);
}

#[test]
fn index_words_are_what_the_index_holds() {
    let index = |input: &str| -> Vec<String> {
        english(input)
            .unwrap()
            .index_words()
            .iter()
            .map(|w| show(w))
            .collect()
    };
    assert_eq!(
        index("the budget \"the launch plan\" budget pla"),
        ["budget", "pla*", "launch", "plan"]
    );
    assert_eq!(index("plan \"plan\""), ["plan"]);
    assert_eq!(index("plans pla"), ["plan(folded=plans)", "pla*"]);
    assert_eq!(index("東京都"), ["東京", "京都"]);
    // Nothing the index can narrow by.
    assert!(index("to be or not").is_empty());
    assert!(index("\"to be\" from:@maria").is_empty());
    assert!(index(&"x".repeat(TERM_MAX_BYTES + 1)).is_empty());
}
