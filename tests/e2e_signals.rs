//! End to end, in tmux (a server of its own, `-L`): SIGTERM and SIGHUP sent to the reader
//! leave the terminal as it was (main screen, mouse reporting off, cooked mode) and end the
//! process by that signal (the shell sees 128 + its number). Skips when tmux is missing,
//! unless `CI` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::tmux::Tmux;
use std::process::Command;
use std::time::{Duration, Instant};

/// The reader in tmux, then `kill -SIG` on it: the screen, the modes and the status after.
fn killed_by(sig: &str, number: i32) {
    let Some(server) = Tmux::new(&format!("rel-{sig}")) else {
        return;
    };
    let home = server.home();
    let script = format!(
        "export {folders}; stty -g > '{h}/stty.before'; \
         '{bin}' & echo $! > '{h}/pid'; wait $!; echo $? > '{h}/status'; \
         stty -g > '{h}/stty.after'; echo SHELL-BACK; sleep 60",
        folders = server.folders(),
        h = home.display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    server.open("bash", &script);
    // A job started with & in a non-interactive shell keeps the terminal as its own.
    server.wait("the first screen", |t| t.contains("全部 · 32 篇"));
    assert_eq!(
        server.screen_and_mouse_flags(),
        "1 1",
        "alternate screen and mouse reporting on"
    );
    let pid = std::fs::read_to_string(home.join("pid")).unwrap();
    let kill = Command::new("kill")
        .args([&format!("-{sig}"), pid.trim()])
        .status()
        .unwrap();
    assert!(kill.success());
    let screen = server.wait("the shell after the signal", |t| t.contains("SHELL-BACK"));
    assert!(
        !screen.contains("╭ 城市"),
        "{sig}: the reader's frame is still shown:\n{screen}"
    );
    assert_eq!(
        server.screen_and_mouse_flags(),
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
    killed_by("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    killed_by("HUP", 1);
}

/// The terminal goes away under the reader (the tmux server is killed, as when a terminal
/// emulator or an ssh connection dies): the reader saves its place and ends, rather than
/// reading the hung-up terminal's end of file for ever.
#[test]
fn a_terminal_that_goes_away_ends_the_reader() {
    let Some(server) = Tmux::new("rel-gone") else {
        return;
    };
    let home = server.home();
    let script = format!(
        "export {folders}; echo $$ > '{h}/pid'; exec '{bin}'",
        folders = server.folders(),
        h = home.display(),
        bin = env!("CARGO_BIN_EXE_gongbao"),
    );
    server.open("bash", &script);
    server.wait("the first screen", |t| t.contains("全部 · 32 篇"));
    server.keys(&["j", "j"]);
    std::thread::sleep(Duration::from_millis(500));
    let pid = std::fs::read_to_string(home.join("pid")).unwrap();
    let pid = pid.trim().to_string();
    server.run(&["kill-server"]);
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
