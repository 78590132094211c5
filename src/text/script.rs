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
/// some context). Read from `assets/t2s_may_change.bin` (8 KiB, little-endian words), which
/// a test checks against the converter ([`converter_table`]): making the table at start-up
/// converted 63,000 characters, some 15 million instructions before the first frame.
fn may_change() -> &'static [u64; WORDS] {
    static BITS: OnceLock<Box<[u64; WORDS]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = Box::new([0u64; WORDS]);
        for (word, bytes) in bits.iter_mut().zip(TABLE.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(bytes);
            *word = u64::from_le_bytes(b);
        }
        bits
    })
}

/// [`may_change`]'s bits as kept in the crate.
const TABLE: &[u8; WORDS * 8] = include_bytes!("../../assets/t2s_may_change.bin");

/// The table made from the converter: every three-byte character converted on its own (and
/// the few it changes only in context). What `assets/t2s_may_change.bin` must hold.
#[cfg(test)]
fn converter_table() -> Box<[u64; WORDS]> {
    let mut bits = Box::new([0u64; WORDS]);
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
}

/// The words of [`may_change`]'s bits: one bit for each character below U+10000.
const WORDS: usize = 0x1_0000 / 64;

/// Characters the converter leaves alone on their own but changes in some words.
#[cfg(test)]
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
    next_traditional(text.as_bytes(), may_change(), 0).is_some()
}

/// The byte offset of the first character at or after byte `i` (a character boundary) that
/// t2s may change. The loop is the parser's most run: one test per ASCII byte, one table
/// lookup per three-byte character (a 16-bit index, so never out of the table).
fn next_traditional(b: &[u8], bits: &[u64; WORDS], mut i: usize) -> Option<usize> {
    while let Some(&x) = b.get(i) {
        // Three-byte characters (lead byte E0..EF) first: nearly all of a Chinese text.
        if x.wrapping_sub(0xE0) < 0x10 {
            let Some(&[_, y, z]) = b.get(i..i + 3) else {
                return None;
            };
            let c = (usize::from(x & 0x0F) << 12)
                | (usize::from(y & 0x3F) << 6)
                | usize::from(z & 0x3F);
            if (bits[c >> 6] >> (c & 63)) & 1 != 0 {
                return Some(i);
            }
            i += 3;
        } else {
            // ASCII one byte, lead bytes below E0 two, F0 and above four.
            i += 1 + usize::from(x >= 0x80) + 2 * usize::from(x >= 0xF0);
        }
    }
    None
}

/// Above one character t2s may change in this many bytes, a text is converted whole;
/// below, character by character (simplified text holds a few: 著 of 显著).
const SPARSE: usize = 48;

/// `text` folded to simplified characters, of the same byte length with every character at
/// the same offset. Borrows when nothing changes (all simplified text, the common case).
///
/// The converter decides each character by it and its two neighbours, so a text with few
/// characters it may change (simplified text: 显著, 著名) is converted one such character at
/// a time, in a window of its neighbours, instead of whole; the result is the same.
#[must_use]
pub fn simplified(text: &str) -> Cow<'_, str> {
    let bits = may_change();
    let b = text.as_bytes();
    let Some(first) = next_traditional(b, bits, 0) else {
        return Cow::Borrowed(text);
    };
    // Count up to the point where converting the whole text is cheaper.
    let limit = text.len() / SPARSE + 1;
    let mut at = Some(first);
    let mut seen = Vec::new();
    while let Some(i) = at {
        if seen.len() >= limit {
            return whole(text);
        }
        seen.push(i);
        at = next_traditional(b, bits, i + 3);
    }
    let mut out: Option<String> = None;
    for i in seen {
        let (Some(cur), Some(tail)) = (text[i..].chars().next(), text.get(i + 3..)) else {
            continue;
        };
        let prev = text[..i].chars().next_back().unwrap_or('0');
        let next = tail.chars().next().unwrap_or('0');
        let s = in_context(prev, cur, next);
        if s != cur && s.len_utf8() == cur.len_utf8() {
            let mut buf = [0u8; 4];
            out.get_or_insert_with(|| text.to_string())
                .replace_range(i..i + 3, s.encode_utf8(&mut buf));
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// What the converter makes of `cur` between `prev` and `next`: it converts a text's first
/// and last characters as if `'0'` stood before and after them, so that stands for none.
fn in_context(prev: char, cur: char, next: char) -> char {
    let mut window = String::with_capacity(12);
    window.extend([prev, cur, next]);
    fast2s::convert(&window).chars().nth(1).unwrap_or(cur)
}

/// `text` converted whole.
fn whole(text: &str) -> Cow<'_, str> {
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

    /// The table kept in assets is the converter's (a new fast2s must not leave it behind).
    /// `GONGBAO_WRITE_T2S_TABLE=1 cargo test the_kept_table` writes it anew.
    #[test]
    fn the_kept_table_is_the_converters() {
        let made = converter_table();
        let bytes: Vec<u8> = made.iter().flat_map(|w| w.to_le_bytes()).collect();
        if std::env::var_os("GONGBAO_WRITE_T2S_TABLE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/t2s_may_change.bin");
            std::fs::write(path, &bytes).unwrap();
        }
        assert!(
            bytes.as_slice() == TABLE.as_slice(),
            "assets/t2s_may_change.bin is stale"
        );
    }

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
    fn converting_by_character_agrees_with_converting_whole() {
        let simple = "江门市蓬江区总工会为200多名网约车司机提供一站式服务，成效显著。";
        let samples = [
            "著",
            "看著",
            "著名的劳模",
            "显著成效看著",
            "慰藉与藉口，憑藉",
            "乾隆的乾兒子擲出了一個乾卦",
            "企畫 計畫 畫圖",
            "苧麻和苧",
            "😀著😀",
            "a著b",
            "湛江市總工會組織勞動模範",
        ];
        for t in samples {
            for text in [
                t.to_string(),
                format!("{simple}{t}"),
                format!("{t}{simple}"),
                format!("{simple}{t}{simple}{simple}{t}"),
            ] {
                let want = fast2s::convert(&text);
                assert_eq!(simplified(&text), want, "{text}");
            }
        }
        // Simplified text with a few characters that may change but do not stays borrowed
        // (a short text with as many is converted whole).
        let long = format!("{simple}{simple}成效显著，著名劳模");
        assert!(matches!(simplified(&long), Cow::Borrowed(_)));
    }

    #[test]
    fn every_changed_character_keeps_its_length() {
        for c in ('\u{0800}'..='\u{FFFF}').filter(|&c| is_traditional(c)) {
            let s = c.to_string();
            assert_eq!(simplified(&s).len(), s.len(), "{c}");
        }
    }
}
