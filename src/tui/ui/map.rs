//! The map (`m`): Guangdong's 21 cities drawn at their coordinates on a ratatui Canvas, each
//! with its article count, the selected one highlighted. Labels that would overlap are
//! moved to a free spot next to their city.

use super::centered;
use crate::places::Gazetteer;
use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::layout::inner;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::Canvas;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

/// Guangdong's extent, with a margin: longitude, latitude.
const LON: [f64; 2] = [109.4, 117.6];
const LAT: [f64; 2] = [20.1, 25.7];

/// One city's marker and label, in cells of the canvas.
struct Placed {
    city: usize,
    col: u16,
    row: u16,
    label: String,
    /// Column where the label starts.
    label_col: u16,
    label_row: u16,
}

/// Places markers and labels, each label on the first free spot: right of its marker, left,
/// then the rows above and below.
fn place(app: &App, w: u16, h: u16) -> Vec<Placed> {
    let g = Gazetteer::get();
    let mut taken = vec![vec![false; usize::from(w)]; usize::from(h)];
    let cell = |lon: f64, lat: f64| {
        let x = (lon - LON[0]) / (LON[1] - LON[0]) * f64::from(w.saturating_sub(1));
        let y = (LAT[1] - lat) / (LAT[1] - LAT[0]) * f64::from(h.saturating_sub(1));
        // Both are inside 0..w and 0..h for Guangdong's coordinates; clamp anyway.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (x, y) = (x.round().max(0.0) as u16, y.round().max(0.0) as u16);
        (x.min(w.saturating_sub(1)), y.min(h.saturating_sub(1)))
    };
    let mut out: Vec<Placed> = g
        .cities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (col, row) = cell(c.lon, c.lat);
            if let Some(t) = taken
                .get_mut(usize::from(row))
                .and_then(|r| r.get_mut(usize::from(col)))
            {
                *t = true;
            }
            let n = app
                .corpus()
                .find_city(&c.name)
                .map_or(0, |e| e.articles.len());
            Placed {
                city: i,
                col,
                row,
                label: format!("{} {n}", c.short),
                label_col: col,
                label_row: row,
            }
        })
        .collect();
    for p in &mut out {
        let lw = u16::try_from(width(&p.label)).unwrap_or(u16::MAX);
        let spots = [
            (i32::from(p.col) + 1, 0),
            (i32::from(p.col) - i32::from(lw) - 1, 0),
            (i32::from(p.col) + 1, -1),
            (i32::from(p.col) + 1, 1),
            (i32::from(p.col) - i32::from(lw) - 1, -1),
            (i32::from(p.col) - i32::from(lw) - 1, 1),
            (i32::from(p.col) - i32::from(lw) / 2, -1),
            (i32::from(p.col) - i32::from(lw) / 2, 1),
            (i32::from(p.col) + 1, -2),
            (i32::from(p.col) + 1, 2),
        ];
        let free = |x: i32, y: i32, taken: &Vec<Vec<bool>>| {
            (x >= 0 && y >= 0 && x + i32::from(lw) <= i32::from(w) && y < i32::from(h))
                && (x..x + i32::from(lw) + 1).all(|cx| {
                    usize::try_from(cx).ok().and_then(|cx| {
                        taken
                            .get(usize::try_from(y).ok()?)
                            .and_then(|r| r.get(cx).copied())
                    }) != Some(true)
                })
        };
        let spot = spots
            .iter()
            .map(|&(x, dy)| (x, i32::from(p.row) + dy))
            .find(|&(x, y)| free(x, y, &taken))
            .unwrap_or((i32::from(p.col) + 1, i32::from(p.row)));
        p.label_col = u16::try_from(spot.0.max(0)).unwrap_or(0);
        p.label_row = u16::try_from(spot.1.max(0)).unwrap_or(0);
        if let Some(r) = taken.get_mut(usize::from(p.label_row)) {
            for cx in p.label_col..p.label_col.saturating_add(lw) {
                if let Some(t) = r.get_mut(usize::from(cx)) {
                    *t = true;
                }
            }
        }
    }
    out
}

/// The canvas coordinate that lands on cell `c` of `n` (the inverse of Canvas's mapping).
fn coord(c: u16, n: u16, range: [f64; 2], flip: bool) -> f64 {
    let span = range[1] - range[0];
    let f = (f64::from(c) + 0.5) * span / f64::from(n.saturating_sub(1).max(1));
    if flip {
        (range[1] - f).max(range[0])
    } else {
        (range[0] + f).min(range[1])
    }
}

pub fn draw(app: &App, frame: &mut Frame, selected: usize) {
    let t = app.theme();
    let area = frame.area();
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2).min(36),
    );
    let g = Gazetteer::get();
    let name = g.cities.get(selected).map_or("", |c| c.name.as_str());
    let count = app.corpus().find_city(name).map_or(0, |e| e.articles.len());
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(t.accent))
        .title(format!(" 广东 · {name} {count} 篇 "))
        .title_bottom(Line::from(" ←↑↓→ 移动 · Enter 筛选 · Esc 关闭 ").right_aligned());
    frame.render_widget(Clear, r);
    super::mend_edges(frame, r);
    let canvas_area = inner(r);
    if canvas_area.width < 24 || canvas_area.height < 8 {
        frame.render_widget(
            Paragraph::new(truncate(
                "地图需要更大的终端",
                usize::from(canvas_area.width),
            ))
            .block(block),
            r,
        );
        return;
    }
    frame.render_widget(block, r);
    let (w, h) = (canvas_area.width, canvas_area.height);
    let placed = place(app, w, h);
    let canvas = Canvas::default().x_bounds(LON).y_bounds(LAT).paint(|ctx| {
        for p in &placed {
            let has = !p.label.ends_with(" 0");
            let sel = p.city == selected;
            let (marker, mstyle) = if sel {
                ("◆", Style::new().fg(t.selected_fg).bg(t.accent))
            } else if has {
                ("●", Style::new().fg(t.highlight))
            } else {
                ("·", Style::new().fg(t.dim))
            };
            ctx.print(
                coord(p.col, w, LON, false),
                coord(p.row, h, LAT, true),
                Span::styled(marker, mstyle),
            );
            let lstyle = if sel {
                Style::new()
                    .fg(t.selected_fg)
                    .bg(t.accent)
                    .add_modifier(Modifier::BOLD)
            } else if has {
                Style::new().fg(t.title)
            } else {
                Style::new().fg(t.dim)
            };
            ctx.print(
                coord(p.label_col, w, LON, false),
                coord(p.label_row, h, LAT, true),
                Span::styled(p.label.clone(), lstyle),
            );
        }
    });
    frame.render_widget(canvas, canvas_area);
}
