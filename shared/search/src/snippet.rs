//! The part of a message a result shows: around the first hit, within a length, cut between
//! words where it can be, with the hits marked for highlighting.

use std::ops::Range;

use domain::search::Segment;
use unicode_segmentation::UnicodeSegmentation;

const ELLIPSIS: &str = "…";

/// The part of a text to show: around the first hit, at most `max_chars` characters (the `…`
/// included), cut at word boundaries where possible, with `…` where cut; segments alternate
/// plain and hit, and runs of whitespace (line breaks) show as one space. With no hits, the
/// start of the text. Hits out of order, overlapping or off the text are tidied, not refused.
pub fn snippet(text: &str, hits: &[Range<usize>], max_chars: usize) -> Vec<Segment> {
    let hits = tidy(text, hits);
    let Some((start, end)) = window(text, &hits, max_chars) else {
        return Vec::new();
    };
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |range: Range<usize>, hit: bool| {
        let Some(piece) = text.get(range) else { return };
        let piece = collapse_whitespace(piece);
        if piece.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(&piece),
            _ => segments.push(Segment { text: piece, hit }),
        }
    };
    let mut at = start;
    for hit in &hits {
        let (from, to) = (hit.start.max(start), hit.end.min(end));
        if from >= to {
            continue;
        }
        push(at..from, false);
        push(from..to, true);
        at = to;
    }
    push(at..end, false);
    // Ellipses only where text was left out, and when there was room kept for them.
    let room = max_chars > 2;
    if room
        && text
            .get(..start)
            .is_some_and(|before| !before.trim().is_empty())
    {
        match segments.first_mut() {
            Some(first) if !first.hit => first.text.insert_str(0, ELLIPSIS),
            _ => segments.insert(0, plain(ELLIPSIS)),
        }
    }
    if room
        && text
            .get(end..)
            .is_some_and(|after| !after.trim().is_empty())
    {
        match segments.last_mut() {
            Some(last) if !last.hit => last.text.push_str(ELLIPSIS),
            _ => segments.push(plain(ELLIPSIS)),
        }
    }
    segments
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_string(),
        hit: false,
    }
}

/// Hits within the text, on character boundaries, sorted and merged, none empty.
fn tidy(text: &str, hits: &[Range<usize>]) -> Vec<Range<usize>> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let mut tidy: Vec<Range<usize>> = hits
        .iter()
        .map(|hit| floor(hit.start)..ceil(hit.end))
        .filter(|hit| hit.start < hit.end)
        .collect();
    tidy.sort_by_key(|hit| (hit.start, hit.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(tidy.len());
    for hit in tidy {
        match merged.last_mut() {
            Some(last) if hit.start <= last.end => last.end = last.end.max(hit.end),
            _ => merged.push(hit),
        }
    }
    merged
}

/// The byte range to show, or `None` when nothing fits.
fn window(text: &str, hits: &[Range<usize>], max_chars: usize) -> Option<(usize, usize)> {
    // Byte offset of each character, and of the end.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let chars = offsets.len() - 1;
    if max_chars == 0 || chars == 0 {
        return None;
    }
    if chars <= max_chars {
        return Some(trim(text, 0, text.len()));
    }
    let char_at = |byte: usize| offsets.partition_point(|&o| o < byte);
    // Whether a word boundary lies before each character (and at the end).
    let mut boundary = vec![false; chars + 1];
    for (byte, _) in text.split_word_bound_indices() {
        if let Some(at) = boundary.get_mut(char_at(byte)) {
            *at = true;
        }
    }
    boundary[chars] = true;
    let (hit_start, hit_end) = hits
        .first()
        .map_or((0, 0), |h| (char_at(h.start), char_at(h.end)));
    // A quarter of the room goes before the hit (more when the text ends sooner), cut
    // between words: back to the start of a word when that is near, else on to the next.
    let lead = max_chars / 4;
    let room = max_chars > 2;
    // At the end of the text only the `…` before takes room.
    let mut start = hit_start
        .saturating_sub(lead)
        .min(chars - max_chars + usize::from(room));
    if !boundary[start] {
        // Unless the hit would no longer fit.
        let near = (start.saturating_sub(lead)..start)
            .rev()
            .find(|&i| boundary[i] && i + max_chars >= hit_end + 2);
        match near {
            Some(back) => start = back,
            None => {
                while !boundary[start] && start < hit_start {
                    start += 1;
                }
            }
        }
    }
    let is_space = |at: usize| {
        text.get(offsets[at]..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    };
    while start < hit_start && is_space(start) {
        start += 1;
    }
    // The `…` before takes one character of the room.
    let budget = max_chars - usize::from(room && start > 0);
    let mut end = (start + budget).min(chars);
    if room && end < chars {
        end -= 1;
        // Back to the end of a word, but not before the first hit ends, nor so far back that
        // most of the room goes unused.
        let keep = hit_end.min(end).max(start + (end - start) / 2);
        let mut back = end;
        while !boundary[back] && back > keep {
            back -= 1;
        }
        if boundary[back] && back > start {
            end = back;
        }
    }
    Some(trim(text, offsets[start], offsets[end]))
}

/// The range without the whitespace at its ends.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(slice) = text.get(start..end) else {
        return (start, end);
    };
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    (start + leading, (end - trailing).max(start + leading))
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
// The tests pass slices of one hit, not a range's items.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn show(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    const TEXT: &str = "Yesterday we talked about many things. The quarterly budget was approved by the board after a long discussion about costs.";

    fn around(word: &str, max_chars: usize) -> String {
        let at = TEXT.find(word).unwrap();
        show(&snippet(TEXT, &[at..at + word.len()], max_chars))
    }

    #[test]
    fn the_window_opens_around_the_first_hit_between_words() {
        assert_eq!(around("budget", 20), "…quarterly [budget]…");
        assert_eq!(around("budget", 30), "…quarterly [budget] was…");
        assert_eq!(
            around("budget", 40),
            "…quarterly [budget] was approved by the…"
        );
        assert_eq!(
            around("budget", 60),
            "…The quarterly [budget] was approved by the board after a…"
        );
        // Near the end, the room goes before the hit.
        assert_eq!(around("costs", 30), "…long discussion about [costs].");
        assert_eq!(around("Yesterday", 30), "[Yesterday] we talked about…");
    }

    #[test]
    fn a_short_text_shows_whole() {
        assert_eq!(
            snippet("Budget approved", &[0..6], 100),
            [
                Segment {
                    text: "Budget".into(),
                    hit: true
                },
                Segment {
                    text: " approved".into(),
                    hit: false
                },
            ]
        );
        assert_eq!(show(&snippet(TEXT, &[], TEXT.chars().count())), TEXT);
    }

    #[test]
    fn without_hits_the_start_shows() {
        assert_eq!(show(&snippet(TEXT, &[], 30)), "Yesterday we talked about…");
    }

    #[test]
    fn tiny_windows_cut_hard_and_keep_to_the_limit() {
        assert_eq!(around("budget", 0), "");
        assert_eq!(around("budget", 1), "[b]");
        assert_eq!(around("budget", 2), "[bu]");
        assert_eq!(around("budget", 3), "…[b]…");
        assert_eq!(around("budget", 10), "…[budget]…");
        let long = format!("a {} b", "x".repeat(200));
        assert_eq!(
            show(&snippet(&long, &[2..10], 20)),
            "a [xxxxxxxx]xxxxxxxxx…"
        );
    }

    #[test]
    fn whitespace_runs_show_as_one_space() {
        let text = "line one\n\n  line two budget\tok";
        let at = text.find("budget").unwrap();
        assert_eq!(
            show(&snippet(text, &[at..at + 6], 100)),
            "line one line two [budget] ok"
        );
        assert_eq!(show(&snippet("  \n padded \n ", &[], 100)), "padded");
    }

    #[test]
    fn odd_hits_are_tidied() {
        // Empty, past the end, reversed, inside a character, overlapping.
        let reversed = Range { start: 8, end: 3 };
        let hits = [2..2, 100..200, reversed, 1..2, 7..9, 8..10];
        assert_eq!(show(&snippet("héllo wörld", &hits, 100)), "h[é]llo [wö]rld");
        assert_eq!(show(&snippet("", &[0..5], 10)), "");
    }
}
