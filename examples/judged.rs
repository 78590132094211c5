//! Prints how search does on the judged query set (seeds and fixture pages): top-1 accuracy,
//! mean reciprocal rank, exact recall, per kind of query, and every query that fails.
//! `cargo run --example judged` (the README's figures; `tests/judged.rs` requires them all).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/judged.rs"]
mod judged;

fn main() {
    let corpus = judged::corpus();
    let searcher =
        gongbao::search::index::build(&corpus, None, 0, &gongbao::search::Progress::default())
            .unwrap();
    let m = judged::evaluate(&searcher, &judged::load());
    println!(
        "{} queries: top-1 {}/{} = {:.3}, MRR {:.3}; exact recall {}/{}",
        m.queries,
        m.top1,
        m.queries,
        m.top1_accuracy(),
        m.mrr(),
        m.exact,
        m.recall_queries
    );
    for (kind, n, top1) in &m.by_kind {
        println!("  {kind:<13} {top1}/{n} first");
    }
    for f in &m.failures {
        println!("  FAIL {f}");
    }
}
