//! What the reader's start costs on a library whose model is cached, phase by phase: listing
//! and stat-ing the page files, reading the parsed-model cache (the articles' heads),
//! reading one article's body, building the App, drawing the first frame (into a
//! TestBackend).
//! `GONGBAO_CACHE_DIR=... cargo run --release --example start_time -- DIR`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

fn main() {
    let dir: std::path::PathBuf = std::env::args()
        .nth(1)
        .expect("usage: start_time DIR")
        .into();
    let paths = gongbao::paths::Paths::from_env().unwrap();
    println!(
        "size of an Article {} B, a Page {} B",
        std::mem::size_of::<gongbao::model::Article>(),
        std::mem::size_of::<gongbao::model::Page>()
    );
    let t = Instant::now();
    let lib = gongbao::load::PageSet::locate(std::slice::from_ref(&dir), &paths);
    println!(
        "locate (list + stat {} files)  {:?}",
        lib.files.len(),
        t.elapsed()
    );
    // The reader's work starts here: load_corpus_cached locates the files itself (the step
    // above only shows what that part costs).
    let start = Instant::now();
    let t = Instant::now();
    let l = gongbao::load::load_corpus_cached(std::slice::from_ref(&dir), &paths);
    println!(
        "load_corpus_cached (from cache: {})  {:?}  {} articles",
        l.from_cache,
        t.elapsed(),
        l.corpus.len()
    );
    println!("  rss with the heads  {:.0} MiB", rss_mib());
    let t = Instant::now();
    let mid = l.corpus.len() / 2;
    let body = l.corpus.whole(mid).map_or(0, |a| a.body_text().len());
    println!(
        "open one article's body (bodies kept in the cache: {})  {:?}  {body} bytes",
        l.corpus.bodies_elsewhere(),
        t.elapsed()
    );
    let t = Instant::now();
    let app = gongbao::tui::app::App::new(l.corpus, Vec::new(), (120, 40));
    println!("App::new  {:?}", t.elapsed());
    println!("  rss with the App  {:.0} MiB", rss_mib());
    let t = Instant::now();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    term.draw(|f| gongbao::tui::ui::draw(&app, f)).unwrap();
    println!("first frame  {:?}", t.elapsed());
    println!(
        "total (locate once, model, body, App, frame)  {:?}",
        start.elapsed()
    );
    println!("rss at the first frame  {:.0} MiB", rss_mib());
    let t = Instant::now();
    drop(app);
    println!("drop  {:?}", t.elapsed());
}

/// The process's resident memory now, in MiB.
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}
