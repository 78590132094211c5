//! The in-memory model: a [`Corpus`] of parsed [`Page`]s and their [`Article`]s, with the
//! city → union body → article tree the sidebar shows and the page → articles index. Owns
//! article ids and filters; knows nothing about files, terminals or how a page was parsed.
//!
//! Past 600 lines: the page, article, edition and view types and the corpus's indexes over
//! them are the one vocabulary every layer reads, kept together; the sidebar's trees are
//! built in [`tree`], heads in [`heads`], whole articles read in [`body`].

mod body;
mod heads;
mod indexable;
mod lines;
mod text_bytes;
mod tree;

pub use body::BodyStore;
pub use heads::{Head, HeadDate, Heads, HeadsBuilder, PageHeads};
pub use indexable::{leftover_lines, IndexablePages, Leftover, PageText, WholePage};
pub use lines::Lines;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The layout a page (or most of it) was printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Every printed line of a narrow column is a line of its own.
    Columns,
    /// One paragraph per line.
    Paragraphs,
    /// Headings marked with `## `.
    Markdown,
}

/// One parsed page: its articles plus whatever belongs to no article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The file stem, e.g. `000_d566be7ab6327229`.
    pub id: String,
    /// The path the page was read from, or `seed:<file name>` for an embedded seed page.
    pub source: String,
    /// The layout most of the page is printed in.
    pub layout: Layout,
    /// The encoding the page was decoded from (`UTF-8`, `GB18030`, ...).
    pub encoding: String,
    /// Page banners and kickers that belong to no single article.
    pub banners: Lines,
    /// Text the parser could not place in any article (kept so nothing is lost).
    pub unplaced: Lines,
    /// Things worth knowing about how the page was read (broken bytes, control characters...).
    pub warnings: Vec<String>,
    /// The edition the page belongs to (date, page number, section), where its banners or
    /// its file name say it.
    #[serde(default)]
    pub edition: Option<Edition>,
    /// The page's articles in reading order.
    #[serde(skip)]
    pub articles: Vec<Article>,
    /// A hash of the page file's bytes (0 when made by hand): how the parsed-model cache and
    /// the search index tell a changed page.
    #[serde(skip)]
    pub content: u64,
}

/// A calendar date (an edition's), written `2025-05-30` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date if it is one (years 1900–2100).
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2100).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// As the paper prints it: `2025年5月30日`.
    #[must_use]
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// `2025-05-30`.
    fn from_str(s: &str) -> Result<Date, String> {
        let mut it = s.splitn(3, '-').map(str::parse::<u32>);
        match (it.next(), it.next(), it.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => i32::try_from(y)
                .ok()
                .and_then(|y| Date::new(y, m, d))
                .ok_or_else(|| format!("not a date: {s}")),
            _ => Err(format!("not a date: {s}")),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Where a page's edition was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditionFrom {
    /// The page's masthead banner (`南方工报 2025年5月30日 星期五 第4版 工会`).
    Banner,
    /// The file name (`2025-05-30_04.txt`, `20250530-4.txt`, `2025-05-30/04.txt`).
    FileName,
    /// Both, the banner filling in first.
    Both,
}

/// The edition a page belongs to: its date, its page number and section (第4版 工会).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The edition's date.
    pub date: Option<Date>,
    /// The page number (第4版 is 4).
    pub page: Option<u32>,
    /// The section named beside the page number (`工会`, `要闻`).
    pub section: Option<String>,
    pub from: EditionFrom,
}

impl Edition {
    /// `第4版 工会`, `第4版`, or `工会` (empty for an edition of a date alone).
    #[must_use]
    pub fn page_name(&self) -> String {
        let number = self.page.map(|n| format!("第{n}版"));
        [number, self.section.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The date a lead gives, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The year: where the lead prints one, or inferred from the page (`year_inferred`).
    pub year: Option<i32>,
    /// Whether `year` was inferred from elsewhere on the page rather than printed in the date.
    #[serde(default)]
    pub year_inferred: bool,
    pub month: u32,
    pub day: u32,
    /// The date as printed, letter-spacing removed, e.g. `12月9日至13日`.
    pub text: String,
}

/// A photo caption: the text after ■, and its credit (`单位供图`) kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
}

impl Page {
    /// The page as a reader names it: `第4版 工会` where its edition gives a page number,
    /// else `版面` and its file name, shortened where it is long and opens with a number
    /// (`000_d566be7ab6327229` is `版面 000`) or cut to 16 columns.
    #[must_use]
    pub fn name(&self) -> String {
        if let Some(e) = self.edition.as_ref().filter(|e| e.page.is_some()) {
            return e.page_name();
        }
        format!("版面 {}", short_page_id(&self.id))
    }

    /// The page for a citation: `第4版` (no section), or [`Page::name`].
    #[must_use]
    pub fn cited_name(&self) -> String {
        match self.edition.as_ref().and_then(|e| e.page) {
            Some(n) => format!("第{n}版"),
            None => self.name(),
        }
    }

    /// The page with its edition's date, for a meta line: `2025年5月30日 第4版 工会`.
    #[must_use]
    pub fn dated_name(&self) -> String {
        match self.edition.as_ref().and_then(|e| e.date) {
            Some(d) => format!("{} {}", d.chinese(), self.name())
                .trim_end()
                .to_string(),
            None => self.name(),
        }
    }
}

/// A page id as a reader sees it: the number it opens with where the rest is a long tail
/// (`000_d566be7ab6327229` is `000`), else the id, cut with … past 16 columns.
#[must_use]
pub fn short_page_id(id: &str) -> String {
    const LONG: usize = 16;
    let digits = id.len() - id.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &id[digits..];
    if digits > 0 && rest.len() > 8 && rest.starts_with(['_', '-', ' ', '.']) {
        return id[..digits].to_string();
    }
    crate::text::truncate(id, LONG)
}

/// One article: heading, lead and body, captions, byline and what the parser learned about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique in a corpus, stable across runs for the same page file: `<page id>-<nn>`.
    pub id: String,
    /// The id of the page the article is printed on.
    pub page: String,
    /// The heading lines as printed, in print order.
    pub heading: Vec<String>,
    /// The line printed above the title (often the union body), if any.
    pub kicker: Option<String>,
    /// The main title; never empty (falls back to the lead's first words).
    pub title: String,
    /// The line printed below the title, if any.
    pub subtitle: Option<String>,
    /// The prefecture-level city of the union body that acted, in full (`江门市`).
    pub city: Option<String>,
    /// The county-level unit of that union body, if it is below city level.
    pub county: Option<String>,
    /// The union body without its city prefix (`蓬江区总工会`), or a city's own (`江门市总工会`).
    pub union: Option<String>,
    /// Other cities the article mentions.
    pub cities_mentioned: Vec<String>,
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    /// The closing attribution, without its parentheses.
    pub byline: Option<String>,
    pub date: Option<Dateline>,
    /// Reflowed paragraphs; the first one is the lead (`本报讯…`).
    pub paragraphs: Vec<String>,
    /// Caption texts without their credits (the JSON interface's shape).
    pub captions: Vec<String>,
    /// The same captions with their credits.
    pub caption_credits: Vec<Option<String>>,
    /// The 1-based line of the page where the lead starts.
    pub line: usize,
}

impl Article {
    /// The title with the kicker or union body in front where the title alone says little.
    #[must_use]
    pub fn display_title(&self) -> String {
        display_title(self.kicker.as_deref(), &self.title)
    }

    /// The article's captions with their credits.
    pub fn caption_list(&self) -> impl Iterator<Item = Caption> + '_ {
        self.captions
            .iter()
            .zip(self.caption_credits.iter().chain(std::iter::repeat(&None)))
            .map(|(t, c)| Caption {
                text: t.clone(),
                credit: c.clone(),
            })
    }

    /// The meta line without the page: city · union body · date · reporters · correspondents.
    #[must_use]
    pub fn meta_parts(&self) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.city.clone());
        parts.extend(self.union.clone());
        if let Some(d) = &self.date {
            parts.push(d.text.clone());
        }
        if !self.reporters.is_empty() {
            parts.push(format!("记者 {}", self.reporters.join(" ")));
        }
        if !self.correspondents.is_empty() {
            parts.push(format!("通讯员 {}", self.correspondents.join(" ")));
        }
        parts
    }

    /// All the text of the body, paragraphs joined by newlines.
    #[must_use]
    pub fn body_text(&self) -> String {
        self.paragraphs.join("\n")
    }
}

/// A title with the kicker (often the union body) in front where there is one:
/// `江门市总工会 · 送清凉`.
#[must_use]
pub fn display_title(kicker: Option<&str>, title: &str) -> String {
    match kicker {
        Some(k) if !k.is_empty() => format!("{k} · {title}"),
        _ => title.to_string(),
    }
}

/// A union body in the sidebar, with the articles it acted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnionEntry {
    pub name: String,
    /// Article indexes of the corpus ([`Corpus::head`], [`Corpus::whole`]).
    pub articles: Vec<usize>,
}

/// A city in the sidebar: its articles and its union bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CityEntry {
    pub name: String,
    /// Article indexes of the corpus ([`Corpus::head`], [`Corpus::whole`]), in corpus order.
    pub articles: Vec<usize>,
    /// Union bodies, by article count then name.
    pub unions: Vec<UnionEntry>,
}

/// An edition in the sidebar's 版面 group: a date and its pages, or (date `None`) the pages
/// whose date is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionEntry {
    pub date: Option<Date>,
    /// Indexes into [`Corpus::pages`], by page number, then id.
    pub pages: Vec<usize>,
}

/// The sidebar's name for articles whose city could not be resolved.
pub const NO_CITY: &str = "未定城市";

/// Everything loaded: pages, their articles' heads in reading order, and the city tree. A
/// page parsed now holds its articles whole (`Page::articles`); one read from the
/// parsed-model cache holds none, and its articles are read whole when asked for
/// ([`Corpus::whole`]).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub pages: Vec<Page>,
    /// Every article's head, page by page in reading order: an article's index is its place
    /// here.
    heads: Heads,
    /// Cities by article count (descending) then name; [`NO_CITY`] last if present.
    pub cities: Vec<CityEntry>,
    /// Editions newest first, then the pages without a date.
    pub editions: Vec<EditionEntry>,
    /// Each article's place in print order: edition (newest first), page, then its place on
    /// the page. By article index.
    print_rank: Vec<usize>,
    /// Each page's articles: a range of `articles` (they come page by page), by page index.
    page_articles: Vec<std::ops::Range<usize>>,
    /// Page index by page id.
    page_index: HashMap<String, usize, rustc_hash::FxBuildHasher>,
    /// Where the bodies of articles held without them are (`None`: every article is whole).
    bodies: Option<Arc<dyn BodyStore>>,
}

/// What the article list shows (saved in the reading state): every article, a city's, a
/// union body's, a page's, or the state's own 未读 and 已收藏.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum View {
    #[default]
    All,
    City {
        city: String,
    },
    Union {
        city: String,
        union: String,
    },
    Page {
        page: String,
    },
    /// Articles not yet read (the sidebar's 未读): the reading state answers.
    Unread,
    /// Starred articles (the sidebar's 已收藏): the reading state answers.
    Starred,
}

impl View {
    /// A city's view.
    #[must_use]
    pub fn city(city: &str) -> View {
        View::City {
            city: city.to_string(),
        }
    }

    /// Whether the reading state, not the corpus, says which articles this view shows.
    #[must_use]
    pub fn is_marked(&self) -> bool {
        matches!(self, View::Unread | View::Starred)
    }
}

impl Corpus {
    /// Builds the corpus from parsed pages (their articles whole), in the order given.
    #[must_use]
    pub fn new(pages: Vec<Page>) -> Self {
        let n = pages.iter().map(|p| p.articles.len()).sum();
        let mut b = HeadsBuilder::with_capacity(n, n * 64);
        for (i, p) in pages.iter().enumerate() {
            b.push_articles(i, &p.articles);
        }
        Corpus::of_heads(pages, b.finish(), None)
    }

    /// Builds the corpus from pages and their articles' heads (page by page, in order), with
    /// the store that holds the whole articles of pages that do not hold them (a page holds
    /// its articles whole, or none).
    #[must_use]
    pub fn of_heads(pages: Vec<Page>, heads: Heads, bodies: Option<Arc<dyn BodyStore>>) -> Self {
        // Heads come page by page: each page's articles are where its heads are, and a page
        // without any sits where the next page's start.
        let mut page_articles = Vec::with_capacity(pages.len());
        let mut at = 0;
        for p in 0..pages.len() {
            let start = at;
            while heads.get(at).is_some_and(|h| h.page() == p) {
                at += 1;
            }
            page_articles.push(start..at);
        }
        let cities = tree::city_tree(&heads);
        let editions = tree::edition_tree(&pages);
        let mut print_rank = vec![0; heads.len()];
        let mut rank = 0;
        for p in editions.iter().flat_map(|e| &e.pages) {
            for a in page_articles.get(*p).cloned().unwrap_or(0..0) {
                if let Some(r) = print_rank.get_mut(a) {
                    *r = rank;
                }
                rank += 1;
            }
        }
        let mut page_index =
            HashMap::with_capacity_and_hasher(pages.len(), rustc_hash::FxBuildHasher);
        for (i, p) in pages.iter().enumerate() {
            page_index.entry(p.id.clone()).or_insert(i);
        }
        Corpus {
            pages,
            heads,
            cities,
            editions,
            print_rank,
            page_articles,
            page_index,
            bodies,
        }
    }

    /// How many articles.
    #[must_use]
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// Whether there is no article.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The head of the article at `i` (what the list and the filters read).
    #[must_use]
    pub fn head(&self, i: usize) -> Option<Head<'_>> {
        self.heads.get(i)
    }

    /// Every article's head, in corpus order.
    pub fn heads(&self) -> impl ExactSizeIterator<Item = Head<'_>> + '_ {
        self.heads.iter()
    }

    /// The index of a page in [`Corpus::pages`], by its id.
    #[must_use]
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.page_index.get(id).copied()
    }

    /// The articles of the page at `page` (an index into [`Corpus::pages`]), as article
    /// indexes; empty for no such page.
    #[must_use]
    pub fn page_articles(&self, page: usize) -> std::ops::Range<usize> {
        self.page_articles.get(page).cloned().unwrap_or(0..0)
    }

    /// An article's place in print order (edition newest first, page, place on the page),
    /// by its index.
    #[must_use]
    pub fn print_rank(&self, article: usize) -> usize {
        self.print_rank.get(article).copied().unwrap_or(usize::MAX)
    }

    /// The page an article is printed on.
    #[must_use]
    pub fn page_of(&self, a: &Article) -> Option<&Page> {
        self.page_index(&a.page).and_then(|i| self.pages.get(i))
    }

    /// The index of the article `id` of page `page`: a lookup of the page, then a look
    /// through its few articles.
    #[must_use]
    pub fn article_index(&self, page: &str, id: &str) -> Option<usize> {
        self.page_articles(self.page_index(page)?)
            .find(|&i| self.heads.get(i).is_some_and(|h| h.id() == id))
    }

    /// The index of the article `id`.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.heads.iter().position(|h| h.id() == id)
    }

    /// Finds an article by id, whole.
    #[must_use]
    pub fn article(&self, id: &str) -> Option<std::borrow::Cow<'_, Article>> {
        self.whole(self.index_of(id)?)
    }

    /// Indexes of the articles a view selects, in corpus order; none for the views the
    /// reading state answers ([`View::is_marked`]: see `StateStore::view`).
    #[must_use]
    pub fn filter(&self, view: &View) -> Vec<usize> {
        match view {
            View::All => (0..self.len()).collect(),
            View::City { city } => self
                .cities
                .iter()
                .find(|e| &e.name == city)
                .map(|e| e.articles.clone())
                .unwrap_or_default(),
            View::Union { city, union } => self
                .cities
                .iter()
                .find(|e| &e.name == city)
                .and_then(|e| e.unions.iter().find(|u| &u.name == union))
                .map(|u| u.articles.clone())
                .unwrap_or_default(),
            View::Page { page } => self
                .page_index(page)
                .map(|i| self.page_articles(i).collect())
                .unwrap_or_default(),
            View::Unread | View::Starred => Vec::new(),
        }
    }

    /// Resolves a city name as a user types it: `湛江` or `湛江市`.
    #[must_use]
    pub fn find_city(&self, name: &str) -> Option<&CityEntry> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        self.cities
            .iter()
            .find(|c| c.name == name)
            .or_else(|| {
                self.cities
                    .iter()
                    .find(|c| c.name.strip_suffix('市') == Some(name))
            })
            .or_else(|| {
                crate::places::Gazetteer::get()
                    .city_by_name(name)
                    .and_then(|full| self.cities.iter().find(|c| c.name == full))
            })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_index_gives_each_pages_articles() {
        let c = crate::load::seed_corpus();
        for (i, p) in c.pages.iter().enumerate() {
            assert_eq!(c.page_index(&p.id), Some(i));
            let scanned: Vec<usize> = (0..c.len())
                .filter(|&a| c.whole(a).unwrap().page == p.id)
                .collect();
            assert_eq!(c.page_articles(i).collect::<Vec<_>>(), scanned, "{}", p.id);
        }
        assert_eq!(c.page_index("no such page"), None);
        assert!(c.page_articles(c.pages.len()).is_empty());
    }
}
