//! Reading the list from the reader, as newsboat does: the next and previous article of the
//! list (`J` / `K`), the next unread one (`U`), and every article the list shows marked read
//! (`A`, after a yes on the status line). The `App` methods here move the list's selection
//! and the reading state; they never draw.

use super::overlay::Overlay;
use super::App;
use crate::tui::action::Action;
use crate::tui::layout::Pane;

/// What the status line asks before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these articles read (indexes into the corpus's articles): the list's, unread.
    MarkRead(Vec<usize>),
}

impl Confirm {
    /// The question, on the status line.
    #[must_use]
    pub fn question(&self) -> String {
        match self {
            Confirm::MarkRead(list) => {
                format!("把列表中 {} 篇未读文章全部标为已读?", list.len())
            }
        }
    }
}

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
                .and_then(|&a| self.corpus.articles.get(a))
                .is_some_and(|a| !self.state.is_read(&a.id))
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
                    .articles
                    .get(a)
                    .is_some_and(|x| !self.state.is_read(&x.id))
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
                    if let Some(id) = self.corpus.articles.get(a).map(|x| x.id.clone()) {
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
}
