//! The keymap: a table of bindings (keys → [`Action`], with a description each) per
//! [`Mode`]. It turns key presses into actions and writes the `?` help overlay and the status
//! line's key hints. The panes' bindings come from `action::BINDABLE` (or the config's
//! `[keys]`); the overlays' few fixed keys are here. It changes no state.

use super::action::{Action, Dir, Key, KeyCode, KeyModifiers, BINDABLE};
use crate::store::config::Config;
use crossterm::event::{self as term, KeyEvent};

/// The key a terminal's key event is, in the keymap's terms (Shift dropped from characters,
/// modifiers other than Ctrl, Alt and Shift dropped); `None` for keys no binding can name
/// (media keys, a modifier alone, caps lock).
#[must_use]
pub fn key_of(ev: &KeyEvent) -> Option<Key> {
    use term::KeyCode as T;
    let code = match ev.code {
        T::Char(c) => KeyCode::Char(c),
        T::F(n) => KeyCode::F(n),
        T::Up => KeyCode::Up,
        T::Down => KeyCode::Down,
        T::Left => KeyCode::Left,
        T::Right => KeyCode::Right,
        T::Enter => KeyCode::Enter,
        T::Esc => KeyCode::Esc,
        T::Tab => KeyCode::Tab,
        T::BackTab => KeyCode::BackTab,
        T::Backspace => KeyCode::Backspace,
        T::Delete => KeyCode::Delete,
        T::Insert => KeyCode::Insert,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        _ => return None,
    };
    let mut mods = KeyModifiers::NONE;
    for (theirs, ours) in [
        (term::KeyModifiers::SHIFT, KeyModifiers::SHIFT),
        (term::KeyModifiers::CONTROL, KeyModifiers::CONTROL),
        (term::KeyModifiers::ALT, KeyModifiers::ALT),
    ] {
        if ev.modifiers.contains(theirs) {
            mods |= ours;
        }
    }
    Some(Key::new(code, mods))
}

/// Which bindings apply: the reader's panes, or an overlay on top of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The three panes.
    Normal,
    /// The map of cities (falls back to `Normal` for keys it does not bind).
    Map,
    /// The city prompt: unbound printable keys are typed into it.
    Prompt,
    /// The help overlay (falls back to `Normal`).
    Help,
    /// The search prompt: unbound printable keys are typed into it.
    Search,
    /// The source view of a page (falls back to `Normal`).
    Source,
    /// A question on the status line (yes or no; other keys do nothing).
    Confirm,
}

impl Mode {
    /// The heading of this mode's section in the help overlay.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "阅读",
            Mode::Map => "地图 (m)",
            Mode::Prompt => "城市提示 (c)",
            Mode::Help => "帮助 (?)",
            Mode::Search => "搜索 (/)",
            Mode::Source => "原版 (v)",
            Mode::Confirm => "确认 (A)",
        }
    }
}

/// One row of the keymap: these keys do this action, described so.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

/// All bindings, in the order the help overlay lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use KeyCode as K;
        let p = Key::plain;
        let c = Key::ch;
        let mut b = Vec::new();
        let mut bind = |mode: Mode, keys: Vec<Key>, action: Action, help: &str| {
            b.push(Binding {
                mode,
                keys,
                action,
                help: help.to_string(),
            });
        };
        let n = Mode::Normal;
        for d in BINDABLE {
            if d.action == Action::AllCities {
                // The city numbers, listed in one row before 全部城市.
                for d in 1..=9u8 {
                    bind(n, vec![c(char::from(b'0' + d))], Action::CityNumber(d), "");
                }
                bind(n, vec![c('1'), c('9')], Action::Noop, "侧栏的第 1–9 个城市");
            }
            let keys = d.keys.iter().filter_map(|k| k.parse().ok()).collect();
            bind(n, keys, d.action.clone(), d.help);
        }

        let m = Mode::Map;
        bind(
            m,
            vec![p(K::Up), c('k')],
            Action::MapMove(Dir::Up),
            "北边的城市",
        );
        bind(
            m,
            vec![p(K::Down), c('j')],
            Action::MapMove(Dir::Down),
            "南边的城市",
        );
        bind(
            m,
            vec![p(K::Left), c('h')],
            Action::MapMove(Dir::Left),
            "西边的城市",
        );
        bind(
            m,
            vec![p(K::Right), c('l')],
            Action::MapMove(Dir::Right),
            "东边的城市",
        );
        bind(m, vec![p(K::Enter)], Action::Open, "按这个城市筛选");
        bind(m, vec![p(K::Esc), c('m')], Action::Close, "关闭地图");

        let pr = Mode::Prompt;
        bind(pr, vec![p(K::Up)], Action::Up, "上一个匹配");
        bind(pr, vec![p(K::Down)], Action::Down, "下一个匹配");
        bind(pr, vec![p(K::Enter)], Action::Open, "应用 (第一个) 匹配");
        bind(pr, vec![p(K::Backspace)], Action::Backspace, "删除一个字");
        bind(pr, vec![Key::ctrl('w')], Action::DeleteWord, "删除一个词");
        bind(pr, vec![Key::ctrl('u')], Action::ClearInput, "清空");
        bind(pr, vec![p(K::Esc)], Action::Close, "取消");
        bind(pr, vec![Key::ctrl('c')], Action::Quit, "退出");

        let se = Mode::Search;
        bind(se, vec![p(K::Up)], Action::Up, "上一个结果");
        bind(se, vec![p(K::Down)], Action::Down, "下一个结果");
        bind(se, vec![p(K::Enter)], Action::Open, "打开选中的文章");
        bind(
            se,
            vec![p(K::Tab)],
            Action::Widen,
            "扩大到全部城市 / 回到当前城市",
        );
        bind(
            se,
            vec![Key::ctrl('o')],
            Action::SortHits,
            "按日期 (最新在前) / 按相关度排序",
        );
        bind(se, vec![p(K::Backspace)], Action::Backspace, "删除一个字");
        bind(
            se,
            vec![Key::ctrl('w')],
            Action::DeleteWord,
            "删除一个词 (到空格)",
        );
        bind(se, vec![Key::ctrl('u')], Action::ClearInput, "清空查询");
        bind(se, vec![p(K::Esc)], Action::Close, "取消, 回到原来的列表");
        bind(se, vec![Key::ctrl('c')], Action::Quit, "退出");

        let so = Mode::Source;
        bind(so, vec![p(K::Esc)], Action::Close, "关闭原版");

        let co = Mode::Confirm;
        bind(co, vec![c('y'), p(K::Enter)], Action::Confirm, "是");
        bind(co, vec![c('n'), p(K::Esc)], Action::Close, "否");
        bind(co, vec![Key::ctrl('c')], Action::Quit, "退出");

        let h = Mode::Help;
        bind(
            h,
            vec![p(K::Esc), c('?'), c('q')],
            Action::Close,
            "关闭帮助",
        );
        Keymap { bindings: b }
    }
}

impl Keymap {
    /// The default keymap with the config's `[keys]` for the panes' actions (the map, the
    /// prompt and the help keep their own keys and fall back to these).
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        let mut map = Keymap::default();
        for b in &mut map.bindings {
            if b.mode != Mode::Normal {
                continue;
            }
            if let Some(name) = b.action.config_name() {
                b.keys = config.keys_for(name).to_vec();
            }
        }
        // A key the config binds is taken from the fixed bindings (the city numbers).
        let taken: Vec<Key> = map
            .bindings
            .iter()
            .filter(|b| b.mode == Mode::Normal && b.action.config_name().is_some())
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for b in &mut map.bindings {
            if b.mode == Mode::Normal && b.action.config_name().is_none() {
                b.keys.retain(|k| !taken.contains(k));
            }
        }
        map
    }

    /// The action a key press means in a mode, if any. In the prompt, printable characters
    /// that no binding takes are typed.
    #[must_use]
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = key_of(ev)?;
        let find = |m: Mode| {
            self.bindings
                .iter()
                .filter(|b| b.mode == m && b.action != Action::Noop)
                .find(|b| b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        if let Some(a) = find(mode) {
            return Some(a);
        }
        match mode {
            Mode::Prompt | Mode::Search => match key.code {
                KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => {
                    Some(Action::Input(c))
                }
                _ => None,
            },
            Mode::Map | Mode::Help | Mode::Source => find(Mode::Normal),
            Mode::Normal | Mode::Confirm => None,
        }
    }

    /// The help overlay's rows: (section title, [(keys, description)]), for bindings that
    /// have a description.
    #[must_use]
    pub fn help(&self) -> Vec<(&'static str, Vec<(String, String)>)> {
        let mut out: Vec<(&'static str, Vec<(String, String)>)> = Vec::new();
        for b in self.bindings.iter().filter(|b| !b.help.is_empty()) {
            let keys = if b.action == Action::Noop && b.keys.len() == 2 {
                format!("{}–{}", b.keys[0].label(), b.keys[1].label())
            } else {
                b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
            };
            let title = b.mode.title();
            match out.last_mut() {
                Some((t, rows)) if *t == title => rows.push((keys, b.help.clone())),
                _ => out.push((title, vec![(keys, b.help.clone())])),
            }
        }
        out
    }

    /// A hint for the status line: the first key of each action in the panes, then what
    /// they do (`[ ] 切换`); `None` when one of the actions has no key.
    #[must_use]
    pub fn hint(&self, actions: &[Action], what: &str) -> Option<String> {
        let mut out = String::new();
        for a in actions {
            let key = self
                .bindings
                .iter()
                .find(|b| b.mode == Mode::Normal && b.action == *a)
                .and_then(|b| b.keys.first())?;
            out.push_str(&key.label());
            out.push(' ');
        }
        out.push_str(what);
        Some(out)
    }

    /// The status line's hints, each `keys what`, two spaces apart, ending in a space.
    #[must_use]
    pub fn hints(&self, items: &[(&[Action], &str)]) -> String {
        let mut out: Vec<String> = Vec::new();
        for (actions, what) in items {
            if let Some(h) = self.hint(actions, what) {
                out.push(h);
            }
        }
        let mut s = out.join("  ");
        s.push(' ');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn key_events_are_keys_with_or_without_shift_for_characters() {
        let ev = |c, m| KeyEvent::new(term::KeyCode::Char(c), m);
        let g: Key = "G".parse().unwrap();
        assert_eq!(key_of(&ev('G', term::KeyModifiers::SHIFT)), Some(g));
        assert_eq!(key_of(&ev('G', term::KeyModifiers::NONE)), Some(g));
        assert_ne!(key_of(&ev('g', term::KeyModifiers::NONE)), Some(g));
        let c: Key = "ctrl-c".parse().unwrap();
        assert_eq!(key_of(&ev('c', term::KeyModifiers::CONTROL)), Some(c));
        assert_ne!(key_of(&ev('c', term::KeyModifiers::NONE)), Some(c));
        // Modifiers no binding names are dropped; keys none can name are none.
        let super_j = ev('j', term::KeyModifiers::SUPER);
        assert_eq!(key_of(&super_j), Some(Key::ch('j')));
        let tab = KeyEvent::new(term::KeyCode::BackTab, term::KeyModifiers::SHIFT);
        assert_eq!(key_of(&tab), Some("shift-tab".parse().unwrap()));
        let caps = KeyEvent::new(term::KeyCode::CapsLock, term::KeyModifiers::NONE);
        assert_eq!(key_of(&caps), None);
    }

    #[test]
    fn the_status_hints_follow_the_bound_keys() {
        let items: &[(&[Action], &str)] = &[
            (&[Action::Help], "帮助"),
            (&[Action::PrevCity, Action::NextCity], "切换"),
            (&[Action::Map], "地图"),
        ];
        assert_eq!(Keymap::default().hints(items), "? 帮助  [ ] 切换  m 地图 ");
        let (c, problems) = crate::store::config::parse(
            "c.toml",
            "[keys]\nhelp = [\"f1\"]\nprev_city = [\",\"]\nmap = []\n",
            Path::new("."),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(Keymap::from_config(&c).hints(items), "F1 帮助  , ] 切换 ");
    }
}
