//! A word that is one form of an abbreviation row (`新就业形态劳动者`, `劳模`, `工匠`), required
//! where any of its spellings occurs, without reading the positions of every article that
//! holds one. The index adds the row's term wherever a form of the row occurs
//! ([`super::super::abbrev::Abbreviations::key`]), in the same folded text the bigram field
//! holds: an article holding the term in its heading, body or captions holds a form there, so
//! it matches; only the other candidates of each spelling's bigram phrase have their
//! positions read. The articles matched are the same as the union of the spellings' phrases
//! (and the bare row's term, for a limited form typed alone); the score is 0 (the word ranks
//! by its ranking clauses).

use super::super::abbrev::{Abbreviations, Expansion, Piece};
use super::super::schema::Fields;
use super::super::tokenizer::one_run;
use super::phrase::exact_terms;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// The spellings of a word that is one row's form, with the row's term as a shortcut.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The row's term in each field whose text the bigram field holds too.
    sure: Vec<Term>,
    /// Each spelling's bigram phrase (positions as in the query, terms in the bigram field).
    phrases: Vec<Vec<(usize, Term)>>,
}

impl Keyed {
    /// The query for `e` when the shortcut holds: the word is one form of one row, every form
    /// of that row is one of its spellings, and each spelling is a bare row (required as the
    /// row's term) or a form of ideographs alone, whose bigram phrase matches wherever the
    /// form occurs. `None` otherwise (the caller keeps the phrases as they are).
    #[must_use]
    pub fn new(fields: &Fields, e: &Expansion) -> Option<Keyed> {
        let table = Abbreviations::get();
        let [row] = e.rows[..] else { return None };
        if !e.rest.is_empty() {
            return None;
        }
        let forms = &table.rows.get(row)?.forms;
        let mut covered = vec![false; forms.len()];
        let mut phrases = Vec::new();
        for pieces in &e.spellings {
            let [p] = &pieces[..] else { return None };
            if !p.form || p.row != Some(row) {
                return None;
            }
            let i = forms.iter().position(|f| *f == p.text)?;
            covered[i] = true;
            if Piece::bare_row(pieces).is_some() {
                continue;
            }
            if !one_run(&p.text) {
                return None;
            }
            let terms = exact_terms(fields, &p.text);
            if terms.is_empty() {
                return None;
            }
            phrases.push(terms);
        }
        if !covered.iter().all(|&c| c) {
            return None;
        }
        let key = table.key(row);
        Some(Keyed {
            sure: [fields.heading, fields.body, fields.captions]
                .iter()
                .map(|&f| Term::from_field_text(f, key))
                .collect(),
            phrases,
        })
    }
}

impl Query for Keyed {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Keyed {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut sure = Vec::new();
        for t in &self.sure {
            if let Some(p) = reader
                .inverted_index(t.field())?
                .read_postings(t, IndexRecordOption::Basic)?
            {
                sure.push(p);
            }
        }
        let mut phrases = Vec::new();
        'phrases: for terms in &self.phrases {
            let last = terms.iter().map(|(at, _)| *at).max().unwrap_or(0);
            let option = if terms.len() > 1 {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::Basic
            };
            let mut postings = Vec::with_capacity(terms.len());
            for (at, t) in terms {
                let Some(p) = reader.inverted_index(t.field())?.read_postings(t, option)? else {
                    // A bigram no article of this segment holds: the phrase matches none.
                    continue 'phrases;
                };
                let offset = u32::try_from(last - at).unwrap_or(u32::MAX);
                postings.push((offset, p));
            }
            // The rarest first: it leads the intersection.
            postings.sort_by_key(|(_, p)| p.doc_freq());
            phrases.push(Phrase {
                postings,
                from: 0,
                candidate: false,
            });
        }
        let mut scorer = KeyedScorer {
            sure,
            phrases,
            doc: 0,
            left: Vec::new(),
            right: Vec::new(),
        };
        scorer.doc = scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.doc() > doc || s.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("a spelling of the word occurs", 0.0))
    }
}

/// One spelling's bigram phrase in a segment.
struct Phrase {
    /// Each term's postings, with the offset that puts its positions at the phrase's last
    /// term's.
    postings: Vec<(u32, SegmentPostings)>,
    /// No article before this one holds every term.
    from: DocId,
    /// Whether the article at `from` holds every term (its positions not yet read).
    candidate: bool,
}

impl Phrase {
    /// Moves `from` to the first article from `target` on that holds every term, or to where
    /// the search passed `limit` (then it is no candidate: the caller needs none from there).
    fn find(&mut self, target: DocId, limit: DocId) {
        let mut d = target;
        'again: while d < limit {
            for (_, p) in &mut self.postings {
                let at = if p.doc() < d { p.seek(d) } else { p.doc() };
                if at > d {
                    d = at;
                    continue 'again;
                }
            }
            self.from = d;
            self.candidate = true;
            return;
        }
        self.from = d;
        self.candidate = false;
    }

    /// Whether the terms stand in order at the candidate article (one term: it is there).
    fn matches(&mut self, left: &mut Vec<u32>, right: &mut Vec<u32>) -> bool {
        let Some(((first_offset, first), rest)) = self.postings.split_first_mut() else {
            return false;
        };
        if rest.is_empty() {
            return true;
        }
        first.positions_with_offset(*first_offset, left);
        for (offset, p) in rest {
            p.positions_with_offset(*offset, right);
            intersect(left, right);
            if left.is_empty() {
                return false;
            }
        }
        true
    }
}

/// Keeps in `left` the values `right` holds too (both sorted).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let mut j = 0;
    left.retain(|&x| {
        while j < right.len() && right[j] < x {
            j += 1;
        }
        j < right.len() && right[j] == x
    });
}

struct KeyedScorer {
    /// The row's term's postings, one a field.
    sure: Vec<SegmentPostings>,
    phrases: Vec<Phrase>,
    doc: DocId,
    /// Position buffers.
    left: Vec<u32>,
    right: Vec<u32>,
}

impl KeyedScorer {
    /// The first match at or after where every cursor stands (each at or past the last
    /// match). A phrase's candidates are looked for only before the next article holding the
    /// row's term, and only those have their positions read.
    fn settle(&mut self) -> DocId {
        loop {
            let sure = self
                .sure
                .iter()
                .map(DocSet::doc)
                .min()
                .unwrap_or(TERMINATED);
            let mut next = sure;
            for p in &mut self.phrases {
                if p.from < sure && !p.candidate {
                    p.find(p.from, sure);
                }
                if p.candidate && p.from < next {
                    next = p.from;
                }
            }
            if next == sure {
                return sure;
            }
            let (left, right) = (&mut self.left, &mut self.right);
            let mut found = false;
            for p in &mut self.phrases {
                if p.candidate && p.from == next && p.matches(left, right) {
                    found = true;
                    break;
                }
            }
            if found {
                return next;
            }
            for p in &mut self.phrases {
                if p.candidate && p.from == next {
                    p.from = next + 1;
                    p.candidate = false;
                }
            }
        }
    }

    /// Moves every cursor to `target` or past it.
    fn move_to(&mut self, target: DocId) {
        for p in &mut self.sure {
            if p.doc() < target {
                p.seek(target);
            }
        }
        for p in &mut self.phrases {
            if p.from < target {
                p.from = target;
                p.candidate = false;
            }
        }
    }
}

impl DocSet for KeyedScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.move_to(self.doc + 1);
        self.doc = self.settle();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.move_to(target);
        self.doc = self.settle();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let sure: u32 = self.sure.iter().map(DocSet::size_hint).sum();
        let phrases: u32 = self
            .phrases
            .iter()
            .filter_map(|p| p.postings.iter().map(|(_, p)| p.size_hint()).min())
            .sum();
        sure.saturating_add(phrases)
    }
}

impl Scorer for KeyedScorer {
    fn score(&mut self) -> Score {
        0.0
    }
}
