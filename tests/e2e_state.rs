//! End to end, the reader's memory: the real binary in tmux (a tmux server of its own, so no
//! option of the user's server changes). Star an article, scroll it, quit, start again, and
//! find it starred and the position kept; `y` puts the article with its citation on the
//! clipboard (OSC 52, read back as tmux's buffer); `o` runs `$PAGER` and comes back; a data
//! dir that cannot be written is said on screen; `NO_COLOR` draws without colour.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::tmux::Tmux;
use std::path::PathBuf;
use std::time::Duration;

/// Starts the reader with the test's folders and `env` (`NAME=value` words), in a shell that
/// says SHELL-BACK when the reader has quit. A second session keeps the server up while the
/// reader's is replaced; OSC 52 from the reader becomes a tmux buffer.
fn start(t: &Tmux, env: &str) {
    if !t.run(&["has-session", "-t", "keep"]).status.success() {
        let out = t.run(&["new-session", "-d", "-s", "keep", "sleep", "600"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.run(&["set-option", "-g", "set-clipboard", "on"]);
    }
    t.start_reader(env);
}

/// Quits with q and checks the exit status.
fn quit(t: &Tmux) {
    t.keys(&["q"]);
    let screen = t.wait("the shell", |s| s.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "exit status:\n{screen}");
}

/// The reader's saved state.
fn saved_state(t: &Tmux) -> serde_json::Value {
    let text = std::fs::read_to_string(t.home().join("data/state.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The reader pane's lines (the right-hand pane of the 120-column screen).
fn reader_pane(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| l.rsplit_once("││").map(|(_, r)| r.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The count the sidebar shows beside an entry.
fn sidebar_count(screen: &str, entry: &str) -> Option<usize> {
    screen.lines().find_map(|l| {
        let cell = l.strip_prefix('│')?.split('│').next()?;
        let mut words = cell.split_whitespace().filter(|w| *w != "★");
        (words.next()? == entry).then(|| words.next()?.parse().ok())?
    })
}

const FIRST: &str = "000_d566be7ab6327229-01";
const FIRST_TITLE: &str = "江门蓬江“邻距离”一站式服务新就业群体";

#[test]
fn a_star_and_the_position_survive_a_restart() {
    let Some(t) = Tmux::new("restart") else {
        return;
    };
    start(&t, "");
    let screen = t.screen();
    assert!(reader_pane(&screen).contains(FIRST_TITLE), "{screen}");
    assert_eq!(sidebar_count(&screen, "未读"), Some(32), "{screen}");

    // Star the first article, open it (read), scroll two lines down, quit.
    t.keys(&["s"]);
    t.wait("the star", |s| {
        s.contains("★ 已收藏") && s.contains("★ 江门蓬江")
    });
    t.keys(&["Enter"]);
    t.keys(&["j", "j"]);
    let scrolled = t.wait("the scroll", |s| !reader_pane(s).contains(FIRST_TITLE));
    quit(&t);

    let state = saved_state(&t);
    assert_eq!(state["articles"][FIRST]["starred"], true, "{state}");
    assert_eq!(state["articles"][FIRST]["read"], true, "{state}");
    assert_eq!(state["last"]["selected"], FIRST, "{state}");
    assert_eq!(state["last"]["scroll"], 2, "{state}");

    // Again: starred, read, counted, and the reader where it was.
    start(&t, "");
    let screen = t.screen();
    assert!(screen.contains("★ 江门蓬江"), "{screen}");
    assert_eq!(sidebar_count(&screen, "未读"), Some(31), "{screen}");
    assert_eq!(sidebar_count(&screen, "已收藏"), Some(1), "{screen}");
    assert_eq!(
        reader_pane(&screen).lines().nth(1),
        reader_pane(&scrolled).lines().nth(1),
        "the reader is where it was:\n{screen}"
    );

    // The 已收藏 view lists it alone, and is itself restored next time. The focus came back
    // to the reader, where it was: two panes left to the sidebar.
    t.keys(&["h", "h", "g", "j", "j", "Enter"]);
    t.wait("the starred view", |s| s.contains("已收藏 · 1 篇"));
    quit(&t);
    assert_eq!(saved_state(&t)["last"]["view"]["kind"], "starred");
    start(&t, "");
    t.wait("the starred view again", |s| s.contains("已收藏 · 1 篇"));

    // Unstar: gone from the list's marks and the count.
    t.keys(&["s"]);
    t.wait("the unstar", |s| s.contains("已取消收藏"));
    quit(&t);
    assert_eq!(saved_state(&t)["articles"][FIRST]["starred"], false);
    let out = t.gongbao().args(["list", "--starred"]).output().unwrap();
    assert!(out.stdout.is_empty());
}

#[test]
fn copy_and_pager() {
    let Some(t) = Tmux::new("share") else {
        return;
    };
    let got = t.home().join("paged.txt");
    let pager = t.home().join("pager.sh");
    std::fs::write(&pager, format!("#!/bin/sh\ncat > '{}'\n", got.display())).unwrap();
    make_executable(&pager);
    start(&t, &format!("PAGER='{}'", pager.display()));

    t.keys(&["y"]);
    t.wait("the copy message", |s| {
        s.contains("已发给终端的剪贴板 (OSC 52")
    });
    let buffer = String::from_utf8_lossy(&t.run(&["show-buffer"]).stdout).into_owned();
    assert!(buffer.contains(&format!("## {FIRST_TITLE}")), "{buffer}");
    assert!(
        buffer.contains(&format!("> 南方工报 · 版面 000 · {FIRST_TITLE}")),
        "{buffer}"
    );

    t.keys(&["o"]);
    let screen = t.wait("the reader back after the pager", |s| {
        s.contains("全部 · 32 篇") && s.contains("╭ 城市")
    });
    let paged = std::fs::read_to_string(&got).unwrap();
    assert!(paged.contains("> 南方工报 · "), "{paged}");
    assert!(screen.contains(FIRST_TITLE), "{screen}");
    quit(&t);
}

#[test]
fn an_unwritable_data_dir_is_said_and_the_reader_works() {
    let Some(t) = Tmux::new("ro") else {
        return;
    };
    // A data dir under a plain file cannot be made, whoever runs the test.
    std::fs::write(t.home().join("blocker"), "").unwrap();
    let data = t.home().join("blocker/data");
    start(&t, &format!("GONGBAO_DATA_DIR='{}'", data.display()));
    t.wait("the message", |s| s.contains("阅读状态不会保存"));
    t.keys(&["s"]);
    t.wait("the star, in memory", |s| s.contains("★ 江门蓬江"));
    quit(&t);
    assert!(!data.exists());
}

#[test]
fn no_color_draws_without_colour_and_config_keys_work() {
    let Some(t) = Tmux::new("nocolor") else {
        return;
    };
    std::fs::create_dir_all(t.home().join("config")).unwrap();
    std::fs::write(
        t.home().join("config/config.toml"),
        "mouse = false\n[keys]\ntoggle_star = [\"S\", \"f2\"]\nquit = [\"x\"]\nbogus = 1\n",
    )
    .unwrap();
    start(&t, "NO_COLOR=1");
    let escaped = t.screen_with_escapes();
    let colour = regex::Regex::new(r"\x1b\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]").unwrap();
    assert!(
        !colour.is_match(&escaped),
        "colour drawn with NO_COLOR:\n{escaped:?}"
    );
    // The selection is still visible (reverse video).
    assert!(escaped.contains("\x1b[7m"), "{escaped:?}");
    // The configured keys: s no longer stars, S does; x quits, q does not.
    t.keys(&["s"]);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!t.screen().contains("★ 江门蓬江"));
    t.keys(&["S"]);
    t.wait("the star by S", |s| s.contains("★ 江门蓬江"));
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!t.screen().contains("SHELL-BACK"), "q still quits");
    t.keys(&["x"]);
    t.wait("the shell", |s| s.contains("SHELL-BACK 0"));
    assert_eq!(t.screen_and_mouse_flags(), "0 0");
}

#[cfg(unix)]
fn make_executable(p: &PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_: &PathBuf) {}
