//! Reading the list from the reader, as newsboat does: the next and previous article of the
//! list (`J` / `K`), the next unread one (`U`), and every article the list shows marked read
//! (`A`, after a yes on the status line); the marks of one article (`u`, `s`), and what
//! `y` and `o` hand the event loop. The `App` methods here move the list's selection and
//! the reading state; they never draw.

use super::overlay::{Confirm, Overlay};
use super::{App, Effect};
use crate::tui::action::Action;
use crate::tui::layout::Pane;

impl App {
    /// `J` / `K`: the next or previous article of the list, opened where the reader is (from
    /// the reader it stays there, and the article is read).
    pub(super) fn step_article(&mut self, forward: bool) {
        let Some(last) = self.list.shown.len().checked_sub(1) else {
            return;
        };
        let next = if forward {
            (self.list.sel < last).then_some(self.list.sel + 1)
        } else {
            self.list.sel.checked_sub(1)
        };
        match next {
            Some(i) => self.open_at(i),
            None => {
                self.message = Some(
                    if forward {
                        "已是最后一篇"
                    } else {
                        "已是第一篇"
                    }
                    .to_string(),
                );
            }
        }
    }

    /// `U`: the next unread article after the selection, going round to the list's top.
    pub(super) fn next_unread(&mut self) {
        let n = self.list.shown.len();
        let found = (1..=n).map(|k| (self.list.sel + k) % n).find(|&i| {
            self.list
                .shown
                .get(i)
                .and_then(|&a| self.corpus.head(a))
                .is_some_and(|a| !self.state.is_read(a.id()))
        });
        match found {
            Some(i) => self.open_at(i),
            None => self.message = Some("列表中没有未读文章".to_string()),
        }
    }

    /// Selects the list's row `i` and shows its article; in the reader, reads it there.
    fn open_at(&mut self, i: usize) {
        self.list.sel = i;
        self.fix_offsets();
        self.show_selected();
        if self.focus == Pane::Reader {
            self.set_focus(Pane::Reader);
        }
    }

    /// `A`: asks on the status line to mark every unread article the list shows read.
    pub(super) fn ask_mark_shown_read(&mut self) {
        let unread: Vec<usize> = self
            .list
            .shown
            .iter()
            .copied()
            .filter(|&a| {
                self.corpus
                    .head(a)
                    .is_some_and(|x| !self.state.is_read(x.id()))
            })
            .collect();
        if unread.is_empty() {
            self.message = Some("列表中的文章都已读".to_string());
            return;
        }
        self.overlay = Overlay::Confirm(Confirm::MarkRead(unread));
    }

    /// The status line's question: `y` or Enter does it, `n` or Esc leaves it.
    pub(super) fn update_confirm(&mut self, action: Action, confirm: Confirm) {
        match action {
            Action::Confirm => {
                self.overlay = Overlay::None;
                let Confirm::MarkRead(list) = confirm;
                let mut marked = 0;
                for a in list {
                    if let Some(id) = self.corpus.head(a).map(|x| x.id().to_string()) {
                        marked += usize::from(self.state.set_read(&id, true));
                    }
                }
                self.recount();
                self.message = Some(format!("已将 {marked} 篇标为已读"));
            }
            Action::Close => {
                self.overlay = Overlay::None;
                self.message = Some("未标记".to_string());
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// `y`: the selected article as Markdown with its citation, for the clipboard (OSC 52).
    pub(super) fn copy_selected(&mut self) {
        if let Some(a) = self.selected_article().and_then(|i| self.corpus.whole(i)) {
            let page = self.corpus.page_of(&a);
            let text = crate::render::markdown_with_citation(&a, page);
            // What was sent, not that it arrived: a terminal may ignore OSC 52.
            self.message = Some(format!(
                "已发给终端的剪贴板 (OSC 52, {} 字): {}",
                text.chars().count(),
                crate::render::citation(&a, page)
            ));
            self.effects.push(Effect::Copy(text));
        }
    }

    /// `o`: the selected article in `$PAGER` (read, once opened there).
    pub(super) fn page_selected(&mut self) {
        if let Some(a) = self.selected_article().and_then(|i| self.corpus.whole(i)) {
            let text = crate::render::markdown_with_citation(&a, self.corpus.page_of(&a));
            let id = a.id.clone();
            self.effects.push(Effect::Pager(text));
            // Opened in the pager is opened: read.
            if self.state.set_read(&id, true) {
                self.recount();
            }
        }
    }

    /// Flips the selected article's star (`star`) or read mark, and says so.
    pub(super) fn toggle_mark(&mut self, star: bool) {
        let Some(id) = self
            .selected_article()
            .and_then(|i| self.corpus.head(i))
            .map(|a| a.id().to_string())
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
}
