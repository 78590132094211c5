//! Search in the reader: the index opened or built in a background thread (progress on the
//! status line; lists and filters work meanwhile), the `/` prompt with live results, hit
//! counts per city for the sidebar, the hits of the open article for highlighting and n/N,
//! and related articles. Holds no terminal state; `App` drives it and `ui` draws it.

use super::{App, Overlay};
use crate::model::Corpus;
use crate::search::{IndexJob, IndexSpec, SearchHit, SearchOptions, SearchResults, Searcher};
use crate::store::state::View;
use crate::tui::action::Action;
use crate::tui::layout::Pane;
use std::collections::HashMap;
use std::sync::Arc;

/// How many hits the list shows at most.
pub const MAX_HITS: usize = 500;
/// How many related articles are listed under an article.
pub const RELATED: usize = 5;

/// Where the index is.
#[derive(Default)]
pub enum IndexState {
    /// No index was asked for.
    #[default]
    Off,
    Building(IndexJob),
    Ready(Arc<Searcher>),
    Failed(String),
}

/// The list as it was before a search replaced it (Esc puts it back).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub view: View,
    pub shown: Vec<usize>,
    pub list_sel: usize,
    pub list_offset: usize,
}

/// A search being typed or kept.
#[derive(Debug, Clone)]
pub struct Active {
    pub input: String,
    /// Whether the prompt is open (typing); after Enter the results stay as the list.
    pub editing: bool,
    /// The city the search is kept within (the filter's city when `/` was pressed); `None`
    /// once widened to everything.
    pub within: Option<String>,
    pub results: SearchResults,
    /// Selected result in the prompt's box.
    pub selected: usize,
    pub saved: Saved,
    /// Whether this result set is the related articles of one article (not a query).
    pub related_of: Option<usize>,
    /// The search the related articles were listed from: Esc goes back to its results.
    pub previous: Option<Box<Active>>,
}

/// Everything search in the reader needs.
#[derive(Default)]
pub struct SearchState {
    pub index: IndexState,
    pub active: Option<Active>,
    /// Related articles by article index, computed on first view.
    related: HashMap<usize, Vec<SearchHit>>,
}

impl std::fmt::Debug for SearchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchState")
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

impl SearchState {
    /// Starts opening or building the index of `corpus` in the background.
    pub fn start(&mut self, corpus: Arc<Corpus>, spec: IndexSpec) {
        self.index = IndexState::Building(IndexJob::spawn(corpus, spec));
    }

    /// Uses an index already open (tests, benches).
    pub fn set_searcher(&mut self, s: Arc<Searcher>) {
        self.index = IndexState::Ready(s);
    }

    /// Takes the background job's result if it has finished. Returns whether anything
    /// changed.
    pub fn poll(&mut self) -> bool {
        let IndexState::Building(job) = &self.index else {
            return false;
        };
        match job.poll() {
            None => false,
            Some(Ok((s, opened))) => {
                tracing::info!(?opened, "search index ready");
                self.index = IndexState::Ready(Arc::new(s));
                true
            }
            Some(Err(e)) => {
                tracing::error!("search index: {e}");
                self.index = IndexState::Failed(e.to_string());
                true
            }
        }
    }

    /// Whether a background build is running (the event loop then wakes up to show
    /// progress).
    #[must_use]
    pub fn building(&self) -> bool {
        matches!(self.index, IndexState::Building(_))
    }

    #[must_use]
    pub fn searcher(&self) -> Option<&Arc<Searcher>> {
        match &self.index {
            IndexState::Ready(s) => Some(s),
            _ => None,
        }
    }

    /// The status line's word on the index: `索引 42%`, `索引失败`, or nothing when ready.
    #[must_use]
    pub fn status(&self) -> Option<String> {
        match &self.index {
            IndexState::Off | IndexState::Ready(_) => None,
            IndexState::Building(job) => {
                let (done, total) = job.progress.get();
                Some(
                    (done * 100)
                        .checked_div(total)
                        .map_or_else(|| "索引准备中".to_string(), |p| format!("索引 {p}%")),
                )
            }
            IndexState::Failed(_) => Some("索引失败".to_string()),
        }
    }

    /// Runs the active query (if the index is ready), within its city; hits are found in
    /// `corpus` by page and id.
    pub fn run(&mut self, corpus: &Corpus) {
        let Some(searcher) = self.searcher().cloned() else {
            return;
        };
        let Some(a) = self.active.as_mut() else {
            return;
        };
        if a.related_of.is_some() {
            return;
        }
        let opts = SearchOptions {
            limit: MAX_HITS,
            city: a.within.clone(),
            snippet_chars: 60,
            count_cities: true,
            ..SearchOptions::default()
        };
        match searcher.search(&a.input, &opts) {
            Ok(r) => a.results = r.resolve(corpus),
            Err(e) => {
                tracing::warn!("search failed: {e}");
                a.results = SearchResults::default();
            }
        }
        a.selected = 0;
    }

    /// The hit count of a city for the active search (`None` when no search is active).
    #[must_use]
    pub fn city_count(&self, city: &str) -> Option<usize> {
        let a = self.active.as_ref()?;
        if a.related_of.is_some() {
            return Some(
                a.results
                    .hits
                    .iter()
                    .filter(|h| h.city.as_deref() == Some(city))
                    .count(),
            );
        }
        Some(
            a.results
                .city_counts
                .iter()
                .find(|(c, _)| c == city)
                .map_or(0, |(_, n)| *n),
        )
    }

    /// What to highlight in the reader.
    #[must_use]
    pub fn needles(&self) -> &[String] {
        self.active.as_ref().map_or(&[], |a| &a.results.needles)
    }

    /// Related articles of `article` (computed once; empty until the index is ready).
    pub fn related(&mut self, corpus: &Corpus, article: usize) -> &[SearchHit] {
        if !self.related.contains_key(&article) {
            let Some(s) = self.searcher() else {
                return &[];
            };
            let Some(a) = corpus.articles.get(article) else {
                return &[];
            };
            let mut hits = s.related(&a.id, RELATED).unwrap_or_else(|e| {
                tracing::warn!("related articles: {e}");
                Vec::new()
            });
            crate::search::searcher::resolve(&mut hits, corpus);
            hits.retain(|h| h.ord != usize::MAX);
            if self.related.len() > 256 {
                self.related.clear();
            }
            self.related.insert(article, hits);
        }
        self.related.get(&article).map_or(&[], Vec::as_slice)
    }
}

impl App {
    /// Uses an index already open (tests, benches); the reader lists related articles.
    pub fn set_searcher(&mut self, searcher: Arc<crate::search::Searcher>) {
        self.search.set_searcher(searcher);
        self.reader.invalidate();
        self.set_reader();
    }

    pub(super) fn open_search(&mut self) {
        let (input, within, saved) = match self.search.active.take() {
            // `/` again while results are listed: edit that query.
            Some(a) if a.related_of.is_none() => (a.input, a.within, a.saved),
            other => {
                let saved = other.map_or_else(
                    || Saved {
                        view: self.list.view.clone(),
                        shown: self.list.shown.clone(),
                        list_sel: self.list.sel,
                        list_offset: self.list.offset,
                    },
                    |a| a.saved,
                );
                (String::new(), self.filter_city().map(str::to_string), saved)
            }
        };
        self.search.active = Some(Active {
            input,
            editing: true,
            within,
            results: crate::search::SearchResults::default(),
            selected: 0,
            saved,
            related_of: None,
            previous: None,
        });
        self.search.run(&self.corpus);
        self.apply_results();
        self.overlay = Overlay::Search;
    }

    /// Shows the active search's hits as the list (the list as it was while the query is
    /// empty).
    pub(super) fn apply_results(&mut self) {
        let Some(a) = &self.search.active else {
            return;
        };
        if a.input.trim().is_empty() && a.related_of.is_none() {
            self.list.shown.clone_from(&a.saved.shown);
        } else {
            self.list.shown = a
                .results
                .hits
                .iter()
                .map(|h| h.ord)
                .filter(|&o| o != usize::MAX)
                .collect();
        }
        self.list.sel = a.selected.min(self.list.shown.len().saturating_sub(1));
        self.list.offset = 0;
        self.fix_offsets();
        self.show_selected();
        // Highlights changed: set the reader's lines again.
        self.reader.invalidate();
        self.set_reader();
    }

    /// Esc: back to the list as it was before the search.
    pub(super) fn end_search(&mut self) {
        self.overlay = Overlay::None;
        if let Some(a) = self.search.active.take() {
            if let Some(previous) = a.previous {
                self.search.active = Some(*previous);
                self.apply_results();
                return;
            }
            self.list.view = a.saved.view;
            self.list.entries = self.build_entries();
            self.list.shown = a.saved.shown;
            self.list.sel = a.saved.list_sel;
            self.list.offset = a.saved.list_offset;
            self.fix_offsets();
            self.show_selected();
            self.reader.invalidate();
            self.set_reader();
        }
    }

    pub(super) fn update_search(&mut self, action: Action) {
        let Some(a) = self.search.active.as_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        match action {
            Action::Input(c) => {
                a.input.push(c);
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Backspace => {
                a.input.pop();
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Widen => {
                a.within = match a.within.take() {
                    Some(_) => None,
                    None => match &a.saved.view {
                        View::City { city } | View::Union { city, .. } => Some(city.clone()),
                        _ => None,
                    },
                };
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Up | Action::Down => {
                let last = a.results.hits.len().saturating_sub(1);
                a.selected = if action == Action::Up {
                    a.selected.saturating_sub(1)
                } else {
                    (a.selected + 1).min(last)
                };
                self.list.sel = a.selected.min(self.list.shown.len().saturating_sub(1));
                self.fix_offsets();
                self.show_selected();
            }
            Action::Open if a.input.trim().is_empty() => self.end_search(),
            Action::Open => {
                a.editing = false;
                self.overlay = Overlay::None;
                if self.selected_article().is_some() {
                    self.set_focus(Pane::Reader);
                    self.jump_first_hit();
                }
            }
            Action::Close => self.end_search(),
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// `r`: the open article's related articles become the list (Esc goes back).
    pub(super) fn show_related(&mut self) {
        let Some(article) = self.reader.article else {
            return;
        };
        let hits = self.search.related(&self.corpus, article).to_vec();
        if hits.is_empty() {
            return;
        }
        let before = self.search.active.take();
        let saved = before.as_ref().map_or_else(
            || Saved {
                view: self.list.view.clone(),
                shown: self.list.shown.clone(),
                list_sel: self.list.sel,
                list_offset: self.list.offset,
            },
            |a| a.saved.clone(),
        );
        // From a query's results: Esc comes back to them, at the article they were on.
        let previous = before
            .filter(|a| a.related_of.is_none() && !a.input.trim().is_empty())
            .map(|mut a| {
                a.editing = false;
                a.selected = self.list.sel;
                Box::new(a)
            });
        self.search.active = Some(Active {
            input: String::new(),
            editing: false,
            within: None,
            results: crate::search::SearchResults {
                total: hits.len(),
                hits,
                ..crate::search::SearchResults::default()
            },
            selected: 0,
            saved,
            related_of: Some(article),
            previous,
        });
        self.apply_results();
        self.set_focus(Pane::List);
    }
}
