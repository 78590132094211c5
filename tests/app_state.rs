//! The App with its reading state and configuration: marks, the 未读 and 已收藏 views, the
//! position saved and restored, keys and colours from the config, clipboard and pager work
//! handed to the event loop.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use gongbao::load::seed_corpus;
use gongbao::model::View;
use gongbao::store::config;
use gongbao::store::state::StateStore;
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Effect, Entry};
use gongbao::tui::layout::Pane;
use gongbao::tui::{action_for, ui};
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;
use std::path::Path;

fn app_on(dir: &Path, config: &config::Config) -> App {
    App::new(seed_corpus(), Vec::new(), (120, 40)).with_setup(config, StateStore::open(dir))
}

fn press(app: &mut App, c: char) {
    let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    if let Some(a) = action_for(app, &ev) {
        app.update(a);
    }
}

#[test]
fn star_and_read_marks_change_the_state_and_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    let first = app.selected_article().unwrap();
    assert_eq!(app.entry_count(Entry::Unread), 32);
    assert_eq!(app.entry_count(Entry::Starred), 0);
    press(&mut app, 's');
    assert!(app.is_starred(first));
    assert_eq!(app.entry_count(Entry::Starred), 1);
    assert_eq!(app.message(), Some("★ 已收藏"));
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Reader);
    assert!(app.is_read(first), "opening marks read");
    assert_eq!(app.entry_count(Entry::Unread), 31);
    press(&mut app, 'u');
    assert!(!app.is_read(first), "u marks unread again");
    assert_eq!(app.entry_count(Entry::Unread), 32);
    assert!(app.state().is_dirty());
}

#[test]
fn the_unread_view_keeps_its_list_while_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    app.set_view(&View::Unread);
    assert_eq!(app.filter_label(), "未读");
    assert_eq!(app.shown().len(), 32);
    app.update(Action::Open);
    assert_eq!(app.shown().len(), 32, "the article read stays listed");
    app.set_view(&View::Unread);
    assert_eq!(app.shown().len(), 31, "and is gone next time");
    app.set_view(&View::Starred);
    assert!(app.shown().is_empty());
    assert_eq!(app.filter_label(), "已收藏");
}

#[test]
fn the_position_is_saved_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    app.update(Action::NextCity);
    app.update(Action::Down);
    let chosen = app.selected_article().unwrap();
    app.update(Action::Open);
    app.update(Action::Down);
    app.update(Action::Down);
    let scroll = app.reader().scroll();
    assert!(scroll > 0);
    let view = app.view();
    app.remember_position();
    app.save_state().unwrap();

    let again = app_on(dir.path(), &config::Config::default());
    assert_eq!(again.view(), view);
    assert_eq!(again.selected_article(), Some(chosen));
    assert_eq!(again.reader().article(), Some(chosen));
    assert_eq!(again.reader().scroll(), scroll);
    // The user was in the reader: the focus is there again.
    assert_eq!(again.focus(), Pane::Reader);

    let mut app = again;
    app.update(Action::FocusLeft);
    app.remember_position();
    app.save_state().unwrap();
    let again = app_on(dir.path(), &config::Config::default());
    assert_eq!(again.focus(), Pane::List);
}

/// In 未读, an article opened stays listed: the status line counts what is still unread,
/// as the sidebar does, and says how many are listed.
#[test]
fn the_unread_count_agrees_with_the_sidebar() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    app.set_view(&View::Unread);
    app.update(Action::Open);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| ui::draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    // Without spaces (a wide character's second cell is one).
    let status: String = (0..120)
        .map(|x| buf[(x, 39)].symbol().to_string())
        .collect::<String>()
        .replace(' ', "");
    assert!(status.contains("未读·31篇·列出32"), "{status}");
}

#[test]
fn the_position_is_found_again_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(seed_corpus(), Vec::new(), (160, 16))
        .with_setup(&config::Config::default(), StateStore::open(dir.path()));
    // The longest article, scrolled well into its body.
    let longest = (0..app.shown().len())
        .max_by_key(|&i| {
            app.corpus()
                .whole(app.shown()[i])
                .unwrap()
                .body_text()
                .len()
        })
        .unwrap();
    for _ in 0..longest {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let top = app.reader().lines()[app.reader().scroll()].clone();
    app.remember_position();
    app.save_state().unwrap();

    // Narrower: the text is wrapped again, and the reader opens on the line that holds
    // where the saved top line started.
    let again = App::new(seed_corpus(), Vec::new(), (100, 16))
        .with_setup(&config::Config::default(), StateStore::open(dir.path()));
    assert_ne!(
        again.reader().scroll(),
        app.reader().scroll(),
        "the lines moved"
    );
    let line = &again.reader().lines()[again.reader().scroll()];
    assert_eq!(line.block, top.block);
    let next = again.reader().lines().get(again.reader().scroll() + 1);
    assert!(
        line.start <= top.start && next.is_none_or(|n| n.block != top.block || n.start > top.start),
        "{line:?} does not hold {top:?}"
    );
}

#[test]
fn a_position_in_a_city_no_longer_there_falls_back_to_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = StateStore::open(dir.path());
    s.set_position(
        View::City {
            city: "不存在市".into(),
        },
        Some("gone-01".into()),
        40,
        None,
    );
    s.save().unwrap();
    let app = app_on(dir.path(), &config::Config::default());
    assert_eq!(app.view(), View::All);
    assert_eq!(app.shown().len(), 32);
    assert_eq!(app.reader().scroll(), 0);
}

#[test]
fn copy_and_pager_are_handed_to_the_event_loop() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    press(&mut app, 'y');
    press(&mut app, 'o');
    let effects = app.take_effects();
    assert_eq!(effects.len(), 2);
    let Effect::Copy(text) = &effects[0] else {
        panic!("{effects:?}")
    };
    assert!(text.contains("> 南方工报 · 版面 000 · "), "{text}");
    assert!(matches!(&effects[1], Effect::Pager(t) if t == text));
    assert!(
        app.is_read(app.selected_article().unwrap()),
        "paged is read"
    );
    assert!(app.take_effects().is_empty());
}

#[test]
fn search_keys_come_from_the_config_too() {
    let (c, problems) = config::parse(
        "config.toml",
        "[keys]\nsearch = [\"f\"]\nrelated = [\"R\"]\n",
        Path::new("."),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &c);
    press(&mut app, '/');
    assert_eq!(
        *app.overlay(),
        gongbao::tui::app::Overlay::None,
        "/ is no longer bound"
    );
    press(&mut app, 'f');
    assert_eq!(*app.overlay(), gongbao::tui::app::Overlay::Search);
    app.update(Action::Close);
    let help: Vec<String> = app
        .keymap()
        .help()
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .map(|(keys, what)| format!("{keys} {what}"))
        .collect();
    assert!(help.iter().any(|h| h.starts_with("R ")), "{help:?}");
}

#[test]
fn keys_from_the_config_drive_the_keymap_and_the_help() {
    let (c, problems) = config::parse(
        "config.toml",
        "[keys]\ntoggle_star = [\"*\"]\nquit = [\"x\"]\nnext_city = [\"1\"]\n",
        Path::new("."),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &c);
    let first = app.selected_article().unwrap();
    press(&mut app, 's');
    assert!(!app.is_starred(first), "s is no longer bound");
    press(&mut app, '*');
    assert!(app.is_starred(first));
    press(&mut app, '1');
    assert_eq!(
        app.filter_label(),
        app.corpus().cities[0].name,
        "1 is next_city now"
    );
    press(&mut app, 'q');
    assert!(!app.quit());
    press(&mut app, 'x');
    assert!(app.quit());
    let help: Vec<String> = app
        .keymap()
        .help()
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().map(|(k, d)| format!("{k} {d}")))
        .collect();
    assert!(help.iter().any(|r| r.starts_with("* 收藏")), "{help:?}");
}

fn cells(app: &App) -> Vec<ratatui::buffer::Cell> {
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term.backend().buffer().content.clone()
}

#[test]
fn without_colour_nothing_is_coloured_and_the_selection_shows() {
    let (c, _) = config::parse("c.toml", "[theme]\ncolor = false\n", Path::new("."));
    let dir = tempfile::tempdir().unwrap();
    let app = app_on(dir.path(), &c);
    assert!(!app.color());
    let cells = cells(&app);
    assert!(cells
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(cells
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)));
}

#[test]
fn the_theme_colours_the_screen() {
    let (c, _) = config::parse(
        "c.toml",
        "[theme]\naccent = \"#123456\"\nselected_bg = \"#654321\"\n",
        Path::new("."),
    );
    let dir = tempfile::tempdir().unwrap();
    let app = app_on(dir.path(), &c);
    // NO_COLOR may be set where the tests run; the config's colours apply only without it.
    if config::no_color_env() {
        return;
    }
    let cells = cells(&app);
    assert!(cells.iter().any(|c| c.fg == Color::Rgb(0x12, 0x34, 0x56)));
    assert!(cells.iter().any(|c| c.bg == Color::Rgb(0x65, 0x43, 0x21)));
}

#[test]
fn a_read_only_state_says_so_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    let mut state = StateStore::open(&dir.path().join("file/data"));
    assert!(state.check_writable().is_err());
    let app = App::new(seed_corpus(), Vec::new(), (120, 40))
        .with_setup(&config::Config::default(), state);
    assert!(app.message().is_some_and(|m| m.contains("不会保存")));
    // Wide characters take two cells; the second is blank.
    let text: String = cells(&app)
        .iter()
        .map(|c| c.symbol().to_string())
        .filter(|s| s.trim() != "")
        .collect();
    assert!(text.contains("阅读状态不会保存"), "shown on screen");
}

/// The place saved at the end of an article, among its related articles (which come with
/// the search index, after the start), is found again once they are there: the reader
/// starts without them, then goes back to the saved line, not to where the shorter lines
/// clamped it.
#[test]
fn the_place_among_related_articles_is_found_again_when_they_come() {
    use gongbao::search::{index, Progress};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    let searcher = Arc::new(index::build(app.corpus(), None, 0, &Progress::default()).unwrap());
    app.set_searcher(searcher.clone());
    app.update(Action::Open);
    app.update(Action::Bottom);
    let scroll = app.reader().scroll();
    let top = app.reader().lines()[scroll].text.clone();
    app.remember_position();
    app.save_state().unwrap();

    let mut again = app_on(dir.path(), &config::Config::default());
    // The index comes after the first frames, as in the reader.
    again.set_searcher(searcher);
    let at = again.reader().scroll();
    assert_eq!(
        again.reader().lines()[at].text,
        top,
        "at {at}, saved {scroll}"
    );
}
