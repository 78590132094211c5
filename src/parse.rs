//! The page parser: pure functions from a page's bytes to a [`Page`] with its articles.
//! No I/O, no terminal. The pipeline:
//!
//! 1. [`decode`]: bytes → text (BOM, UTF-8, GB18030, CRLF, control characters made visible);
//! 2. [`lines`]: text → classified lines (lead, caption, byline, heading or body);
//! 3. [`reflow`]: body lines → paragraphs (column breaks mended, letter-spacing removed);
//! 4. [`segment`]: the page cut into articles, heading runs given to the article they belong to;
//! 5. [`meta`]: reporters, correspondents, dateline and byline read from each article;
//! 6. [`union`]: the acting union body and its city, resolved through the gazetteer.

pub mod decode;

use crate::error::PageError;
use crate::model::{Layout, Page};

/// Parses one page. `id` is the file stem, `source` the path (or `seed:<name>`).
///
/// # Errors
/// When the bytes are not a page: binary, empty, or undecodable text.
pub fn parse_page(id: &str, source: &str, bytes: &[u8]) -> Result<Page, PageError> {
    let decoded = decode::decode(source, bytes)?;
    Ok(Page {
        id: id.to_string(),
        source: source.to_string(),
        layout: Layout::Columns,
        encoding: decoded.encoding.to_string(),
        banners: Vec::new(),
        unplaced: decoded
            .text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        warnings: decoded.warnings,
        articles: Vec::new(),
    })
}
