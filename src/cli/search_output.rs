//! `gongbao search`'s output: the article hits best first, then the pages whose banners or
//! unplaced text hold the query, as text, Markdown or JSON. Page text reaches the terminal
//! sanitised.

use super::CommandError;
use crate::render::{self, Format};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
struct JsonHit<'a> {
    /// `article`.
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    city: Option<&'a str>,
    union: Option<&'a str>,
    score: f32,
    /// `2024-12-09`, `12-09` when the year is unknown, or null.
    date: Option<String>,
    snippet: &'a str,
}

/// A page whose banners or unplaced text hold the query, in `search --format json`.
#[derive(Serialize)]
struct JsonPageHit<'a> {
    /// `page`.
    kind: &'static str,
    page: &'a str,
    /// `banner` or `unplaced`.
    line: &'static str,
    snippet: &'a str,
}

/// What a page-level line is, as `search` prints it.
fn leftover_name(kind: crate::model::Leftover, json: bool) -> &'static str {
    use crate::model::Leftover;
    match (kind, json) {
        (Leftover::Banner, true) => "banner",
        (Leftover::Unplaced, true) => "unplaced",
        (Leftover::Banner, false) => "版头",
        (Leftover::Unplaced, false) => "未归入文章的文字",
    }
}

/// `gongbao search`: article hits best first, then the pages whose banners or unplaced text
/// hold the query; as text (hits marked with `【】`, or in bold yellow when `color`), as
/// Markdown (numbered lists, hits in bold) or as a JSON list of `{kind: "article", id, title,
/// city, union, score, date, snippet}` followed by `{kind: "page", page, line, snippet}`.
///
/// # Errors
/// Only if serialization fails.
pub fn search_output(
    results: &crate::search::SearchResults,
    pages: &[crate::search::pagetext::PageHit],
    format: Format,
    color: bool,
) -> Result<String, CommandError> {
    let md = format == Format::Md;
    Ok(match format {
        Format::Json => {
            let articles = results.hits.iter().map(|h| {
                serde_json::to_value(JsonHit {
                    kind: "article",
                    id: &h.id,
                    title: &h.title,
                    city: h.city.as_deref(),
                    union: h.union.as_deref(),
                    score: h.score,
                    date: crate::search::searcher::date_text(h.date),
                    snippet: &h.snippet.text,
                })
            });
            let pages = pages.iter().map(|p| {
                serde_json::to_value(JsonPageHit {
                    kind: "page",
                    page: &p.page_id,
                    line: leftover_name(p.kind, true),
                    snippet: &p.snippet.text,
                })
            });
            let hits = articles.chain(pages).collect::<Result<Vec<_>, _>>()?;
            render::json(&hits)?
        }
        Format::Txt | Format::Md => {
            // Page text reaches the terminal sanitised, piece by piece (the snippet's
            // pieces in `marked`), so that the colours stay.
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{}{} 篇相符{}",
                if md { "# " } else { "" },
                results.total,
                if results.total > results.hits.len() {
                    format!("，列出前 {} 篇", results.hits.len())
                } else if results.total == 0 {
                    results
                        .parsed
                        .empty_date_note()
                        .map_or_else(String::new, |note| format!("（{note}）"))
                } else {
                    String::new()
                }
            );
            let (open, close) = if md {
                ("**", "**")
            } else if color {
                ("\x1b[1;33m", "\x1b[0m")
            } else {
                ("【", "】")
            };
            if md {
                out.push('\n');
            }
            for (i, h) in results.hits.iter().enumerate() {
                let date = crate::search::searcher::date_text(h.date);
                let place = [h.city.as_deref(), h.union.as_deref(), date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let line = if md {
                    format!("**{}** {}  `{}`", h.title, place, h.id)
                } else {
                    format!("{}  {}  [{}]", h.title, place, h.id)
                };
                let _ = writeln!(
                    out,
                    "{:>2}. {}  {:.2}",
                    i + 1,
                    crate::text::sanitize_text(&line),
                    h.score
                );
                if !h.snippet.text.is_empty() {
                    let quote = if md { "    > " } else { "    " };
                    let _ = writeln!(out, "{quote}{}", h.snippet.marked(open, close));
                }
            }
            if !pages.is_empty() {
                let _ = writeln!(
                    out,
                    "{}{} 个版面的版头或未归入文章的文字相符",
                    match (md, results.hits.is_empty()) {
                        (true, true) => "## ",
                        (true, false) => "\n## ",
                        (false, _) => "\n",
                    },
                    pages.len()
                );
                if md {
                    out.push('\n');
                }
                for (i, p) in pages.iter().enumerate() {
                    let what = leftover_name(p.kind, false);
                    let id = crate::text::sanitize_text(&p.page_id);
                    let line = if md {
                        format!("版面 `{id}` · {what}")
                    } else {
                        format!("版面 {id} · {what}")
                    };
                    let _ = writeln!(out, "{:>2}. {line}", i + 1);
                    let quote = if md { "    > " } else { "    " };
                    let _ = writeln!(out, "{quote}{}", p.snippet.marked(open, close));
                }
            }
            out
        }
    })
}
