//! An index update announced to other processes. The process that holds an index's writer
//! lock (a `gongbao import`, a `gongbao search` bringing the index up to date, another
//! reader) keeps a small file beside the lock, `updating`: its process id and how many
//! articles it has indexed of how many. It rewrites the file a few times a second while it
//! works and removes it when the lock is let go. A reader watching the same index reads the
//! file to show the update's progress on its status line, before the commit it waits for.
//!
//! Owns that file alone: it takes no lock and opens no index. A file left by a process that
//! died is told by its age ([`STALE`]) and ignored.

use super::Progress;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The file's name, in the cache folder of the pages (beside `build.lock`).
const FILE: &str = "updating";
/// How often the writer rewrites the file.
const EVERY: Duration = Duration::from_millis(250);
/// A file not rewritten for this long was left by a writer that died.
const STALE: Duration = Duration::from_secs(3);

/// Another process's update of an index, as its file last said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Announced {
    /// Articles indexed so far.
    pub done: usize,
    /// Articles to index; 0 while the pages are still being read.
    pub total: usize,
    /// This reader's own update (a page folder changed), not another process's.
    pub own: bool,
}

impl Announced {
    /// The status line's word on it: `另一个 gongbao 在更新索引 42%`, and once every article
    /// is indexed, while it commits, `另一个 gongbao 在写入索引`.
    #[must_use]
    pub fn label(&self) -> String {
        let who = if self.own {
            "版面有变化，正在"
        } else {
            "另一个 gongbao 在"
        };
        match (self.done * 100).checked_div(self.total) {
            Some(_) if self.done >= self.total => format!("{who}写入索引"),
            Some(p) => format!("{who}更新索引 {p}%"),
            None => format!("{who}更新索引"),
        }
    }
}

/// The announcement of this process's update: the file is kept fresh by a thread of its
/// own until this is dropped, which removes it.
pub(crate) struct Announcer {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    path: PathBuf,
}

impl Announcer {
    /// Starts announcing `progress` in the cache folder `dir`. Writing is best effort: a
    /// folder that cannot be written announces nothing.
    pub(crate) fn start(dir: &Path, progress: &Progress) -> Announcer {
        let path = dir.join(FILE);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (stop, path, progress) = (stop.clone(), path.clone(), progress.clone());
            std::thread::Builder::new()
                .name("gongbao-announce".into())
                .spawn(move || {
                    // The first write after one interval: a lock held for less (an index
                    // found current under it) announces nothing and writes no file.
                    std::thread::park_timeout(EVERY);
                    while !stop.load(Ordering::Relaxed) {
                        write(&path, &progress);
                        std::thread::park_timeout(EVERY);
                    }
                })
                .map_err(|e| tracing::warn!("cannot announce the index update: {e}"))
                .ok()
        };
        Announcer { stop, thread, path }
    }
}

impl Drop for Announcer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes the file (a temporary file renamed over it, so a reader never sees half of it).
fn write(path: &Path, progress: &Progress) {
    let (done, total) = progress.get();
    let text = format!("{} {done} {total}\n", std::process::id());
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The update another process announces in the cache folder `dir`, if one is under way:
/// `None` when there is no file, it is this process's own, it is stale or it cannot be read.
#[must_use]
pub fn read(dir: &Path) -> Option<Announced> {
    let path = dir.join(FILE);
    let age = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .unwrap_or_default();
    if age > STALE {
        return None;
    }
    parse(&std::fs::read_to_string(&path).ok()?, std::process::id())
}

/// The file's text, unless it is the process `me`'s.
fn parse(text: &str, me: u32) -> Option<Announced> {
    let mut it = text.split_whitespace().map(str::parse::<usize>);
    let (Some(Ok(pid)), Some(Ok(done)), Some(Ok(total))) = (it.next(), it.next(), it.next()) else {
        return None;
    };
    (pid != me as usize).then_some(Announced {
        done,
        total,
        own: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_says_how_far_and_is_gone_when_the_update_ends() {
        let dir = tempfile::tempdir().unwrap();
        let progress = Progress::default();
        progress.total.store(200, Ordering::Relaxed);
        progress.done.store(50, Ordering::Relaxed);
        let announcer = Announcer::start(dir.path(), &progress);
        let path = dir.path().join(FILE);
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !path.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // This process's own announcement is not another's update ...
        assert_eq!(read(dir.path()), None);
        // ... but says the same to any other process.
        assert_eq!(
            parse(&text, 0),
            Some(Announced {
                done: 50,
                total: 200,
                own: false
            })
        );
        drop(announcer);
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn what_the_status_line_says() {
        assert_eq!(
            parse("4242 30 120\n", 1).map(|u| u.label()),
            Some("另一个 gongbao 在更新索引 25%".to_string())
        );
        assert_eq!(
            parse("4242 0 0\n", 1).map(|u| u.label()),
            Some("另一个 gongbao 在更新索引".to_string())
        );
        assert_eq!(
            parse("4242 120 120\n", 1).map(|u| u.label()),
            Some("另一个 gongbao 在写入索引".to_string())
        );
        for bad in ["", "4242", "4242 x 3", "-1 2 3"] {
            assert_eq!(parse(bad, 1), None, "{bad:?}");
        }
    }

    #[test]
    fn a_file_left_by_a_writer_that_died_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, "999999999 10 20\n").unwrap();
        assert_eq!(
            read(dir.path()),
            Some(Announced {
                done: 10,
                total: 20,
                own: false
            })
        );
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(read(dir.path()), None);
    }
}
