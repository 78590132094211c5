//! What gongbao keeps between runs, through the library API: reading state (round trip,
//! missing, corrupt, read-only, two writers at once), configuration (round trip, bad files
//! with line numbers), and the page library (GBK pages, duplicates, non-pages, path
//! traversal, symlinks).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load;
use gongbao::model::View;
use gongbao::paths::Paths;
use gongbao::store::config::{self, Config, Problem};
use gongbao::store::library::{self, Outcome};
use gongbao::store::state::{StateStore, STATE_FILE};
use gongbao::tui::action::Key;
use std::path::{Path, PathBuf};

fn paths(root: &Path) -> Paths {
    Paths {
        config: root.join("config"),
        data: root.join("data"),
        cache: root.join("cache"),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name)
}

// ---------------------------------------------------------------- reading state

#[test]
fn state_round_trips_marks_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = StateStore::open(dir.path());
    assert!(s.warnings().is_empty());
    assert!(!s.is_read("a-01"));
    assert!(s.toggle_read("a-01"));
    assert!(s.toggle_starred("b-02"));
    s.set_position(
        View::Union {
            city: "江门市".into(),
            union: "台山市总工会".into(),
        },
        Some("b-02".into()),
        17,
        None,
    );
    s.save().unwrap();
    assert!(!s.is_dirty());

    let again = StateStore::open(dir.path());
    assert!(again.warnings().is_empty());
    assert!(again.is_read("a-01"));
    assert!(!again.is_starred("a-01"));
    assert!(again.is_starred("b-02"));
    assert!(!again.is_read("b-02"));
    let p = again.last_position().unwrap();
    assert_eq!(p.selected.as_deref(), Some("b-02"));
    assert_eq!(p.scroll, 17);
    assert_eq!(
        p.view,
        View::Union {
            city: "江门市".into(),
            union: "台山市总工会".into()
        }
    );
}

#[test]
fn unstarring_is_saved_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = StateStore::open(dir.path());
    s.set_starred("x", true);
    s.save().unwrap();
    let mut s = StateStore::open(dir.path());
    assert!(!s.toggle_starred("x"));
    s.save().unwrap();
    assert!(!StateStore::open(dir.path()).is_starred("x"));
}

#[test]
fn a_missing_state_file_is_a_fresh_start_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not-yet");
    let s = StateStore::open(&data);
    assert!(s.warnings().is_empty());
    assert!(s.read_only().is_none());
    assert!(s.state().articles.is_empty());
    assert!(!data.exists());
}

#[test]
fn a_corrupt_state_file_is_moved_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(STATE_FILE);
    std::fs::write(&file, b"{\"articles\": {\"x\": {\"read\": tru").unwrap();
    let mut s = StateStore::open(dir.path());
    assert_eq!(s.warnings().len(), 1, "{:?}", s.warnings());
    let w = &s.warnings()[0];
    assert!(w.contains("state.json") && w.contains("corrupt"), "{w}");
    assert!(s.state().articles.is_empty());
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        b"{\"articles\": {\"x\": {\"read\": tru"
    );
    // The reader goes on and saves a good file.
    s.set_read("y", true);
    s.save().unwrap();
    assert!(StateStore::open(dir.path()).is_read("y"));
}

#[test]
fn a_state_file_of_the_wrong_shape_is_corrupt_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(STATE_FILE), b"[1, 2, 3]").unwrap();
    let s = StateStore::open(dir.path());
    assert_eq!(s.warnings().len(), 1);
}

/// A data dir under a plain file can never be created, whoever runs the test (root too).
#[test]
fn an_unwritable_data_dir_keeps_the_reader_going_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"").unwrap();
    let data = blocker.join("data");
    let mut s = StateStore::open(&data);
    let msg = s.check_writable().unwrap_err();
    assert!(msg.contains("will not be saved"), "{msg}");
    assert!(s.read_only().is_some());
    assert!(s.toggle_starred("x"), "marks still work in memory");
    assert!(s.is_starred("x"));
    let err = s.save().unwrap_err().to_string();
    assert!(err.contains("will not be saved"), "{err}");
    assert!(s.is_dirty());
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_keeps_the_reader_going_without_saving() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let mut s = StateStore::open(&data);
    s.set_read("x", true);
    s.save().unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anyway: then there is nothing read-only to test here (the test above
    // covers an unwritable dir for everyone).
    let root = std::fs::write(data.join("probe"), b"").is_ok();
    if !root {
        let mut s = StateStore::open(&data);
        assert!(s.is_read("x"), "reads still work");
        assert!(s.check_writable().is_err());
        s.set_read("y", true);
        assert!(s.save().is_err());
        assert!(s.is_read("y"));
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn two_readers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = StateStore::open(dir.path());
    let mut b = StateStore::open(dir.path());
    a.set_read("only-a", true);
    b.set_starred("only-b", true);
    a.save().unwrap();
    b.save().unwrap();
    let s = StateStore::open(dir.path());
    assert!(s.is_read("only-a"), "b's save kept a's change");
    assert!(s.is_starred("only-b"));
    // b now knows a's change too.
    assert!(b.is_read("only-a"));
}

#[test]
fn the_later_change_wins_even_when_saved_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = StateStore::open(dir.path());
    let mut b = StateStore::open(dir.path());
    a.set_starred("x", true);
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.set_starred("x", true);
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.set_starred("x", false); // b unstarred it last
    b.save().unwrap();
    a.save().unwrap(); // a's older star must not come back
    assert!(!StateStore::open(dir.path()).is_starred("x"));
}

#[test]
fn many_threads_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let d = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let mut s = StateStore::open(&d);
                    s.set_read(&format!("t{t}-{i}"), true);
                    if i % 3 == 0 {
                        s.set_starred(&format!("t{t}-{i}"), true);
                    }
                    s.save().unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = StateStore::open(dir.path());
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
    for t in 0..8 {
        for i in 0..10 {
            assert!(s.is_read(&format!("t{t}-{i}")), "t{t}-{i}");
            assert_eq!(s.is_starred(&format!("t{t}-{i}")), i % 3 == 0);
        }
    }
    // No temporary file is left behind.
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn unread_and_starred_views_follow_the_corpus() {
    let corpus = load::seed_corpus();
    let mut s = StateStore::in_memory();
    let all = corpus.len();
    assert_eq!(s.view(&corpus, &View::Unread).len(), all);
    assert!(s.view(&corpus, &View::Starred).is_empty());
    let first = corpus.whole(0).unwrap().id.clone();
    s.set_read(&first, true);
    s.set_starred(&first, true);
    s.set_starred("no-such-article", true);
    assert_eq!(s.view(&corpus, &View::Unread).len(), all - 1);
    assert_eq!(s.view(&corpus, &View::Starred), vec![0]);
    assert!(s.save().is_err(), "an in-memory store never writes");
}

// ---------------------------------------------------------------- configuration

fn problems(text: &str) -> Vec<Problem> {
    config::parse("config.toml", text, Path::new("/nowhere")).1
}

#[test]
fn a_user_config_round_trips_over_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("more pages");
    std::fs::create_dir(&folder).unwrap();
    let text = format!(
        "mouse = false\npages = [{:?}, \"rel\"]\n[theme]\naccent = \"#ff8800\"\ncolor = false\n[keys]\nquit = [\"x\", \"ctrl-q\"]\ndown = [\"j\", \"ctrl-n\"]\n",
        folder.display().to_string()
    );
    std::fs::create_dir(dir.path().join("rel")).unwrap();
    let (c, p) = config::parse("config.toml", &text, dir.path());
    assert_eq!(p, vec![]);
    assert!(!c.mouse);
    assert!(!c.color && !c.use_color());
    assert_eq!(c.effective_theme(), gongbao::tui::palette::Palette::plain());
    assert_eq!(
        c.theme.accent,
        gongbao::tui::palette::Color::Rgb(0xff, 0x88, 0x00)
    );
    assert_eq!(c.pages, vec![folder, dir.path().join("rel")]);
    let keys: Vec<String> = c.keys_for("quit").iter().map(Key::to_string).collect();
    // Ctrl-C always quits, whatever the file says.
    assert_eq!(keys, ["x", "ctrl-q", "ctrl-c"]);
    // Untouched settings keep their defaults.
    let d = Config::default();
    assert_eq!(c.keys_for("toggle_star"), d.keys_for("toggle_star"));
    assert_eq!(c.theme.starred, d.theme.starred);
}

#[test]
fn a_key_bound_by_the_user_leaves_its_default_action() {
    let (c, p) = config::parse("c.toml", "[keys]\ntoggle_star = [\"j\"]\n", Path::new("."));
    assert_eq!(p, vec![]);
    let j: Key = "j".parse().unwrap();
    assert_eq!(c.keys_for("toggle_star"), &[j]);
    assert!(!c.keys_for("down").contains(&j));
    assert!(!c.keys_for("down").is_empty(), "down keeps its arrow");
}

#[test]
fn bad_settings_are_reported_with_file_line_and_key_and_the_defaults_stay() {
    let text = "\
mouse = \"yes\"
colour = true
[theme]
accent = \"blurple\"
dim = 300
starred = \"yellow\"
[keys]
quit = [\"ctrl-\"]
fly = [\"f\"]
down = [\"x\", 7]
up = [\"x\"]
";
    let (c, p) = config::parse("config.toml", text, Path::new("."));
    let shown: Vec<String> = p.iter().map(ToString::to_string).collect();
    let want = [
        ("mouse", 1),
        ("colour", 2),
        ("theme.accent", 4),
        ("theme.dim", 5),
        ("keys.quit", 8),
        ("keys.fly", 9),
        ("keys.down", 10),
        ("keys.up", 11),
    ];
    assert_eq!(p.len(), want.len(), "{shown:#?}");
    for (key, line) in want {
        assert!(
            p.iter().any(|q| q.key == key && q.line == Some(line)),
            "no problem for {key} on line {line}: {shown:#?}"
        );
    }
    for s in &shown {
        assert!(s.starts_with("config.toml:"), "{s}");
    }
    let d = Config::default();
    assert!(c.mouse);
    assert_eq!(c.theme.accent, d.theme.accent);
    assert_eq!(c.theme.dim, d.theme.dim);
    assert_eq!(c.keys_for("quit"), d.keys_for("quit"));
    let x: Key = "x".parse().unwrap();
    assert_eq!(c.keys_for("down"), &[x], "the good key of a list is kept");
    assert!(!c.keys_for("up").contains(&x), "x stays with down");
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let p = problems("mouse = true\n\n[theme\naccent = \"red\"\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].line, Some(3), "{}", p[0]);
    assert!(p[0]
        .to_string()
        .starts_with("config.toml:3: not valid TOML"));
}

#[test]
fn a_missing_page_folder_is_a_problem() {
    let p = problems("pages = [\"/no/such/folder\"]\n");
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].key.as_str(), p[0].line), ("pages", Some(1)));
}

#[test]
fn load_reads_the_config_dir_and_reports_problems() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let loaded = config::load(&p);
    assert!(!loaded.found && loaded.problems.is_empty());
    assert_eq!(loaded.config, Config::default());
    std::fs::create_dir_all(&p.config).unwrap();
    std::fs::write(p.config.join("config.toml"), "[keys]\nquit = \"q\"\n").unwrap();
    let loaded = config::load(&p);
    assert!(loaded.found);
    assert_eq!(loaded.problems.len(), 1);
    assert!(loaded.problems[0]
        .to_string()
        .contains("config.toml:2: keys.quit: must be a list"));
}

// ---------------------------------------------------------------- page library

fn gbk_copy(dir: &Path, fixture_name: &str, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture(fixture_name)).unwrap();
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    path
}

#[test]
fn a_gbk_page_is_imported_as_utf8_and_joins_the_default_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let src = gbk_copy(dir.path(), "p01_huizhou_columns.txt", "huizhou.txt");
    let out = library::import(&p, std::slice::from_ref(&src)).unwrap();
    let Outcome::Imported {
        to,
        encoding,
        articles,
        ..
    } = &out[0]
    else {
        panic!("{out:?}")
    };
    assert_eq!(encoding, "GB18030");
    assert!(*articles > 0);
    assert_eq!(to, &library::dir(&p).join("huizhou.txt"));
    let stored = std::fs::read_to_string(to).unwrap();
    assert_eq!(
        stored.trim_end(),
        std::fs::read_to_string(fixture("p01_huizhou_columns.txt"))
            .unwrap()
            .replace("\r\n", "\n")
            .trim_end()
    );
    assert_eq!(library::page_files(&p), vec![to.clone()]);

    let load::LoadedCorpus { corpus, errors, .. } =
        load::open_corpus(load::Source::Default, Some(&p), &Config::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(corpus.pages.len(), load::SEEDS.len() + 1);
    assert!(corpus.article("huizhou-01").is_some());
    let list = library::list(&p);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].articles, Ok(*articles));
}

#[test]
fn duplicates_are_skipped_by_content_whatever_their_name_or_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let gbk = gbk_copy(dir.path(), "p02_dongguan_paragraphs.txt", "a.txt");
    let utf8 = fixture("p02_dongguan_paragraphs.txt");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_d566be7ab6327229.txt");
    let out = library::import(&p, &[gbk, utf8, seed]).unwrap();
    assert!(matches!(out[0], Outcome::Imported { .. }), "{out:?}");
    assert!(
        matches!(&out[1], Outcome::Duplicate { of, .. } if of.ends_with("a.txt")),
        "{out:?}"
    );
    assert!(
        matches!(&out[2], Outcome::Duplicate { of, .. } if of.starts_with("seed:")),
        "{out:?}"
    );
    // Again, in a later run.
    let again = library::import(&p, &[fixture("p02_dongguan_paragraphs.txt")]).unwrap();
    assert!(matches!(again[0], Outcome::Duplicate { .. }), "{again:?}");
    assert_eq!(library::page_files(&p).len(), 1);
}

#[test]
fn a_different_page_with_a_taken_name_gets_a_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&two).unwrap();
    std::fs::copy(fixture("p01_huizhou_columns.txt"), one.join("page.txt")).unwrap();
    std::fs::copy(fixture("p03_meizhou_markdown.txt"), two.join("page.txt")).unwrap();
    let out = library::import(&p, &[one, two]).unwrap();
    let names: Vec<String> = out
        .iter()
        .map(|o| match o {
            Outcome::Imported { to, .. } => to.file_name().unwrap().to_string_lossy().into(),
            o => panic!("{o:?}"),
        })
        .collect();
    assert_eq!(names, ["page.txt", "page~2.txt"]);
}

#[test]
fn what_is_not_a_page_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "买菜 牛奶 鸡蛋\n").unwrap();
    let bin = dir.path().join("photo.txt");
    std::fs::write(&bin, [0u8, 1, 2, 3, 255, 0, 7]).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = library::import(&p, &[text, bin, empty, missing]).unwrap();
    assert_eq!(out.len(), 4);
    for (o, name) in out
        .iter()
        .zip(["notes.txt", "photo.txt", "empty.txt", "missing.txt"])
    {
        match o {
            Outcome::Refused { reason, .. } => assert!(reason.contains(name), "{reason}"),
            o => panic!("{o:?}"),
        }
    }
    assert!(library::page_files(&p).is_empty());
}

#[test]
fn import_never_writes_outside_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let nasty = dir.path().join("src").join("..%2F..%2Fescape");
    std::fs::create_dir_all(nasty.parent().unwrap()).unwrap();
    // Names that try to climb out or hide.
    let names = [
        "..",
        "...txt",
        ".hidden.txt",
        "a\\..\\..\\b.txt",
        "x\ny.txt",
    ];
    let mut sources = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let sub = dir.path().join(format!("s{i}"));
        std::fs::create_dir_all(&sub).unwrap();
        let path = sub.join(n);
        if n == &".." {
            continue; // not a file name one can create
        }
        std::fs::copy(fixture("p04_yangjiang_columns.txt"), &path).unwrap();
        // Make each page distinct so none is a duplicate.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&format!("\n{i}\n"));
        std::fs::write(&path, text).unwrap();
        sources.push(path);
    }
    // A source given through a path with .. in it.
    sources.push(dir.path().join("s1/../s1").join("...txt"));
    let lib = library::dir(&p);
    let before: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|f| !f.starts_with(&lib))
        .collect();
    let out = library::import(&p, &sources).unwrap();
    for o in &out {
        if let Outcome::Imported { to, .. } = o {
            assert_eq!(to.parent().unwrap(), lib, "{to:?}");
            let name = to.file_name().unwrap().to_string_lossy();
            assert!(!name.starts_with('.'), "{name}");
            assert!(!name.contains(['/', '\\', '\n']), "{name}");
        }
    }
    let after: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|f| !f.starts_with(&lib) && *f != p.data)
        .collect();
    assert_eq!(before, after, "nothing was written outside the library");
    let imported = out
        .iter()
        .filter(|o| matches!(o, Outcome::Imported { .. }))
        .count();
    assert_eq!(imported, 4, "{out:?}");
    // The source given through `s1/../s1` is the first file again: paths are canonical before
    // anything is read, so it is the same source, not a fifth one.
    assert_eq!(out.len(), 4, "{out:?}");
}

#[cfg(unix)]
#[test]
fn import_does_not_follow_symlinks_out_of_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    // A planted link in the library, named as the import would name its file.
    let lib = library::dir(&p);
    std::fs::create_dir_all(&lib).unwrap();
    std::os::unix::fs::symlink(outside.join("victim.txt"), lib.join("page.txt")).unwrap();
    let src = dir.path().join("page.txt");
    std::fs::copy(fixture("p05_qingyuan_paragraphs.txt"), &src).unwrap();
    let out = library::import(&p, &[src]).unwrap();
    assert!(
        matches!(&out[0], Outcome::Imported { to, .. } if to.ends_with("page~2.txt")),
        "{out:?}"
    );
    assert!(!outside.join("victim.txt").exists());
    // Links are not library pages.
    assert_eq!(library::page_files(&p), vec![lib.join("page~2.txt")]);

    // A library folder that is itself a link is refused.
    let dir2 = tempfile::tempdir().unwrap();
    let p2 = paths(dir2.path());
    std::fs::create_dir_all(&p2.data).unwrap();
    std::os::unix::fs::symlink(&outside, library::dir(&p2)).unwrap();
    let src2 = dir2.path().join("x.txt");
    std::fs::copy(fixture("p05_qingyuan_paragraphs.txt"), &src2).unwrap();
    assert!(library::import(&p2, &[src2]).is_err());
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let path = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn extra_page_folders_join_the_default_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let folder = dir.path().join("extra");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        fixture("p06_shanwei_markdown.txt"),
        folder.join("shanwei.txt"),
    )
    .unwrap();
    // A copy of a seed is not loaded twice.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_1682cd0c3cc93468.txt"),
        folder.join("copy.txt"),
    )
    .unwrap();
    let (c, problems) = config::parse(
        "config.toml",
        &format!("pages = [{:?}]\n", folder.display().to_string()),
        Path::new("."),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let load::LoadedCorpus { corpus, errors, .. } =
        load::open_corpus(load::Source::Default, Some(&p), &c);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(corpus.pages.len(), load::SEEDS.len() + 1);
    assert!(corpus.pages.iter().any(|pg| pg.id == "shanwei"));
}

/// Two imports of the same folder at once copy each page once: one imports them, the other
/// finds them there (one import runs at a time).
#[test]
fn two_imports_of_one_folder_at_once_copy_each_page_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let text = std::fs::read_to_string(fixture("p04_yangjiang_columns.txt")).unwrap();
    for i in 0..60 {
        std::fs::write(src.join(format!("{i:03}.txt")), format!("{text}\n{i}\n")).unwrap();
    }
    let imports: Vec<Vec<Outcome>> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| s.spawn(|| library::import(&p, std::slice::from_ref(&src)).unwrap()))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let imported: usize = imports
        .iter()
        .flatten()
        .filter(|o| matches!(o, Outcome::Imported { .. }))
        .count();
    assert_eq!(imported, 60, "{imports:?}");
    let pages = std::fs::read_dir(library::dir(&p))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .count();
    assert_eq!(pages, 60);
}
