//! The map (`m`): Guangdong and its 21 cities' borders (from [`crate::places::outline`])
//! drawn in braille on a ratatui Canvas, each city seat marked by its article count (`·` none,
//! `•` some, `●` the most) and labelled with its name and count, the selected city's border
//! and label highlighted. Labels never overlap each other or a marker: they are placed most
//! important first (the selected city, then by article count) on the first free spot next to
//! their marker, shortened to the name alone, or left out when no spot is free (the selected
//! city's name and count are always in the title and the status line).

use super::centered;
use crate::places::outline;
use crate::places::Gazetteer;
use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::layout::inner;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

/// Longitude and latitude shown: the outlines' extent with a small margin.
fn extent() -> ([f64; 2], [f64; 2]) {
    let (lon, lat) = outline::bounds();
    if lon[0] > lon[1] {
        // No outlines (cannot happen with the embedded asset): the province's box.
        return ([109.6, 117.4], [20.2, 25.6]);
    }
    ([lon[0] - 0.1, lon[1] + 0.1], [lat[0] - 0.1, lat[1] + 0.1])
}

/// How many terminal columns one row is worth for the map to keep its shape: a cell is about
/// twice as tall as wide, and a degree of longitude at 23°N is 0.92 of a degree of latitude.
const CELL_ASPECT: f64 = 2.0 * 0.92;

/// A city's label on the map, in the frame's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Index into the gazetteer's cities.
    pub city: usize,
    pub text: String,
    pub col: u16,
    pub row: u16,
}

impl Label {
    /// The cells it covers: one row, from `col` for its display width.
    #[must_use]
    pub fn rect(&self) -> Rect {
        Rect::new(
            self.col,
            self.row,
            u16::try_from(width(&self.text)).unwrap_or(u16::MAX),
            1,
        )
    }
}

/// Where the map is drawn and everything on it, in the frame's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLayout {
    /// The overlay with its border.
    pub frame: Rect,
    /// The canvas inside it.
    pub canvas: Rect,
    /// Each city's marker: (city, col, row).
    pub markers: Vec<(usize, u16, u16)>,
    pub labels: Vec<Label>,
}

/// The articles of each gazetteer city in the corpus.
fn counts(app: &App) -> Vec<usize> {
    Gazetteer::get()
        .cities
        .iter()
        .map(|c| {
            app.corpus()
                .find_city(&c.name)
                .map_or(0, |e| e.articles.len())
        })
        .collect()
}

/// The map's layout in `area` (the whole frame), or `None` when the terminal is too small
/// to draw it (the overlay then says so).
#[must_use]
pub fn layout(app: &App, area: Rect, selected: usize) -> Option<MapLayout> {
    let (lon, lat) = extent();
    let frame = centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2).min(40),
    );
    let room = inner(frame);
    if room.width < 24 || room.height < 8 {
        return None;
    }
    // Keep the province's shape, stretched by at most a third where the room is narrow.
    let ideal = (lon[1] - lon[0]) * CELL_ASPECT / (lat[1] - lat[0]);
    let h = f64::from(room.height);
    let w = f64::from(room.width);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (cw, ch) = if w / h > ideal {
        // Small rooms stretch more: labels need the columns.
        ((h * ideal).round().max(w.min(36.0)) as u16, room.height)
    } else {
        (room.width, (w / ideal * 1.33).round().max(8.0) as u16)
    };
    let canvas = centered(room, cw.min(room.width), ch.min(room.height));
    // The frame hugs the canvas.
    let frame = Rect::new(
        canvas.x.saturating_sub(1),
        canvas.y.saturating_sub(1),
        canvas.width + 2,
        canvas.height + 2,
    )
    .intersection(frame);
    let g = Gazetteer::get();
    let counts = counts(app);
    let cell = |x: f64, range: [f64; 2], n: u16, flip: bool| {
        let f = if flip {
            (range[1] - x) / (range[1] - range[0])
        } else {
            (x - range[0]) / (range[1] - range[0])
        };
        // The canvas's own mapping (it truncates); clamped to the canvas.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let c = (f * f64::from(n.saturating_sub(1))).max(0.0) as u16;
        c.min(n.saturating_sub(1))
    };
    let markers: Vec<(usize, u16, u16)> = g
        .cities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                i,
                canvas.x + cell(c.lon, lon, canvas.width, false),
                canvas.y + cell(c.lat, lat, canvas.height, true),
            )
        })
        .collect();
    // Most important first: the selected city, then by article count, then the gazetteer's
    // order.
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| {
        (
            i != selected,
            std::cmp::Reverse(counts.get(i).copied().unwrap_or(0)),
            i,
        )
    });
    let mut labels: Vec<Label> = Vec::new();
    for i in order {
        let (Some(c), Some(&(_, col, row))) = (g.cities.get(i), markers.get(i)) else {
            continue;
        };
        let n = counts.get(i).copied().unwrap_or(0);
        // A city without articles is named alone: its dim marker says it has none.
        let texts = if n == 0 {
            vec![c.short.clone()]
        } else {
            vec![format!("{} {n}", c.short), c.short.clone()]
        };
        // The selected city's label (drawn highlighted, like its marker) may stand as near
        // another marker as its own when nowhere else is free, never nearer.
        let margins: &[u16] = if i == selected { &[2, 0] } else { &[2] };
        let placed = margins.iter().find_map(|&margin| {
            texts.iter().find_map(|text| {
                let lw = u16::try_from(width(text)).unwrap_or(u16::MAX);
                spots(col, row, lw).into_iter().find_map(|(x, y)| {
                    let l = Label {
                        city: i,
                        text: text.clone(),
                        col: u16::try_from(x).ok()?,
                        row: u16::try_from(y).ok()?,
                    };
                    free(&l.rect(), i, canvas, &markers, &labels, margin).then_some(l)
                })
            })
        });
        labels.extend(placed);
    }
    Some(MapLayout {
        frame,
        canvas,
        markers,
        labels,
    })
}

/// Where a label of width `lw` may go next to a marker at (`col`, `row`), best first: right
/// of it, left of it, then the rows just above and below.
fn spots(col: u16, row: u16, lw: u16) -> [(i32, i32); 8] {
    let (c, r, lw) = (i32::from(col), i32::from(row), i32::from(lw));
    [
        (c + 1, r),
        (c - lw, r),
        (c + 1, r - 1),
        (c + 1, r + 1),
        (c - lw, r - 1),
        (c - lw, r + 1),
        (c - lw / 2, r - 1),
        (c - lw / 2, r + 1),
    ]
}

/// How far marker (`x`, `y`) is from a label's cells: columns beside it plus two per row
/// above or below (a row is about twice as tall as a column is wide).
fn gap(r: &Rect, x: u16, y: u16) -> u16 {
    let dx = if x < r.x {
        r.x - x
    } else if x >= r.right() {
        x - r.right() + 1
    } else {
        0
    };
    dx + 2 * y.abs_diff(r.y)
}

/// Whether `city`'s label may take `r`: inside the canvas, on no marker, with a blank
/// column between it and any other label or other city's marker on its row (so `肇庆 1` and
/// `广州 2` never run together, nor a label into the wrong dot), and its own marker the
/// nearest by `margin` steps ([`gap`]; 2 for every label, so no one reads a label as the next
/// dot's, 0 for the selected city's where nowhere else is free).
fn free(
    r: &Rect,
    city: usize,
    canvas: Rect,
    markers: &[(usize, u16, u16)],
    labels: &[Label],
    margin: u16,
) -> bool {
    let inside = r.x >= canvas.x
        && r.y >= canvas.y
        && r.right() <= canvas.right()
        && r.bottom() <= canvas.bottom();
    let padded = Rect::new(r.x.saturating_sub(1), r.y, r.width + 2, 1);
    inside
        && !markers.iter().any(|&(c, x, y)| {
            let span = if c == city {
                r.x..r.right()
            } else {
                padded.x..padded.right()
            };
            y == r.y && span.contains(&x)
        })
        && !labels.iter().any(|l| l.rect().intersects(padded))
        && nearest_is_own(r, city, markers, margin)
}

/// Whether `city`'s marker is the nearest to a label at `r`: every other marker at least
/// `margin` steps further ([`gap`]).
fn nearest_is_own(r: &Rect, city: usize, markers: &[(usize, u16, u16)], margin: u16) -> bool {
    markers
        .iter()
        .find(|m| m.0 == city)
        .is_some_and(|&(_, ox, oy)| {
            let own = gap(r, ox, oy);
            markers
                .iter()
                .all(|&(c, x, y)| c == city || gap(r, x, y) >= own + margin)
        })
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
    let g = Gazetteer::get();
    let name = g.cities.get(selected).map_or("", |c| c.name.as_str());
    let counts = counts(app);
    let count = counts.get(selected).copied().unwrap_or(0);
    let room = layout(app, area, selected).map_or(area.width, |m| m.frame.width);
    let hint = match app.message() {
        Some(m) => format!(" {m} "),
        None => [
            " ←↑↓→ 移动 · Enter 筛选 · Esc 关闭 ",
            " Enter 筛选 · Esc 关闭 ",
            " Esc 关闭 ",
        ]
        .into_iter()
        .find(|h| width(h) + 4 <= usize::from(room))
        .unwrap_or_default()
        .to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(t.accent))
        .title(format!(" 广东 · {name} {count} 篇 "))
        .title_bottom(Line::from(hint).right_aligned());
    let Some(m) = layout(app, area, selected) else {
        let r = centered(
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(2),
        );
        frame.render_widget(Clear, r);
        super::mend_edges(frame, r);
        frame.render_widget(
            Paragraph::new(truncate(
                "地图需要更大的终端",
                usize::from(r.width.saturating_sub(2)),
            ))
            .block(block),
            r,
        );
        return;
    };
    frame.render_widget(Clear, m.frame);
    super::mend_edges(frame, m.frame);
    frame.render_widget(block, m.frame);
    let (lon, lat) = extent();
    let most = counts.iter().copied().max().unwrap_or(0);
    let (w, h) = (m.canvas.width, m.canvas.height);
    let border = |sel: bool| if sel { t.accent } else { t.dim };
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(lon)
        .y_bounds(lat)
        .paint(|ctx| {
            // The selected city's border last, over its neighbours'.
            let mut outlines: Vec<_> = outline::outlines().iter().collect();
            outlines.sort_by_key(|o| o.name == name);
            for o in outlines {
                let color: Color = border(o.name == name);
                for ring in &o.rings {
                    for pair in ring.windows(2) {
                        ctx.draw(&CanvasLine {
                            x1: pair[0][0],
                            y1: pair[0][1],
                            x2: pair[1][0],
                            y2: pair[1][1],
                            color,
                        });
                    }
                }
                ctx.layer();
            }
            // The selected city's marker last, over a neighbour's in the same cell.
            let markers = m
                .markers
                .iter()
                .filter(|mk| mk.0 != selected)
                .chain(m.markers.iter().filter(|mk| mk.0 == selected));
            for &(city, col, row) in markers {
                let n = counts.get(city).copied().unwrap_or(0);
                let sel = city == selected;
                let glyph = match n {
                    0 => "·",
                    n if 2 * n < most => "•",
                    _ => "●",
                };
                let style = if sel {
                    Style::new().fg(t.selected_fg).bg(t.accent)
                } else if n == 0 {
                    Style::new().fg(t.dim)
                } else {
                    Style::new().fg(t.highlight)
                };
                ctx.print(
                    coord(col - m.canvas.x, w, lon, false),
                    coord(row - m.canvas.y, h, lat, true),
                    Span::styled(if sel { "◆" } else { glyph }, style),
                );
            }
            for l in &m.labels {
                let n = counts.get(l.city).copied().unwrap_or(0);
                let style = if l.city == selected {
                    Style::new()
                        .fg(t.selected_fg)
                        .bg(t.accent)
                        .add_modifier(Modifier::BOLD)
                } else if n == 0 {
                    Style::new().fg(t.dim)
                } else {
                    Style::new().fg(t.title)
                };
                ctx.print(
                    coord(l.col - m.canvas.x, w, lon, false),
                    coord(l.row - m.canvas.y, h, lat, true),
                    Span::styled(l.text.clone(), style),
                );
            }
        });
    frame.render_widget(canvas, m.canvas);
}
