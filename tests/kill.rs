//! A process killed while it builds or updates the index: the next run keeps what was
//! committed, indexes only the pages it lacks, and answers as a fresh build does. The test
//! kills the real binary (SIGKILL), on a small generated library committed every few
//! articles (`GONGBAO_COMMIT_EVERY`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("gongbao")
}

fn command(home: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("GONGBAO_CACHE_DIR", home)
        .env("GONGBAO_CONFIG_DIR", home)
        .env("GONGBAO_DATA_DIR", home);
    cmd
}

/// The index folder under `home`'s cache (`search/lib-*/index-*`), once there is one.
fn index_dir(home: &Path) -> Option<PathBuf> {
    let search = home.join("search");
    for lib in std::fs::read_dir(search).ok()? {
        let lib = lib.ok()?.path();
        for e in std::fs::read_dir(&lib).ok()? {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_string_lossy().into_owned();
            if name.starts_with("index-") && p.is_dir() {
                return Some(p);
            }
        }
    }
    None
}

/// Whether the index holds a commit with gongbao's payload (an interim one or the last).
fn committed(home: &Path) -> bool {
    index_dir(home)
        .and_then(|d| std::fs::read_to_string(d.join("meta.json")).ok())
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|m| m["payload"].is_string())
}

/// `gongbao --pages LIB search 工会 --format json`: the hits' ids (a page-level hit's as
/// `page:ID`), and what it said on stderr.
fn search(home: &Path, lib: &Path) -> (BTreeSet<String>, String) {
    let out = command(home)
        .arg("--pages")
        .arg(lib)
        .args(["search", "工会", "--format", "json", "--limit", "100000"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ids = hits.iter().map(crate::support::hit_key).collect();
    (ids, err)
}

#[test]
fn a_build_killed_after_a_commit_goes_on_from_it() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("lib");
    let status = Command::new(bin())
        .args(["generate", "--articles", "1500", "--out"])
        .arg(&lib)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let pages = std::fs::read_dir(&lib).unwrap().count();
    let home = root.path().join("home");
    // The first build, killed once it has committed some pages and before it ends.
    let mut child = command(&home)
        .env("GONGBAO_COMMIT_EVERY", "40")
        .arg("--pages")
        .arg(&lib)
        .args(["search", "工会"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut killed = false;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if committed(&home) {
            child.kill().unwrap();
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.wait();
    assert!(killed, "the build ended before it could be killed");
    // The next run: no rebuild, only the pages not yet committed are indexed.
    let (ids, said) = search(&home, &lib);
    assert!(!said.contains("could not be used"), "{said}");
    let indexed: usize = said
        .split("indexed ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no 'indexed N new pages' in {said:?}"));
    assert!(
        indexed > 0 && indexed < pages,
        "{indexed} of {pages} pages indexed again: {said}"
    );
    // What a fresh build gives.
    let fresh = root.path().join("fresh");
    let (fresh_ids, _) = search(&fresh, &lib);
    assert!(!ids.is_empty());
    assert_eq!(ids, fresh_ids);
    // And it is current now: the third run indexes nothing.
    let (again, said) = search(&home, &lib);
    assert_eq!(again, ids);
    assert!(!said.contains("indexed"), "{said}");
}

#[test]
fn an_update_killed_midway_leaves_a_usable_index() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("lib");
    let status = Command::new(bin())
        .args(["generate", "--articles", "600", "--out"])
        .arg(&lib)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let home = root.path().join("home");
    let _ = search(&home, &lib);
    // Another 600 articles' pages, then an update killed at once, and at once again later.
    let more = root.path().join("more");
    let status = Command::new(bin())
        .args(["generate", "--articles", "600", "--seed", "9", "--out"])
        .arg(&more)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for e in std::fs::read_dir(&more).unwrap() {
        let p = e.unwrap().path();
        std::fs::rename(
            &p,
            lib.join(format!("zz_{}", p.file_name().unwrap().to_string_lossy())),
        )
        .unwrap();
    }
    for wait in [50, 300, 800] {
        let mut child = command(&home)
            .arg("--pages")
            .arg(&lib)
            .args(["search", "工会"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
    }
    let (ids, said) = search(&home, &lib);
    assert!(!said.contains("could not be used"), "{said}");
    let fresh = root.path().join("fresh");
    let (fresh_ids, _) = search(&fresh, &lib);
    assert_eq!(ids, fresh_ids);
    // The parsed-model cache the kills left: every article's text as a fresh one gives it.
    let export = |home: &Path| {
        let out = command(home)
            .arg("--pages")
            .arg(&lib)
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert!(
        export(&home) == export(&fresh),
        "export differs after the kills"
    );
}
