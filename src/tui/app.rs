//! The reader's state ([`App`]) and everything that changes it: input arrives as an
//! [`Action`] and [`App::update`] applies it. Owns the filter, the sidebar's entries, the
//! list and reader positions, the overlays, and the per-width cache of set articles. Knows
//! nothing about terminals; `draw` only reads it.

use super::action::{Action, Dir};
use super::keymap::{Keymap, Mode};
use super::layout::{self, Pane, Screen};
use super::names::{self, Name};
use super::search::{Active, Saved, SearchState};
use super::source::SourceView;
use super::typeset::{self, ReaderLine};
use crate::model::{Corpus, Filter};
use crate::places::Gazetteer;
use crate::store::config::{Config, Theme};
use crate::store::state::{Marked, StateStore, View};
use ratatui::layout::{Position, Rect};
use std::collections::HashMap;
use std::sync::Arc;

/// What the event loop does for the App outside of it: the terminal is not the App's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Show this text in `$PAGER`, the reader suspended meanwhile.
    Pager(String),
}

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
    /// Index into `corpus.pages`.
    Page(usize),
}

/// The city prompt.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prompt {
    pub input: String,
    /// Indexes into the names index, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

/// What is drawn over the panes.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    /// The map, with the selected city (index into the gazetteer's cities).
    Map {
        city: usize,
    },
    Prompt(Prompt),
    /// The search prompt (its state is `App::search`).
    Search,
    /// A page's lines as printed (`v`).
    Source(Box<SourceView>),
}

/// The reader pane: the article it shows, set at the pane's width, and the scroll.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub article: Option<usize>,
    pub width: u16,
    pub lines: Arc<Vec<ReaderLine>>,
    pub scroll: usize,
    /// The search hit n/N went to last: an index into [`App::hit_lines`].
    pub hit: Option<usize>,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub corpus: Arc<Corpus>,
    /// Problems met while loading, shown in the help overlay.
    pub warnings: Vec<String>,
    pub keymap: Keymap,
    /// The terminal's size.
    pub size: (u16, u16),
    pub focus: Pane,
    /// The sidebar pinned open or shut by the user (`t`); `None` follows the width.
    pub sidebar_pinned: Option<bool>,
    pub filter: Filter,
    /// The articles the list shows (indexes into `corpus.articles`).
    pub shown: Vec<usize>,
    pub entries: Vec<Entry>,
    pub sidebar_sel: usize,
    pub sidebar_offset: usize,
    pub list_sel: usize,
    pub list_offset: usize,
    pub reader: Reader,
    /// Read and starred articles, and the last position (saved by the event loop).
    pub state: StateStore,
    /// The list shows the 未读 or 已收藏 view (with `filter` at `All`).
    pub marked: Option<Marked>,
    /// How many articles are unread and starred (the sidebar's counts).
    pub counts: (usize, usize),
    /// The colours to draw with, and whether to draw in colour at all (`NO_COLOR`).
    pub theme: Theme,
    pub color: bool,
    /// Whether the reader takes the mouse.
    pub mouse: bool,
    /// A one-off message for the status line (cleared by the next key).
    pub message: Option<String>,
    /// Work for the event loop (clipboard, pager), taken with [`App::take_effects`].
    pub effects: Vec<Effect>,
    pub overlay: Overlay,
    pub quit: bool,
    /// The search index, the active search and related articles.
    pub search: SearchState,
    names: Option<Vec<Name>>,
    cache: HashMap<(usize, u16), Arc<Vec<ReaderLine>>>,
}

impl App {
    /// A reader on `corpus` for a terminal of `size` (columns, rows). Cheap: nothing is
    /// indexed before the first frame.
    #[must_use]
    pub fn new(corpus: Corpus, warnings: Vec<String>, size: (u16, u16)) -> Self {
        let config = Config::default();
        let mut app = App {
            corpus: Arc::new(corpus),
            warnings,
            keymap: Keymap::default(),
            size,
            focus: Pane::List,
            sidebar_pinned: None,
            filter: Filter::All,
            shown: Vec::new(),
            entries: Vec::new(),
            sidebar_sel: 0,
            sidebar_offset: 0,
            list_sel: 0,
            list_offset: 0,
            reader: Reader::default(),
            state: StateStore::in_memory(),
            marked: None,
            counts: (0, 0),
            theme: config.theme,
            color: true,
            mouse: config.mouse,
            message: None,
            effects: Vec::new(),
            overlay: Overlay::None,
            quit: false,
            search: SearchState::default(),
            names: None,
            cache: HashMap::new(),
        };
        app.recount();
        app.set_filter(Filter::All);
        app.search.leftovers = crate::search::pagetext::Leftovers::of(&app.corpus);
        app
    }

    /// The reader as configured, on a saved state: key bindings, colours and mouse from the
    /// config, read and starred marks from the state, and the last filter, selected article
    /// and scroll restored. Problems reading the state join the warnings; a state that will
    /// not be saved says so in the status line.
    #[must_use]
    pub fn with_setup(mut self, config: &Config, state: StateStore) -> Self {
        self.keymap = Keymap::from_config(config);
        self.theme = config.effective_theme();
        self.color = config.use_color();
        self.mouse = config.mouse;
        self.warnings.extend(state.warnings().iter().cloned());
        self.message = state
            .read_only()
            .map(|why| format!("阅读状态不会保存 (state will not be saved): {why}"));
        self.state = state;
        self.recount();
        self.restore();
        self
    }

    /// Goes back to the saved position: the view, the selected article, the reader's scroll.
    fn restore(&mut self) {
        let Some(p) = self.state.last_position().cloned() else {
            self.set_filter(Filter::All);
            return;
        };
        self.set_view(&p.view);
        if self.shown.is_empty() {
            self.set_filter(Filter::All);
        }
        if let Some(i) = p
            .selected
            .as_deref()
            .and_then(|id| self.corpus.articles.iter().position(|a| a.id == id))
            .and_then(|a| self.shown.iter().position(|&x| x == a))
        {
            self.list_sel = i;
            self.fix_offsets();
            self.show_selected();
            // At the width the article is set at now, where the saved line starts.
            self.reader.scroll = p
                .anchor
                .map_or(p.scroll, |a| typeset::find_anchor(&self.reader.lines, a));
            self.clamp_reader();
        }
    }

    /// What the list shows: the filter, or 未读 / 已收藏.
    #[must_use]
    pub fn view(&self) -> View {
        self.marked
            .map_or_else(|| View::from(&self.filter), View::from)
    }

    /// Records the view, selected article and scroll in the state (saved by the caller).
    pub fn remember_position(&mut self) {
        let selected = self
            .selected_article()
            .and_then(|i| self.corpus.articles.get(i))
            .map(|a| a.id.clone());
        let view = self.view();
        let anchor = self
            .reader
            .lines
            .get(self.reader.scroll)
            .map(ReaderLine::anchor);
        self.state
            .set_position(view, selected, self.reader.scroll, anchor);
    }

    /// Counts the unread and starred articles again (after the state changed).
    fn recount(&mut self) {
        self.counts = (
            self.state.unread(&self.corpus).len(),
            self.state.starred(&self.corpus).len(),
        );
    }

    /// Whether an article (index into the corpus) has been read.
    #[must_use]
    pub fn is_read(&self, article: usize) -> bool {
        self.corpus
            .articles
            .get(article)
            .is_some_and(|a| self.state.is_read(&a.id))
    }

    /// Whether an article (index into the corpus) is starred.
    #[must_use]
    pub fn is_starred(&self, article: usize) -> bool {
        self.corpus
            .articles
            .get(article)
            .is_some_and(|a| self.state.is_starred(&a.id))
    }

    /// The clipboard and pager work asked for since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Which keymap section applies now.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Map { .. } => Mode::Map,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Search => Mode::Search,
            Overlay::Source(_) => Mode::Source,
        }
    }

    /// The screen's layout for the current size, focus and sidebar.
    #[must_use]
    pub fn screen(&self) -> Screen {
        layout::screen(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.focus,
            self.sidebar_pinned,
        )
    }

    /// The rows a pane shows inside its border (0 when hidden).
    fn rows(&self, pane: Pane) -> usize {
        self.screen()
            .pane(pane)
            .map_or(0, |r| usize::from(layout::inner(r).height))
    }

    /// The names the city prompt matches (built on first use).
    #[must_use]
    pub fn names(&self) -> &[Name] {
        self.names.as_deref().unwrap_or(&[])
    }

    /// The status line's filter: `全部`, `湛江市`, `湛江市 · 湛江市总工会`, `版面 2`.
    #[must_use]
    pub fn filter_label(&self) -> String {
        if let Some(a) = &self.search.active {
            if let Some(of) = a.related_of {
                let title = self
                    .corpus
                    .articles
                    .get(of)
                    .map(|x| x.title.clone())
                    .unwrap_or_default();
                return format!("相关: {title}");
            }
            let scope = a.within.clone().unwrap_or_else(|| "全部".to_string());
            return format!("搜索 “{}” · {scope}", a.input);
        }
        match self.marked {
            Some(Marked::Unread) => return "未读".to_string(),
            Some(Marked::Starred) => return "已收藏".to_string(),
            None => {}
        }
        match &self.filter {
            Filter::All => "全部".to_string(),
            Filter::City(c) => c.clone(),
            Filter::Union { city, union } => format!("{city} · {union}"),
            Filter::Page(p) => typeset::page_label(&self.corpus, p),
        }
    }

    /// What a 版面 view lists after its articles: the page's banners, then its unplaced
    /// lines (nothing in other views, or while a search is listed).
    #[must_use]
    pub fn page_leftovers(&self) -> Vec<(crate::search::pagetext::Leftover, &str)> {
        use crate::search::pagetext::Leftover;
        let Filter::Page(id) = &self.filter else {
            return Vec::new();
        };
        if self.search.active.is_some() || self.marked.is_some() {
            return Vec::new();
        }
        self.corpus
            .pages
            .iter()
            .find(|p| &p.id == id)
            .map(|p| {
                p.banners
                    .iter()
                    .map(|b| (Leftover::Banner, b.as_str()))
                    .chain(p.unplaced.iter().map(|u| (Leftover::Unplaced, u.as_str())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The article the list has selected.
    #[must_use]
    pub fn selected_article(&self) -> Option<usize> {
        self.shown.get(self.list_sel).copied()
    }

    /// The filter a sidebar entry stands for.
    #[must_use]
    pub fn entry_filter(&self, e: Entry) -> Option<Filter> {
        let c = &self.corpus;
        match e {
            Entry::All => Some(Filter::All),
            Entry::Unread | Entry::Starred => None,
            Entry::City(i) => c.cities.get(i).map(|x| Filter::City(x.name.clone())),
            Entry::Union(i, u) => c.cities.get(i).and_then(|x| {
                x.unions.get(u).map(|y| Filter::Union {
                    city: x.name.clone(),
                    union: y.name.clone(),
                })
            }),
            Entry::PagesHeading => None,
            Entry::Page(i) => c.pages.get(i).map(|p| Filter::Page(p.id.clone())),
        }
    }

    /// The view a sidebar entry stands for (its filter, or 未读 / 已收藏).
    #[must_use]
    pub fn entry_view(&self, e: Entry) -> Option<View> {
        match e {
            Entry::Unread => Some(View::Unread),
            Entry::Starred => Some(View::Starred),
            e => self.entry_filter(e).map(|f| View::from(&f)),
        }
    }

    /// The article count a sidebar entry shows.
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
            Entry::Unread => self.counts.0,
            Entry::Starred => self.counts.1,
            Entry::All => c.articles.len(),
            Entry::City(i) => c.cities.get(i).map_or(0, |x| x.articles.len()),
            Entry::Union(i, u) => c
                .cities
                .get(i)
                .and_then(|x| x.unions.get(u))
                .map_or(0, |y| y.articles.len()),
            Entry::PagesHeading => 0,
            Entry::Page(i) => c
                .pages
                .get(i)
                .map_or(0, |p| c.articles.iter().filter(|a| a.page == p.id).count()),
        }
    }

    fn filter_city(&self) -> Option<&str> {
        match &self.filter {
            Filter::City(c) | Filter::Union { city: c, .. } => Some(c),
            _ => None,
        }
    }

    fn build_entries(&self) -> Vec<Entry> {
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
            v.extend((0..self.corpus.pages.len()).map(Entry::Page));
        }
        v
    }

    /// Filters the list; keeps the open article selected if it is still shown.
    pub fn set_filter(&mut self, filter: Filter) {
        tracing::debug!(?filter, "filter");
        let shown = self.corpus.filter(&filter);
        self.show(shown, filter, None);
    }

    /// Shows a view: a filter, or 未读 / 已收藏 (the articles unread or starred now; the list
    /// keeps them while it shows them, even once read or unstarred).
    pub fn set_view(&mut self, view: &View) {
        match (view.to_filter(), view) {
            (Some(f), _) => self.set_filter(f),
            (None, View::Unread) => self.set_marked(Marked::Unread),
            (None, _) => self.set_marked(Marked::Starred),
        }
    }

    fn set_marked(&mut self, which: Marked) {
        tracing::debug!(?which, "view");
        let shown = self.state.marked(&self.corpus, which);
        self.show(shown, Filter::All, Some(which));
    }

    fn show(&mut self, shown: Vec<usize>, filter: Filter, marked: Option<Marked>) {
        self.search.active = None;
        let keep = self.reader.article;
        self.shown = shown;
        self.filter = filter;
        self.marked = marked;
        self.entries = self.build_entries();
        let v = Some(self.view());
        self.sidebar_sel = self
            .entries
            .iter()
            .position(|e| self.entry_view(*e) == v)
            .unwrap_or(0);
        self.list_sel = keep
            .and_then(|a| self.shown.iter().position(|&x| x == a))
            .unwrap_or(0);
        self.list_offset = 0;
        self.fix_offsets();
        self.show_selected();
    }

    /// Puts the list's selected article in the reader (from the top, unless it is already
    /// there).
    fn show_selected(&mut self) {
        let a = self.selected_article();
        if a != self.reader.article {
            self.reader.article = a;
            self.reader.scroll = 0;
            self.reader.width = 0;
            self.reader.hit = None;
        }
        self.set_reader();
    }

    /// Sets the reader's article at the reader pane's width (from the cache when it can),
    /// keeping the reading position across widths.
    fn set_reader(&mut self) {
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
        if self.cache.len() > 64 {
            self.cache.clear();
        }
        let corpus = &self.corpus;
        let lines = self
            .cache
            .entry((article, width))
            .or_insert_with(|| {
                corpus.articles.get(article).map_or_else(
                    || Arc::new(Vec::new()),
                    |a| Arc::new(typeset::typeset(corpus, a, usize::from(width))),
                )
            })
            .clone();
        let lines = self.with_related(article, lines, width);
        self.reader.scroll = anchor.map_or(0, |a| typeset::find_anchor(&lines, a));
        self.reader.lines = lines;
        self.reader.width = width;
        self.clamp_reader();
    }

    fn reader_max(&self) -> usize {
        self.reader
            .lines
            .len()
            .saturating_sub(self.rows(Pane::Reader).max(1))
    }

    fn clamp_reader(&mut self) {
        self.reader.scroll = self.reader.scroll.min(self.reader_max());
    }

    /// How far through the article the reader is, in percent.
    #[must_use]
    pub fn reader_percent(&self) -> usize {
        (self.reader.scroll * 100)
            .checked_div(self.reader_max())
            .unwrap_or(100)
    }

    /// Keeps the selections of sidebar and list inside their panes.
    fn fix_offsets(&mut self) {
        let rows = self.rows(Pane::Sidebar);
        if rows > 0 {
            self.sidebar_offset = follow(self.sidebar_offset, self.sidebar_sel, rows)
                .min(self.entries.len().saturating_sub(rows));
        }
        let rows = self.rows(Pane::List);
        if rows > 0 {
            // A 版面 view lists its page's banners and unplaced lines after the articles:
            // at the last article, they come into sight too.
            let total = self.shown.len() + self.page_leftovers().len();
            let mut offset = follow(self.list_offset, self.list_sel, rows);
            if self.list_sel + 1 == self.shown.len() {
                offset = offset.max(total.saturating_sub(rows).min(self.list_sel));
            }
            self.list_offset = offset.min(total.saturating_sub(rows));
        }
    }

    fn select_entry(&mut self, index: usize) {
        if let Some(v) = self.entries.get(index).and_then(|e| self.entry_view(*e)) {
            self.set_view(&v);
        }
    }

    /// Moves the sidebar selection by `delta` entries (skipping headings) and applies it.
    fn move_sidebar(&mut self, delta: isize) {
        let Some(last) = self.entries.len().checked_sub(1) else {
            return;
        };
        let mut i = self.sidebar_sel.saturating_add_signed(delta).min(last);
        if self.entries[i] == Entry::PagesHeading {
            // Step over the heading, back the other way at either end.
            i = match (delta > 0, i) {
                (true, i) if i < last => i + 1,
                (false, 0) | (true, _) => i.saturating_sub(1),
                (false, i) => i - 1,
            };
        }
        self.select_entry(i);
    }

    fn move_list(&mut self, delta: isize) {
        if self.shown.is_empty() {
            return;
        }
        let last = self.shown.len() - 1;
        self.list_sel = self.list_sel.saturating_add_signed(delta).min(last);
        self.fix_offsets();
        self.show_selected();
    }

    fn scroll_reader(&mut self, delta: isize) {
        self.reader.scroll = self.reader.scroll.saturating_add_signed(delta);
        self.clamp_reader();
    }

    fn page(&self, pane: Pane) -> isize {
        isize::try_from(self.rows(pane).saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the focused pane's position by `delta` (lines or entries).
    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Sidebar => self.move_sidebar(delta),
            Pane::List => self.move_list(delta),
            Pane::Reader => self.scroll_reader(delta),
        }
    }

    fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        if pane == Pane::Reader {
            if let Some(a) = self
                .reader
                .article
                .and_then(|a| self.corpus.articles.get(a))
            {
                if self.state.set_read(&a.id, true) {
                    self.recount();
                }
            }
        }
        self.fix_offsets();
        self.set_reader();
    }

    fn focus_step(&mut self, right: bool, wrap: bool) {
        let order = [Pane::Sidebar, Pane::List, Pane::Reader];
        let i = order.iter().position(|p| *p == self.focus).unwrap_or(1);
        let next = match (right, wrap) {
            (true, _) if i + 1 < order.len() => i + 1,
            (true, true) => 0,
            (false, _) if i > 0 => i - 1,
            (false, true) => order.len() - 1,
            _ => i,
        };
        self.set_focus(order[next]);
    }

    /// The city filter's step through the sidebar's cities: 全部 → first → … → last → 全部.
    fn step_city(&mut self, forward: bool) {
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
            .map_or(Filter::All, |c| Filter::City(c.name.clone()));
        self.set_filter(f);
    }

    fn open_prompt(&mut self) {
        if self.names.is_none() {
            self.names = Some(names::names(&self.corpus));
        }
        let mut p = Prompt::default();
        self.refresh_matches(&mut p);
        self.overlay = Overlay::Prompt(p);
    }

    fn refresh_matches(&self, p: &mut Prompt) {
        p.matches = self
            .names()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.matches(&p.input))
            .map(|(i, _)| i)
            .collect();
        p.selected = 0;
    }

    /// The gazetteer index of the filter's city, or of the corpus's first city.
    fn map_start(&self) -> usize {
        let g = Gazetteer::get();
        let name = self
            .filter_city()
            .map(str::to_string)
            .or_else(|| self.corpus.cities.first().map(|c| c.name.clone()));
        name.and_then(|n| g.cities.iter().position(|c| c.name == n))
            .unwrap_or(0)
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        tracing::trace!(?action, "update");
        if !matches!(action, Action::Resize(..) | Action::Noop | Action::Tick) {
            self.message = None;
        }
        match action {
            Action::Noop => {}
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.fix_offsets();
                self.set_reader();
                self.clamp_reader();
            }
            Action::Tick => {
                if self.search.poll() {
                    self.search.run();
                    if self.search.active.is_some() {
                        self.apply_results();
                    }
                    self.reader.width = 0;
                    self.set_reader();
                }
            }
            Action::Click { col, row } => self.click(col, row),
            Action::Wheel { col, row, down } => self.wheel(col, row, down),
            _ => match self.overlay.clone() {
                Overlay::None => self.update_panes(action),
                Overlay::Help { scroll } => self.update_help(action, scroll),
                Overlay::Map { city } => self.update_map(action, city),
                Overlay::Prompt(p) => self.update_prompt(action, p),
                Overlay::Search => self.update_search(action),
                Overlay::Source(v) => self.update_source(action, *v),
            },
        }
    }

    fn update_panes(&mut self, action: Action) {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => {
                let p = self.page(self.focus);
                self.move_by(-p);
            }
            Action::PageDown => {
                let p = self.page(self.focus);
                self.move_by(p);
            }
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::FocusLeft => self.focus_step(false, false),
            Action::FocusRight => self.focus_step(true, false),
            Action::FocusNext => self.focus_step(true, true),
            Action::FocusPrev => self.focus_step(false, true),
            Action::Open => match self.focus {
                Pane::Sidebar => {
                    self.select_entry(self.sidebar_sel);
                    self.set_focus(Pane::List);
                }
                Pane::List | Pane::Reader => {
                    if self.selected_article().is_some() {
                        self.set_focus(Pane::Reader);
                    }
                }
            },
            Action::Close if self.screen().single() && self.focus == Pane::Reader => {
                self.set_focus(Pane::List);
            }
            Action::Close if self.search.active.is_some() => self.end_search(),
            Action::Search => self.open_search(),
            Action::NextHit => self.jump_hit(true),
            Action::PrevHit => self.jump_hit(false),
            Action::Related => self.show_related(),
            Action::ToggleSidebar => {
                let shown = layout::sidebar_shown(self.size.0, self.focus, self.sidebar_pinned);
                self.sidebar_pinned = Some(!shown);
                if shown && self.focus == Pane::Sidebar {
                    self.focus = Pane::List;
                }
                if !shown && self.size.0 < layout::NARROW {
                    self.focus = Pane::Sidebar;
                }
                self.fix_offsets();
                self.set_reader();
            }
            Action::PrevCity => self.step_city(false),
            Action::NextCity => self.step_city(true),
            Action::CityNumber(n) => {
                if let Some(c) = self.corpus.cities.get(usize::from(n).saturating_sub(1)) {
                    let f = Filter::City(c.name.clone());
                    self.set_filter(f);
                }
            }
            Action::AllCities => self.set_filter(Filter::All),
            Action::CityPrompt => self.open_prompt(),
            Action::Map => {
                self.overlay = Overlay::Map {
                    city: self.map_start(),
                }
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Source => self.open_source(),
            Action::ToggleRead => self.toggle_mark(false),
            Action::ToggleStar => self.toggle_mark(true),
            Action::Copy => {
                if let Some(a) = self
                    .selected_article()
                    .and_then(|i| self.corpus.articles.get(i))
                {
                    let text = crate::render::markdown_with_citation(a);
                    self.effects.push(Effect::Copy(text));
                    self.message = Some(format!("已复制 (OSC 52): {}", crate::render::citation(a)));
                }
            }
            Action::OpenInPager => {
                if let Some(a) = self
                    .selected_article()
                    .and_then(|i| self.corpus.articles.get(i))
                {
                    let text = crate::render::markdown_with_citation(a);
                    let id = a.id.clone();
                    self.effects.push(Effect::Pager(text));
                    // Opened in the pager is opened: read.
                    if self.state.set_read(&id, true) {
                        self.recount();
                    }
                }
            }
            _ => {}
        }
    }

    /// Flips the selected article's star (`star`) or read mark, and says so.
    fn toggle_mark(&mut self, star: bool) {
        let Some(id) = self
            .selected_article()
            .and_then(|i| self.corpus.articles.get(i))
            .map(|a| a.id.clone())
        else {
            return;
        };
        let now = if star {
            self.state.toggle_starred(&id)
        } else {
            self.state.toggle_read(&id)
        };
        self.recount();
        let said = match (star, now) {
            (true, true) => "★ 已收藏",
            (true, false) => "已取消收藏",
            (false, true) => "已标为已读",
            (false, false) => "已标为未读",
        };
        self.message = Some(said.to_string());
    }

    /// `v`: the open (or selected) article's page as printed; in a 版面 view with no article,
    /// the page itself.
    fn open_source(&mut self) {
        let article = self.reader.article.or_else(|| self.selected_article());
        let page_id = match (
            article.and_then(|a| self.corpus.articles.get(a)),
            &self.filter,
        ) {
            (Some(a), _) => a.page.clone(),
            (None, Filter::Page(p)) => p.clone(),
            (None, _) => return,
        };
        if let Some(page) = self.corpus.pages.iter().position(|p| p.id == page_id) {
            let view = SourceView::open(&self.corpus, page, article);
            self.overlay = Overlay::Source(Box::new(view));
        }
    }

    /// A page as printed, scrolled to a line of its text (a page-level search hit).
    fn open_page_source(&mut self, page: usize, line: &str) {
        let mut view = SourceView::open(&self.corpus, page, None);
        view.scroll_to(line);
        self.overlay = Overlay::Source(Box::new(view));
    }

    fn update_source(&mut self, action: Action, mut view: SourceView) {
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

    fn update_help(&mut self, action: Action, scroll: usize) {
        match action {
            Action::Up => {
                self.overlay = Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }
            }
            Action::Down | Action::PageDown => self.overlay = Overlay::Help { scroll: scroll + 1 },
            Action::Top | Action::PageUp => self.overlay = Overlay::Help { scroll: 0 },
            Action::Close | Action::Help => self.overlay = Overlay::None,
            Action::Map | Action::CityPrompt => {
                self.overlay = Overlay::None;
                self.update_panes(action);
            }
            _ => {}
        }
    }

    fn update_map(&mut self, action: Action, city: usize) {
        match action {
            Action::MapMove(d) => {
                self.overlay = Overlay::Map {
                    city: map_step(city, d),
                }
            }
            Action::Open => {
                self.overlay = Overlay::None;
                if let Some(c) = Gazetteer::get().cities.get(city) {
                    self.set_filter(Filter::City(c.name.clone()));
                }
            }
            Action::Close | Action::Map => self.overlay = Overlay::None,
            Action::Help | Action::CityPrompt => {
                self.overlay = Overlay::None;
                self.update_panes(action);
            }
            Action::PrevCity | Action::NextCity | Action::AllCities | Action::CityNumber(_) => {
                self.update_panes(action)
            }
            _ => {}
        }
    }

    fn update_prompt(&mut self, action: Action, mut p: Prompt) {
        match action {
            Action::Input(c) => {
                p.input.push(c);
                self.refresh_matches(&mut p);
            }
            Action::Backspace => {
                p.input.pop();
                self.refresh_matches(&mut p);
            }
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => {
                p.selected = (p.selected + 1).min(p.matches.len().saturating_sub(1));
            }
            Action::Open => {
                let f = p
                    .matches
                    .get(p.selected)
                    .and_then(|&i| self.names().get(i))
                    .map(|n| n.filter.clone());
                if let Some(f) = f {
                    self.overlay = Overlay::None;
                    self.set_filter(f);
                }
                return;
            }
            Action::Close => {
                self.overlay = Overlay::None;
                return;
            }
            _ => {}
        }
        self.overlay = Overlay::Prompt(p);
    }

    /// Uses an index already open (tests, benches); the reader lists related articles.
    pub fn set_searcher(&mut self, searcher: Arc<crate::search::Searcher>) {
        self.search.set_searcher(searcher);
        self.reader.width = 0;
        self.set_reader();
    }

    fn open_search(&mut self) {
        let (input, within, saved) = match self.search.active.take() {
            // `/` again while results are listed: edit that query.
            Some(a) if a.related_of.is_none() => (a.input, a.within, a.saved),
            other => {
                let saved = other.map_or_else(
                    || Saved {
                        filter: self.filter.clone(),
                        shown: self.shown.clone(),
                        list_sel: self.list_sel,
                        list_offset: self.list_offset,
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
        self.search.run();
        self.apply_results();
        self.overlay = Overlay::Search;
    }

    /// Shows the active search's hits as the list (the list as it was while the query is
    /// empty).
    fn apply_results(&mut self) {
        let Some(a) = &self.search.active else {
            return;
        };
        if a.input.trim().is_empty() && a.related_of.is_none() {
            self.shown.clone_from(&a.saved.shown);
        } else {
            self.shown = a.results.hits.iter().map(|h| h.ord).collect();
        }
        self.list_sel = a.selected.min(self.shown.len().saturating_sub(1));
        self.list_offset = 0;
        self.fix_offsets();
        self.show_selected();
        // Highlights changed: set the reader's lines again.
        self.reader.width = 0;
        self.set_reader();
    }

    /// Esc: back to the list as it was before the search.
    fn end_search(&mut self) {
        self.overlay = Overlay::None;
        if let Some(a) = self.search.active.take() {
            if let Some(previous) = a.previous {
                self.search.active = Some(*previous);
                self.apply_results();
                return;
            }
            self.filter = a.saved.filter;
            self.entries = self.build_entries();
            self.shown = a.saved.shown;
            self.list_sel = a.saved.list_sel;
            self.list_offset = a.saved.list_offset;
            self.fix_offsets();
            self.show_selected();
            self.reader.width = 0;
            self.set_reader();
        }
    }

    fn update_search(&mut self, action: Action) {
        let page_hit = self.search.selected_page().cloned();
        let Some(a) = self.search.active.as_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        match action {
            Action::Input(c) => {
                a.input.push(c);
                self.search.run();
                self.apply_results();
            }
            Action::Backspace => {
                a.input.pop();
                self.search.run();
                self.apply_results();
            }
            Action::Widen => {
                a.within = match a.within.take() {
                    Some(_) => None,
                    None => match &a.saved.filter {
                        Filter::City(c) | Filter::Union { city: c, .. } => Some(c.clone()),
                        _ => None,
                    },
                };
                self.search.run();
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
                self.list_sel = a.selected.min(self.shown.len().saturating_sub(1));
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

    /// The reader lines holding a hit of the active search.
    #[must_use]
    pub fn hit_lines(&self) -> Vec<usize> {
        lines_with_hits(&self.line_hits())
    }

    /// The active search's hits in each reader line, as byte ranges of the line's text. The
    /// lines of one block are searched as one text, so a hit that a line break cuts is
    /// highlighted on both lines.
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

    fn jump_first_hit(&mut self) {
        let lines = self.hit_lines();
        self.go_to_hit(&lines, 0);
    }

    /// n / N: the next (previous) line with a hit becomes the current one, near the top of
    /// the reader (as near as the article's end allows), going round at either end.
    fn jump_hit(&mut self, forward: bool) {
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

    fn go_to_hit(&mut self, lines: &[usize], i: usize) {
        if let Some(&l) = lines.get(i) {
            self.reader.hit = Some(i);
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

    /// `r`: the open article's related articles become the list (Esc goes back).
    fn show_related(&mut self) {
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
                filter: self.filter.clone(),
                shown: self.shown.clone(),
                list_sel: self.list_sel,
                list_offset: self.list_offset,
            },
            |a| a.saved.clone(),
        );
        // From a query's results: Esc comes back to them, at the article they were on.
        let previous = before
            .filter(|a| a.related_of.is_none() && !a.input.trim().is_empty())
            .map(|mut a| {
                a.editing = false;
                a.selected = self.list_sel;
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

    /// The article's lines with its related articles listed under them (once the index is
    /// ready).
    fn with_related(
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
        let block = usize::MAX / 2;
        let line = |text: String, kind, i: usize| ReaderLine {
            text,
            kind,
            block: block + i,
            start: 0,
        };
        v.push(line(String::new(), typeset::LineKind::Blank, 0));
        v.push(line(
            "相关文章 (r 列出)".to_string(),
            typeset::LineKind::Subtitle,
            1,
        ));
        let w = usize::from(width).max(4);
        for (i, h) in related.iter().enumerate() {
            let city = h
                .city
                .as_deref()
                .map_or(String::new(), |c| format!(" · {c}"));
            let text = crate::text::truncate(&format!("{}. {}{city}", i + 1, h.title), w);
            v.push(line(text, typeset::LineKind::Meta, i + 2));
        }
        Arc::new(v)
    }

    fn pane_at(&self, col: u16, row: u16) -> Option<(Pane, Rect)> {
        let s = self.screen();
        let pos = Position::new(col, row);
        [Pane::Sidebar, Pane::List, Pane::Reader]
            .into_iter()
            .find_map(|p| s.pane(p).filter(|r| r.contains(pos)).map(|r| (p, r)))
    }

    fn click(&mut self, col: u16, row: u16) {
        if self.overlay != Overlay::None {
            return;
        }
        let Some((pane, rect)) = self.pane_at(col, row) else {
            return;
        };
        let inner = layout::inner(rect);
        let line = usize::from(row.saturating_sub(inner.y));
        let inside = inner.contains(Position::new(col, row));
        match pane {
            Pane::Sidebar if inside => {
                let i = self.sidebar_offset + line;
                if i < self.entries.len() && self.entries[i] != Entry::PagesHeading {
                    self.select_entry(i);
                }
            }
            Pane::List if inside => {
                let i = self.list_offset + line;
                if i < self.shown.len() {
                    self.list_sel = i;
                    self.show_selected();
                }
            }
            _ => {}
        }
        self.set_focus(pane);
    }

    fn wheel(&mut self, col: u16, row: u16, down: bool) {
        if self.overlay != Overlay::None {
            return;
        }
        let Some((pane, _)) = self.pane_at(col, row) else {
            return;
        };
        let d: isize = if down { 1 } else { -1 };
        match pane {
            Pane::Sidebar => self.move_sidebar(d),
            Pane::List => self.move_list(d),
            Pane::Reader => self.scroll_reader(3 * d),
        }
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

/// The nearest city in a direction on the map (by angle and distance), or `from`.
#[must_use]
pub fn map_step(from: usize, d: Dir) -> usize {
    let cities = &Gazetteer::get().cities;
    let Some(here) = cities.get(from) else {
        return from;
    };
    let mut best: Option<(f64, usize)> = None;
    for (i, c) in cities.iter().enumerate() {
        let (dx, dy) = (c.lon - here.lon, c.lat - here.lat);
        let (along, across) = match d {
            Dir::Up => (dy, dx),
            Dir::Down => (-dy, dx),
            Dir::Right => (dx, dy),
            Dir::Left => (-dx, dy),
        };
        if i == from || along <= 0.0 {
            continue;
        }
        let cost = along + 2.0 * across.abs();
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, i));
        }
    }
    best.map_or(from, |(_, i)| i)
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
