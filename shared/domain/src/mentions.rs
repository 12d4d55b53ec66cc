//! Mentions in a message body: `@handle` for a person, `@all` for every member, `@here` for the
//! members online. Anything else after an `@` is plain text, as it is to a reader.

use std::collections::BTreeSet;

use crate::limits::HANDLE_MAX_CHARS;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Mentions {
    /// Lower-cased handles, without the `@`, each once.
    pub handles: BTreeSet<String>,
    pub all: bool,
    pub here: bool,
}

fn handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// The mentions in `body`. An `@` counts only at the start or after a character that cannot
/// be part of a word (so `ann@example.com` mentions nobody); inline code is skipped.
pub fn parse(body: &str) -> Mentions {
    let mut found = Mentions::default();
    let mut in_code = false;
    let mut previous: Option<char> = None;
    for (i, c) in body.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if c == '@' && !in_code && !previous.is_some_and(|p| p.is_alphanumeric() || p == '_')
        {
            let rest = &body[i + 1..];
            let len = rest.find(|c: char| !handle_char(c)).unwrap_or(rest.len());
            // A trailing dot or dash ends the sentence, not the handle.
            let name = rest[..len].trim_end_matches(['.', '-']);
            if !name.is_empty() && name.chars().count() <= HANDLE_MAX_CHARS {
                match name.to_lowercase().as_str() {
                    "all" | "channel" | "everyone" => found.all = true,
                    "here" => found.here = true,
                    handle => {
                        found.handles.insert(handle.to_string());
                    }
                }
            }
        }
        previous = Some(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_all_and_here_are_found() {
        let m = parse("@ann_ex_1234abcd and @Bob.smith, see @all. @here!");
        assert_eq!(
            m.handles.iter().map(String::as_str).collect::<Vec<_>>(),
            ["ann_ex_1234abcd", "bob.smith"]
        );
        assert!(m.all && m.here);
    }

    #[test]
    fn emails_code_and_bare_ats_are_not_mentions() {
        let m = parse("mail ann@example.com, run `@ann`, or just @ alone");
        assert_eq!(m, Mentions::default());
    }

    #[test]
    fn a_sentence_end_is_not_part_of_the_handle() {
        let m = parse("thanks @ann.");
        assert!(m.handles.contains("ann"));
    }
}
