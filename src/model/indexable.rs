//! What an index update needs of a set of pages, and no more: each page's id, a key of its
//! content, how many articles it has, and a page's whole articles on demand. A [`Corpus`]
//! is one such set; the loader gives another that decodes nothing but the pages an update
//! touches (so adding one page to a big library does not read every page's head).

use super::{Article, Corpus};
use std::borrow::Cow;

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
    /// The source (file path, or `seed:<name>`) of page `i` and its articles with their
    /// bodies; read (or parsed) when asked for where they are not in memory.
    fn whole_articles(&self, i: usize) -> (Cow<'_, str>, Cow<'_, [Article]>);
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
        self.articles.len()
    }

    fn whole_articles(&self, i: usize) -> (Cow<'_, str>, Cow<'_, [Article]>) {
        let source = self
            .pages
            .get(i)
            .map_or(Cow::Borrowed(""), |p| Cow::Borrowed(p.source.as_str()));
        (source, self.whole_page(i))
    }
}
