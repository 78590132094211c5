//! The reader's watch on its library: when another gongbao (an import) commits to the index
//! of the reader's pages, the corpus and its index are opened again in a thread of their
//! own and handed to the event loop, which swaps them in with [`super::app::App::reload`]
//! (the place and state kept). Looks at one file's time (the index's `meta.json`, rewritten
//! by every commit) at most once a second; reads no page unless it changed.
//! At the same pace it reads the update the writer announces ([`announce`]), whose
//! progress the status line shows while the reader waits for the commit.
//!
//! It also looks at the times of the folders the pages come from (each `--pages` folder,
//! the config's page folders): a page copied into one, changed by renaming over it or
//! removed changes its folder's time, and the reader then updates the parsed model and the
//! index itself, in the same thread, a page at a time (as `gongbao search` would), shows
//! its progress, and swaps the result in.

use crate::load::Reopen;
use crate::model::Corpus;
use crate::search::announce::{self, Announced};
use crate::search::{
    index::index_folder_name, index_spec, open_current, refresh_located, IndexSpec, Progress,
    Searcher,
};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

/// How often the index's commit is looked at.
const EVERY: Duration = Duration::from_secs(1);

/// The corpus and index opened again.
pub struct Reloaded {
    pub corpus: Corpus,
    pub searcher: Searcher,
    pub spec: IndexSpec,
    /// Pages that could not be loaded, as messages.
    pub errors: Vec<String>,
}

/// Watches the index of a source for commits by other processes.
pub struct Watch {
    reopen: Reopen,
    /// The index's `meta.json`.
    meta: PathBuf,
    /// Its time when last looked at (`Some(None)`: it did not exist); `None` while the
    /// reader's own index is not open (its own build commits too).
    seen: Option<Option<SystemTime>>,
    /// The fingerprint of the pages the reader shows: a commit of the same pages (a merge)
    /// is not a reload.
    showing: Option<u64>,
    last: Option<Instant>,
    job: Option<Receiver<Option<Reloaded>>>,
    /// The cache folder of the pages, where a writer announces its update.
    cache_dir: PathBuf,
    /// The update another process announced when last looked at.
    other: Option<Announced>,
    /// The pages' folders and their times when last looked at.
    folders: Vec<(PathBuf, Option<SystemTime>)>,
    /// The progress of this reader's own update, while it runs.
    updating: Option<Progress>,
}

/// A file's modification time, if it can be read.
fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Watch {
    /// A watch on the index of `reopen`'s pages; `showing`: the fingerprint of the pages the
    /// reader opened with (`None` for pages without an index on disk).
    #[must_use]
    pub fn new(reopen: Reopen, showing: Option<u64>) -> Watch {
        let cache_dir = reopen.cache_dir();
        let meta = cache_dir.join(index_folder_name()).join("meta.json");
        let folders = reopen
            .watched()
            .into_iter()
            .map(|f| {
                let t = modified(&f);
                (f, t)
            })
            .collect();
        Watch {
            reopen,
            meta,
            cache_dir,
            other: None,
            seen: None,
            showing,
            last: None,
            job: None,
            folders,
            updating: None,
        }
    }

    /// Called by the event loop, often. `ready`: the reader's own index is open. Returns
    /// the corpus and index to swap in, once another process's commit has been opened.
    pub fn tick(&mut self, ready: bool) -> Option<Reloaded> {
        if let Some(rx) = &self.job {
            match rx.try_recv() {
                Ok(found) => {
                    self.job = None;
                    if let Some(r) = &found {
                        self.showing = r.spec.dir.as_ref().map(|_| r.spec.fingerprint);
                    }
                    if self.updating.take().is_some() {
                        // This reader's own commit is not another's to reload.
                        self.seen = Some(modified(&self.meta));
                    }
                    return found;
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => self.job = None,
            }
        }
        if !ready {
            self.seen = None;
            return None;
        }
        if self.last.is_some_and(|t| t.elapsed() < EVERY) {
            return None;
        }
        self.last = Some(Instant::now());
        self.other = announce::read(&self.cache_dir);
        let now = modified(&self.meta);
        match self.seen {
            None => self.seen = Some(now),
            Some(before) if before != now => {
                self.seen = Some(now);
                self.spawn(false);
                return None;
            }
            Some(_) => {}
        }
        let mut moved = false;
        for (folder, seen) in &mut self.folders {
            let now = modified(folder);
            if now != *seen {
                *seen = now;
                moved = true;
            }
        }
        if moved {
            tracing::info!("a page folder changed; updating the model and index");
            self.spawn(true);
        }
        None
    }

    /// The update of the index another process announces (as of the last look, at most a
    /// second ago): the reader shows its progress until the commit is reloaded.
    #[must_use]
    pub fn other_update(&self) -> Option<Announced> {
        self.updating
            .as_ref()
            .map(|p| {
                let (done, total) = p.get();
                Announced {
                    done,
                    total,
                    own: true,
                }
            })
            .or(self.other)
    }

    /// Whether a reload is being opened.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Opens the corpus and index again in a thread; `update`: first bring the model and
    /// index up to date with the page files (a folder of them changed).
    fn spawn(&mut self, update: bool) {
        let reopen = self.reopen.clone();
        let showing = self.showing;
        let progress = Progress::default();
        let shown = progress.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("gongbao-reload".into())
            .spawn(move || {
                if update {
                    let located = reopen.locate();
                    match refresh_located(&located, reopen.paths(), false, &progress) {
                        Ok(Some(done)) => tracing::info!(
                            "updated for the pages' folders: {} page file(s) parsed, {:?}",
                            done.parsed,
                            done.opened
                        ),
                        Ok(None) => {}
                        Err(e) => tracing::warn!("updating the index: {e}"),
                    }
                }
                let _ = tx.send(reopen_current(&reopen, showing));
            });
        match spawned {
            Ok(_) => {
                self.job = Some(rx);
                self.updating = update.then_some(shown);
            }
            Err(e) => tracing::warn!("cannot start the reload thread: {e}"),
        }
    }
}

/// The corpus of `reopen` and its index, if the index holds exactly those pages now and
/// they are not the pages `showing` already.
fn reopen_current(reopen: &Reopen, showing: Option<u64>) -> Option<Reloaded> {
    let loaded = reopen.open();
    let set = loaded.set.as_ref()?;
    if Some(set.fingerprint) == showing {
        return None;
    }
    let spec = index_spec(set);
    match open_current(&spec) {
        Ok(Some(searcher)) => {
            tracing::info!(
                "the index holds other pages now; reloading {} articles",
                loaded.corpus.len()
            );
            Some(Reloaded {
                corpus: loaded.corpus,
                searcher,
                spec,
                errors: loaded.errors,
            })
        }
        // Not current yet (the writer goes on): its next commit is looked at again.
        Ok(None) => None,
        Err(e) => {
            tracing::warn!("reloading: {e}");
            None
        }
    }
}
