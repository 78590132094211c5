//! What the attach module matches headings and captions against article bodies by: the
//! pairs of adjacent word characters of a text ([`pairs`], [`bigrams`]), the filter that
//! passes the pairs some heading or caption has ([`PairFilter`]), and the small sets of
//! gazetteer indices of the places a text names ([`Ids`]).

use crate::parse::lines;
use rustc_hash::FxHashSet as HashSet;

/// A set of gazetteer indices (the few cities or counties a text names) kept as a vector:
/// a handful of entries, found by a scan, with no hashing and no table to grow.
#[derive(Default)]
pub(super) struct Ids(Vec<usize>);

impl Ids {
    pub(super) fn insert(&mut self, id: usize) {
        if !self.0.contains(&id) {
            self.0.push(id);
        }
    }

    pub(super) fn extend(&mut self, other: Ids) {
        for id in other.0 {
            self.insert(id);
        }
    }

    pub(super) fn contains(&self, id: &usize) -> bool {
        self.0.contains(id)
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.0.iter()
    }
}

fn word_char(c: char) -> bool {
    lines::is_han(c) || c.is_ascii_alphanumeric()
}

/// Calls `f` with each pair of adjacent word characters of a text (punctuation breaks pairs,
/// white space does not), packed into one number (ASCII letters lowercased).
///
/// Read off the UTF-8 bytes: a three-byte character is decoded in place, and the
/// ideographs U+4E00..U+9FFF (nearly every character of a page) are word characters with no
/// further test. This runs over every article body of a page.
pub(super) fn pairs(text: &str, mut f: impl FnMut(u64)) {
    let b = text.as_bytes();
    let mut prev: Option<u32> = None;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let (c, len) = match (x, b.get(i + 1..i + 3)) {
            (0xE0..=0xEF, Some(&[y, z])) => (
                ((u32::from(x) & 0x0F) << 12)
                    | ((u32::from(y) & 0x3F) << 6)
                    | (u32::from(z) & 0x3F),
                3,
            ),
            (0..=0x7F, _) => (u32::from(x.to_ascii_lowercase()), 1),
            _ => match text.get(i..).and_then(|s| s.chars().next()) {
                Some(ch) => (u32::from(ch), ch.len_utf8()),
                None => break,
            },
        };
        i += len;
        if (0x4E00..=0x9FFF).contains(&c) || char::from_u32(c).is_some_and(word_char) {
            if let Some(p) = prev {
                f((u64::from(p) << 32) | u64::from(c));
            }
            prev = Some(c);
        } else if !char::from_u32(c).is_some_and(char::is_whitespace) {
            prev = None;
        }
    }
}

/// A one-bit-per-slot filter in front of the set of wanted pairs: most pairs of a body are
/// not in any heading, and one bit test rejects them without hashing.
pub(super) struct PairFilter {
    /// Of a fixed size, so that no test of a slot is bounds-checked.
    bits: Box<[u64; PairFilter::SLOTS / 64]>,
}

impl PairFilter {
    const SLOTS: usize = 1 << 16;

    fn slot(pair: u64) -> usize {
        // The two characters' low bits, mixed; Han characters differ mostly there.
        #[allow(clippy::cast_possible_truncation)]
        let (a, b) = ((pair >> 32) as usize, pair as usize);
        (a.wrapping_mul(31) ^ b.wrapping_mul(0x9E37)) & (Self::SLOTS - 1)
    }

    pub(super) fn new(wanted: &HashSet<u64>) -> PairFilter {
        let mut bits = Box::new([0u64; Self::SLOTS / 64]);
        for &p in wanted {
            let s = Self::slot(p);
            bits[s / 64] |= 1 << (s % 64);
        }
        PairFilter { bits }
    }

    fn may_contain(&self, pair: u64) -> bool {
        let s = Self::slot(pair);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }

    /// Appends to `out` the pairs of `text` the filter passes (some of them many times).
    /// Every pair is written to a buffer whose end moves on only past those passed: the
    /// filter passes a body's pairs often and unpredictably, and the loop has no branch on
    /// it.
    pub(super) fn passed(&self, text: &str, out: &mut Vec<u64>) {
        const CHUNK: usize = 64;
        let mut chunk = [0u64; CHUNK];
        let mut k = 0;
        pairs(text, |b| {
            chunk[k % CHUNK] = b;
            k += usize::from(self.may_contain(b));
            if k == CHUNK {
                out.extend_from_slice(&chunk);
                k = 0;
            }
        });
        out.extend_from_slice(&chunk[..k]);
    }
}

/// The distinct character pairs of a text, sorted.
pub(super) fn bigrams(text: &str) -> Vec<u64> {
    // A text has fewer pairs than bytes.
    let mut out = Vec::with_capacity(text.len());
    pairs(text, |b| out.push(b));
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`pairs`] as it was written on characters: what the byte loop must give.
    fn pairs_by_chars(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for c in text.chars() {
            let c = c.to_ascii_lowercase();
            if word_char(c) {
                if let Some(p) = prev {
                    out.push((u64::from(p) << 32) | u64::from(c));
                }
                prev = Some(c);
            } else if !c.is_whitespace() {
                prev = None;
            }
        }
        out
    }

    #[test]
    fn pairs_on_bytes_agree_with_the_characters() {
        let mut texts: Vec<String> = [
            "",
            "a",
            "江门市总工会，举办 职工\u{3000}运动会。",
            "Model 3 和 AB12cd：“劳动者之恋”—…\u{00A0}x\u{2009}y",
            "㐀䶿䷀一鿿豈𠀀𠀁 é ü ß ж",
            "工会😀總工會ｱｲｳ",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for (_, bytes) in crate::load::SEEDS {
            texts.push(String::from_utf8_lossy(bytes).into_owned());
        }
        for t in &texts {
            let mut got = Vec::new();
            pairs(t, |b| got.push(b));
            assert_eq!(got, pairs_by_chars(t), "{t}");
        }
    }

    #[test]
    fn the_filter_passes_every_wanted_pair() {
        let text = "江门市总工会举办职工运动会，惠州市总工会开展送温暖活动";
        let wanted: HashSet<u64> = bigrams("总工会举办").into_iter().collect();
        let filter = PairFilter::new(&wanted);
        let mut passed = Vec::new();
        filter.passed(text, &mut passed);
        passed.retain(|b| wanted.contains(b));
        let mut want = pairs_by_chars(text);
        want.retain(|b| wanted.contains(b));
        assert_eq!(passed, want);
    }
}
