//! An article written out for people and programs: as plain text or Markdown (`show`,
//! `export`, the pager), as JSON, its meta line (city · union body · date · reporters ·
//! correspondents · page) and its citation line (南方工报 · date · page · title), with
//! Markdown followed by the citation for the clipboard (`y`) and `show --format md`.
//!
//! The one place an article becomes text outside the reader's own typesetting: the command
//! line, the clipboard and pager, and the reader's meta line all use it. Pure string
//! building: it knows neither the command line nor the terminal.

use crate::model::{Article, Page};
use serde::Serialize;
use std::fmt::Write as _;

/// The newspaper's name, first in every citation.
pub const PAPER: &str = "南方工报";

/// How an article is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Md,
    Txt,
}

/// Pretty JSON ending in a newline (`export`, `show`, `search --format json`).
///
/// # Errors
/// Only if serialization fails.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// The meta line: city · union body · date · reporters · correspondents · `page`, where
/// `page` names the page as the caller shows it (`版面 <id>`, or the reader's `版面 3`).
#[must_use]
pub fn meta_line(a: &Article, page: &str) -> String {
    let mut parts = a.meta_parts();
    parts.push(page.to_string());
    parts.join(META_SEPARATOR)
}

/// What stands between the parts of a meta line.
pub const META_SEPARATOR: &str = " · ";

/// The page as the meta line names it: its edition's date and page (`2025年5月30日 第4版
/// 工会`), or `版面 000` for a page without an edition; `版面 <page id>` without the page.
#[must_use]
pub fn page_label(a: &Article, page: Option<&Page>) -> String {
    page.map_or_else(|| format!("版面 {}", a.page), Page::dated_name)
}

/// One article as plain text or Markdown ([`Format::Json`] writes Markdown: use [`json`]);
/// `page` is the page it is printed on.
#[must_use]
pub fn article(a: &Article, page: Option<&Page>, format: Format) -> String {
    let mut out = String::new();
    let md = format == Format::Md;
    if let Some(k) = &a.kicker {
        let _ = writeln!(out, "{}{k}", if md { "*" } else { "" });
        if md {
            out.pop();
            out.push_str("*\n");
        }
    }
    let _ = writeln!(out, "{}{}", if md { "## " } else { "" }, a.title);
    if let Some(s) = &a.subtitle {
        let _ = writeln!(out, "{}{s}", if md { "### " } else { "" });
    }
    let _ = writeln!(
        out,
        "{}[{}] {}",
        if md { "\n" } else { "" },
        a.id,
        meta_line(a, &page_label(a, page))
    );
    out.push('\n');
    for p in &a.paragraphs {
        let _ = writeln!(out, "{}{p}", if md { "" } else { "　　" });
        if md {
            out.push('\n');
        }
    }
    for c in a.caption_list() {
        let credit = c.credit.map(|c| format!(" （{c}）")).unwrap_or_default();
        let _ = writeln!(out, "{}■ {}{credit}", if md { "> " } else { "" }, c.text);
    }
    if let Some(b) = &a.byline {
        let _ = writeln!(out, "（{b}）");
    }
    out
}

/// The citation line: `南方工报 · 2025年5月30日 · 第4版 · title`: the edition's date and page
/// number where the page has them, else the date as the lead gives it (with the year where
/// it is known; left out where there is none) and the page by its name (`版面 000`).
#[must_use]
pub fn citation(a: &Article, page: Option<&Page>) -> String {
    let mut parts = vec![PAPER.to_string()];
    let edition_date = page.and_then(|p| p.edition.as_ref()).and_then(|e| e.date);
    if let Some(d) = edition_date {
        parts.push(d.chinese());
    } else if let Some(d) = &a.date {
        parts.push(match d.year {
            Some(y) => format!("{y}年{}月{}日", d.month, d.day),
            None => format!("{}月{}日", d.month, d.day),
        });
    }
    parts.push(page.map_or_else(|| format!("版面 {}", a.page), Page::cited_name));
    parts.push(a.display_title());
    parts.join(" · ")
}

/// The article as Markdown followed by its citation line (`show --format md`, `y`, `o`).
#[must_use]
pub fn markdown_with_citation(a: &Article, page: Option<&Page>) -> String {
    let mut out = article(a, page, Format::Md);
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str("> ");
    out.push_str(&citation(a, page));
    out.push('\n');
    out
}
