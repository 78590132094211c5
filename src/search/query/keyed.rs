//! A word that is one form of an abbreviation row (`新就业形态劳动者`, `劳模`, `工匠`), required
//! where any of its spellings occurs, without reading the positions of every article that
//! holds one. The index adds the row's term wherever a form of the row occurs
//! ([`super::super::abbrev::Abbreviations::key`]), in the same folded text the bigram field
//! holds: an article holding the term in its heading, body or captions holds a form there, so
//! it matches; only the other candidates of each spelling's bigram phrase have their
//! positions read. The articles matched are the same as the union of the spellings' phrases
//! (and the bare row's term, for a limited form typed alone); the score is 0 (the word ranks
//! by its ranking clauses). A word jieba keeps whole (`培训班`) takes the same shortcut with
//! its own jieba term ([`Keyed::word`]).
//!
//! A segment's matches are all found when its scorer is made, into a bit set: the postings
//! are read straight through, which costs less than being seeked article by article by the
//! clauses around it (`劳模 工匠` at a million articles: 16 ms to 9 ms).

use super::super::abbrev::{Abbreviations, Expansion, Piece};
use super::super::bits::{Bits, BitsScorer};
use super::super::schema::Fields;
use super::super::tokenizer::one_run;
use super::phrase::exact_terms;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// The spellings of a word that is one row's form, with the row's term as a shortcut (or a
/// word jieba keeps whole, with its own term: [`Keyed::word`]).
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The row's term (or the word's) in each field whose text the bigram field holds too.
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

impl Keyed {
    /// The query for a word of ideographs that jieba keeps whole (`培训班`): where the index
    /// holds it as a jieba term, in any field, the text holds it, so only the other articles
    /// holding its bigrams have their positions read. It matches what [`super::exact`] does.
    /// `None` for a word of one bigram (its term alone is cheaper) or not of one run.
    #[must_use]
    pub fn word(fields: &Fields, text: &str) -> Option<Keyed> {
        if !one_run(text) {
            return None;
        }
        let terms = exact_terms(fields, text);
        if terms.len() < 2 {
            return None;
        }
        Some(Keyed {
            sure: [
                fields.heading,
                fields.body,
                fields.captions,
                fields.reporters,
                fields.correspondents,
            ]
            .iter()
            .map(|&f| Term::from_field_text(f, text))
            .collect(),
            phrases: vec![terms],
        })
    }
}

impl Query for Keyed {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Keyed {
    /// Every article of the segment that matches.
    fn matches_in(&self, reader: &SegmentReader) -> tantivy::Result<Bits> {
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
            phrases.push(Phrase { postings });
        }
        // Every match of the segment, found at once into a bit set (the intersection around it
        // then seeks bits): first the row's term's postings, read straight through.
        let mut found = Bits::new(reader.max_doc());
        for p in &mut sure {
            let mut d = p.doc();
            while d != TERMINATED {
                found.insert(d);
                d = p.advance();
            }
        }
        // Then each phrase's articles the row's term left out: a one-term phrase read straight
        // through, a longer one led by its rarest term, with positions read only where every
        // term stands.
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for mut p in phrases {
            let Some((_, lead)) = p.postings.first_mut() else {
                continue;
            };
            let mut d = lead.doc();
            if p.postings.len() == 1 {
                while d != TERMINATED {
                    found.insert(d);
                    d = p.postings[0].1.advance();
                }
                continue;
            }
            while d != TERMINATED {
                if !found.contains(d)
                    && p.postings[1..].iter_mut().all(|(_, q)| {
                        let at = if q.doc() < d { q.seek(d) } else { q.doc() };
                        at == d
                    })
                    && p.matches(&mut left, &mut right)
                {
                    found.insert(d);
                }
                d = p.postings[0].1.advance();
            }
        }
        Ok(found)
    }
}

impl Weight for Keyed {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(BitsScorer::new(self.matches_in(reader)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_match(self, reader, doc, "a spelling of the word occurs")
    }
}

/// Several keyed words all required: each one's matches found at once, then intersected a
/// machine word at a time (`劳模 工匠`), where the clauses around them would seek each
/// word's set article by article.
#[derive(Debug, Clone)]
pub struct AllKeyed(pub Vec<Keyed>);

impl Query for AllKeyed {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for AllKeyed {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut all: Option<Bits> = None;
        for k in &self.0 {
            let found = k.matches_in(reader)?;
            match &mut all {
                Some(a) => a.keep(&found),
                None => all = Some(found),
            }
            if all.as_ref().is_some_and(Bits::is_empty) {
                break;
            }
        }
        Ok(Box::new(BitsScorer::new(
            all.unwrap_or_else(|| Bits::new(reader.max_doc())),
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_match(self, reader, doc, "every keyed word occurs")
    }
}

/// Why `doc` matches (it scores 0), or that it does not.
fn explain_match(
    w: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
    why: &'static str,
) -> tantivy::Result<Explanation> {
    let mut s = w.scorer(reader, 1.0)?;
    if s.doc() > doc || s.seek(doc) != doc {
        return Err(TantivyError::InvalidArgument(format!(
            "Document #({doc}) does not match"
        )));
    }
    Ok(Explanation::new(why, 0.0))
}

/// One spelling's bigram phrase in a segment.
struct Phrase {
    /// Each term's postings, with the offset that puts its positions at the phrase's last
    /// term's.
    postings: Vec<(u32, SegmentPostings)>,
}

impl Phrase {
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
