//! What is drawn over the panes: the help, the map of Guangdong's cities and the city
//! prompt, with the `App` methods that open them and apply their keys.

use super::App;
use crate::model::Filter;
use crate::places::Gazetteer;
use crate::store::state::View;
use crate::tui::action::{Action, Dir};
use crate::tui::names::{self, Name};

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
    /// The map, with the selected city (index into the gazetteer's cities).
    Map {
        city: usize,
    },
    Prompt(Prompt),
    /// The search prompt (its state is `App::search`).
    Search,
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
        p.matches = self
            .names()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.matches(&p.input))
            .map(|(i, _)| i)
            .collect();
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

    pub(super) fn update_help(&mut self, action: Action, scroll: usize) {
        match action {
            Action::Up => {
                self.overlay = Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }
            }
            Action::Down | Action::PageDown => self.overlay = Overlay::Help { scroll: scroll + 1 },
            Action::Top | Action::PageUp => self.overlay = Overlay::Help { scroll: 0 },
            Action::Close | Action::Help => self.overlay = Overlay::None,
            Action::Map | Action::CityPrompt => {
                self.overlay = Overlay::None;
                self.update_panes(action);
            }
            _ => {}
        }
    }

    pub(super) fn update_map(&mut self, action: Action, city: usize) {
        match action {
            Action::MapMove(d) => {
                self.overlay = Overlay::Map {
                    city: map_step(city, d),
                }
            }
            Action::Open => {
                self.overlay = Overlay::None;
                if let Some(c) = Gazetteer::get().cities.get(city) {
                    self.set_view(&View::from(&Filter::City(c.name.clone())));
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
                p.input.push(c);
                self.refresh_matches(&mut p);
            }
            Action::Backspace => {
                p.input.pop();
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
                    self.set_view(&View::from(&f));
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

/// The nearest city in a direction on the map (by angle and distance), or `from`.
#[must_use]
pub fn map_step(from: usize, d: Dir) -> usize {
    let cities = &Gazetteer::get().cities;
    let Some(here) = cities.get(from) else {
        return from;
    };
    let mut best: Option<(f64, usize)> = None;
    for (i, c) in cities.iter().enumerate() {
        let (dx, dy) = (c.lon - here.lon, c.lat - here.lat);
        let (along, across) = match d {
            Dir::Up => (dy, dx),
            Dir::Down => (-dy, dx),
            Dir::Right => (dx, dy),
            Dir::Left => (-dx, dy),
        };
        if i == from || along <= 0.0 {
            continue;
        }
        let cost = along + 2.0 * across.abs();
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, i));
        }
    }
    best.map_or(from, |(_, i)| i)
}
