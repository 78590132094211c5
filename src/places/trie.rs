//! The gazetteer's matcher: every place name as a trie over characters, searched
//! leftmost-longest over a text's UTF-8 bytes (see [`NameTrie`]). Knows names only as
//! strings; which place a name is stays with the gazetteer.

use rustc_hash::FxHashMap;

/// The place names as a trie over characters, searched leftmost-longest: at each character
/// the longest name that starts there is the match, and the search goes on after it. This is
/// what an Aho-Corasick automaton with that match kind finds, since names and text are both
/// UTF-8 and a name can only start where a character does; but the trie (a few hundred KB)
/// stays in cache where a DFA over the names' bytes takes 6.5 MB, and it builds in well
/// under a millisecond. Characters are keyed by their UTF-8 bytes, never decoded. Empty
/// names are never matched.
#[derive(Debug)]
pub(super) struct NameTrie {
    /// A bit for each hash slot of a name's first two characters (see [`pair_slot`]); of a
    /// fixed size, so that no test of a slot is bounds-checked.
    pairs: Box<[u64; PAIR_SLOTS / 64]>,
    /// Whether some name is one character long (then `pairs` cannot rule out a match).
    single: bool,
    /// `(node << 32) | character` → child node; the root is node 0.
    edges: FxHashMap<u64, u32>,
    /// For each node, the index of the name that ends there (`NO_NAME` for none).
    ends: Vec<u32>,
}

/// A trie of no names: it matches nothing.
impl Default for NameTrie {
    fn default() -> NameTrie {
        NameTrie {
            pairs: Box::new([0; PAIR_SLOTS / 64]),
            single: false,
            edges: FxHashMap::default(),
            ends: Vec::new(),
        }
    }
}

const NO_NAME: u32 = u32::MAX;
const PAIR_SLOTS: usize = 1 << 16;

fn pair_slot(a: u32, b: u32) -> usize {
    (a.wrapping_mul(31) ^ b.wrapping_mul(0x9E37)) as usize & (PAIR_SLOTS - 1)
}

fn edge(node: u32, c: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(c)
}

/// The character starting at byte `i` of valid UTF-8, as its bytes packed into one number,
/// and its length.
fn char_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let x = *b.get(i)?;
    // Three-byte characters (all of Chinese text but ASCII) first.
    if (0xE0..0xF0).contains(&x) {
        if let (Some(&y), Some(&z)) = (b.get(i + 1), b.get(i + 2)) {
            return Some(((u32::from(x) << 16) | (u32::from(y) << 8) | u32::from(z), 3));
        }
    }
    let len = match x {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let key = match b.get(i..i + len)? {
        [a, b, c] => (u32::from(*a) << 16) | (u32::from(*b) << 8) | u32::from(*c),
        [a] => u32::from(*a),
        [a, b] => (u32::from(*a) << 8) | u32::from(*b),
        [a, b, c, d] => u32::from_be_bytes([*a, *b, *c, *d]),
        _ => return None,
    };
    Some((key, len))
}

impl NameTrie {
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a str>) -> NameTrie {
        let mut t = NameTrie {
            ends: vec![NO_NAME],
            ..NameTrie::default()
        };
        for (index, name) in names.enumerate() {
            let Ok(index) = u32::try_from(index) else {
                break;
            };
            let b = name.as_bytes();
            let mut chars = Vec::new();
            let mut i = 0;
            while let Some((c, len)) = char_at(b, i) {
                chars.push(c);
                i += len;
            }
            match chars.as_slice() {
                [] => continue,
                [_] => t.single = true,
                [c0, c1, ..] => {
                    let s = pair_slot(*c0, *c1);
                    t.pairs[s / 64] |= 1 << (s % 64);
                }
            }
            let mut node = 0u32;
            for &c in &chars {
                let Ok(next) = u32::try_from(t.ends.len()) else {
                    return t;
                };
                let child = *t.edges.entry(edge(node, c)).or_insert(next);
                if child == next {
                    t.ends.push(NO_NAME);
                }
                node = child;
            }
            if let Some(e) = t.ends.get_mut(node as usize) {
                *e = index;
            }
        }
        t
    }

    /// Whether a name can start with `c` followed by `next` (if any), by the first two
    /// characters' hash slot; where some name is a single character, any can.
    fn may_start(&self, c: u32, next: Option<u32>) -> bool {
        self.single || next.is_some_and(|n| self.pair_may_start(c, n))
    }

    /// Whether some name starts with the characters `c` and `n`, by their hash slot.
    fn pair_may_start(&self, c: u32, n: u32) -> bool {
        let s = pair_slot(c, n);
        self.pairs[s / 64] & (1 << (s % 64)) != 0
    }

    /// Calls `f(start, end, name)` for each match in `text`, in order.
    pub(super) fn find(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            // Most characters of a text (three bytes: ideographs, CJK punctuation) start no
            // name, and the hash slot of their pair with the next character says so (one
            // pair in thirty passes on a page): stepped over with the two characters read
            // straight off six bytes. Testing the pair alone, not first whether the
            // character starts a name (two in five do), keeps the branch predictable.
            if !self.single && (0xE0..0xF0).contains(&x) {
                if let Some(&[x, y, z, u, v, w]) = b.get(i..i + 6) {
                    if (0xE0..0xF0).contains(&u) {
                        let c = (u32::from(x) << 16) | (u32::from(y) << 8) | u32::from(z);
                        let n = (u32::from(u) << 16) | (u32::from(v) << 8) | u32::from(w);
                        if !self.pair_may_start(c, n) {
                            i += 3;
                            continue;
                        }
                    }
                }
            }
            let Some((c, len)) = char_at(b, i) else {
                break;
            };
            let next = char_at(b, i + len);
            if self.may_start(c, next.map(|(n, _)| n)) {
                if let Some((end, name)) = self.longest_at(b, i) {
                    f(i, end, name as usize);
                    i = end;
                    continue;
                }
            }
            i += len;
        }
    }

    /// The longest name starting at byte `i`: its end and index.
    fn longest_at(&self, b: &[u8], i: usize) -> Option<(usize, u32)> {
        let (mut node, mut j) = (0u32, i);
        let mut best = None;
        while let Some((c, l)) = char_at(b, j) {
            let Some(&child) = self.edges.get(&edge(node, c)) else {
                break;
            };
            node = child;
            j += l;
            match self.ends.get(node as usize) {
                Some(&name) if name != NO_NAME => best = Some((j, name)),
                _ => {}
            }
        }
        best
    }
}
