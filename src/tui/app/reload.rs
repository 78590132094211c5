//! Swapping in a corpus and index opened again (another gongbao imported pages): the view,
//! the selected article, the reader's scroll, the focus, a search and the source view are
//! kept, their article and page numbers found again in the new corpus by page and id.
//! Reads no file; the watch that finds the new commit (and another process's update under
//! way, shown on the status line meanwhile) is `crate::tui::watch`.

use super::finder::Active;
use super::{App, Overlay};
use crate::model::Corpus;
use crate::search::announce::Announced;
use crate::search::{IndexSpec, Searcher};
use std::sync::Arc;

impl App {
    /// Shows on the status line another process's update of the index (`None`: none under
    /// way). Returns whether the line changed.
    pub fn show_other_update(&mut self, other: Option<Announced>) -> bool {
        self.search.set_other_update(other)
    }

    /// Shows `corpus` and searches `searcher` (its index, in `spec`) from now on, keeping
    /// the reader's place and state; `errors` (pages that could not be loaded) join the
    /// warnings. Says on the status line how many pages and articles it now holds.
    pub fn reload(
        &mut self,
        corpus: Corpus,
        searcher: Searcher,
        spec: IndexSpec,
        errors: Vec<String>,
    ) {
        let old = self.corpus.clone();
        let new = Arc::new(corpus);
        // Where the place is, by id (the view, selection, scroll anchor and focus).
        self.remember_position();
        let find = |i: usize| {
            old.head(i).and_then(|a| {
                let page = &old.pages.get(a.page())?.id;
                new.article_index(page, a.id())
            })
        };
        // The reader's article by its new number; what was set at the old numbers is
        // another article's now (the review: rows already read showed the article that had
        // their number before the reload).
        self.reader.article = self.reader.article.and_then(find);
        self.reader.cache.clear();
        if let Some(a) = self.search.active.as_mut() {
            remap_active(a, &find, &new);
        }
        if let Overlay::Source(v) = &mut self.overlay {
            let page = old.pages.get(v.page).and_then(|p| new.page_index(&p.id));
            match page {
                Some(p) => {
                    v.page = p;
                    v.first = new.page_articles(p).start;
                    v.article = v.article.and_then(find);
                }
                None => self.overlay = Overlay::None,
            }
        }
        // Pages come and go by id: a page removed and another added are both said.
        let (added, removed) = {
            fn ids(c: &Corpus) -> std::collections::HashSet<&str> {
                c.pages.iter().map(|p| p.id.as_str()).collect()
            }
            let (before, after) = (ids(&old), ids(&new));
            (
                after.difference(&before).count(),
                before.difference(&after).count(),
            )
        };
        self.corpus = new;
        for e in errors {
            if !self.warnings.contains(&e) {
                self.warnings.push(e);
            }
        }
        self.names = None;
        self.search.forget_leftovers();
        self.search
            .replace_index(self.corpus.clone(), spec, searcher);
        self.recount();
        if let Some(view) = self.search.active.as_ref().map(|a| a.saved.view.clone()) {
            // The list the search came from, as its view lists the new corpus (showing a
            // view ends a search: the search is kept aside meanwhile).
            let active = self.search.active.take();
            self.set_view(&view);
            self.search.active = active;
            let shown = self.list.shown.clone();
            let mut a = self.search.active.as_mut();
            while let Some(s) = a {
                s.saved.shown.clone_from(&shown);
                s.saved.list_sel = s.saved.list_sel.min(shown.len().saturating_sub(1));
                a = s.previous.as_deref_mut();
            }
            self.search.run(&self.corpus);
            self.apply_results();
            self.reselect();
        } else {
            self.restore();
        }
        self.reader.invalidate();
        self.set_reader();
        let changes: Vec<String> = [(added, "新增"), (removed, "移除")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, word)| format!("{word} {n} 版"))
            .collect();
        self.message = Some(format!(
            "{}：{} 版 · {} 篇{}",
            if removed == 0 {
                "已载入新的版面"
            } else {
                "版面已更新"
            },
            self.corpus.pages.len(),
            self.corpus.len(),
            if changes.is_empty() {
                String::new()
            } else {
                format!("（{}）", changes.join("，"))
            }
        ));
    }

    /// After a search's results were taken again: the article that was selected, if it is
    /// still listed.
    fn reselect(&mut self) {
        let Some(id) = self.state.last_position().and_then(|p| p.selected.clone()) else {
            return;
        };
        let Some(at) = self
            .list
            .shown
            .iter()
            .position(|&i| self.corpus.head(i).is_some_and(|a| a.id() == id))
        else {
            return;
        };
        self.list.sel = at;
        self.fix_offsets();
        self.show_selected();
    }
}

/// A search's article numbers found again in the new corpus (those gone are dropped); the
/// list it came from is taken again by [`App::reload`].
fn remap_active(a: &mut Active, find: &dyn Fn(usize) -> Option<usize>, new: &Corpus) {
    a.related_of = a.related_of.and_then(find);
    crate::search::searcher::resolve(&mut a.results.hits, new);
    a.results.hits.retain(|h| h.ord != usize::MAX);
    a.selected = a.selected.min(a.results.hits.len().saturating_sub(1));
    if let Some(p) = a.previous.as_mut() {
        remap_active(p, find, new);
    }
}
