//! Cutting a folded query word into segments: against the index's own term dictionary
//! ([`TermDictSegmenter`], so a query never waits for jieba's dictionary to load), or with
//! jieba itself ([`JiebaSegmenter`], the reference the first is tested against). Knows
//! nothing of how the segments become a query.

use jieba_rs::Jieba;
use tantivy::Term;

/// Cuts a folded query word into segments.
pub trait Segmenter {
    fn segment(&self, word: &str) -> Vec<String>;
}

/// The reference: jieba's own cut (with HMM), as the pages' main words were cut.
pub struct JiebaSegmenter<'a>(pub &'a Jieba);

impl Segmenter for JiebaSegmenter<'_> {
    fn segment(&self, word: &str) -> Vec<String> {
        self.0
            .cut(word, true)
            .into_iter()
            .map(|t| t.word.to_string())
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }
}

/// Segments against the index's term dictionary: a run of ideographs is cut into the fewest
/// terms the index knows (single characters always allowed), ties going to the cut whose terms
/// are in the most articles; ASCII words stay whole.
pub struct TermDictSegmenter<'a> {
    searcher: &'a tantivy::Searcher,
    fields: &'a [tantivy::schema::Field],
    /// Each text's document frequency once looked up: a search segments a word several
    /// times (for its query, its highlights, each spelling), and a lookup reads every
    /// segment's dictionary.
    known: std::cell::RefCell<std::collections::HashMap<String, u64>>,
}

impl<'a> TermDictSegmenter<'a> {
    /// Segments against `fields` of `searcher`'s index.
    #[must_use]
    pub fn new(
        searcher: &'a tantivy::Searcher,
        fields: &'a [tantivy::schema::Field],
    ) -> TermDictSegmenter<'a> {
        TermDictSegmenter {
            searcher,
            fields,
            known: std::cell::RefCell::default(),
        }
    }
}

/// Longest term tried, in characters.
const MAX_WORD_CHARS: usize = 8;

impl TermDictSegmenter<'_> {
    fn doc_freq(&self, w: &str) -> u64 {
        if let Some(&n) = self.known.borrow().get(w) {
            return n;
        }
        let n = self.look_up(w);
        self.known.borrow_mut().insert(w.to_string(), n);
        n
    }

    fn look_up(&self, w: &str) -> u64 {
        self.fields
            .iter()
            .map(|&f| {
                self.searcher
                    .doc_freq(&Term::from_field_text(f, w))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }

    fn cut_run(&self, run: &[char], out: &mut Vec<String>) {
        let n = run.len();
        // best[i]: (pieces, -sum ln df, start of last piece) for run[..i]
        let mut best: Vec<(usize, f64, usize)> = vec![(usize::MAX, 0.0, 0); n + 1];
        best[0] = (0, 0.0, 0);
        for i in 0..n {
            if best[i].0 == usize::MAX {
                continue;
            }
            for j in i + 1..=n.min(i + MAX_WORD_CHARS) {
                let w: String = run[i..j].iter().collect();
                let df = self.doc_freq(&w);
                if df == 0 && j - i > 1 {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let cost = -((df.max(1)) as f64).ln();
                let cand = (best[i].0 + 1, best[i].1 + cost, i);
                if cand.0 < best[j].0 || (cand.0 == best[j].0 && cand.1 < best[j].1) {
                    best[j] = cand;
                }
            }
        }
        let mut pieces = Vec::new();
        let mut j = n;
        while j > 0 {
            let i = best[j].2;
            pieces.push(run[i..j].iter().collect::<String>());
            j = i;
        }
        out.extend(pieces.into_iter().rev());
    }
}

impl Segmenter for TermDictSegmenter<'_> {
    fn segment(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        let chars: Vec<char> = word.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let kind = |c: char| {
                if c.is_ascii_alphanumeric() {
                    1
                } else if c.is_alphanumeric() {
                    2
                } else {
                    0
                }
            };
            let k = kind(c);
            let mut j = i + 1;
            while j < chars.len() && kind(chars[j]) == k {
                j += 1;
            }
            match k {
                1 => out.push(chars[i..j].iter().collect()),
                2 => self.cut_run(&chars[i..j], &mut out),
                _ => {}
            }
            i = j;
        }
        out
    }
}
