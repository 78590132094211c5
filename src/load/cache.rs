//! The parsed-model cache, so the reader starts on a big library without re-parsing it: the
//! corpus is kept (postcard) in the page set's cache folder (where the search index lives
//! too), keyed by a fingerprint of the page files (paths, sizes, modification times) and the
//! crate version. Also where a page set's cache folder is ([`PageSet`]). Knows nothing of
//! the search index: `search` takes the folder and fingerprint from a [`PageSet`].

use super::pages::load_corpus;
use crate::error::PageError;
use crate::hash::fnv64;
use crate::model::{Article, Corpus, Page};
use crate::paths::Paths;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Bump when the parser's output changes without a crate version change.
pub const MODEL_VERSION: u32 = 2;
/// Articles per separately encoded chunk (chunks decode in parallel).
const CHUNK: usize = 4096;
/// The file's first bytes.
const MAGIC: &[u8; 8] = b"GBMODEL\0";
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
    /// cache folder for them. Reads no page, only their metadata.
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
        let (files, errors) = match source {
            Source::Pages(pages) => list_pages(pages),
            Source::Default(files) => (with_metadata(files.to_vec()), Vec::new()),
        };
        let mut fingerprint = fingerprint_of(&files);
        if let Source::Default(_) = source {
            let mut parts: Vec<&[u8]> = crate::load::SEEDS.iter().map(|(_, b)| *b).collect();
            let own = fingerprint.to_le_bytes();
            parts.push(&own);
            fingerprint = fnv64(&parts);
        }
        PageSet {
            dir: source.dir(paths),
            fingerprint,
            files: files.into_iter().map(|(f, _)| f).collect(),
            errors,
        }
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

/// The page files of `--pages` arguments, as [`crate::load::expand_paths`] finds them (files
/// as given, folders to their `*.txt` files, sorted), with their metadata, read in parallel
/// and without a second `stat` per file: what `gongbao search` checks before every query.
#[allow(clippy::type_complexity)]
fn list_pages(pages: &[PathBuf]) -> (Vec<(PathBuf, Option<std::fs::Metadata>)>, Vec<PageError>) {
    let (files, errors) = crate::load::expand_paths(pages);
    (with_metadata(files), errors)
}

/// The files with their metadata, read in parallel (`None` for a file that cannot be read).
fn with_metadata(files: Vec<PathBuf>) -> Vec<(PathBuf, Option<std::fs::Metadata>)> {
    files
        .into_par_iter()
        .map(|f| {
            let m = std::fs::metadata(&f).ok();
            (f, m)
        })
        .collect()
}

/// A fingerprint of page files: their paths, sizes and modification times, with the crate and
/// model versions and the running program's size and time (a file that cannot be read
/// counts as such).
#[must_use]
pub fn fingerprint(files: &[PathBuf]) -> u64 {
    let with_meta: Vec<(PathBuf, Option<std::fs::Metadata>)> = files
        .iter()
        .map(|f| (f.clone(), std::fs::metadata(f).ok()))
        .collect();
    fingerprint_of(&with_meta)
}

fn fingerprint_of(files: &[(PathBuf, Option<std::fs::Metadata>)]) -> u64 {
    let mut parts: Vec<Vec<u8>> = vec![
        env!("CARGO_PKG_VERSION").as_bytes().to_vec(),
        MODEL_VERSION.to_le_bytes().to_vec(),
        // The program itself: another build may parse the same pages otherwise.
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| size_and_time(&m))
            .unwrap_or_default(),
    ];
    for (f, m) in files {
        let mut p = f.as_os_str().as_encoded_bytes().to_vec();
        if let Some(m) = m {
            p.extend(size_and_time(m));
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

/// The cache file: `MAGIC`, the header's length (u64 LE), the header (postcard), then the
/// article chunks (postcard `Vec<Article>` each) back to back, decoded in parallel.
#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    fingerprint: u64,
    pages: Vec<Page>,
    /// The load errors, as messages.
    errors: Vec<String>,
    /// The byte length of each article chunk.
    chunks: Vec<u64>,
}

struct ModelFile {
    /// The fingerprint of the pages it was written from.
    fingerprint: u64,
    pages: Vec<Page>,
    articles: Vec<Article>,
    errors: Vec<String>,
}

/// What [`load_corpus_cached`] gives.
#[derive(Debug)]
pub struct CachedLoad {
    pub corpus: Corpus,
    /// Pages (or folders) that could not be loaded, as messages.
    pub errors: Vec<String>,
    /// The page files and their cache folder.
    pub set: PageSet,
    /// Whether the corpus came from the cache.
    pub from_cache: bool,
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

    fn load(self) -> (Corpus, Vec<PageError>) {
        match self {
            Source::Pages(pages) => load_corpus(pages),
            Source::Default(files) => super::pages::seeds_and_files(files),
        }
    }
}

/// Loads `pages` like [`load_corpus`], from the parsed-model cache when the page files have
/// not changed since it was written, and writes the cache when they have. A cache that cannot
/// be read is ignored (and rewritten); one that cannot be written is only logged.
#[must_use]
pub fn load_corpus_cached(pages: &[PathBuf], paths: &Paths) -> CachedLoad {
    load_cached(Source::Pages(pages), paths)
}

/// The default corpus (the embedded seeds, then `files`: the library's and the config
/// folders' page files) like [`crate::load::seeds_and_files`], through the same cache as
/// [`load_corpus_cached`], in a folder of its own.
#[must_use]
pub fn load_default_cached(files: &[PathBuf], paths: &Paths) -> CachedLoad {
    load_cached(Source::Default(files), paths)
}

fn load_cached(source: Source<'_>, paths: &Paths) -> CachedLoad {
    let file = source.dir(paths).join(MODEL_FILE);
    // The page files are listed and stat-ed while the cache is read and decoded; their
    // fingerprint then says whether the decoded model may be used.
    let (set, model) = rayon::join(|| PageSet::new(source, paths), || read_model(&file));
    if let Some(m) = model.filter(|m| m.fingerprint == set.fingerprint) {
        return CachedLoad {
            corpus: rebuild(m.pages, m.articles),
            errors: m.errors,
            set,
            from_cache: true,
        };
    }
    let (corpus, errs) = source.load();
    let errors: Vec<String> = errs.iter().map(ToString::to_string).collect();
    write_model(&file, set.fingerprint, &corpus, &errors);
    CachedLoad {
        corpus,
        errors,
        set,
        from_cache: false,
    }
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

/// `Ok(None)`: a readable cache of other pages or another version.
#[cfg(test)]
fn decode(bytes: &[u8], fingerprint: u64) -> Result<Option<ModelFile>, String> {
    Ok(decode_any(bytes)?.filter(|m| m.fingerprint == fingerprint))
}

/// `Ok(None)`: a readable cache of another version.
fn decode_any(bytes: &[u8]) -> Result<Option<ModelFile>, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a model cache")?;
    let (len, rest) = rest.split_at_checked(8).ok_or("truncated")?;
    let len = u64::from_le_bytes(len.try_into().map_err(|_| "truncated")?);
    let len = usize::try_from(len).map_err(|e| e.to_string())?;
    let (head, mut body) = rest.split_at_checked(len).ok_or("truncated")?;
    let header: Header = postcard::from_bytes(head).map_err(|e| e.to_string())?;
    if header.version != MODEL_VERSION {
        tracing::info!("parsed-model cache is of another version");
        return Ok(None);
    }
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
    Ok(Some(ModelFile {
        fingerprint: header.fingerprint,
        pages: header.pages,
        articles: decoded?.into_iter().flatten().collect(),
        errors: header.errors,
    }))
}

fn encode(fingerprint: u64, corpus: &Corpus, errors: &[String]) -> Result<Vec<u8>, String> {
    let chunks: Result<Vec<Vec<u8>>, String> = corpus
        .articles
        .par_chunks(CHUNK)
        .map(|c| postcard::to_allocvec(c).map_err(|e| e.to_string()))
        .collect();
    let chunks = chunks?;
    let header = Header {
        version: MODEL_VERSION,
        fingerprint,
        pages: corpus.pages.clone(),
        errors: errors.to_vec(),
        chunks: chunks.iter().map(|c| c.len() as u64).collect(),
    };
    let head = postcard::to_allocvec(&header).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(16 + head.len() + chunks.iter().map(Vec::len).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    for c in chunks {
        out.extend_from_slice(&c);
    }
    Ok(out)
}

fn write_model(file: &Path, fingerprint: u64, corpus: &Corpus, errors: &[String]) {
    let result = (|| -> Result<(), String> {
        let bytes = encode(fingerprint, corpus, errors)?;
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

/// Puts cached articles back on their pages and builds the corpus.
fn rebuild(mut pages: Vec<Page>, articles: Vec<Article>) -> Corpus {
    let at: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for a in articles {
        if let Some(&i) = at.get(&a.page) {
            pages[i].articles.push(a);
        }
    }
    Corpus::new(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let corpus = crate::load::seed_corpus();
        let bytes = encode(7, &corpus, &["e".to_string()]).unwrap();
        let m = decode(&bytes, 7).unwrap().unwrap();
        assert_eq!(m.articles, corpus.articles);
        assert_eq!(m.errors, vec!["e".to_string()]);
        let back = rebuild(m.pages, m.articles);
        assert_eq!(back.articles, corpus.articles);
        assert_eq!(back.cities, corpus.cities);
        // Other pages: not used.
        assert!(decode(&bytes, 8).unwrap().is_none());
        // Damage of every kind: an error, never a panic.
        assert!(decode(&bytes[..bytes.len() / 2], 7).is_err());
        assert!(decode(b"GBMODEL\0\xff\xff\xff\xff\xff\xff\xff\xff", 7).is_err());
        assert!(decode(b"junk", 7).is_err());
        let mut flipped = bytes.clone();
        let n = flipped.len();
        flipped[n - 40] ^= 0xff;
        let _ = decode(&flipped, 7);
    }

    #[test]
    fn cached_load_reuses_and_notices_changes() {
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
        let first = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!first.from_cache);
        let second = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(second.from_cache);
        assert_eq!(second.corpus.articles, first.corpus.articles);
        std::fs::remove_file(pages.join(crate::load::SEEDS[0].0)).unwrap();
        let third = load_corpus_cached(std::slice::from_ref(&pages), &paths);
        assert!(!third.from_cache);
        assert!(third.corpus.articles.len() < first.corpus.articles.len());
        // A damaged cache file is re-parsed, not a crash.
        std::fs::write(third.set.dir.join(MODEL_FILE), b"garbage").unwrap();
        let fourth = load_corpus_cached(&[pages], &paths);
        assert!(!fourth.from_cache);
        assert_eq!(fourth.corpus.articles, third.corpus.articles);
    }
}
