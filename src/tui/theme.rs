//! The colours the reader draws with ([`Theme`]) and their names in the config's `[theme]`,
//! listed once ([`Theme::names`], the one table that reads and writes them). `store::config`
//! reads a theme from the user's file with it; `ui` draws with it. Draws nothing itself.

pub use ratatui::style::Color;

/// The colours the reader draws with. The default is no colour at all: the terminal's own
/// ([`Theme::plain`]).
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

/// A colour of the theme, by its name in `[theme]`.
type Slot = (&'static str, fn(&mut Theme) -> &mut Color);

/// Every colour of the theme with its name in `[theme]`, in the order the default config
/// lists them.
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

impl Theme {
    /// No colour at all: the terminal's own, for `color = false` and `NO_COLOR`. The reader
    /// marks selection and emphasis with reverse, bold and underline instead.
    #[must_use]
    pub fn plain() -> Theme {
        Theme::default()
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
        let mut t = Theme::plain();
        for (i, name) in Theme::names().into_iter().enumerate() {
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
        assert_eq!(Theme::plain().accent, Color::Reset);
        assert!(t.slot("nope").is_none());
    }
}
