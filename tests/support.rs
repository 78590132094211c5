//! What several test modules share: the fixed proptest cases, the expected-parse
//! comparison, the fuzz targets' checks, the judged query set, the nothing-lost check,
//! the screen as a TestBackend draws it, the real binary in tmux, and what names a hit of
//! `search --format json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod cases;
pub mod expected;
pub mod fuzz_checks;
pub mod judged;
pub mod nothing_lost;
pub mod screen;
pub mod tmux;

/// What names a hit of `gongbao search --format json`: an article's id, or `page:` and the
/// page's id for a page-level hit (a banner or unplaced line).
pub fn hit_key(hit: &serde_json::Value) -> String {
    if hit["kind"] == "page" {
        format!("page:{}", hit["page"].as_str().unwrap())
    } else {
        hit["id"].as_str().unwrap().to_string()
    }
}
