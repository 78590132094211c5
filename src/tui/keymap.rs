//! The keymap: a table of bindings (keys → [`Action`], with a description each) per
//! [`Mode`]. It turns key presses into actions and generates the `?` help overlay; it is
//! plain data, so a later config file can build one.

use super::app::{Action, Dir};
use crate::store::config::Config;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        }
    }
}

/// A key with its modifiers (Shift is ignored for characters: `G` is its own character).
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

    /// The key as a crossterm event gives it, with Shift dropped from characters.
    #[must_use]
    pub fn from_event(ev: &KeyEvent) -> Self {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Back-tab is Shift-Tab already; terminals send it with or without Shift.
        if !matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= ev.modifiers & KeyModifiers::SHIFT;
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// How the help overlay writes the key.
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
            other => format!("{other:?}"),
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
        bind(n, vec![p(K::Up), c('k')], Action::Up, "上移 / 向上滚动");
        bind(n, vec![p(K::Down), c('j')], Action::Down, "下移 / 向下滚动");
        bind(n, vec![p(K::Left), c('h')], Action::FocusLeft, "左边的窗格");
        bind(
            n,
            vec![p(K::Right), c('l')],
            Action::FocusRight,
            "右边的窗格",
        );
        bind(n, vec![p(K::Tab)], Action::FocusNext, "下一个窗格");
        bind(n, vec![p(K::BackTab)], Action::FocusPrev, "上一个窗格");
        bind(n, vec![p(K::Enter)], Action::Open, "打开 (筛选 / 阅读文章)");
        bind(n, vec![c(' '), p(K::PageDown)], Action::PageDown, "下一页");
        bind(n, vec![c('b'), p(K::PageUp)], Action::PageUp, "上一页");
        bind(n, vec![c('g'), p(K::Home)], Action::Top, "到顶部");
        bind(n, vec![c('G'), p(K::End)], Action::Bottom, "到底部");
        bind(n, vec![c('[')], Action::PrevCity, "上一个城市");
        bind(n, vec![c(']')], Action::NextCity, "下一个城市");
        for d in 1..=9u8 {
            bind(n, vec![c(char::from(b'0' + d))], Action::CityNumber(d), "");
        }
        bind(n, vec![c('1'), c('9')], Action::Noop, "侧栏的第 1–9 个城市");
        bind(n, vec![c('0')], Action::AllCities, "全部城市");
        bind(
            n,
            vec![c('c')],
            Action::CityPrompt,
            "按城市或工会筛选 (汉字、拼音或首字母)",
        );
        bind(n, vec![c('m')], Action::Map, "广东地图");
        bind(n, vec![c('/')], Action::Search, "全文搜索 (在当前城市内)");
        bind(n, vec![c('n')], Action::NextHit, "下一个搜索命中");
        bind(n, vec![c('N')], Action::PrevHit, "上一个搜索命中");
        bind(n, vec![c('r')], Action::Related, "列出相关文章");
        bind(n, vec![c('t')], Action::ToggleSidebar, "显示 / 隐藏侧栏");
        bind(n, vec![c('u')], Action::ToggleRead, "标为已读 / 未读");
        bind(n, vec![c('s')], Action::ToggleStar, "收藏 / 取消收藏");
        bind(n, vec![c('y')], Action::Copy, "复制文章和出处 (OSC 52)");
        bind(n, vec![c('o')], Action::OpenInPager, "用 $PAGER 打开文章");
        bind(n, vec![c('?')], Action::Help, "帮助");
        bind(n, vec![p(K::Esc)], Action::Close, "关闭浮层和提示");
        bind(n, vec![c('q'), Key::ctrl('c')], Action::Quit, "退出");

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
        bind(se, vec![p(K::Backspace)], Action::Backspace, "删除一个字");
        bind(se, vec![p(K::Esc)], Action::Close, "取消, 回到原来的列表");
        bind(se, vec![Key::ctrl('c')], Action::Quit, "退出");

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

/// The name of an action in `[keys]` of the config (`FocusNext` is `focus_next`); `None` for
/// actions the config does not bind (typing, mouse, the map's moves, the city numbers).
#[must_use]
pub fn config_name(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::Quit => "quit",
        Action::Help => "help",
        Action::Up => "up",
        Action::Down => "down",
        Action::PageUp => "page_up",
        Action::PageDown => "page_down",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::FocusLeft => "focus_left",
        Action::FocusRight => "focus_right",
        Action::FocusNext => "focus_next",
        Action::FocusPrev => "focus_prev",
        Action::Open => "open",
        Action::Close => "close",
        Action::ToggleSidebar => "toggle_sidebar",
        Action::PrevCity => "prev_city",
        Action::NextCity => "next_city",
        Action::AllCities => "all_cities",
        Action::CityPrompt => "city_prompt",
        Action::Map => "map",
        Action::Search => "search",
        Action::NextHit => "next_hit",
        Action::PrevHit => "prev_hit",
        Action::Related => "related",
        Action::ToggleRead => "toggle_read",
        Action::ToggleStar => "toggle_star",
        Action::Copy => "copy",
        Action::OpenInPager => "open_in_pager",
        _ => return None,
    })
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
            if let Some(name) = config_name(&b.action) {
                b.keys = config
                    .keys_for(name)
                    .iter()
                    .map(|k| Key {
                        code: k.code,
                        mods: k.modifiers,
                    })
                    .collect();
            }
        }
        // A key the config binds is taken from the fixed bindings (the city numbers).
        let taken: Vec<Key> = map
            .bindings
            .iter()
            .filter(|b| b.mode == Mode::Normal && config_name(&b.action).is_some())
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for b in &mut map.bindings {
            if b.mode == Mode::Normal && config_name(&b.action).is_none() {
                b.keys.retain(|k| !taken.contains(k));
            }
        }
        map
    }

    /// The action a key press means in a mode, if any. In the prompt, printable characters
    /// that no binding takes are typed.
    #[must_use]
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev);
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
            Mode::Map | Mode::Help => find(Mode::Normal),
            Mode::Normal => None,
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
}
