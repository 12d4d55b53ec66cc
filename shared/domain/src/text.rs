//! What of a text a reader actually sees: whether any of it is visible at all, and the controls
//! that silently reorder what follows them. Names and messages made only of invisible
//! characters look empty or like someone else's; a bidi override (U+202E) before
//! `nimda` makes it read `admin`.

use unicode_segmentation::UnicodeSegmentation;

/// Whether `text` has at least one character that draws something on its own.
pub fn has_visible(text: &str) -> bool {
    text.chars().any(is_visible)
}

/// Whether `text` holds a control that changes the direction of the text around it: the
/// embeddings and overrides U+202A–202E, the isolates U+2066–2069, and the marks U+200E,
/// U+200F and U+061C.
pub fn has_bidi_control(text: &str) -> bool {
    text.chars().any(is_bidi_control)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A character that shows by itself: not whitespace, not a control, not one that Unicode says
/// renders as nothing (default-ignorable), not a blank look-alike, and not a mark that only
/// decorates the character before it (alone it has nothing to decorate).
fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !is_default_ignorable(c)
        && !is_blank(c)
        && (!attaches_to_previous(c) || is_skin_tone(c))
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): zero-width spaces and
/// joiners, U+2060–206F (word joiner, invisible operators, bidi isolates), variation selectors,
/// the byte order mark, Hangul fillers, tags, and the rest of that list.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Not ignorable, yet drawn as an empty cell: the Braille blank, a favourite of blank names.
fn is_blank(c: char) -> bool {
    c == '\u{2800}'
}

/// Combining marks, spacing marks and joiners: whatever the grapheme rules glue onto the
/// character before (so `a` followed by it is still one grapheme). The segmentation crate's
/// tables decide, so no list of marks is kept here.
fn attaches_to_previous(c: char) -> bool {
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..len]).is_ok_and(|s| s.graphemes(true).nth(1).is_none())
}

/// The emoji skin tones attach to a preceding emoji, but alone they still show a colour swatch.
fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_only_text_has_nothing_visible() {
        for blank in [
            "",
            " \t\n",
            "\u{200B}",
            "\u{200C}\u{200D}",
            "\u{2060}\u{FEFF}",
            "\u{00A0}\u{3000}",
            "\u{0301}\u{0308}",
            "\u{20DD}",
            "\u{FE0F}",
            "\u{3164}",
            "\u{2800}",
            "\u{E0041}",
            "\u{202E}\u{2066}",
            "\u{200E}\u{200F}\u{061C}",
        ] {
            assert!(!has_visible(blank), "{blank:?}");
        }
    }

    #[test]
    fn every_script_and_symbol_is_visible() {
        for text in [
            "a",
            "Zoë",
            "e\u{0301}",
            "李",
            "محمد",
            "עברית",
            "हिन्दी",
            "🙂",
            "👍🏽",
            "🏽",
            "·",
            "_",
            "\u{200B}x",
        ] {
            assert!(has_visible(text), "{text:?}");
        }
    }

    #[test]
    fn direction_controls_are_found_and_ordinary_rtl_text_is_not_one() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert!(has_bidi_control(&format!("Bob{c}nimda")), "{c:?}");
        }
        assert!(!has_bidi_control("محمد and עברית"));
    }
}
