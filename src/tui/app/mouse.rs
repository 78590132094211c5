//! The mouse in the reader: a click selects the sidebar row or list row under it (or opens
//! the warnings from the status line's ⚠) and focuses its pane; the wheel moves the pane
//! under the pointer, or scrolls the help. Changes state only as `update` asks.

use super::{App, Overlay};
use crate::tui::action::Action;
use crate::tui::layout::{self, Pane};
use ratatui::layout::{Position, Rect};

impl App {
    fn pane_at(&self, col: u16, row: u16) -> Option<(Pane, Rect)> {
        let s = self.screen();
        let pos = Position::new(col, row);
        [Pane::Sidebar, Pane::List, Pane::Reader]
            .into_iter()
            .find_map(|p| s.pane(p).filter(|r| r.contains(pos)).map(|r| (p, r)))
    }

    pub(super) fn click(&mut self, col: u16, row: u16) {
        if self.overlay != Overlay::None {
            return;
        }
        if row == self.screen().status.y && !self.warnings.is_empty() {
            // The status line, where ⚠ counts them: the warnings.
            self.overlay = Overlay::Warnings { scroll: 0 };
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
                let i = self.list.sidebar_offset + line;
                if self.list.entries.get(i).is_some_and(|e| !e.is_heading()) {
                    self.select_entry(i);
                }
            }
            Pane::List if inside => {
                let i = self.list.offset + line;
                if i < self.list.shown.len() {
                    self.list.sel = i;
                    self.show_selected();
                }
            }
            _ => {}
        }
        self.set_focus(pane);
    }

    pub(super) fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let step = if down { Action::Down } else { Action::Up };
        match self.overlay {
            Overlay::Help { scroll } => return self.update_help(step, scroll, false),
            Overlay::Warnings { scroll } => return self.update_help(step, scroll, true),
            Overlay::None => {}
            _ => return,
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
