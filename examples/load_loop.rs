//! Loads a folder of page files (as `cargo bench --bench parse -- load` does), for profiling.
//! `load_loop DIR [N]`: with an empty DIR, first writes the benchmark's 10,000 files into it.
#![allow(clippy::unwrap_used)]
use gongbao::load::{load_corpus, SEEDS};
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "pages".into()));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    std::fs::create_dir_all(&dir).unwrap();
    if std::fs::read_dir(&dir).unwrap().next().is_none() {
        for i in 0..10_000 {
            let (name, bytes) = SEEDS[i % SEEDS.len()];
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            text.push_str(&format!("\n（第{i}版）\n"));
            std::fs::write(dir.join(format!("{i:05}_{name}")), text).unwrap();
        }
    }
    for _ in 0..n {
        let t = std::time::Instant::now();
        let (files, _) = gongbao::load::expand_paths(std::slice::from_ref(&dir));
        let listed = t.elapsed();
        let t = std::time::Instant::now();
        let (corpus, errors) = load_corpus(std::slice::from_ref(&dir));
        let loaded = t.elapsed();
        let articles = corpus.len();
        let t = std::time::Instant::now();
        drop(corpus);
        println!(
            "{} files listed in {listed:?}; {articles} articles, {} errors in {loaded:?}; dropped in {:?}",
            files.len(),
            errors.len(),
            t.elapsed()
        );
    }
}
