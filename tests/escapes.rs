#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A page file named with escape sequences (OSC 52 to the clipboard, ESC[2J, the ESC[201~
//! that ends a shell's bracketed paste), whose text holds a bidi override and zero-width
//! characters, goes through every text output of the command line: `list`, `show`,
//! `search`, `export --format txt|md`, `import`'s report and `library`. None of them writes
//! an escape, a bidi control or an invisible character, to standard output or error; JSON
//! keeps them, escaped by its writer. (The reader's `y` and `o` hand their text on through
//! `share::osc52` and `share::run_pager`, tested beside them.)

use assert_cmd::Command;
use std::path::Path;

const HOSTILE: &str = "p\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\u{1b}[201~\u{9b}31m";

fn seed_page() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_d566be7ab6327229.txt"),
    )
    .unwrap()
}

/// Control characters (but line feeds and tabs), bidi controls and invisible characters.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}')
        })
        .collect()
}

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("gongbao").unwrap();
        c.env("GONGBAO_CACHE_DIR", self.dir.path().join("cache"))
            .env("GONGBAO_CONFIG_DIR", self.dir.path().join("config"))
            .env("GONGBAO_DATA_DIR", self.dir.path().join("data"))
            .env_remove("RUST_BACKTRACE");
        c
    }

    /// Runs gongbao and returns its standard output and error, asserting both are clean.
    fn clean_run(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            let bad = unsafe_chars(text);
            assert!(bad.is_empty(), "{args:?} wrote {bad:?} to {name}:\n{text}");
        }
        (stdout, stderr)
    }
}

/// A folder with one hostile page: its name is [`HOSTILE`], its first line holds a bidi
/// override and a zero-width space.
fn hostile_pages(home: &Home) -> std::path::PathBuf {
    let pages = home.dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let text = format!("\u{202E}南方工报\u{200B}\n{}", seed_page());
    std::fs::write(pages.join(format!("{HOSTILE}.txt")), text).unwrap();
    pages
}

#[test]
fn escape_laden_file_names_never_reach_a_text_output() {
    let home = Home::new();
    let pages = hostile_pages(&home);
    let dir = pages.to_str().unwrap();
    let (list, _) = home.clean_run(&["--pages", dir, "list"]);
    assert!(
        list.contains('␛'),
        "the escape is shown as its symbol:\n{list}"
    );
    // The first article's id, as `list` prints it (sanitised) and as JSON gives it (raw).
    let json = home
        .cmd()
        .args(["--pages", dir, "export"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &v["articles"][0];
    let id = first["id"].as_str().unwrap().to_string();
    assert!(id.contains('\u{1b}'), "JSON keeps the id as it is: {id:?}");
    for format in ["txt", "md"] {
        let (shown, _) = home.clean_run(&["--pages", dir, "show", &id, "--format", format]);
        assert!(shown.contains('␛'), "{shown}");
    }
    for format in ["txt", "md"] {
        let (out, _) = home.clean_run(&["--pages", dir, "export", "--format", format]);
        assert!(out.contains("南方工报"), "{out}");
    }
    let (found, _) = home.clean_run(&["--pages", dir, "search", "工会"]);
    assert!(found.contains('␛'), "{found}");
    // The library: import's report and the listing name the file.
    let (report, _) = home.clean_run(&["import", &format!("{dir}/{HOSTILE}.txt")]);
    assert!(report.contains('␛'), "{report}");
    home.clean_run(&["library"]);
    home.clean_run(&["list"]);
}
