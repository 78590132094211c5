//! Scale figures for search on a library of page files (see `scripts/search_scale.sh`):
//! parse, parsed-model cache, index build, query latency with snippets (p50/p99), related
//! articles, and memory. Run in release mode:
//! `cargo run --release --example search_scale -- DIR [QUERIES]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/scale_queries.rs"]
mod scale_queries;

use gongbao::load::load_corpus_cached;
use gongbao::paths::Paths;
use gongbao::search::{self, Progress, SearchOptions};
use scale_queries::QUERIES;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A memory figure of this process from /proc/self/status (`VmHWM:` peak, `VmRSS:` now).
fn status_mib(key: &str) -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn peak_rss_mib() -> f64 {
    status_mib("VmHWM:")
}

fn rss_mib() -> f64 {
    status_mib("VmRSS:")
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).expect("usage: search_scale DIR"));
    let cache = tempfile::tempdir().unwrap();
    let paths = Paths {
        config: cache.path().into(),
        data: cache.path().into(),
        cache: cache.path().into(),
    };
    let pages = vec![dir.clone()];

    let t = Instant::now();
    let first = load_corpus_cached(&pages, &paths);
    let parse = t.elapsed();
    let n = first.corpus.len();
    drop(first);
    let t = Instant::now();
    let again = load_corpus_cached(&pages, &paths);
    let cached = t.elapsed();
    assert!(again.from_cache);
    println!(
        "articles                 {n} in {} page files",
        again.set.files.len()
    );
    println!("parse (all cores)        {}", ms(parse));
    println!(
        "start from model cache   {}  (reader start: no parse)",
        ms(cached)
    );
    println!("rss after cached load    {:.0} MiB", rss_mib());

    let corpus = Arc::new(again.corpus);
    let spec = search::index_spec(&again.set);
    let t = Instant::now();
    let progress = Progress::default();
    let (searcher, _) = search::open_or_build(&spec, &mut || corpus.clone(), &progress).unwrap();
    let build = t.elapsed();
    println!("index build              {}  (incl. jieba load)", ms(build));
    println!("peak rss during build    {:.0} MiB", peak_rss_mib());
    drop(searcher);
    let t = Instant::now();
    let searcher = search::open_current(&spec).unwrap().unwrap();
    println!("index open               {}", ms(t.elapsed()));
    let index_dir = spec.index_dir().unwrap();
    let size: u64 = std::fs::read_dir(&index_dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!(
        "index size               {:.0} MiB",
        size as f64 / 1048576.0
    );

    let queries: Vec<String> = match args.get(2) {
        Some(f) => std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        None => QUERIES.iter().map(|s| (*s).to_string()).collect(),
    };
    let opts = SearchOptions {
        limit: 20,
        snippet_chars: 80,
        count_cities: true,
        ..SearchOptions::default()
    };
    // Warm up, then time every query 20 times.
    for q in &queries {
        searcher.search(q, &opts).unwrap();
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut per_query: Vec<Duration> = vec![Duration::ZERO; queries.len()];
    for _ in 0..20 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = searcher.search(q, &opts).unwrap();
            let e = t.elapsed();
            times.push(e);
            per_query[i] = per_query[i].max(e);
            std::hint::black_box(r);
        }
    }
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "query (20 hits, snippets, city counts): p50 {}  p99 {}  max {}  over {} runs",
        ms(pct(0.5)),
        ms(pct(0.99)),
        ms(*times.last().unwrap()),
        times.len()
    );
    for (i, q) in queries.iter().enumerate() {
        let r = searcher.search(q, &opts).unwrap();
        println!(
            "    {:<28} {:>7} hits  max {}",
            q,
            r.total,
            ms(per_query[i])
        );
    }
    let t = Instant::now();
    let rel = searcher.related(corpus.head(0).unwrap().id(), 5).unwrap();
    println!(
        "related (first, jieba loaded) {}  {} found",
        ms(t.elapsed()),
        rel.len()
    );
    let t = Instant::now();
    let _ = searcher
        .related(corpus.head(n / 2).unwrap().id(), 5)
        .unwrap();
    println!("related                  {}", ms(t.elapsed()));
    println!("peak rss (process)       {:.0} MiB", peak_rss_mib());
    println!("rss now (corpus + index open) {:.0} MiB", rss_mib());
}
