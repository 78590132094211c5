//! The parsed-model cache, so the reader starts on a big library without re-parsing it: the
//! corpus is kept (postcard) in the page set's cache folder (where the search index lives
//! too), page file by page file (path, size, modification time, a hash of the bytes, the
//! parsed page), with a fingerprint of the whole set (paths, the folders' modification
//! times, the parser) that says when no file needs a look. When the set changed, only the
//! files whose size or time changed are read, and only those whose bytes changed parsed.
//! Also where a page set's cache folder is ([`PageSet`]). Knows nothing of the search
//! index: `search` takes the folder and fingerprint from a [`PageSet`].

use crate::error::PageError;
use crate::hash::fnv64;
use crate::model::{Article, Corpus, Page};
use crate::parse::parse_page;
use crate::paths::Paths;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Bump when the parser's output or the cache's form changes without a crate version change.
pub const MODEL_VERSION: u32 = 3;
/// Articles per separately encoded chunk (chunks decode in parallel).
const CHUNK: usize = 4096;
/// The file's first bytes (`GBMODEL\0` before the payload had a checksum).
const MAGIC: &[u8; 8] = b"GBMODEL2";
const MODEL_FILE: &str = "model.bin";

/// A set of page files (`--pages`, or the default corpus) and its cache folder.
#[derive(Debug)]
pub struct PageSet {
    /// `<cache>/search/lib-<hash of the --pages arguments>`, or `lib-default` for the
    /// default corpus.
    pub dir: PathBuf,
    /// The page files, as `load_corpus` reads them.
    pub files: Vec<PathBuf>,
    /// Of the files' paths, sizes and modification times.
    pub fingerprint: u64,
    /// Folders that could not be listed.
    pub errors: Vec<PageError>,
}

impl PageSet {
    /// Finds the page files of `pages` (files and folders, as `--pages` takes them) and the
    /// cache folder for them. Lists the folders and stats them and the files given by name;
    /// reads no page and stats no file of a folder.
    #[must_use]
    pub fn locate(pages: &[PathBuf], paths: &Paths) -> PageSet {
        PageSet::new(Source::Pages(pages), paths)
    }

    /// The default corpus's library: the embedded seeds and `files` (the library's and the
    /// config folders' page files), whose fingerprint covers the seeds too.
    #[must_use]
    pub fn locate_default(files: &[PathBuf], paths: &Paths) -> PageSet {
        PageSet::new(Source::Default(files), paths)
    }

    fn new(source: Source<'_>, paths: &Paths) -> PageSet {
        let (files, loose, errors) = match source {
            Source::Pages(pages) => {
                let (files, errors) = crate::load::expand_paths(pages);
                let loose: std::collections::HashSet<PathBuf> = super::pages::canonical_args(pages)
                    .into_iter()
                    .filter(|p| !p.is_dir())
                    .collect();
                (files, loose, errors)
            }
            Source::Default(files) => (files.to_vec(), Default::default(), Vec::new()),
        };
        let mut fingerprint = fingerprint_of(&files, &loose);
        if let Source::Default(_) = source {
            let mut parts: Vec<&[u8]> = crate::load::SEEDS.iter().map(|(_, b)| *b).collect();
            let own = fingerprint.to_le_bytes();
            parts.push(&own);
            fingerprint = fnv64(&parts);
        }
        PageSet {
            dir: source.dir(paths),
            fingerprint,
            files,
            errors,
        }
    }
}

/// The cache folder of a page set without listing it: `--pages` arguments (`pages`), or the
/// default corpus (`pages` empty).
#[must_use]
pub fn set_dir(pages: &[PathBuf], paths: &Paths) -> PathBuf {
    if pages.is_empty() {
        Source::Default(&[]).dir(paths)
    } else {
        Source::Pages(pages).dir(paths)
    }
}

/// `<cache>/search/lib-<hash of the --pages arguments>`.
fn library_dir(pages: &[PathBuf], paths: &Paths) -> PathBuf {
    let args: Vec<String> = super::pages::canonical_args(pages)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let key = fnv64(&args.iter().map(String::as_bytes).collect::<Vec<_>>());
    paths.cache.join("search").join(format!("lib-{key:016x}"))
}

/// The files with their metadata, read in parallel (`None` for a file that cannot be read).
fn with_metadata(files: &[PathBuf]) -> Vec<(PathBuf, Option<std::fs::Metadata>)> {
    files
        .par_iter()
        .map(|f| (f.clone(), std::fs::metadata(f).ok()))
        .collect()
}

/// A fingerprint of a page set without a `stat` per file: the parser ([`parser_stamp`]),
/// the files' paths, the modification time of each folder they were listed from (a file
/// added, removed or renamed changes it), and the size and time of the `loose` files (given
/// by name). A page edited in place inside a folder does not change it: the library is
/// written by gongbao alone (`gongbao library --verify` looks at every file), and an editor
/// that saves by renaming changes the folder.
fn fingerprint_of(files: &[PathBuf], loose: &std::collections::HashSet<PathBuf>) -> u64 {
    let mut parts: Vec<Vec<u8>> = vec![parser_stamp().to_le_bytes().to_vec()];
    let mut folders = std::collections::BTreeSet::new();
    for f in files {
        let mut p = f.as_os_str().as_encoded_bytes().to_vec();
        if loose.contains(f) {
            if let Ok(m) = std::fs::metadata(f) {
                p.extend(size_and_time(&m));
            }
        } else if let Some(parent) = f.parent() {
            folders.insert(parent);
        }
        parts.push(p);
    }
    for d in folders {
        let mut p = d.as_os_str().as_encoded_bytes().to_vec();
        if let Ok(m) = std::fs::metadata(d) {
            p.extend(size_and_time(&m));
        }
        parts.push(p);
    }
    fnv64(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

/// A file's size and modification time, as bytes for a fingerprint.
fn size_and_time(m: &std::fs::Metadata) -> Vec<u8> {
    let mut p = m.len().to_le_bytes().to_vec();
    if let Ok(d) = m
        .modified()
        .map(|t| t.duration_since(UNIX_EPOCH).unwrap_or_default())
    {
        p.extend(d.as_secs().to_le_bytes());
        p.extend(d.subsec_nanos().to_le_bytes());
    }
    p
}

/// The cache file: `MAGIC`, the CRC-32 of everything after it (u32 LE), the header's length
/// (u64 LE), the header (postcard), then the article chunks (postcard `Vec<Article>` each)
/// back to back, decoded in parallel. The articles are those of the entries' pages, entry by
/// entry. A payload that does not match its checksum (one edited byte would otherwise be
/// served as article text no page holds) is re-parsed.
#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    /// [`parser_stamp`] of the program that wrote it: entries of another parser are not used.
    parser: u64,
    /// The page set's fingerprint when it was written: equal now, nothing needs a look.
    fingerprint: u64,
    /// When it was written (ns since the epoch): a file modified within two seconds of that
    /// may have changed without its time changing, and is checked by its bytes.
    written: u64,
    entries: Vec<Entry>,
    /// The byte length of each article chunk.
    chunks: Vec<u64>,
}

/// One page file as last read: what it was (path, size, time, a hash of its bytes) and what
/// reading it gave (a page without its articles, and how many articles follow, or an error).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// The file's path, or `seed:<file name>` for an embedded seed.
    path: String,
    size: u64,
    /// Modification time, ns since the epoch.
    mtime: u64,
    hash: u64,
    page: Option<Page>,
    articles: u32,
    /// Why the file is not a page.
    error: Option<String>,
}

/// An entry with its articles.
struct Read {
    entry: Entry,
    articles: Vec<Article>,
}

struct ModelFile {
    /// The fingerprint of the pages it was written from.
    fingerprint: u64,
    parser: u64,
    written: u64,
    entries: Vec<Read>,
}

/// What [`load_corpus_cached`] gives.
#[derive(Debug)]
pub struct CachedLoad {
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

/// The pages a cached library is made of.
#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    /// `--pages` arguments: page files, and folders of them.
    Pages(&'a [PathBuf]),
    /// The default corpus: the embedded seed pages, then these page files (the page library
    /// and the config's folders).
    Default(&'a [PathBuf]),
}

impl Source<'_> {
    fn dir(self, paths: &Paths) -> PathBuf {
        match self {
            Source::Pages(pages) => library_dir(pages, paths),
            Source::Default(_) => paths.cache.join("search").join("lib-default"),
        }
    }
}

/// Loads `pages` like [`crate::load::load_corpus`], through the parsed-model cache: a page
/// file whose size and modification time (or, where those cannot be trusted, bytes) are as
/// cached is not parsed again; an added or changed one is parsed alone; the cache is
/// rewritten when anything changed. A cache that cannot be read is ignored (and rewritten);
/// one that cannot be written is only logged.
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

/// What to do with one input of the page set.
enum Task {
    /// The cached entry stands.
    Keep(Read),
    /// Read the file (and parse it unless its bytes are those of `old`).
    Look {
        path: PathBuf,
        meta: std::fs::Metadata,
        old: Option<Read>,
    },
    /// An embedded seed not in the cache.
    Seed(&'static str, &'static [u8]),
    /// A file that could not be stat-ed.
    Unreadable(PathBuf),
}

/// `verify`: trust no size or time, compare every file's bytes.
fn load_cached(source: Source<'_>, paths: &Paths, verify: bool) -> CachedLoad {
    let file = source.dir(paths).join(MODEL_FILE);
    // The page files are listed and stat-ed while the cache is read and decoded.
    let (set, model) = rayon::join(|| PageSet::new(source, paths), || read_model(&file));
    let model = model.filter(|m| m.parser == parser_stamp());
    let (written, fingerprint, mut old) = match model {
        Some(m) => (
            m.written,
            m.fingerprint,
            m.entries
                .into_iter()
                .map(|r| (r.entry.path.clone(), r))
                .collect::<HashMap<String, Read>>(),
        ),
        None => (0, 0, HashMap::new()),
    };
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
                Some(r) if r.entry.hash == fnv64(&[bytes]) => tasks.push(Task::Keep(r)),
                _ => tasks.push(Task::Seed(name, bytes)),
            }
        }
    }
    for (path, meta) in metas {
        let key = path.display().to_string();
        let old = old.remove(&key);
        match (old, meta) {
            (Some(r), _) if current => tasks.push(Task::Keep(r)),
            (Some(r), Some(meta)) if !verify && trusted(&r.entry, &meta, written) => {
                tasks.push(Task::Keep(r));
            }
            (old, Some(meta)) => tasks.push(Task::Look { path, meta, old }),
            (_, None) => tasks.push(Task::Unreadable(path)),
        }
    }
    let removed = !old.is_empty();
    let done: Vec<(Result<Read, String>, bool)> = tasks.into_par_iter().map(run_task).collect();
    let parsed = done.iter().filter(|(_, p)| *p).count();
    let changed = removed || !current || done.iter().any(|(r, p)| *p || r.is_err());
    let mut reads = Vec::with_capacity(done.len());
    let mut errors = Vec::new();
    for (r, _) in done {
        match r {
            Ok(r) => reads.push(r),
            Err(e) => errors.push(e),
        }
    }
    if changed {
        write_model(&file, set.fingerprint, &reads);
    }
    let (corpus, mut page_errors) = assemble(reads, matches!(source, Source::Default(_)));
    errors.append(&mut page_errors);
    CachedLoad {
        corpus,
        errors,
        set,
        from_cache: !changed,
        parsed,
    }
}

/// Whether a cached entry may stand for a file without reading it: same size and time, and
/// that time not so close to when the cache was written that a change could hide in it.
fn trusted(e: &Entry, meta: &std::fs::Metadata, written: u64) -> bool {
    let mtime = meta.modified().map_or(0, nanos);
    e.size == meta.len() && e.mtime == mtime && mtime.saturating_add(2_000_000_000) < written
}

/// Runs one task: the entry, or the message for a file that cannot be read; and whether a
/// page was parsed.
fn run_task(task: Task) -> (Result<Read, String>, bool) {
    match task {
        Task::Keep(r) => (Ok(r), false),
        Task::Unreadable(path) => (Err(unreadable(&path)), false),
        Task::Seed(name, bytes) => {
            let id = name.trim_end_matches(".txt");
            let r = parse_page(id, &format!("seed:{name}"), bytes).map_err(|e| e.to_string());
            (Ok(read_of(format!("seed:{name}"), bytes, 0, r)), true)
        }
        Task::Look { path, meta, old } => {
            let bytes = match super::pages::read_page_file(&path, Some(&meta)) {
                Ok(b) => b,
                Err(e) => return (Err(e.to_string()), false),
            };
            let mtime = meta.modified().map_or(0, nanos);
            let hash = fnv64(&[&bytes]);
            if let Some(mut r) = old.filter(|r| r.entry.hash == hash) {
                r.entry.mtime = mtime;
                r.entry.size = bytes.len() as u64;
                return (Ok(r), false);
            }
            let id = super::pages::page_id(&path);
            let r = parse_page(&id, &path.display().to_string(), &bytes).map_err(|e| e.to_string());
            (
                Ok(read_of(path.display().to_string(), &bytes, mtime, r)),
                true,
            )
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
    let hash = fnv64(&[bytes]);
    let (page, articles, error) = match parsed {
        Ok(mut p) => {
            let articles = std::mem::take(&mut p.articles);
            (Some(p), articles, None)
        }
        Err(e) => (None, Vec::new(), Some(e)),
    };
    Read {
        entry: Entry {
            path,
            size: bytes.len() as u64,
            mtime,
            hash,
            page,
            articles: u32::try_from(articles.len()).unwrap_or(u32::MAX),
            error,
        },
        articles,
    }
}

/// The corpus of the entries, in order: pages that are not pages give their messages; in
/// the default corpus a file whose bytes are those of a seed or an earlier file is left out.
fn assemble(reads: Vec<Read>, default: bool) -> (Corpus, Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    let mut pages = Vec::with_capacity(reads.len());
    let mut errors = Vec::new();
    for r in reads {
        if let Some(e) = r.entry.error {
            errors.push(e);
            continue;
        }
        if default && !seen.insert(r.entry.hash) {
            continue;
        }
        if let Some(mut p) = r.entry.page {
            p.articles = r.articles;
            p.content = r.entry.hash;
            pages.push(p);
        }
    }
    super::pages::dedupe_ids(&mut pages);
    (Corpus::new(pages), errors)
}

/// The cache in `file`, if it can be read and is of this version (of whatever pages).
fn read_model(file: &Path) -> Option<ModelFile> {
    let bytes = std::fs::read(file).ok()?;
    match decode_any(&bytes) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(
                "parsed-model cache {} is unreadable ({e}); re-parsing",
                file.display()
            );
            None
        }
    }
}

/// `Ok(None)`: a readable cache of another version.
fn decode_any(bytes: &[u8]) -> Result<Option<ModelFile>, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a model cache")?;
    let (sum, rest) = rest.split_at_checked(4).ok_or("truncated")?;
    let sum = u32::from_le_bytes(sum.try_into().map_err(|_| "truncated")?);
    if crc32fast::hash(rest) != sum {
        return Err("its checksum does not match: damaged".to_string());
    }
    let (len, rest) = rest.split_at_checked(8).ok_or("truncated")?;
    let len = u64::from_le_bytes(len.try_into().map_err(|_| "truncated")?);
    let len = usize::try_from(len).map_err(|e| e.to_string())?;
    let (head, mut body) = rest.split_at_checked(len).ok_or("truncated")?;
    let version: u32 = postcard::take_from_bytes(head)
        .map_err(|e| e.to_string())?
        .0;
    if version != MODEL_VERSION {
        tracing::info!("parsed-model cache is of another version");
        return Ok(None);
    }
    let header: Header = postcard::from_bytes(head).map_err(|e| e.to_string())?;
    let mut chunks = Vec::with_capacity(header.chunks.len());
    for &n in &header.chunks {
        let n = usize::try_from(n).map_err(|e| e.to_string())?;
        let (c, r) = body.split_at_checked(n).ok_or("truncated")?;
        chunks.push(c);
        body = r;
    }
    let decoded: Result<Vec<Vec<Article>>, String> = chunks
        .par_iter()
        .map(|c| postcard::from_bytes::<Vec<Article>>(c).map_err(|e| e.to_string()))
        .collect();
    let mut articles = decoded?.into_iter().flatten();
    let mut entries = Vec::with_capacity(header.entries.len());
    for entry in header.entries {
        let n = entry.articles as usize;
        let mine: Vec<Article> = articles.by_ref().take(n).collect();
        if mine.len() != n {
            return Err("fewer articles than its pages say".into());
        }
        entries.push(Read {
            entry,
            articles: mine,
        });
    }
    Ok(Some(ModelFile {
        fingerprint: header.fingerprint,
        parser: header.parser,
        written: header.written,
        entries,
    }))
}

fn encode(fingerprint: u64, reads: &[Read]) -> Result<Vec<u8>, String> {
    let all: Vec<&Article> = reads.iter().flat_map(|r| &r.articles).collect();
    let chunks: Result<Vec<Vec<u8>>, String> = all
        .par_chunks(CHUNK)
        .map(|c| postcard::to_allocvec(c).map_err(|e| e.to_string()))
        .collect();
    let chunks = chunks?;
    let header = Header {
        version: MODEL_VERSION,
        parser: parser_stamp(),
        fingerprint,
        written: nanos(std::time::SystemTime::now()),
        entries: reads.iter().map(|r| r.entry.clone()).collect(),
        chunks: chunks.iter().map(|c| c.len() as u64).collect(),
    };
    let head = postcard::to_allocvec(&header).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(20 + head.len() + chunks.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    for c in chunks {
        out.extend_from_slice(&c);
    }
    let sum = crc32fast::hash(&out[MAGIC.len() + 4..]);
    out[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

fn write_model(file: &Path, fingerprint: u64, reads: &[Read]) {
    let result = (|| -> Result<(), String> {
        let bytes = encode(fingerprint, reads)?;
        let dir = file.parent().ok_or("no folder")?;
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let tmp = dir.join(format!("{MODEL_FILE}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes).map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, file).map_err(|e| e.to_string())
    })();
    if let Err(e) = result {
        tracing::warn!(
            "cannot write the parsed-model cache {}: {e}",
            file.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_reads() -> Vec<Read> {
        crate::load::SEEDS
            .iter()
            .map(|(name, bytes)| {
                let id = name.trim_end_matches(".txt");
                let r = parse_page(id, &format!("seed:{name}"), bytes).map_err(|e| e.to_string());
                read_of(format!("seed:{name}"), bytes, 0, r)
            })
            .collect()
    }

    #[test]
    fn round_trip_and_damage() {
        let corpus = crate::load::seed_corpus();
        let bytes = encode(7, &seed_reads()).unwrap();
        let m = decode_any(&bytes).unwrap().unwrap();
        assert_eq!(m.fingerprint, 7);
        assert_eq!(m.parser, parser_stamp());
        let (back, errors) = assemble(m.entries, true);
        assert!(errors.is_empty());
        assert_eq!(back.articles, corpus.articles);
        assert_eq!(back.cities, corpus.cities);
        assert_eq!(back.pages, corpus.pages);
        // Damage of every kind: an error, never a panic.
        assert!(decode_any(&bytes[..bytes.len() / 2]).is_err());
        assert!(decode_any(b"GBMODEL2\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff").is_err());
        assert!(decode_any(b"junk").is_err());
        let mut flipped = bytes.clone();
        let n = flipped.len();
        flipped[n - 40] ^= 0xff;
        let _ = decode_any(&flipped);
    }

    #[test]
    fn one_edited_byte_of_article_text_is_never_served() {
        let bytes = encode(7, &seed_reads()).unwrap();
        // 工会 -> 工人: the same length, still UTF-8, still a valid encoding of articles.
        let from = "工会".as_bytes();
        let at = bytes.windows(from.len()).rposition(|w| w == from).unwrap();
        let mut edited = bytes.clone();
        edited[at + 3..at + 6].copy_from_slice("人".as_bytes());
        let e = decode_any(&edited).err().unwrap_or_default();
        assert!(e.contains("checksum"), "decoded: {e}");
        // And the whole way: the edited cache is re-parsed, the corpus as from the pages.
        let (_dir, pages, paths) = seed_folder();
        let list = [pages];
        let first = load_corpus_cached(&list, &paths);
        let file = first.set.dir.join(MODEL_FILE);
        let mut b = std::fs::read(&file).unwrap();
        let at = b.windows(from.len()).rposition(|w| w == from).unwrap();
        b[at + 3..at + 6].copy_from_slice("人".as_bytes());
        std::fs::write(&file, b).unwrap();
        let again = load_corpus_cached(&list, &paths);
        assert!(!again.from_cache, "the edited cache was used");
        assert_eq!(again.corpus.articles, first.corpus.articles);
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

    #[test]
    fn cached_load_reuses_and_notices_changes() {
        let (_dir, pages, paths) = seed_folder();
        let first = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!first.from_cache);
        assert_eq!(first.parsed, 5);
        let second = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(second.from_cache);
        assert_eq!(second.parsed, 0);
        assert_eq!(second.corpus.articles, first.corpus.articles);
        std::fs::remove_file(pages.join(crate::load::SEEDS[0].0)).unwrap();
        let third = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!third.from_cache);
        assert_eq!(third.parsed, 0, "a removed page parses nothing");
        assert!(third.corpus.articles.len() < first.corpus.articles.len());
        // A damaged cache file is re-parsed, not a crash.
        std::fs::write(third.set.dir.join(MODEL_FILE), b"garbage").unwrap();
        let fourth = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!fourth.from_cache);
        assert_eq!(fourth.parsed, 4);
        assert_eq!(fourth.corpus.articles, third.corpus.articles);
    }

    /// Each change parses only the page it touches, and gives what a full parse gives.
    #[test]
    fn a_changed_added_or_renamed_page_is_parsed_alone() {
        let (_dir, pages, paths) = seed_folder();
        let arg = std::slice::from_ref(&pages);
        let _ = load_corpus_cached(arg, &paths);
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
        assert_eq!(changed.corpus.articles, full().articles);
        // Added.
        std::fs::write(pages.join("zz_new.txt"), crate::load::SEEDS[2].1).unwrap();
        let added = load_corpus_cached(arg, &paths);
        assert_eq!(added.parsed, 1);
        assert_eq!(added.corpus.articles, full().articles);
        assert_eq!(added.corpus.pages, full().pages);
        // Renamed.
        std::fs::rename(pages.join("zz_new.txt"), pages.join("aa_new.txt")).unwrap();
        let renamed = load_corpus_cached(arg, &paths);
        assert_eq!(renamed.parsed, 1);
        assert_eq!(renamed.corpus.articles, full().articles);
        // A file that is no page: its message, from the cache the second time too.
        std::fs::write(pages.join("bad.txt"), b"").unwrap();
        let bad = load_corpus_cached(arg, &paths);
        let again = load_corpus_cached(arg, &paths);
        assert_eq!(bad.errors.len(), 1, "{:?}", bad.errors);
        assert_eq!(again.errors, bad.errors);
        assert_eq!(again.parsed, 0);
    }
}
