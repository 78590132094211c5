//! The source view's state (`v`): a page's lines as printed, each with what the parser made
//! of it ([`crate::source`]), the article whose lines stand out, and the scroll. Opening it
//! reads the page's text again (from its file, or the embedded seed); a page that cannot be
//! read any more says why. Draws nothing (that is `ui::source`).

use crate::model::Corpus;
use crate::source::{source_map, Owner, SourceLine};
use std::sync::Arc;

/// A page shown as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceView {
    /// Index into `Corpus::pages`.
    pub page: usize,
    /// The article whose lines are shown normal (index into `Corpus::articles`); `None`
    /// shows the page with every article's lines dimmed (a page-level search hit).
    pub article: Option<usize>,
    /// The corpus index of the page's first article: `Owner::Article(i)` is article
    /// `first + i`.
    pub first: usize,
    pub lines: Arc<Vec<SourceLine>>,
    /// The first source line shown.
    pub scroll: usize,
    /// Why the page's text could not be shown.
    pub error: Option<String>,
}

impl SourceView {
    /// The source view of page `page` with `article` (an index into the corpus's articles)
    /// standing out, scrolled to the article's first line.
    #[must_use]
    pub fn open(corpus: &Corpus, page: usize, article: Option<usize>) -> SourceView {
        let mut view = SourceView {
            page,
            article,
            first: 0,
            lines: Arc::new(Vec::new()),
            scroll: 0,
            error: None,
        };
        let Some(p) = corpus.pages.get(page) else {
            view.error = Some("没有这个版面".to_string());
            return view;
        };
        // A page's articles stand together in the corpus, in reading order.
        let first = corpus.articles.iter().position(|a| a.page == p.id);
        let count = first.map_or(0, |f| {
            corpus.articles[f..]
                .iter()
                .take_while(|a| a.page == p.id)
                .count()
        });
        view.first = first.unwrap_or(0);
        let articles = &corpus.articles[view.first..view.first + count];
        match crate::load::page_text(p) {
            Ok(text) => {
                view.lines = Arc::new(source_map(&text, p, articles));
                if let Some(at) = view.lines.iter().position(|l| view.is_own(l.owner)) {
                    view.scroll = view.context_before(at);
                }
            }
            Err(e) => view.error = Some(e.to_string()),
        }
        view
    }

    /// Whether a line of this owner is the shown article's.
    #[must_use]
    pub fn is_own(&self, owner: Owner) -> bool {
        match (owner, self.article) {
            (Owner::Article(i), Some(a)) => self.first + i == a,
            _ => false,
        }
    }

    /// Scrolls to the first line holding `text` (a banner or unplaced line a search found),
    /// or whose letters it holds.
    pub fn scroll_to(&mut self, text: &str) {
        let key = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
        let want = key(text);
        if want.is_empty() {
            return;
        }
        if let Some(at) = self.lines.iter().position(|l| {
            let k = key(&l.text);
            !k.is_empty() && (k.contains(&want) || want.contains(&k))
        }) {
            self.scroll = self.context_before(at);
        }
    }

    /// Where to start showing line `at` with one printed line of context above it (the
    /// line before it that is not blank, if any).
    fn context_before(&self, at: usize) -> usize {
        self.lines[..at]
            .iter()
            .rposition(|l| l.owner != Owner::Blank)
            .unwrap_or(0)
    }

    /// Scrolls by `delta` lines, within the page: never past where its last `rows` rows
    /// start.
    pub fn scroll_by(&mut self, delta: isize, rows: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll(rows));
    }

    /// The first line from which the page's end fills `rows` rows (as drawn: a run of blank
    /// lines takes one row, a single blank none; wrapping left aside).
    #[must_use]
    pub fn max_scroll(&self, rows: usize) -> usize {
        let mut used = 0;
        let mut at = self.lines.len();
        while at > 0 && used < rows {
            at -= 1;
            let blank = self.lines[at].owner == Owner::Blank;
            let run_start = blank && (at == 0 || self.lines[at - 1].owner != Owner::Blank);
            let run_len_two = run_start
                && self
                    .lines
                    .get(at + 1)
                    .is_some_and(|l| l.owner == Owner::Blank);
            if !blank || run_len_two {
                used += 1;
            }
        }
        at
    }
}
