//! The source view (`v`), the 版面 view's banners and unplaced lines, and banners found by
//! search as page-level hits, driven by actions on the seeds; snapshots on a TestBackend.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::model::Corpus;
use gongbao::model::View;
use gongbao::search::pagetext::{Leftover, Leftovers};
use gongbao::search::{index, Progress};
use gongbao::source::Owner;
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Overlay};
use gongbao::tui::ui;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;

use crate::support::screen;
use screen::render;

/// The id of the seed page with a banner (page 5).
const BANNER_PAGE: &str = "004_2725b99f7637a51a";

fn with_index(mut app: App) -> App {
    let s = index::build(app.corpus(), None, 0, &Progress::default()).unwrap();
    app.set_searcher(Arc::new(s));
    app
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn source(app: &App) -> &gongbao::tui::app::source::SourceView {
    match app.overlay() {
        Overlay::Source(v) => v,
        other => panic!("no source view: {other:?}"),
    }
}

#[test]
fn v_shows_the_article_on_its_page_and_closes() {
    let mut app = App::new(seed_corpus(), Vec::new(), (100, 30));
    app.update(Action::Source);
    let v = source(&app);
    assert_eq!(v.error, None);
    let article = &app.corpus().whole(0).unwrap();
    assert_eq!(v.article, Some(0));
    // Its lead line is its own, and the view starts at its first line.
    let lead = v.lines.iter().find(|l| l.no == article.line).unwrap();
    assert!(v.is_own(lead.owner));
    let shown = render(&app);
    assert!(shown.contains("本文"), "{shown}");
    assert_snapshot!(shown);
    // Scrolls within the page; v again (or Esc) closes it.
    app.update(Action::Down);
    assert_eq!(source(&app).scroll, 1);
    app.update(Action::Bottom);
    let v = source(&app);
    assert_eq!(v.scroll, v.max_scroll(27));
    assert!(v.scroll > 1 && v.scroll < v.lines.len() - 27);
    // The page's last line is in sight.
    let last = v
        .lines
        .iter()
        .rev()
        .find(|l| l.owner != Owner::Blank)
        .unwrap();
    let first_words: String = last.text.chars().take(6).collect();
    assert!(render(&app).contains(&first_words));
    app.update(Action::Source);
    assert_eq!(*app.overlay(), Overlay::None);
    app.update(Action::Source);
    app.update(Action::Close);
    assert_eq!(*app.overlay(), Overlay::None);
}

#[test]
fn the_other_articles_lines_are_dimmed_and_the_banner_marked() {
    let mut app = App::new(seed_corpus(), Vec::new(), (100, 30));
    app.set_view(&View::Page {
        page: BANNER_PAGE.to_string(),
    });
    // The page's first article: its heading is printed below the banner.
    app.update(Action::Source);
    let v = source(&app).clone();
    assert!(v.lines.iter().any(|l| l.owner == Owner::Banner));
    let banner = v
        .lines
        .iter()
        .position(|l| l.owner == Owner::Banner)
        .unwrap();
    assert_eq!(
        v.scroll, banner,
        "the banner line above the article's first line"
    );
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| ui::draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    // Row by row: the article's own lines are not dimmed, the other articles' lines are.
    // The row a line is drawn on: found by its number in the gutter.
    let row_of = |no: usize| -> u16 {
        (1..29)
            .find(|&y| {
                let gutter: String = (1..8).map(|x| buf[(x, y)].symbol().to_string()).collect();
                gutter.split_whitespace().next() == Some(no.to_string().as_str())
            })
            .unwrap()
    };
    let dim_at = |row: u16| {
        (1..99).any(|x| {
            buf[(x, row)]
                .style()
                .add_modifier
                .contains(ratatui::style::Modifier::DIM)
        })
    };
    let own = v.lines.iter().find(|l| v.is_own(l.owner)).unwrap();
    assert!(!dim_at(row_of(own.no)));
    let other = v.lines[v.scroll..]
        .iter()
        .take(25)
        .find(|l| matches!(l.owner, Owner::Article(_)) && !v.is_own(l.owner))
        .unwrap();
    let shown = render(&app);
    assert!(dim_at(row_of(other.no)), "{shown}");
    assert_snapshot!(shown);
}

#[test]
fn the_page_view_lists_banners_after_its_articles() {
    let mut app = App::new(seed_corpus(), Vec::new(), (120, 30));
    app.set_view(&View::Page {
        page: BANNER_PAGE.to_string(),
    });
    assert_eq!(
        app.page_leftovers(),
        [(Leftover::Banner, "团结奋斗开新局 喜迎工会十八大")]
    );
    let shown = render(&app);
    assert!(
        shown.contains("版头 团结奋斗开新局 喜迎工会十八大"),
        "{shown}"
    );
    assert_snapshot!(shown);
    // Other views list no leftovers.
    app.set_view(&View::All);
    assert!(app.page_leftovers().is_empty());
}

#[test]
fn a_banner_word_is_a_page_hit_that_opens_the_page() {
    let mut app = with_index(App::new(seed_corpus(), Vec::new(), (100, 30)));
    app.update(Action::Search);
    type_str(&mut app, "开新局");
    let a = app.search().active.as_ref().unwrap();
    assert!(a.results.hits.is_empty(), "no article holds it");
    assert_eq!(a.pages.len(), 1);
    assert_eq!(a.pages[0].page_id, BANNER_PAGE);
    let shown = render(&app);
    assert!(shown.contains("版面 004 · 版头"), "{shown}");
    assert_snapshot!(shown);
    // Enter on it shows the page as printed, at the banner.
    app.update(Action::Open);
    let v = source(&app);
    assert_eq!(v.article, None);
    assert!(v.lines[v.scroll..]
        .iter()
        .take(3)
        .any(|l| l.owner == Owner::Banner));
    let shown = render(&app);
    assert!(shown.contains("版头 ## 团结奋斗开新局"), "{shown}");
    // Esc back to the results.
    app.update(Action::Close);
    assert_eq!(*app.overlay(), Overlay::None);
    // A word found in articles and in the banner: articles first, then the page.
    app.update(Action::Search);
    for _ in 0..3 {
        app.update(Action::Backspace);
    }
    type_str(&mut app, "喜迎");
    let a = app.search().active.as_ref().unwrap();
    let articles = a.results.hits.len();
    assert_eq!(a.pages.len(), 1);
    for _ in 0..articles {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert!(matches!(app.overlay(), Overlay::Source(_)));
}

/// With its index on disk, the reader finds a banner's page in the text kept beside the
/// index (found in the corpus by its id), without gathering every page's text in memory.
#[test]
fn a_banner_word_is_found_in_the_text_kept_beside_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(seed_corpus(), Vec::new(), (100, 30));
    app.start_index(gongbao::search::IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: 1,
    });
    let t = std::time::Instant::now();
    while app.search().building() && t.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update(Action::Tick);
    }
    assert!(app.search().searcher().is_some());
    app.update(Action::Search);
    type_str(&mut app, "开新局");
    let a = app.search().active.as_ref().unwrap();
    assert_eq!(a.pages.len(), 1);
    assert_eq!(a.pages[0].page_id, BANNER_PAGE);
    let page = app.corpus().page_index(BANNER_PAGE);
    assert_eq!(Some(a.pages[0].page), page, "the corpus's page");
    assert!(!app.search().leftovers_gathered());
    app.update(Action::Open);
    assert_eq!(source(&app).page, page.unwrap());
}

/// Every word of every banner and unplaced line of the seeds and fixture pages finds its
/// page.
#[test]
fn every_banner_word_is_found() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let (fixtures, errors) = gongbao::load::load_corpus(&[dir]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut pages = seed_corpus().pages;
    pages.extend(fixtures.pages);
    let corpus = Corpus::new(pages);
    let leftovers = Leftovers::of(&corpus);
    let mut words = 0;
    for (i, p) in corpus.pages.iter().enumerate() {
        for text in p.banners.iter().chain(&p.unplaced) {
            for word in text.split_whitespace() {
                let hits = leftovers.search(&format!("\"{word}\""), usize::MAX);
                assert!(
                    hits.iter().any(|h| h.page == i),
                    "{}: {word} not found",
                    p.id
                );
                words += 1;
            }
        }
    }
    assert!(words >= 2, "the seeds' banner at least");
}

/// `v` on a page whose file changed or went away after it was read says so, in one line of
/// the reader's language, rather than an OS error or lines marked ？？ without a word.
#[test]
fn a_changed_or_removed_page_file_is_said_in_the_source_view() {
    use gongbao::tui::app::source::SourceView;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p01.txt");
    std::fs::copy("tests/fixtures/pages/p01_huizhou_columns.txt", &file).unwrap();
    let (corpus, errors) = gongbao::load::load_corpus(std::slice::from_ref(&file));
    assert!(errors.is_empty(), "{errors:?}");
    let fresh = SourceView::open(&corpus, 0, Some(0));
    assert_eq!(fresh.error, None);

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("惠州", "東莞")).unwrap();
    let changed = SourceView::open(&corpus, 0, Some(0));
    assert!(
        changed
            .error
            .as_deref()
            .is_some_and(|e| e.contains("载入后改过")),
        "{:?}",
        changed.error
    );

    std::fs::remove_file(&file).unwrap();
    let gone = SourceView::open(&corpus, 0, Some(0));
    let said = gone.error.unwrap_or_default();
    assert!(said.contains("版面文件已不在"), "{said}");
    assert!(!said.contains("os error"), "{said}");
}
