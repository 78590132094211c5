//! The reader's watch on its library: when another gongbao (an import) commits to the index
//! of the reader's pages, the corpus and its index are opened again in a thread of their
//! own and handed to the event loop, which swaps them in with [`super::app::App::reload`]
//! (the place and state kept). Looks at one file's time (the index's `meta.json`, rewritten
//! by every commit) at most once a second; reads no page unless it changed, and writes
//! nothing but what opening a corpus writes (the parsed-model cache, when it is behind).
//! At the same pace it reads the update the writer announces ([`announce`]), whose
//! progress the status line shows while the reader waits for the commit.

use crate::load::Reopen;
use crate::model::Corpus;
use crate::search::announce::{self, Announced};
use crate::search::{index::index_folder_name, index_spec, open_current, IndexSpec, Searcher};
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
}

impl Watch {
    /// A watch on the index of `reopen`'s pages; `showing`: the fingerprint of the pages the
    /// reader opened with (`None` for pages without an index on disk).
    #[must_use]
    pub fn new(reopen: Reopen, showing: Option<u64>) -> Watch {
        let cache_dir = reopen.cache_dir();
        let meta = cache_dir.join(index_folder_name()).join("meta.json");
        Watch {
            reopen,
            meta,
            cache_dir,
            other: None,
            seen: None,
            showing,
            last: None,
            job: None,
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
        let now = std::fs::metadata(&self.meta)
            .and_then(|m| m.modified())
            .ok();
        match self.seen {
            None => self.seen = Some(now),
            Some(before) if before != now => {
                self.seen = Some(now);
                self.spawn();
            }
            Some(_) => {}
        }
        None
    }

    /// The update of the index another process announces (as of the last look, at most a
    /// second ago): the reader shows its progress until the commit is reloaded.
    #[must_use]
    pub fn other_update(&self) -> Option<Announced> {
        self.other
    }

    /// Whether a reload is being opened.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    fn spawn(&mut self) {
        let reopen = self.reopen.clone();
        let showing = self.showing;
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("gongbao-reload".into())
            .spawn(move || {
                let _ = tx.send(reopen_current(&reopen, showing));
            });
        match spawned {
            Ok(_) => self.job = Some(rx),
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
                "another gongbao updated the index; reloading {} articles",
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
