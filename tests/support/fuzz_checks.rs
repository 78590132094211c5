//! What the config and query fuzz targets (`fuzz/`) check for one input, shared with the
//! kept corpus's regression test (`tests/fuzz_corpus.rs`), so that `cargo test` on stable
//! replays every interesting input the fuzzers found.
#![allow(dead_code)]

use gongbao::search::{query, IndexSpec, Progress, SearchOptions, Searcher, SegmentWith};
use gongbao::store::config;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The config parser: any text, no panic; every problem names a line inside the text.
pub fn check_config(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let (_config, problems) = config::parse("fuzz.toml", text, Path::new("/"));
    let lines = text.split('\n').count();
    for p in &problems {
        if let Some(l) = p.line {
            if l == 0 || l > lines {
                return Err(format!("problem on line {l} of {lines}: {p}"));
            }
        }
    }
    Ok(())
}

/// The seeds, indexed in RAM once per process.
fn seed_searcher() -> &'static Searcher {
    static S: OnceLock<Searcher> = OnceLock::new();
    S.get_or_init(|| {
        let corpus = Arc::new(gongbao::load::seed_corpus());
        match gongbao::search::open_or_build(
            &IndexSpec::in_ram(),
            &mut || corpus.clone(),
            &Progress::default(),
        ) {
            Ok((s, _)) => s,
            Err(e) => panic!("cannot index the seeds: {e}"),
        }
    })
}

/// The query parser and the search behind it: any text, no panic; the limits on items hold;
/// the search runs (term dictionary segmentation, snippets and city counts on) and returns
/// no more hits than asked for, each with a snippet inside its text.
pub fn check_query(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let q = query::parse(text);
    for list in [&q.words, &q.phrases, &q.excluded] {
        if list.len() > query::MAX_ITEMS {
            return Err(format!("{} items kept: {q:?}", list.len()));
        }
        if let Some(item) = list
            .iter()
            .find(|i| i.chars().count() > query::MAX_ITEM_CHARS)
        {
            return Err(format!("an item of {} chars kept", item.chars().count()));
        }
    }
    let opts = SearchOptions {
        limit: 5,
        count_cities: true,
        segment_with: SegmentWith::TermDict,
        ..SearchOptions::default()
    };
    let results = seed_searcher()
        .search(text, &opts)
        .map_err(|e| format!("search failed: {e}"))?;
    if results.hits.len() > opts.limit {
        return Err(format!(
            "{} hits for a limit of {}",
            results.hits.len(),
            opts.limit
        ));
    }
    if results.total < results.hits.len() {
        return Err(format!(
            "total {} below the {} hits listed",
            results.total,
            results.hits.len()
        ));
    }
    for h in &results.hits {
        let t = &h.snippet.text;
        for r in &h.snippet.highlights {
            if r.start > r.end || t.get(r.clone()).is_none() {
                return Err(format!("highlight {r:?} outside snippet {t:?}"));
            }
        }
    }
    Ok(())
}
