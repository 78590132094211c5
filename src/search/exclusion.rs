//! An exclusion's query, kept out of tantivy 0.27's "danger zone": `Exclude` asks the
//! excluded scorer `seek_danger`, and a phrase scorer that has already run out trips its own
//! `debug_assert!` there (upstream quickwit-oss/tantivy#2811; the query fuzz target found it
//! with `-职  工`). [`Plain`] wraps a query so that its scorer answers `seek_danger` with
//! the trait's plain default (its current document, or a real `seek`), which every scorer
//! supports. Knows nothing of the query language.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// A query whose scorers never take the danger-zone path.
#[derive(Debug)]
pub struct Plain(pub Box<dyn Query>);

impl Clone for Plain {
    fn clone(&self) -> Plain {
        Plain(self.0.box_clone())
    }
}

impl Query for Plain {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PlainWeight(self.0.weight(enable_scoring)?)))
    }
}

struct PlainWeight(Box<dyn Weight>);

impl Weight for PlainWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(PlainScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Forwards everything but `seek_danger`, which keeps the trait's default.
struct PlainScorer(Box<dyn Scorer>);

impl DocSet for PlainScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for PlainScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
