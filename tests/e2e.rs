//! End to end: the real binary in a real terminal (tmux). Waits for the first screen, filters
//! by the pinyin prompt, resizes, quits, and checks the exit status and that the terminal was
//! given back. Skips (with a message) when tmux is missing, unless `CI` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::{Duration, Instant};

struct Session(String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-session", "-t", &self.0]);
    }
}

fn tmux(args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(args)
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run tmux")
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether tmux is there to run the test in; without it the test is skipped, except in CI.
fn tmux_or_skip() -> bool {
    if have_tmux() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
    eprintln!("skipping the end-to-end test: tmux is not installed");
    false
}

fn capture(s: &Session) -> String {
    String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &s.0]).stdout).into_owned()
}

/// Polls the pane until `pred` holds, or fails with the last screen after 20 s.
fn wait_for(s: &Session, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = capture(s);
        if pred(&screen) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}; screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `script` in a new 120×40 tmux session.
fn open(name: String, script: &str) -> Session {
    let out = tmux(&[
        "new-session",
        "-d",
        "-s",
        &name,
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        script,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Session(name)
}

fn keys(s: &Session, keys: &[&str]) {
    let mut args = vec!["send-keys", "-t", &s.0];
    args.extend_from_slice(keys);
    assert!(tmux(&args).status.success());
}

#[test]
fn reader_in_tmux() {
    if !tmux_or_skip() {
        return;
    }
    let name = format!("gongbao-e2e-{}", std::process::id());
    let dir = tempfile::tempdir().unwrap();
    let status_file = dir.path().join("status");
    let stty_file = dir.path().join("stty");
    // The shell records the exit status and the terminal's modes after the reader quits,
    // then waits so the pane can be inspected.
    // Config, state and cache in the test's own folder: a previous run's state must not
    // change the first screen, and the test must not touch the user's files.
    let script = format!(
        "export GONGBAO_CONFIG_DIR='{home}/config' GONGBAO_DATA_DIR='{home}/data' \
         GONGBAO_CACHE_DIR='{home}/cache'; \
         stty -g > '{stty}.before'; '{bin}'; echo $? > '{status}'; stty -g > '{stty}'; \
         echo SHELL-BACK; sleep 60",
        home = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
        status = status_file.display(),
        stty = stty_file.display(),
    );
    let s = open(name, &script);

    wait_for(&s, "the first screen", |t| {
        t.contains("全部") && t.contains("篇")
    });
    keys(&s, &["c"]);
    wait_for(&s, "the prompt", |t| t.contains("城市/工会"));
    keys(&s, &["z", "j"]);
    wait_for(&s, "matches for zj", |t| t.contains("城市/工会: zj"));
    keys(&s, &["Enter"]);
    let screen = wait_for(&s, "湛江市 · 4 篇", |t| t.contains("湛江市 · 4 篇"));
    let list_rows = screen.lines().filter(|l| l.contains("• ")).count();
    assert_eq!(list_rows, 4, "{screen}");
    for other in ["江门蓬江", "云浮市云安区"] {
        assert!(!screen.contains(other), "{other} still listed:\n{screen}");
    }
    keys(&s, &["0"]);
    wait_for(&s, "全部 · 32 篇", |t| t.contains("全部 · 32 篇"));

    tmux(&["resize-window", "-t", &s.0, "-x", "40", "-y", "12"]);
    wait_for(&s, "the 40×12 screen", |t| {
        t.lines().next().is_some_and(|l| l.starts_with("╭ 文章")) && t.contains("32 篇")
    });
    tmux(&["resize-window", "-t", &s.0, "-x", "12", "-y", "4"]);
    wait_for(&s, "the too-small message", |t| t.contains("终端太小"));
    tmux(&["resize-window", "-t", &s.0, "-x", "120", "-y", "40"]);
    wait_for(&s, "the screen back at 120×40", |t| {
        t.contains("全部 · 32 篇")
    });

    keys(&s, &["q"]);
    let screen = wait_for(&s, "the shell after quitting", |t| t.contains("SHELL-BACK"));
    let status = std::fs::read_to_string(&status_file).unwrap();
    assert_eq!(status.trim(), "0", "exit status; screen:\n{screen}");
    // Raw mode is off: the terminal's modes are what they were before.
    let before = std::fs::read_to_string(format!("{}.before", stty_file.display())).unwrap();
    let after = std::fs::read_to_string(&stty_file).unwrap();
    assert_eq!(before, after, "terminal modes not restored");
    // The alternate screen is gone (the reader's frame is no longer shown) and mouse
    // capture is off.
    assert!(
        !screen.contains("╭ 城市"),
        "still on the alternate screen:\n{screen}"
    );
    let alt = tmux(&[
        "display-message",
        "-p",
        "-t",
        &s.0,
        "#{alternate_on} #{mouse_any_flag}",
    ]);
    assert_eq!(String::from_utf8_lossy(&alt.stdout).trim(), "0 0");
}

/// Search as a user does it: `/`, a query typed in Chinese, live results, Enter, n, Esc.
#[test]
fn search_in_tmux() {
    if !tmux_or_skip() {
        return;
    }
    let name = format!("gongbao-e2e-search-{}", std::process::id());
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "export GONGBAO_CONFIG_DIR='{home}/config' GONGBAO_DATA_DIR='{home}/data' \
         GONGBAO_CACHE_DIR='{home}/cache'; '{bin}'; echo SHELL-BACK $?; sleep 60",
        home = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    let s = open(name, &script);
    wait_for(&s, "the first screen", |t| t.contains("全部 · 32 篇"));
    keys(&s, &["/"]);
    wait_for(&s, "the search prompt", |t| t.contains("搜索 (全部)"));
    keys(&s, &["送清凉"]);
    // Results come once the index (built in the background) is ready.
    let screen = wait_for(&s, "three results", |t| t.contains("3 篇 · Enter 打开"));
    assert!(
        screen.contains("揭阳工会为近万名职工送清凉物资"),
        "{screen}"
    );
    keys(&s, &["Enter"]);
    let screen = wait_for(&s, "the results as the list", |t| {
        t.contains("搜索 “送清凉” · 全部 · 3 篇")
    });
    // The list pane (between the sidebar and the reader) holds the three hits alone.
    let list: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(list.len(), 3, "{screen}");
    assert!(list.iter().all(|l| !l.contains("江门蓬江")), "{screen}");
    keys(&s, &["n"]);
    keys(&s, &["Escape"]);
    wait_for(&s, "the list as it was", |t| t.contains("全部 · 32 篇"));
    keys(&s, &["q"]);
    let screen = wait_for(&s, "the shell", |t| t.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "{screen}");
}

/// A paste into `/` arrives whole, without another key: the terminal sends it as one
/// bracketed paste (2,000 characters, 6,000 bytes, far past the 1 KiB the terminal is read
/// by), and the query holds its first 1,000 characters (the prompt's limit).
#[test]
fn paste_in_tmux() {
    if !tmux_or_skip() {
        return;
    }
    let name = format!("gongbao-e2e-paste-{}", std::process::id());
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "export GONGBAO_CONFIG_DIR='{home}/config' GONGBAO_DATA_DIR='{home}/data' \
         GONGBAO_CACHE_DIR='{home}/cache'; '{bin}'; echo SHELL-BACK $?; sleep 60",
        home = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    let s = open(name, &script);
    wait_for(&s, "the first screen", |t| t.contains("全部 · 32 篇"));
    keys(&s, &["/"]);
    wait_for(&s, "the search prompt", |t| t.contains("搜索 (全部)"));
    // 990 characters of Chinese, a marker that ends the first 1,000, then 1,000 more that
    // the prompt's limit cuts off.
    let filler: String = "职工权益保障工会".chars().cycle().take(990).collect();
    let text = format!("{filler}甲乙丙丁戊己庚辛壬癸{}", "曦".repeat(1000));
    assert_eq!(text.chars().count(), 2000);
    let buffer = format!("paste-{}", std::process::id());
    assert!(tmux(&["set-buffer", "-b", &buffer, &text]).status.success());
    assert!(
        tmux(&["paste-buffer", "-p", "-d", "-b", &buffer, "-t", &s.0])
            .status
            .success()
    );
    // No key after the paste: the query shows its end at once.
    let screen = wait_for(&s, "the pasted query's end", |t| {
        t.contains("甲乙丙丁戊己庚辛壬癸")
    });
    assert!(
        !screen.contains('曦'),
        "the limit was not applied:\n{screen}"
    );
    keys(&s, &["Escape"]);
    wait_for(&s, "the list as it was", |t| t.contains("全部 · 32 篇"));
    keys(&s, &["q"]);
    let screen = wait_for(&s, "the shell", |t| t.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "{screen}");
}
