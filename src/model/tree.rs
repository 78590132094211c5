//! The sidebar's trees of a corpus: its cities with their union bodies (each with its
//! articles, from the heads), and its editions with their pages.

use super::{CityEntry, Date, EditionEntry, Heads, Page, UnionEntry, NO_CITY};
use std::collections::BTreeMap;

/// Pages grouped by edition date, newest first; within one, by page number (pages without
/// one after), then id; the pages without a date last.
pub(super) fn edition_tree(pages: &[Page]) -> Vec<EditionEntry> {
    let mut by_date: BTreeMap<std::cmp::Reverse<Option<Date>>, Vec<usize>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        let date = p.edition.as_ref().and_then(|e| e.date);
        by_date.entry(std::cmp::Reverse(date)).or_default().push(i);
    }
    by_date
        .into_iter()
        .map(|(std::cmp::Reverse(date), mut list)| {
            list.sort_by(|&a, &b| {
                let number = |i: usize| {
                    pages[i]
                        .edition
                        .as_ref()
                        .and_then(|e| e.page)
                        .unwrap_or(u32::MAX)
                };
                number(a)
                    .cmp(&number(b))
                    .then_with(|| pages[a].id.cmp(&pages[b].id))
            });
            EditionEntry { date, pages: list }
        })
        .collect()
}

/// A city's articles, and its union bodies' articles by name number, while the tree is built.
type CityArticles = (Vec<usize>, rustc_hash::FxHashMap<u32, Vec<usize>>);

/// The sidebar's tree: each city's articles (in corpus order) and its union bodies'.
pub(super) fn city_tree(heads: &Heads) -> Vec<CityEntry> {
    let (places, names) = heads.places();
    // By city number: its articles, and by union body number its union bodies' articles.
    let mut by_city: rustc_hash::FxHashMap<u32, CityArticles> = rustc_hash::FxHashMap::default();
    // A city given as the name of none is none.
    let none = names.iter().position(|n| n.as_ref() == NO_CITY);
    for (i, (city, union)) in places.enumerate() {
        let city = if none == Some(city as usize) { 0 } else { city };
        let entry = by_city.entry(city).or_default();
        entry.0.push(i);
        if union != 0 {
            entry.1.entry(union).or_default().push(i);
        }
    }
    let name = |n: u32| -> String {
        match n {
            0 => NO_CITY.to_string(),
            n => names.get(n as usize).map_or("", AsRef::as_ref).to_string(),
        }
    };
    let mut cities: Vec<CityEntry> = by_city
        .into_iter()
        .map(|(city, (articles, unions))| {
            let mut unions: Vec<UnionEntry> = unions
                .into_iter()
                .map(|(u, articles)| UnionEntry {
                    name: name(u),
                    articles,
                })
                .collect();
            unions.sort_by(|a, b| {
                b.articles
                    .len()
                    .cmp(&a.articles.len())
                    .then_with(|| a.name.cmp(&b.name))
            });
            CityEntry {
                name: name(city),
                articles,
                unions,
            }
        })
        .collect();
    cities.sort_by(|a, b| {
        (a.name == NO_CITY)
            .cmp(&(b.name == NO_CITY))
            .then_with(|| b.articles.len().cmp(&a.articles.len()))
            .then_with(|| a.name.cmp(&b.name))
    });
    cities
}
