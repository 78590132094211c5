//! The colours the reader draws with ([`Theme`]), made from the config's [`Palette`] (whose
//! table names them in `[theme]`). `ui` draws with it. Draws nothing itself.

use super::palette::{self, Palette};
pub use ratatui::style::Color;

/// The colours the reader draws with, as the terminal library takes them. The default is no
/// colour at all: the terminal's own ([`Theme::plain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub text: Color,
    pub dim: Color,
    pub secondary: Color,
    pub title: Color,
    pub accent: Color,
    pub border: Color,
    pub selected_fg: Color,
    pub selected_bg: Color,
    pub unread: Color,
    pub starred: Color,
    pub highlight: Color,
    pub place: Color,
    pub status_fg: Color,
    pub status_bg: Color,
    pub error: Color,
}

impl Theme {
    /// No colour at all: the terminal's own, for `color = false` and `NO_COLOR`.
    #[must_use]
    pub fn plain() -> Theme {
        Theme::from(&Palette::plain())
    }
}

/// A palette colour as the terminal library takes it.
fn color(c: palette::Color) -> Color {
    use palette::Color as P;
    match c {
        P::Reset => Color::Reset,
        P::Black => Color::Black,
        P::Red => Color::Red,
        P::Green => Color::Green,
        P::Yellow => Color::Yellow,
        P::Blue => Color::Blue,
        P::Magenta => Color::Magenta,
        P::Cyan => Color::Cyan,
        P::Gray => Color::Gray,
        P::DarkGray => Color::DarkGray,
        P::LightRed => Color::LightRed,
        P::LightGreen => Color::LightGreen,
        P::LightYellow => Color::LightYellow,
        P::LightBlue => Color::LightBlue,
        P::LightMagenta => Color::LightMagenta,
        P::LightCyan => Color::LightCyan,
        P::White => Color::White,
        P::Indexed(n) => Color::Indexed(n),
        P::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl From<&Palette> for Theme {
    fn from(p: &Palette) -> Theme {
        Theme {
            text: color(p.text),
            dim: color(p.dim),
            secondary: color(p.secondary),
            title: color(p.title),
            accent: color(p.accent),
            border: color(p.border),
            selected_fg: color(p.selected_fg),
            selected_bg: color(p.selected_bg),
            unread: color(p.unread),
            starred: color(p.starred),
            highlight: color(p.highlight),
            place: color(p.place),
            status_fg: color(p.status_fg),
            status_bg: color(p.status_bg),
            error: color(p.error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_palette_colour_reaches_its_theme_field() {
        let mut p = Palette::plain();
        for (i, name) in Palette::names().into_iter().enumerate() {
            *p.slot(name).unwrap() = palette::Color::Indexed(u8::try_from(i).unwrap());
        }
        let t = Theme::from(&p);
        let all = [
            t.text,
            t.dim,
            t.secondary,
            t.title,
            t.accent,
            t.border,
            t.selected_fg,
            t.selected_bg,
            t.unread,
            t.starred,
            t.highlight,
            t.place,
            t.status_fg,
            t.status_bg,
            t.error,
        ];
        for (i, c) in all.iter().enumerate() {
            assert_eq!(*c, Color::Indexed(u8::try_from(i).unwrap()));
        }
        assert_eq!(Theme::plain().accent, Color::Reset);
        assert_eq!(color(palette::Color::Rgb(1, 2, 3)), Color::Rgb(1, 2, 3));
    }
}
