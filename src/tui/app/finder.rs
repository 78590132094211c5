//! Search in the reader: the index opened or built in a background thread (progress on the
//! status line; lists and filters work meanwhile), the `/` prompt with live results, hit
//! counts per city for the sidebar, the hits of the open article for highlighting and n/N,
//! and related articles. Holds no terminal state; `App` drives it and `ui` draws it.

use super::{App, Overlay};
use crate::model::Corpus;
use crate::model::View;
use crate::search::announce::Announced;
use crate::search::pagetext::{Leftovers, PageHit};
use crate::search::{
    IndexJob, IndexSpec, Opened, SearchHit, SearchOptions, SearchResults, Searcher, Sort,
};
use crate::tui::action::Action;
use crate::tui::layout::Pane;
use std::collections::HashMap;
use std::sync::Arc;

/// How many hits the list shows at most.
pub const MAX_HITS: usize = 500;
/// How many related articles are listed under an article.
pub const RELATED: usize = 5;
/// How many characters the `/` prompt holds; a longer paste is cut here.
pub const MAX_QUERY_CHARS: usize = 1000;
/// How many characters the city prompt holds.
pub const MAX_PROMPT_CHARS: usize = 32;

/// Adds `text` to a prompt's `input`, at most `max` characters in all; control characters
/// (a pasted paragraph's line breaks, tabs, escapes) become spaces. Returns whether some of
/// `text` did not fit.
pub fn push_clipped(input: &mut String, text: &str, max: usize) -> bool {
    let room = max.saturating_sub(input.chars().count());
    for (taken, c) in text.chars().enumerate() {
        if taken == room {
            return true;
        }
        input.push(if c.is_control() { ' ' } else { c });
    }
    false
}

/// Ctrl-W: deletes the last word of a prompt's `input` (white space after it, then back to
/// the white space before it), as a shell's line editor does.
pub fn delete_word(input: &mut String) {
    let kept = input.trim_end().len();
    input.truncate(kept);
    let start = input.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    input.truncate(start);
}

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
    /// The order of the hits (Ctrl-O in the prompt), kept from one search to the next.
    pub sort: Sort,
    /// Related articles by article index, computed on first view.
    related: HashMap<usize, Vec<SearchHit>>,
    /// The corpus and where its index lives, kept to heal or move the index.
    source: Option<(Arc<Corpus>, IndexSpec)>,
    /// Whether a heal after a failed query has run: a second failure is only reported.
    healed: bool,
    /// What the status line should say once (the index rebuilt, a query failed...).
    notice: Option<String>,
    /// The pages' banners and unplaced text, searched beside the index: gathered at the first
    /// search (a million articles' pages take a quarter of a second), and again after a
    /// reload.
    leftovers: Option<Leftovers>,
    /// Another process's update of this index, under way (its announcement).
    other: Option<Announced>,
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
        self.index = IndexState::Building(IndexJob::spawn(corpus.clone(), spec.clone()));
        self.source = Some((corpus, spec));
    }

    /// The message the status line should show once, if any (taken).
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Uses an index already open (tests, benches).
    pub fn set_searcher(&mut self, s: Arc<Searcher>) {
        self.index = IndexState::Ready(s);
    }

    /// Searches `searcher` from now on: an index opened again for `corpus` (in `spec`)
    /// after another gongbao updated it. Related articles found before are forgotten.
    pub fn replace_index(&mut self, corpus: Arc<Corpus>, spec: IndexSpec, searcher: Searcher) {
        self.index = IndexState::Ready(Arc::new(searcher));
        self.related.clear();
        self.source = Some((corpus, spec));
        self.healed = false;
        self.other = None;
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
                if let Opened::Rebuilt { reason, moved_to } = &opened {
                    let aside = moved_to
                        .as_ref()
                        .map_or_else(String::new, |p| format!("，旧索引移到 {}", p.display()));
                    self.notice = Some(format!("搜索索引已重建（{reason}）{aside}"));
                }
                self.related.clear();
                self.index = IndexState::Ready(Arc::new(s));
                true
            }
            Some(Err(e)) => {
                tracing::error!("search index: {e}");
                match self.source.as_mut() {
                    // The cache folder cannot be written (read-only, full): index in memory.
                    Some((corpus, spec)) if spec.dir.is_some() => {
                        let dir = spec.dir.take().unwrap_or_default();
                        self.notice = Some(format!(
                            "索引无法写入 {}（{e}），改在内存中建立",
                            dir.display()
                        ));
                        *spec = IndexSpec::in_ram();
                        self.index =
                            IndexState::Building(IndexJob::spawn(corpus.clone(), spec.clone()));
                    }
                    _ => self.index = IndexState::Failed(e.to_string()),
                }
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

    /// Shows (or, with `None`, stops showing) another process's update of the index.
    /// Returns whether what the status line says changed.
    pub fn set_other_update(&mut self, other: Option<Announced>) -> bool {
        std::mem::replace(&mut self.other, other) != other
    }

    /// The status line's word on the index: `索引 42%`, `索引失败`, another process's
    /// update (`另一个 gongbao 在更新索引 42%`), or nothing when ready.
    #[must_use]
    pub fn status(&self) -> Option<String> {
        match &self.index {
            IndexState::Ready(_) => self.other.map(|o| o.label()),
            IndexState::Off => None,
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
            sort: self.sort,
            ..SearchOptions::default()
        };
        match crate::search::run_caught(&searcher, &a.input, &opts) {
            Ok(r) => a.results = r.resolve(corpus),
            Err(e) => {
                tracing::warn!("search failed: {e}");
                a.results = SearchResults::default();
                a.selected = 0;
                self.failed(&e);
                return;
            }
        }
        // Page-level text has no city: a search kept within one finds no page.
        a.pages = if a.within.is_none() {
            // From the text kept beside the index (nothing of it in memory: a million
            // articles' pages hold a quarter of a GiB of it), found in the corpus by id; from
            // the pages themselves, gathered once, where the index keeps none.
            let kept = self.source.as_ref().and_then(|(_, spec)| {
                crate::search::kept_page_hits(&searcher, spec, &a.input, MAX_HITS)
            });
            match kept {
                Some(hits) => in_corpus_order(hits, corpus),
                None => self
                    .leftovers
                    .get_or_insert_with(|| Leftovers::of(corpus))
                    .search(&a.input, MAX_HITS),
            }
        } else {
            Vec::new()
        };
        a.selected = 0;
    }

    /// A query or related-articles lookup failed (or panicked): says so, and the first time
    /// has the index checked against its checksums and, if damaged, rebuilt in the
    /// background.
    fn failed(&mut self, failure: &str) {
        let Some((corpus, spec)) = self.source.clone() else {
            self.notice = Some(format!("搜索出错：{failure}"));
            return;
        };
        if self.healed {
            self.notice = Some(format!("搜索出错：{failure}"));
            return;
        }
        self.healed = true;
        self.notice = Some("搜索出错，正在检查索引".to_string());
        self.index = IndexState::Building(IndexJob::heal(corpus, spec, failure.to_string()));
    }

    /// The page hit selected in the prompt's box, if the selection is past the articles.
    #[must_use]
    pub fn selected_page(&self) -> Option<&PageHit> {
        let a = self.active.as_ref()?;
        a.pages.get(a.selected.checked_sub(a.results.hits.len())?)
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

    /// Drops the gathered page-level text (the corpus changed): the next search gathers it
    /// again.
    pub fn forget_leftovers(&mut self) {
        self.leftovers = None;
    }

    /// Whether the pages' page-level text was gathered in memory (it is not where the index
    /// on disk keeps it).
    #[must_use]
    pub fn leftovers_gathered(&self) -> bool {
        self.leftovers.is_some()
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
            let Some(a) = corpus.head(article) else {
                return &[];
            };
            let mut hits = match crate::panics::catch(|| s.related(a.id(), RELATED)) {
                Ok(Ok(hits)) => hits,
                Ok(Err(e)) => {
                    let e = e.to_string();
                    tracing::warn!("related articles: {e}");
                    self.failed(&e);
                    return &[];
                }
                Err(panic) => {
                    tracing::warn!("related articles panicked: {panic}");
                    self.failed(&format!("panicked: {panic}"));
                    return &[];
                }
            };
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
            pages: Vec::new(),
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
        let page_hit = self.search.selected_page().cloned();
        let Some(a) = self.search.active.as_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        match action {
            Action::Input(c) => {
                push_clipped(&mut a.input, c.encode_utf8(&mut [0; 4]), MAX_QUERY_CHARS);
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Paste(text) => {
                if push_clipped(&mut a.input, &text, MAX_QUERY_CHARS) {
                    self.message = Some(format!("粘贴的内容超过 {MAX_QUERY_CHARS} 字, 已截断"));
                }
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Backspace | Action::DeleteWord | Action::ClearInput => {
                match action {
                    Action::Backspace => drop(a.input.pop()),
                    Action::DeleteWord => delete_word(&mut a.input),
                    _ => a.input.clear(),
                }
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
            Action::SortHits => {
                self.search.sort = self.search.sort.toggled();
                self.search.run(&self.corpus);
                self.apply_results();
            }
            Action::Up | Action::Down => {
                // Past the articles, the pages whose banners or unplaced text hold the words.
                let last = (a.results.hits.len() + a.pages.len()).saturating_sub(1);
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
            Action::Open if page_hit.is_some() => {
                a.editing = false;
                if let Some(hit) = page_hit {
                    self.open_page_source(hit.page, &hit.line);
                }
            }
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
            pages: Vec::new(),
            selected: 0,
            saved,
            related_of: Some(article),
            previous,
        });
        self.apply_results();
        self.set_focus(Pane::List);
    }
}

/// Page-level hits found by page id in `corpus`, in its page order (a page it lacks is left
/// out).
fn in_corpus_order(hits: Vec<PageHit>, corpus: &Corpus) -> Vec<PageHit> {
    let mut found: Vec<PageHit> = hits
        .into_iter()
        .filter_map(|mut h| {
            h.page = corpus.page_index(&h.page_id)?;
            Some(h)
        })
        .collect();
    found.sort_by_key(|h| h.page);
    found
}
