//! End to end, a reader open while `gongbao import` runs: the real binary in tmux (a server
//! of its own), a page imported from another process, and the reader shows it without a
//! restart (it reloads on the index's new commit), finds it with `/`, and quits cleanly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::tmux::Tmux;
use std::time::Duration;

fn import(t: &Tmux, page: &str) {
    let out = t
        .gongbao()
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
    let Some(tmux) = Tmux::new("import") else {
        return;
    };
    import(&tmux, "p01_huizhou_columns.txt");
    tmux.start_reader("");
    let before = tmux.screen();
    assert!(!before.contains("技能夜校"), "{before}");
    // The reader's own index opens and its watch looks at the commit it opened.
    std::thread::sleep(Duration::from_secs(3));
    import(&tmux, "p02_dongguan_paragraphs.txt");
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
