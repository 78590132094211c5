//! Runs queries over a library's already-built index many times, for profiling:
//! `GONGBAO_CACHE_DIR=... cargo run --release --example query_loop -- DIR RUNS QUERY...`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir: std::path::PathBuf = args
        .next()
        .expect("usage: query_loop DIR RUNS QUERY...")
        .into();
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(100);
    let queries: Vec<String> = args.collect();
    let paths = gongbao::paths::Paths::from_env().unwrap();
    let lib = gongbao::load::PageSet::locate(std::slice::from_ref(&dir), &paths);
    let searcher = gongbao::search::open_current(&gongbao::search::index_spec(&lib))
        .unwrap()
        .expect("no current index: run `gongbao --pages DIR search x` first");
    // As the reader searches: 20 hits with snippets, and the hits per city for the sidebar.
    let opts = gongbao::search::SearchOptions {
        limit: 20,
        count_cities: true,
        ..gongbao::search::SearchOptions::default()
    };
    for q in &queries {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = searcher.search(q, &opts).unwrap();
                std::hint::black_box(r.total);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{q:<24} p50 {:.2} ms  p99 {:.2} ms",
            times[runs / 2],
            times[(runs * 99 / 100).min(runs - 1)]
        );
    }
}
