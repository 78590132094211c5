//! The real binary in a real terminal, for the end-to-end tests: a tmux server of the test's
//! own (`-L`, killed on drop, so no option of the user's server counts), a home folder of its
//! own for gongbao's config, data and cache, and the pane read back as the user sees it.
//! Without tmux a test skips, saying so, except in CI, where tmux is required.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a wait polls the pane before it fails with the last screen.
const PATIENCE: Duration = Duration::from_secs(30);

/// The session every test drives.
pub const SESSION: &str = "r";

/// A tmux server and a home folder of the test's own; the server is killed on drop.
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

impl Tmux {
    /// A server named after `tag` and this process, or `None` when tmux is missing (the test
    /// then skips; in CI it fails).
    pub fn new(tag: &str) -> Option<Tmux> {
        let have = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("skipping the end-to-end test: tmux is not installed");
            return None;
        }
        Some(Tmux {
            socket: format!("gongbao-{tag}-{}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    /// Runs a tmux command on this server, in a UTF-8 locale.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("run tmux")
    }

    /// The test's home folder: gongbao's folders are `config`, `data` and `cache` in it.
    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// The environment that gives gongbao the home's folders, as shell words.
    pub fn folders(&self) -> String {
        let h = self.home().display();
        format!(
            "GONGBAO_CONFIG_DIR='{h}/config' GONGBAO_DATA_DIR='{h}/data' \
             GONGBAO_CACHE_DIR='{h}/cache'"
        )
    }

    /// The gongbao binary with the home's folders, to run beside the terminal.
    pub fn gongbao(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbao"));
        cmd.env("GONGBAO_CONFIG_DIR", self.home().join("config"))
            .env("GONGBAO_DATA_DIR", self.home().join("data"))
            .env("GONGBAO_CACHE_DIR", self.home().join("cache"));
        cmd
    }

    /// Opens the test's session, 120×40, running `script` under `shell -c`. Any session of
    /// that name is closed first.
    pub fn open(&self, shell: &str, script: &str) {
        let _ = self.run(&["kill-session", "-t", SESSION]);
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            "120",
            "-y",
            "40",
            shell,
            "-c",
            script,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Opens the reader with the home's folders and `env` (`NAME=value` words) in a shell
    /// that says `SHELL-BACK <status>` when it has quit, and waits for its first screen.
    pub fn start_reader(&self, env: &str) {
        let script = format!(
            "export {}; {env} '{}'; echo SHELL-BACK $?; sleep 60",
            self.folders(),
            env!("CARGO_BIN_EXE_gongbao"),
        );
        self.open("sh", &script);
        self.wait("the first screen", |s| {
            s.contains("全部") && s.contains("篇")
        });
    }

    /// The pane as the user sees it.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", SESSION]).stdout)
            .into_owned()
    }

    /// The pane with its colours and attributes as escape sequences.
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-e", "-t", SESSION])
                .stdout,
        )
        .into_owned()
    }

    /// Polls the pane until `pred` holds, and returns that screen; fails with the last screen
    /// when it does not come.
    pub fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends keys (tmux's names, or text), then lets the reader take them.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Resizes the test's window.
    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        assert!(self
            .run(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h])
            .status
            .success());
    }

    /// `"1 1"` while the alternate screen and mouse reporting are on, `"0 0"` once both are off.
    pub fn screen_and_mouse_flags(&self) -> String {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            SESSION,
            "#{alternate_on} #{mouse_any_flag}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}
