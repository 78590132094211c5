//! The command line as a user runs it: `export`, `list`, `show`, and `--pages` with good and
//! bad files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::path::Path;

/// The binary with config, state and library in a folder of the tests' own: the user's
/// library or config must not change what these tests see.
fn gongbao() -> Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-home");
    let mut c = Command::cargo_bin("gongbao").unwrap();
    c.env("GONGBAO_CONFIG_DIR", home.join("config"))
        .env("GONGBAO_DATA_DIR", home.join("data"))
        .env("GONGBAO_CACHE_DIR", home.join("cache"));
    c
}

fn seed(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

#[test]
fn export_json_has_the_interface_shape() {
    let out = gongbao()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 5);
    for key in ["id", "source", "banners", "unplaced", "warnings"] {
        assert!(pages[0].get(key).is_some(), "page field {key}");
    }
    assert!(pages[0]["source"].as_str().unwrap().starts_with("seed:"));
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 32);
    let keys = [
        "id",
        "page",
        "heading",
        "kicker",
        "title",
        "subtitle",
        "city",
        "county",
        "union",
        "cities_mentioned",
        "reporters",
        "correspondents",
        "byline",
        "date",
        "paragraphs",
        "captions",
    ];
    for a in articles {
        for key in keys {
            assert!(a.get(key).is_some(), "article field {key} in {}", a["id"]);
        }
    }
    let ids: std::collections::HashSet<&str> =
        articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 32, "article ids are unique");
    let chaozhou = articles
        .iter()
        .find(|a| a["union"] == "潮州市总工会")
        .unwrap();
    assert_eq!(chaozhou["date"]["month"], 12);
    assert_eq!(chaozhou["date"]["day"], 9);
    assert_eq!(chaozhou["date"]["text"], "12月9日至13日");
}

#[test]
fn ids_are_stable_across_runs() {
    let a = gongbao().arg("export").output().unwrap().stdout;
    let b = gongbao().arg("export").output().unwrap().stdout;
    assert_eq!(a, b);
}

#[test]
fn list_groups_by_city_and_filters() {
    let out = gongbao().arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("湛江市 (4 篇)"), "{text}");
    assert!(text.contains("江门市 (4 篇)"));
    for city in ["湛江", "湛江市"] {
        let out = gongbao().args(["list", "--city", city]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with("湛江市 (4 篇)"), "{text}");
        assert_eq!(text.lines().count(), 5);
    }
    let out = gongbao()
        .args(["list", "--city", "江门", "--union", "台山市总工会"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    let out = gongbao().args(["list", "--city", "火星"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("火星"));
}

#[test]
fn show_prints_one_article() {
    let out = gongbao()
        .args(["show", "000_d566be7ab6327229-03"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("慰问500余名货车司机"));
    assert!(text.contains("（云安工）"));
    let out = gongbao()
        .args(["show", "000_d566be7ab6327229-03", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["union"], "云安区总工会");
    let out = gongbao().args(["show", "nope"]).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn pages_option_before_or_after_the_subcommand() {
    let page = seed("003_158881c878a543ee.txt");
    for args in [
        vec!["--pages", page.to_str().unwrap(), "list"],
        vec!["list", "--pages", page.to_str().unwrap()],
    ] {
        let out = gongbao().args(&args).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let articles = text.lines().filter(|l| l.starts_with("  ")).count();
        assert_eq!(articles, 7, "{text}");
    }
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        seed("004_2725b99f7637a51a.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02garbage").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("notes.md"), b"not a page: wrong extension").unwrap();
    let out = gongbao()
        .args(["--pages", dir.path().to_str().unwrap(), "export"])
        .output()
        .unwrap();
    assert!(out.status.success(), "one good page is enough");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("binary.txt"), "{err}");
    assert!(err.contains("empty.txt"), "{err}");
    assert_eq!(err.lines().count(), 2, "one line per bad file: {err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pages"].as_array().unwrap().len(), 1);
    assert_eq!(v["articles"].as_array().unwrap().len(), 6);
}

#[test]
fn no_page_at_all_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = gongbao()
        .args(["--pages", dir.path().join("binary.txt").to_str().unwrap()])
        .args(["--pages", missing.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("binary.txt") && err.contains("missing.txt"),
        "{err}"
    );
}

#[test]
fn text_and_markdown_exports_keep_every_article() {
    for format in ["txt", "md"] {
        let out = gongbao()
            .args(["export", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.matches("[0").count(), 32, "{format}");
        assert!(
            text.contains("团结奋斗开新局 喜迎工会十八大"),
            "the banner is shown"
        );
    }
}

/// Ids of different lengths (a seed's hash-named id, a fixture's long file name): the union
/// column, and so the titles, start at one column on every line of `list`.
#[test]
fn list_lines_up_ids_of_any_length() {
    let pages = Path::new("tests/fixtures/pages");
    let run = |args: &[&str]| {
        let out = gongbao()
            .arg("--pages")
            .arg(pages)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value =
        serde_json::from_str(&run(&["list", "--format", "json"])).unwrap();
    let text = run(&["list"]);
    let mut columns = std::collections::BTreeSet::new();
    let mut longest = 0;
    for item in json.as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        longest = longest.max(id.len());
        // Its first characters: a long name is cut to the column with ….
        let union: String = item["union"]
            .as_str()
            .unwrap_or("-")
            .chars()
            .take(2)
            .collect();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap();
        let at = line[id.len()..].find(&union).unwrap() + id.len();
        columns.insert(gongbao::text::width(&line[..at]));
    }
    assert!(longest > 24, "the fixtures have long ids");
    assert_eq!(columns.len(), 1, "union columns {columns:?}:\n{text}");
}
