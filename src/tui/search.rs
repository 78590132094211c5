//! Search in the reader: the index opened or built in a background thread (progress on the
//! status line; lists and filters work meanwhile), the `/` prompt with live results, hit
//! counts per city for the sidebar, the hits of the open article for highlighting and n/N,
//! and related articles. Holds no terminal state; `App` drives it and `ui` draws it.

use crate::model::{Corpus, Filter};
use crate::search::pagetext::{Leftovers, PageHit};
use crate::search::{IndexJob, IndexSpec, SearchHit, SearchOptions, SearchResults, Searcher};
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
    pub filter: Filter,
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
    /// Pages whose banners or unplaced text the query finds, listed after the articles.
    pub pages: Vec<PageHit>,
    /// Selected result in the prompt's box (past the articles: a page).
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
    /// The pages' banners and unplaced text, searched beside the index.
    pub leftovers: Leftovers,
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

    /// Runs the active query (if the index is ready), within its city.
    pub fn run(&mut self) {
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
            Ok(r) => a.results = r,
            Err(e) => {
                tracing::warn!("search failed: {e}");
                a.results = SearchResults::default();
            }
        }
        // Page-level text has no city: a search kept within one finds no page.
        a.pages = if a.within.is_none() {
            self.leftovers.search(&a.input, MAX_HITS)
        } else {
            Vec::new()
        };
        a.selected = 0;
    }

    /// The page hit selected in the prompt's box, if the selection is past the articles.
    #[must_use]
    pub fn selected_page(&self) -> Option<&PageHit> {
        let a = self.active.as_ref()?;
        a.pages.get(a.selected.checked_sub(a.results.hits.len())?)
    }

    /// The articles the active search lists, best first.
    #[must_use]
    pub fn hit_articles(&self) -> Option<Vec<usize>> {
        self.active
            .as_ref()
            .map(|a| a.results.hits.iter().map(|h| h.ord).collect())
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
            let hits = s.related(&a.id, RELATED).unwrap_or_else(|e| {
                tracing::warn!("related articles: {e}");
                Vec::new()
            });
            if self.related.len() > 256 {
                self.related.clear();
            }
            self.related.insert(article, hits);
        }
        self.related.get(&article).map_or(&[], Vec::as_slice)
    }
}
