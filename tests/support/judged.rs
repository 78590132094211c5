//! The judged query set (`tests/fixtures/search/judged.json`) over the seeds and our fixture
//! pages, and how a searcher scores on it: top-1 accuracy and mean reciprocal rank. Shared
//! by `tests/judged.rs` (which requires every query to pass) and `examples/judged.rs` (which
//! prints the figures, passing or not, for the README's before/after table).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use gongbao::model::Corpus;
use gongbao::search::{SearchOptions, Searcher, SegmentWith};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
pub struct Judged {
    /// Each query must rank this article first.
    pub first: Vec<FirstCase>,
    /// Each query must find exactly these articles (people, places, words).
    pub recall: Vec<RecallCase>,
}

#[derive(Deserialize)]
pub struct FirstCase {
    pub query: String,
    pub first: String,
    pub kind: String,
}

#[derive(Deserialize)]
pub struct RecallCase {
    pub query: String,
    /// Every article that names it, and no other.
    pub ids: Vec<String>,
    pub kind: String,
}

pub fn load() -> Judged {
    serde_json::from_str(include_str!("../fixtures/search/judged.json")).unwrap()
}

/// The fixture pages the judged set covers besides the seeds (listed, so that a page added
/// for another test does not change what the set expects).
pub const FIXTURE_PAGES: &[&str] = &[
    "p01_huizhou_columns",
    "p02_dongguan_paragraphs",
    "p03_meizhou_markdown",
    "p04_yangjiang_columns",
    "p05_qingyuan_paragraphs",
    "p06_shanwei_markdown",
    "p07_foshan_zhongshan_columns",
    "p08_towns_paragraphs",
    "p09_huizhou_mixed_forms",
    "p10_meizhou_hanging_columns",
    "p30_traditional_paragraphs",
];

pub fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    FIXTURE_PAGES
        .iter()
        .map(|p| dir.join(format!("{p}.txt")))
        .collect()
}

/// The seeds and the listed fixture pages.
pub fn corpus() -> Corpus {
    let (corpus, errors) = gongbao::load::seeds_and_files(&fixture_files());
    assert!(errors.is_empty(), "{errors:?}");
    corpus
}

pub fn ids(s: &Searcher, query: &str, with: SegmentWith, limit: usize) -> Vec<String> {
    let opts = SearchOptions {
        limit,
        segment_with: with,
        ..SearchOptions::default()
    };
    s.search(query, &opts)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// How a searcher does on the set.
#[derive(Debug, Default)]
pub struct Metrics {
    pub queries: usize,
    /// Queries whose first hit is one they want.
    pub top1: usize,
    /// Sum over queries of 1 / the rank of the first hit they want (0 when none in the top 100).
    pub reciprocal_ranks: f64,
    /// Recall queries that find exactly their articles, and how many there are.
    pub exact: usize,
    pub recall_queries: usize,
    /// (kind, queries, top-1) per kind of query.
    pub by_kind: Vec<(String, usize, usize)>,
    pub failures: Vec<String>,
}

impl Metrics {
    #[allow(clippy::cast_precision_loss)]
    pub fn top1_accuracy(&self) -> f64 {
        self.top1 as f64 / self.queries.max(1) as f64
    }

    #[allow(clippy::cast_precision_loss)]
    pub fn mrr(&self) -> f64 {
        self.reciprocal_ranks / self.queries.max(1) as f64
    }

    fn count(&mut self, kind: &str, top1: bool, rr: f64) {
        self.queries += 1;
        self.reciprocal_ranks += rr;
        self.top1 += usize::from(top1);
        match self.by_kind.iter_mut().find(|k| k.0 == kind) {
            Some(k) => {
                k.1 += 1;
                k.2 += usize::from(top1);
            }
            None => self.by_kind.push((kind.to_string(), 1, usize::from(top1))),
        }
    }
}

pub fn evaluate(s: &Searcher, j: &Judged) -> Metrics {
    let mut m = Metrics::default();
    let rr = |got: &[String], want: &BTreeSet<String>| {
        got.iter()
            .position(|id| want.contains(id))
            .map_or(0.0, |r| 1.0 / (r as f64 + 1.0))
    };
    for c in &j.first {
        let got = ids(s, &c.query, SegmentWith::TermDict, 100);
        let want: BTreeSet<String> = [c.first.clone()].into();
        let top1 = got.first() == Some(&c.first);
        if !top1 {
            m.failures.push(format!(
                "first  {}: want {} first, got {:?}",
                c.query,
                c.first,
                &got[..got.len().min(3)]
            ));
        }
        m.count(&c.kind, top1, rr(&got, &want));
    }
    for c in &j.recall {
        let got = ids(s, &c.query, SegmentWith::TermDict, 100);
        let want: BTreeSet<String> = c.ids.iter().cloned().collect();
        let top1 = got.first().is_some_and(|g| want.contains(g));
        m.count(&c.kind, top1, rr(&got, &want));
        m.recall_queries += 1;
        let set: BTreeSet<String> = got.into_iter().collect();
        if set == want {
            m.exact += 1;
        } else {
            m.failures.push(format!(
                "recall {}: missing {:?}, extra {:?}",
                c.query,
                want.difference(&set).collect::<Vec<_>>(),
                set.difference(&want).collect::<Vec<_>>()
            ));
        }
    }
    m
}
