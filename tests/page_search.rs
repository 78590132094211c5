//! `gongbao search` finds the text no article holds (a page's banners and unplaced lines),
//! as the reader's `/` does: from the page-level text kept beside the index's commit, so a
//! search on a current index still reads no page, and brought up to date with the index when
//! pages are added, changed or removed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

/// A page with a banner (`南方工报 <words>专刊`) and one article.
fn page_with_banner(words: &str) -> String {
    format!(
        "南方工报 {words}专刊\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会，吸引全区职工参加。\n\n惠城职工运动会开幕\n"
    )
}

fn search(home: &Path, pages: &Path, args: &[&str]) -> (String, String) {
    let out = assert_cmd::Command::cargo_bin("gongbao")
        .unwrap()
        .env("GONGBAO_CACHE_DIR", home.join("cache"))
        .env("GONGBAO_CONFIG_DIR", home.join("config"))
        .env("GONGBAO_DATA_DIR", home.join("data"))
        .arg("--pages")
        .arg(pages)
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), err)
}

/// The page ids of the page-level hits of `query`, from `--format json`.
fn page_hits(home: &Path, pages: &Path, query: &str) -> Vec<String> {
    let (out, _) = search(home, pages, &[query, "--format", "json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    hits.iter()
        .filter(|h| h["kind"] == "page")
        .map(|h| {
            assert_eq!(h["line"], "banner", "{h}");
            h["page"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn banners_are_found_and_follow_the_pages() {
    let home = tempfile::tempdir().unwrap();
    let pages = tempfile::tempdir().unwrap();
    std::fs::write(pages.path().join("a.txt"), page_with_banner("青松")).unwrap();
    std::fs::write(pages.path().join("b.txt"), page_with_banner("翠柏")).unwrap();
    // First run builds the index; the banner's word finds its page alone.
    assert_eq!(page_hits(home.path(), pages.path(), "青松"), ["a"]);
    assert_eq!(page_hits(home.path(), pages.path(), "专刊"), ["a", "b"]);
    // A word of the article is an article hit, not a page hit.
    let (out, _) = search(home.path(), pages.path(), &["运动会", "--format", "json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(hits.iter().all(|h| h["kind"] == "article"), "{out}");
    assert_eq!(hits.len(), 2, "{out}");
    // Text and Markdown name the page and mark the words.
    let (text, _) = search(home.path(), pages.path(), &["青松"]);
    assert!(
        text.contains("1 个版面的版头或未归入文章的文字相符"),
        "{text}"
    );
    assert!(text.contains("版面 a · 版头"), "{text}");
    assert!(text.contains("南方工报 【青松】专刊"), "{text}");
    let (md, _) = search(home.path(), pages.path(), &["青松", "--format", "md"]);
    assert!(md.contains("南方工报 **青松**专刊"), "{md}");
    // Within a city, page-level text (which has none) is not searched.
    assert!(page_hits(home.path(), pages.path(), "青松 city:惠州").is_empty());

    // A page added, one changed and one removed: the update keeps the text current.
    std::fs::write(pages.path().join("c.txt"), page_with_banner("红梅")).unwrap();
    std::fs::write(pages.path().join("b.txt"), page_with_banner("翠竹")).unwrap();
    let (_, said) = search(home.path(), pages.path(), &["红梅"]);
    assert!(said.contains("indexed 1 new page, 1 changed"), "{said}");
    assert_eq!(page_hits(home.path(), pages.path(), "红梅"), ["c"]);
    assert_eq!(page_hits(home.path(), pages.path(), "翠竹"), ["b"]);
    assert!(page_hits(home.path(), pages.path(), "翠柏").is_empty());
    std::fs::remove_file(pages.path().join("a.txt")).unwrap();
    assert!(page_hits(home.path(), pages.path(), "青松").is_empty());
    assert_eq!(page_hits(home.path(), pages.path(), "专刊"), ["b", "c"]);
    // The text kept is the last commit's alone.
    assert_eq!(kept_texts(home.path()).len(), 1);
}

/// The page-level text files kept in the cache.
fn kept_texts(home: &Path) -> Vec<std::path::PathBuf> {
    walk(&home.join("cache"))
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("texts-") && name.ends_with(".bin")
        })
        .collect()
}

/// The text is kept beside the index's commit: without that file (an index of an older
/// gongbao) the pages are read, and the hits are the same.
#[test]
fn without_the_kept_text_the_pages_are_read() {
    let home = tempfile::tempdir().unwrap();
    let pages = tempfile::tempdir().unwrap();
    std::fs::write(pages.path().join("a.txt"), page_with_banner("青松")).unwrap();
    assert_eq!(page_hits(home.path(), pages.path(), "青松"), ["a"]);
    let kept = kept_texts(home.path());
    assert_eq!(kept.len(), 1);
    std::fs::remove_file(&kept[0]).unwrap();
    assert_eq!(page_hits(home.path(), pages.path(), "青松"), ["a"]);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
