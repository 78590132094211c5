//! The theme's colours as the config names and writes them ([`Palette`]), with the one table
//! of their names in `[theme]`, and the colour values a user can write ([`Color`]: a name,
//! a palette number 0–255 or `#rrggbb`). Knows no terminal library, so `store::config` can
//! read a theme with it; `theme` turns a palette into the colours `ui` draws with.

use std::str::FromStr;

/// A colour as the config writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// The terminal's own colour.
    #[default]
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    /// A colour of the terminal's 256-colour palette.
    Indexed(u8),
    /// A 24-bit colour, `#rrggbb`.
    Rgb(u8, u8, u8),
}

/// Why a colour could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a colour: {0:?}")]
pub struct BadColor(pub String);

impl FromStr for Color {
    type Err = BadColor;

    /// A colour's name in any of the usual spellings (`light-red`, `Bright Red`, `grey`), a
    /// palette number (`200`) or `#rrggbb`.
    fn from_str(s: &str) -> Result<Color, BadColor> {
        let name = s
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        Ok(match name.as_str() {
            "reset" => Color::Reset,
            "black" => Color::Black,
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" => Color::Gray,
            "darkgray" => Color::DarkGray,
            "lightred" => Color::LightRed,
            "lightgreen" => Color::LightGreen,
            "lightyellow" => Color::LightYellow,
            "lightblue" => Color::LightBlue,
            "lightmagenta" => Color::LightMagenta,
            "lightcyan" => Color::LightCyan,
            "white" => Color::White,
            _ => {
                if let Ok(n) = s.parse::<u8>() {
                    Color::Indexed(n)
                } else if let Some(rgb) = hex(s) {
                    rgb
                } else {
                    return Err(BadColor(s.to_string()));
                }
            }
        })
    }
}

/// `#rrggbb`.
fn hex(s: &str) -> Option<Color> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// The colours the reader draws with, by their names in `[theme]`. The default is no colour
/// at all: the terminal's own ([`Palette::plain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Palette {
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

/// A colour of the palette, by its name in `[theme]`.
type Slot = (&'static str, fn(&mut Palette) -> &mut Color);

/// Every colour of the palette with its name in `[theme]`, in the order the default config
/// lists them: the one table of the theme's names.
const SLOTS: &[Slot] = &[
    ("text", |t| &mut t.text),
    ("dim", |t| &mut t.dim),
    ("secondary", |t| &mut t.secondary),
    ("title", |t| &mut t.title),
    ("accent", |t| &mut t.accent),
    ("border", |t| &mut t.border),
    ("selected_fg", |t| &mut t.selected_fg),
    ("selected_bg", |t| &mut t.selected_bg),
    ("unread", |t| &mut t.unread),
    ("starred", |t| &mut t.starred),
    ("highlight", |t| &mut t.highlight),
    ("place", |t| &mut t.place),
    ("status_fg", |t| &mut t.status_fg),
    ("status_bg", |t| &mut t.status_bg),
    ("error", |t| &mut t.error),
];

impl Palette {
    /// No colour at all: the terminal's own, for `color = false` and `NO_COLOR`. The reader
    /// marks selection and emphasis with reverse, bold and underline instead.
    #[must_use]
    pub fn plain() -> Palette {
        Palette::default()
    }

    /// The colours' names in `[theme]`.
    #[must_use]
    pub fn names() -> Vec<&'static str> {
        SLOTS.iter().map(|(name, _)| *name).collect()
    }

    /// The colour named `name` in `[theme]`, to be set.
    pub fn slot(&mut self, name: &str) -> Option<&mut Color> {
        let (_, get) = SLOTS.iter().find(|(n, _)| *n == name)?;
        Some(get(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_colour_has_one_name_and_plain_is_the_terminals_own() {
        let mut t = Palette::plain();
        for (i, name) in Palette::names().into_iter().enumerate() {
            *t.slot(name).unwrap() = Color::Indexed(u8::try_from(i).unwrap());
        }
        // Fifteen different colours: no two names reach the same field.
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
        assert_eq!(Palette::plain().accent, Color::Reset);
        assert!(t.slot("nope").is_none());
    }

    #[test]
    fn colours_read_as_the_config_writes_them() {
        for (s, c) in [
            ("cyan", Color::Cyan),
            ("Light-Red", Color::LightRed),
            ("bright blue", Color::LightBlue),
            ("grey", Color::Gray),
            ("reset", Color::Reset),
            ("200", Color::Indexed(200)),
            ("#ff8800", Color::Rgb(0xff, 0x88, 0x00)),
        ] {
            assert_eq!(s.parse::<Color>(), Ok(c), "{s}");
        }
        for bad in ["", "256", "#ff88", "#gg0000", "purple"] {
            assert!(bad.parse::<Color>().is_err(), "{bad}");
        }
    }
}
