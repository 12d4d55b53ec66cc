//! Whether a message matches a query's words and phrases, where (to highlight), and how well
//! (to rank). The index narrows the messages down by their terms; this checks what the terms
//! alone cannot: phrases in order, prefixes, and stop words.

use std::ops::Range;

use crate::analyzer::{Analyzer, Token};
use crate::query::{Query, QueryWord, is_bigram};
use crate::spaceless::is_spaceless_letter;

pub use crate::snippet::snippet;

/// Where a text matched and how well.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// Byte ranges of the text to highlight: sorted, overlapping and touching ones merged.
    pub ranges: Vec<Range<usize>>,
    /// Higher is better: words found exactly and often, phrases, words side by side as typed,
    /// and shorter texts score higher. Zero when the query has no text (only filters).
    pub score: f32,
}

/// How a word matched a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The same term (`running` and `runs` are both `run` in English).
    Exact,
    /// The token begins with the word being typed.
    Prefix,
}

/// What an exact match is worth against a prefix match, and a phrase's word against a loose one.
const PREFIX_WEIGHT: f32 = 0.5;
const PHRASE_WEIGHT: f32 = 2.0;
/// Two query words found side by side, in the order typed.
const ADJACENT_BONUS: f32 = 0.5;

impl Query {
    /// Whether a text holds every word (a prefix word: any token whose `folded` starts with
    /// the word's `folded`, or whose term equals the word's term) and every phrase
    /// (consecutive tokens). Stop words outside phrases count only when the query has nothing
    /// else. `analyzer` must be the one the query was parsed with.
    pub fn find(&self, analyzer: &Analyzer, text: &str) -> Option<Hits> {
        if !self.has_text() {
            return Some(Hits {
                ranges: Vec::new(),
                score: 0.0,
            });
        }
        let tokens = analyzer.tokens(text);
        let mut ranges = Vec::new();
        let mut score = 0.0;
        let words = self.counted_words();
        for word in &words {
            let (mut exact, mut prefix) = (0u32, 0u32);
            for token in &tokens {
                match word_match(word, token) {
                    Some(Match::Exact) => exact += 1,
                    Some(Match::Prefix) => prefix += 1,
                    None => continue,
                }
                ranges.push(highlight(word, token, text));
            }
            if exact + prefix == 0 {
                return None;
            }
            let weight = if exact > 0 { 1.0 } else { PREFIX_WEIGHT };
            score += weight * frequency(exact + prefix);
        }
        for phrase in &self.phrases {
            let starts = phrase_starts(phrase, &tokens);
            if starts.is_empty() {
                return None;
            }
            for &start in &starts {
                let (Some(first), Some(last)) =
                    (tokens.get(start), tokens.get(start + phrase.len() - 1))
                else {
                    continue;
                };
                ranges.push(first.start..last.end);
            }
            score += PHRASE_WEIGHT * phrase.len() as f32 * frequency(starts.len() as u32);
        }
        score += ADJACENT_BONUS * adjacent_pairs(&words, &tokens) as f32;
        Some(Hits {
            ranges: merge(ranges),
            score: score * length_factor(tokens.len()),
        })
    }

    /// The bare words that must match: stop words only when there is nothing else.
    fn counted_words(&self) -> Vec<&QueryWord> {
        let content: Vec<&QueryWord> = self.words.iter().filter(|w| !w.stop).collect();
        if content.is_empty() && self.phrases.is_empty() {
            self.words.iter().collect()
        } else {
            content
        }
    }
}

fn word_match(word: &QueryWord, token: &Token) -> Option<Match> {
    if token.term == word.term || token.folded == word.folded {
        return Some(Match::Exact);
    }
    if !word.prefix {
        return None;
    }
    if token.folded.starts_with(&word.folded) {
        return Some(Match::Prefix);
    }
    // One character of a spaceless script is also the second half of a text's bigram.
    (is_single_spaceless(word) && is_bigram(token) && token.folded.ends_with(&word.folded))
        .then_some(Match::Prefix)
}

fn is_single_spaceless(word: &QueryWord) -> bool {
    let mut chars = word.folded.chars();
    chars.next().is_some_and(is_spaceless_letter) && chars.next().is_none()
}

/// The token's range, or only the character a one-character query found in a bigram.
fn highlight(word: &QueryWord, token: &Token, text: &str) -> Range<usize> {
    let whole = token.start..token.end;
    if !is_single_spaceless(word) || token.folded == word.folded {
        return whole;
    }
    let Some(bigram) = text.get(whole.clone()) else {
        return whole;
    };
    let split = bigram
        .char_indices()
        .nth(1)
        .map_or(bigram.len(), |(i, _)| i);
    if token.folded.starts_with(&word.folded) {
        token.start..token.start + split
    } else {
        token.start + split..token.end
    }
}

/// Where each occurrence of a phrase starts, in token positions.
fn phrase_starts(phrase: &[QueryWord], tokens: &[Token]) -> Vec<usize> {
    if phrase.is_empty() {
        return Vec::new();
    }
    tokens
        .windows(phrase.len())
        .enumerate()
        .filter(|(_, window)| {
            window
                .iter()
                .zip(phrase)
                .all(|(token, word)| word_match(word, token).is_some())
        })
        .map(|(start, _)| start)
        .collect()
}

/// How many consecutive pairs of query words appear side by side in the text, in order (stop
/// words between them allowed: `launch plan` in "launch the plan").
fn adjacent_pairs(words: &[&QueryWord], tokens: &[Token]) -> usize {
    let content: Vec<&Token> = tokens.iter().filter(|t| !t.stop).collect();
    words
        .windows(2)
        .filter(|pair| {
            let [first, second] = pair else { return false };
            content.windows(2).any(|side| {
                let [a, b] = side else { return false };
                word_match(first, a).is_some() && word_match(second, b).is_some()
            })
        })
        .count()
}

/// More occurrences count, less and less.
fn frequency(count: u32) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

/// Shorter texts rank a little higher: a word in a line says more than a word in an essay.
fn length_factor(tokens: usize) -> f32 {
    1.0 / (1.0 + 0.1 * (1.0 + tokens as f32).ln())
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Whether a text holds a link (`has:link`): a URL with its scheme (`https://…`) or starting
/// `www.`, as linkify finds them (an email address is not a link). A bare `name.ext` is not one: `report.pdf` and
/// `node.js` are names far more often than addresses.
pub fn has_link(text: &str) -> bool {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder.url_must_have_scheme(false);
    finder.links(text).any(|link| {
        let url = link.as_str();
        let lower = url.get(..4).map(str::to_ascii_lowercase);
        url.contains("://") || lower.as_deref() == Some("www.")
    })
}

#[cfg(test)]
mod tests;
