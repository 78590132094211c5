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

/// A page copied into the `--pages` folder an open reader shows (or removed from it) is
/// parsed and indexed by the reader itself, which then shows it in the same place.
#[test]
fn a_page_copied_into_an_open_pages_folder_is_shown() {
    let Some(tmux) = Tmux::new("folder") else {
        return;
    };
    let pages = tmux.home().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let fixture = |name: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pages")
            .join(name)
    };
    std::fs::copy(fixture("p01_huizhou_columns.txt"), pages.join("a.txt")).unwrap();
    let script = format!(
        "export {}; '{}' --pages '{}'; echo SHELL-BACK $?; sleep 60",
        tmux.folders(),
        env!("CARGO_BIN_EXE_gongbao"),
        pages.display()
    );
    tmux.open("sh", &script);
    let before = tmux.wait("the first screen", |s| {
        s.contains("全部") && s.contains("篇")
    });
    assert!(!before.contains("技能夜校"), "{before}");
    // The reader's own index opens, and its watch has looked at the folder.
    std::thread::sleep(Duration::from_secs(3));
    std::fs::copy(fixture("p02_dongguan_paragraphs.txt"), pages.join("b.txt")).unwrap();
    tmux.wait("the reload", |t| {
        t.contains("已载入新的版面") && t.contains("新增 1 版")
    });
    tmux.keys(&["/"]);
    tmux.keys(&["技能夜校"]);
    tmux.wait("the new page's article found", |t| {
        t.contains("为模具行业职工开设技能夜校")
    });
    tmux.keys(&["Escape"]);
    std::fs::remove_file(pages.join("b.txt")).unwrap();
    tmux.wait("the page gone", |t| {
        t.contains("版面已更新") && t.contains("移除 1 版")
    });
    tmux.keys(&["q"]);
    let screen = tmux.wait("the shell", |t| t.contains("SHELL-BACK"));
    assert!(screen.contains("SHELL-BACK 0"), "exit status:\n{screen}");
}
