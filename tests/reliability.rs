//! Failure paths from the reliability probe (issue 13) that the library API reaches: a state
//! file written by a newer version, a config of 80,000 unknown keys (line numbers found
//! without rescanning), a cache folder that cannot be written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::store::config;
use gongbao::store::state::{StateStore, STATE_FILE};
use std::path::Path;

// ---------------------------------------------------------------- newer state file

const NEWER: &str = r#"{
  "version": 3,
  "articles": {
    "a-01": { "read": true, "read_at": 5, "starred": false, "starred_at": 0, "note": "kept" }
  },
  "last": null,
  "tags": { "a-01": ["工会"] }
}
"#;

#[test]
fn a_state_file_from_a_newer_version_is_read_but_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STATE_FILE);
    std::fs::write(&path, NEWER).unwrap();
    let mut s = StateStore::open(dir.path());
    assert!(s.is_read("a-01"), "its marks are read");
    assert!(
        s.warnings()
            .iter()
            .any(|w| w.contains("newer gongbao") && w.contains(&path.display().to_string())),
        "{:?}",
        s.warnings()
    );
    assert!(s.read_only().is_some());
    s.set_starred("b-02", true);
    let e = s.save().unwrap_err().to_string();
    assert!(e.contains("will not be saved"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NEWER, "untouched");
}

#[test]
fn a_newer_version_written_while_a_reader_runs_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STATE_FILE);
    let mut s = StateStore::open(dir.path());
    assert!(s.read_only().is_none());
    std::fs::write(&path, NEWER).unwrap();
    s.set_read("x", true);
    let e = s.save().unwrap_err().to_string();
    assert!(e.contains("newer gongbao"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NEWER);
}

// ---------------------------------------------------------------- large config

#[test]
fn problems_in_a_large_config_name_their_lines() {
    // Every third line an unknown key: each problem names its own line.
    let mut text = String::from("mouse = true\n");
    for i in 0..3000 {
        text.push_str(&format!("# comment {i}\n\nunknown_{i} = 1\n"));
    }
    let (_, problems) = config::parse("big.toml", &text, Path::new("/"));
    assert_eq!(problems.len(), 3000);
    for (i, p) in problems.iter().enumerate() {
        assert_eq!(p.line, Some(2 + 3 * i + 2), "{p}");
        assert_eq!(p.key, format!("unknown_{i}"));
    }
}

// ---------------------------------------------------------------- the log on a full disk

#[test]
fn a_log_that_cannot_be_written_says_nothing_on_the_screen() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipping: no /dev/full to stand for a full disk");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // Every write to the log fails as on a full disk (ENOSPC).
    std::os::unix::fs::symlink("/dev/full", data.join("gongbao.log")).unwrap();
    let out = assert_cmd::Command::cargo_bin("gongbao")
        .unwrap()
        .env("GONGBAO_CACHE_DIR", home.path().join("cache"))
        .env("GONGBAO_CONFIG_DIR", home.path().join("config"))
        .env("GONGBAO_DATA_DIR", &data)
        .env("GONGBAO_LOG", "debug")
        .args(["list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("tracing"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

// ---------------------------------------------------------------- a cache that cannot be written

#[test]
fn the_reader_indexes_in_memory_when_the_cache_cannot_be_written() {
    use gongbao::search::IndexSpec;
    use gongbao::tui::app::finder::SearchState;
    let home = tempfile::tempdir().unwrap();
    // A file where the cache folder should be: nothing can be created under it (as root
    // too, which a read-only folder would not stop).
    let blocked = home.path().join("cache");
    std::fs::write(&blocked, "not a folder").unwrap();
    let corpus = std::sync::Arc::new(gongbao::load::seed_corpus());
    let mut search = SearchState::default();
    search.start(
        corpus,
        IndexSpec {
            dir: Some(blocked.join("search")),
            fingerprint: 1,
        },
    );
    let start = std::time::Instant::now();
    let mut notices = Vec::new();
    while search.searcher().is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(120),
            "no index; status {:?}, notices {notices:?}",
            search.status()
        );
        search.poll();
        notices.extend(search.take_notice());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(search.status(), None, "no 索引失败");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("内存"), "{notices:?}");
    let results = search
        .searcher()
        .unwrap()
        .search("送清凉", &gongbao::search::SearchOptions::default())
        .unwrap();
    assert!(results.total > 0);
}

#[test]
fn command_line_search_indexes_in_memory_when_the_cache_cannot_be_written() {
    let home = tempfile::tempdir().unwrap();
    let pages = tempfile::tempdir().unwrap();
    for (name, bytes) in gongbao::load::SEEDS {
        std::fs::write(pages.path().join(name), bytes).unwrap();
    }
    let blocked = home.path().join("cache");
    std::fs::write(&blocked, "not a folder").unwrap();
    let out = assert_cmd::Command::cargo_bin("gongbao")
        .unwrap()
        .env("GONGBAO_CACHE_DIR", &blocked)
        .env("GONGBAO_CONFIG_DIR", home.path().join("config"))
        .env("GONGBAO_DATA_DIR", home.path().join("data"))
        .arg("--pages")
        .arg(pages.path())
        .args(["search", "送清凉", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("in memory"), "{stderr}");
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty());
}

// ---------------------------------------------------------------- files that are not pages

#[test]
fn a_fifo_or_a_device_under_pages_is_refused_not_read() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let big = home.path().join("big.txt");
    std::fs::write(&big, "工会".repeat(1_500_000)).unwrap(); // 9 MB
    for (path, said) in [
        (fifo.as_path(), "not a plain file"),
        (Path::new("/dev/zero"), "not a plain file"),
        (big.as_path(), "too large"),
    ] {
        let out = assert_cmd::Command::cargo_bin("gongbao")
            .unwrap()
            .env("GONGBAO_CACHE_DIR", home.path().join("cache"))
            .env("GONGBAO_CONFIG_DIR", home.path().join("config"))
            .env("GONGBAO_DATA_DIR", home.path().join("data"))
            .arg("--pages")
            .arg(path)
            .args(["list"])
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{}: not a page: ", path.display())) && stderr.contains(said),
            "{}: {stderr}",
            path.display()
        );
        assert!(!out.status.success(), "no page could be loaded");
    }
}

// ---------------------------------------------------------------- two readers, one state

#[test]
fn the_sidebar_counts_what_two_readers_merged() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use gongbao::tui::action::Action;
    use gongbao::tui::app::{App, Entry};
    let dir = tempfile::tempdir().unwrap();
    let open = || {
        App::new(gongbao::load::seed_corpus(), Vec::new(), (120, 40))
            .with_setup(&config::Config::default(), StateStore::open(dir.path()))
    };
    // Stars the selected article with `s`, then moves down.
    let star_and_next = |app: &mut App| {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
        let action = gongbao::tui::action_for(app, &ev).unwrap();
        app.update(action);
        app.update(Action::Down);
    };
    let mut a = open();
    let mut b = open();
    star_and_next(&mut a);
    star_and_next(&mut a);
    a.save_state().unwrap();
    b.update(Action::Down);
    b.update(Action::Down);
    star_and_next(&mut b);
    star_and_next(&mut b);
    assert_eq!(b.entry_count(Entry::Starred), 2);
    b.save_state().unwrap();
    // b's state now holds a's two stars as well: four rows starred, and 已收藏 says 4.
    let n = b.corpus().len();
    assert_eq!((0..n).filter(|&i| b.is_starred(i)).count(), 4);
    assert_eq!(b.entry_count(Entry::Starred), 4);
}

// ---------------------------------------------------------------- a config that steals quit

#[test]
fn a_config_cannot_take_the_way_out() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use gongbao::tui::action::{Action, Key};
    use gongbao::tui::app::App;
    let text = "[keys]\ndown = [\"q\", \"ctrl-c\", \"j\"]\n";
    let (c, problems) = config::parse("steal.toml", text, Path::new("/"));
    let p = problems
        .iter()
        .find(|p| p.message.contains("ctrl-c"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!((p.line, p.key.as_str()), (Some(2), "keys.down"), "{p}");
    assert_eq!(c.keys_for("quit"), &[Key::ctrl('c')]);
    assert!(!c.keys_for("down").contains(&Key::ctrl('c')));
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(gongbao::load::seed_corpus(), Vec::new(), (120, 40))
        .with_setup(&c, StateStore::open(dir.path()));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(gongbao::tui::action_for(&app, &ctrl_c), Some(Action::Quit));
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert_eq!(gongbao::tui::action_for(&app, &q), Some(Action::Down));
    // The status line names the key that quits now, not q.
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    term.draw(|f| gongbao::tui::ui::draw(&app, f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect::<String>()
        .replace(' ', "");
    assert!(!screen.contains("q退出"), "{screen}");
    assert!(screen.contains("Ctrl-c退出"), "{screen}");
    app.update(Action::Quit);
    assert!(app.quit());
}

#[test]
fn a_key_claimed_twice_stays_with_the_first_and_the_others_keep_their_defaults() {
    use gongbao::tui::action::Key;
    // `/` is search's by default; `j` is down's. The file gives `j` to up first, then to down.
    let text = "[keys]\nup = [\"j\", \"/\"]\ndown = [\"j\", \"n\"]\n";
    let (c, problems) = config::parse("twice.toml", text, Path::new("/"));
    let p = problems
        .iter()
        .find(|p| p.message.contains("\"j\" is already bound to up"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!((p.line, p.key.as_str()), (Some(3), "keys.down"), "{p}");
    assert_eq!(c.keys_for("up"), &[Key::ch('j'), Key::ch('/')]);
    assert_eq!(c.keys_for("down"), &[Key::ch('n')]);
    // Search lost `/` to up, and keeps the other keys it had by default (if any); no key
    // is bound to two actions.
    let mut seen = std::collections::HashMap::new();
    for name in gongbao::tui::action::BINDABLE.iter().map(|b| b.name) {
        for k in c.keys_for(name) {
            if let Some(other) = seen.insert(*k, name) {
                panic!("{k} bound to {other} and {name}");
            }
        }
    }
}
