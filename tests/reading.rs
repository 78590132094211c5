//! Reading like newsboat: from the reader, the list's next and previous article (`J` / `K`),
//! the next unread one (`U`), every article the list shows marked read after a yes (`A`),
//! all bound through the keymap (configurable, listed in `?`); and `gongbao mark`, which
//! sets the same marks from the command line in the same state file, under its lock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use gongbao::load::seed_corpus;
use gongbao::store::config;
use gongbao::store::state::StateStore;
use gongbao::tui::action::Action;
use gongbao::tui::action_for;
use gongbao::tui::app::{App, Entry, Overlay};
use gongbao::tui::layout::Pane;
use std::path::Path;

fn app_on(dir: &Path, config: &config::Config) -> App {
    App::new(seed_corpus(), Vec::new(), (120, 40)).with_setup(config, StateStore::open(dir))
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new(code, mods));
    if let Some(a) = action_for(app, &ev) {
        app.update(a);
    }
}

fn press(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::NONE);
}

/// The ids of the articles the list shows, in its order.
fn shown_ids(app: &App) -> Vec<String> {
    app.shown()
        .iter()
        .map(|&i| app.corpus().whole(i).unwrap().id.clone())
        .collect()
}

fn open_id(app: &App) -> String {
    let i = app.reader().article().unwrap();
    app.corpus().whole(i).unwrap().id.clone()
}

#[test]
fn j_and_k_read_on_from_the_reader_without_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    let ids = shown_ids(&app);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, 'J');
    assert_eq!(app.focus(), Pane::Reader, "J stays in the reader");
    assert_eq!(open_id(&app), ids[1]);
    assert_eq!(app.list_sel(), 1);
    assert!(app.state().is_read(&ids[1]), "read where it is read");
    press(&mut app, 'J');
    press(&mut app, 'K');
    assert_eq!(open_id(&app), ids[1]);
    press(&mut app, 'K');
    press(&mut app, 'K');
    assert_eq!(open_id(&app), ids[0]);
    assert_eq!(app.message(), Some("已是第一篇"));
    // From the list, J moves the selection and shows the article without reading it.
    key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, 'J');
    press(&mut app, 'J');
    press(&mut app, 'J');
    assert_eq!(open_id(&app), ids[3]);
    assert!(!app.state().is_read(&ids[3]));
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, 'J');
    assert_eq!(app.message(), Some("已是最后一篇"));
}

#[test]
fn u_goes_to_the_next_unread_article_and_round_to_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    let ids = shown_ids(&app);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    // 0 is read (opened); J reads 1 and 2; back to 0, U skips 1 and 2.
    press(&mut app, 'J');
    press(&mut app, 'J');
    press(&mut app, 'K');
    press(&mut app, 'K');
    assert_eq!(open_id(&app), ids[0]);
    press(&mut app, 'U');
    assert_eq!(open_id(&app), ids[3]);
    // From the last article it goes round to the first unread one at the top.
    key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, 'U');
    assert_eq!(open_id(&app), ids[4]);
}

#[test]
fn a_marks_the_shown_articles_read_only_after_a_yes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), &config::Config::default());
    press(&mut app, '2');
    let city = app.shown().to_vec();
    assert!(city.len() >= 2);
    let unread_before = app.entry_count(Entry::Unread);
    press(&mut app, 'A');
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    // Keys other than the answers do nothing while it asks.
    press(&mut app, 'J');
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    press(&mut app, 'n');
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.entry_count(Entry::Unread), unread_before);
    press(&mut app, 'A');
    press(&mut app, 'y');
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.entry_count(Entry::Unread), unread_before - city.len());
    for &i in &city {
        assert!(app.state().is_read(&app.corpus().whole(i).unwrap().id));
    }
    assert_eq!(
        app.message(),
        Some(format!("已将 {} 篇标为已读", city.len()).as_str())
    );
    press(&mut app, 'A');
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.message(), Some("列表中的文章都已读"));
}

#[test]
fn the_keys_are_configurable_and_listed_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let (c, problems) = config::parse(
        "config.toml",
        "[keys]\nnext_article = [\"ctrl-n\"]\nmark_all_read = [\"M\"]\n",
        dir.path(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = app_on(dir.path(), &c);
    let first = app.list_sel();
    press(&mut app, 'J');
    assert_eq!(app.list_sel(), first, "J is no longer bound");
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(app.list_sel(), first + 1);
    press(&mut app, 'M');
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    let help = app.keymap().help();
    let rows: Vec<&(String, String)> = help.iter().flat_map(|(_, r)| r).collect();
    for (keys, what) in [
        ("Ctrl-n", "列表的下一篇"),
        ("K", "列表的上一篇"),
        ("U", "下一篇未读"),
        ("M", "全部标为已读"),
    ] {
        assert!(
            rows.iter().any(|(k, w)| k == keys && w.contains(what)),
            "{keys} {what}: {rows:?}"
        );
    }
    assert_eq!(Action::MarkAllRead.config_name(), Some("mark_all_read"));
}

fn gongbao(data: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("gongbao").unwrap();
    c.env("GONGBAO_CONFIG_DIR", data.join("config"))
        .env("GONGBAO_DATA_DIR", data.join("data"))
        .env("GONGBAO_CACHE_DIR", data.join("cache"));
    c
}

#[test]
fn mark_sets_the_readers_marks_in_the_same_state_file() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let corpus = seed_corpus();
    let (a, b) = (&corpus.whole(0).unwrap().id, &corpus.whole(1).unwrap().id);
    // A reader is open with its own change, not yet saved.
    let mut reader = StateStore::open(&data);
    reader.set_starred(b, true);

    let out = gongbao(home.path())
        .args(["mark", a, b, "--read", "--star"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{a}  read  starred\n{b}  read  starred\n")
    );
    let state = StateStore::open(&data);
    assert!(state.is_read(a) && state.is_starred(a) && state.is_read(b));

    // The reader saves afterwards: the command's marks are merged, not lost.
    reader.set_read(&corpus.whole(2).unwrap().id, true);
    reader.save().unwrap();
    let state = StateStore::open(&data);
    assert!(state.is_read(a) && state.is_read(b) && state.is_read(&corpus.whole(2).unwrap().id));

    let out = gongbao(home.path())
        .args(["mark", a, "--unread", "--unstar"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let state = StateStore::open(&data);
    assert!(!state.is_read(a) && !state.is_starred(a));
    assert!(state.is_starred(b), "the other article keeps its star");

    // The reader's `list --unread` sees it.
    let out = gongbao(home.path())
        .args(["list", "--unread"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(a.as_str()));
}

#[test]
fn mark_refuses_an_unknown_id_or_no_mark_and_marks_nothing() {
    let home = tempfile::tempdir().unwrap();
    let corpus = seed_corpus();
    let a = &corpus.whole(0).unwrap().id;
    let out = gongbao(home.path())
        .args(["mark", a, "no-such-article", "--read"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no-such-article"), "{err}");
    assert!(!StateStore::open(&home.path().join("data")).is_read(a));
    for args in [
        &["mark", a.as_str()][..],
        &["mark", a, "--read", "--unread"],
    ] {
        let out = gongbao(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// The screen's last row, as drawn.
fn status_row(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| gongbao::tui::ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    (0..w)
        .map(|x| buf[(x, h - 1)].symbol().to_string())
        .collect::<String>()
}

#[test]
fn the_question_stands_on_the_status_line_at_any_width() {
    let dir = tempfile::tempdir().unwrap();
    for (w, h, want) in [
        (120, 40, "把列表中 32 篇未读文章全部标为已读?  y 是  n 否"),
        (40, 12, "32 篇标为已读? y/n"),
    ] {
        let mut app = App::new(seed_corpus(), Vec::new(), (w, h))
            .with_setup(&config::Config::default(), StateStore::open(dir.path()));
        press(&mut app, 'A');
        let row = status_row(&app, w, h);
        assert!(
            row.replace(' ', "").contains(&want.replace(' ', "")),
            "{w}: {row}"
        );
    }
}
