//! Article heads in a compact form: what the sidebar, the list and the reader's filters read
//! of every article (id, title, kicker, city, union body, date, page), with no string of its
//! own. A corpus's [`Heads`] keep every head's strings in one text and each head as a row of
//! offsets, cities and union bodies as numbers into one table of names: a million articles
//! take tens of bytes each, not an [`Article`]'s hundreds, and a cache hands them over a page
//! at a time as [`PageHeads`] (one text and one row list a page) with no string to allocate.
//! A whole article ([`super::Corpus::whole`]) holds the rest.

use super::{Article, Dateline};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The date of an article's lead, as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl From<&Dateline> for HeadDate {
    fn from(d: &Dateline) -> HeadDate {
        HeadDate {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

/// One head of a [`PageHeads`]: the byte lengths of its strings, laid out one after the
/// other in the page's text (id, title, then kicker, city and union body where present).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct PageRow {
    id: u32,
    title: u32,
    kicker: Option<u32>,
    city: Option<u32>,
    union: Option<u32>,
    date: Option<HeadDate>,
}

/// One page's article heads: their strings in one text, each head a row of lengths. What
/// the parsed-model cache keeps for a page's articles, so a start reads heads without a
/// string each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageHeads {
    #[serde(with = "super::text_bytes")]
    text: String,
    rows: Vec<PageRow>,
}

/// A head of a [`PageHeads`], its strings borrowed.
struct PageHead<'a> {
    id: &'a str,
    title: &'a str,
    kicker: Option<&'a str>,
    city: Option<&'a str>,
    union: Option<&'a str>,
    date: Option<HeadDate>,
}

/// A string's length as a row keeps it (a string past 4 GiB cannot come from a page file
/// gongbao reads: it is cut there).
fn len32(s: &str) -> u32 {
    u32::try_from(s.len()).unwrap_or(u32::MAX)
}

impl PageHeads {
    /// The heads of a page's articles.
    #[must_use]
    pub fn of(articles: &[Article]) -> PageHeads {
        let mut h = PageHeads::default();
        for a in articles {
            let mut put = |s: &str| {
                h.text.push_str(s);
                len32(s)
            };
            let row = PageRow {
                id: put(&a.id),
                title: put(&a.title),
                kicker: a.kicker.as_deref().map(&mut put),
                city: a.city.as_deref().map(&mut put),
                union: a.union.as_deref().map(&mut put),
                date: a.date.as_ref().map(HeadDate::from),
            };
            h.rows.push(row);
        }
        h
    }

    /// How many heads.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The bytes of their strings.
    #[must_use]
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Gives each head to `f`, in order; `None` when a row's lengths run past the text or
    /// leave some of it (a damaged cache), after the heads before it.
    fn walk(&self, mut f: impl FnMut(PageHead<'_>)) -> Option<()> {
        let mut at = 0usize;
        let mut take = |n: u32| -> Option<&str> {
            let end = at.checked_add(n as usize)?;
            let s = self.text.get(at..end)?;
            at = end;
            Some(s)
        };
        for r in &self.rows {
            f(PageHead {
                id: take(r.id)?,
                title: take(r.title)?,
                kicker: match r.kicker {
                    Some(n) => Some(take(n)?),
                    None => None,
                },
                city: match r.city {
                    Some(n) => Some(take(n)?),
                    None => None,
                },
                union: match r.union {
                    Some(n) => Some(take(n)?),
                    None => None,
                },
                date: r.date,
            });
        }
        (at == self.text.len()).then_some(())
    }

    /// Checks that the rows and the text agree (a cache's blob decoded whole can still hold
    /// lengths that do not).
    ///
    /// # Errors
    /// When a row's strings run past the text or miss part of it.
    pub fn check(&self) -> Result<(), String> {
        self.walk(|_| ())
            .ok_or_else(|| "article heads that do not fit their text".to_string())
    }
}

/// A corpus-wide head: where its strings are in [`Heads::text`] and its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    /// Where the id starts; the title follows it, then the kicker.
    at: usize,
    id: u32,
    title: u32,
    /// `NONE` for no kicker.
    kicker: u32,
    /// Indexes into [`Heads::names`]; 0 for none.
    city: u32,
    union: u32,
    page: u32,
    date: Option<HeadDate>,
}

const NONE: u32 = u32::MAX;

/// Every article's head in a corpus, in corpus order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heads {
    text: String,
    /// City and union body names; the first is the empty name that stands for none.
    names: Vec<Box<str>>,
    rows: Vec<Row>,
}

impl Default for Heads {
    fn default() -> Heads {
        Heads {
            text: String::new(),
            names: vec!["".into()],
            rows: Vec::new(),
        }
    }
}

/// Builds [`Heads`] a page at a time, each city and union body name kept once.
#[derive(Debug, Default)]
pub struct HeadsBuilder {
    heads: Heads,
    name_ids: FxHashMap<Box<str>, u32>,
}

impl HeadsBuilder {
    /// A builder for about `articles` heads whose strings take about `text` bytes.
    #[must_use]
    pub fn with_capacity(articles: usize, text: usize) -> HeadsBuilder {
        let mut b = HeadsBuilder::default();
        b.heads.rows.reserve(articles);
        b.heads.text.reserve(text);
        b
    }

    fn name(&mut self, n: Option<&str>) -> u32 {
        let Some(n) = n else { return 0 };
        if let Some(&i) = self.name_ids.get(n) {
            return i;
        }
        let i = u32::try_from(self.heads.names.len()).unwrap_or(0);
        self.heads.names.push(n.into());
        self.name_ids.insert(n.into(), i);
        i
    }

    /// Adds the heads of page `page` (its index in the corpus). A page renamed since its
    /// heads were made (two files of one name: `<id>~2`) gives them as `new_id`: an id that
    /// opens with `old_id` opens with `new_id` instead.
    ///
    /// # Errors
    /// When the heads' rows and text disagree (a damaged cache).
    pub fn push_page(
        &mut self,
        page: usize,
        heads: &PageHeads,
        rename: Option<(&str, &str)>,
    ) -> Result<(), String> {
        let page = u32::try_from(page).map_err(|e| e.to_string())?;
        let (text, rows) = (self.heads.text.len(), self.heads.rows.len());
        let walked = heads.walk(|h| {
            let at = self.heads.text.len();
            match rename.and_then(|(old, new)| Some((h.id.strip_prefix(old)?, new))) {
                Some((rest, new)) => {
                    self.heads.text.push_str(new);
                    self.heads.text.push_str(rest);
                }
                None => self.heads.text.push_str(h.id),
            }
            let id = u32::try_from(self.heads.text.len() - at).unwrap_or(NONE - 1);
            self.heads.text.push_str(h.title);
            self.heads.text.push_str(h.kicker.unwrap_or(""));
            let (city, union) = (self.name(h.city), self.name(h.union));
            self.heads.rows.push(Row {
                at,
                id,
                title: len32(h.title),
                kicker: h.kicker.map_or(NONE, len32),
                city,
                union,
                page,
                date: h.date,
            });
        });
        if walked.is_none() {
            // None of a damaged page's heads stays.
            self.heads.text.truncate(text);
            self.heads.rows.truncate(rows);
            return Err("article heads that do not fit their text".to_string());
        }
        Ok(())
    }

    /// Adds the heads of page `page`'s whole articles.
    pub fn push_articles(&mut self, page: usize, articles: &[Article]) {
        // Heads made here always fit their text.
        let _ = self.push_page(page, &PageHeads::of(articles), None);
    }

    #[must_use]
    pub fn finish(self) -> Heads {
        self.heads
    }
}

/// One article's head, borrowed from a corpus's [`Heads`].
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    heads: &'a Heads,
    row: &'a Row,
}

impl<'a> Head<'a> {
    fn text(self, from: usize, len: u32) -> &'a str {
        self.heads
            .text
            .get(from..from + len as usize)
            .unwrap_or_default()
    }

    /// The article id (`<page id>-<nn>`).
    #[must_use]
    pub fn id(self) -> &'a str {
        self.text(self.row.at, self.row.id)
    }

    /// The main title.
    #[must_use]
    pub fn title(self) -> &'a str {
        self.text(self.row.at + self.row.id as usize, self.row.title)
    }

    /// The line printed above the title, if any.
    #[must_use]
    pub fn kicker(self) -> Option<&'a str> {
        (self.row.kicker != NONE).then(|| {
            self.text(
                self.row.at + self.row.id as usize + self.row.title as usize,
                self.row.kicker,
            )
        })
    }

    fn name(self, i: u32) -> Option<&'a str> {
        (i != 0)
            .then(|| self.heads.names.get(i as usize).map(AsRef::as_ref))
            .flatten()
    }

    /// The city of the union body that acted, in full.
    #[must_use]
    pub fn city(self) -> Option<&'a str> {
        self.name(self.row.city)
    }

    /// The union body, without its city.
    #[must_use]
    pub fn union(self) -> Option<&'a str> {
        self.name(self.row.union)
    }

    /// The date of the lead.
    #[must_use]
    pub fn date(self) -> Option<HeadDate> {
        self.row.date
    }

    /// The page the article is printed on (an index into the corpus's pages).
    #[must_use]
    pub fn page(self) -> usize {
        self.row.page as usize
    }

    /// The title with the kicker in front ([`super::display_title`]).
    #[must_use]
    pub fn display_title(self) -> String {
        super::display_title(self.kicker(), self.title())
    }
}

impl Heads {
    /// How many heads.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The head at `i`.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<Head<'_>> {
        self.rows.get(i).map(|row| Head { heads: self, row })
    }

    /// Every head, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Head<'_>> + '_ {
        self.rows.iter().map(|row| Head { heads: self, row })
    }

    /// The city and union body numbers of head `i` (0 for none), and the names they index:
    /// what the sidebar's tree is grouped by.
    pub(super) fn places(&self) -> (impl Iterator<Item = (u32, u32)> + '_, &[Box<str>]) {
        (self.rows.iter().map(|r| (r.city, r.union)), &self.names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_give_back_what_the_articles_hold() {
        let c = crate::load::seed_corpus();
        let mut b = HeadsBuilder::default();
        for (p, page) in c.pages.iter().enumerate() {
            let whole = c.whole_page(p);
            let ph = PageHeads::of(&whole);
            assert_eq!(ph.len(), whole.len());
            let bytes = postcard::to_allocvec(&ph).unwrap();
            let back: PageHeads = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, ph, "{}", page.id);
            b.push_page(p, &back, None).unwrap();
        }
        let heads = b.finish();
        assert_eq!(heads.len(), c.len());
        for i in 0..c.len() {
            let (h, a) = (heads.get(i).unwrap(), c.whole(i).unwrap());
            assert_eq!(h.id(), a.id);
            assert_eq!(h.title(), a.title);
            assert_eq!(h.kicker(), a.kicker.as_deref());
            assert_eq!(h.city(), a.city.as_deref());
            assert_eq!(h.union(), a.union.as_deref());
            assert_eq!(h.date(), a.date.as_ref().map(HeadDate::from));
            assert_eq!(c.pages[h.page()].id, a.page);
            assert_eq!(h.display_title(), a.display_title());
        }
    }

    #[test]
    fn a_renamed_page_renames_its_heads_ids_and_damage_is_told() {
        let mut a = crate::load::seed_corpus().whole(0).unwrap().into_owned();
        a.kicker = Some(String::new());
        a.city = None;
        let ph = PageHeads::of(std::slice::from_ref(&a));
        let mut b = HeadsBuilder::default();
        b.push_page(0, &ph, Some((&a.page, "x~2"))).unwrap();
        let heads = b.finish();
        let h = heads.get(0).unwrap();
        assert!(h.id().starts_with("x~2-"), "{}", h.id());
        assert_eq!(h.kicker(), Some(""));
        assert_eq!(h.city(), None);
        let mut bad = ph.clone();
        bad.text.pop();
        assert!(bad.check().is_err());
        let mut b = HeadsBuilder::default();
        b.push_page(0, &ph, None).unwrap();
        assert!(b.push_page(1, &bad, None).is_err());
        let heads = b.finish();
        assert_eq!(heads.len(), 1, "none of a damaged page's heads stays");
        assert_eq!(heads.get(0).unwrap().id(), a.id);
    }
}
