//! End to end, a reader open while `gongbao import` runs: the real binary in tmux (a server
//! of its own), a page imported from another process, and the reader shows it without a
//! restart (it reloads on the index's new commit), finds it with `/`, and quits cleanly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

impl Tmux {
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

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "r"]).stdout).into_owned()
    }

    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "r"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
        std::thread::sleep(Duration::from_millis(150));
    }
}

fn import(home: &Path, page: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongbao"))
        .env("GONGBAO_CONFIG_DIR", home.join("config"))
        .env("GONGBAO_DATA_DIR", home.join("data"))
        .env("GONGBAO_CACHE_DIR", home.join("cache"))
        .args(["import", &format!("tests/fixtures/pages/{page}")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_reader_open_during_an_import_shows_the_new_page() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    import(home, "p01_huizhou_columns.txt");
    let tmux = Tmux {
        socket: format!("gongbao-import-{}", std::process::id()),
    };
    let h = home.display();
    let script = format!(
        "GONGBAO_CONFIG_DIR='{h}/config' GONGBAO_DATA_DIR='{h}/data' \
         GONGBAO_CACHE_DIR='{h}/cache' '{bin}'; echo SHELL-BACK $?; sleep 60",
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    let out = tmux.run(&[
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
    let before = tmux.wait("the first screen", |t| {
        t.contains("全部") && t.contains("篇")
    });
    assert!(!before.contains("技能夜校"), "{before}");
    // The reader's own index opens and its watch looks at the commit it opened.
    std::thread::sleep(Duration::from_secs(3));
    import(home, "p02_dongguan_paragraphs.txt");
    tmux.wait("the reload", |t| t.contains("已载入新的版面"));
    tmux.keys(&["/"]);
    tmux.keys(&["技能夜校"]);
    tmux.wait("the new page's article found", |t| {
        t.contains("为模具行业职工开设技能夜校")
    });
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait("the shell", |t| t.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "exit status:\n{screen}");
}
