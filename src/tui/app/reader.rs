//! The reader pane: the open article set as lines at the pane's width (from a cache by
//! article and width), its related articles listed under it once the index is ready, the
//! scroll, and the active search's hits in it (highlights, n/N). The `App` methods here
//! change it; [`Reader::invalidate`] is the one way to have the article set again.

use super::App;
use crate::tui::layout::{self, Pane};
use crate::tui::typeset::{self, ReaderLine};
use std::collections::HashMap;
use std::sync::Arc;

/// The reader pane: the article it shows, set at the pane's width, and the scroll.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub(super) article: Option<usize>,
    /// The width `lines` are set at; 0 when they must be set again.
    pub(super) width: u16,
    pub(super) lines: Arc<Vec<ReaderLine>>,
    pub(super) scroll: usize,
    /// The search hit n/N went to last: an index into [`App::hit_lines`].
    pub(super) hit: Option<usize>,
    /// Articles set at a width, by (article, width).
    pub(super) cache: HashMap<(usize, u16), Arc<Vec<ReaderLine>>>,
    /// The place saved at the last quit, kept until the user moves: the article's lines grow
    /// after the start (its related articles come with the search index), and the place
    /// is found again in them then, rather than left where the shorter lines clamped it.
    pub(super) restored: Option<(usize, usize)>,
}

impl Reader {
    /// The article shown (an index into the corpus's articles).
    #[must_use]
    pub fn article(&self) -> Option<usize> {
        self.article
    }

    /// The article's lines at the pane's width.
    #[must_use]
    pub fn lines(&self) -> &[ReaderLine] {
        &self.lines
    }

    /// The first line shown.
    #[must_use]
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Has the article set again next time (its highlights or related articles changed).
    pub(super) fn invalidate(&mut self) {
        self.width = 0;
    }
}

impl App {
    /// Puts the list's selected article in the reader (from the top, unless it is already
    /// there).
    pub(super) fn show_selected(&mut self) {
        let a = self.selected_article();
        if a != self.reader.article {
            self.reader.article = a;
            self.reader.restored = None;
            self.reader.scroll = 0;
            self.reader.invalidate();
            self.reader.hit = None;
        }
        self.set_reader();
    }

    /// Sets the reader's article at the reader pane's width (from the cache when it can),
    /// keeping the reading position across widths.
    pub(super) fn set_reader(&mut self) {
        let screen = self.screen();
        let Some(rect) = screen.reader else {
            return;
        };
        let width = layout::text_width(rect);
        let Some(article) = self.reader.article else {
            self.reader.lines = Arc::new(Vec::new());
            self.reader.scroll = 0;
            return;
        };
        if width == self.reader.width && !self.reader.lines.is_empty() {
            return;
        }
        let anchor = self
            .reader
            .lines
            .get(self.reader.scroll)
            .map(ReaderLine::anchor);
        if self.reader.cache.len() > 64 {
            self.reader.cache.clear();
        }
        let corpus = &self.corpus;
        let lines = self
            .reader
            .cache
            .entry((article, width))
            .or_insert_with(|| {
                // The body is read now (from the model cache) when the corpus holds only
                // the article's head.
                corpus.whole(article).map_or_else(
                    || Arc::new(Vec::new()),
                    |a| Arc::new(typeset::typeset(corpus, &a, usize::from(width))),
                )
            })
            .clone();
        let lines = self.with_related(article, lines, width);
        let anchor = self.reader.restored.or(anchor);
        self.reader.scroll = anchor.map_or(0, |a| typeset::find_anchor(&lines, a));
        self.reader.lines = lines;
        self.reader.width = width;
        self.clamp_reader();
    }

    pub(super) fn reader_max(&self) -> usize {
        self.reader
            .lines
            .len()
            .saturating_sub(self.rows(Pane::Reader).max(1))
    }

    pub(super) fn clamp_reader(&mut self) {
        self.reader.scroll = self.reader.scroll.min(self.reader_max());
    }

    /// How far through the article the reader is, in percent.
    #[must_use]
    pub fn reader_percent(&self) -> usize {
        (self.reader.scroll * 100)
            .checked_div(self.reader_max())
            .unwrap_or(100)
    }

    pub(super) fn scroll_reader(&mut self, delta: isize) {
        self.reader.restored = None;
        self.reader.scroll = self.reader.scroll.saturating_add_signed(delta);
        self.clamp_reader();
    }

    /// The reader lines holding a hit of the active search.
    #[must_use]
    pub fn hit_lines(&self) -> Vec<usize> {
        lines_with_hits(&self.line_hits())
    }

    /// The active search's hits in each reader line, as byte ranges of the line's text. The
    /// lines of one block are searched as one text, so a hit that a line break cuts is
    /// highlighted on both lines. The related articles' titles hold none.
    #[must_use]
    pub fn line_hits(&self) -> Vec<Vec<std::ops::Range<usize>>> {
        let lines = &self.reader.lines;
        let mut out = vec![Vec::new(); lines.len()];
        let needles = self.search.needles();
        if needles.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < lines.len() {
            let block = lines[i].block;
            let mut joined = String::new();
            // Where each line of the block starts in `joined`.
            let mut starts = Vec::new();
            let mut j = i;
            while j < lines.len() && lines[j].block == block {
                starts.push(joined.len());
                joined.push_str(&lines[j].text);
                j += 1;
            }
            // The related articles' titles under the article are not its text: n/N stay in it.
            if matches!(
                lines[i].kind,
                typeset::LineKind::Related | typeset::LineKind::RelatedHeading
            ) {
                i = j;
                continue;
            }
            for r in crate::search::snippet::find(&joined, needles) {
                for (k, &from) in starts.iter().enumerate() {
                    let to = from + lines[i + k].text.len();
                    let (a, b) = (r.start.max(from), r.end.min(to));
                    if a < b {
                        out[i + k].push(a - from..b - from);
                    }
                }
            }
            i = j;
        }
        out
    }

    pub(super) fn jump_first_hit(&mut self) {
        let lines = self.hit_lines();
        self.go_to_hit(&lines, 0);
    }

    /// n / N: the next (previous) line with a hit becomes the current one, near the top of
    /// the reader (as near as the article's end allows), going round at either end.
    pub(super) fn jump_hit(&mut self, forward: bool) {
        let lines = self.hit_lines();
        if lines.is_empty() {
            return;
        }
        let n = lines.len();
        // Without a current hit, the first one at or below the top of the reader.
        let current = self.reader.hit.filter(|&h| h < n).unwrap_or_else(|| {
            let first = lines
                .iter()
                .position(|&l| l >= self.reader.scroll)
                .unwrap_or(0);
            if forward {
                (first + n - 1) % n
            } else {
                first
            }
        });
        let next = if forward {
            (current + 1) % n
        } else {
            (current + n - 1) % n
        };
        self.go_to_hit(&lines, next);
    }

    pub(super) fn go_to_hit(&mut self, lines: &[usize], i: usize) {
        if let Some(&l) = lines.get(i) {
            self.reader.hit = Some(i);
            self.reader.restored = None;
            self.reader.scroll = l.saturating_sub(2);
            self.clamp_reader();
        }
    }

    /// The current search hit's line and its place among the lines with hits: `(line, i, n)`.
    #[must_use]
    pub fn current_hit(&self) -> Option<(usize, usize, usize)> {
        self.current_hit_of(&self.hit_lines())
    }

    /// [`App::current_hit`] given the lines with hits, computed already.
    #[must_use]
    pub fn current_hit_of(&self, hit_lines: &[usize]) -> Option<(usize, usize, usize)> {
        let i = self.reader.hit.filter(|&h| h < hit_lines.len())?;
        Some((hit_lines[i], i, hit_lines.len()))
    }

    /// The article's lines with its related articles listed under them (once the index is
    /// ready).
    pub(super) fn with_related(
        &mut self,
        article: usize,
        lines: Arc<Vec<ReaderLine>>,
        width: u16,
    ) -> Arc<Vec<ReaderLine>> {
        let related = self.search.related(&self.corpus, article);
        if related.is_empty() {
            return lines;
        }
        let mut v: Vec<ReaderLine> = lines.as_ref().clone();
        // The related lines' blocks come after the article's own.
        let block = v.last().map_or(0, |l| l.block + 1);
        let line = |text: String, kind, i: usize| ReaderLine {
            text,
            kind,
            block: block + i,
            start: 0,
        };
        v.push(line(String::new(), typeset::LineKind::Blank, 0));
        v.push(line(
            "相关文章 (r 列出)".to_string(),
            typeset::LineKind::RelatedHeading,
            1,
        ));
        let w = usize::from(width).max(4);
        for (i, h) in related.iter().enumerate() {
            let city = h
                .city
                .as_deref()
                .map_or(String::new(), |c| format!(" · {c}"));
            // Marked, not numbered: the digit keys pick cities.
            let text = crate::text::truncate(&format!("▸ {}{city}", h.title), w);
            v.push(line(text, typeset::LineKind::Related, i + 2));
        }
        Arc::new(v)
    }
}

/// The indexes of the lines that hold a hit, given each line's hits.
#[must_use]
pub fn lines_with_hits(line_hits: &[Vec<std::ops::Range<usize>>]) -> Vec<usize> {
    line_hits
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .map(|(i, _)| i)
        .collect()
}
