//! Traditional and simplified as one script for matching: [`simplified`] folds text to
//! simplified characters (t2s, with the `fast2s` converter, MIT) so that search, the
//! gazetteer and the union names treat `湛江市總工會` as `湛江市总工会`. Only for matching and
//! indexing: what is shown stays as printed. Owns nothing else; never allocates for text that
//! is already simplified.
//!
//! The fold maps one character to one character of the same UTF-8 length (the converter maps
//! three-byte characters to three-byte characters only, and this is checked), so every byte
//! offset found in the folded text is the same offset in the original: callers match on the
//! folded text and cut the original with the offsets they found.

use std::borrow::Cow;
use std::sync::OnceLock;

/// One bit per character of the Basic Multilingual Plane: set where t2s may change it (in
/// some context). Built once by converting every three-byte character on its own.
fn may_change() -> &'static [u64] {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; 0x1_0000 / 64];
        let chars: Vec<char> = ('\u{0800}'..='\u{FFFF}').collect();
        // Each character between spaces, so no neighbour changes how it is converted.
        let mut all = String::with_capacity(chars.len() * 4);
        for &c in &chars {
            all.push(c);
            all.push(' ');
        }
        let converted = fast2s::convert(&all);
        for (c, s) in all.chars().zip(converted.chars()) {
            if c != s {
                let i = c as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        // Characters the converter changes only next to certain others (看著 → 看着).
        for c in CONTEXTUAL {
            let i = c as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// Characters the converter leaves alone on their own but changes in some words.
const CONTEXTUAL: [char; 3] = ['著', '藉', '苧'];

/// Whether t2s may change this character.
#[must_use]
pub fn is_traditional(c: char) -> bool {
    let i = c as usize;
    i < 0x1_0000 && may_change()[i / 64] & (1 << (i % 64)) != 0
}

/// Whether any character of `text` is one t2s may change ([`is_traditional`]), read off the
/// UTF-8 bytes: ASCII and two-byte characters (below U+0800, none of which change) are
/// stepped over, three-byte characters looked up in the table without decoding a `char`.
/// The parser asks this of every page and many lines, nearly always of simplified text.
#[must_use]
pub fn has_traditional(text: &str) -> bool {
    let bits = may_change();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            0..=0x7F => i += 1,
            0xE0..=0xEF => {
                let (y, z) = (b.get(i + 1).copied(), b.get(i + 2).copied());
                if let (Some(y), Some(z)) = (y, z) {
                    let c = (usize::from(x & 0x0F) << 12)
                        | (usize::from(y & 0x3F) << 6)
                        | usize::from(z & 0x3F);
                    if bits[c / 64] & (1 << (c % 64)) != 0 {
                        return true;
                    }
                }
                i += 3;
            }
            0xF0..=0xFF => i += 4,
            _ => i += 2,
        }
    }
    false
}

/// `text` folded to simplified characters, of the same byte length with every character at
/// the same offset. Borrows when nothing changes (all simplified text, the common case).
#[must_use]
pub fn simplified(text: &str) -> Cow<'_, str> {
    if !has_traditional(text) {
        return Cow::Borrowed(text);
    }
    let converted = fast2s::convert(text);
    if converted.len() == text.len() {
        return Cow::Owned(converted);
    }
    // Never seen: a character whose simplified form has another length. Keep the offsets
    // by keeping each such character as printed.
    Cow::Owned(
        text.chars()
            .zip(converted.chars())
            .map(|(o, s)| if o.len_utf8() == s.len_utf8() { s } else { o })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_agrees_with_the_characters() {
        let samples = [
            "",
            "abc",
            "湛江市总工会",
            "湛江市總工會",
            "显著成效",
            "é ü ß ж",
            "😀工会",
            "工会😀總",
            "ｱｲｳ　，。",
        ];
        for s in samples {
            assert_eq!(has_traditional(s), s.chars().any(is_traditional), "{s}");
        }
        // Every three-byte character on its own.
        for c in ('\u{0800}'..='\u{FFFF}').step_by(7) {
            let s = c.to_string();
            assert_eq!(has_traditional(&s), is_traditional(c), "{c:?}");
        }
    }

    #[test]
    fn folds_traditional_and_keeps_offsets() {
        let t = "湛江市總工會組織勞動模範，勞模工匠「送清涼」";
        let s = simplified(t);
        assert_eq!(s, "湛江市总工会组织劳动模范，劳模工匠「送清凉」");
        assert_eq!(s.len(), t.len());
        for ((i, a), (j, _)) in t.char_indices().zip(s.char_indices()) {
            assert_eq!(i, j, "{a}");
        }
    }

    #[test]
    fn simplified_text_is_borrowed() {
        let s = "江门市蓬江区总工会为200多名网约车司机提供一站式服务。";
        assert!(matches!(simplified(s), Cow::Borrowed(_)));
        assert!(!is_traditional('总'));
        assert!(is_traditional('總'));
        assert!(is_traditional('著'));
    }

    #[test]
    fn every_changed_character_keeps_its_length() {
        for c in ('\u{0800}'..='\u{FFFF}').filter(|&c| is_traditional(c)) {
            let s = c.to_string();
            assert_eq!(simplified(&s).len(), s.len(), "{c}");
        }
    }
}
