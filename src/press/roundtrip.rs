//! Round trips through the press: a page's articles printed, parsed back and compared field
//! by field (the JSON export), the readings a page cannot tell apart taken into account: two
//! paragraphs printed as one would be, and a banner printed once beside a heading.

use super::{print_page, Press};
use crate::model::Article;

/// The fields of the JSON export in which a parsed article differs from the original, the
/// original's `line` taken to be where the printer put its lead.
#[must_use]
pub fn differences(original: &Article, lead_line: usize, parsed: &Article) -> Vec<String> {
    let mut want = original.clone();
    want.line = lead_line;
    let (Ok(serde_json::Value::Object(w)), Ok(serde_json::Value::Object(g))) =
        (serde_json::to_value(&want), serde_json::to_value(parsed))
    else {
        return vec!["(not an object)".to_string()];
    };
    let mut out: Vec<String> = w
        .iter()
        .filter(|(k, v)| g.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(g.keys().filter(|k| !w.contains_key(*k)).cloned());
    out
}

/// An article with the paragraphs `k` and `k + 1` joined for each `k` of `joins`: how it
/// reads where the press printed those two as one paragraph would be printed.
#[must_use]
pub fn joined(a: &Article, joins: &[usize]) -> Article {
    let mut out = a.clone();
    out.paragraphs.clear();
    for (k, p) in a.paragraphs.iter().enumerate() {
        match out.paragraphs.last_mut() {
            Some(last) if k > 0 && joins.contains(&(k - 1)) => last.push_str(p),
            _ => out.paragraphs.push(p.clone()),
        }
    }
    out
}

/// An article with paragraph `k` running on to byte `at` of paragraph `k + 1`, which keeps
/// the rest: how it reads where the press printed the boundary moved by a sentence
/// ([`super::Printed::moved_boundary`]).
#[must_use]
pub fn moved_reading(a: &Article, k: usize, at: usize) -> Article {
    let mut out = a.clone();
    if let Some(next) = a.paragraphs.get(k + 1) {
        if let (Some(head), Some(tail)) = (next.get(..at), next.get(at..)) {
            out.paragraphs[k].push_str(head);
            out.paragraphs[k + 1] = tail.to_string();
        }
    }
    out
}

/// The fields of the JSON export that an article's heading lines decide.
const HEADING_FIELDS: [&str; 4] = ["heading", "title", "subtitle", "kicker"];

/// Whether `parsed` is `original` read with a page banner printed once beside its heading as
/// one of its lines: `above` ([`super::Printed::banner_above`]) as its first, `below`
/// ([`super::Printed::banner_below`]) as its last. Nothing but what the heading decides
/// differs.
#[must_use]
pub fn banner_in_heading(
    original: &Article,
    above: Option<&str>,
    below: Option<&str>,
    differences: &[String],
    parsed: &Article,
) -> bool {
    let h = &parsed.heading;
    let first =
        above.is_some_and(|b| h.first().is_some_and(|f| f == b) && h[1..] == original.heading[..]);
    let last = below.is_some_and(|b| {
        h.last().is_some_and(|l| l == b) && h[..h.len() - 1] == original.heading[..]
    });
    (first || last)
        && differences
            .iter()
            .all(|d| HEADING_FIELDS.contains(&d.as_str()))
}

/// One printed page parsed back: how many of its articles came back exact, and for the
/// others which fields differ. An article printed exactly as if two of its paragraphs were
/// one ([`super::Printed::one_paragraph`]) and read back so (and exact otherwise) is
/// counted in `one_paragraph`, and neither in `exact` nor in `total`: the page cannot tell.
/// So is one read with a banner beside its heading as one of the heading's lines
/// (`banner_kicker`).
#[derive(Debug, Clone, Default)]
pub struct RoundTrip {
    pub exact: usize,
    /// The articles judged: those of the page less the `one_paragraph` ones.
    pub total: usize,
    /// The articles read back as the one-paragraph reading of their print.
    pub one_paragraph: usize,
    /// The articles read back with a page banner printed once right beside their heading as
    /// one of its lines ([`banner_in_heading`]); neither in `exact` nor in `total` either.
    pub banner_kicker: usize,
    /// For each article not read back exactly: its index and the fields that differ (or
    /// `missing` when the parsed page has no article at its index).
    pub misses: Vec<(usize, Vec<String>)>,
    pub printed: String,
}

/// Prints a page's articles with `press`, parses the page back (as page `page_id`) and
/// compares article by article.
#[must_use]
pub fn round_trip(page_id: &str, articles: &[Article], press: &Press) -> RoundTrip {
    let printed = print_page(articles, press);
    let page = crate::parse::parse_text(page_id, page_id, &printed.text);
    let mut out = RoundTrip {
        total: articles.len(),
        ..RoundTrip::default()
    };
    for (k, a) in articles.iter().enumerate() {
        let line = printed.leads.get(k).copied().unwrap_or(0);
        let joins = printed.one_paragraph.get(k).map_or(&[][..], Vec::as_slice);
        let moves = printed.moved_boundary.get(k).map_or(&[][..], Vec::as_slice);
        match page.articles.get(k) {
            Some(p) => {
                let d = differences(a, line, p);
                if d.is_empty() {
                    out.exact += 1;
                } else if (!joins.is_empty() && differences(&joined(a, joins), line, p).is_empty())
                    || moves
                        .iter()
                        .any(|&(m, at)| differences(&moved_reading(a, m, at), line, p).is_empty())
                {
                    out.one_paragraph += 1;
                    out.total -= 1;
                } else if banner_in_heading(
                    a,
                    printed.banner_above.get(k).and_then(Option::as_deref),
                    printed.banner_below.get(k).and_then(Option::as_deref),
                    &d,
                    p,
                ) {
                    out.banner_kicker += 1;
                    out.total -= 1;
                } else {
                    out.misses.push((k, d));
                }
            }
            None => out.misses.push((k, vec!["missing".to_string()])),
        }
    }
    if page.articles.len() > articles.len() {
        out.misses.push((articles.len(), vec!["extra".to_string()]));
    }
    out.printed = printed.text;
    out
}
