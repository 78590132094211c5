//! Where each pane goes for a terminal size: three panes when wide, the sidebar folded away
//! below [`WIDE`] columns, one pane at a time below [`NARROW`], and nothing but a message
//! below [`MIN_WIDTH`]×[`MIN_HEIGHT`]. Shared by `draw` and by `App::update` (which needs
//! the reader's width to wrap, and the panes' rows for clicks and paging).

use ratatui::layout::Rect;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    List,
    Reader,
}

/// From this width on, the sidebar shows unless it was hidden.
pub const WIDE: u16 = 100;
/// Below this width, one pane at a time.
pub const NARROW: u16 = 60;
/// Below these, the terminal is too small for anything but a message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

/// The rectangles of a screen. A pane that is not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub sidebar: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Screen {
    /// The rectangle of a pane, if shown.
    #[must_use]
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Sidebar => self.sidebar,
            Pane::List => self.list,
            Pane::Reader => self.reader,
        }
    }

    /// Whether only one pane is shown at a time.
    #[must_use]
    pub fn single(&self) -> bool {
        [self.sidebar, self.list, self.reader]
            .iter()
            .filter(|p| p.is_some())
            .count()
            <= 1
    }
}

/// The inside of a bordered pane.
#[must_use]
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The width the reader wraps text to, inside its border and a column of margin each side.
#[must_use]
pub fn text_width(reader: Rect) -> u16 {
    inner(reader).width.saturating_sub(2).max(1)
}

/// Whether the sidebar is shown at this width.
#[must_use]
pub fn sidebar_shown(width: u16, focus: Pane, pinned: Option<bool>) -> bool {
    focus == Pane::Sidebar || pinned.unwrap_or(width >= WIDE)
}

/// Lays out a screen of `area` with `focus` on a pane and the sidebar pinned open or shut.
#[must_use]
pub fn screen(area: Rect, focus: Pane, pinned: Option<bool>) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen {
            too_small: true,
            status: area,
            ..Screen::default()
        };
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let mut s = Screen {
        status,
        ..Screen::default()
    };
    let w = area.width;
    if w < NARROW {
        match focus {
            Pane::Sidebar => s.sidebar = Some(body),
            Pane::List => s.list = Some(body),
            Pane::Reader => s.reader = Some(body),
        }
        return s;
    }
    let mut x = body.x;
    let mut rest = w;
    if sidebar_shown(w, focus, pinned) {
        let sw = (w / 5).clamp(20, 30);
        s.sidebar = Some(Rect {
            x,
            width: sw,
            ..body
        });
        x += sw;
        rest -= sw;
    }
    let lw = if w >= WIDE {
        rest * 2 / 5
    } else {
        rest * 9 / 20
    };
    s.list = Some(Rect {
        x,
        width: lw,
        ..body
    });
    s.reader = Some(Rect {
        x: x + lw,
        width: rest - lw,
        ..body
    });
    s
}

/// The help and warnings overlays' box in a frame of `area`: 64 columns (or all), all rows
/// but the first and the status line.
#[must_use]
pub fn text_overlay(area: Rect) -> Rect {
    let w = area.width.min(64);
    let h = area.height.saturating_sub(2).max(3).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The text inside a text overlay: within the border, a blank column each side, and the
/// rightmost column kept for the scrollbar.
#[must_use]
pub fn text_overlay_body(r: Rect) -> Rect {
    let i = inner(r);
    Rect::new(i.x + 1, i.y, i.width.saturating_sub(2), i.height)
}
