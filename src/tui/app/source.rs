//! The source view (`v`): a page's lines as printed, each with what the parser made of it
//! ([`crate::source`]), the article whose lines stand out, and the scroll; with the `App`
//! methods that open it and apply its keys, and what a 版面 view lists after its articles
//! (the page's banners and unplaced lines). Opening it reads the page's text again (from its
//! file, or the embedded seed); a page that cannot be read any more says why. Draws nothing
//! (that is `ui::source`).

use super::{App, Overlay};
use crate::model::{Corpus, View};
use crate::search::pagetext::Leftover;
use crate::source::{source_map, Owner, SourceLine};
use crate::tui::action::Action;
use std::sync::Arc;

/// A page shown as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceView {
    /// Index into `Corpus::pages`.
    pub page: usize,
    /// The article whose lines are shown normal (an article index of the corpus); `None`
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
            view.error = Some("无法显示原版：没有这个版面".to_string());
            return view;
        };
        // A page's articles stand together in the corpus, in reading order.
        let first = corpus.page_articles(page).start;
        view.first = first;
        // With their bodies: the page's lines are told apart by the articles' text.
        let articles = corpus.whole_page(page);
        match crate::load::page_text(p) {
            Ok(text) => {
                view.lines = Arc::new(source_map(&text, p, &articles));
                if let Some(at) = view.lines.iter().position(|l| view.is_own(l.owner)) {
                    view.scroll = view.context_before(at);
                }
                // Lines that the parse does not hold: the file changed after it was read.
                if view.lines.iter().any(|l| l.owner == Owner::Unknown) {
                    view.error = Some(
                        "版面文件在载入后改过：标 ？？ 的行不在载入时的版面里（重开阅读器即按新文件读）"
                            .to_string(),
                    );
                }
            }
            Err(e) => {
                view.error = Some(if std::path::Path::new(&p.source).exists() {
                    format!("无法显示原版：读不出版面文件：{e}")
                } else {
                    format!("无法显示原版：版面文件已不在（移走或删掉了）：{}", p.source)
                });
            }
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

impl App {
    /// What a 版面 view lists after its articles: the page's banners, then its unplaced
    /// lines (nothing in other views, or while a search is listed).
    #[must_use]
    pub fn page_leftovers(&self) -> Vec<(Leftover, &str)> {
        let View::Page { page: id } = self.filter() else {
            return Vec::new();
        };
        if self.search.active.is_some() {
            return Vec::new();
        }
        self.corpus
            .pages
            .iter()
            .find(|p| p.id == id)
            .map(|p| crate::model::leftover_lines(p).collect())
            .unwrap_or_default()
    }

    /// `v`: the open (or selected) article's page as printed; in a 版面 view with no article,
    /// the page itself.
    pub(super) fn open_source(&mut self) {
        let article = self.reader.article.or_else(|| self.selected_article());
        let page_id = match (article.and_then(|a| self.corpus.head(a)), self.filter()) {
            (Some(a), _) => Some(a.page()),
            (None, View::Page { page: p }) => self.corpus.page_index(&p),
            (None, _) => return,
        };
        if let Some(page) = page_id {
            let view = SourceView::open(&self.corpus, page, article);
            self.overlay = Overlay::Source(Box::new(view));
        }
    }

    /// A page as printed, scrolled to a line of its text (a page-level search hit).
    pub(super) fn open_page_source(&mut self, page: usize, line: &str) {
        let mut view = SourceView::open(&self.corpus, page, None);
        view.scroll_to(line);
        self.overlay = Overlay::Source(Box::new(view));
    }

    pub(super) fn update_source(&mut self, action: Action, mut view: SourceView) {
        // The rows inside the view's border, above the status line.
        let rows = usize::from(self.size.1.saturating_sub(3)).max(1);
        let page = isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1);
        match action {
            Action::Up => view.scroll_by(-1, rows),
            Action::Down => view.scroll_by(1, rows),
            Action::PageUp => view.scroll_by(-page, rows),
            Action::PageDown => view.scroll_by(page, rows),
            Action::Top => view.scroll = 0,
            Action::Bottom => view.scroll_by(isize::MAX / 2, rows),
            Action::Close | Action::Source => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Overlay::Help { scroll: 0 };
                return;
            }
            _ => {}
        }
        self.overlay = Overlay::Source(Box::new(view));
    }
}
