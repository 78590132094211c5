//! What the command line says about the pages it loads: each page's warnings on stderr (and
//! in text exports), and pages in which no article was found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::path::Path;

/// The binary with config, state, library and cache in a folder of these tests' own.
fn gongbao() -> Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pages-home");
    let mut c = Command::cargo_bin("gongbao").unwrap();
    c.env("GONGBAO_CONFIG_DIR", home.join("config"))
        .env("GONGBAO_DATA_DIR", home.join("data"))
        .env("GONGBAO_CACHE_DIR", home.join("cache"));
    c
}

/// A page of one article with a broken byte in its body.
fn broken_page() -> Vec<u8> {
    let mut bytes = "惠州职工运动会开幕\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会，吸引全区"
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("职工参加。\n".as_bytes());
    bytes
}

#[test]
fn list_and_export_print_a_pages_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.txt");
    std::fs::write(&page, broken_page()).unwrap();
    let out = gongbao()
        .args(["--pages", page.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning:") && err.contains("broken.txt") && err.contains("broken byte"),
        "{err}"
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("惠城区总工会"));

    let out = gongbao()
        .args([
            "--pages",
            page.to_str().unwrap(),
            "export",
            "--format",
            "txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("读取提示:"), "{text}");
    assert!(text.contains("broken byte"), "{text}");
    let out = gongbao()
        .args([
            "--pages",
            page.to_str().unwrap(),
            "export",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pages"][0]["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn pages_without_articles_say_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "会议纪要\n\n今天下午开会。\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "购物清单：苹果、香蕉\n").unwrap();
    let out = gongbao()
        .args(["--pages", dir.path().to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(out.status.success(), "pages were loaded");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a.txt: no article found"), "{err}");
    assert!(err.contains("b.txt: no article found"), "{err}");
    assert!(err.contains("none of the 2 page(s)"), "{err}");

    // With one real page beside them: only the page without articles is named.
    std::fs::write(dir.path().join("c.txt"), broken_page()).unwrap();
    let out = gongbao()
        .args(["--pages", dir.path().to_str().unwrap(), "export"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a.txt: no article found"), "{err}");
    assert!(!err.contains("c.txt: no article"), "{err}");
    assert!(!err.contains("none of the"), "{err}");
}
