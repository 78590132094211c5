#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The judged query set over the seeds and the fixture pages (`tests/support/judged.rs`):
//! every query ranks its article first, every recall query finds exactly the articles that
//! name it (in either script, in any form of its abbreviation), the recall lists agree with
//! the text, and the jieba-free segmenter gives jieba's results. `cargo run --example judged`
//! prints top-1 accuracy and MRR.

use crate::support::judged;

use gongbao::search::abbrev::Abbreviations;
use gongbao::search::tokenizer::fold;
use gongbao::search::{index, Progress, Searcher, SegmentWith};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn corpus() -> &'static gongbao::model::Corpus {
    static C: OnceLock<gongbao::model::Corpus> = OnceLock::new();
    C.get_or_init(judged::corpus)
}

fn searcher() -> &'static Searcher {
    static S: OnceLock<Searcher> = OnceLock::new();
    S.get_or_init(|| index::build(corpus(), None, 0, &Progress::default()).unwrap())
}

#[test]
fn the_set_is_large_and_covers_every_kind() {
    let j = judged::load();
    assert!(j.first.len() + j.recall.len() >= 60);
    let kinds: BTreeSet<&str> = j
        .first
        .iter()
        .map(|c| c.kind.as_str())
        .chain(j.recall.iter().map(|c| c.kind.as_str()))
        .collect();
    for k in [
        "people",
        "places",
        "union",
        "campaign",
        "traditional",
        "abbreviation",
        "multi-word",
    ] {
        assert!(kinds.contains(k), "no {k} query");
    }
    for c in &j.first {
        assert!(
            corpus().article(&c.first).is_some(),
            "{}: no such article",
            c.first
        );
    }
}

#[test]
fn every_judged_query_passes() {
    let m = judged::evaluate(searcher(), &judged::load());
    assert!(m.failures.is_empty(), "{}", m.failures.join("\n"));
    assert_eq!(m.top1, m.queries);
    assert_eq!(m.exact, m.recall_queries);
}

/// The recall lists agree with the text: an article is listed iff its text names the query,
/// folded to simplified script, in any spelling of the abbreviation rows it holds.
#[test]
fn recall_lists_match_the_text() {
    for case in judged::load().recall {
        let spellings = Abbreviations::get().expand(&fold(&case.query)).variants;
        let want: BTreeSet<String> = corpus()
            .whole_articles()
            .filter(|a| {
                let mut text: Vec<String> = a.heading.clone();
                text.push(a.title.clone());
                text.extend(a.kicker.clone());
                text.extend(a.subtitle.clone());
                text.extend(a.paragraphs.clone());
                text.extend(a.captions.clone());
                text.extend(a.reporters.clone());
                text.extend(a.correspondents.clone());
                text.iter()
                    .any(|t| spellings.iter().any(|s| fold(t).contains(s.as_str())))
            })
            .map(|a| a.id.clone())
            .collect();
        let listed: BTreeSet<String> = case.ids.iter().cloned().collect();
        assert_eq!(listed, want, "{}", case.query);
    }
}

#[test]
fn term_dictionary_segmentation_gives_jieba_results() {
    let j = judged::load();
    let mut failures = Vec::new();
    let queries = j
        .first
        .iter()
        .map(|c| c.query.as_str())
        .chain(j.recall.iter().map(|c| c.query.as_str()));
    for q in queries {
        let a = judged::ids(searcher(), q, SegmentWith::TermDict, 10);
        let b = judged::ids(searcher(), q, SegmentWith::Jieba, 10);
        if a != b {
            failures.push(format!("{q}: term dict {a:?}, jieba {b:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
