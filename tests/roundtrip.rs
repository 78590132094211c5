#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Round trips through the press (`gongbao::press`): the articles of every seed and fixture
//! page, printed again at column widths 12–30 with the placements of the sweep
//! (`examples/sweep.rs`), parse back to the same articles.
//!
//! - a proptest over the printer's parameters (page, layout, width, placement, seed): the
//!   printed page gives back every article exact (every field of the JSON export), or as a
//!   reading the page cannot tell from it (two paragraphs printed as one would be, a banner
//!   printed once beside a heading, counted apart by `press::round_trip`), each starting at
//!   the line its lead was printed on, and no character of the articles is lost;
//! - the exact-article rate (every field of the JSON export) over a fixed grid of widths and
//!   placements may not fall below what the parser reaches today (a ratchet: raise it as the
//!   parser improves; the sweep prints the table).

use gongbao::model::{Article, Layout};
use gongbao::parse::{parse_page, parse_text};
use gongbao::press::{print_page, round_trip, Placement};
use proptest::prelude::*;

use crate::support::cases;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn pages() -> &'static Vec<(String, Vec<Article>)> {
    static PAGES: OnceLock<Vec<(String, Vec<Article>)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut raw: Vec<(String, Vec<u8>)> = gongbao::load::SEEDS
            .iter()
            .map(|(n, b)| ((*n).to_string(), b.to_vec()))
            .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            raw.push((name, std::fs::read(&f).unwrap()));
        }
        raw.into_iter()
            .map(|(name, bytes)| {
                let id = name.trim_end_matches(".txt").to_string();
                let page = parse_page(&id, &name, &bytes).unwrap();
                (id, page.articles)
            })
            .collect()
    })
}

/// The letters and digits of a text, counted.
fn letters(texts: impl IntoIterator<Item = String>) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for t in texts {
        for c in t.chars().filter(|c| c.is_alphanumeric()) {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

fn article_texts(a: &Article) -> Vec<String> {
    let mut v = a.heading.clone();
    v.extend(a.paragraphs.iter().cloned());
    v.extend(a.captions.iter().cloned());
    v.extend(a.caption_credits.iter().flatten().cloned());
    v.extend(a.byline.iter().cloned());
    v
}

proptest! {
    #![proptest_config(cases::cases(2000))]

    #[test]
    fn printed_pages_give_back_their_articles_exactly_and_every_letter(
        page in 0usize..64,
        layout in 0usize..3,
        width in 12usize..=30,
        placement in 0usize..Placement::ALL.len(),
        seed in any::<u64>(),
    ) {
        let pages = pages();
        let (id, articles) = &pages[page % pages.len()];
        let layout = [Layout::Columns, Layout::Paragraphs, Layout::Markdown][layout];
        let press = Placement::ALL[placement].press(layout, width, seed);
        let printed = print_page(articles, &press);
        let back = parse_text(id, id, &printed.text);
        // Every article comes back exact (every field of the JSON export), or as a reading
        // the printed page cannot tell from it (see `press::round_trip`).
        let rt = round_trip(id, articles, &press);
        prop_assert!(rt.misses.is_empty(), "{:?}\n{}", rt.misses, printed.text);
        prop_assert_eq!(back.articles.len(), articles.len(), "{}", printed.text);
        let lines: Vec<usize> = back.articles.iter().map(|a| a.line).collect();
        prop_assert_eq!(&lines, &printed.leads);
        let want = letters(articles.iter().flat_map(article_texts));
        let mut got_texts: Vec<String> = back.articles.iter().flat_map(article_texts).collect();
        got_texts.extend(back.banners.iter().map(str::to_string));
        got_texts.extend(back.unplaced.iter().map(str::to_string));
        let got = letters(got_texts);
        for (c, n) in &want {
            prop_assert!(got.get(c).copied().unwrap_or(0) >= *n, "{c} lost:\n{}", printed.text);
        }
    }
}

/// The exact-article rate at widths 12–30 (every third width), every placement, seed 0, may
/// not fall below what the parser reaches today.
#[test]
fn exact_round_trips_do_not_fall_below_the_ratchet() {
    const RATCHET: f64 = 1.0;
    let (mut exact, mut total) = (0, 0);
    let mut misses = Vec::new();
    for width in (12..=30).step_by(3) {
        for placement in Placement::ALL {
            for (id, articles) in pages() {
                let rt = round_trip(id, articles, &placement.press(Layout::Columns, width, 0));
                exact += rt.exact;
                total += rt.total;
                for (k, fields) in rt.misses {
                    misses.push(format!(
                        "{id} #{k} width {width} {}: {fields:?}",
                        placement.name()
                    ));
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = exact as f64 / total as f64;
    assert!(
        rate >= RATCHET,
        "{exact} of {total} exact ({:.2}%), below {RATCHET}:\n{}",
        rate * 100.0,
        misses.join("\n")
    );
}
