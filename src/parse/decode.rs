//! Bytes → text. UTF-8 with or without BOM, UTF-16 with a BOM, GBK / GB18030; CRLF and lone CR
//! become LF; control characters become their visible Control Pictures (␛ for ESC) so that
//! nothing from a page can drive the terminal, yet nothing is lost.

use crate::error::PageError;

/// A decoded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// The share of replacement characters above which a text is not a page.
const MAX_BAD_SHARE: f64 = 0.2;

/// Decodes a page's bytes. `file` names the page in errors and warnings.
///
/// # Errors
/// Empty input, NUL bytes (outside UTF-16), or text that is mostly undecodable.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, PageError> {
    let mut warnings = Vec::new();
    let (text, encoding, bad) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
    {
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let bad = if had_errors { count_bad(&cow) } else { 0 };
        (cow.into_owned(), enc.name(), bad)
    } else {
        // (memchr's vector search: `<[u8]>::contains` goes a word at a time.)
        if memchr::memchr(0, bytes).is_some() {
            return Err(PageError::Binary {
                file: file.to_string(),
            });
        }
        // encoding_rs validates UTF-8 several times faster than `str::from_utf8` on CJK text.
        match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => (s.into_owned(), "UTF-8", 0),
            None => {
                let (utf8, _) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
                let utf8_bad = count_bad(&utf8);
                let (gb, gb_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                let gb_bad = if gb_errors { count_bad(&gb) } else { 0 };
                // A UTF-8 page with a few broken bytes stays UTF-8; GB18030 accepts almost any
                // byte pair, so it is chosen only where UTF-8 fails widely.
                let chars = utf8.chars().count().max(1);
                if utf8_bad * 100 <= chars || utf8_bad <= gb_bad {
                    (utf8.into_owned(), "UTF-8", utf8_bad)
                } else {
                    let (pairs, common) = gb2312_pairs(bytes);
                    if common * 2 < pairs {
                        // Decodes, but to rare characters: noise, not Chinese text.
                        return Err(PageError::Undecodable {
                            file: file.to_string(),
                            bad: pairs - common,
                            total: gb.chars().count(),
                        });
                    }
                    (gb.into_owned(), "GB18030", gb_bad)
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err(PageError::Empty {
            file: file.to_string(),
        });
    }
    let total = if bad > 0 { text.chars().count() } else { 0 };
    #[allow(clippy::cast_precision_loss)]
    if bad > 0 && bad as f64 / total as f64 > MAX_BAD_SHARE {
        return Err(PageError::Undecodable {
            file: file.to_string(),
            bad,
            total,
        });
    }
    if bad > 0 {
        warnings.push(format!(
            "{file}: {bad} broken byte sequences shown as \u{FFFD}"
        ));
    }
    let (text, controls) = normalize(text);
    if controls > 0 {
        warnings.push(format!(
            "{file}: {controls} control characters shown as visible symbols"
        ));
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// Counts the double-byte pairs of a GB text, and how many of them fall in GB2312's symbol and
/// common-character rows, where nearly all of a real Chinese page's characters lie.
fn gb2312_pairs(bytes: &[u8]) -> (usize, usize) {
    let (mut pairs, mut common) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        pairs += 1;
        if (0xA1..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&t) {
            common += 1;
        }
        // GB18030 four-byte sequences have a digit as second byte.
        i += if t.is_ascii_digit() { 4 } else { 2 };
    }
    (pairs, common)
}

fn count_bad(s: &str) -> usize {
    s.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// Whether UTF-8 bytes hold nothing to normalize: no CR, tab or other C0 control, no DEL,
/// no C1 control (C2 80..9F), no byte order mark (EF BB BF). Checked on bytes, which is
/// far cheaper than decoding characters.
fn is_clean(bytes: &[u8]) -> bool {
    // Branch-free over the bytes, so the compiler can vectorise it.
    let c0 = bytes.iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\n')) | (b == 0x7f)
    });
    let c1 = || {
        memchr::memchr_iter(0xC2, bytes)
            .any(|i| bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    };
    !c0 && !c1() && memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_none()
}

/// CRLF and CR to LF; tabs to spaces; other control characters (C0, DEL, C1) to visible
/// symbols. Returns the text and how many control characters were replaced.
fn normalize(text: String) -> (String, usize) {
    if is_clean(text.as_bytes()) {
        return (text, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut controls = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{feff}' => {}
            c if (c as u32) < 0x20 => {
                controls += 1;
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
            }
            '\u{7f}' => {
                controls += 1;
                out.push('\u{2421}');
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                controls += 1;
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
    (out, controls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_crlf_and_gb18030_agree() {
        let text = "本报讯 近日，湛江市总工会举办活动。\n（湛江工）\n";
        let plain = decode("a", text.as_bytes()).unwrap();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
        let bom = decode("b", &bom).unwrap();
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let gb = decode("c", &gb).unwrap();
        assert_eq!(plain.text, bom.text);
        assert_eq!(plain.text, gb.text);
        assert_eq!(gb.encoding, "GB18030");
    }

    #[test]
    fn a_few_broken_bytes_stay_utf8() {
        let mut bytes = "本报讯 近日，湛江市总工会举办活动，活动内容丰富多彩。"
            .repeat(5)
            .into_bytes();
        bytes[10] = 0xFF;
        let d = decode("p", &bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn binary_and_empty_are_not_pages() {
        assert!(matches!(
            decode("x", b"ab\0cd"),
            Err(PageError::Binary { .. })
        ));
        assert!(matches!(
            decode("x", b"  \n\n"),
            Err(PageError::Empty { .. })
        ));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 7 % 64 + 0x80) as u8).collect();
        assert!(decode("x", &noise).is_err());
    }

    #[test]
    fn control_characters_become_visible() {
        let d = decode("p", "本报讯\u{1b}[31m红\u{7}".as_bytes()).unwrap();
        assert!(!d.text.chars().any(char::is_control));
        assert!(d.text.contains('\u{241B}'));
    }
}
