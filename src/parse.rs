//! The page parser: pure functions from a page's bytes to a [`Page`] with its articles.
//! No I/O, no terminal. The pipeline:
//!
//! 1. [`decode`]: bytes → text (BOM, UTF-8, GB18030, CRLF, control characters made visible);
//! 2. [`lines`]: text → classified lines (lead, caption, credit, byline, text);
//! 3. [`segment`]: the page cut into article bodies (reflowed by [`reflow`]) and the heading
//!    runs between them;
//! 4. [`attach`]: each heading line, caption and loose line given to the article it belongs
//!    to, or to the page's banners or unplaced text;
//! 5. [`article`]: each draft made an [`Article`](crate::model::Article), with [`meta`]
//!    (reporters, correspondents, dateline, kicker / title / subtitle) and [`union`] (the
//!    acting union body and its city, resolved through the gazetteer);
//! 6. [`edition`]: the page's edition (date, page number, section) from its masthead or
//!    file name, and the year of its articles' dates.

pub mod article;
pub mod attach;
pub mod decode;
pub mod edition;
pub mod lines;
pub mod meta;
pub mod reflow;
pub mod segment;
pub mod union;

use crate::error::PageError;
use crate::model::{Layout, Page};

/// Parses one page. `id` is the file stem, `source` the path (or `seed:<name>`).
///
/// # Errors
/// When the bytes are not a page: binary, empty, or undecodable text.
pub fn parse_page(id: &str, source: &str, bytes: &[u8]) -> Result<Page, PageError> {
    let decoded = decode::decode(source, bytes)?;
    let mut page = parse_text(id, source, &decoded.text);
    page.encoding = decoded.encoding.to_string();
    page.warnings = decoded.warnings;
    page.content = crate::hash::fnv64(&[bytes]);
    edition::stamp(&mut page);
    Ok(page)
}

/// Parses a page's decoded text (LF line ends, no control characters).
#[must_use]
pub fn parse_text(id: &str, source: &str, text: &str) -> Page {
    // Lines are classified in simplified script (本報訊 opens a lead like 本报讯) but keep the
    // text as printed: the fold keeps every offset, so each line is cut from the original.
    // A page with no character t2s may change (nearly every page) is its own fold, and so is
    // every text made of its lines: the cut is told, and nothing is folded again.
    let plain = !crate::text::script::has_traditional(text);
    let folded = if plain {
        std::borrow::Cow::Borrowed(text)
    } else {
        crate::text::script::simplified(text)
    };
    let lines = as_printed(lines::classify(&folded), &folded, text);
    let layout = detect_layout(&lines);
    let seg = attach::attach(segment::cut_plain(&lines, plain));
    let articles = article::build_articles(id, &seg.drafts);
    Page {
        id: id.to_string(),
        source: source.to_string(),
        layout,
        encoding: "UTF-8".to_string(),
        banners: seg.banners.into(),
        unplaced: seg.unplaced.into(),
        warnings: Vec::new(),
        edition: None,
        articles,
        content: 0,
    }
}

/// Lines classified in `folded` (the same bytes as `text` but for the script), with their
/// text cut from `text` as printed.
fn as_printed<'t>(
    lines: Vec<lines::Line<'_>>,
    folded: &str,
    text: &'t str,
) -> Vec<lines::Line<'t>> {
    lines
        .into_iter()
        .map(|l| {
            let at = (l.text.as_ptr() as usize).saturating_sub(folded.as_ptr() as usize);
            lines::Line {
                text: text.get(at..at + l.text.len()).unwrap_or_default(),
                ..l
            }
        })
        .collect()
}

/// The page's layout: markdown when a line is a markdown heading; paragraphs when most of
/// the text is in paragraph-long lines of all widths; otherwise columns. A wide column (30
/// characters, 60 cells and more) is as long as a paragraph line, but its inner lines are of
/// one width, as [`reflow::column_width`] tells them too.
fn detect_layout(lines: &[lines::Line<'_>]) -> Layout {
    if lines.iter().any(|l| l.markdown) {
        return Layout::Markdown;
    }
    let text: Vec<&lines::Line<'_>> = lines
        .iter()
        .filter(|l| l.kind == lines::Kind::Text || l.kind == lines::Kind::Lead)
        .collect();
    let mut widths: Vec<usize> = text.iter().map(|l| l.width).collect();
    widths.sort_unstable();
    match widths.get(widths.len() * 3 / 4) {
        Some(&w) if w >= reflow::PARAGRAPH_LINE_WIDTH && !reflow::column_of_even_lines(&text) => {
            Layout::Paragraphs
        }
        _ => Layout::Columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::press::{print_page, Press};

    #[test]
    fn a_page_of_wide_columns_is_columns_and_a_page_of_paragraphs_is_not() {
        for (name, bytes) in crate::load::SEEDS {
            let Ok(page) = parse_page(name, name, bytes) else {
                panic!("{name} parses");
            };
            for width in 10..=34 {
                let printed = print_page(&page.articles, &Press::columns(width));
                let back = parse_text(name, "printed", &printed.text);
                assert_eq!(back.layout, Layout::Columns, "{name} width {width}");
            }
            let paragraphs = Press {
                layout: Layout::Paragraphs,
                ..Press::columns(16)
            };
            let text = print_page(&page.articles, &paragraphs).text;
            assert_eq!(
                parse_text(name, "printed", &text).layout,
                Layout::Paragraphs,
                "{name}"
            );
        }
    }
}
