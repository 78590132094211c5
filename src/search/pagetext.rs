//! Page-level search: the text of a page that no article holds (its banners and its unplaced
//! lines) found by a query, so that no word of a page is unsearchable. This text is a few
//! lines a page, so it is kept in memory, folded once, and scanned for the query's words
//! rather than put in the article index: a page-level hit is a page, not an article, and
//! has no city, union body or rank. Knows nothing of the reader that shows the hits.

use super::query::{self, ParsedQuery};
use super::snippet::{self, Snippet};
use super::tokenizer::fold;
use crate::model::{Corpus, PageText};

pub mod kept;

pub use crate::model::Leftover;

/// A page whose banners or unplaced text hold every word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHit {
    /// Index into the pages the [`Leftovers`] were made of (`Corpus::pages` for
    /// [`Leftovers::of`]).
    pub page: usize,
    pub page_id: String,
    /// What the line of the snippet is.
    pub kind: Leftover,
    /// The first line with a hit, whole, as the page holds it.
    pub line: String,
    /// That line around its hits, with the hits as byte ranges.
    pub snippet: Snippet,
}

/// One page's leftover lines, and all of them folded into one text for matching.
#[derive(Debug, Clone)]
struct PageLeftovers {
    page: usize,
    page_id: String,
    /// The page's edition date as yyyymmdd (0 when the page has none), for `date:`,
    /// `after:` and `before:`.
    date: u64,
    lines: Vec<(Leftover, String)>,
    folded: String,
}

impl PageLeftovers {
    fn new(page: usize, page_id: String, text: PageText) -> PageLeftovers {
        let folded = folded_text(&text);
        PageLeftovers {
            page,
            page_id,
            date: text.date,
            lines: text.lines,
            folded,
        }
    }
}

/// The banners and unplaced text of a corpus's pages (only the pages that have any).
#[derive(Debug, Clone, Default)]
pub struct Leftovers {
    pages: Vec<PageLeftovers>,
}

impl Leftovers {
    /// Collects the banners and unplaced lines of every page of `corpus`.
    #[must_use]
    pub fn of(corpus: &Corpus) -> Leftovers {
        let pages = corpus
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.banners.is_empty() || !p.unplaced.is_empty())
            .map(|(i, p)| PageLeftovers::new(i, p.id.clone(), PageText::of(p)))
            .collect();
        Leftovers { pages }
    }

    /// How many pages have banners or unplaced text.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The pages whose leftover text holds every word and phrase of the query `input` and
    /// none of its exclusions, in page order, at most `limit`. A query filtered by city or
    /// union body finds no page (page-level text has neither); `page:ID` keeps that page;
    /// `date:`, `after:` and `before:` keep the pages whose edition's date they take in (a
    /// page of no known edition date is left out, as an article of no date is).
    #[must_use]
    pub fn search(&self, input: &str, limit: usize) -> Vec<PageHit> {
        let q = query::parse(input);
        if !searchable(&q) {
            return Vec::new();
        }
        let needles = q.needles();
        let words = Words::of(&q);
        self.pages
            .iter()
            .filter(|p| {
                page_passes(&q, Some(&p.page_id), p.date) && words.in_text(p.folded.as_bytes())
            })
            .filter_map(|p| hit(p.page, &p.page_id, &p.lines, &needles))
            .take(limit)
            .collect()
    }
}

/// A page's leftover lines folded (as the index folds text) into one text, a line each.
#[must_use]
pub fn folded_text(text: &PageText) -> String {
    text.lines
        .iter()
        .map(|(_, l)| fold(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a query can find page-level text: it has words, and no city or union body
/// filter (page-level text has neither).
fn searchable(q: &ParsedQuery) -> bool {
    !(q.is_empty() || q.city.is_some() || q.union.is_some())
}

/// What a page's folded leftover text must hold and must not: the query's words and
/// phrases, and its exclusions, each searched for once made (a page-level search tries
/// every page with the same).
struct Words {
    all: Vec<memchr::memmem::Finder<'static>>,
    none: Vec<memchr::memmem::Finder<'static>>,
}

impl Words {
    fn of(q: &ParsedQuery) -> Words {
        let finders = |v: &mut dyn Iterator<Item = &String>| {
            v.map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect()
        };
        Words {
            all: finders(&mut q.words.iter().chain(&q.phrases)),
            none: finders(&mut q.excluded.iter()),
        }
    }

    /// Whether `folded` (valid UTF-8, so a byte match is a match of characters) holds all
    /// the words and none of the exclusions.
    fn in_text(&self, folded: &[u8]) -> bool {
        self.all.iter().all(|f| f.find(folded).is_some())
            && !self.none.iter().any(|f| f.find(folded).is_some())
    }
}

/// Whether the page `page_id` (`None`: not known yet, and not checked) of edition date
/// `date` (yyyymmdd, 0 for none) passes the query's `page:` and date filters.
fn page_passes(q: &ParsedQuery, page_id: Option<&str>, date: u64) -> bool {
    let dated = q.date_from.is_some() || q.date_to.is_some();
    page_id.is_none_or(|page_id| q.page.as_deref().is_none_or(|id| fold(page_id) == id))
        && (!dated
            || (date >= q.date_from.unwrap_or(0).max(10_000)
                && date <= q.date_to.unwrap_or(u64::MAX)))
}

/// The hit of a page that matched: its first line that holds a needle, with a snippet.
fn hit(
    page: usize,
    page_id: &str,
    lines: &[(Leftover, String)],
    needles: &[String],
) -> Option<PageHit> {
    let (kind, line) = lines
        .iter()
        .find(|(_, l)| !snippet::find(l, needles).is_empty())?;
    Some(PageHit {
        page,
        page_id: page_id.to_string(),
        kind: *kind,
        line: line.clone(),
        snippet: snippet::snippet(line, needles, 60),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;

    fn corpus() -> Corpus {
        let text = "南方工报 ＡＢＣ专刊\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会，吸引全区职工参加。\n\n惠城职工运动会开幕\n";
        Corpus::new(vec![parse_text("p1", "p1.txt", text)])
    }

    #[test]
    fn a_banner_word_finds_its_page() {
        let c = corpus();
        assert_eq!(c.pages[0].banners, ["南方工报 ＡＢＣ专刊"]);
        let l = Leftovers::of(&c);
        let hits = l.search("工报", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, Leftover::Banner);
        assert_eq!(hits[0].snippet.marked("[", "]"), "南方[工报] ＡＢＣ专刊");
        // Folded: full-width letters found by ASCII.
        assert_eq!(l.search("abc", 10).len(), 1);
        // Every word is required; an exclusion leaves the page out; a city filter too.
        assert!(l.search("工报 运动会", 10).is_empty());
        assert!(l.search("工报 -专刊", 10).is_empty());
        assert!(l.search("工报 city:惠州", 10).is_empty());
        assert_eq!(l.search("工报 page:p1", 10).len(), 1);
        assert!(l.search("工报 page:p2", 10).is_empty());
        // A page of no known edition date is left out by a date filter, as an article is.
        assert!(l.search("工报 date:2025", 10).is_empty());
    }

    #[test]
    fn a_date_filter_keeps_the_pages_of_its_editions() {
        let text = "南方工报 ＡＢＣ专刊\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会。\n";
        let page = crate::parse::parse_page("p", "2025-05-30_04.txt", text.as_bytes()).unwrap();
        let l = Leftovers::of(&Corpus::new(vec![page]));
        for (query, found) in [
            ("工报 date:2025-05", 1),
            ("工报 date:2025-05-30", 1),
            ("工报 after:2025-05-01", 1),
            ("工报 before:2025-05-29", 0),
            ("工报 date:2099", 0),
            ("工报 date:2025-06", 0),
        ] {
            assert_eq!(l.search(query, 10).len(), found, "{query}");
        }
    }
}
