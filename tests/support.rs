//! What several test modules share: the fixed proptest cases, the expected-parse
//! comparison, the fuzz targets' checks, the judged query set, the nothing-lost check,
//! the screen as a TestBackend draws it, the real binary in tmux, what names a hit of
//! `search --format json`, and the text search finds an article by.

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

/// All the text of an article that search finds it by (heading, body, captions, reporters,
/// correspondents), one part a line: what a word found must occur in.
pub fn searchable_text(a: &gongbao::model::Article) -> String {
    [
        a.heading.join("\n"),
        a.paragraphs.join("\n"),
        a.captions.join("\n"),
        a.reporters.join("\n"),
        a.correspondents.join("\n"),
    ]
    .join("\n")
}
