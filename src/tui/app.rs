//! The reader's state ([`App`]) and the one place it changes: input arrives as an
//! [`Action`] and [`App::update`] applies it. The state is split by concern, each part in its
//! own file with the `App` methods that change it:
//!
//! - `list`: what the list shows (one [`View`]), its articles, the sidebar's rows, where
//!   each is selected and scrolled;
//! - `reader`: the open article set at the pane's width (a cache by width, `invalidate`d
//!   when highlights or related articles change), the scroll, the search hits in it;
//! - [`finder`]: the index in the background, the `/` prompt's session, related articles;
//! - `overlay`: help, the map, the city prompt and the status line's question;
//! - `reading`: newsboat's moves from the reader (next, previous, next unread article),
//!   marking the list read after a yes, one article's marks, copy and pager;
//! - `mouse`: clicks and the wheel, by the pane under the pointer;
//! - [`source`]: the source view (`v`) and what a 版面 view lists after its articles.
//!
//! This file holds the rest: focus, layout, the event loop's effects, and
//! `update`'s dispatch. Fields are private: `draw` and the tests read through methods and
//! change nothing but through actions. Knows nothing about terminals.

pub mod finder;
mod list;
mod mouse;
mod overlay;
mod reader;
mod reading;
mod reload;
pub mod source;

pub use list::{Entry, ListOrder};
pub use overlay::{map_step, Confirm, Overlay, Prompt};
pub use reader::{lines_with_hits, Reader};

use super::action::Action;
use super::keymap::{Keymap, Mode};
use super::layout::{self, Pane, Screen};
use super::theme::Theme;
use super::typeset::{self, ReaderLine};
use crate::model::{Corpus, View};
use crate::names::Name;
use crate::store::config::Config;
use crate::store::state::StateStore;
use finder::SearchState;
use list::List;
use ratatui::layout::Rect;
use std::sync::Arc;

/// What the event loop does for the App outside of it: the terminal is not the App's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Show this text in `$PAGER`, the reader suspended meanwhile.
    Pager(String),
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    corpus: Arc<Corpus>,
    /// Problems met while loading, shown in the help overlay.
    warnings: Vec<String>,
    keymap: Keymap,
    /// The terminal's size.
    size: (u16, u16),
    focus: Pane,
    /// The sidebar pinned open or shut by the user (`t`); `None` follows the width.
    sidebar_pinned: Option<bool>,
    /// The list pane and the sidebar.
    list: List,
    reader: Reader,
    /// Read and starred articles, and the last position (saved by the event loop).
    state: StateStore,
    /// The colours to draw with, and whether to draw in colour at all (`NO_COLOR`).
    theme: Theme,
    color: bool,
    /// Whether the reader takes the mouse.
    mouse: bool,
    /// A one-off message for the status line (cleared by the next key).
    message: Option<String>,
    /// Work for the event loop (clipboard, pager), taken with [`App::take_effects`].
    effects: Vec<Effect>,
    overlay: Overlay,
    quit: bool,
    /// The search index, the active search and related articles.
    search: SearchState,
    /// The names the city prompt matches (built on first use).
    names: Option<Vec<Name>>,
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
            list: List::default(),
            reader: Reader::default(),
            state: StateStore::in_memory(),
            theme: Theme::from(&config.theme),
            color: true,
            mouse: config.mouse,
            message: None,
            effects: Vec::new(),
            overlay: Overlay::None,
            quit: false,
            search: SearchState::default(),
            names: None,
        };
        app.recount();
        app.set_view(&View::All);
        app
    }

    /// The reader as configured, on a saved state: key bindings, colours and mouse from the
    /// config, read and starred marks from the state, and the last filter, selected article
    /// and scroll restored. Problems reading the state join the warnings; a state that will
    /// not be saved says so in the status line.
    #[must_use]
    pub fn with_setup(mut self, config: &Config, state: StateStore) -> Self {
        self.keymap = Keymap::from_config(config);
        self.theme = Theme::from(&config.effective_theme());
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
            self.set_view(&View::All);
            return;
        };
        self.set_view(&p.view);
        if self.list.shown.is_empty() {
            self.set_view(&View::All);
        }
        if let Some(i) = p
            .selected
            .as_deref()
            .and_then(|id| self.corpus.index_of(id))
            .and_then(|a| self.list.shown.iter().position(|&x| x == a))
        {
            self.list.sel = i;
            self.fix_offsets();
            self.show_selected();
            // At the width the article is set at now, where the saved line starts.
            self.reader.scroll = p
                .anchor
                .map_or(p.scroll, |a| typeset::find_anchor(&self.reader.lines, a));
            self.reader.restored = p.anchor;
            self.clamp_reader();
            // The pane the user was in (the reader only with its article found again).
            match p.focus.as_deref() {
                Some("reader") => self.focus = Pane::Reader,
                Some("sidebar") => self.focus = Pane::Sidebar,
                _ => {}
            }
        }
    }

    /// The corpus the reader shows.
    #[must_use]
    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    /// Problems met while loading, shown in the help overlay.
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    #[must_use]
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The terminal's size (columns, rows).
    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The pane with the focus.
    #[must_use]
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The colours to draw with.
    #[must_use]
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Whether to draw in colour at all (`NO_COLOR`, `color = false`).
    #[must_use]
    pub fn color(&self) -> bool {
        self.color
    }

    /// Whether the reader takes the mouse.
    #[must_use]
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// A one-off message for the status line (cleared by the next key).
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// What is drawn over the panes.
    #[must_use]
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// Whether the user asked to quit.
    #[must_use]
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// The reading state: read and starred articles, the last position.
    #[must_use]
    pub fn state(&self) -> &StateStore {
        &self.state
    }

    /// Saves the reading state (the event loop does, when a mark changed and on quit). Saving
    /// merges in what another reader saved meanwhile, so the sidebar's counts are taken again.
    ///
    /// # Errors
    /// When the state file cannot be written.
    pub fn save_state(&mut self) -> Result<(), crate::store::state::StateError> {
        let saved = self.state.save();
        self.recount();
        saved
    }

    /// The search index, the active search and related articles.
    #[must_use]
    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// Starts opening or building the search index in the background.
    pub fn start_index(&mut self, spec: crate::search::IndexSpec) {
        self.search.start(self.corpus.clone(), spec);
    }

    /// The reader pane: the open article, its lines and the scroll.
    #[must_use]
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Records the view, selected article and scroll in the state (saved by the caller).
    pub fn remember_position(&mut self) {
        let selected = self
            .selected_article()
            .and_then(|i| self.corpus.head(i))
            .map(|a| a.id().to_string());
        let view = self.view();
        let anchor = self
            .reader
            .lines
            .get(self.reader.scroll)
            .map(ReaderLine::anchor);
        self.state
            .set_position(view, selected, self.reader.scroll, anchor);
        self.state.set_focus(match self.focus {
            Pane::Sidebar => "sidebar",
            Pane::List => "list",
            Pane::Reader => "reader",
        });
    }

    /// Counts the unread and starred articles again (after the state changed).
    fn recount(&mut self) {
        self.list.counts = (
            self.state.unread(&self.corpus).len(),
            self.state.starred(&self.corpus).len(),
        );
    }

    /// Whether an article (index into the corpus) has been read.
    #[must_use]
    pub fn is_read(&self, article: usize) -> bool {
        self.corpus
            .head(article)
            .is_some_and(|a| self.state.is_read(a.id()))
    }

    /// Whether an article (index into the corpus) is starred.
    #[must_use]
    pub fn is_starred(&self, article: usize) -> bool {
        self.corpus
            .head(article)
            .is_some_and(|a| self.state.is_starred(a.id()))
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
            Overlay::Help { .. } | Overlay::Warnings { .. } => Mode::Help,
            Overlay::Map { .. } => Mode::Map,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Search => Mode::Search,
            Overlay::Source(_) => Mode::Source,
            Overlay::Confirm(_) => Mode::Confirm,
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
            if let Some(a) = self.reader.article.and_then(|a| self.corpus.head(a)) {
                if self.state.set_read(a.id(), true) {
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

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        tracing::trace!(?action, "update");
        if !matches!(
            action,
            Action::Resize(..) | Action::Noop | Action::Tick | Action::Report(_)
        ) {
            self.message = None;
        }
        match action {
            Action::Noop => {}
            Action::Quit => self.quit = true,
            Action::Report(m) => self.message = Some(m),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.fix_offsets();
                self.set_reader();
                self.clamp_reader();
            }
            Action::Tick => {
                if self.search.poll() {
                    self.search.run(&self.corpus);
                    if self.search.active.is_some() {
                        self.apply_results();
                    }
                    self.reader.invalidate();
                    self.set_reader();
                }
            }
            Action::Click { col, row } => self.click(col, row),
            Action::Wheel { col, row, down } => self.wheel(col, row, down),
            _ => match self.overlay.clone() {
                Overlay::None => self.update_panes(action),
                Overlay::Help { scroll } => self.update_help(action, scroll, false),
                Overlay::Warnings { scroll } => self.update_help(action, scroll, true),
                Overlay::Map { city } => self.update_map(action, city),
                Overlay::Prompt(p) => self.update_prompt(action, p),
                Overlay::Search => self.update_search(action),
                Overlay::Source(v) => self.update_source(action, *v),
                Overlay::Confirm(c) => self.update_confirm(action, c),
            },
        }
        // Search says what happened to its index (rebuilt, moved to memory, a failed query).
        if let Some(notice) = self.search.take_notice() {
            self.message = Some(notice);
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
                    self.select_entry(self.list.sidebar_sel);
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
                    let f = View::City {
                        city: c.name.clone(),
                    };
                    self.set_view(&f);
                }
            }
            Action::AllCities => self.set_view(&View::All),
            Action::CityPrompt => self.open_prompt(),
            Action::Map => {
                self.overlay = Overlay::Map {
                    city: self.map_start(),
                }
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Warnings if self.warnings.is_empty() => {
                self.message = Some("载入页面时没有问题".to_string());
            }
            Action::Warnings => self.overlay = Overlay::Warnings { scroll: 0 },
            Action::Source => self.open_source(),
            Action::SortList => self.toggle_order(),
            Action::NextArticle => self.step_article(true),
            Action::PrevArticle => self.step_article(false),
            Action::NextUnread => self.next_unread(),
            Action::MarkAllRead => self.ask_mark_shown_read(),
            Action::ToggleRead => self.toggle_mark(false),
            Action::ToggleStar => self.toggle_mark(true),
            Action::Copy => self.copy_selected(),
            Action::OpenInPager => self.page_selected(),
            _ => {}
        }
    }
}
