//! The user's configuration (`config.toml` in the config dir): key bindings for every reader
//! action, the colour theme, colour on or off (and `NO_COLOR`), the mouse, extra page folders.
//!
//! The default configuration is `assets/config.toml`, embedded and commented; the user's file
//! is merged over it key by key. Nothing in a user's file stops the reader: each unknown key
//! or bad value becomes a [`Problem`] naming the file, line and key, and the default stays
//! for what was wrong. The actions' names and default keys are `tui::action`'s; the reader's
//! keymap is built from [`Config::bindings`].

use crate::paths::Paths;
use crate::tui::action::{Action, Key, BINDABLE};
use crate::tui::palette::{Color, Palette};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml_edit::{Item, TableLike, Value};

/// The complete default configuration, with a comment on every setting.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The config file's name in the config dir.
pub const CONFIG_FILE: &str = "config.toml";

/// The keys bound to one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundKeys {
    /// The name of one of `tui::action::BINDABLE`.
    pub action: &'static str,
    pub keys: Vec<Key>,
}

/// The configuration in force: the defaults with the user's file merged over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Extra page folders (absolute, `~` expanded) for the default corpus.
    pub pages: Vec<PathBuf>,
    /// Whether the reader takes the mouse.
    pub mouse: bool,
    /// Whether the config allows colour (see [`Config::use_color`] for `NO_COLOR`).
    pub color: bool,
    /// The colours, used when [`Config::use_color`].
    pub theme: Palette,
    /// Every action of `tui::action::BINDABLE`, in that order, with its keys.
    pub bindings: Vec<BoundKeys>,
}

impl Default for Config {
    /// The embedded default configuration, read once a process (every reader's `App::new`
    /// asks for it: reading the TOML each time was a twentieth of the first frame's work).
    fn default() -> Config {
        static DEFAULT: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
        DEFAULT.get_or_init(Config::embedded).clone()
    }
}

impl Config {
    /// The embedded default configuration, read.
    fn embedded() -> Config {
        let mut config = Config {
            pages: Vec::new(),
            mouse: true,
            color: true,
            theme: Palette::plain(),
            bindings: BINDABLE
                .iter()
                .map(|b| BoundKeys {
                    action: b.name,
                    keys: Vec::new(),
                })
                .collect(),
        };
        // The embedded file is checked by a test to give no problem.
        let _ = config.merge("default config", DEFAULT_CONFIG, Path::new("."), false);
        config
    }
}

/// One problem in a config file: `file:line: key: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based; `None` where the problem has no place (the file cannot be read).
    pub line: Option<usize>,
    /// The setting, dotted (`theme.accent`, `keys.quit`); empty for a syntax error.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The configuration as loaded from the config dir.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The user's file (which may not exist).
    pub file: PathBuf,
    /// Whether the user's file exists.
    pub found: bool,
    /// What was wrong in it; the defaults were used for each.
    pub problems: Vec<Problem>,
}

/// Loads `config.toml` from the config dir over the defaults. Never fails: a missing file
/// gives the defaults, each problem is reported and the default used in its place.
#[must_use]
pub fn load(paths: &Paths) -> Loaded {
    let file = paths.config.join(CONFIG_FILE);
    let mut config = Config::default();
    let name = file.display().to_string();
    let (found, problems) = match std::fs::read(&file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => (true, config.merge(&name, &text, &paths.config, true)),
            Err(_) => (
                true,
                vec![Problem {
                    file: name,
                    line: None,
                    key: String::new(),
                    message: "not UTF-8 text; using the default configuration".to_string(),
                }],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (false, Vec::new()),
        Err(e) => (
            true,
            vec![Problem {
                file: name,
                line: None,
                key: String::new(),
                message: format!("cannot read: {e}; using the default configuration"),
            }],
        ),
    };
    for p in &problems {
        tracing::warn!("{p}");
    }
    Loaded {
        config,
        file,
        found,
        problems,
    }
}

/// Parses a config file's text over the defaults (for tests and `config --check`).
/// `file` names it in problems; relative page folders are taken from `base`.
#[must_use]
pub fn parse(file: &str, text: &str, base: &Path) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let problems = config.merge(file, text, base, true);
    (config, problems)
}

/// Whether `NO_COLOR` is set to something (<https://no-color.org>).
#[must_use]
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Config {
    /// Whether to draw in colour: the config allows it and `NO_COLOR` is not set.
    #[must_use]
    pub fn use_color(&self) -> bool {
        self.color && !no_color_env()
    }

    /// The theme to draw with: the configured one, or [`Palette::plain`] without colour.
    #[must_use]
    pub fn effective_theme(&self) -> Palette {
        if self.use_color() {
            self.theme
        } else {
            Palette::plain()
        }
    }

    /// The keys bound to an action (none for an unknown action).
    #[must_use]
    pub fn keys_for(&self, action: &str) -> &[Key] {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// Merges a config text over `self`. Returns the problems; what was wrong keeps its
    /// current value. `user`: keys bound here are taken from actions not bound here.
    fn merge(&mut self, file: &str, text: &str, base: &Path, user: bool) -> Vec<Problem> {
        let mut m = Merger::new(file, text);
        let doc = match toml_edit::Document::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                let line = e.span().map(|s| m.line(s.start));
                let message = e.message().trim().to_string();
                m.problems.push(Problem {
                    file: file.to_string(),
                    line,
                    key: String::new(),
                    message: format!("not valid TOML: {message}; using the default configuration"),
                });
                return m.problems;
            }
        };
        let root = doc.as_table();
        let mut bound: Vec<(usize, Vec<Key>, Option<usize>)> = Vec::new();
        for (key, item) in root.iter() {
            let line = m.key_line(root, key, item);
            match key {
                "pages" => {
                    if let Some(pages) = m.pages(item, line, base) {
                        self.pages = pages;
                    }
                }
                "mouse" => {
                    if let Some(b) = m.bool(item, "mouse", line) {
                        self.mouse = b;
                    }
                }
                "theme" => match item.as_table_like() {
                    Some(t) => self.merge_theme(&mut m, t),
                    None => m.problem(line, "theme", "must be a table: [theme]"),
                },
                "keys" => match item.as_table_like() {
                    Some(t) => m.keys(t, &mut bound),
                    None => m.problem(line, "keys", "must be a table: [keys]"),
                },
                _ => m.unknown(line, key, "pages, mouse, [theme], [keys]"),
            }
        }
        self.apply_bindings(&mut m, bound, user);
        m.problems
    }

    fn merge_theme(&mut self, m: &mut Merger<'_>, t: &dyn TableLike) {
        for (key, item) in t.iter() {
            let line = m.key_line(t, key, item);
            let dotted = format!("theme.{key}");
            if key == "color" {
                if let Some(b) = m.bool(item, &dotted, line) {
                    self.color = b;
                }
                continue;
            }
            let Some(slot) = self.theme.slot(key) else {
                m.unknown(
                    line,
                    &dotted,
                    &format!("color, {}", Palette::names().join(", ")),
                );
                continue;
            };
            match item.as_str() {
                Some(s) => match Color::from_str(s.trim()) {
                    Ok(c) => *slot = c,
                    Err(_) => m.problem(
                        line,
                        &dotted,
                        &format!("not a colour: {s:?} (a name like \"cyan\", \"reset\", 0-255, or \"#rrggbb\")"),
                    ),
                },
                // A palette number written bare: `selected_bg = 200`.
                None => match item.as_integer().map(u8::try_from) {
                    Some(Ok(n)) => *slot = Color::Indexed(n),
                    Some(Err(_)) => m.problem(
                        line,
                        &dotted,
                        "a palette number must be 0-255",
                    ),
                    None => m.problem(
                        line,
                        &dotted,
                        "must be a colour: a name in quotes like \"cyan\", 0-255, or \"#rrggbb\"",
                    ),
                },
            }
        }
    }

    /// Applies the `[keys]` read: each action named gets exactly its keys. For a user's
    /// file, a key bound there is taken from the actions it did not name; a key named for
    /// two actions stays with the first and is a problem.
    fn apply_bindings(
        &mut self,
        m: &mut Merger<'_>,
        bound: Vec<(usize, Vec<Key>, Option<usize>)>,
        user: bool,
    ) {
        let mut taken: Vec<(Key, usize)> = Vec::new();
        let mut named = vec![false; self.bindings.len()];
        let mut lines = vec![None; self.bindings.len()];
        for (action, keys, line) in bound {
            if let Some(l) = lines.get_mut(action) {
                *l = line;
            }
            let mut kept = Vec::new();
            for k in keys {
                if let Some((_, other)) = taken.iter().find(|(t, a)| *t == k && *a != action) {
                    let other = BINDABLE[*other].name;
                    m.problem(
                        line,
                        &format!("keys.{}", BINDABLE[action].name),
                        &format!("\"{k}\" is already bound to {other}; it stays there"),
                    );
                } else if !kept.contains(&k) {
                    taken.push((k, action));
                    kept.push(k);
                }
            }
            if let Some(b) = self.bindings.get_mut(action) {
                b.keys = kept;
            }
            if let Some(n) = named.get_mut(action) {
                *n = true;
            }
        }
        if user {
            for (i, b) in self.bindings.iter_mut().enumerate() {
                if named[i] || b.keys.is_empty() {
                    continue;
                }
                let mut by = None;
                b.keys.retain(|k| match taken.iter().find(|(t, _)| t == k) {
                    Some(&(_, a)) => {
                        by = Some(a);
                        false
                    }
                    None => true,
                });
                // An action left with no key is said on the line that took its last one.
                if let (true, Some(a)) = (b.keys.is_empty(), by) {
                    m.problem(
                        lines.get(a).copied().flatten(),
                        &format!("keys.{}", BINDABLE[a].name),
                        &format!(
                            "this takes every key of {}, which is left with none; give it one under [keys]",
                            BINDABLE[i].name
                        ),
                    );
                }
            }
        }
        self.keep_a_way_out(m, &lines);
    }

    /// Ctrl-C always quits, whatever the file says: it is taken from any other action (with a
    /// problem on that action's line) and given back to quit, so no config leaves the reader
    /// without a way out.
    fn keep_a_way_out(&mut self, m: &mut Merger<'_>, lines: &[Option<usize>]) {
        let ctrl_c = Key::ctrl('c');
        let quit = BINDABLE.iter().position(|b| b.action == Action::Quit);
        for (i, b) in self.bindings.iter_mut().enumerate() {
            if Some(i) != quit && b.keys.contains(&ctrl_c) {
                b.keys.retain(|k| *k != ctrl_c);
                let name = BINDABLE.get(i).map_or("", |x| x.name);
                m.problem(
                    lines.get(i).copied().flatten(),
                    &format!("keys.{name}"),
                    "\"ctrl-c\" always quits; it stays with quit",
                );
            }
        }
        if let Some(b) = quit.and_then(|q| self.bindings.get_mut(q)) {
            if !b.keys.contains(&ctrl_c) {
                b.keys.push(ctrl_c);
            }
        }
    }
}

/// Reads settings out of one file, collecting its problems.
struct Merger<'a> {
    file: &'a str,
    /// Where each line of the text starts (byte offsets, ascending), found once: a line
    /// number is a binary search, so a config of 80,000 keys is read in linear time.
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
}

impl Merger<'_> {
    fn new<'a>(file: &'a str, text: &str) -> Merger<'a> {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Merger {
            file,
            line_starts,
            problems: Vec::new(),
        }
    }

    /// The 1-based line holding the byte at `offset`.
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn span_line(&self, span: Option<std::ops::Range<usize>>) -> Option<usize> {
        span.map(|s| self.line(s.start))
    }

    /// The line of a key in a table (or of its value, where the key has no place).
    fn key_line(&self, table: &dyn TableLike, key: &str, item: &Item) -> Option<usize> {
        self.span_line(table.key(key).and_then(toml_edit::Key::span))
            .or_else(|| self.span_line(item.span()))
    }

    fn problem(&mut self, line: Option<usize>, key: &str, message: &str) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            key: key.to_string(),
            message: message.to_string(),
        });
    }

    fn unknown(&mut self, line: Option<usize>, key: &str, known: &str) {
        self.problem(
            line,
            key,
            &format!("unknown setting, ignored (known here: {known})"),
        );
    }

    fn bool(&mut self, item: &Item, key: &str, line: Option<usize>) -> Option<bool> {
        let b = item.as_bool();
        if b.is_none() {
            self.problem(line, key, "must be true or false");
        }
        b
    }

    fn strings<'v>(
        &mut self,
        item: &'v Item,
        key: &str,
        line: Option<usize>,
    ) -> Option<Vec<(&'v str, Option<usize>)>> {
        let Some(array) = item.as_array() else {
            self.problem(line, key, "must be a list in brackets, like [\"a\", \"b\"]");
            return None;
        };
        let mut out = Vec::new();
        for v in array.iter() {
            let vline = self.span_line(v.span()).or(line);
            match v {
                Value::String(s) => out.push((s.value().as_str(), vline)),
                _ => self.problem(
                    vline,
                    key,
                    &format!("must be a string in quotes, not {}", v.type_name()),
                ),
            }
        }
        Some(out)
    }

    fn pages(&mut self, item: &Item, line: Option<usize>, base: &Path) -> Option<Vec<PathBuf>> {
        let list = self.strings(item, "pages", line)?;
        let mut pages = Vec::new();
        for (s, vline) in list {
            let path = expand_folder(s, base);
            if path.is_dir() {
                pages.push(path);
            } else {
                self.problem(
                    vline,
                    "pages",
                    &format!("{}: no such folder; left out", path.display()),
                );
            }
        }
        Some(pages)
    }

    fn keys(&mut self, t: &dyn TableLike, bound: &mut Vec<(usize, Vec<Key>, Option<usize>)>) {
        for (action, item) in t.iter() {
            let line = self.key_line(t, action, item);
            let dotted = format!("keys.{action}");
            let Some(index) = BINDABLE.iter().position(|b| b.name == action) else {
                let names: Vec<&str> = BINDABLE.iter().map(|b| b.name).collect();
                self.problem(
                    line,
                    &dotted,
                    &format!("unknown action, ignored (actions: {})", names.join(", ")),
                );
                continue;
            };
            let Some(list) = self.strings(item, &dotted, line) else {
                continue;
            };
            let given = list.len();
            let mut keys = Vec::new();
            for (s, vline) in list {
                match Key::from_str(s) {
                    Ok(k) => keys.push(k),
                    Err(e) => self.problem(vline, &dotted, &e.to_string()),
                }
            }
            if keys.is_empty() && given > 0 {
                continue; // every key was bad: the defaults stay
            }
            if keys.is_empty() && action == "quit" {
                self.problem(
                    line,
                    &dotted,
                    "the reader needs a key to quit; the defaults stay",
                );
                continue;
            }
            bound.push((index, keys, line));
        }
    }
}

/// A page folder as written in the config: `~/` is the home folder, a relative path is
/// taken from `base` (the config dir).
fn expand_folder(s: &str, base: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if s == "~" {
        if let Some(h) = home() {
            return h;
        }
    } else if let Some(rest) = s.strip_prefix("~/") {
        if let Some(h) = home() {
            return h.join(rest);
        }
    }
    base.join(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_has_no_problem_and_binds_every_action() {
        let mut config = Config::default();
        let problems = config.merge("default", DEFAULT_CONFIG, Path::new("."), false);
        assert_eq!(problems, vec![]);
        for b in &config.bindings {
            assert!(!b.keys.is_empty(), "{} has no key", b.action);
        }
        assert!(config.mouse && config.color);
        assert_eq!(config.theme.accent, Color::Cyan);
    }

    #[test]
    fn a_binding_that_takes_every_key_of_another_action_says_so_on_its_line() {
        let (config, problems) = parse(
            "c.toml",
            "[keys]\ndown = [\"j\", \"down\", \"n\"]\n",
            Path::new("."),
        );
        assert!(config.keys_for("next_hit").is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[0].key, "keys.down");
        assert!(
            problems[0].message.contains("next_hit"),
            "{}",
            problems[0].message
        );
        // Taking one key of several leaves the other: no problem.
        let (config, problems) = parse("c.toml", "[keys]\ndown = [\"j\", \"k\"]\n", Path::new("."));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!config.keys_for("up").is_empty());
    }

    #[test]
    fn the_default_config_documents_each_actions_default_keys() {
        let config = Config::default();
        for b in BINDABLE {
            let sorted = |keys: Vec<Key>| {
                let mut k: Vec<String> = keys.iter().map(Key::to_string).collect();
                k.sort();
                k
            };
            let defaults = b.keys.iter().map(|k| k.parse().unwrap()).collect();
            assert_eq!(
                sorted(config.keys_for(b.name).to_vec()),
                sorted(defaults),
                "{}",
                b.name
            );
        }
    }

    #[test]
    fn a_palette_number_may_be_written_bare_or_quoted() {
        let mut config = Config::default();
        let problems = config.merge(
            "user",
            "[theme]\nselected_bg = 200\naccent = \"33\"\nborder = 300\n",
            Path::new("."),
            true,
        );
        assert_eq!(config.theme.selected_bg, Color::Indexed(200));
        assert_eq!(config.theme.accent, Color::Indexed(33));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].to_string().contains("0-255"), "{problems:?}");
    }
}
