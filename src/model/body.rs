//! Article bodies kept out of memory. A corpus read from the parsed-model cache holds each
//! article's head (title, kicker, city, union body, date, bylines: what the sidebar, the list
//! and the meta line need) and leaves its [`Body`] (paragraphs and captions) where the cache
//! keeps it, behind a [`BodyStore`]; [`Corpus::whole`] gives an article with its body, read
//! when it is asked for. Knows nothing of files: the store is the loader's.

use super::{Article, Corpus};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// What an article holds beyond what the list shows: its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
    pub caption_credits: Vec<Option<String>>,
}

impl Article {
    /// Takes the article's body out of it, leaving its head.
    pub fn take_body(&mut self) -> Body {
        Body {
            paragraphs: std::mem::take(&mut self.paragraphs),
            captions: std::mem::take(&mut self.captions),
            caption_credits: std::mem::take(&mut self.caption_credits),
        }
    }

    /// Puts a body (back) into the article.
    pub fn put_body(&mut self, body: Body) {
        self.paragraphs = body.paragraphs;
        self.captions = body.captions;
        self.caption_credits = body.caption_credits;
    }
}

/// Where the bodies of a corpus's articles are kept when they are not in memory.
pub trait BodyStore: std::fmt::Debug + Send + Sync {
    /// The bodies of the articles of page `page` (an index into [`Corpus::pages`]), in
    /// order; `None` when that page's articles are whole in memory.
    ///
    /// # Errors
    /// When the kept bodies cannot be read (a message saying why).
    fn bodies(&self, page: usize) -> Option<Result<Vec<Body>, String>>;
}

impl Corpus {
    /// Builds the corpus from parsed pages, whose articles are whole except where `store`
    /// holds a page's bodies.
    #[must_use]
    pub fn with_bodies(pages: Vec<super::Page>, store: Arc<dyn BodyStore>) -> Corpus {
        let mut c = Corpus::new(pages);
        c.bodies = Some(store);
        c
    }

    /// Whether some articles' bodies are not in memory (read by [`Corpus::whole`]).
    #[must_use]
    pub fn bodies_elsewhere(&self) -> bool {
        self.bodies.is_some()
    }

    /// The page an article (by index) is printed on, as an index into [`Corpus::pages`].
    #[must_use]
    pub fn page_at(&self, article: usize) -> Option<usize> {
        let p = self.page_articles.partition_point(|r| r.end <= article);
        self.page_articles
            .get(p)
            .filter(|r| r.contains(&article))
            .map(|_| p)
    }

    /// The article at `i` with its body: borrowed when it is in memory, read from the store
    /// otherwise. A body that cannot be read gives the article with one paragraph saying so.
    #[must_use]
    pub fn whole(&self, i: usize) -> Option<Cow<'_, Article>> {
        let a = self.articles.get(i)?;
        let Some(page) = self.page_at(i) else {
            return Some(Cow::Borrowed(a));
        };
        let nth = i - self.page_articles(page).start;
        match self.stored_bodies(page) {
            None => Some(Cow::Borrowed(a)),
            Some(Ok(mut bodies)) if nth < bodies.len() => {
                let mut a = a.clone();
                a.put_body(std::mem::take(&mut bodies[nth]));
                Some(Cow::Owned(a))
            }
            Some(Ok(_)) => Some(Cow::Owned(unreadable(a, "fewer bodies than articles"))),
            Some(Err(e)) => Some(Cow::Owned(unreadable(a, &e))),
        }
    }

    /// The articles of page `page` (an index into [`Corpus::pages`]) with their bodies.
    #[must_use]
    pub fn whole_page(&self, page: usize) -> Cow<'_, [Article]> {
        let range = self.page_articles(page);
        let Some(heads) = self.articles.get(range) else {
            return Cow::Borrowed(&[]);
        };
        match self.stored_bodies(page) {
            None => Cow::Borrowed(heads),
            Some(r) => Cow::Owned(join(heads, r)),
        }
    }

    /// Reads every body still in the store into memory (a command that prints every
    /// article's text wants them all).
    pub fn fill_bodies(&mut self) {
        let Some(store) = self.bodies.take() else {
            return;
        };
        for page in 0..self.pages.len() {
            let Some(r) = store.bodies(page) else {
                continue;
            };
            let range = self.page_articles(page);
            if let Some(heads) = self.articles.get_mut(range) {
                let whole = join(heads, r);
                for (a, w) in heads.iter_mut().zip(whole) {
                    *a = w;
                }
            }
        }
    }

    fn stored_bodies(&self, page: usize) -> Option<Result<Vec<Body>, String>> {
        self.bodies.as_ref()?.bodies(page)
    }
}

/// Heads and their bodies as whole articles (a body that cannot be read: a paragraph saying
/// so).
fn join(heads: &[Article], bodies: Result<Vec<Body>, String>) -> Vec<Article> {
    match bodies {
        Ok(bodies) if bodies.len() == heads.len() => heads
            .iter()
            .zip(bodies)
            .map(|(a, b)| {
                let mut a = a.clone();
                a.put_body(b);
                a
            })
            .collect(),
        Ok(_) => heads
            .iter()
            .map(|a| unreadable(a, "fewer bodies than articles"))
            .collect(),
        Err(e) => heads.iter().map(|a| unreadable(a, &e)).collect(),
    }
}

/// The article with one paragraph saying why its body cannot be shown.
fn unreadable(a: &Article, why: &str) -> Article {
    tracing::warn!("the body of {} cannot be read: {why}", a.id);
    let mut a = a.clone();
    a.paragraphs = vec![format!("（正文无法读取：{why}；请重新打开 gongbao）")];
    a
}
