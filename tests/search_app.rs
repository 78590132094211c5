//! Search in the reader, driven by actions on the seeds: `/` with live results, per-city hit
//! counts in the sidebar, Enter opens, n/N step through the hits, Tab widens the city, Esc
//! puts the list back, `r` lists related articles, and the background index job.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::model::View;
use gongbao::search::{index, IndexSpec, Progress};
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Entry, Overlay};
use gongbao::tui::layout::Pane;
use std::sync::Arc;

fn app() -> App {
    let mut app = App::new(seed_corpus(), Vec::new(), (140, 40));
    let s = index::build(app.corpus(), None, 0, &Progress::default()).unwrap();
    app.set_searcher(Arc::new(s));
    app
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn live_results_counts_open_and_escape() {
    let mut app = app();
    let before = app.shown().to_vec();
    app.update(Action::Search);
    assert_eq!(*app.overlay(), Overlay::Search);
    // Empty query: the list as it was.
    assert_eq!(app.shown(), before);
    type_str(&mut app, "许接英");
    let hits: Vec<String> = app
        .shown()
        .iter()
        .map(|&i| app.corpus().whole(i).unwrap().id.clone())
        .collect();
    assert_eq!(hits.len(), 3, "{hits:?}");
    // The sidebar counts hits per city.
    let jiangmen = app
        .corpus()
        .cities
        .iter()
        .position(|c| c.name == "江门市")
        .unwrap();
    assert_eq!(app.entry_count(Entry::City(jiangmen)), 3);
    assert_eq!(app.entry_count(Entry::All), 3);
    // Rows with no hit count show none (a union body's total beside hits read as hits).
    assert_eq!(app.shown_count(Entry::City(jiangmen)), Some(3));
    assert_eq!(app.shown_count(Entry::Unread), None);
    assert_eq!(app.shown_count(Entry::Union(jiangmen, 0)), None);
    // Enter opens the selected hit in the reader, at its first hit.
    app.update(Action::Open);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.focus(), Pane::Reader);
    let lines = app.hit_lines();
    assert!(!lines.is_empty());
    app.update(Action::NextHit);
    let first = app.reader().scroll();
    app.update(Action::PrevHit);
    assert!(app.reader().scroll() <= first);
    // Esc: the list as it was.
    app.update(Action::Close);
    assert!(app.search().active.is_none());
    assert_eq!(app.shown(), before);
}

#[test]
fn search_within_the_city_and_widen() {
    let mut app = app();
    app.set_view(&View::City {
        city: "湛江市".into(),
    });
    app.update(Action::Search);
    type_str(&mut app, "工会");
    let within = app.shown().to_vec();
    assert!(!within.is_empty());
    assert!(within
        .iter()
        .all(|&i| app.corpus().whole(i).unwrap().city.as_deref() == Some("湛江市")));
    app.update(Action::Widen);
    assert!(app.shown().len() > within.len());
    app.update(Action::Close);
    assert_eq!(
        app.filter(),
        View::City {
            city: "湛江市".into()
        }
    );
    assert_eq!(app.shown().len(), within.len().max(app.shown().len()));
}

#[test]
fn related_articles_under_the_article_and_listed() {
    let mut app = app();
    app.update(Action::FocusRight);
    let open = app.reader().article().unwrap();
    assert!(app
        .reader()
        .lines()
        .iter()
        .any(|l| l.text.starts_with("相关文章")));
    app.update(Action::Related);
    assert_eq!(app.focus(), Pane::List);
    assert!(!app.shown().is_empty());
    assert!(!app.shown().contains(&open));
    app.update(Action::Close);
    assert!(app.search().active.is_none());
}

#[test]
fn index_builds_in_the_background() {
    let mut app = App::new(seed_corpus(), Vec::new(), (100, 30));
    app.start_index(IndexSpec::in_ram());
    assert!(app.search().building() || app.search().searcher().is_some());
    // Lists work meanwhile; a query typed now runs once the index is ready.
    app.update(Action::Search);
    type_str(&mut app, "送清凉");
    let t = std::time::Instant::now();
    while app.search().building() && t.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update(Action::Tick);
    }
    assert!(app.search().searcher().is_some());
    assert!(!app.shown().is_empty());
    assert!(app.search().status().is_none());
}

#[test]
fn an_empty_query_keeps_the_counts_and_enter_leaves_the_search() {
    let mut app = app();
    let all = app.entry_count(Entry::All);
    let first_city = app.entry_count(Entry::City(0));
    app.update(Action::Search);
    assert_eq!(app.entry_count(Entry::All), all, "no query, no hit counts");
    assert_eq!(app.entry_count(Entry::City(0)), first_city);
    type_str(&mut app, "送清凉");
    assert_eq!(app.entry_count(Entry::All), 3);
    for _ in 0..3 {
        app.update(Action::Backspace);
    }
    assert_eq!(app.entry_count(Entry::All), all);
    // Enter on an empty prompt closes it: no search is left behind.
    app.update(Action::Open);
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(app.search().active.is_none());
    assert_eq!(app.filter_label(), "全部");
}

#[test]
fn n_and_n_go_round_every_hit_and_say_which() {
    let mut app = App::new(seed_corpus(), Vec::new(), (100, 12));
    let s = index::build(app.corpus(), None, 0, &Progress::default()).unwrap();
    app.set_searcher(Arc::new(s));
    app.update(Action::Search);
    type_str(&mut app, "工会");
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Reader);
    let lines = app.hit_lines();
    assert!(lines.len() > 3, "{lines:?}");
    assert_eq!(
        app.current_hit().map(|(_, i, n)| (i, n)),
        Some((0, lines.len()))
    );
    // n visits every line with a hit once, in order, then comes back to the first, even
    // where the article's end keeps the reader from scrolling further.
    let mut seen = vec![app.current_hit().unwrap().0];
    for _ in 1..lines.len() {
        app.update(Action::NextHit);
        seen.push(app.current_hit().unwrap().0);
    }
    assert_eq!(seen, lines);
    app.update(Action::NextHit);
    assert_eq!(app.current_hit().unwrap().1, 0);
    app.update(Action::PrevHit);
    assert_eq!(app.current_hit().unwrap().1, lines.len() - 1);
    // Another article: no current hit until n.
    app.update(Action::FocusLeft);
    app.update(Action::Down);
    assert_eq!(app.current_hit(), None);
}

#[test]
fn esc_from_related_articles_goes_back_to_the_search() {
    let mut app = app();
    app.update(Action::Search);
    type_str(&mut app, "劳模");
    app.update(Action::Open);
    let results = app.shown().to_vec();
    assert!(results.len() > 2);
    let label = app.filter_label();
    app.update(Action::Related);
    assert!(
        app.filter_label().starts_with("相关"),
        "{}",
        app.filter_label()
    );
    // Esc: the query's results again, then the list from before the search.
    app.update(Action::Close);
    assert_eq!(app.filter_label(), label);
    assert_eq!(app.shown(), results);
    app.update(Action::Close);
    assert!(app.search().active.is_none());
    assert_eq!(app.shown().len(), 32);
}

#[test]
fn a_hit_cut_by_a_line_break_is_highlighted_on_both_lines() {
    let corpus = seed_corpus();
    let searcher = Arc::new(index::build(&corpus, None, 0, &Progress::default()).unwrap());
    let needle = "新就业形态劳动者";
    let mut crossings = 0;
    for w in 60..140u16 {
        let mut app = App::new(seed_corpus(), Vec::new(), (w, 40));
        app.set_searcher(searcher.clone());
        app.update(Action::Search);
        type_str(&mut app, needle);
        app.update(Action::Open);
        let lines = app.reader().lines().to_vec();
        let hits = app.line_hits();
        for k in 0..lines.len().saturating_sub(1) {
            let (a, b) = (&lines[k], &lines[k + 1]);
            if a.block != b.block {
                continue;
            }
            let joined = format!("{}{}", a.text, b.text);
            if let Some(at) = joined.find(needle) {
                if at < a.text.len() && at + needle.len() > a.text.len() {
                    crossings += 1;
                    assert!(!hits[k].is_empty() && !hits[k + 1].is_empty(), "width {w}");
                    assert_eq!(hits[k + 1][0].start, 0, "width {w}");
                }
            }
        }
    }
    assert!(
        crossings > 0,
        "no width cut the word: the test checked nothing"
    );
}

/// The prompt's Ctrl-O orders the hits by date (newest first) and back; the reader
/// highlights both forms of an abbreviation, and a traditional query finds the same hits.
#[test]
fn hits_sort_by_date_and_traditional_and_abbreviations_find_the_same() {
    let mut app = app();
    app.update(Action::Search);
    type_str(&mut app, "劳模");
    let by_relevance = app.shown().to_vec();
    assert_eq!(by_relevance.len(), 10);
    app.update(Action::SortHits);
    let by_date = app.shown().to_vec();
    assert_eq!(by_date.len(), by_relevance.len());
    assert_ne!(by_date, by_relevance);
    let key = |i: usize| {
        app.corpus().whole(i).unwrap().date.as_ref().map_or(0, |d| {
            i64::from(d.year.unwrap_or(0)) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day)
        })
    };
    assert!(by_date.windows(2).all(|w| key(w[0]) >= key(w[1])));
    app.update(Action::SortHits);
    assert_eq!(app.shown(), by_relevance);
    // 勞模 and 劳动模范 find what 劳模 finds, and the reader highlights 劳动模范 too.
    for _ in 0..2 {
        app.update(Action::Backspace);
    }
    type_str(&mut app, "勞模");
    assert_eq!(app.shown(), by_relevance);
    for _ in 0..2 {
        app.update(Action::Backspace);
    }
    type_str(&mut app, "劳动模范");
    assert_eq!(app.shown(), by_relevance);
    assert!(app.search().needles().contains(&"劳模".to_string()));
}

/// What of a query cannot be read (`date:soon`) is said on the prompt's line, as the command
/// line says it, and the rest of the query runs.
#[test]
fn the_prompt_says_what_it_cannot_read() {
    let mut app = app();
    app.update(Action::Search);
    type_str(&mut app, "date:soon 劳模");
    assert!(!app.shown().is_empty(), "劳模 still runs");
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 40)).unwrap();
    term.draw(|f| gongbao::tui::ui::draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let last: String = (0..140)
        .map(|x| buf[(x, 39)].symbol().to_string())
        .collect();
    assert!(last.replace(' ', "").contains("⚠date:soon"), "{last}");
}

/// At 40 columns the status line keeps which hit the reader is at, and cuts the rest.
#[test]
fn a_narrow_status_line_keeps_the_hit_counter() {
    let mut app = App::new(seed_corpus(), Vec::new(), (40, 12));
    let s = index::build(app.corpus(), None, 0, &Progress::default()).unwrap();
    app.set_searcher(Arc::new(s));
    app.update(Action::Search);
    type_str(&mut app, "劳模");
    app.update(Action::Open);
    app.update(Action::NextHit);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 12)).unwrap();
    term.draw(|f| gongbao::tui::ui::draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let last: String = (0..40).map(|x| buf[(x, 11)].symbol().to_string()).collect();
    assert!(last.replace(' ', "").contains("命中2/"), "{last}");
}

/// n/N step through the article's own text: the related articles' titles under it hold no
/// hit, even when they name the words searched (the review found `命中 1/8`, 3 of them
/// titles).
#[test]
fn hits_are_in_the_article_not_in_the_related_titles() {
    let mut app = app();
    app.update(Action::Search);
    type_str(&mut app, "劳模 工匠");
    let mut titles_with_words = 0;
    let shown = app.shown().len();
    for _ in 0..shown {
        app.update(Action::Open);
        let lines = app.reader().lines();
        titles_with_words += lines
            .iter()
            .filter(|l| l.kind == gongbao::tui::typeset::LineKind::Related)
            .filter(|l| l.text.contains("劳模") || l.text.contains("工匠"))
            .count();
        for i in app.hit_lines() {
            assert_ne!(
                lines[i].kind,
                gongbao::tui::typeset::LineKind::Related,
                "{}",
                lines[i].text
            );
        }
        app.update(Action::Search);
        app.update(Action::Down);
    }
    assert!(titles_with_words > 0, "some related title names the words");
}
