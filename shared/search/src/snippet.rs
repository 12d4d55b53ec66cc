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
    let first = hits.first().map(|h| (char_at(h.start), char_at(h.end)));
    let (hit_start, hit_end) = first.unwrap_or((0, 0));
    // A quarter of the room goes before the hit, unless the text ends sooner.
    let mut start = hit_start.saturating_sub(max_chars / 4);
    let mut end = (start + max_chars).min(chars);
    start = end.saturating_sub(max_chars);
    // Room for the ellipses (when there is room at all).
    if max_chars > 2 {
        if start > 0 {
            if start < hit_start || end == chars {
                start += 1;
            } else {
                end -= 1;
            }
        }
        if end < chars {
            end -= 1;
        }
    }
    let (hard_start, hard_end) = (offsets[start], offsets[end]);
    let bounds: Vec<usize> = text
        .split_word_bound_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut from = hard_start;
    if start > 0 && bounds.binary_search(&from).is_err() {
        let next = bounds[bounds.partition_point(|&b| b < from).min(bounds.len() - 1)];
        if first.is_none() || next <= offsets[hit_start] {
            from = next;
        }
    }
    let mut to = hard_end;
    if end < chars && bounds.binary_search(&to).is_err() {
        let previous = bounds[bounds.partition_point(|&b| b <= to).saturating_sub(1)];
        // Not before the first hit ends, nor so far back that most of the room goes unused.
        let keep = offsets[hit_end.min(end)].max(offsets[start + (end - start) / 2]);
        if previous > from && previous >= keep {
            to = previous;
        }
    }
    Some(trim(text, from, to))
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
