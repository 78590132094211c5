//! A set of a segment's articles as one bit each, and the docset that walks it: what the
//! first pass of a search keeps and what a keyed word matches. Two sets of one segment
//! intersect a machine word at a time.

use tantivy::query::Scorer;
use tantivy::{DocId, DocSet, Score, TERMINATED};

/// Articles of one segment, one bit each.
#[derive(Debug, Clone)]
pub struct Bits(Vec<u64>);

impl Bits {
    /// No article of a segment of `max_doc` articles.
    #[must_use]
    pub fn new(max_doc: u32) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    #[must_use]
    pub fn contains(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|w| w >> (doc % 64) & 1 == 1)
    }

    pub fn insert(&mut self, doc: DocId) {
        if let Some(w) = self.0.get_mut(doc as usize / 64) {
            *w |= 1 << (doc % 64);
        }
    }

    /// Keeps only the articles `other` holds too.
    pub fn keep(&mut self, other: &Bits) {
        for (w, o) in self.0.iter_mut().zip(&other.0) {
            *w &= o;
        }
        let n = other.0.len();
        if self.0.len() > n {
            self.0.truncate(n);
        }
    }

    /// The first article from `from` on, or [`TERMINATED`].
    #[must_use]
    pub fn next_from(&self, from: DocId) -> DocId {
        let mut i = from as usize / 64;
        let Some(&first) = self.0.get(i) else {
            return TERMINATED;
        };
        let mut w = first & (u64::MAX << (from % 64));
        loop {
            if w != 0 {
                return u32::try_from(i * 64).unwrap_or(TERMINATED) + w.trailing_zeros();
            }
            i += 1;
            match self.0.get(i) {
                Some(&next) => w = next,
                None => return TERMINATED,
            }
        }
    }

    /// How many articles.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }
}

/// The articles of a [`Bits`] as a docset, scoring 0.
pub struct BitsScorer {
    bits: Bits,
    doc: DocId,
    len: u32,
}

impl BitsScorer {
    #[must_use]
    pub fn new(bits: Bits) -> BitsScorer {
        let doc = bits.next_from(0);
        let len = u32::try_from(bits.len()).unwrap_or(u32::MAX);
        BitsScorer { bits, doc, len }
    }
}

impl DocSet for BitsScorer {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.bits.next_from(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.bits.next_from(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.len
    }
}

impl Scorer for BitsScorer {
    fn score(&mut self) -> Score {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_intersects_and_seeks() {
        let mut a = Bits::new(200);
        let mut b = Bits::new(200);
        for d in [0, 3, 63, 64, 130, 199] {
            a.insert(d);
        }
        for d in [3, 64, 65, 199] {
            b.insert(d);
        }
        assert_eq!(a.len(), 6);
        a.keep(&b);
        let mut s = BitsScorer::new(a);
        let mut seen = vec![s.doc()];
        while s.advance() != TERMINATED {
            seen.push(s.doc());
        }
        assert_eq!(seen, [3, 64, 199]);
        let mut s = BitsScorer::new(b);
        assert_eq!(s.seek(66), 199);
        assert_eq!(s.seek(10), 199);
        assert_eq!(s.advance(), TERMINATED);
        assert!(Bits::new(10).is_empty());
    }
}
