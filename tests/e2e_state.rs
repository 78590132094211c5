//! End to end, the reader's memory: the real binary in tmux (a tmux server of its own, so no
//! option of the user's server changes). Star an article, scroll it, quit, start again, and
//! find it starred and the position kept; `y` puts the article with its citation on the
//! clipboard (OSC 52, read back as tmux's buffer); `o` runs `$PAGER` and comes back; a data
//! dir that cannot be written is said on screen; `NO_COLOR` draws without colour.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server and session of the test's own, killed on drop.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

impl Tmux {
    fn new(tag: &str) -> Option<Tmux> {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("skipping: tmux is not installed");
            return None;
        }
        Some(Tmux {
            socket: format!("gongbao-{tag}-{}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("run tmux")
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Starts the reader with its own folders and `env` (`NAME=value` words), in a shell that
    /// says SHELL-BACK when the reader has quit.
    fn start(&self, env: &str) {
        let h = self.home().display();
        let script = format!(
            "GONGBAO_CONFIG_DIR='{h}/config' GONGBAO_DATA_DIR='{h}/data' \
             GONGBAO_CACHE_DIR='{h}/cache' {env} '{bin}'; echo SHELL-BACK $?; sleep 60",
            bin = env!("CARGO_BIN_EXE_gongbao"),
        );
        // A session that keeps the server up while "r" is replaced; OSC 52 from the reader
        // becomes a tmux buffer.
        if !self.run(&["has-session", "-t", "keep"]).status.success() {
            let out = self.run(&["new-session", "-d", "-s", "keep", "sleep", "600"]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            self.run(&["set-option", "-g", "set-clipboard", "on"]);
        }
        let _ = self.run(&["kill-session", "-t", "r"]);
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            "r",
            "-x",
            "120",
            "-y",
            "40",
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.wait("the first screen", |t| {
            t.contains("全部") && t.contains("篇")
        });
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "r"]).stdout).into_owned()
    }

    fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "r"]).stdout)
            .into_owned()
    }

    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
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

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "r"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
        // Let the reader take each batch before the next.
        std::thread::sleep(Duration::from_millis(150));
    }

    fn quit(&self) {
        self.keys(&["q"]);
        let screen = self.wait("the shell", |t| t.contains("SHELL-BACK"));
        assert!(screen.contains("SHELL-BACK 0"), "exit status:\n{screen}");
    }

    fn state(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.home().join("data/state.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }
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
    t.start("");
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
    t.quit();

    let state = t.state();
    assert_eq!(state["articles"][FIRST]["starred"], true, "{state}");
    assert_eq!(state["articles"][FIRST]["read"], true, "{state}");
    assert_eq!(state["last"]["selected"], FIRST, "{state}");
    assert_eq!(state["last"]["scroll"], 2, "{state}");

    // Again: starred, read, counted, and the reader where it was.
    t.start("");
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
    t.quit();
    assert_eq!(t.state()["last"]["view"]["kind"], "starred");
    t.start("");
    t.wait("the starred view again", |s| s.contains("已收藏 · 1 篇"));

    // Unstar: gone from the list's marks and the count.
    t.keys(&["s"]);
    t.wait("the unstar", |s| s.contains("已取消收藏"));
    t.quit();
    assert_eq!(t.state()["articles"][FIRST]["starred"], false);
    let out = Command::new(env!("CARGO_BIN_EXE_gongbao"))
        .args(["list", "--starred"])
        .env("GONGBAO_CONFIG_DIR", t.home().join("config"))
        .env("GONGBAO_DATA_DIR", t.home().join("data"))
        .env("GONGBAO_CACHE_DIR", t.home().join("cache"))
        .output()
        .unwrap();
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
    t.start(&format!("PAGER='{}'", pager.display()));

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
    t.quit();
}

#[test]
fn an_unwritable_data_dir_is_said_and_the_reader_works() {
    let Some(t) = Tmux::new("ro") else {
        return;
    };
    // A data dir under a plain file cannot be made, whoever runs the test.
    std::fs::write(t.home().join("blocker"), "").unwrap();
    let data = t.home().join("blocker/data");
    t.start(&format!("GONGBAO_DATA_DIR='{}'", data.display()));
    t.wait("the message", |s| s.contains("阅读状态不会保存"));
    t.keys(&["s"]);
    t.wait("the star, in memory", |s| s.contains("★ 江门蓬江"));
    t.quit();
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
    t.start("NO_COLOR=1");
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
    let mouse = t.run(&["display-message", "-p", "-t", "r", "#{mouse_any_flag}"]);
    assert_eq!(String::from_utf8_lossy(&mouse.stdout).trim(), "0");
}

#[cfg(unix)]
fn make_executable(p: &PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_: &PathBuf) {}
