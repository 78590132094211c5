//! What an index update needs of a set of pages, and no more: each page's id, a key of its
//! content, how many articles it has, and a page's whole articles and page-level text
//! ([`PageText`]: its banners and unplaced lines) on demand. A [`Corpus`]
//! is one such set; the loader gives another that decodes nothing but the pages an update
//! touches (so adding one page to a big library does not read every page's head).

use super::{Article, Corpus, Page};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a line of a page that no article holds is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Leftover {
    /// A page banner (printed across the page, belonging to no article).
    Banner,
    /// Text the parser could not give to any article.
    Unplaced,
}

/// A page's text that no article holds (its banners, then its unplaced lines), with the
/// page's edition date as yyyymmdd (0 when it has none): what page-level search reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageText {
    pub date: u64,
    pub lines: Vec<(Leftover, String)>,
}

impl PageText {
    /// The banners and unplaced lines of `page`.
    #[must_use]
    pub fn of(page: &Page) -> PageText {
        let lines = leftover_lines(page)
            .map(|(kind, line)| (kind, line.to_string()))
            .collect();
        let date = page
            .edition
            .as_ref()
            .and_then(|e| e.date)
            .and_then(|d| {
                let y = u64::try_from(d.year).ok()?;
                Some(y * 10_000 + u64::from(d.month) * 100 + u64::from(d.day))
            })
            .unwrap_or(0);
        PageText { date, lines }
    }

    /// Whether the page has no such line.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The lines of `page` that no article holds, in the one order every view and search gives
/// them: its banners, then its unplaced lines.
pub fn leftover_lines(page: &Page) -> impl Iterator<Item = (Leftover, &str)> {
    page.banners
        .iter()
        .map(|b| (Leftover::Banner, b))
        .chain(page.unplaced.iter().map(|u| (Leftover::Unplaced, u)))
}

/// A page as an index update reads it: its source (file path, or `seed:<name>`), its
/// articles with their bodies, and its page-level text.
#[derive(Debug)]
pub struct WholePage<'a> {
    pub source: Cow<'a, str>,
    pub articles: Cow<'a, [Article]>,
    pub text: PageText,
}

/// A set of pages as a search index update sees it, in corpus order.
pub trait IndexablePages: Send + Sync {
    /// How many pages.
    fn page_count(&self) -> usize;
    /// The id and content key of page `i` (an index below [`IndexablePages::page_count`]).
    fn page_key(&self, i: usize) -> Option<(&str, u64)>;
    /// How many articles page `i` has.
    fn page_article_count(&self, i: usize) -> usize;
    /// How many articles all the pages have.
    fn article_count(&self) -> usize;
    /// Page `i` whole ([`WholePage`]); read (or parsed) when asked for where it is not in
    /// memory.
    fn read_whole(&self, i: usize) -> WholePage<'_>;
}

impl IndexablePages for Corpus {
    fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn page_key(&self, i: usize) -> Option<(&str, u64)> {
        self.pages.get(i).map(|p| (p.id.as_str(), p.content))
    }

    fn page_article_count(&self, i: usize) -> usize {
        self.page_articles(i).len()
    }

    fn article_count(&self) -> usize {
        self.len()
    }

    fn read_whole(&self, i: usize) -> WholePage<'_> {
        let page = self.pages.get(i);
        WholePage {
            source: page.map_or(Cow::Borrowed(""), |p| Cow::Borrowed(p.source.as_str())),
            articles: self.whole_page(i),
            text: page.map(PageText::of).unwrap_or_default(),
        }
    }
}
