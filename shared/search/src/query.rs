//! The query language, as a person types it in the search box: bare words (all must match; the
//! last one also as a prefix while it is being typed), `"quoted phrases"` (the words in order,
//! side by side), and filters (`from:@maria`, see `filters`). Nothing in it is an operator
//! besides those: `* ? ( ) | \ ^ $ + .` are punctuation, and a name before a colon that is not
//! a filter is words (`https://x.y/z`), so whatever someone pastes searches for its words.

use std::fmt;

use domain::limits::{SEARCH_QUERY_MAX_CHARS, SEARCH_QUERY_MAX_WORDS};
use jiff::civil::Date;

use crate::analyzer::{Analyzer, TERM_MAX_BYTES, Token};
use crate::filters::{FilterName, Filters};
use crate::spaceless::is_spaceless_letter;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Every one must match.
    pub words: Vec<QueryWord>,
    /// Every one must match, its words on consecutive tokens. A word of a spaceless script
    /// typed bare (`東京都`) is a phrase of its bigrams (東京, 京都).
    pub phrases: Vec<Vec<QueryWord>>,
    pub filters: Filters,
}

/// One word of a query, analysed as the texts it is compared with were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// Compared with a token's `term` (folded and stemmed).
    pub term: String,
    /// Compared with the start of a token's `folded` when `prefix`.
    pub folded: String,
    /// Also matches longer words it begins (the word being typed).
    pub prefix: bool,
    /// A stop word: outside a phrase it counts only when the query has nothing else.
    pub stop: bool,
}

/// Why a query cannot run; `message` is one sentence a person can act on, naming the part of
/// the query at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub kind: QueryErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryErrorKind {
    /// Nothing to search for: no word, phrase or filter.
    Empty,
    /// Over `SEARCH_QUERY_MAX_CHARS` characters or `SEARCH_QUERY_MAX_WORDS` words.
    TooLong,
    /// A filter with a value it does not take, or repeated where it cannot be.
    BadFilter,
    /// A date filter whose value is not a day.
    BadDate,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// Straight and typographic double quotes (phones type the latter).
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// Parses what a person typed. `today` is the searcher's date, for `today` and `yesterday`.
pub fn parse(input: &str, analyzer: &Analyzer, today: Date) -> Result<Query, QueryError> {
    let chars = input.chars().count();
    if chars > SEARCH_QUERY_MAX_CHARS {
        return Err(QueryError {
            kind: QueryErrorKind::TooLong,
            message: format!(
                "This search has {chars} characters; shorten it to {SEARCH_QUERY_MAX_CHARS} at most."
            ),
        });
    }
    let mut query = Query::default();
    let mut rest = input;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(quote) = rest.chars().next().filter(|&c| is_quote(c)) {
            let inside = &rest[quote.len_utf8()..];
            let (phrase, after, closed) = match inside.find(is_quote) {
                Some(end) => (&inside[..end], &inside[end..], true),
                None => (inside, "", false),
            };
            rest = after
                .chars()
                .next()
                .map_or("", |close| &after[close.len_utf8()..]);
            // An unclosed phrase at the end is still being typed: its last word is a prefix.
            let typing = !closed && !phrase.ends_with(char::is_whitespace);
            let mut words = query_words(analyzer.tokens(phrase));
            if let Some(last) = words.last_mut() {
                last.prefix |= typing;
            }
            if !words.is_empty() {
                query.phrases.push(words);
            }
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || is_quote(c))
            .unwrap_or(rest.len());
        let (part, after) = rest.split_at(end);
        rest = after;
        if let Some((name, value)) = part.split_once(':')
            && let Some(name) = FilterName::parse(name)
        {
            query.filters.apply(name, value, part, today)?;
            continue;
        }
        // The word being typed: the input ends inside it.
        let typing = after.is_empty();
        add_bare_words(&mut query, analyzer.tokens(part), typing);
    }
    let count = query.words.len() + query.phrases.iter().map(Vec::len).sum::<usize>();
    if count > SEARCH_QUERY_MAX_WORDS {
        return Err(QueryError {
            kind: QueryErrorKind::TooLong,
            message: format!(
                "This search has {count} words; use {SEARCH_QUERY_MAX_WORDS} at most."
            ),
        });
    }
    if !query.has_text() && query.filters.is_empty() {
        return Err(QueryError {
            kind: QueryErrorKind::Empty,
            message: "Type a word to search for, or a filter such as from:@maria.".to_string(),
        });
    }
    Ok(query)
}

fn query_words(tokens: Vec<Token>) -> Vec<QueryWord> {
    tokens
        .into_iter()
        .map(|token| QueryWord {
            term: token.term,
            folded: token.folded,
            prefix: false,
            stop: token.stop,
        })
        .collect()
}

/// Words go to `words`; the bigrams of a spaceless run go together to `phrases`, as they must
/// appear together. A spaceless run of one character is a prefix: it is found as the first
/// character of the text's bigrams (`東` finds `東京`).
fn add_bare_words(query: &mut Query, tokens: Vec<Token>, typing: bool) {
    let mut run: Vec<Token> = Vec::new();
    let mut last_word: Option<usize> = None;
    let flush = |query: &mut Query, run: &mut Vec<Token>| {
        let words = query_words(std::mem::take(run));
        match <[QueryWord; 1]>::try_from(words) {
            Ok([mut word]) => {
                word.prefix = word.folded.chars().count() == 1;
                query.words.push(word);
            }
            Err(words) if !words.is_empty() => query.phrases.push(words),
            Err(_) => {}
        }
    };
    for token in tokens {
        if is_bigram(&token) {
            // A bigram not overlapping the last one starts a new run (`東京、大阪`).
            if run.last().is_some_and(|last| last.end <= token.start) {
                flush(query, &mut run);
            }
            run.push(token);
            last_word = None;
            continue;
        }
        flush(query, &mut run);
        query.words.extend(query_words(vec![token]));
        last_word = Some(query.words.len() - 1);
    }
    flush(query, &mut run);
    if typing && let Some(word) = last_word.and_then(|i| query.words.get_mut(i)) {
        word.prefix = true;
    }
}

/// A token cut from a spaceless run rather than a word.
pub(crate) fn is_bigram(token: &Token) -> bool {
    token.folded.chars().next().is_some_and(is_spaceless_letter)
}

impl Query {
    /// True when the query has words or phrases (false when only filters).
    pub fn has_text(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty()
    }

    /// The words every matching message holds among its index terms (`Analyzer::terms`), for
    /// the index to narrow by: the words and phrase words that are not stop words nor longer
    /// than `TERM_MAX_BYTES`, each once (a prefix word is looked up as a prefix). Empty when
    /// the index cannot narrow by text (only filters, or only stop words): then `find` alone
    /// decides among the messages the filters allow.
    pub fn index_words(&self) -> Vec<&QueryWord> {
        let mut seen: Vec<&QueryWord> = Vec::new();
        for word in self.words.iter().chain(self.phrases.iter().flatten()) {
            if word.stop || word.term.len() > TERM_MAX_BYTES {
                continue;
            }
            match seen.iter_mut().find(|w| w.term == word.term) {
                // The same term wanted whole somewhere beats wanting it as a prefix.
                Some(same) if same.prefix && !word.prefix => *same = word,
                Some(_) => {}
                None => seen.push(word),
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests;
