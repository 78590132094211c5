//! Drawing: [`draw`] renders an [`App`] into a frame and never changes it. Lays the screen
//! out by width (see [`super::layout`]) and hands each pane and overlay to its module. Every
//! string from the corpus passes through [`crate::text::sanitize`] (via `truncate`/`fit` or
//! the typesetter) before it becomes a span.

pub mod help;
pub mod hits;
pub mod list;
pub mod map;
pub mod prompt;
pub mod reader;
pub mod sidebar;
pub mod source;

use super::action::Action;
use super::app::{App, Overlay};
use super::layout::Pane;
use crate::text::{fit, truncate, width};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < app.size().0 || area.height < app.size().1 {
        // Laid out for a larger terminal than the frame: drawing would run off its edge.
        // The next frame, laid out for the new size, draws it all.
        return;
    }
    let screen = app.screen();
    if screen.too_small {
        too_small(app, frame, area);
        return;
    }
    if let Some(r) = screen.sidebar {
        sidebar::draw(app, frame, r);
    }
    if let Some(r) = screen.list {
        list::draw(app, frame, r);
    }
    if let Some(r) = screen.reader {
        reader::draw(app, frame, r);
    }
    status(app, frame, screen.status);
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help { scroll } => help::draw(app, frame, *scroll, false),
        Overlay::Warnings { scroll } => help::draw(app, frame, *scroll, true),
        Overlay::Map { city } => map::draw(app, frame, *city),
        Overlay::Prompt(p) => prompt::draw(app, frame, p, screen.status),
        Overlay::Search => hits::draw(app, frame, screen.status),
        Overlay::Source(v) => source::draw(app, frame, v, screen.status),
        Overlay::Confirm(c) => confirm(app, frame, c, screen.status),
    }
    if !app.color() {
        no_color(frame);
    }
}

/// The status line's question (`A`): what will be done, and the keys that answer.
fn confirm(app: &App, frame: &mut Frame, c: &crate::tui::app::Confirm, status: Rect) {
    let t = app.theme();
    let strong = Style::new().fg(t.accent).add_modifier(Modifier::BOLD);
    let (question, answers) = (format!(" {} ", c.question()), " y 是  n 否");
    let line = if width(&question) + width(answers) <= usize::from(status.width) {
        Line::from(vec![Span::styled(question, strong), Span::raw(answers)])
    } else {
        Line::from(Span::styled(format!(" {}", c.short_question()), strong))
    };
    frame.render_widget(ratatui::widgets::Clear, status);
    frame.render_widget(ratatui::widgets::Paragraph::new(line), status);
}

/// `NO_COLOR` (or `color = false`): every cell in the terminal's own colours; selection and
/// emphasis stay as reverse, bold and underline.
fn no_color(frame: &mut Frame) {
    for cell in &mut frame.buffer_mut().content {
        cell.fg = ratatui::style::Color::Reset;
        cell.bg = ratatui::style::Color::Reset;
    }
}

/// A pane's frame: rounded border, highlighted when focused, with a title.
#[must_use]
pub fn pane_block<'a>(app: &App, pane: Pane, title: &'a str) -> Block<'a> {
    let t = app.theme();
    let focused = app.focus() == pane && *app.overlay() == Overlay::None;
    let style = if focused {
        Style::new().fg(t.accent)
    } else {
        Style::new().fg(t.border)
    };
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(style)
        .title(Span::styled(
            format!(" {title} "),
            if focused {
                style.add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            },
        ))
}

/// The style of a selected row: reversed in the focused pane, dimmer elsewhere.
#[must_use]
pub fn selected_style(app: &App, focused: bool) -> Style {
    let t = app.theme();
    if !app.color() {
        // Without colour the selection is reversed (underlined where the pane is not focused).
        return if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        };
    }
    if focused {
        Style::new().bg(t.selected_bg).fg(t.selected_fg)
    } else {
        Style::new().bg(t.dim)
    }
}

/// Writes pre-cut lines into `area`, one per row, without a Paragraph's re-wrapping pass
/// (the lines already fit: they were cut or wrapped by display width).
pub fn put_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    let area = area.intersection(buf.area);
    for (row, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        let w = u16::try_from(line.width())
            .unwrap_or(u16::MAX)
            .min(area.width);
        let x = match line.alignment {
            Some(Alignment::Right) => area.x + (area.width - w),
            Some(Alignment::Center) => area.x + (area.width - w) / 2,
            _ => area.x,
        };
        buf.set_line(x, y, line, area.right() - x);
    }
}

/// Mends the cells either side of an overlay drawn at `r`: a wide character whose right half
/// the overlay covered, or whose left half it covered, would otherwise push the overlay's
/// border out of place on a real terminal.
pub fn mend_edges(frame: &mut Frame, r: Rect) {
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in r.top()..r.bottom().min(area.bottom()) {
        if r.x > area.x {
            let cell = &mut buf[(r.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if r.right() < area.right() {
            let cell = &mut buf[(r.right(), y)];
            if cell.symbol().is_empty() {
                cell.set_symbol(" ");
            }
        }
    }
}

/// What a box that lists `total` entries, `shown` of them from `first`, leaves out, for its
/// bottom border: ` ↑ 2 · ↓ 还有 3 项 `, or `None` when every entry is shown.
#[must_use]
pub fn more_entries(first: usize, shown: usize, total: usize) -> Option<String> {
    let below = total.saturating_sub(first + shown);
    match (first, below) {
        (0, 0) => None,
        (0, b) => Some(format!(" ↓ 还有 {b} 项 ")),
        (a, 0) => Some(format!(" ↑ {a} 项 ")),
        (a, b) => Some(format!(" ↑ {a} · ↓ 还有 {b} 项 ")),
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let w = usize::from(area.width);
    let lines: Vec<Line> = ["终端太小", &format!("{}×{}", area.width, area.height)]
        .iter()
        .map(|s| Line::from(truncate(s, w)).alignment(Alignment::Center))
        .collect();
    let top = area.height.saturating_sub(2) / 2;
    let r = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).style(Style::new().fg(t.highlight)), r);
}

/// The status line: filter · N 篇 on the left, the most useful keys on the right.
fn status(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let w = usize::from(area.width);
    let mut left = format!(" {} · {} 篇", app.filter_label(), app.shown().len());
    if app.view() == crate::model::View::Unread && app.search().active.is_none() {
        // Articles opened since 未读 was chosen stay listed, read: count what is still unread,
        // as the sidebar does.
        let unread = app.shown().iter().filter(|&&i| !app.is_read(i)).count();
        if unread != app.shown().len() {
            left = format!(" 未读 · {unread} 篇 · 列出 {}", app.shown().len());
        }
    }
    if let Overlay::Map { city } = app.overlay() {
        // The map's selection, which its labels may leave out at small sizes.
        if let Some(c) = crate::places::Gazetteer::get().cities.get(*city) {
            let n = app
                .corpus()
                .find_city(&c.name)
                .map_or(0, |e| e.articles.len());
            left = format!(" 地图 · {} · {n} 篇", c.name);
        }
    }
    let km = app.keymap();
    let mut keys = km.hints(&[
        (&[Action::Help], "帮助"),
        (&[Action::Search], "搜索"),
        (&[Action::CityPrompt], "城市"),
        (&[Action::PrevCity, Action::NextCity], "切换"),
        (&[Action::Map], "地图"),
        (&[Action::Quit], "退出"),
    ]);
    // What must stay on the line however narrow it is: which hit the reader is at.
    let mut essential = None;
    if let Some(a) = &app.search().active {
        if a.results.total > app.shown().len() && a.related_of.is_none() {
            // The list holds the best hits only.
            left = format!(
                " {} · {} 篇, 列出前 {}",
                app.filter_label(),
                a.results.total,
                app.shown().len()
            );
        }
        keys = if a.related_of.is_some() {
            km.hints(&[
                (&[Action::Open], "打开"),
                (&[Action::Close], "回到列表"),
                (&[Action::Help], "帮助"),
            ])
        } else {
            // Which hit of the open article is at the top of the reader, of how many lines
            // with hits.
            match app.current_hit() {
                Some((_, i, n)) => {
                    let keys = km.hints(&[
                        (&[Action::NextHit, Action::PrevHit], "下一个 / 上一个"),
                        (&[Action::Close], "回到列表"),
                    ]);
                    essential = Some(format!("命中 {}/{n}", i + 1));
                    format!("命中 {}/{n}  {keys}", i + 1)
                }
                None => km.hints(&[
                    (&[Action::NextHit, Action::PrevHit], "命中"),
                    (&[Action::Close], "回到列表"),
                    (&[Action::Help], "帮助"),
                ]),
            }
        };
    }
    if matches!(app.overlay(), Overlay::Source(_)) {
        keys = km.hints(&[
            (&[Action::Up, Action::Down], "滚动"),
            (&[Action::Source], "关闭原版"),
            (&[Action::Help], "帮助"),
        ]);
    }
    // The index's state (built, failed, another gongbao updating it) stays in the short form
    // too.
    let index_status = app.search().status();
    if let Some(s) = &index_status {
        keys = format!("{s}  {keys}");
    }
    // Where the full hints do not fit (60 columns and below): a short form.
    let mut short = km.hints(&[(&[Action::Help], "帮助"), (&[Action::Quit], "退出")]);
    if !app.warnings().is_empty() {
        let n = format!("⚠ {}", app.warnings().len());
        let hint = km.hints(&[(&[Action::Warnings], &n)]);
        let hint = if hint.trim().is_empty() {
            n
        } else {
            hint.trim_end().to_string()
        };
        keys = format!("{hint}  {keys}");
        short = format!("{hint}  {short}");
    }
    if let Some(s) = &index_status {
        short = format!("{s}  {short}");
    }
    if let Some(e) = &essential {
        short = format!("{e}  {short}");
    }
    // The left part gives way to what must stay (at 40 columns the search's label would
    // push the hit counter off).
    let keep = essential.as_ref().map_or(0, |e| width(e) + 2);
    let left = truncate(&left, w.saturating_sub(keep).max(w.min(12)));
    let room = w.saturating_sub(width(&left) + 2);
    // A message (star, copy, state not saved) takes the place of the key hints.
    let (right, right_style) = match &app.message() {
        Some(m) => (
            format!("{} ", truncate(m, room.saturating_sub(1))),
            Style::new().fg(t.highlight).add_modifier(Modifier::BOLD),
        ),
        None if width(&keys) <= room => (keys, Style::new().fg(t.dim)),
        None if width(&short) <= room => (short, Style::new().fg(t.dim)),
        // No hints at all: the hit counter and the index's state.
        None if index_status.is_some() => {
            let brief: Vec<&str> = essential
                .iter()
                .chain(&index_status)
                .map(String::as_str)
                .collect();
            (truncate(&brief.join("  "), room), Style::new().fg(t.dim))
        }
        None => match essential {
            Some(e) if width(&e) <= room => (e, Style::new().fg(t.dim)),
            _ => (String::new(), Style::new()),
        },
    };
    let gap = w.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(fit("", gap)),
        Span::styled(right, right_style),
    ]);
    let bar = if app.color() {
        Style::new().bg(t.status_bg).fg(t.status_fg)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    };
    frame.render_widget(Paragraph::new(line).style(bar), area);
}
