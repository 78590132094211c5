//! Text for the terminal: making page text safe to draw ([`sanitize`]), measuring it by
//! display width, cutting it to a width with … ([`truncate`]) and wrapping Chinese
//! paragraphs by the rules of Chinese typesetting ([`wrap`]); and traditional characters
//! folded to simplified for matching ([`script`]). Pure functions, no terminal.

pub mod script;
pub mod wrap;

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Makes text from a page safe to put in a terminal cell: every control character (C0, DEL,
/// C1) becomes a visible symbol (`␛` for ESC, `␀`… for the others, `�` for C1), bidi
/// overrides and isolates, which would reorder what is drawn, become `�`, and invisible
/// characters (zero-width space and non-joiner, bidi marks, word joiner, BOM) are dropped;
/// the zero-width joiner, which joins emoji, stays. Borrows when the text is already clean,
/// which is almost always.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// [`sanitize`] for text written out whole (standard output and error, the pager, the
/// clipboard): the same, but line feeds and tabs stay, since they lay the text out. Every
/// string that came from outside (ids, paths, page text) reaches a text output through
/// this; JSON is escaped by its writer instead.
#[must_use]
pub fn sanitize_text(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

fn clean(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_layout && (c == '\n' || c == '\t');
    if !text.chars().any(|c| needs_replacing(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| if kept(c) { Some(c) } else { visible(c) })
            .collect(),
    )
}

fn needs_replacing(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
        || invisible(c)
}

/// Characters that take no cell and can hide or reorder text: zero-width space and
/// non-joiner, left-to-right and right-to-left marks, the Arabic letter mark, the word
/// joiner and invisible operators, the Mongolian vowel separator and the BOM. Not the
/// zero-width joiner (U+200D).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{180E}' | '\u{FEFF}'
    ) || ('\u{2060}'..='\u{2064}').contains(&c)
}

/// The visible stand-in for one character, or nothing for an invisible one.
fn visible(c: char) -> Option<char> {
    Some(match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if invisible(c) => return None,
        c if needs_replacing(c) => '\u{FFFD}',
        c => c,
    })
}

/// The display width of a character in terminal columns (0 for combining marks).
#[must_use]
pub fn char_width(c: char) -> usize {
    match c {
        // The common cases first: printable ASCII, and CJK ideographs (always wide).
        ' '..='~' => 1,
        '\u{4E00}'..='\u{9FFF}' => 2,
        _ => c.width().unwrap_or(0),
    }
}

/// The display width of a string in terminal columns.
#[must_use]
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts sanitized text to at most `max` columns, ending with … where something was cut.
/// Never splits a wide character across the limit.
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    let text = sanitize(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads sanitized text with spaces (or cuts it with …) to exactly `cols` columns.
#[must_use]
pub fn fit(text: &str, cols: usize) -> String {
    let mut s = truncate(text, cols);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_makes_escapes_visible() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{7}"), "a␛[2Jb␇");
        assert_eq!(sanitize("x\u{9b}31m\u{202E}y"), "x\u{FFFD}31m\u{FFFD}y");
        assert!(matches!(sanitize("湛江市"), Cow::Borrowed(_)));
        // Invisible characters go, the zero-width joiner stays.
        assert_eq!(
            sanitize("a\u{200B}b\u{200F}c\u{FEFF}d\u{200D}e"),
            "abcd\u{200D}e"
        );
        assert_eq!(sanitize("a\u{2066}b\u{2069}"), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn text_outputs_keep_their_layout() {
        assert_eq!(
            sanitize_text("a\tb\nc\u{1b}]52;c;x\u{7}\n"),
            "a\tb\nc␛]52;c;x␇\n"
        );
        assert_eq!(sanitize("a\tb\n"), "a␉b␊");
        assert!(matches!(sanitize_text("湛江\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn char_width_fast_paths_agree() {
        for c in (' '..='~').chain('\u{4E00}'..='\u{9FFF}') {
            assert_eq!(char_width(c), c.width().unwrap_or(0), "{c:?}");
        }
    }

    #[test]
    fn truncate_by_width() {
        assert_eq!(truncate("云安区总工会", 7), "云安区…");
        assert_eq!(truncate("云安区总工会", 12), "云安区总工会");
        assert_eq!(truncate("云安区总工会", 1), "…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("湛江", 6), "湛江  ");
    }
}
