//! End to end, nothing out of sight: the real binary in tmux (a tmux server of its own).
//! `v` shows the open article's lines on its page and closes again; `/` with a word that only
//! a page banner holds lists the page, and Enter shows the page as printed at its banner.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::tmux::Tmux;
use std::time::{Duration, Instant};

#[test]
fn source_view_and_a_banner_search_in_tmux() {
    let Some(t) = Tmux::new("source") else {
        return;
    };
    t.start_reader("");

    // v: the first article's lines on page 000, its own marked 本文.
    t.keys(&["v"]);
    // Waited for whole: tmux may be caught between two rows of a frame.
    t.wait("the source view", |s| {
        s.contains("原版 · 版面 000")
            && s.contains("本文 本报讯（全媒体记者许接英")
            && s.contains("v 关闭原版")
    });
    // Further down the page, the next article's lines are drawn dim (SGR 2).
    t.keys(&["G"]);
    let start = Instant::now();
    while !t.screen_with_escapes().contains("\u{1b}[2m") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no dimmed line at the page's end:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["v"]);
    t.wait("the reader again", |s| {
        s.contains("阅读") && !s.contains("原版")
    });

    // A word only the banner of page 004 holds: a page-level hit; Enter shows the page.
    t.keys(&["/"]);
    t.keys(&["-l", "开新局"]);
    t.wait("the page-level hit", |s| {
        s.contains("版面 004 · 版头") && s.contains("0 篇 + 1 版面")
    });
    t.keys(&["Enter"]);
    let screen = t.wait("page 004 as printed", |s| s.contains("原版 · 版面 004"));
    assert!(
        screen.contains("版头 ## 团结奋斗开新局 喜迎工会十八大"),
        "{screen}"
    );
    t.keys(&["Escape"]);
    t.wait("the reader again", |s| !s.contains("原版"));
    t.keys(&["q"]);
    let screen = t.wait("the shell", |s| s.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "exit status:\n{screen}");
}
