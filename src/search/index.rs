//! Where an index lives and how it comes to be: built in RAM (the embedded seeds) or in a
//! cache folder whose name changes with the schema and the text analysis; a version payload in
//! every commit, checked on open; an index of other pages brought up to date a page at a
//! time (`update`); a missing, corrupt or other-version index moved aside and rebuilt; one
//! writer at a time (a lock file beside the index); building in a background thread with
//! progress the reader can show.
//!
//! A little past 600 lines: opening, healing and building share the lock and the version
//! check, and stay together so that no path opens an index without them.

use super::announce;
use super::schema::{self, register_tokenizers, SCHEMA_VERSION};
use super::searcher::Searcher;
use super::tokenizer::{analysis_fingerprint, JiebaTokenizer};
use super::update::{self, Change, PagesSource, Payload};
use super::SearchError;
use crate::model::Corpus;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use tantivy::directory::MmapDirectory;
use tantivy::Index;

/// The name of the index folder for this build of gongbao: it changes with the schema and with
/// everything that decides how text is cut (tokenizers, jieba version, dictionary).
#[must_use]
pub fn index_folder_name() -> String {
    format!("index-s{SCHEMA_VERSION}-{:016x}", analysis_fingerprint())
}

/// Where to keep an index and what pages it must reflect.
#[derive(Debug, Clone)]
pub struct IndexSpec {
    /// The library's cache folder (the index goes in a subfolder); `None` builds in RAM.
    pub dir: Option<PathBuf>,
    /// The pages' fingerprint (see [`crate::load::cache::fingerprint`]).
    pub fingerprint: u64,
}

impl IndexSpec {
    /// An index in RAM.
    #[must_use]
    pub fn in_ram() -> IndexSpec {
        IndexSpec {
            dir: None,
            fingerprint: 0,
        }
    }

    /// The index folder, if on disk.
    #[must_use]
    pub fn index_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(index_folder_name()))
    }
}

/// How far a build has got: articles handed to the writer out of the total. Cheap to clone and
/// read from another thread (the reader's status line).
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub done: Arc<AtomicUsize>,
    pub total: Arc<AtomicUsize>,
}

impl Progress {
    /// `(done, total)`.
    #[must_use]
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// How the searcher came to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// An index on disk was current and opened as it was.
    Existing,
    /// Built now (in RAM, or on disk where there was none).
    Built,
    /// The index on disk held other pages: the pages added, changed or removed since were
    /// indexed alone.
    Updated(Change),
    /// The index on disk could not be used; it was moved to `moved_to` and rebuilt.
    Rebuilt {
        reason: String,
        moved_to: Option<PathBuf>,
    },
}

/// Opens the index in `spec` if it exists, is readable and reflects the pages; `Ok(None)`
/// otherwise (the reason is logged). Never loads jieba.
///
/// # Errors
/// Never for a bad index (that is `Ok(None)`); kept fallible for I/O surprises.
pub fn open_current(spec: &IndexSpec) -> Result<Option<Searcher>, SearchError> {
    let Some(dir) = spec.index_dir() else {
        return Ok(None);
    };
    Ok(check(&dir, spec.fingerprint).ok())
}

/// Why an index on disk cannot be used as it is.
enum Unusable {
    Missing,
    /// Of this version, holding other pages (or an unfinished build): updated in place.
    Stale(Box<Index>),
    Broken(String),
}

fn check(dir: &Path, fingerprint: u64) -> Result<Searcher, Unusable> {
    if !dir.join("meta.json").exists() {
        return Err(Unusable::Missing);
    }
    let index = Index::open_in_dir(dir).map_err(|e| Unusable::Broken(e.to_string()))?;
    let metas = index
        .load_metas()
        .map_err(|e| Unusable::Broken(e.to_string()))?;
    if metas.payload.is_none() && metas.segments.is_empty() {
        // Created, never committed: a build stopped before its first commit.
        return Err(Unusable::Missing);
    }
    let payload: Payload = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .ok_or_else(|| Unusable::Broken("its commit carries no gongbao version".into()))?;
    let want = Payload::new(fingerprint, payload.articles);
    if payload.schema != want.schema
        || payload.analysis != want.analysis
        || payload.parser != want.parser
    {
        return Err(Unusable::Broken(format!(
            "it was built by another version (schema {}, analysis {}, parser {})",
            payload.schema, payload.analysis, payload.parser
        )));
    }
    if payload.pages != want.pages {
        return Err(Unusable::Stale(Box::new(index)));
    }
    register_tokenizers(&index, JiebaTokenizer::default());
    let searcher = Searcher::new(index).map_err(|e| Unusable::Broken(e.to_string()))?;
    if searcher.num_docs() != payload.articles as u64 {
        return Err(Unusable::Broken(format!(
            "it holds {} articles where its commit says {}",
            searcher.num_docs(),
            payload.articles
        )));
    }
    Ok(searcher)
}

/// Opens the index in `spec`, or builds it from `corpus()` (called only if needed). A corrupt
/// or outdated index is moved aside (to `<folder>.old`, replacing an older one) and rebuilt.
/// While another process builds the same index, this waits for it, then opens its result.
///
/// # Errors
/// When the index cannot be written (disk full, no permission...).
pub fn open_or_build(
    spec: &IndexSpec,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    let Some(dir) = spec.index_dir() else {
        let c = corpus.corpus();
        return Ok((build(&c, None, spec.fingerprint, progress)?, Opened::Built));
    };
    let unusable = match check(&dir, spec.fingerprint) {
        Ok(s) => return Ok((s, Opened::Existing)),
        Err(u) => u,
    };
    let lock = writer_lock(spec, &dir, progress)?;
    // Under the lock: someone else may have built it meanwhile.
    let unusable = match check(&dir, spec.fingerprint) {
        Ok(s) => return Ok((s, Opened::Existing)),
        Err(Unusable::Missing) => unusable,
        Err(u) => u,
    };
    let opened = match unusable {
        Unusable::Stale(index) => {
            if let Some(searcher) = update_in_place(*index, &dir, spec, corpus, progress)? {
                drop(lock);
                return Ok(searcher);
            }
            set_aside(&dir, "it holds no list of its pages".into())
        }
        Unusable::Missing => {
            if dir.exists() {
                // A folder without a commit: a build stopped before it committed anything.
                let _ = std::fs::remove_dir_all(&dir);
            }
            Opened::Built
        }
        Unusable::Broken(reason) => set_aside(&dir, reason),
    };
    let searcher = build_in(&dir, spec.fingerprint, corpus, progress)?;
    drop(lock);
    Ok((searcher, opened))
}

/// Creates `dir` and builds the index of `corpus()` in it.
fn build_in(
    dir: &Path,
    fingerprint: u64,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<Searcher, SearchError> {
    std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    let c = corpus.corpus();
    let searcher = build(&c, Some(dir), fingerprint, progress)?;
    remove_other_versions(dir);
    Ok(searcher)
}

/// Removes the index folders of other versions of gongbao beside `dir` (`index-s5-…` once
/// `index-s6-…` is built, with their `.old` and `checked-` files): no build of this one
/// opens them again, and at a million articles each is 2 GB.
fn remove_other_versions(dir: &Path) {
    let (Some(parent), Some(own)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let Ok(rd) = std::fs::read_dir(parent) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let index = name.strip_prefix("checked-").unwrap_or(name);
        let index = index.strip_suffix(".json").unwrap_or(index);
        let index = index.strip_suffix(".old").unwrap_or(index);
        if index.starts_with("index-s") && index != own {
            let p = e.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

/// Moves an index that cannot be used aside, saying why in the log.
fn set_aside(dir: &Path, reason: String) -> Opened {
    let moved_to = move_aside(dir);
    tracing::warn!(
        "search index {} cannot be used ({reason}); moved to {}; rebuilding",
        dir.display(),
        moved_to
            .as_ref()
            .map_or_else(|| "nowhere".into(), |p| p.display().to_string())
    );
    Opened::Rebuilt { reason, moved_to }
}

/// Checks every file of an index against the checksum tantivy wrote in its footer. `None`
/// when all match; otherwise why the index is damaged (the files that fail, or what reading
/// them failed with). Reads the whole index: run it off the reader's thread.
#[must_use]
pub fn damage(index: &Index) -> Option<String> {
    match crate::panics::catch(|| index.validate_checksum()) {
        Ok(Ok(bad)) if bad.is_empty() => None,
        Ok(Ok(bad)) => {
            let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            Some(format!(
                "damaged: {} fail their checksums",
                names.join(", ")
            ))
        }
        Ok(Err(e)) => Some(format!("damaged: {e}")),
        Err(panic) => Some(format!("damaged: checking it panicked ({panic})")),
    }
}

/// The name, size and modification time of each file in an index folder, sorted: what
/// [`open_checked`] compares with what it recorded after the last check.
fn stamps(dir: &Path) -> Vec<(String, u64, u128)> {
    let mut v: Vec<(String, u64, u128)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let m = e.metadata().ok()?;
                    let modified = m
                        .modified()
                        .ok()?
                        .duration_since(std::time::UNIX_EPOCH)
                        .ok()?
                        .as_nanos();
                    Some((
                        e.file_name().to_string_lossy().into_owned(),
                        m.len(),
                        modified,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Where the stamps of an index folder's last good check are kept: beside it, not in it
/// (tantivy owns its folder).
fn stamp_file(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("checked-{name}.json"))
}

/// Records that the files in `dir` are as checked (or just built).
fn mark_checked(dir: &Path) {
    if let Ok(json) = serde_json::to_string(&stamps(dir)) {
        if let Err(e) = std::fs::write(stamp_file(dir), json) {
            tracing::debug!("cannot record the index check: {e}");
        }
    }
}

/// Whether no file in `dir` changed (size or time) since its last good check.
fn unchanged_since_check(dir: &Path) -> bool {
    std::fs::read_to_string(stamp_file(dir))
        .ok()
        .and_then(|t| serde_json::from_str::<Vec<(String, u64, u128)>>(&t).ok())
        .is_some_and(|recorded| recorded == stamps(dir))
}

/// Opens the index in `spec` or builds it, like [`open_or_build`]; an index that was on disk
/// already is then checked against its checksums ([`damage`]) and, if damaged, moved aside
/// and rebuilt. `always`: check every time (the reader, off its thread); otherwise only when
/// a file of the index changed since its last good check (`gongbao search`, which must stay
/// quick: a check reads the whole index, 38 MB at 10,000 articles).
///
/// # Errors
/// When the index cannot be written.
pub fn open_checked_with(
    spec: &IndexSpec,
    always: bool,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    let (searcher, opened) = open_or_build(spec, corpus, progress)?;
    let Some(dir) = spec.index_dir() else {
        return Ok((searcher, opened));
    };
    if opened != Opened::Existing || (!always && unchanged_since_check(&dir)) {
        if opened != Opened::Existing {
            mark_checked(&dir);
        }
        return Ok((searcher, opened));
    }
    match damage(searcher.index()) {
        None => {
            mark_checked(&dir);
            Ok((searcher, opened))
        }
        Some(reason) => {
            drop(searcher);
            let rebuilt = rebuild(spec, reason, corpus, progress)?;
            mark_checked(&dir);
            Ok(rebuilt)
        }
    }
}

/// Opens the index in `spec` or builds it, like [`open_or_build`]; an index that was on disk
/// already is then checked against its checksums ([`damage`]) and, if damaged, moved aside
/// and rebuilt. This is how the reader opens its index (off its thread).
///
/// # Errors
/// When the index cannot be written.
pub fn open_checked(
    spec: &IndexSpec,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    open_checked_with(spec, true, corpus, progress)
}

/// After a query failed or panicked: checks the index in `spec` against its checksums and,
/// if it is damaged (or cannot even be opened), moves it aside and rebuilds it. An index that
/// passes is opened again as it is (`Opened::Existing`): the failure was not its files'.
///
/// # Errors
/// When the index cannot be written.
pub fn heal(
    spec: &IndexSpec,
    failure: &str,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    let Some(dir) = spec.index_dir() else {
        // In RAM: nothing on disk to be damaged; build afresh.
        let c = corpus.corpus();
        return Ok((build(&c, None, spec.fingerprint, progress)?, Opened::Built));
    };
    let reason = match check(&dir, spec.fingerprint) {
        Ok(searcher) => match damage(searcher.index()) {
            None => return Ok((searcher, Opened::Existing)),
            Some(d) => d,
        },
        Err(Unusable::Missing) => return open_or_build(spec, corpus, progress),
        // Of other pages: if its files are sound, brought up to date as on any open.
        Err(Unusable::Stale(index)) => match damage(&index) {
            None => {
                drop(index);
                return open_or_build(spec, corpus, progress);
            }
            Some(d) => d,
        },
        Err(Unusable::Broken(r)) => r,
    };
    let rebuilt = rebuild(
        spec,
        format!("a query failed ({failure}); {reason}"),
        corpus,
        progress,
    )?;
    mark_checked(&dir);
    Ok(rebuilt)
}

/// Moves the index in `spec` aside (under the build lock) and builds it anew.
fn rebuild(
    spec: &IndexSpec,
    reason: String,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    let Some(dir) = spec.index_dir() else {
        let c = corpus.corpus();
        return Ok((build(&c, None, spec.fingerprint, progress)?, Opened::Built));
    };
    let lock = writer_lock(spec, &dir, progress)?;
    let opened = set_aside(&dir, reason);
    let searcher = build_in(&dir, spec.fingerprint, corpus, progress)?;
    drop(lock);
    Ok((searcher, opened))
}

/// The index's writer lock, held: while it is, the update's `progress` is announced to
/// other processes ([`announce`]).
struct Writer {
    _lock: File,
    _announcer: announce::Announcer,
}

/// Takes the index's writer lock (a lock file beside it), waiting while another gongbao
/// holds it, and announces `progress` until it is let go.
fn writer_lock(spec: &IndexSpec, dir: &Path, progress: &Progress) -> Result<Writer, SearchError> {
    let parent = spec.dir.clone().unwrap_or_default();
    std::fs::create_dir_all(&parent).map_err(|e| SearchError::io(&parent, e))?;
    let lock_path = parent.join("build.lock");
    let lock = crate::paths::lock_file(&lock_path, || {
        tracing::info!(
            "another gongbao is building the index in {}; waiting for it",
            dir.display()
        );
    })
    .map_err(|e| SearchError::io(&lock_path, e))?;
    Ok(Writer {
        _lock: lock,
        _announcer: announce::Announcer::start(&parent, progress),
    })
}

/// Makes the index in `spec` hold exactly the pages of `corpus` now, even where its
/// fingerprint says it is current (a page edited in place, found by `library --verify`):
/// an index of this version is compared page by page with the corpus and updated; any
/// other is opened or built as by [`open_or_build`].
///
/// # Errors
/// When the index cannot be written.
pub fn refresh(
    spec: &IndexSpec,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<(Searcher, Opened), SearchError> {
    let Some(dir) = spec.index_dir() else {
        return open_or_build(spec, corpus, progress);
    };
    if check(&dir, spec.fingerprint).is_ok() {
        let lock = writer_lock(spec, &dir, progress)?;
        if check(&dir, spec.fingerprint).is_ok() {
            let index =
                Index::open_in_dir(&dir).map_err(|e| SearchError::tantivy(Some(&dir), &e))?;
            if let Some(done) = update_in_place(index, &dir, spec, corpus, progress)? {
                drop(lock);
                return Ok(done);
            }
        }
        drop(lock);
    }
    open_or_build(spec, corpus, progress)
}

/// Brings an index of this version up to date with `corpus.pages()`, a page at a time; `None` when
/// it keeps no list of its pages (it must be rebuilt).
fn update_in_place(
    index: Index,
    dir: &Path,
    spec: &IndexSpec,
    corpus: &mut dyn PagesSource,
    progress: &Progress,
) -> Result<Option<(Searcher, Opened)>, SearchError> {
    let err = |e: tantivy::TantivyError| SearchError::tantivy(Some(dir), &e);
    let opstamp = index.load_metas().map_err(err)?.opstamp;
    let Some(held) = update::read_held(dir, opstamp) else {
        return Ok(None);
    };
    // Jieba loads only if a page is added (a removal cuts no text).
    register_tokenizers(&index, JiebaTokenizer::default());
    let c = corpus.pages();
    let change = update::apply(
        &index,
        Some(dir),
        held,
        c.as_ref(),
        spec.fingerprint,
        progress,
        false,
    )?;
    tracing::info!("search index {}: {}", dir.display(), change.describe());
    let searcher = Searcher::new(index).map_err(err)?;
    Ok(Some((searcher, Opened::Updated(change))))
}

/// Moves a folder to `<folder>.old` (removing an older one); deletes it if that fails.
fn move_aside(dir: &Path) -> Option<PathBuf> {
    let mut aside = dir.as_os_str().to_owned();
    aside.push(".old");
    let aside = PathBuf::from(aside);
    if aside.exists() {
        let _ = std::fs::remove_dir_all(&aside);
    }
    match std::fs::rename(dir, &aside) {
        Ok(()) => Some(aside),
        Err(e) => {
            tracing::warn!("cannot move {} aside ({e}); removing it", dir.display());
            let _ = std::fs::remove_dir_all(dir);
            None
        }
    }
}

/// Builds an index of `corpus` in `dir` (which must be empty), or in RAM. Loads jieba.
///
/// # Errors
/// When tantivy cannot write the index.
pub fn build(
    corpus: &Corpus,
    dir: Option<&Path>,
    fingerprint: u64,
    progress: &Progress,
) -> Result<Searcher, SearchError> {
    let (schema, _) = schema::schema();
    let index = match dir {
        Some(d) => {
            let mmap = MmapDirectory::open(d).map_err(|e| SearchError::Index {
                dir: d.to_path_buf(),
                message: e.to_string(),
            })?;
            Index::create(mmap, schema, tantivy::IndexSettings::default())
        }
        None => Ok(Index::create_in_ram(schema)),
    }
    .map_err(|e| SearchError::tantivy(dir, &e))?;
    register_tokenizers(
        &index,
        JiebaTokenizer::with_dict(super::tokenizer::shared_jieba()),
    );
    update::apply(
        &index,
        dir,
        update::Held::default(),
        corpus,
        fingerprint,
        progress,
        true,
    )?;
    Searcher::new(index).map_err(|e| SearchError::tantivy(dir, &e))
}

/// An index being opened or built in a background thread.
pub struct IndexJob {
    pub progress: Progress,
    rx: mpsc::Receiver<Result<(Searcher, Opened), SearchError>>,
}

impl IndexJob {
    /// Starts opening or building the index of `corpus` in a thread of its own; an index
    /// found on disk is checked against its checksums there when a file of it changed since
    /// its last good check ([`open_checked_with`], as `gongbao search` does: checking reads
    /// the whole index, 2 GiB at a million articles, which held a start back and took as
    /// much of the reader's memory). A query that fails has it checked at once ([`heal`]).
    /// The jieba dictionary loads in that thread too, before the index is handed over.
    #[must_use]
    pub fn spawn(corpus: Arc<Corpus>, spec: IndexSpec) -> IndexJob {
        IndexJob::start(
            move |get, p| open_checked_with(&spec, false, get, p),
            corpus,
        )
    }

    /// Starts [`heal`]ing the index in `spec` after a query failed with `failure`.
    #[must_use]
    pub fn heal(corpus: Arc<Corpus>, spec: IndexSpec, failure: String) -> IndexJob {
        IndexJob::start(move |get, p| heal(&spec, &failure, get, p), corpus)
    }

    fn start<F>(work: F, corpus: Arc<Corpus>) -> IndexJob
    where
        F: FnOnce(&mut dyn PagesSource, &Progress) -> Result<(Searcher, Opened), SearchError>
            + Send
            + 'static,
    {
        let progress = Progress::default();
        let (tx, rx) = mpsc::channel();
        let p = progress.clone();
        let spawned = std::thread::Builder::new()
            .name("gongbao-index".into())
            .spawn(move || {
                let mut get = || corpus.clone();
                let result = crate::panics::catch(|| work(&mut get, &p)).unwrap_or_else(|panic| {
                    Err(SearchError::Tantivy(format!("panicked: {panic}")))
                });
                // Related articles cut the open article with jieba: load the dictionary here,
                // so the reader's thread never waits for it. Queries do not need it.
                if result.is_ok() {
                    let _ = super::tokenizer::shared_jieba();
                }
                let _ = tx.send(result);
            });
        if let Err(e) = spawned {
            tracing::error!("cannot start the indexing thread: {e}");
        }
        IndexJob { progress, rx }
    }

    /// The result, once the thread has finished; `None` while it runs (and after the result was
    /// taken once).
    pub fn poll(&self) -> Option<Result<(Searcher, Opened), SearchError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => None,
        }
    }

    /// Waits for the result.
    ///
    /// # Errors
    /// What the build failed with, or [`SearchError::Thread`] if the thread died.
    pub fn wait(self) -> Result<(Searcher, Opened), SearchError> {
        self.rx.recv().map_err(|_| SearchError::Thread)?
    }
}
