//! The subcommands about what gongbao keeps, run as a user runs them, each in its own
//! temporary folders (`GONGBAO_CONFIG_DIR`, `GONGBAO_DATA_DIR`, `GONGBAO_CACHE_DIR`):
//! `paths`, `config --default|--check`, `import`, `library`, `list --unread|--starred`, and
//! the citation line of `show --format md`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use gongbao::store::state::StateStore;
use std::path::{Path, PathBuf};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("gongbao").unwrap();
        c.env("GONGBAO_CONFIG_DIR", self.config())
            .env("GONGBAO_DATA_DIR", self.data())
            .env("GONGBAO_CACHE_DIR", self.dir.path().join("cache"))
            .env_remove("NO_COLOR");
        c
    }
    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name)
}

#[test]
fn paths_prints_one_aligned_table() {
    let h = Home::new();
    let (ok, out, _) = h.run(&["paths"]);
    assert!(ok);
    assert!(
        out.contains(&format!("config folder  {}", h.config().display())),
        "{out}"
    );
    assert!(
        out.contains(&format!("data folder    {}", h.data().display())),
        "{out}"
    );
    assert!(out.contains("cache folder   "), "{out}");
    assert!(out.contains("state.json"), "{out}");
    // Every path starts in one column, and so does every note.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "{out}");
    let at = |l: &str, s: &str| l.find(s).unwrap();
    let column = at(lines[0], "/");
    assert!(lines.iter().all(|l| at(l, "/") == column), "{out}");
    let notes: Vec<usize> = lines
        .iter()
        .filter_map(|l| l.find("not there yet"))
        .collect();
    assert!(
        notes.len() >= 2 && notes.windows(2).all(|w| w[0] == w[1]),
        "{out}"
    );
}

#[test]
fn config_default_prints_the_commented_default() {
    let h = Home::new();
    let (ok, out, _) = h.run(&["config", "--default"]);
    assert!(ok);
    assert_eq!(out, gongbao::store::config::DEFAULT_CONFIG);
    for setting in [
        "pages =", "mouse =", "[theme]", "color =", "[keys]", "quit =",
    ] {
        assert!(out.contains(setting), "{setting}");
    }
    // Printed back as a user's file, it is clean.
    std::fs::create_dir_all(h.config()).unwrap();
    std::fs::write(h.config().join("config.toml"), &out).unwrap();
    let (ok, out, _) = h.run(&["config", "--check"]);
    assert!(ok, "{out}");
    assert!(out.ends_with(": ok\n"), "{out}");
}

#[test]
fn config_check_names_file_line_and_key_and_fails() {
    let h = Home::new();
    std::fs::create_dir_all(h.config()).unwrap();
    let file = h.config().join("config.toml");
    std::fs::write(
        &file,
        "mouse = true\n[theme]\naccent = \"nope\"\n[keys]\nzoom = [\"z\"]\n",
    )
    .unwrap();
    let (ok, out, _) = h.run(&["config", "--check"]);
    assert!(!ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with(&format!("{}:3: theme.accent: not a colour", file.display())));
    assert!(lines[1].starts_with(&format!("{}:5: keys.zoom: unknown action", file.display())));
    // The other commands warn and go on.
    let (ok, out, err) = h.run(&["list"]);
    assert!(ok);
    assert!(out.contains("000_d566be7ab6327229-01"));
    assert!(err.contains(":3: theme.accent"), "{err}");
}

#[test]
fn config_check_without_a_file_is_fine() {
    let h = Home::new();
    let (ok, out, _) = h.run(&["config", "--check"]);
    assert!(ok);
    assert!(out.contains("not there"), "{out}");
}

#[test]
fn import_then_library_then_the_default_corpus() {
    let h = Home::new();
    let src = h.dir.path().join("dongguan gbk.txt");
    let text = std::fs::read_to_string(fixture("p02_dongguan_paragraphs.txt")).unwrap();
    std::fs::write(&src, encoding_rs::GBK.encode(&text).0).unwrap();
    let junk = h.dir.path().join("junk.txt");
    std::fs::write(&junk, "just some words\n").unwrap();

    let (ok, out, err) = h.run(&["import", src.to_str().unwrap(), junk.to_str().unwrap()]);
    assert!(!ok, "a refused file makes the exit status non-zero");
    assert!(
        out.contains("imported") && out.contains("GB18030 → UTF-8"),
        "{out}"
    );
    assert!(err.contains("junk.txt: not a page"), "{err}");

    let (ok, out, _) = h.run(&[
        "import",
        fixture("p02_dongguan_paragraphs.txt").to_str().unwrap(),
    ]);
    assert!(ok);
    assert!(
        out.contains("skipped") && out.contains("same page as"),
        "{out}"
    );

    let (ok, out, _) = h.run(&["library"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("dongguan_gbk.txt"), "{out}");

    let (ok, out, _) = h.run(&["list"]);
    assert!(ok);
    assert!(out.contains("dongguan_gbk-01"), "{out}");
    assert!(out.contains("000_d566be7ab6327229-01"), "seeds stay");

    // --pages replaces the default corpus, library included.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/003_158881c878a543ee.txt");
    let (ok, out, _) = h.run(&["list", "--pages", seed.to_str().unwrap()]);
    assert!(ok);
    assert!(!out.contains("dongguan_gbk"), "{out}");
    assert!(!out.contains("000_d566be7ab6327229"), "{out}");
}

#[test]
fn empty_library_says_how_to_fill_it() {
    let h = Home::new();
    let (ok, out, err) = h.run(&["library"]);
    assert!(ok);
    assert!(out.is_empty());
    assert!(err.contains("gongbao import"), "{err}");
}

#[test]
fn list_unread_and_starred_follow_the_state() {
    let h = Home::new();
    let (ok, all, _) = h.run(&["list", "--unread"]);
    assert!(ok);
    assert_eq!(
        all.lines().count(),
        32,
        "every seed article is unread at first"
    );
    let (ok, none, _) = h.run(&["list", "--starred"]);
    assert!(ok);
    assert!(none.is_empty());

    let mut s = StateStore::open(&h.data());
    s.set_read("000_d566be7ab6327229-01", true);
    s.set_starred("001_1682cd0c3cc93468-02", true);
    s.set_starred("gone-page-01", true);
    s.save().unwrap();

    let (_, unread, _) = h.run(&["list", "--unread"]);
    assert_eq!(unread.lines().count(), 31);
    assert!(!unread.contains("000_d566be7ab6327229-01 "));
    let (_, starred, _) = h.run(&["list", "--starred"]);
    let lines: Vec<&str> = starred.lines().collect();
    assert_eq!(lines.len(), 1, "{starred}");
    assert!(lines[0].starts_with("001_1682cd0c3cc93468-02"), "{starred}");
    let (ok, _, err) = h.run(&["list", "--starred", "--unread"]);
    assert!(!ok, "{err}");
}

#[test]
fn list_unread_with_a_corrupt_state_warns_and_goes_on() {
    let h = Home::new();
    std::fs::create_dir_all(h.data()).unwrap();
    std::fs::write(h.data().join("state.json"), "{{{{").unwrap();
    let (ok, out, err) = h.run(&["list", "--unread"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 32);
    assert!(
        err.contains("state.json") && err.contains("corrupt"),
        "{err}"
    );
}

#[test]
fn show_md_ends_with_the_citation_line() {
    let h = Home::new();
    let (ok, out, _) = h.run(&["show", "000_d566be7ab6327229-02", "--format", "md"]);
    assert!(ok);
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("> 南方工报 · "), "{last}");
    assert!(last.contains("12月12日"), "{last}");
    assert!(last.contains("· 版面 000 ·"), "{last}");
    assert!(
        last.ends_with("湛江市总推进教科文卫类创新工作室人才培养"),
        "{last}"
    );
    let (_, txt, _) = h.run(&["show", "000_d566be7ab6327229-02"]);
    assert!(!txt.contains("> 南方工报"), "txt has no citation line");
}

/// An import whose pages are all in the library already still leaves the library's index
/// ready (an import killed while it indexed left its pages copied, not indexed: here the
/// cache is emptied after the first import, as a kill before its commit leaves it).
#[test]
fn importing_pages_already_there_still_indexes_them() {
    let h = Home::new();
    let page = fixture("p02_dongguan_paragraphs.txt");
    let page = page.to_str().unwrap();
    let (ok, _, _) = h.run(&["import", page]);
    assert!(ok);
    let cache = h.dir.path().join("cache");
    std::fs::remove_dir_all(&cache).unwrap();
    let (ok, out, _) = h.run(&["import", page]);
    assert!(
        ok && out.contains("0 imported, 1 duplicate skipped"),
        "{out}"
    );
    let index_meta = std::fs::read_dir(cache.join("search"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .flat_map(|set| std::fs::read_dir(set.path()).into_iter().flatten())
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name().to_string_lossy().starts_with("index-")
                && e.path().join("meta.json").exists()
        });
    assert!(index_meta, "no index was built");
}

/// Like `cp`, import takes what it can and exits 1 when a path was missing or a file was
/// refused; its summary counts the missing path too.
#[test]
fn import_takes_what_it_can_and_counts_what_it_could_not() {
    let h = Home::new();
    let page = fixture("p02_dongguan_paragraphs.txt");
    let missing = h.dir.path().join("nowhere.txt");
    let (ok, out, err) = h.run(&["import", page.to_str().unwrap(), missing.to_str().unwrap()]);
    assert!(!ok, "a missing path is a failure");
    assert!(err.contains("nowhere.txt"), "{err}");
    assert!(
        out.contains("1 imported, 0 duplicates skipped, 0 refused, 1 not found; library:"),
        "{out}"
    );
    let (ok, out, _) = h.run(&["library"]);
    assert!(ok && out.contains("p02_dongguan_paragraphs"), "{out}");
}

/// `search` names the warnings of the pages it reads to build or update its index (a page
/// parsed once is not read again while it is unchanged, so neither are its warnings).
#[test]
fn search_names_the_warnings_of_the_pages_it_reads() {
    let h = Home::new();
    let dir = h.dir.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read_to_string(fixture("p02_dongguan_paragraphs.txt")).unwrap();
    std::fs::write(dir.join("good.txt"), &page).unwrap();
    let d = dir.to_str().unwrap();
    let (ok, _, err) = h.run(&["--pages", d, "search", "工会"]);
    assert!(ok && !err.contains("warning"), "{err}");
    std::fs::write(
        dir.join("ctl.txt"),
        page.replacen("本报讯", "本报讯\u{7}", 1),
    )
    .unwrap();
    let (ok, _, err) = h.run(&["--pages", d, "search", "工会"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("gongbao: warning:")
            && err.contains("ctl.txt")
            && err.contains("control character"),
        "{err}"
    );
    assert!(err.contains("indexed 1 new page"), "{err}");
}
