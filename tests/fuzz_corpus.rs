#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The kept fuzz corpus, replayed on stable: every input in `fuzz/regressions/TARGET/` (the
//! interesting inputs the fuzz targets found, minimised) goes through the same check as in
//! its fuzz target (`tests/support`), so what a fuzz run once found stays fixed without
//! nightly or libFuzzer.

use std::path::{Path, PathBuf};

use crate::support::fuzz_checks;
use crate::support::nothing_lost;

fn kept(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no kept inputs in {}", dir.display());
    out
}

fn replay(target: &str, check: impl Fn(&[u8]) -> Result<(), String>) {
    let errors: Vec<String> = kept(target)
        .iter()
        .filter_map(|(p, b)| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(b))) {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("{name}: {e}")),
                Err(_) => Some(format!("{name}: panicked")),
            }
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn kept_pages_parse_without_panic_and_lose_nothing() {
    replay("parse_page", |b| {
        nothing_lost::check_nothing_lost("kept.txt", b)
    });
}

#[test]
fn kept_configs_parse_without_panic_with_lines_inside_the_file() {
    replay("config", fuzz_checks::check_config);
}

#[test]
fn kept_queries_search_without_panic() {
    replay("query", fuzz_checks::check_query);
}

/// What the query fuzz target found (`fuzz/findings/`): queries with an excluded phrase whose
/// characters stand apart (`… -职\0\0\0\0工`) tripped a `debug_assert!` in tantivy 0.27's
/// `PhraseScorer::seek_danger` (a target below the scorer's current, terminated document,
/// asked by `Exclude`). Exclusions now go through `search::exclusion::Plain`, which keeps
/// scorers out of that path: every finding searches without a panic in a debug build.
#[test]
fn found_queries_search_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/findings/query");
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        fuzz_checks::check_query(&bytes).unwrap();
    }
}
