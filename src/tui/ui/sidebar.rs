//! The sidebar: 全部, every city with its article count (the first nine numbered for their
//! keys), the filtered city opened to its union bodies, then the pages (版面): each edition's
//! date (newest first) over its pages (第4版 工会), then the pages without a date (版面 000).

use super::{pane_block, selected_style};
use crate::text::{fit, width};
use crate::tui::app::{App, Entry};
use crate::tui::layout::inner;
use crate::tui::layout::Pane;
use crate::tui::typeset::page_label;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    frame.render_widget(pane_block(app, Pane::Sidebar, "城市"), area);
    let inner = inner(area);
    let w = usize::from(inner.width);
    let focused = app.focus() == Pane::Sidebar;
    let rows = usize::from(inner.height);
    let lines: Vec<Line> = app
        .entries()
        .iter()
        .enumerate()
        .skip(app.sidebar_offset())
        .take(rows)
        .map(|(i, e)| {
            let (prefix, name) = match *e {
                Entry::All => ("  ".to_string(), "全部".to_string()),
                Entry::Unread => ("  ".to_string(), "未读".to_string()),
                Entry::Starred => ("★ ".to_string(), "已收藏".to_string()),
                Entry::City(c) => (
                    if c < 9 {
                        format!("{} ", c + 1)
                    } else {
                        "  ".to_string()
                    },
                    app.corpus().cities[c].name.clone(),
                ),
                Entry::Union(c, u) => (
                    "   ".to_string(),
                    app.corpus().cities[c].unions[u].name.clone(),
                ),
                Entry::PagesHeading => {
                    return Line::from(Span::styled(
                        fit("  版面", w),
                        Style::new().fg(t.dim).add_modifier(Modifier::BOLD),
                    ))
                }
                Entry::Edition(e) => (
                    "  ".to_string(),
                    app.corpus()
                        .editions
                        .get(e)
                        .and_then(|x| x.date)
                        .map_or_else(String::new, |d| d.to_string()),
                ),
                Entry::Page(p) => {
                    let page = app.corpus().pages.get(p);
                    // A dated page stands under its edition's date.
                    let dated = page
                        .and_then(|pg| pg.edition.as_ref())
                        .is_some_and(|ed| ed.date.is_some());
                    (
                        if dated { "   " } else { "  " }.to_string(),
                        page.map_or_else(String::new, |pg| page_label(app.corpus(), &pg.id)),
                    )
                }
            };
            let count = app
                .shown_count(*e)
                .map_or_else(String::new, |n| format!(" {n}"));
            let name_w = w.saturating_sub(width(&prefix) + width(&count));
            let style = if i == app.sidebar_sel() {
                selected_style(app, focused)
            } else if matches!(e, Entry::Union(..)) {
                Style::new().fg(t.secondary)
            } else if matches!(e, Entry::Edition(_)) {
                Style::new().fg(t.dim).add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            if name_w == 0 {
                return Line::from(Span::styled(fit(&name, w), style));
            }
            Line::from(vec![
                Span::styled(prefix, style.fg(t.dim)),
                Span::styled(fit(&name, name_w), style),
                Span::styled(
                    count,
                    style.fg(if i == app.sidebar_sel() && focused {
                        t.selected_fg
                    } else {
                        t.highlight
                    }),
                ),
            ])
        })
        .collect();
    super::put_lines(frame, inner, &lines);
}
