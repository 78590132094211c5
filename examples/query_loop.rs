//! Runs queries over a library's already-built index many times, for profiling and for the
//! query latency at scale: `GONGBAO_CACHE_DIR=... cargo run --release --example query_loop --
//! DIR RUNS [QUERY...]` (the scale script's 17 queries when none is given). Opens the index
//! folder `gongbao --pages DIR search` built, whichever build of gongbao built it (the
//! version check would refuse another program's parser stamp), and searches as the reader
//! does: 20 hits, snippets, the hits per city. Prints each query's p50/p99 and the p50/p99
//! over all of them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

#[path = "support/scale_queries.rs"]
mod scale_queries;
use scale_queries::QUERIES;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir: std::path::PathBuf = args
        .next()
        .expect("usage: query_loop DIR RUNS [QUERY...]")
        .into();
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(100);
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = QUERIES.iter().map(|q| (*q).to_string()).collect();
    }
    let paths = gongbao::paths::Paths::from_env().unwrap();
    let lib = gongbao::load::PageSet::locate(std::slice::from_ref(&dir), &paths);
    let folder = gongbao::search::index_spec(&lib)
        .index_dir()
        .expect("an index folder");
    let index = tantivy::Index::open_in_dir(&folder)
        .expect("no index: run `gongbao --pages DIR search x` first");
    gongbao::search::schema::register_tokenizers(
        &index,
        gongbao::search::tokenizer::JiebaTokenizer::default(),
    );
    let searcher = gongbao::search::Searcher::new(index).unwrap();
    println!("{} articles in {}", searcher.num_docs(), folder.display());
    let opts = gongbao::search::SearchOptions {
        limit: 20,
        snippet_chars: 80,
        count_cities: true,
        ..gongbao::search::SearchOptions::default()
    };
    for q in &queries {
        searcher.search(q, &opts).unwrap();
    }
    let mut all = Vec::new();
    for q in &queries {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = searcher.search(q, &opts).unwrap();
                std::hint::black_box(r.total);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        all.extend_from_slice(&times);
        times.sort_by(f64::total_cmp);
        let total = searcher.search(q, &opts).unwrap().total;
        println!(
            "{q:<24} {total:>8} hits  p50 {:.2} ms  p99 {:.2} ms",
            times[runs / 2],
            times[(runs * 99 / 100).min(runs - 1)]
        );
    }
    all.sort_by(f64::total_cmp);
    let at = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
    println!(
        "all {} runs: p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        all.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
