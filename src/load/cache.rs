//! The parsed-model cache, so the reader starts on a big library without re-parsing it and
//! a page added to it costs that page alone. The corpus is kept in the page set's cache
//! folder (where the search index lives too), page file by page file (path, size,
//! modification time, a hash of the bytes, the parsed page), with a fingerprint of the
//! whole set (paths, the folders' modification times, the parser) that says when no file
//! needs a look ([`set`]). When the set changed, only the files whose size or time changed
//! are read, only those whose bytes changed parsed, and only those written ([`store`]: a
//! manifest and append-only segments). A corpus read from the cache holds its articles'
//! heads; their bodies stay in the segments until an article is opened ([`bodies`]). An
//! update of the search index takes the set as a [`PageList`] ([`list`]) instead: the
//! manifest's ids, hashes and article counts, with only the pages it adds decoded.
//! Knows nothing of the search index: `search` takes the folder and fingerprint from a
//! [`PageSet`].

mod bodies;
mod list;
mod listing;
mod set;
mod store;

pub use list::{PageList, PagesLoad};
pub use set::{set_dir, PageSet};

use crate::error::PageError;
use crate::hash::fnv64;
use crate::model::{Corpus, HeadsBuilder, Page, PageHeads};
use crate::parse::parse_page;
use crate::paths::Paths;
use rayon::prelude::*;
use set::{size_and_time, with_metadata, Source};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use store::Entry;

/// Bump when the parser's output or the cache's form changes without a crate version change.
pub const MODEL_VERSION: u32 = 6;
/// The cache's folder inside the page set's.
const MODEL_DIR: &str = "model";

/// What [`load_corpus_cached`] gives.
#[derive(Debug)]
pub struct CachedLoad {
    /// The pages; the articles of pages that came from the cache without their bodies
    /// (read when asked for: [`Corpus::whole`]).
    pub corpus: Corpus,
    /// Pages (or folders) that could not be loaded, as messages.
    pub errors: Vec<String>,
    /// The page files and their cache folder.
    pub set: PageSet,
    /// Whether the corpus came from the cache untouched (no page file needed a look).
    pub from_cache: bool,
    /// How many page files were parsed now (the others came from the cache).
    pub parsed: usize,
}

/// Loads `pages` like [`crate::load::load_corpus`], through the parsed-model cache: a page
/// file whose size and modification time (or, where those cannot be trusted, bytes) are as
/// cached is not parsed again; an added or changed one is parsed alone and written alone;
/// the manifest is rewritten when anything changed. A cache that cannot be read is ignored
/// (and rewritten); one that cannot be written is only logged.
#[must_use]
pub fn load_corpus_cached(pages: &[PathBuf], paths: &Paths) -> CachedLoad {
    load_cached(Source::Pages(pages), paths, false)
}

/// The default corpus (the embedded seeds, then `files`: the library's and the config
/// folders' page files) like [`crate::load::seeds_and_files`], through the same cache as
/// [`load_corpus_cached`], in a folder of its own.
#[must_use]
pub fn load_default_cached(files: &[PathBuf], paths: &Paths) -> CachedLoad {
    load_cached(Source::Default(files), paths, false)
}

/// [`load_default_cached`], trusting nothing: every page file is read and its bytes
/// compared with the cache's (a page edited by hand in the library is found and parsed
/// again). `gongbao library --verify`.
#[must_use]
pub fn verify_default(files: &[PathBuf], paths: &Paths) -> CachedLoad {
    load_cached(Source::Default(files), paths, true)
}

/// The page set of `--pages` (`Some`) or of the default corpus (`files`), as an update of
/// its search index needs it: like [`load_corpus_cached`] (or [`verify_default`] when
/// `verify`), parsing and writing only what changed, but decoding no page it kept (the
/// index reads those it must add when it adds them).
#[must_use]
pub fn load_pages_cached(
    pages: Option<&[PathBuf]>,
    files: &[PathBuf],
    paths: &Paths,
    verify: bool,
) -> PagesLoad {
    match pages {
        Some(p) => list::load(Source::Pages(p), paths, false),
        None => list::load(Source::Default(files), paths, verify),
    }
}

/// What the parser is: the crate and model versions and the running program's size and
/// time (another build may parse the same pages otherwise). Part of every fingerprint.
#[must_use]
pub fn parser_stamp() -> u64 {
    static STAMP: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *STAMP.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| size_and_time(&m))
            .unwrap_or_default();
        fnv64(&[
            env!("CARGO_PKG_VERSION").as_bytes(),
            &MODEL_VERSION.to_le_bytes(),
            &exe,
        ])
    })
}

fn nanos(t: std::time::SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// One input of the page set as this load has it: its entry, and the page (`None` for a
/// file that is no page, or a kept page whose head is still to be read). `fresh`: parsed
/// now (the page is whole, and to be written); otherwise `heads` are its articles' heads
/// once read.
struct Read {
    entry: Entry,
    page: Option<Page>,
    heads: Option<PageHeads>,
    fresh: bool,
}

/// What to do with one input of the page set.
enum Task {
    /// The cached entry stands.
    Keep(Entry),
    /// Read the file (and parse it unless its bytes are those of `old`).
    Look {
        path: PathBuf,
        meta: std::fs::Metadata,
        old: Option<Entry>,
    },
    /// An embedded seed not in the cache.
    Seed(&'static str, &'static [u8]),
    /// A file that could not be stat-ed.
    Unreadable(PathBuf),
}

/// The inputs of a page set as read now: kept entries (heads not yet read) and pages parsed
/// now, before anything is written.
struct Stage {
    dir: PathBuf,
    set: PageSet,
    reads: Vec<Read>,
    errors: Vec<String>,
    /// The segments the manifest read named.
    before: HashSet<u64>,
    /// Whether the manifest must be rewritten whatever the pages give (a page removed, the
    /// set's fingerprint moved, a file that cannot be read).
    stale: bool,
    default: bool,
}

/// `verify`: trust no size or time, compare every file's bytes.
fn load_cached(source: Source<'_>, paths: &Paths, verify: bool) -> CachedLoad {
    let mut stage = read_stage(source, paths, verify);
    let lost = read_kept_heads(&stage.dir, &mut stage.reads);
    let (changed, parsed) = write_stage(&mut stage, lost);
    let Stage {
        dir,
        set,
        reads,
        mut errors,
        default,
        ..
    } = stage;
    let (corpus, mut page_errors) = assemble(&dir, reads, default);
    errors.append(&mut page_errors);
    CachedLoad {
        corpus,
        errors,
        set,
        from_cache: !changed,
        parsed,
    }
}

/// Lists the page set, reads the manifest, and reads (and parses) the files that need it;
/// the kept pages' heads are not read.
fn read_stage(source: Source<'_>, paths: &Paths, verify: bool) -> Stage {
    let dir = source.dir(paths).join(MODEL_DIR);
    // The page files are listed and stat-ed while the manifest is read.
    let (set, manifest) = rayon::join(
        || PageSet::new(source, paths),
        || store::read_manifest(&dir),
    );
    let manifest = manifest.filter(|m| m.parser == parser_stamp());
    let (written, fingerprint, entries) = match manifest {
        Some(m) => (m.written, m.fingerprint, m.entries),
        None => (0, 0, Vec::new()),
    };
    let default = matches!(source, Source::Default(_));
    // The set as the manifest wrote it: every entry stands, in the manifest's order.
    let fast = if fingerprint == set.fingerprint && !verify {
        in_order(default, &set.files, entries)
    } else {
        Err(entries)
    };
    let entries = match fast {
        Ok(kept) => {
            let before = segments_of(&kept);
            let reads = kept
                .into_iter()
                .map(|entry| Read {
                    entry,
                    page: None,
                    heads: None,
                    fresh: false,
                })
                .collect();
            return Stage {
                dir,
                set,
                reads,
                stale: false,
                errors: Vec::new(),
                before,
                default,
            };
        }
        Err(entries) => entries,
    };
    let mut old: HashMap<String, Entry> =
        entries.into_iter().map(|e| (e.path.clone(), e)).collect();
    let before = segments_of(old.values());
    let current = fingerprint == set.fingerprint && !verify;
    // The files are stat-ed only when the set changed; otherwise every entry stands.
    let metas = if current {
        set.files.iter().map(|f| (f.clone(), None)).collect()
    } else {
        with_metadata(&set.files)
    };
    let mut tasks: Vec<Task> = Vec::with_capacity(metas.len() + 5);
    if let Source::Default(_) = source {
        for (name, bytes) in crate::load::SEEDS {
            let key = format!("seed:{name}");
            match old.remove(&key) {
                Some(e) if e.hash == fnv64(&[bytes]) => tasks.push(Task::Keep(e)),
                _ => tasks.push(Task::Seed(name, bytes)),
            }
        }
    }
    for (path, meta) in metas {
        let key = path.display().to_string();
        let old = old.remove(&key);
        match (old, meta) {
            (Some(e), _) if current => tasks.push(Task::Keep(e)),
            (Some(e), Some(meta)) if !verify && trusted(&e, &meta, written) => {
                tasks.push(Task::Keep(e));
            }
            (old, Some(meta)) => tasks.push(Task::Look { path, meta, old }),
            (_, None) => tasks.push(Task::Unreadable(path)),
        }
    }
    let removed = !old.is_empty();
    let done: Vec<Result<Read, String>> = tasks.into_par_iter().map(run_task).collect();
    let mut reads = Vec::with_capacity(done.len());
    let mut errors = Vec::new();
    for r in done {
        match r {
            Ok(r) => reads.push(r),
            Err(e) => errors.push(e),
        }
    }
    Stage {
        dir,
        set,
        reads,
        stale: removed || !current || !errors.is_empty(),
        errors,
        before,
        default,
    }
}

/// The segments `entries` name.
fn segments_of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> HashSet<u64> {
    entries
        .into_iter()
        .flat_map(|e| [e.head, e.body])
        .flatten()
        .map(|b| b.seg)
        .collect()
}

/// A manifest's entries when they are the page set's inputs in order (the embedded seeds,
/// unchanged, first in the default corpus; then `files`): what a set whose fingerprint is
/// the manifest's gives, read without a lookup by path. The entries back otherwise.
fn in_order(
    default: bool,
    files: &[PathBuf],
    entries: Vec<Entry>,
) -> Result<Vec<Entry>, Vec<Entry>> {
    let seeds = if default { crate::load::SEEDS.len() } else { 0 };
    let fits = entries.len() == seeds + files.len()
        && crate::load::SEEDS
            .iter()
            .take(seeds)
            .zip(&entries)
            .all(|((name, bytes), e)| {
                e.path.strip_prefix("seed:") == Some(*name) && e.hash == fnv64(&[bytes])
            })
        && files
            .iter()
            .zip(&entries[seeds..])
            .all(|(f, e)| f.to_str() == Some(e.path.as_str()));
    if fits {
        Ok(entries)
    } else {
        Err(entries)
    }
}

/// Writes what a stage parsed (and, when anything changed, the manifest); `lost`: a kept
/// page had to be parsed again. Gives whether anything changed and how many pages were
/// parsed.
fn write_stage(stage: &mut Stage, lost: bool) -> (bool, usize) {
    let Stage {
        dir,
        set,
        reads,
        before,
        stale,
        ..
    } = stage;
    let parsed = reads.iter().filter(|r| r.fresh).count();
    let changed = *stale || lost || parsed > 0;
    let mut entries: Vec<Entry> = reads.iter().map(|r| r.entry.clone()).collect();
    if changed {
        let fresh: Vec<(usize, &Page)> = reads
            .iter()
            .enumerate()
            .filter(|(_, r)| r.fresh)
            .filter_map(|(i, r)| Some((i, r.page.as_ref()?)))
            .collect();
        match store::write(dir, set.fingerprint, entries, &fresh, before) {
            Ok(written) => entries = written,
            Err(e) => {
                tracing::warn!("cannot write the parsed-model cache {}: {e}", dir.display());
                // Kept pages are still read from the segments they came from.
                entries = reads.iter().map(|r| r.entry.clone()).collect();
            }
        }
    }
    for (r, e) in reads.iter_mut().zip(entries) {
        r.entry = e;
    }
    (changed, parsed)
}

/// Reads the heads of the kept pages from the segments. A page whose head cannot be read
/// is parsed again from its file (or seed); `true` when any was.
fn read_kept_heads(dir: &Path, reads: &mut [Read]) -> bool {
    let want: Vec<(usize, store::Blob)> = reads
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.fresh && r.entry.error.is_none())
        .filter_map(|(i, r)| Some((i, r.entry.head?)))
        .collect();
    let blobs: Vec<store::Blob> = want.iter().map(|(_, b)| *b).collect();
    let heads = store::read_heads(dir, &blobs);
    let mut lost = Vec::new();
    for ((i, _), head) in want.into_iter().zip(heads) {
        match head {
            Ok((page, heads)) => {
                if let Some(r) = reads.get_mut(i) {
                    r.page = Some(page);
                    r.heads = Some(heads);
                }
            }
            Err(e) => {
                tracing::warn!(
                    "parsed-model cache {}: {e}; re-parsing that page",
                    dir.display()
                );
                lost.push(i);
            }
        }
    }
    // A kept page with no head at all (a damaged manifest entry) is lost too.
    for (i, r) in reads.iter().enumerate() {
        if !r.fresh && r.entry.error.is_none() && r.entry.head.is_none() {
            lost.push(i);
        }
    }
    let again: Vec<(usize, Result<Read, String>)> = lost
        .par_iter()
        .filter_map(|&i| Some((i, reparse(&reads.get(i)?.entry.path))))
        .collect();
    let any = !again.is_empty();
    for (i, r) in again {
        if let Some(slot) = reads.get_mut(i) {
            match r {
                Ok(r) => *slot = r,
                Err(e) => {
                    slot.entry.error = Some(e);
                    slot.page = None;
                }
            }
        }
    }
    any
}

/// Parses an entry's file (or seed) again.
fn reparse(path: &str) -> Result<Read, String> {
    if let Some(name) = path.strip_prefix("seed:") {
        let (name, bytes) = crate::load::SEEDS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("{path}: no such seed"))?;
        return run_task(Task::Seed(name, bytes));
    }
    let path = PathBuf::from(path);
    match std::fs::metadata(&path) {
        Ok(meta) => run_task(Task::Look {
            path,
            meta,
            old: None,
        }),
        Err(_) => run_task(Task::Unreadable(path)),
    }
}

/// Whether a cached entry may stand for a file without reading it: same size and time, and
/// that time not so close to when the cache was written that a change could hide in it.
fn trusted(e: &Entry, meta: &std::fs::Metadata, written: u64) -> bool {
    let mtime = meta.modified().map_or(0, nanos);
    e.size == meta.len() && e.mtime == mtime && mtime.saturating_add(2_000_000_000) < written
}

/// Runs one task: the input as read, or the message for a file that cannot be read.
fn run_task(task: Task) -> Result<Read, String> {
    match task {
        Task::Keep(entry) => Ok(Read {
            entry,
            page: None,
            heads: None,
            fresh: false,
        }),
        Task::Unreadable(path) => Err(unreadable(&path)),
        Task::Seed(name, bytes) => {
            let id = name.trim_end_matches(".txt");
            let r = parse_page(id, &format!("seed:{name}"), bytes).map_err(|e| e.to_string());
            Ok(read_of(format!("seed:{name}"), bytes, 0, r))
        }
        Task::Look { path, meta, old } => {
            let bytes =
                super::pages::read_page_file(&path, Some(&meta)).map_err(|e| e.to_string())?;
            let mtime = meta.modified().map_or(0, nanos);
            let hash = fnv64(&[&bytes]);
            if let Some(mut entry) = old.filter(|e| e.hash == hash) {
                entry.mtime = mtime;
                entry.size = bytes.len() as u64;
                return Ok(Read {
                    entry,
                    page: None,
                    heads: None,
                    fresh: false,
                });
            }
            let id = super::pages::page_id(&path);
            let r = parse_page(&id, &path.display().to_string(), &bytes).map_err(|e| e.to_string());
            Ok(read_of(path.display().to_string(), &bytes, mtime, r))
        }
    }
}

fn unreadable(path: &Path) -> String {
    match std::fs::metadata(path) {
        Err(source) => PageError::Io {
            path: path.to_path_buf(),
            source,
        }
        .to_string(),
        Ok(_) => format!("{}: cannot be read", path.display()),
    }
}

fn read_of(path: String, bytes: &[u8], mtime: u64, parsed: Result<Page, String>) -> Read {
    let (page, error) = match parsed {
        Ok(p) => (Some(p), None),
        Err(e) => (None, Some(e)),
    };
    Read {
        entry: Entry {
            path,
            size: bytes.len() as u64,
            mtime,
            hash: fnv64(&[bytes]),
            articles: page
                .as_ref()
                .map_or(0, |p| u32::try_from(p.articles.len()).unwrap_or(u32::MAX)),
            error,
            head: None,
            body: None,
        },
        page,
        heads: None,
        fresh: true,
    }
}

/// The corpus of the inputs, in order: files that are not pages give their messages; in the
/// default corpus a file whose bytes are those of a seed or an earlier file is left out.
/// Pages parsed now are whole; the others' bodies stay in the cache's segments.
/// The reads that make pages: a read's error goes to `errors`, and in the default corpus a
/// page whose content an earlier one has (a library file identical to a seed) is left out.
fn usable_reads(reads: Vec<Read>, default: bool, errors: &mut Vec<String>) -> Vec<Read> {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(reads.len());
    for mut r in reads {
        if let Some(e) = r.entry.error.take() {
            errors.push(e);
            continue;
        }
        if default && !seen.insert(r.entry.hash) {
            continue;
        }
        kept.push(r);
    }
    kept
}

fn assemble(dir: &Path, reads: Vec<Read>, default: bool) -> (Corpus, Vec<String>) {
    let mut errors = Vec::new();
    let reads = usable_reads(reads, default, &mut errors);
    let mut pages = Vec::with_capacity(reads.len());
    let mut kept = Vec::with_capacity(reads.len());
    for r in reads {
        if let Some(mut p) = r.page {
            p.content = r.entry.hash;
            let heads = if r.fresh { None } else { r.heads };
            kept.push(heads.map(|h| (h, r.entry.body)));
            pages.push(p);
        }
    }
    let renamed = super::pages::deduped_ids(pages.iter().map(|p| p.id.as_str()));
    let whole: usize = pages.iter().map(|p| p.articles.len()).sum();
    let mut b = HeadsBuilder::with_capacity(
        whole + kept.iter().flatten().map(|(h, _)| h.len()).sum::<usize>(),
        whole * 64
            + kept
                .iter()
                .flatten()
                .map(|(h, _)| h.text_len())
                .sum::<usize>(),
    );
    let mut refs = Vec::with_capacity(pages.len());
    for (i, ((p, kept), new_id)) in pages.iter_mut().zip(kept).zip(renamed).enumerate() {
        // The id the page's heads were made under, where the page is renamed now.
        let old_id = new_id.map(|new_id| {
            let old = p.id.clone();
            super::pages::rename_page(p, new_id);
            old
        });
        let Some((heads, body)) = kept else {
            b.push_articles(i, &p.articles);
            refs.push(None);
            continue;
        };
        let rename = old_id.as_deref().map(|old| (old, p.id.as_str()));
        if let Err(e) = b.push_page(i, &heads, rename) {
            // Checked when read; a page whose heads still do not fit keeps none.
            errors.push(format!("{}: {e}", p.source));
        }
        refs.push(body);
    }
    let heads = b.finish();
    if refs.iter().all(Option::is_none) {
        return (Corpus::of_heads(pages, heads, None), errors);
    }
    let store = bodies::SegmentBodies::open(dir, refs);
    (
        Corpus::of_heads(pages, heads, Some(std::sync::Arc::new(store))),
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    /// The articles with their bodies.
    fn whole(c: &Corpus) -> Vec<Article> {
        c.whole_articles()
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    /// The pages without the articles a page parsed now holds.
    fn bare(c: &Corpus) -> Vec<Page> {
        c.pages
            .iter()
            .map(|p| Page {
                articles: Vec::new(),
                ..p.clone()
            })
            .collect()
    }

    fn seed_folder() -> (tempfile::TempDir, PathBuf, Paths) {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        std::fs::create_dir(&pages).unwrap();
        for (name, bytes) in crate::load::SEEDS {
            std::fs::write(pages.join(name), bytes).unwrap();
        }
        let paths = Paths {
            config: dir.path().into(),
            data: dir.path().into(),
            cache: dir.path().join("cache"),
        };
        (dir, pages, paths)
    }

    fn segments(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("seg-"))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn round_trip_heads_then_bodies_and_damage() {
        let (_dir, pages, paths) = seed_folder();
        let arg = std::slice::from_ref(&pages);
        let full = crate::load::load_corpus(arg).0;
        let first = load_corpus_cached(arg, &paths);
        assert!(!first.corpus.bodies_elsewhere(), "parsed now: whole");
        assert_eq!(whole(&first.corpus), whole(&full));
        let again = load_corpus_cached(arg, &paths);
        assert!(again.from_cache);
        assert!(
            again.corpus.bodies_elsewhere(),
            "from the cache: heads only"
        );
        assert!(again.corpus.pages.iter().all(|p| p.articles.is_empty()));
        assert_eq!(again.corpus.cities, full.cities);
        assert_eq!(bare(&again.corpus), bare(&full));
        assert_eq!(whole(&again.corpus), whole(&full));
        for (i, a) in whole(&full).iter().enumerate() {
            assert_eq!(again.corpus.whole(i).unwrap().as_ref(), a);
        }
        // Damage of every kind: an error, never a panic.
        assert!(store::decode_manifest(b"junk").is_err());
        assert!(store::decode_manifest(b"GBMODEL4\0\0\0\0\xff\xff").is_err());
        let file = again.set.dir.join(MODEL_DIR).join("manifest.bin");
        let bytes = std::fs::read(&file).unwrap();
        assert!(store::decode_manifest(&bytes[..bytes.len() / 2]).is_err());
        let mut flipped = bytes.clone();
        let n = flipped.len();
        flipped[n - 10] ^= 0xff;
        assert!(store::decode_manifest(&flipped).is_err());
        std::fs::write(&file, b"garbage").unwrap();
        let third = load_corpus_cached(arg, &paths);
        assert!(!third.from_cache);
        assert_eq!(third.parsed, 5);
        assert_eq!(whole(&third.corpus), whole(&full));
    }

    #[test]
    fn one_edited_byte_of_article_text_is_never_served() {
        let (_dir, pages, paths) = seed_folder();
        let list = [pages];
        let full = crate::load::load_corpus(&list).0;
        let first = load_corpus_cached(&list, &paths);
        let dir = first.set.dir.join(MODEL_DIR);
        let seg = segments(&dir).pop().unwrap();
        // 工会 -> 工人: the same length, still UTF-8, still a valid encoding of articles.
        let from = "工会".as_bytes();
        let edit = |at_first: bool| {
            let mut b = std::fs::read(&seg).unwrap();
            let at = if at_first {
                b.windows(from.len()).position(|w| w == from).unwrap()
            } else {
                b.windows(from.len()).rposition(|w| w == from).unwrap()
            };
            b[at + 3..at + 6].copy_from_slice("人".as_bytes());
            std::fs::write(&seg, b).unwrap();
        };
        // In a body (the last bytes of the segment): the body is not served.
        edit(false);
        let again = load_corpus_cached(&list, &paths);
        let served = whole(&again.corpus);
        assert_eq!(served.len(), full.len());
        for (s, f) in served.iter().zip(&whole(&full)) {
            if s != f {
                assert!(
                    s.paragraphs[0].contains("正文无法读取"),
                    "{:?}",
                    s.paragraphs
                );
            }
        }
        assert!(served != whole(&full), "the damage was not seen");
        // In a head (the first bytes): that page is parsed again, the corpus as from the
        // pages.
        edit(true);
        let third = load_corpus_cached(&list, &paths);
        assert!(!third.from_cache, "the edited head was used");
        assert_eq!(bare(&third.corpus), bare(&full));
    }

    #[test]
    fn cached_load_reuses_and_notices_changes() {
        let (_dir, pages, paths) = seed_folder();
        let first = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!first.from_cache);
        assert_eq!(first.parsed, 5);
        let second = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(second.from_cache);
        assert_eq!(second.parsed, 0);
        assert_eq!(whole(&second.corpus), whole(&first.corpus));
        std::fs::remove_file(pages.join(crate::load::SEEDS[0].0)).unwrap();
        let third = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!third.from_cache);
        assert_eq!(third.parsed, 0, "a removed page parses nothing");
        assert!(third.corpus.len() < first.corpus.len());
        // An old single-file cache beside is removed; a damaged manifest is re-parsed.
        let dir = third.set.dir.join(MODEL_DIR);
        std::fs::write(third.set.dir.join(store::OLD_MODEL_FILE), b"GBMODEL2").unwrap();
        std::fs::write(dir.join("manifest.bin"), b"garbage").unwrap();
        let fourth = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!fourth.from_cache);
        assert_eq!(fourth.parsed, 4);
        assert_eq!(whole(&fourth.corpus), whole(&third.corpus));
        assert!(!third.set.dir.join(store::OLD_MODEL_FILE).exists());
    }

    /// Each change parses only the page it touches, writes only that page, and gives what
    /// a full parse gives.
    #[test]
    fn a_changed_added_or_renamed_page_is_parsed_and_written_alone() {
        let (_dir, pages, paths) = seed_folder();
        let arg = std::slice::from_ref(&pages);
        let first = load_corpus_cached(arg, &paths);
        let dir = first.set.dir.join(MODEL_DIR);
        let big = std::fs::metadata(&segments(&dir)[0]).unwrap().len();
        let full = || crate::load::load_corpus(arg).0;
        // Changed (saved the way editors save: a new file renamed over the old one), same
        // size and (likely) the same second: the bytes tell.
        let victim = pages.join(crate::load::SEEDS[1].0);
        let mut bytes = std::fs::read(&victim).unwrap();
        let n = bytes.iter().position(|&b| b == b'\n').unwrap();
        bytes[..n].reverse();
        std::fs::write(pages.join("tmp"), &bytes).unwrap();
        std::fs::rename(pages.join("tmp"), &victim).unwrap();
        let changed = load_corpus_cached(arg, &paths);
        assert_eq!(changed.parsed, 1);
        assert_eq!(whole(&changed.corpus), whole(&full()));
        // The new segment holds that page alone; the first stands.
        let segs = segments(&dir);
        assert_eq!(segs.len(), 2);
        let sizes: Vec<u64> = segs
            .iter()
            .map(|s| std::fs::metadata(s).unwrap().len())
            .collect();
        assert!(sizes.contains(&big), "{sizes:?}");
        assert!(sizes.iter().any(|&s| s < big / 2), "{sizes:?}");
        // Added.
        std::fs::write(pages.join("zz_new.txt"), crate::load::SEEDS[2].1).unwrap();
        let added = load_corpus_cached(arg, &paths);
        assert_eq!(added.parsed, 1);
        assert_eq!(whole(&added.corpus), whole(&full()));
        assert_eq!(bare(&added.corpus), bare(&full()));
        // Renamed.
        std::fs::rename(pages.join("zz_new.txt"), pages.join("aa_new.txt")).unwrap();
        let renamed = load_corpus_cached(arg, &paths);
        assert_eq!(renamed.parsed, 1);
        assert_eq!(whole(&renamed.corpus), whole(&full()));
        // A file that is no page: its message, from the cache the second time too.
        std::fs::write(pages.join("bad.txt"), b"").unwrap();
        let bad = load_corpus_cached(arg, &paths);
        let again = load_corpus_cached(arg, &paths);
        assert_eq!(bad.errors.len(), 1, "{:?}", bad.errors);
        assert_eq!(again.errors, bad.errors);
        assert_eq!(again.parsed, 0);
        assert_eq!(whole(&again.corpus), whole(&full()));
    }

    /// A manifest of another version (or of another parser) is not used: every page is
    /// parsed again and the cache written anew.
    #[test]
    fn a_cache_of_another_version_is_rebuilt() {
        let (_dir, pages, paths) = seed_folder();
        let arg = std::slice::from_ref(&pages);
        let first = load_corpus_cached(arg, &paths);
        let file = first.set.dir.join(MODEL_DIR).join("manifest.bin");
        let bytes = std::fs::read(&file).unwrap();
        let mut m = store::decode_manifest(&bytes).unwrap().unwrap();
        m.version = MODEL_VERSION - 1;
        let body = postcard::to_allocvec(&m).unwrap();
        let mut old = b"GBMODEL4".to_vec();
        old.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        old.extend_from_slice(&body);
        assert!(store::decode_manifest(&old).unwrap().is_none());
        std::fs::write(&file, &old).unwrap();
        let again = load_corpus_cached(arg, &paths);
        assert!(!again.from_cache);
        assert_eq!(again.parsed, 5);
        assert_eq!(whole(&again.corpus), whole(&first.corpus));
        let third = load_corpus_cached(arg, &paths);
        assert!(third.from_cache, "the rebuilt cache is of this version");
    }

    /// Many small updates are compacted into one segment, the corpus unchanged.
    #[test]
    fn many_updates_are_compacted() {
        let (_dir, pages, paths) = seed_folder();
        let arg = std::slice::from_ref(&pages);
        let first = load_corpus_cached(arg, &paths);
        let dir = first.set.dir.join(MODEL_DIR);
        for i in 0..30 {
            std::fs::write(
                pages.join(format!("add_{i:02}.txt")),
                crate::load::SEEDS[i % 5].1,
            )
            .unwrap();
            let _ = load_corpus_cached(arg, &paths);
            assert!(segments(&dir).len() <= 25, "{i}: {:?}", segments(&dir));
        }
        let last = load_corpus_cached(arg, &paths);
        assert!(last.from_cache);
        assert_eq!(whole(&last.corpus), whole(&crate::load::load_corpus(arg).0));
    }
}
