//! The page parser: pure functions from a page's bytes to a [`Page`] with its articles.
//! No I/O, no terminal. The pipeline:
//!
//! 1. [`decode`]: bytes → text (BOM, UTF-8, GB18030, CRLF, control characters made visible);
//! 2. [`lines`]: text → classified lines (lead, caption, credit, byline, text);
//! 3. [`segment`]: the page cut into article bodies (reflowed by [`reflow`]) and the heading
//!    runs between them, each heading line given to the article it belongs to;
//! 4. [`meta`]: reporters, correspondents, dateline, kicker / title / subtitle;
//! 5. [`union`]: the acting union body and its city, resolved through the gazetteer.

pub mod decode;
pub mod lines;
pub mod meta;
pub mod reflow;
pub mod segment;
pub mod union;

use crate::error::PageError;
use crate::model::{Article, Layout, Page};
use crate::places::{Gazetteer, PlaceHit};
use segment::Draft;
use union::Section;

/// Parses one page. `id` is the file stem, `source` the path (or `seed:<name>`).
///
/// # Errors
/// When the bytes are not a page: binary, empty, or undecodable text.
pub fn parse_page(id: &str, source: &str, bytes: &[u8]) -> Result<Page, PageError> {
    let decoded = decode::decode(source, bytes)?;
    let mut page = parse_text(id, source, &decoded.text);
    page.encoding = decoded.encoding.to_string();
    page.warnings = decoded.warnings;
    Ok(page)
}

/// Parses a page's decoded text (LF line ends, no control characters).
#[must_use]
pub fn parse_text(id: &str, source: &str, text: &str) -> Page {
    // Lines are classified in simplified script (本報訊 opens a lead like 本报讯) but keep the
    // text as printed: the fold keeps every offset, so each line is cut from the original.
    let folded = crate::text::script::simplified(text);
    let lines = as_printed(lines::classify(&folded), &folded, text);
    let layout = detect_layout(&lines);
    let seg = segment::segment(&lines);
    let articles = seg
        .drafts
        .iter()
        .enumerate()
        .map(|(i, d)| build_article(id, i, d))
        .collect();
    Page {
        id: id.to_string(),
        source: source.to_string(),
        layout,
        encoding: "UTF-8".to_string(),
        banners: seg.banners,
        unplaced: seg.unplaced,
        warnings: Vec::new(),
        articles,
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

fn detect_layout(lines: &[lines::Line<'_>]) -> Layout {
    if lines.iter().any(|l| l.markdown) {
        return Layout::Markdown;
    }
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == lines::Kind::Text || l.kind == lines::Kind::Lead)
        .map(|l| l.width)
        .collect();
    widths.sort_unstable();
    match widths.get(widths.len() * 3 / 4) {
        Some(&w) if w >= reflow::PARAGRAPH_LINE_WIDTH => Layout::Paragraphs,
        _ => Layout::Columns,
    }
}

fn shifted<'g>(h: &PlaceHit<'g>, by: usize) -> PlaceHit<'g> {
    PlaceHit {
        start: h.start + by,
        end: h.end + by,
        ..*h
    }
}

fn build_article(page_id: &str, index: usize, d: &Draft) -> Article {
    let g = Gazetteer::get();
    let lead = d.paragraphs.first().map_or("", String::as_str);
    // Reporters and correspondents are read in simplified script (記者 is 记者), and their
    // names come out in it, like the union body's.
    let people = meta::lead_people(&crate::text::script::simplified(lead));
    let report = lead.get(people.text_start..).unwrap_or("");
    // One text for the whole article: heading, body, captions. Each piece was scanned for
    // places already; no place name holds a line break, so the names of the whole text are
    // those of its pieces, shifted to where each piece stands.
    let mut hits = Vec::with_capacity(
        d.heading.iter().map(|u| u.hits.len()).sum::<usize>()
            + d.body_hits.len()
            + d.captions.iter().map(|c| c.hits.len()).sum::<usize>(),
    );
    let mut heading_text =
        String::with_capacity(d.heading.iter().map(|u| u.joined().len() + 1).sum());
    for (k, u) in d.heading.iter().enumerate() {
        if k > 0 {
            heading_text.push('\n');
        }
        hits.extend(u.hits.iter().map(|h| shifted(h, heading_text.len())));
        heading_text.push_str(u.joined());
    }
    let body_at = heading_text.len() + 1;
    hits.extend(d.body_hits.iter().map(|h| shifted(h, body_at)));
    let captions_at = body_at + d.body_text.len() + 1;
    let mut captions = String::with_capacity(d.captions.iter().map(|c| c.text.len() + 1).sum());
    for (k, c) in d.captions.iter().enumerate() {
        if k > 0 {
            captions.push('\n');
        }
        hits.extend(
            c.hits
                .iter()
                .map(|h| shifted(h, captions_at + captions.len())),
        );
        captions.push_str(&c.text);
    }
    let full = format!("{heading_text}\n{}\n{captions}", d.body_text);
    let lead_len = lead.len();
    let report_at = body_at + people.text_start.min(lead_len);
    let first_end = report_at
        + report
            .find(['。', '！', '？'])
            .map_or(report.len(), |i| i + '。'.len_utf8());
    let sections = [
        Section {
            range: 0..heading_text.len(),
            weight: 3.0,
            short_forms: true,
        },
        Section {
            range: report_at..first_end,
            weight: 3.0,
            short_forms: false,
        },
        Section {
            range: first_end..body_at + lead_len,
            weight: 1.5,
            short_forms: false,
        },
        Section {
            range: body_at + lead_len..captions_at - 1,
            weight: 0.5,
            short_forms: false,
        },
        Section {
            range: captions_at..full.len(),
            weight: 0.5,
            short_forms: false,
        },
    ];
    let attributions: Vec<&str> = d
        .byline
        .iter()
        .chain(people.correspondents.iter())
        .map(String::as_str)
        .collect();
    let resolved = union::resolve(&full, &hits, &sections, &attributions);
    let city = resolved.city.map(|c| g.cities[c].name.clone());
    let cities_mentioned = resolved
        .cities
        .iter()
        .filter(|c| Some(**c) != resolved.city)
        .map(|c| g.cities[*c].name.clone())
        .collect();
    let parts = meta::title_parts(&d.heading, report);
    Article {
        id: format!("{page_id}-{:02}", index + 1),
        page: page_id.to_string(),
        heading: d
            .heading
            .iter()
            .flat_map(|u| u.lines.iter().cloned())
            .collect(),
        kicker: parts.kicker,
        title: parts.title,
        subtitle: parts.subtitle,
        city,
        county: resolved.county,
        union: resolved.union.map(|u| u.name),
        cities_mentioned,
        reporters: people.reporters,
        correspondents: people.correspondents,
        byline: d.byline.clone(),
        date: meta::dateline(report),
        paragraphs: d.paragraphs.clone(),
        captions: d.captions.iter().map(|c| c.text.clone()).collect(),
        caption_credits: d.captions.iter().map(|c| c.credit.clone()).collect(),
        line: d.no,
    }
}
