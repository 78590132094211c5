//! Snapshots of the screen on a TestBackend (insta), on the seed corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::text::width;
use gongbao::tui::action::Action;
use gongbao::tui::app::App;
use gongbao::tui::ui;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The screen as a user sees it: one line per row, wide characters once.
fn render(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

fn app(w: u16, h: u16) -> App {
    App::new(seed_corpus(), Vec::new(), (w, h))
}

#[test]
fn main_140x40() {
    assert_snapshot!(render(&app(140, 40)));
}

#[test]
fn main_80x24() {
    assert_snapshot!(render(&app(80, 24)));
}

#[test]
fn main_40x12() {
    assert_snapshot!(render(&app(40, 12)));
}

#[test]
fn city_filter_120x40() {
    let mut app = app(120, 40);
    app.update(Action::CityNumber(2));
    assert_snapshot!(render(&app));
}

#[test]
fn reader_long_article() {
    let mut app = app(100, 30);
    // The longest article, opened and scrolled a page down.
    let longest = (0..app.corpus().articles.len())
        .max_by_key(|&i| app.corpus().articles[i].paragraphs.concat().chars().count())
        .unwrap();
    for _ in 0..longest {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    app.update(Action::PageDown);
    assert_snapshot!(render(&app));
}

#[test]
fn reader_narrow_single_pane() {
    let mut app = app(40, 20);
    app.update(Action::Open);
    assert_snapshot!(render(&app));
}

#[test]
fn help() {
    let mut app = app(100, 50);
    app.update(Action::Help);
    assert_snapshot!(render(&app));
}

#[test]
fn map() {
    let mut app = app(120, 40);
    app.update(Action::NextCity);
    app.update(Action::Map);
    assert_snapshot!(render(&app));
}

#[test]
fn prompt() {
    let mut app = app(100, 30);
    app.update(Action::CityPrompt);
    app.update(Action::Input('j'));
    assert_snapshot!(render(&app));
}

#[test]
fn too_small() {
    assert_snapshot!(render(&app(12, 4)));
}

/// A frame drawn before the Resize event is read (the index's progress timer) meets a
/// terminal smaller than the App was laid out for: it draws nothing rather than panic.
#[test]
fn a_frame_smaller_than_the_layout_does_not_panic() {
    for overlay in [None, Some(Action::Help), Some(Action::Map)] {
        let mut app = app(40, 12);
        if let Some(a) = overlay {
            app.update(a);
        }
        let mut term = Terminal::new(TestBackend::new(12, 4)).unwrap();
        term.draw(|f| ui::draw(&app, f)).unwrap();
        let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
        term.draw(|f| ui::draw(&app, f)).unwrap();
    }
}
