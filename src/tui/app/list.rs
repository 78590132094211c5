//! The list pane and the sidebar beside it: what the list shows (one [`View`]: a city, a
//! union body, a page, all articles, 未读 or 已收藏), the articles it shows, the sidebar's
//! rows and their counts, and where each pane is selected and scrolled. The `App` methods
//! here change them; they never draw.

use super::App;
use crate::model::View;
use crate::tui::layout::Pane;

/// A row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    All,
    /// 未读: the articles not yet read.
    Unread,
    /// 已收藏: the starred articles.
    Starred,
    /// Index into `corpus.cities`.
    City(usize),
    /// City index, union body index.
    Union(usize, usize),
    /// The heading of the pages group (not selectable).
    PagesHeading,
    /// An edition's date over its pages (not selectable): index into `corpus.editions`.
    Edition(usize),
    /// Index into `corpus.pages`.
    Page(usize),
}

impl Entry {
    /// A heading row, which the selection steps over.
    #[must_use]
    pub fn is_heading(self) -> bool {
        matches!(self, Entry::PagesHeading | Entry::Edition(_))
    }
}

/// The order of the list's articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListOrder {
    /// As printed: edition (newest first), page, place on the page.
    #[default]
    Print,
    /// By city, in the sidebar's order; as printed within a city.
    City,
}

impl ListOrder {
    /// How the status line names it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ListOrder::Print => "按日期版序",
            ListOrder::City => "按城市",
        }
    }
}

/// The list and the sidebar.
#[derive(Debug, Clone, Default)]
pub(super) struct List {
    /// What the list shows.
    pub(super) view: View,
    /// The articles the list shows (article indexes of the corpus).
    pub(super) shown: Vec<usize>,
    pub(super) sel: usize,
    pub(super) offset: usize,
    /// The sidebar's rows.
    pub(super) entries: Vec<Entry>,
    pub(super) sidebar_sel: usize,
    pub(super) sidebar_offset: usize,
    /// How many articles are unread and starred (the sidebar's counts).
    pub(super) counts: (usize, usize),
    /// The order of the articles of a view.
    pub(super) order: ListOrder,
}

impl App {
    /// What the list shows: a city, union body or page, all articles, or 未读 / 已收藏.
    #[must_use]
    pub fn view(&self) -> View {
        self.list.view.clone()
    }

    /// The part of the view the corpus answers: the view, or 全部 for 未读 and 已收藏.
    #[must_use]
    pub fn filter(&self) -> View {
        if self.list.view.is_marked() {
            View::All
        } else {
            self.list.view.clone()
        }
    }

    /// The articles the list shows (indexes into the corpus's articles).
    #[must_use]
    pub fn shown(&self) -> &[usize] {
        &self.list.shown
    }

    /// The list's selected row.
    #[must_use]
    pub fn list_sel(&self) -> usize {
        self.list.sel
    }

    /// The list's first row shown.
    #[must_use]
    pub fn list_offset(&self) -> usize {
        self.list.offset
    }

    /// The sidebar's rows.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.list.entries
    }

    /// The sidebar's selected row.
    #[must_use]
    pub fn sidebar_sel(&self) -> usize {
        self.list.sidebar_sel
    }

    /// The sidebar's first row shown.
    #[must_use]
    pub fn sidebar_offset(&self) -> usize {
        self.list.sidebar_offset
    }

    /// The status line's view: `全部`, `湛江市`, `湛江市 · 湛江市总工会`, `版面 2`, `未读`.
    #[must_use]
    pub fn filter_label(&self) -> String {
        if let Some(a) = &self.search.active {
            if let Some(of) = a.related_of {
                let title = self
                    .corpus
                    .head(of)
                    .map(|x| x.title().to_string())
                    .unwrap_or_default();
                return format!("相关: {title}");
            }
            let scope = a.within.clone().unwrap_or_else(|| "全部".to_string());
            // A query with its own quotes is shown as typed, not quoted again.
            return if a.input.contains('"') {
                format!("搜索 {} · {scope}", a.input)
            } else {
                format!("搜索 “{}” · {scope}", a.input)
            };
        }
        match &self.list.view {
            View::Unread => "未读".to_string(),
            View::Starred => "已收藏".to_string(),
            View::All => "全部".to_string(),
            View::City { city } => city.clone(),
            View::Union { city, union } => format!("{city} · {union}"),
            // With its edition's date: the status line stands for the whole view.
            View::Page { page } => self
                .corpus
                .page_index(page)
                .and_then(|i| self.corpus.pages.get(i))
                .map_or_else(|| page.clone(), crate::model::Page::dated_name),
        }
    }

    /// The article the list has selected.
    #[must_use]
    pub fn selected_article(&self) -> Option<usize> {
        self.list.shown.get(self.list.sel).copied()
    }

    /// The view a sidebar entry stands for (`None` for the pages' heading).
    #[must_use]
    pub fn entry_view(&self, e: Entry) -> Option<View> {
        let c = &self.corpus;
        match e {
            Entry::All => Some(View::All),
            Entry::Unread => Some(View::Unread),
            Entry::Starred => Some(View::Starred),
            Entry::City(i) => c.cities.get(i).map(|x| View::City {
                city: x.name.clone(),
            }),
            Entry::Union(i, u) => c.cities.get(i).and_then(|x| {
                x.unions.get(u).map(|y| View::Union {
                    city: x.name.clone(),
                    union: y.name.clone(),
                })
            }),
            Entry::PagesHeading | Entry::Edition(_) => None,
            Entry::Page(i) => c.pages.get(i).map(|p| View::Page { page: p.id.clone() }),
        }
    }

    /// The count the sidebar shows beside an entry: while a query is typed, only 全部 and
    /// the cities count its hits, and the other rows show none (a union body's or the
    /// unread articles' total beside hit counts read as hits).
    #[must_use]
    pub fn shown_count(&self, e: Entry) -> Option<usize> {
        let searching = self
            .search
            .active
            .as_ref()
            .is_some_and(|a| a.related_of.is_none() && !a.input.trim().is_empty());
        (!searching || matches!(e, Entry::All | Entry::City(_))).then(|| self.entry_count(e))
    }

    /// The article count of a sidebar entry (while a query is typed: 全部's and the cities'
    /// hits).
    #[must_use]
    pub fn entry_count(&self, e: Entry) -> usize {
        let c = &self.corpus;
        // While a query is typed, 全部 and the cities count its hits (an empty query, or the
        // related articles, leave the counts as they were).
        if let Some(a) = self
            .search
            .active
            .as_ref()
            .filter(|a| a.related_of.is_none() && !a.input.trim().is_empty())
        {
            match e {
                Entry::All => return a.results.hits.len().max(a.results.total),
                Entry::City(i) => {
                    return c
                        .cities
                        .get(i)
                        .and_then(|x| self.search.city_count(&x.name))
                        .unwrap_or(0)
                }
                _ => {}
            }
        }
        match e {
            Entry::Unread => self.list.counts.0,
            Entry::Starred => self.list.counts.1,
            Entry::All => c.len(),
            Entry::City(i) => c.cities.get(i).map_or(0, |x| x.articles.len()),
            Entry::Union(i, u) => c
                .cities
                .get(i)
                .and_then(|x| x.unions.get(u))
                .map_or(0, |y| y.articles.len()),
            Entry::PagesHeading => 0,
            Entry::Edition(e) => c.editions.get(e).map_or(0, |x| {
                x.pages.iter().map(|&p| c.page_articles(p).len()).sum()
            }),
            Entry::Page(i) => c.page_articles(i).len(),
        }
    }

    pub(super) fn filter_city(&self) -> Option<&str> {
        match &self.list.view {
            View::City { city } | View::Union { city, .. } => Some(city),
            _ => None,
        }
    }

    pub(super) fn build_entries(&self) -> Vec<Entry> {
        let mut v = vec![Entry::All, Entry::Unread, Entry::Starred];
        let open = self.filter_city();
        for (i, c) in self.corpus.cities.iter().enumerate() {
            v.push(Entry::City(i));
            if open == Some(c.name.as_str()) {
                v.extend((0..c.unions.len()).map(|u| Entry::Union(i, u)));
            }
        }
        if !self.corpus.pages.is_empty() {
            v.push(Entry::PagesHeading);
            for (e, edition) in self.corpus.editions.iter().enumerate() {
                if edition.date.is_some() {
                    v.push(Entry::Edition(e));
                }
                v.extend(edition.pages.iter().copied().map(Entry::Page));
            }
        }
        v
    }

    /// Shows a view: a filter, or 未读 / 已收藏 (the articles unread or starred now; the list
    /// keeps them while it shows them, even once read or unstarred). Keeps the open article
    /// selected if it is still shown.
    pub fn set_view(&mut self, view: &View) {
        tracing::debug!(?view, "view");
        let mut shown = self.state.view(&self.corpus, view);
        self.sort_shown(&mut shown);
        self.show(shown, view.clone());
    }

    /// The list's order.
    #[must_use]
    pub fn list_order(&self) -> ListOrder {
        self.list.order
    }

    /// Puts articles in the list's order.
    fn sort_shown(&self, shown: &mut [usize]) {
        let c = &self.corpus;
        match self.list.order {
            ListOrder::Print => shown.sort_by_key(|&a| c.print_rank(a)),
            ListOrder::City => {
                let city = |a: usize| {
                    c.head(a)
                        .and_then(|x| x.city())
                        .and_then(|name| c.cities.iter().position(|e| e.name == name))
                        .unwrap_or(usize::MAX)
                };
                shown.sort_by_key(|&a| (city(a), c.print_rank(a)));
            }
        }
    }

    /// `O`: the list by date and print order, or by city (a search's hits keep theirs).
    pub(super) fn toggle_order(&mut self) {
        self.list.order = match self.list.order {
            ListOrder::Print => ListOrder::City,
            ListOrder::City => ListOrder::Print,
        };
        if self.search.active.is_none() {
            let mut shown = std::mem::take(&mut self.list.shown);
            self.sort_shown(&mut shown);
            let view = self.list.view.clone();
            self.show(shown, view);
        }
        self.message = Some(format!("列表{}排列", self.list.order.label()));
    }

    pub(super) fn show(&mut self, shown: Vec<usize>, view: View) {
        self.search.active = None;
        let keep = self.reader.article;
        self.list.shown = shown;
        self.list.view = view;
        self.list.entries = self.build_entries();
        let v = Some(self.list.view.clone());
        self.list.sidebar_sel = self
            .list
            .entries
            .iter()
            .position(|e| self.entry_view(*e) == v)
            .unwrap_or(0);
        self.list.sel = keep
            .and_then(|a| self.list.shown.iter().position(|&x| x == a))
            .unwrap_or(0);
        self.list.offset = 0;
        self.fix_offsets();
        self.show_selected();
    }

    /// Keeps the selections of sidebar and list inside their panes.
    pub(super) fn fix_offsets(&mut self) {
        let rows = self.rows(Pane::Sidebar);
        if rows > 0 {
            self.list.sidebar_offset =
                follow(self.list.sidebar_offset, self.list.sidebar_sel, rows)
                    .min(self.list.entries.len().saturating_sub(rows));
        }
        let rows = self.rows(Pane::List);
        if rows > 0 {
            // A 版面 view lists its page's banners and unplaced lines after the articles:
            // at the last article, they come into sight too.
            let total = self.list.shown.len() + self.page_leftovers().len();
            let mut offset = follow(self.list.offset, self.list.sel, rows);
            if self.list.sel + 1 == self.list.shown.len() {
                offset = offset.max(total.saturating_sub(rows).min(self.list.sel));
            }
            self.list.offset = offset.min(total.saturating_sub(rows));
        }
    }

    pub(super) fn select_entry(&mut self, index: usize) {
        if let Some(v) = self
            .list
            .entries
            .get(index)
            .and_then(|e| self.entry_view(*e))
        {
            self.set_view(&v);
        }
    }

    /// Moves the sidebar selection by `delta` entries (skipping headings) and applies it.
    pub(super) fn move_sidebar(&mut self, delta: isize) {
        let Some(last) = self.list.entries.len().checked_sub(1) else {
            return;
        };
        let mut i = self.list.sidebar_sel.saturating_add_signed(delta).min(last);
        // Step over headings (the 版面 heading, then an edition's date), back the other way
        // at either end.
        let forward = delta > 0;
        let step = |i: usize, forward: bool| -> Option<usize> {
            let mut j = i;
            while self.list.entries.get(j).is_some_and(|e| e.is_heading()) {
                j = if forward {
                    j.checked_add(1)?
                } else {
                    j.checked_sub(1)?
                };
                if j > last {
                    return None;
                }
            }
            Some(j)
        };
        i = match step(i, forward).or_else(|| step(i, !forward)) {
            Some(j) => j,
            None => return,
        };
        self.select_entry(i);
    }

    pub(super) fn move_list(&mut self, delta: isize) {
        if self.list.shown.is_empty() {
            return;
        }
        let last = self.list.shown.len() - 1;
        self.list.sel = self.list.sel.saturating_add_signed(delta).min(last);
        self.fix_offsets();
        self.show_selected();
    }

    /// The city filter's step through the sidebar's cities: 全部 → first → … → last → 全部.
    pub(super) fn step_city(&mut self, forward: bool) {
        let n = self.corpus.cities.len();
        if n == 0 {
            return;
        }
        let cur = self
            .filter_city()
            .and_then(|c| self.corpus.cities.iter().position(|x| x.name == c));
        let next = match (cur, forward) {
            (None, true) => Some(0),
            (None, false) => Some(n - 1),
            (Some(i), true) => (i + 1 < n).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        let f = next
            .and_then(|i| self.corpus.cities.get(i))
            .map_or(View::All, |c| View::City {
                city: c.name.clone(),
            });
        self.set_view(&f);
    }
}

/// The offset that keeps `sel` inside a window of `rows` rows, moving as little as possible.
fn follow(offset: usize, sel: usize, rows: usize) -> usize {
    if sel < offset {
        sel
    } else if sel >= offset + rows {
        sel + 1 - rows
    } else {
        offset
    }
}
