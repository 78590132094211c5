//! The article list: read marker, title (kicker or union body in front where the title
//! alone says little) cut by display width with …, city and date in columns.

use super::{pane_block, selected_style};
use crate::model::NO_CITY;
use crate::text::{fit, width};
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::layout::Pane;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The list's date column: `12月5日`.
const DATE_W: usize = 8;
/// The city column: `湛江`.
const CITY_W: usize = 4;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    frame.render_widget(pane_block(app, Pane::List, "文章"), area);
    let inner = inner(area);
    let w = usize::from(inner.width);
    let focused = app.focus() == Pane::List;
    if app.shown().is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(fit(" 没有文章", w), Style::new().fg(t.dim))),
            inner,
        );
        return;
    }
    let show_city = w >= 24;
    let show_date = w >= 40;
    let lines: Vec<Line> = app
        .shown()
        .iter()
        .enumerate()
        .skip(app.list_offset())
        .take(usize::from(inner.height))
        .filter_map(|(row, &ai)| {
            let a = app.corpus().articles.get(ai)?;
            let sel = row == app.list_sel();
            let base = if sel {
                selected_style(app, focused)
            } else {
                Style::new()
            };
            let starred = app.is_starred(ai);
            let marker = Span::styled(
                match (starred, app.is_read(ai)) {
                    (true, _) => "★ ",
                    (false, true) => "  ",
                    (false, false) => "• ",
                },
                base.fg(if sel && focused {
                    t.selected_fg
                } else if starred {
                    t.starred
                } else {
                    t.unread
                }),
            );
            let mut title_w = w.saturating_sub(2);
            let mut tail = Vec::new();
            if show_city {
                let city = a
                    .city
                    .as_deref()
                    .filter(|c| *c != NO_CITY)
                    .map_or("—", |c| c.strip_suffix('市').unwrap_or(c));
                title_w = title_w.saturating_sub(CITY_W + 1);
                tail.push(Span::styled(
                    format!(" {}", fit(city, CITY_W)),
                    base.fg(if sel && focused {
                        t.selected_fg
                    } else {
                        t.place
                    }),
                ));
            }
            if show_date {
                let date = a
                    .date
                    .as_ref()
                    .map_or_else(String::new, |d| format!("{}月{}日", d.month, d.day));
                title_w = title_w.saturating_sub(DATE_W + 1);
                let pad = DATE_W.saturating_sub(width(&date));
                tail.push(Span::styled(
                    format!(" {}{date}", " ".repeat(pad)),
                    base.fg(if sel && focused { t.selected_fg } else { t.dim }),
                ));
            }
            let mut spans = vec![marker, Span::styled(fit(&a.display_title(), title_w), base)];
            spans.extend(tail);
            Some(Line::from(spans))
        })
        .collect();
    super::put_lines(frame, inner, &lines);
}
