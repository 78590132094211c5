//! The article list: read marker, title (kicker or union body in front where the title
//! alone says little, shrinking before the title does) cut by display width with …, city and
//! date in columns. A 版面 view lists its page's banners (版头) and unplaced lines (未归) after
//! the articles.

use super::{pane_block, selected_style};
use crate::model::{Head, NO_CITY};
use crate::search::pagetext::Leftover;
use crate::text::{fit, sanitize, width};
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

/// What is left of a city's union body without the city's name: it names no body, so it is
/// never shown alone in front of a title.
const BARE_UNION_WORDS: [&str; 4] = ["总工会", "工会", "工联会", "工会联合会"];

/// The title as the list shows it in `w` columns: with the kicker or union body in front
/// while both fit; a union body in front shrinks first (without its city when the city
/// column shows it, then its county or district alone, then nothing) so the title keeps its
/// room.
#[must_use]
pub fn list_title(a: Head<'_>, w: usize, city_shown: bool) -> String {
    let Some(kicker) = a.kicker().filter(|k| !k.is_empty()) else {
        return a.title().to_string();
    };
    let mut forms = vec![kicker.to_string()];
    if a.union() == Some(kicker) || kicker.ends_with("工会") {
        let rest = a
            .city()
            .filter(|_| city_shown)
            .and_then(|c| kicker.strip_prefix(c))
            // A bare union word (汕尾市总工会 less its city) names nothing: no form of its own.
            .filter(|r| !r.is_empty() && !BARE_UNION_WORDS.contains(r))
            .unwrap_or(kicker);
        if rest != kicker {
            forms.push(rest.to_string());
        }
        if let Some(county) = rest
            .strip_suffix("总工会")
            .filter(|c| !c.is_empty() && *c != rest)
        {
            forms.push(county.to_string());
        }
    }
    forms
        .into_iter()
        .map(|k| format!("{k} · {}", a.title()))
        .find(|t| width(t) <= w)
        .unwrap_or_else(|| a.title().to_string())
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    frame.render_widget(pane_block(app, Pane::List, "文章"), area);
    let inner = inner(area);
    let w = usize::from(inner.width);
    let focused = app.focus() == Pane::List;
    let leftovers = app.page_leftovers();
    if app.shown().is_empty() && leftovers.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(fit(" 没有文章", w), Style::new().fg(t.dim))),
            inner,
        );
        return;
    }
    let show_city = w >= 24;
    let show_date = w >= 40;
    let mut lines: Vec<Line> = app
        .shown()
        .iter()
        .enumerate()
        .skip(app.list_offset())
        .take(usize::from(inner.height))
        .filter_map(|(row, &ai)| {
            let a = app.corpus().head(ai)?;
            let sel = row == app.list_sel();
            let base = if sel {
                selected_style(app, focused)
            } else {
                Style::new()
            };
            let starred = app.is_starred(ai);
            let marker = Span::styled(
                // Both marks: unread, then the star.
                match (app.is_read(ai), starred) {
                    (false, true) => "•★ ",
                    (false, false) => "•  ",
                    (true, true) => " ★ ",
                    (true, false) => "   ",
                },
                base.fg(if sel && focused {
                    t.selected_fg
                } else if starred {
                    t.starred
                } else {
                    t.unread
                }),
            );
            let mut title_w = w.saturating_sub(3);
            let mut tail = Vec::new();
            if show_city {
                let city = a
                    .city()
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
                    .date()
                    .map_or_else(String::new, |d| format!("{}月{}日", d.month, d.day));
                title_w = title_w.saturating_sub(DATE_W + 1);
                let pad = DATE_W.saturating_sub(width(&date));
                tail.push(Span::styled(
                    format!(" {}{date}", " ".repeat(pad)),
                    base.fg(if sel && focused { t.selected_fg } else { t.dim }),
                ));
            }
            let title = list_title(a, title_w, show_city);
            let mut spans = vec![marker, Span::styled(fit(&title, title_w), base)];
            spans.extend(tail);
            Some(Line::from(spans))
        })
        .collect();
    // A 版面 view: the page's banners and unplaced lines after its articles.
    let skip = app.list_offset().saturating_sub(app.shown().len());
    for (kind, text) in leftovers.iter().skip(skip) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        let tag = match kind {
            Leftover::Banner => "版头 ",
            Leftover::Unplaced => "未归 ",
        };
        lines.push(Line::from(vec![
            Span::styled(tag, Style::new().fg(t.highlight)),
            Span::styled(
                fit(&sanitize(text), w.saturating_sub(width(tag))),
                Style::new().fg(t.secondary),
            ),
        ]));
    }
    super::put_lines(frame, inner, &lines);
}
