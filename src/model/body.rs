//! Whole articles kept out of memory. A corpus read from the parsed-model cache holds each
//! article's head ([`super::Heads`]: what the sidebar, the list and the filters read) and
//! leaves the whole article (heading, bylines, paragraphs, captions) where the cache keeps
//! it, behind a [`BodyStore`]; [`Corpus::whole`] gives an article whole, read when it is
//! asked for. A page parsed now keeps its articles whole in memory. Knows nothing of files:
//! the store is the loader's.

use super::heads::Head;
use super::{Article, Corpus};
use std::borrow::Cow;

/// Where the whole articles of a corpus's pages are kept when they are not in memory.
pub trait BodyStore: std::fmt::Debug + Send + Sync {
    /// The whole articles of page `page` (an index into [`Corpus::pages`]), in order; `None`
    /// when that page's articles are in memory.
    ///
    /// # Errors
    /// When the kept articles cannot be read (a message saying why).
    fn articles(&self, page: usize) -> Option<Result<Vec<Article>, String>>;
}

impl Corpus {
    /// Whether some articles are not in memory whole (read by [`Corpus::whole`]).
    #[must_use]
    pub fn bodies_elsewhere(&self) -> bool {
        self.bodies.is_some()
    }

    /// The page an article (by index) is printed on, as an index into [`Corpus::pages`].
    #[must_use]
    pub fn page_at(&self, article: usize) -> Option<usize> {
        self.heads.get(article).map(Head::page)
    }

    /// The article at `i` whole: borrowed when it is in memory, read from the store
    /// otherwise. An article that cannot be read gives its head with one paragraph saying so.
    #[must_use]
    pub fn whole(&self, i: usize) -> Option<Cow<'_, Article>> {
        let head = self.heads.get(i)?;
        let page = head.page();
        let nth = i - self.page_articles(page).start;
        if let Some(a) = self.pages.get(page).and_then(|p| p.articles.get(nth)) {
            return Some(Cow::Borrowed(a));
        }
        let n = self.page_articles(page).len();
        Some(Cow::Owned(match self.stored(page) {
            Some(Ok(mut list)) if list.len() == n => list.swap_remove(nth),
            Some(Ok(_)) => self.stand_in(head, "fewer articles than heads"),
            Some(Err(e)) => self.stand_in(head, &e),
            None => self.stand_in(head, "not kept"),
        }))
    }

    /// The articles of page `page` (an index into [`Corpus::pages`]) whole.
    #[must_use]
    pub fn whole_page(&self, page: usize) -> Cow<'_, [Article]> {
        let range = self.page_articles(page);
        let Some(p) = self.pages.get(page) else {
            return Cow::Borrowed(&[]);
        };
        if p.articles.len() == range.len() {
            return Cow::Borrowed(&p.articles);
        }
        let stand_ins = |why: &str| {
            range
                .clone()
                .filter_map(|i| self.heads.get(i))
                .map(|h| self.stand_in(h, why))
                .collect()
        };
        Cow::Owned(match self.stored(page) {
            Some(Ok(list)) if list.len() == range.len() => list,
            Some(Ok(_)) => stand_ins("fewer articles than heads"),
            Some(Err(e)) => stand_ins(&e),
            None => stand_ins("not kept"),
        })
    }

    /// Every article whole, in corpus order (a command that prints every article's text
    /// wants them all).
    pub fn whole_articles(&self) -> impl Iterator<Item = Cow<'_, Article>> + '_ {
        (0..self.pages.len()).flat_map(|p| match self.whole_page(p) {
            Cow::Borrowed(list) => list.iter().map(Cow::Borrowed).collect::<Vec<_>>(),
            Cow::Owned(list) => list.into_iter().map(Cow::Owned).collect(),
        })
    }

    /// Reads every article still in the store into memory.
    pub fn fill_bodies(&mut self) {
        if self.bodies.is_none() {
            return;
        }
        for page in 0..self.pages.len() {
            let Cow::Owned(whole) = self.whole_page(page) else {
                continue; // in memory already
            };
            if let Some(p) = self.pages.get_mut(page) {
                p.articles = whole;
            }
        }
        self.bodies = None;
    }

    fn stored(&self, page: usize) -> Option<Result<Vec<Article>, String>> {
        self.bodies.as_ref()?.articles(page)
    }

    /// An article that cannot be read: its head, and one paragraph saying why.
    fn stand_in(&self, head: Head<'_>, why: &str) -> Article {
        tracing::warn!("the article {} cannot be read: {why}", head.id());
        Article {
            id: head.id().to_string(),
            page: self
                .pages
                .get(head.page())
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            heading: vec![head.title().to_string()],
            kicker: head.kicker().map(str::to_string),
            title: head.title().to_string(),
            subtitle: None,
            city: head.city().map(str::to_string),
            county: None,
            union: head.union().map(str::to_string),
            cities_mentioned: Vec::new(),
            reporters: Vec::new(),
            correspondents: Vec::new(),
            byline: None,
            date: head.date().map(|d| super::Dateline {
                year: d.year,
                year_inferred: false,
                month: d.month,
                day: d.day,
                text: format!("{}月{}日", d.month, d.day),
            }),
            paragraphs: vec![format!("（正文无法读取：{why}；请重新打开 gongbao）")],
            captions: Vec::new(),
            caption_credits: Vec::new(),
            line: 0,
        }
    }
}
