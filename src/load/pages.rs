//! Reading pages from disk (or the embedded seeds) and building a [`Corpus`]: page files and
//! folders of them, the embedded seeds, the page library's files. Parsing runs in parallel
//! (rayon). Writes nothing; what is cached is `cache`'s, what a corpus is made of `load`'s.

use crate::error::PageError;
use crate::model::{Corpus, Page};
use crate::parse::parse_page;
use crate::paths::Paths;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The five seed pages, embedded in the binary: (file name, bytes).
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_d566be7ab6327229.txt",
        include_bytes!("../../seeds/000_d566be7ab6327229.txt"),
    ),
    (
        "001_1682cd0c3cc93468.txt",
        include_bytes!("../../seeds/001_1682cd0c3cc93468.txt"),
    ),
    (
        "002_bd4738ecc809b008.txt",
        include_bytes!("../../seeds/002_bd4738ecc809b008.txt"),
    ),
    (
        "003_158881c878a543ee.txt",
        include_bytes!("../../seeds/003_158881c878a543ee.txt"),
    ),
    (
        "004_2725b99f7637a51a.txt",
        include_bytes!("../../seeds/004_2725b99f7637a51a.txt"),
    ),
];

/// The corpus of the embedded seed pages.
#[must_use]
pub fn seed_corpus() -> Corpus {
    Corpus::new(seed_pages())
}

/// The embedded seed pages, parsed.
#[must_use]
pub fn seed_pages() -> Vec<Page> {
    SEEDS
        .par_iter()
        .filter_map(|(name, bytes)| {
            let id = name.trim_end_matches(".txt");
            parse_page(id, &format!("seed:{name}"), bytes).ok()
        })
        .collect()
}

/// The seed pages followed by these page files (the default corpus). A file whose bytes are
/// those of a seed or of an earlier file is left out, so a page is never there twice.
#[must_use]
pub fn seeds_and_files(files: &[PathBuf]) -> (Corpus, Vec<PageError>) {
    let mut errors = Vec::new();
    let mut read = Vec::new();
    for f in files {
        match std::fs::read(f) {
            Ok(bytes) => read.push((f, bytes)),
            Err(source) => errors.push(PageError::Io {
                path: f.clone(),
                source,
            }),
        }
    }
    let mut seen: std::collections::HashSet<&[u8]> = SEEDS.iter().map(|(_, b)| *b).collect();
    let unique: Vec<&(&PathBuf, Vec<u8>)> = read
        .iter()
        .filter(|(_, bytes)| seen.insert(bytes.as_slice()))
        .collect();
    let parsed: Vec<Result<Page, PageError>> = unique
        .par_iter()
        .map(|(path, bytes)| parse_page(&page_id(path), &path.display().to_string(), bytes))
        .collect();
    let mut pages = seed_pages();
    for r in parsed {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    dedupe_ids(&mut pages);
    (Corpus::new(pages), errors)
}

pub(crate) fn page_id(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "page".to_string(), |s| s.to_string_lossy().into_owned())
}

/// A path in its one canonical spelling (absolute, symbolic links resolved, no trailing
/// slash), so every spelling of a folder names the same page files, cache and fingerprint;
/// a path that does not exist stays as given (its error comes when it is read).
#[must_use]
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `--pages` arguments in their canonical spelling ([`canonical`]), each once, in the
/// order first given.
#[must_use]
pub fn canonical_args(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    paths
        .iter()
        .map(|p| canonical(p))
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

/// Expands `--pages` arguments: files as given, directories to their `*.txt` files (sorted),
/// every argument first put in its canonical spelling ([`canonical_args`]).
/// A folder's files are told apart by their directory entries' types, with no `stat` of
/// each (a symbolic link is followed).
///
/// # Errors
/// Each path that cannot be listed, with the others still returned.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PageError>) {
    expand_paths_via(paths, |folder, _| list_folder(folder))
}

/// [`expand_paths`], with each folder's page files given by `folder` (its path and
/// metadata): [`list_folder`], or a listing kept from an earlier run.
///
/// # Errors
/// Each path that cannot be listed, with the others still returned.
pub fn expand_paths_via(
    paths: &[PathBuf],
    mut folder: impl FnMut(&Path, &std::fs::Metadata) -> std::io::Result<Vec<PathBuf>>,
) -> (Vec<PathBuf>, Vec<PageError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in &canonical_args(paths) {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => match folder(p, &m) {
                Ok(found) => files.extend(found),
                Err(source) => errors.push(PageError::Io {
                    path: p.clone(),
                    source,
                }),
            },
            _ => files.push(p.clone()),
        }
    }
    (files, errors)
}

/// A folder's page files, sorted by name.
///
/// # Errors
/// When the folder cannot be listed.
pub fn list_folder(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(list_folder_marked(folder)?
        .into_iter()
        .map(|(path, _)| path)
        .collect())
}

/// A folder's page files, sorted by name, each with whether it is a symbolic link.
///
/// # Errors
/// When the folder cannot be listed.
pub fn list_folder_marked(folder: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut found: Vec<(PathBuf, bool)> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(page_file)
        .collect();
    found.sort_unstable_by(|a, b| by_name(&a.0, &b.0));
    Ok(found)
}

/// The path of a folder's entry if it is a page file: `*.txt` (any case), a file or a
/// symbolic link to one (then `true`); told by the entry's type, with no `stat` but for a
/// link.
fn page_file(e: std::fs::DirEntry) -> Option<(PathBuf, bool)> {
    let path = e.path();
    let txt = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt"));
    let t = e.file_type().ok()?;
    let link = t.is_symlink();
    (txt && (t.is_file() || (link && path.is_file()))).then_some((path, link))
}

/// Whether the folder `dir` holds a page file (as [`expand_paths`] lists them); stops at
/// the first, so it costs a few entries of a folder of thousands.
///
/// # Errors
/// When the folder cannot be listed.
pub fn holds_a_page_file(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .find_map(page_file)
        .is_some())
}

/// The page library's files (`*.txt`, sorted by name). Symlinks and anything else that is
/// not a plain file are left out. An absent library is empty.
#[must_use]
pub fn library_files(paths: &Paths) -> Vec<PathBuf> {
    let lib = paths.library();
    if !std::fs::symlink_metadata(&lib).is_ok_and(|m| m.is_dir()) {
        return Vec::new();
    }
    let lib = canonical(&lib);
    let Ok(rd) = std::fs::read_dir(&lib) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    sort_by_name(&mut files);
    files
}

/// Orders one folder's files by name. Their paths differ only in the name, so their bytes
/// compare as the names do, at the cost of a `memcmp`: taking each name apart as path
/// components (`Path::file_name`) in every comparison was half of `gongbao search`'s time
/// on a folder of 16,667 pages.
fn sort_by_name(files: &mut [PathBuf]) {
    files.sort_unstable_by(|a, b| by_name(a, b));
}

/// The order of two files of one folder by name (see [`sort_by_name`]).
fn by_name(a: &Path, b: &Path) -> std::cmp::Ordering {
    a.as_os_str().cmp(b.as_os_str())
}

/// The largest page file read (a page is some 10 kB; `import` refuses the same).
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads and parses one page file. Anything but a plain file (a FIFO would block for ever,
/// `/dev/zero` fill the memory) and anything past [`MAX_PAGE_BYTES`] is refused unread.
///
/// # Errors
/// When the file cannot be read or is not a page.
pub fn load_page(path: &Path) -> Result<Page, PageError> {
    let bytes = read_page_file(path, None)?;
    parse_page(&page_id(path), &path.display().to_string(), &bytes)
}

/// A page file's bytes, refused unread when it is no plain file or past [`MAX_PAGE_BYTES`]
/// (`meta`: its metadata when the caller has it already).
///
/// # Errors
/// When the file cannot be read, is not a plain file or is too large.
pub(crate) fn read_page_file(
    path: &Path,
    meta: Option<&std::fs::Metadata>,
) -> Result<Vec<u8>, PageError> {
    let io = |source| PageError::Io {
        path: path.to_path_buf(),
        source,
    };
    let own;
    let meta = match meta {
        Some(m) => m,
        None => {
            own = std::fs::metadata(path).map_err(io)?;
            &own
        }
    };
    if !meta.is_file() {
        return Err(PageError::NotPlain {
            path: path.to_path_buf(),
        });
    }
    let too_large = |bytes| PageError::TooLarge {
        path: path.to_path_buf(),
        bytes,
        max: MAX_PAGE_BYTES,
    };
    if meta.len() > MAX_PAGE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte past the limit: a file that grew since is refused too.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).map_err(io)?, MAX_PAGE_BYTES + 1),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A page's text as it was parsed (decoded, with visible control characters), read again
/// from its file or its embedded seed: for showing the page's lines as printed.
///
/// # Errors
/// When the file cannot be read any more or is no longer a page.
pub fn page_text(page: &Page) -> Result<String, PageError> {
    let bytes = match page.source.strip_prefix("seed:") {
        Some(name) => SEEDS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| PageError::Empty {
                file: page.source.clone(),
            })?,
        None => std::fs::read(&page.source).map_err(|source| PageError::Io {
            path: PathBuf::from(&page.source),
            source,
        })?,
    };
    crate::parse::decode::decode(&page.source, &bytes).map(|d| d.text)
}

/// Loads page files and directories in parallel. Pages that fail are reported, the rest load.
#[must_use]
pub fn load_corpus(paths: &[PathBuf]) -> (Corpus, Vec<PageError>) {
    let (files, mut errors) = expand_paths(paths);
    let results: Vec<Result<Page, PageError>> = files.par_iter().map(|f| load_page(f)).collect();
    let mut pages = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    dedupe_ids(&mut pages);
    (Corpus::new(pages), errors)
}

/// Two files with the same stem in different folders get distinct page ids (`stem~2`), so
/// article ids stay unique in the corpus.
pub(crate) fn dedupe_ids(pages: &mut [Page]) {
    let ids = deduped_ids(pages.iter().map(|p| p.id.as_str()));
    for (p, id) in pages.iter_mut().zip(ids) {
        if let Some(id) = id {
            rename_page(p, id);
        }
    }
}

/// The ids of pages in order, made unique as [`dedupe_ids`] makes them: `None` where an id
/// stands as it is, the new id (`<id>~<n>`, the n-th page of that id) where it does not.
pub(crate) fn deduped_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<Option<String>> {
    let mut seen = rustc_hash::FxHashMap::<&str, usize>::default();
    ids.map(|id| {
        let n = seen.entry(id).or_insert(0);
        *n += 1;
        (*n > 1).then(|| format!("{id}~{n}"))
    })
    .collect()
}

/// Gives a page, and its articles' ids, a new page id.
pub(crate) fn rename_page(p: &mut Page, new_id: String) {
    for a in &mut p.articles {
        a.page.clone_from(&new_id);
        if let Some(rest) = a.id.strip_prefix(&p.id) {
            a.id = format!("{new_id}{rest}");
        }
    }
    p.id = new_id;
}
