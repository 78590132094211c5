//! Folding text for search: full-width ASCII to ASCII, lower case, and traditional characters
//! to simplified, one character for one. The tokenizer, the abbreviation table, snippets and
//! page-level hits all fold through here, so a query and the text it looks in agree. Knows no
//! index and no tokenizer.

/// Folds one character: full-width ASCII to ASCII (２０２４ → 2024, ＡＢＣ → ABC), the
/// ideographic space to a space, and ASCII letters to lower case. [`fold`] (and the
/// tokenizer's `Folded`) also fold traditional characters to simplified
/// ([`crate::text::script`]).
#[must_use]
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Folds a whole string (for queries and needles), as the tokenizer's `Folded` does.
#[must_use]
pub fn fold(text: &str) -> String {
    let widths: String = text.chars().map(fold_char).collect();
    crate::text::script::simplified(&widths).into_owned()
}
