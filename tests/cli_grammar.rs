//! One command-line grammar, typed as a user types it (assert_cmd on the real binary, each
//! run in its own empty folders): `--city` takes what the reader's `c` prompt takes, in
//! `list`, `search` and `export`; an unknown city or union body is an error with a
//! suggestion where one is near; `--union` takes a part naming one union body alone; the
//! same `--format` values everywhere; one error style (`gongbao: …`), exit code 2 for a
//! mistake in the command line and 1 for what could not be done, no backtrace even with
//! `RUST_BACKTRACE=1`; `--pages` only where pages are read; every argument described;
//! completions and the manual generated from the same definition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use clap::CommandFactory as _;
use serde_json::Value;
use std::process::Output;

struct Run {
    home: tempfile::TempDir,
}

impl Run {
    fn new() -> Run {
        Run {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let h = self.home.path();
        assert_cmd::Command::cargo_bin("gongbao")
            .unwrap()
            .args(args)
            .env("GONGBAO_CONFIG_DIR", h.join("config"))
            .env("GONGBAO_DATA_DIR", h.join("data"))
            .env("GONGBAO_CACHE_DIR", h.join("cache"))
            .env("RUST_BACKTRACE", "1")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// Stdout of a run that must succeed.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Stderr of a run that must fail with `code`, checked for the one error style.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("gongbao: "), "{args:?}: {err}");
        for word in ["backtrace", "Backtrace", "panicked", "Error:", "\n   0:"] {
            assert!(!err.contains(word), "{args:?}: {err}");
        }
        err
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn city_takes_what_the_c_prompt_takes_in_list_search_and_export() {
    let r = Run::new();
    let want = r.ok(&["list", "--city", "湛江市"]);
    assert!(want.starts_with("湛江市 (4 篇)"), "{want}");
    for typed in ["湛江", "zhanjiang", "zj", "ZJ", "zhanj"] {
        assert_eq!(r.ok(&["list", "--city", typed]), want, "{typed}");
    }
    // `shen` is 深圳 (the common reading), not 湛江 read shen.
    assert!(r.ok(&["list", "--city", "shen"]).starts_with("深圳市"));

    let export = json(&r.ok(&["export", "--city", "zj"]));
    let articles = export["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 4);
    assert!(articles.iter().all(|a| a["city"] == "湛江市"));
    let pages = export["pages"].as_array().unwrap();
    assert!(
        !pages.is_empty() && pages.len() < 5,
        "only the pages they are on"
    );

    let hits = json(&r.ok(&[
        "search", "工会", "--city", "zj", "--format", "json", "--limit", "50",
    ]));
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["city"] == "湛江市"), "{hits:?}");
}

#[test]
fn an_unknown_city_or_union_is_an_error_with_a_suggestion() {
    let r = Run::new();
    for (cmd, typed) in [
        (&["list", "--city"][..], "湛州"),
        (&["list", "--city"], "zhanjaing"),
        (&["export", "--city"], "湛州"),
        (&["search", "工会", "--city"], "zhanjaing"),
    ] {
        let mut args = cmd.to_vec();
        args.push(typed);
        let err = r.fails(&args, 2);
        assert_eq!(
            err,
            format!("gongbao: no city named \"{typed}\" in Guangdong; did you mean 湛江市?\n")
        );
    }
    let err = r.fails(&["list", "--city", "北京"], 2);
    assert_eq!(err, "gongbao: no city named \"北京\" in Guangdong\n");
    let err = r.fails(&["list", "--union", "台三"], 2);
    assert!(err.contains("did you mean 台山市总工会?"), "{err}");
    // A city of Guangdong that these pages do not mention is no mistake: nothing to list.
    let out = r.run(&["list", "--city", "梅州"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article of 梅州"));
}

#[test]
fn union_takes_a_part_that_names_one_union_body_alone() {
    let r = Run::new();
    let whole = r.ok(&["list", "--union", "台山市总工会"]);
    assert!(whole.contains("台山市总工会"), "{whole}");
    assert_eq!(r.ok(&["list", "--union", "台山"]), whole);
    assert_eq!(r.ok(&["list", "--union", "taishan"]), whole);
    let err = r.fails(&["list", "--union", "区总工会"], 2);
    assert!(
        err.contains("is part of 8 union bodies' names")
            && err.contains("江门市 · 蓬江区总工会")
            && err.contains("give more of the name"),
        "{err}"
    );
    // Within a city, the part may be shorter.
    let within = r.ok(&["list", "--city", "江门", "--union", "蓬江"]);
    assert!(within.contains("蓬江区总工会"), "{within}");
    let err = r.fails(&["list", "--city", "湛江", "--union", "台山"], 2);
    assert!(err.contains("no union body named \"台山\""), "{err}");
}

#[test]
fn the_same_format_values_everywhere() {
    let r = Run::new();
    let id = "000_d566be7ab6327229-02";
    for cmd in [
        &["list"][..],
        &["show", id],
        &["export"],
        &["search", "劳模"],
    ] {
        let text = r.ok(&[cmd, &["--format", "text"]].concat());
        assert_eq!(
            r.ok(&[cmd, &["--format", "txt"]].concat()),
            text,
            "{cmd:?}: txt is text"
        );
        let md = r.ok(&[cmd, &["--format", "md"]].concat());
        assert_ne!(md, text, "{cmd:?}");
        json(&r.ok(&[cmd, &["--format", "json"]].concat()));
        let err = r.fails(&[cmd, &["--format", "html"]].concat(), 2);
        assert!(err.contains("[possible values: text, md, json]"), "{err}");
    }
    let list = json(&r.ok(&["list", "--format", "json", "--city", "zj"]));
    let first = &list[0];
    for key in ["id", "title", "city", "union", "date", "page", "edition"] {
        assert!(first.get(key).is_some(), "{key}: {first}");
    }
    assert_eq!(list.as_array().unwrap().len(), 4);
}

#[test]
fn usage_mistakes_exit_2_and_failures_1_in_one_style() {
    let r = Run::new();
    let err = r.fails(&["lst"], 2);
    assert!(err.contains("unrecognized subcommand 'lst'"), "{err}");
    assert!(err.contains("a similar subcommand exists: 'list'"), "{err}");
    r.fails(&["show"], 2);
    r.fails(&["list", "--unread", "--starred"], 2);
    r.fails(&["search"], 2);
    // A query with nothing to search for is a mistake too, said once.
    for q in ["", " "] {
        let err = r.fails(&["search", q], 2);
        assert!(err.starts_with("gongbao: nothing to search for"), "{err}");
    }
    let err = r.fails(&["show", "nope"], 1);
    assert_eq!(
        err,
        "gongbao: no article with id nope (see `gongbao list`)\n"
    );
    let err = r.fails(&["--pages", "/no/such/page.txt", "list"], 1);
    assert!(err.contains("no page could be loaded"), "{err}");
    // Help and the version are no mistakes.
    assert!(r.ok(&["--help"]).contains("Usage: gongbao"));
    assert!(r.ok(&["--version"]).starts_with("gongbao "));
}

#[test]
fn pages_is_only_where_pages_are_read() {
    let r = Run::new();
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/p02_dongguan_paragraphs.txt"
    );
    // Before or after the subcommand.
    let after = r.ok(&["list", "--pages", page]);
    assert!(after.contains("东莞市"), "{after}");
    assert_eq!(r.ok(&["--pages", page, "list"]), after);
    for cmd in ["paths", "library", "man"] {
        let err = r.fails(&[cmd, "--pages", page], 2);
        assert!(err.contains("unexpected argument '--pages'"), "{err}");
        let err = r.fails(&["--pages", page, cmd], 2);
        let why = if cmd == "library" {
            "it works on the library's own pages (`gongbao paths` says where)"
        } else {
            "it reads no pages"
        };
        assert_eq!(
            err,
            format!("gongbao: --pages is not used by `{cmd}`: {why}\n")
        );
        assert!(!r.ok(&[cmd, "--help"]).contains("--pages"), "{cmd}");
    }
    for cmd in ["list", "show", "export", "search", "mark"] {
        assert!(r.ok(&[cmd, "--help"]).contains("--pages <PATH>"), "{cmd}");
    }
}

#[test]
fn every_argument_and_subcommand_is_described_in_help() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        if cmd.get_about().is_none() && !cmd.is_hide_set() {
            missing.push(format!("{path}: no about"));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if a.get_help().is_none() && a.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&gongbao::cli::Cli::command(), "gongbao", &mut missing);
    assert!(missing.is_empty(), "{missing:?}");
    gongbao::cli::Cli::command().debug_assert();
}

#[test]
fn completions_and_the_manual_come_from_the_same_definition() {
    let r = Run::new();
    for (shell, mark) in [
        ("bash", "_gongbao()"),
        ("zsh", "#compdef gongbao"),
        ("fish", "complete -c gongbao"),
    ] {
        let script = r.ok(&["completions", shell]);
        assert!(script.contains(mark), "{shell}");
        for word in ["mark", "export", "city", "format", "zsh"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    r.fails(&["completions", "powershell"], 2);
    let man = r.ok(&["man"]);
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..80]
    );
    assert!(man.contains(".TH gongbao 1"), "{}", &man[..200]);
    for sub in ["gongbao list", "gongbao mark", "gongbao search"] {
        assert!(man.contains(sub), "{sub}");
    }
    assert!(!man.contains("generate"), "the hidden command stays hidden");
    // One page: no reference to a page of its own for a command (never installed), and a
    // section for each command.
    assert!(!man.contains("(1)\n"), "a reference to another page");
    assert!(
        man.contains(".SH \"GONGBAO SEARCH\"\n"),
        "no section for search"
    );
}

#[test]
fn a_limit_of_0_is_a_usage_error() {
    let r = Run::new();
    let err = r.fails(&["search", "劳模", "--limit", "0"], 2);
    assert!(err.contains("give 1 or more"), "{err}");
    assert!(r.ok(&["search", "--help"]).contains("0 is a usage error"));
    assert!(r
        .ok(&["search", "劳模", "--limit", "1"])
        .contains("列出前 1 篇"));
}

#[test]
fn a_missing_path_is_named_with_why() {
    let r = Run::new();
    let missing = r.home.path().join("nonexistent");
    let missing = missing.to_str().unwrap();
    let err = r.fails(&["import", missing], 1);
    assert_eq!(
        err,
        format!("gongbao: {missing}: no such file or directory\n"),
        "nothing imported, nothing counted"
    );
    let empty = r.home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    let err = r.fails(&["import", empty], 1);
    assert!(err.contains("no page file (*.txt) in it"), "{err}");
    let err = r.fails(
        &[
            "list",
            "--pages",
            missing,
            "--pages",
            "/no/such.txt",
            "--pages",
            empty,
        ],
        1,
    );
    for path in [missing, "/no/such.txt"] {
        let named: Vec<&str> = err.lines().filter(|l| l.contains(path)).collect();
        assert_eq!(named.len(), 1, "{path} named once: {err}");
        assert!(
            named[0]
                .to_lowercase()
                .contains("no such file or directory"),
            "{err}"
        );
    }
    assert!(
        err.contains(&format!("gongbao: {empty}: a folder with no page file")),
        "{err}"
    );
    assert!(
        err.ends_with("gongbao: no page could be loaded from the 3 --pages path(s) given\n"),
        "{err}"
    );
}

#[test]
fn exclusions_work_as_typed_among_the_words() {
    let r = Run::new();
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["search", "--format", "json", "--limit", "100"];
        all.extend_from_slice(args);
        json(&r.ok(&all)).as_array().unwrap().len() as u64
    };
    let quoted = total(&["劳模 -工匠 -abc"]);
    assert!(quoted < total(&["劳模"]), "the exclusion leaves some out");
    assert_eq!(total(&["劳模", "-工匠", "-abc"]), quoted);
    assert_eq!(total(&["-工匠", "劳模", "-abc"]), quoted);
    assert_eq!(total(&["劳模", "--", "-工匠", "-abc"]), quoted);
    // Options still work before, between and after the words.
    let out = r.ok(&["search", "--limit", "1", "劳模", "-工匠", "--sort", "date"]);
    assert!(
        out.contains("列出前 1 篇") || out.starts_with("1 篇相符"),
        "{out}"
    );
    let out = r.ok(&[
        "--pages",
        "tests/fixtures/seeds",
        "search",
        "劳模",
        "-工匠",
        "--limit",
        "1",
    ]);
    assert!(out.contains("篇相符"), "{out}");
    assert!(r
        .ok(&["search", "劳模", "-h"])
        .contains("Usage: gongbao search"));
    // A mistyped option is still a mistake, named as typed.
    let err = r.fails(&["search", "劳模", "--limt", "1"], 2);
    assert!(err.contains("--limt"), "{err}");
}

#[test]
fn a_query_s_city_and_union_follow_the_flags_rules() {
    let r = Run::new();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", "--format", "json", "--limit", "100"];
        all.extend_from_slice(args);
        let hits = json(&r.ok(&all));
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let zhanjiang = ids(&["city:湛江市"]);
    assert!(!zhanjiang.is_empty());
    for spelling in ["city:zj", "city:zhanjiang", "city:湛江", "城市：湛江"] {
        assert_eq!(ids(&[spelling]), zhanjiang, "{spelling}");
    }
    let err = r.fails(&["search", "city:湛州"], 2);
    assert_eq!(
        err,
        r.fails(&["search", "工会", "--city", "湛州"], 2),
        "the same error as --city"
    );
    assert!(err.contains("did you mean 湛江市?"), "{err}");
    let taishan = ids(&["union:台山市总工会"]);
    assert!(!taishan.is_empty());
    assert_eq!(ids(&["union:台山"]), taishan);
    assert_eq!(ids(&["union:taishan"]), taishan);
    let err = r.fails(&["search", "union:xyz"], 2);
    assert!(err.contains("no union body named \"xyz\""), "{err}");
    let err = r.fails(&["search", "union:总工会"], 2);
    assert!(err.contains("give more of the name"), "{err}");
}

#[test]
fn a_city_without_articles_is_said_in_search_as_in_list() {
    let r = Run::new();
    let list = r.run(&["list", "--city", "梅州"]);
    assert!(String::from_utf8_lossy(&list.stderr).contains("no article of 梅州 in these pages"));
    for args in [
        &["search", "--city", "梅州", "工会"][..],
        &["search", "city:梅州"],
    ] {
        let out = r.run(args);
        assert!(out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("gongbao: no article of 梅州市 in these pages"),
            "{args:?}: {err}"
        );
    }
    // A city with articles but no hit says nothing of the kind.
    let out = r.run(&["search", "--city", "湛江", "没有这个词语"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no article of"));
}

#[test]
fn list_titles_start_at_one_column() {
    use unicode_width::UnicodeWidthStr as _;
    let r = Run::new();
    let items = json(&r.ok(&["list", "--format", "json"]));
    let items = items.as_array().unwrap();
    let text = r.ok(&["list"]);
    let md = r.ok(&["list", "--format", "md"]);
    let mut columns = std::collections::BTreeSet::new();
    let mut undated = 0;
    for item in items {
        let (id, title) = (
            item["id"].as_str().unwrap(),
            item["title"].as_str().unwrap(),
        );
        undated += usize::from(item["date"].is_null());
        let line = text.lines().find(|l| l.contains(id)).unwrap();
        let at = line.rfind(title).unwrap();
        columns.insert(line[..at].width());
        let md_line = md.lines().find(|l| l.contains(id)).unwrap();
        assert!(!md_line.contains("  "), "{md_line}");
        assert!(md_line.ends_with(title), "{md_line}");
    }
    assert!(undated > 0, "the seeds have articles without a date");
    assert_eq!(columns.len(), 1, "title columns: {columns:?}\n{text}");
}

/// A mistake clap finds is one line, as gongbao's own errors are: the message, clap's tip and
/// the usage it shows, exit 2, no backtrace.
#[test]
fn clap_mistakes_are_one_line() {
    let r = Run::new();
    for (args, says) in [
        (
            &["list", "--unrea"][..],
            "a similar argument exists: '--unread'",
        ),
        (&["bogus"][..], "unrecognized subcommand 'bogus'"),
        (
            &["search"][..],
            "(usage: gongbao search <QUERY>...; more with --help)",
        ),
        (
            &["list", "--format", "xml"][..],
            "[possible values: text, md, json]",
        ),
        (&["completions", "tcsh"][..], "invalid value 'tcsh'"),
    ] {
        let err = r.fails(args, 2);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("gongbao: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
