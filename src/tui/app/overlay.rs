//! What is drawn over the panes: the help, the warnings, the map of Guangdong's cities and
//! the city prompt (and the source view, whose state is `source`'s), with the `App` methods
//! that open them and apply their keys.

use super::finder::{delete_word, push_clipped, MAX_PROMPT_CHARS};
use super::App;
use crate::model::View;
use crate::names::{self, Name};
use crate::places::Gazetteer;
use crate::tui::action::{Action, Dir};
use crate::tui::layout;
use ratatui::layout::Rect;

/// The city prompt.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prompt {
    pub input: String,
    /// Indexes into the names index, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

/// What is drawn over the panes.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    /// The warnings from loading the pages (the status line's ⚠).
    Warnings {
        scroll: usize,
    },
    /// The map, with the selected city (index into the gazetteer's cities).
    Map {
        city: usize,
    },
    Prompt(Prompt),
    /// The search prompt (its state is `App::search`).
    Search,
    /// A page's lines as printed (`v`).
    Source(Box<super::source::SourceView>),
    /// A question on the status line (`A`: mark the list read?).
    Confirm(Confirm),
}

/// What the status line asks before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Mark these articles read (indexes into the corpus's articles): the list's, unread.
    MarkRead(Vec<usize>),
}

impl Confirm {
    /// The question, on the status line.
    #[must_use]
    pub fn question(&self) -> String {
        match self {
            Confirm::MarkRead(list) => {
                format!("把列表中 {} 篇未读文章全部标为已读?", list.len())
            }
        }
    }

    /// The question where the status line is narrow, with its answers: `27 篇标为已读? y/n`.
    #[must_use]
    pub fn short_question(&self) -> String {
        match self {
            Confirm::MarkRead(list) => format!("{} 篇标为已读? y/n", list.len()),
        }
    }
}

impl App {
    /// The names the city prompt matches (built on first use).
    #[must_use]
    pub fn names(&self) -> &[Name] {
        self.names.as_deref().unwrap_or(&[])
    }

    pub(super) fn open_prompt(&mut self) {
        if self.names.is_none() {
            self.names = Some(names::names(&self.corpus));
        }
        let mut p = Prompt::default();
        self.refresh_matches(&mut p);
        self.overlay = Overlay::Prompt(p);
    }

    pub(super) fn refresh_matches(&self, p: &mut Prompt) {
        p.matches = names::ranked(self.names(), &p.input);
        p.selected = 0;
    }

    /// The gazetteer index of the filter's city, or of the corpus's first city.
    pub(super) fn map_start(&self) -> usize {
        let g = Gazetteer::get();
        let name = self
            .filter_city()
            .map(str::to_string)
            .or_else(|| self.corpus.cities.first().map(|c| c.name.clone()));
        name.and_then(|n| g.cities.iter().position(|c| c.name == n))
            .unwrap_or(0)
    }

    /// The lines of the help overlay, or of the warnings overlay at the current width.
    #[must_use]
    pub fn overlay_lines(&self, warnings: bool) -> Vec<String> {
        if warnings {
            let area = Rect::new(0, 0, self.size.0, self.size.1);
            let w = usize::from(layout::text_overlay_body(layout::text_overlay(area)).width);
            return self
                .warnings
                .iter()
                .flat_map(|x| {
                    crate::text::wrap::wrap(x, w, "")
                        .into_iter()
                        .map(|l| l.text)
                })
                .collect();
        }
        let mut out = Vec::new();
        for (title, rows) in self.keymap.help() {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push(title.to_string());
            out.extend(rows.into_iter().map(|(k, h)| format!("{k}\t{h}")));
        }
        out
    }

    /// The furthest the help (or warnings) overlay scrolls, and its page of rows.
    #[must_use]
    pub fn overlay_scroll_room(&self, warnings: bool) -> (usize, usize) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let page = usize::from(layout::text_overlay_body(layout::text_overlay(area)).height).max(1);
        let n = self.overlay_lines(warnings).len();
        (n.saturating_sub(page), page)
    }

    /// Scrolls the help or the warnings: a line (↑↓ j k, the wheel), a page (PgUp PgDn, Space,
    /// b), the top or the bottom (g G Home End).
    pub(super) fn update_help(&mut self, action: Action, scroll: usize, warnings: bool) {
        let (last, page) = self.overlay_scroll_room(warnings);
        let scroll = scroll.min(last);
        let to = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => (scroll + 1).min(last),
            Action::PageUp => scroll.saturating_sub(page.saturating_sub(1).max(1)),
            Action::PageDown => (scroll + page.saturating_sub(1).max(1)).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Close => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Help if !warnings => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Warnings if warnings => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Help | Action::Warnings | Action::Map | Action::CityPrompt => {
                self.overlay = Overlay::None;
                self.update_panes(action);
                return;
            }
            _ => scroll,
        };
        self.overlay = if warnings {
            Overlay::Warnings { scroll: to }
        } else {
            Overlay::Help { scroll: to }
        };
    }

    pub(super) fn update_map(&mut self, action: Action, city: usize) {
        match action {
            Action::MapMove(d) => {
                let to = map_step(city, d);
                if to == city {
                    let way = match d {
                        Dir::Up => "北",
                        Dir::Down => "南",
                        Dir::Left => "西",
                        Dir::Right => "东",
                    };
                    let name = Gazetteer::get()
                        .cities
                        .get(city)
                        .map_or("", |c| c.name.as_str());
                    self.message = Some(format!("{name}以{way}没有别的城市"));
                }
                self.overlay = Overlay::Map { city: to };
            }
            Action::Open => {
                if let Some(c) = Gazetteer::get().cities.get(city) {
                    if self
                        .corpus
                        .find_city(&c.name)
                        .is_none_or(|e| e.articles.is_empty())
                    {
                        // Nothing to filter to: say so and stay on the map.
                        self.message = Some(format!("{} 没有文章", c.name));
                        return;
                    }
                    self.overlay = Overlay::None;
                    self.set_view(&View::City {
                        city: c.name.clone(),
                    });
                }
            }
            Action::Close | Action::Map => self.overlay = Overlay::None,
            Action::Help | Action::CityPrompt => {
                self.overlay = Overlay::None;
                self.update_panes(action);
            }
            Action::PrevCity | Action::NextCity | Action::AllCities | Action::CityNumber(_) => {
                self.update_panes(action)
            }
            _ => {}
        }
    }

    pub(super) fn update_prompt(&mut self, action: Action, mut p: Prompt) {
        match action {
            Action::Input(c) => {
                push_clipped(&mut p.input, c.encode_utf8(&mut [0; 4]), MAX_PROMPT_CHARS);
                self.refresh_matches(&mut p);
            }
            Action::Paste(text) => {
                if push_clipped(&mut p.input, &text, MAX_PROMPT_CHARS) {
                    self.message = Some(format!("粘贴的内容超过 {MAX_PROMPT_CHARS} 字, 已截断"));
                }
                self.refresh_matches(&mut p);
            }
            Action::Backspace | Action::DeleteWord | Action::ClearInput => {
                match action {
                    Action::Backspace => drop(p.input.pop()),
                    Action::DeleteWord => delete_word(&mut p.input),
                    _ => p.input.clear(),
                }
                self.refresh_matches(&mut p);
            }
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => {
                p.selected = (p.selected + 1).min(p.matches.len().saturating_sub(1));
            }
            Action::Open => {
                let f = p
                    .matches
                    .get(p.selected)
                    .and_then(|&i| self.names().get(i))
                    .map(|n| n.filter.clone());
                if let Some(f) = f {
                    self.overlay = Overlay::None;
                    self.set_view(&f);
                }
                return;
            }
            Action::Close => {
                self.overlay = Overlay::None;
                return;
            }
            _ => {}
        }
        self.overlay = Overlay::Prompt(p);
    }
}

/// The nearest city in a direction on the map, or `from` when none lies within 45° of it:
/// distance grows with the angle off the direction, so ↓ from 韶关 is 清远 (south by
/// south-west, near), not 东莞 (due south, far); ↓ from 珠海 stays (阳江 lies 74° off south,
/// to the west), and ↓ from 广州 is not 佛山 (beside it on the screen, 54° off south).
#[must_use]
pub fn map_step(from: usize, d: Dir) -> usize {
    // Degrees of longitude are shorter than degrees of latitude at Guangdong's latitude.
    const LON_SCALE: f64 = 0.92;
    /// The widest angle off the direction a step takes: 45°, so the four arrows share the
    /// compass between them and each other city lies in one direction only.
    const CONE: f64 = 45.0;
    let cities = &Gazetteer::get().cities;
    let Some(here) = cities.get(from) else {
        return from;
    };
    let mut best: Option<(f64, usize)> = None;
    for (i, c) in cities.iter().enumerate() {
        let (dx, dy) = ((c.lon - here.lon) * LON_SCALE, c.lat - here.lat);
        let (along, across) = match d {
            Dir::Up => (dy, dx),
            Dir::Down => (-dy, dx),
            Dir::Right => (dx, dy),
            Dir::Left => (-dx, dy),
        };
        if i == from || along <= 0.0 {
            continue;
        }
        let angle = across.abs().atan2(along).to_degrees();
        if angle > CONE {
            continue;
        }
        let cost = along.hypot(across) * (1.0 + angle / 45.0);
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, i));
        }
    }
    best.map_or(from, |(_, i)| i)
}
