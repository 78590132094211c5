//! End to end, in tmux (a server of its own, `-L`): SIGTERM and SIGHUP sent to the reader
//! leave the terminal as it was (main screen, mouse reporting off, cooked mode) and end the
//! process by that signal (the shell sees 128 + its number). Skips when tmux is missing,
//! unless `CI` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of this test's own, killed when dropped.
struct Server(String);

impl Server {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.0)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    fn flags(&self) -> String {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{alternate_on} #{mouse_any_flag}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn have_tmux() -> bool {
    if Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
    eprintln!("skipping the end-to-end test: tmux is not installed");
    false
}

/// The reader in tmux, then `kill -SIG` on it: the screen, the modes and the status after.
fn killed_by(sig: &str, number: i32) {
    let server = Server(format!("gongbao-rel-{sig}-{}", std::process::id()));
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let script = format!(
        "export GONGBAO_CONFIG_DIR='{h}/config' GONGBAO_DATA_DIR='{h}/data' \
         GONGBAO_CACHE_DIR='{h}/cache'; stty -g > '{h}/stty.before'; \
         '{bin}' & echo $! > '{h}/pid'; wait $!; echo $? > '{h}/status'; \
         stty -g > '{h}/stty.after'; echo SHELL-BACK; sleep 60",
        h = home.display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    let out = server.tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "40",
        "bash",
        "-c",
        &script,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A job started with & in a non-interactive shell keeps the terminal as its own.
    server.wait_for("the first screen", |t| t.contains("全部 · 32 篇"));
    assert_eq!(
        server.flags(),
        "1 1",
        "alternate screen and mouse reporting on"
    );
    let pid = std::fs::read_to_string(home.join("pid")).unwrap();
    let kill = Command::new("kill")
        .args([&format!("-{sig}"), pid.trim()])
        .status()
        .unwrap();
    assert!(kill.success());
    let screen = server.wait_for("the shell after the signal", |t| t.contains("SHELL-BACK"));
    assert!(
        !screen.contains("╭ 城市"),
        "{sig}: the reader's frame is still shown:\n{screen}"
    );
    assert_eq!(
        server.flags(),
        "0 0",
        "{sig}: alternate screen or mouse still on"
    );
    let before = std::fs::read_to_string(home.join("stty.before")).unwrap();
    let after = std::fs::read_to_string(home.join("stty.after")).unwrap();
    assert_eq!(before, after, "{sig}: terminal modes not restored");
    let status = std::fs::read_to_string(home.join("status")).unwrap();
    assert_eq!(
        status.trim(),
        (128 + number).to_string(),
        "{sig}: exit status"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    if have_tmux() {
        killed_by("TERM", 15);
    }
}

#[test]
fn sighup_restores_the_terminal() {
    if have_tmux() {
        killed_by("HUP", 1);
    }
}

/// The terminal goes away under the reader (the tmux server is killed, as when a terminal
/// emulator or an ssh connection dies): the reader saves its place and ends, rather than
/// reading the hung-up terminal's end of file for ever.
#[test]
fn a_terminal_that_goes_away_ends_the_reader() {
    if !have_tmux() {
        return;
    }
    let server = Server(format!("gongbao-rel-gone-{}", std::process::id()));
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let script = format!(
        "export GONGBAO_CONFIG_DIR='{h}/config' GONGBAO_DATA_DIR='{h}/data' \
         GONGBAO_CACHE_DIR='{h}/cache'; echo $$ > '{h}/pid'; exec '{bin}'",
        h = home.display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    let out = server.tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "40",
        "bash",
        "-c",
        &script,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.wait_for("the first screen", |t| t.contains("全部 · 32 篇"));
    server.tmux(&["send-keys", "-t", "t", "j", "j"]);
    std::thread::sleep(Duration::from_millis(500));
    let pid = std::fs::read_to_string(home.join("pid")).unwrap();
    let pid = pid.trim().to_string();
    server.tmux(&["kill-server"]);
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the reader (pid {pid}) still runs 10 s after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let state = std::fs::read_to_string(home.join("data/state.json")).unwrap();
    assert!(
        state.contains("\"selected\": \"000_d566be7ab6327229-03\""),
        "{state}"
    );
}
