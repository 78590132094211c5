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
    app.corpus().articles[i].id.clone()
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
        .filter(|(_, &i)| &app.corpus().articles[i].page == last_page)
        .max_by_key(|(_, &i)| app.corpus().articles[i].body_text().len())
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
        .any(|&i| &app.corpus().articles[i].page == first));
    let title = app
        .corpus()
        .articles
        .iter()
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
            .any(|&i| &app.corpus().articles[i].page == first),
        "{title} not found in the new page"
    );
}

#[test]
fn a_reload_during_a_search_keeps_the_search() {
    let pages = seed_pages();
    let mut app = app_on(Corpus::new(pages[1..].to_vec()));
    app.update(Action::Search);
    for c in "工会".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Down);
    let id = selected_id(&app);
    let before = app.shown().len();
    let all = Corpus::new(pages);
    let s = searcher(&all);
    app.reload(all, s, IndexSpec::in_ram(), Vec::new());
    // Still the search, with the new page's hits too, on the same article.
    assert_eq!(*app.overlay(), Overlay::Search);
    assert!(app.shown().len() > before, "{} hits", app.shown().len());
    assert_eq!(selected_id(&app), id);
    for &i in app.shown() {
        let a = &app.corpus().articles[i];
        assert!(
            a.paragraphs.iter().any(|p| p.contains("工会"))
                || a.title.contains("工会")
                || a.union.as_deref().is_some_and(|u| u.contains("工会"))
                || a.heading.iter().any(|h| h.contains("工会")),
            "{} is no hit",
            a.id
        );
    }
    // Esc goes back to the whole list, which holds every article now.
    app.update(Action::Close);
    assert_eq!(app.shown().len(), app.corpus().articles.len());
}
