//! The reader opened again on a corpus another gongbao changed (an import): `App::reload`
//! keeps the selected article, the reader's scroll and focus, and a search, though every
//! article's number moved; the new page's articles are listed and found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_pages;
use gongbao::model::Corpus;
use gongbao::search::{index, IndexSpec, Progress, Searcher};
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Overlay};
use gongbao::tui::layout::Pane;
use std::sync::Arc;

fn searcher(c: &Corpus) -> Searcher {
    index::build(c, None, 0, &Progress::default()).unwrap()
}

fn app_on(c: Corpus) -> App {
    let s = searcher(&c);
    let mut app = App::new(c, Vec::new(), (100, 16));
    app.set_searcher(Arc::new(s));
    app
}

fn selected_id(app: &App) -> String {
    let i = app.selected_article().unwrap();
    app.corpus().whole(i).unwrap().id.clone()
}

#[test]
fn a_reload_keeps_the_article_scroll_and_focus() {
    let pages = seed_pages();
    // The reader on the last four seed pages, reading an article of the last one.
    let mut app = app_on(Corpus::new(pages[1..].to_vec()));
    let last_page = &pages[4].id;
    // Its longest article, which scrolls.
    let target = app
        .shown()
        .iter()
        .enumerate()
        .filter(|(_, &i)| &app.corpus().whole(i).unwrap().page == last_page)
        .max_by_key(|(_, &i)| app.corpus().whole(i).unwrap().body_text().len())
        .map(|(at, _)| at)
        .unwrap();
    for _ in 0..target {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let id = selected_id(&app);
    let scroll = app.reader().scroll();
    assert!(scroll > 0, "the article did not scroll");
    let before = app.selected_article().unwrap();
    // An import added the first page: every article of the old corpus moved.
    let all = Corpus::new(pages.clone());
    let s = searcher(&all);
    app.reload(all, s, IndexSpec::in_ram(), Vec::new());
    assert_eq!(app.corpus().pages.len(), 5);
    assert_eq!(selected_id(&app), id);
    assert_ne!(app.selected_article().unwrap(), before, "nothing moved");
    assert_eq!(app.reader().scroll(), scroll);
    assert_eq!(app.focus(), Pane::Reader);
    assert!(
        app.message().is_some_and(|m| m.contains("新增 1 版")),
        "{:?}",
        app.message()
    );
    // The new page's articles are listed, and found by search.
    let first = &pages[0].id;
    assert!(app
        .shown()
        .iter()
        .any(|&i| &app.corpus().whole(i).unwrap().page == first));
    let title = app
        .corpus()
        .whole_articles()
        .find(|a| &a.page == first)
        .map(|a| a.title.chars().take(6).collect::<String>())
        .unwrap();
    app.update(Action::Search);
    for c in title.chars() {
        app.update(Action::Input(c));
    }
    assert!(
        app.shown()
            .iter()
            .any(|&i| &app.corpus().whole(i).unwrap().page == first),
        "{title} not found in the new page"
    );
}

#[test]
fn a_reload_during_a_search_keeps_the_search() {
    let pages = seed_pages();
    let mut app = app_on(Corpus::new(pages[1..].to_vec()));
    app.update(Action::Search);
    for c in "劳模".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Down);
    let id = selected_id(&app);
    let before = app.shown().len();
    let all = Corpus::new(pages);
    let hits = |c: &Corpus| {
        c.whole_articles()
            .filter(|a| {
                a.paragraphs
                    .iter()
                    .chain(&a.heading)
                    .any(|p| p.contains("劳模") || p.contains("劳动模范"))
            })
            .count()
    };
    // A word some articles hold, and the new page adds hits of.
    assert!(before < app.corpus().len() && hits(&all) > before);
    let s = searcher(&all);
    app.reload(all, s, IndexSpec::in_ram(), Vec::new());
    // Still the search, with the new page's hits too (and nothing else), on the same article.
    assert_eq!(*app.overlay(), Overlay::Search);
    assert_eq!(
        app.search().active.as_ref().map(|a| a.input.as_str()),
        Some("劳模")
    );
    assert_eq!(
        app.shown().len(),
        hits(app.corpus()),
        "{} hits",
        app.shown().len()
    );
    assert_eq!(selected_id(&app), id);
    // Esc goes back to the whole list, which holds every article now.
    app.update(Action::Close);
    assert_eq!(app.shown().len(), app.corpus().len());
}

/// A reader started from the parsed-model cache holds the articles' heads alone and reads an
/// article's body when it is opened: every article shows the same lines as in a reader on
/// the corpus parsed whole, and copying it (`y`) gives the same text.
#[test]
fn the_reader_reads_a_body_when_it_opens_the_article() {
    let root = tempfile::tempdir().unwrap();
    let pages = root.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    for (name, bytes) in gongbao::load::SEEDS {
        std::fs::write(pages.join(name), bytes).unwrap();
    }
    let paths = gongbao::paths::Paths {
        config: root.path().into(),
        data: root.path().into(),
        cache: root.path().join("cache"),
    };
    let arg = std::slice::from_ref(&pages);
    let whole = gongbao::load::load_corpus_cached(arg, &paths).corpus;
    let heads = gongbao::load::load_corpus_cached(arg, &paths).corpus;
    assert!(!whole.bodies_elsewhere());
    assert!(heads.bodies_elsewhere());
    assert!(heads.pages.iter().all(|p| p.articles.is_empty()));
    let n = whole.len();
    let mut a = App::new(whole, Vec::new(), (100, 30));
    let mut b = App::new(heads, Vec::new(), (100, 30));
    for app in [&mut a, &mut b] {
        app.update(Action::Open);
    }
    for i in 0..n {
        assert_eq!(selected_id(&a), selected_id(&b), "article {i}");
        assert!(!a.reader().lines().is_empty());
        assert_eq!(a.reader().lines(), b.reader().lines(), "article {i}");
        assert_eq!(
            crate::support::screen::render(&a),
            crate::support::screen::render(&b),
            "article {i}"
        );
        for app in [&mut a, &mut b] {
            app.update(Action::NextArticle);
        }
    }
}

#[test]
fn another_gongbaos_update_shows_its_progress_until_the_reload() {
    use gongbao::search::announce::Announced;
    let pages = seed_pages();
    let mut app = app_on(Corpus::new(pages[1..].to_vec()));
    let last = |app: &App| {
        crate::support::screen::render(app)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!last(&app).contains("另一个 gongbao"), "{}", last(&app));
    // The pages being read: no figure yet.
    assert!(app.show_other_update(Some(Announced {
        done: 0,
        total: 0,
        own: false
    })));
    assert!(
        last(&app).contains("另一个 gongbao 在更新索引"),
        "{}",
        last(&app)
    );
    assert!(app.show_other_update(Some(Announced {
        done: 30,
        total: 120,
        own: false
    })));
    assert!(
        last(&app).contains("另一个 gongbao 在更新索引 25%"),
        "{}",
        last(&app)
    );
    // In a narrow terminal too, where the key hints give way.
    app.update(Action::Resize(80, 24));
    assert!(
        last(&app).contains("另一个 gongbao 在更新索引 25%"),
        "{}",
        last(&app)
    );
    // The same again changes nothing (no redraw).
    assert!(!app.show_other_update(Some(Announced {
        done: 30,
        total: 120,
        own: false
    })));
    // Its commit reloaded: the line says what came in, and no more progress.
    let all = Corpus::new(pages.clone());
    let s = searcher(&all);
    app.reload(all, s, IndexSpec::in_ram(), Vec::new());
    assert!(!last(&app).contains("另一个 gongbao"), "{}", last(&app));
    // An update that stopped without a commit (its file went stale): the line is clean.
    assert!(app.show_other_update(Some(Announced {
        done: 1,
        total: 2,
        own: false
    })));
    assert!(app.show_other_update(None));
    assert!(!last(&app).contains("另一个 gongbao"), "{}", last(&app));
}

/// After a reload that moved every article's number, each row opens its own article, also
/// the rows read before it (whose set text was kept by number).
#[test]
fn after_a_reload_every_row_shows_its_own_article() {
    let pages = seed_pages();
    let mut app = app_on(Corpus::new(pages[1..].to_vec()));
    // Read the first rows: each is set and kept.
    for _ in 0..3 {
        app.update(Action::Down);
    }
    let all = Corpus::new(pages.clone());
    let s = searcher(&all);
    app.reload(all, s, IndexSpec::in_ram(), Vec::new());
    app.update(Action::Top);
    for _ in 0..4 {
        let i = app.selected_article().unwrap();
        let title = app.corpus().whole(i).unwrap().title.clone();
        let first: String = title.chars().take(4).collect();
        let shown: String = app
            .reader()
            .lines()
            .iter()
            .take(6)
            .map(|l| l.text.as_str())
            .collect();
        assert!(shown.contains(&first), "row of {title:?} shows {shown:?}");
        app.update(Action::Down);
    }
}
