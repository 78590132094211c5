//! What the user can ask the reader for, and the keys that ask it. Owns [`Action`] and
//! [`Dir`] (with their serde names, which are the names in the config's `[keys]`), the one
//! table of the actions keys can be bound to ([`BINDABLE`]: name, what it does in Chinese,
//! default keys), and the one [`Key`] type (read from the config, matched against the
//! terminal's key events, written in hints and the help overlay).
//!
//! The config's action names, the keymap's default bindings, the help overlay and the status
//! line's hints all come from here. This module changes no state and draws nothing: it
//! imports nothing of the crate and no terminal library (its [`KeyCode`] and
//! [`KeyModifiers`] are its own; `keymap` reads crossterm's key events into them), so
//! `store::config` and every part of `tui` can use it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A direction on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

/// Everything the user can ask for. Keys map to these through the keymap; mouse and resize
/// events are turned into them by the event loop. The serde name of a unit variant is its
/// name in the config's `[keys]` (`FocusNext` is `focus_next`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nothing (help rows that stand for several bindings).
    Noop,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    FocusLeft,
    FocusRight,
    FocusNext,
    FocusPrev,
    /// Enter: apply the sidebar entry, open the article, apply the map's or prompt's choice.
    Open,
    ToggleSidebar,
    PrevCity,
    NextCity,
    /// The sidebar's n-th city (1–9).
    CityNumber(u8),
    AllCities,
    CityPrompt,
    Map,
    Help,
    /// The warnings from loading the pages (the status line's ⚠).
    Warnings,
    /// Esc: close the overlay or prompt.
    Close,
    /// A character typed into the prompt.
    Input(char),
    /// Text pasted into the prompt (bracketed paste: the whole paste at once).
    Paste(String),
    Backspace,
    /// Ctrl-W in a prompt: delete the last word (back to a space), as a shell does.
    DeleteWord,
    /// Ctrl-U in a prompt: clear what was typed.
    ClearInput,
    MapMove(Dir),
    /// `/`: the search prompt (within the city filter).
    Search,
    /// In the search prompt: widen the search from the city to everything (and back).
    Widen,
    /// In the search prompt: order the hits by date (newest first) or by relevance.
    SortHits,
    /// `n` / `N`: the reader's next / previous hit.
    NextHit,
    PrevHit,
    /// `r`: list the open article's related articles.
    Related,
    /// The event loop's timer: picks up the background index.
    Tick,
    Resize(u16, u16),
    Click {
        col: u16,
        row: u16,
    },
    Wheel {
        col: u16,
        row: u16,
        down: bool,
    },
    /// Mark the selected article read or unread (`u`).
    ToggleRead,
    /// Star or unstar the selected article (`s`).
    ToggleStar,
    /// Copy the selected article with its citation to the clipboard (`y`, OSC 52).
    Copy,
    /// Open the selected article in `$PAGER` (`o`).
    OpenInPager,
    /// What the event loop could not do for the reader (save the state, run the pager), for
    /// the status line.
    Report(String),
    /// Show the article's source lines as they stand on its page (`v`); again to close.
    Source,
    /// Order the list by date and print order, or by city (`O`).
    SortList,
    /// The next / previous article of the list, read where the reader is (`J` / `K`).
    NextArticle,
    PrevArticle,
    /// The next unread article of the list (`U`).
    NextUnread,
    /// Mark every article the list shows read, after a yes (`A`).
    MarkAllRead,
    /// Yes to the status line's question (`y`, Enter).
    Confirm,
}

/// An action the config can bind keys to: its name in `[keys]`, what it does (the help
/// overlay's text) and its default keys (as the config writes keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindable {
    pub action: Action,
    /// The serde name of `action` (a test checks they agree).
    pub name: &'static str,
    pub help: &'static str,
    pub keys: &'static [&'static str],
}

const fn bindable(
    action: Action,
    name: &'static str,
    help: &'static str,
    keys: &'static [&'static str],
) -> Bindable {
    Bindable {
        action,
        name,
        help,
        keys,
    }
}

/// Every action of the three panes that keys can be bound to, in the order the help overlay
/// lists them. `assets/config.toml` documents the same defaults (a test checks it).
pub const BINDABLE: &[Bindable] = &[
    bindable(Action::Up, "up", "上移 / 向上滚动", &["up", "k"]),
    bindable(Action::Down, "down", "下移 / 向下滚动", &["down", "j"]),
    bindable(
        Action::FocusLeft,
        "focus_left",
        "左边的窗格",
        &["left", "h"],
    ),
    bindable(
        Action::FocusRight,
        "focus_right",
        "右边的窗格",
        &["right", "l"],
    ),
    bindable(Action::FocusNext, "focus_next", "下一个窗格", &["tab"]),
    bindable(Action::FocusPrev, "focus_prev", "上一个窗格", &["backtab"]),
    bindable(Action::Open, "open", "打开 (筛选 / 阅读文章)", &["enter"]),
    bindable(
        Action::PageDown,
        "page_down",
        "下一页",
        &["space", "pagedown"],
    ),
    bindable(Action::PageUp, "page_up", "上一页", &["b", "pageup"]),
    bindable(Action::Top, "top", "到顶部", &["g", "home"]),
    bindable(Action::Bottom, "bottom", "到底部", &["G", "end"]),
    bindable(Action::PrevCity, "prev_city", "上一个城市", &["["]),
    bindable(Action::NextCity, "next_city", "下一个城市", &["]"]),
    bindable(Action::AllCities, "all_cities", "全部城市", &["0"]),
    bindable(
        Action::CityPrompt,
        "city_prompt",
        "按城市或工会筛选 (汉字、拼音或首字母)",
        &["c"],
    ),
    bindable(Action::Map, "map", "广东地图", &["m"]),
    bindable(Action::Search, "search", "全文搜索 (在当前城市内)", &["/"]),
    bindable(Action::NextHit, "next_hit", "下一个搜索命中", &["n"]),
    bindable(Action::PrevHit, "prev_hit", "上一个搜索命中", &["N"]),
    bindable(Action::Related, "related", "列出相关文章", &["r"]),
    bindable(
        Action::NextArticle,
        "next_article",
        "列表的下一篇 (在阅读窗格中读)",
        &["J"],
    ),
    bindable(
        Action::PrevArticle,
        "prev_article",
        "列表的上一篇 (在阅读窗格中读)",
        &["K"],
    ),
    bindable(Action::NextUnread, "next_unread", "下一篇未读", &["U"]),
    bindable(
        Action::MarkAllRead,
        "mark_all_read",
        "把列表中的文章全部标为已读 (先确认)",
        &["A"],
    ),
    bindable(
        Action::SortList,
        "sort_list",
        "列表排序: 按日期版序 / 按城市",
        &["O"],
    ),
    bindable(
        Action::ToggleSidebar,
        "toggle_sidebar",
        "显示 / 隐藏侧栏",
        &["t"],
    ),
    bindable(Action::ToggleRead, "toggle_read", "标为已读 / 未读", &["u"]),
    bindable(Action::ToggleStar, "toggle_star", "收藏 / 取消收藏", &["s"]),
    bindable(Action::Copy, "copy", "复制文章和出处 (OSC 52)", &["y"]),
    bindable(
        Action::OpenInPager,
        "open_in_pager",
        "用 $PAGER 打开文章",
        &["o"],
    ),
    bindable(
        Action::Source,
        "source",
        "原版: 文章在版面上的原文行 (其他文章变暗)",
        &["v"],
    ),
    bindable(Action::Help, "help", "帮助", &["?"]),
    bindable(
        Action::Warnings,
        "warnings",
        "载入页面时的问题 (状态栏的 ⚠)",
        &["!"],
    ),
    bindable(Action::Close, "close", "关闭浮层和提示", &["esc"]),
    bindable(Action::Quit, "quit", "退出", &["q", "ctrl-c"]),
];

impl Action {
    /// The action's entry in [`BINDABLE`], if keys can be bound to it.
    #[must_use]
    pub fn bindable(&self) -> Option<&'static Bindable> {
        BINDABLE.iter().find(|b| b.action == *self)
    }

    /// The action's name in the config's `[keys]` (`None` for actions the config does not
    /// bind: typing, the mouse, the map's moves, the city numbers).
    #[must_use]
    pub fn config_name(&self) -> Option<&'static str> {
        self.bindable().map(|b| b.name)
    }
}

/// A key on the keyboard, as the config names it: a character, a function key or a named
/// key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Up,
    Down,
    Left,
    Right,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
}

/// The modifiers a key is pressed with: a set of Shift, Ctrl and Alt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyModifiers(u8);

impl KeyModifiers {
    pub const NONE: KeyModifiers = KeyModifiers(0);
    pub const SHIFT: KeyModifiers = KeyModifiers(1);
    pub const CONTROL: KeyModifiers = KeyModifiers(2);
    pub const ALT: KeyModifiers = KeyModifiers(4);

    /// Whether every modifier of `other` is in the set.
    #[must_use]
    pub const fn contains(self, other: KeyModifiers) -> bool {
        self.0 & other.0 == other.0
    }

    /// Takes the modifiers of `other` out of the set.
    pub fn remove(&mut self, other: KeyModifiers) {
        self.0 &= !other.0;
    }
}

impl std::ops::BitOr for KeyModifiers {
    type Output = KeyModifiers;

    fn bitor(self, other: KeyModifiers) -> KeyModifiers {
        KeyModifiers(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for KeyModifiers {
    fn bitor_assign(&mut self, other: KeyModifiers) {
        self.0 |= other.0;
    }
}

/// One key: a key code and its modifiers (Ctrl, Alt; Shift only for named keys: a
/// character says it itself, `G`, and back-tab is Shift-Tab already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    #[must_use]
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    #[must_use]
    pub const fn ch(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    #[must_use]
    pub const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key a code and modifiers stand for: Shift dropped from characters and back-tab
    /// (`G` is its own character, back-tab is Shift-Tab already).
    #[must_use]
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods;
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// How the help overlay and the status line's hints write the key (`↑`, `Ctrl-c`,
    /// `Space`); [`Display`](fmt::Display) writes it as the config does.
    #[must_use]
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Insert => "Ins".to_string(),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a key: {0:?} (a character like \"j\", or a name like \"enter\", \"ctrl-d\", \"f1\")")]
pub struct BadKey(pub String);

const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("ctrl+", KeyModifiers::CONTROL),
    ("control-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("alt+", KeyModifiers::ALT),
    ("meta-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
    ("shift+", KeyModifiers::SHIFT),
];

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl FromStr for Key {
    type Err = BadKey;

    fn from_str(s: &str) -> Result<Key, BadKey> {
        let bad = || BadKey(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            match MODIFIERS.iter().find(|(p, _)| lower.starts_with(p)) {
                Some((p, m)) => {
                    mods |= *m;
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(bad()),
            (Some(c), None) if mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCode::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        let code = if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            KeyCode::BackTab
        } else {
            code
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| *n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bindable_action_is_named_by_its_serde_name_once() {
        for b in BINDABLE {
            assert_eq!(
                serde_json::to_string(&b.action).unwrap(),
                format!("\"{}\"", b.name)
            );
            let back: Action = serde_json::from_str(&format!("\"{}\"", b.name)).unwrap();
            assert_eq!(back, b.action);
            assert_eq!(BINDABLE.iter().filter(|o| o.name == b.name).count(), 1);
            assert!(!b.help.is_empty() && !b.keys.is_empty(), "{}", b.name);
            for k in b.keys {
                assert!(k.parse::<Key>().is_ok(), "{}: {k}", b.name);
            }
        }
    }

    #[test]
    fn keys_parse_and_print() {
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("shift-g", "G"),
            ("ctrl-c", "ctrl-c"),
            ("Ctrl+D", "ctrl-D"),
            ("enter", "enter"),
            ("PgDn", "pagedown"),
            ("shift-tab", "backtab"),
            ("f1", "f1"),
            ("space", "space"),
            ("-", "-"),
            ("ctrl--", "ctrl--"),
            ("?", "?"),
        ] {
            let k: Key = s.parse().unwrap();
            assert_eq!(k.to_string(), shown, "{s}");
        }
        for bad in ["", "ctrl-", "f13", "hyper-x", "enterr"] {
            assert!(bad.parse::<Key>().is_err(), "{bad}");
        }
    }
}
