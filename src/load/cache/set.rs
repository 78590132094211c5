//! Where a page set's cache folder is and whether the set changed: [`PageSet`] lists the
//! files of `--pages` (or takes the default corpus's) and fingerprints them without a `stat`
//! per file (the folders' modification times stand for their files).

use super::parser_stamp;
use crate::error::PageError;
use crate::hash::{fnv64, Fnv64};
use crate::paths::Paths;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

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

/// The pages a cached library is made of.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source<'a> {
    /// `--pages` arguments: page files, and folders of them.
    Pages(&'a [PathBuf]),
    /// The default corpus: the embedded seed pages, then these page files (the page library
    /// and the config's folders).
    Default(&'a [PathBuf]),
}

impl Source<'_> {
    pub(super) fn dir(self, paths: &Paths) -> PathBuf {
        match self {
            Source::Pages(pages) => library_dir(pages, paths),
            Source::Default(_) => paths.cache.join("search").join("lib-default"),
        }
    }
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

    pub(super) fn new(source: Source<'_>, paths: &Paths) -> PageSet {
        let (files, loose, errors) = match source {
            Source::Pages(pages) => {
                let (files, errors) = super::listing::expand(pages, &source.dir(paths));
                let loose: std::collections::HashSet<PathBuf> =
                    crate::load::pages::canonical_args(pages)
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
    let args: Vec<String> = crate::load::pages::canonical_args(pages)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let key = fnv64(&args.iter().map(String::as_bytes).collect::<Vec<_>>());
    paths.cache.join("search").join(format!("lib-{key:016x}"))
}

/// The files with their metadata, read in parallel (`None` for a file that cannot be read).
pub(super) fn with_metadata(files: &[PathBuf]) -> Vec<(PathBuf, Option<std::fs::Metadata>)> {
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
    // Streamed (no part is built): at 16,667 files a list of parts and a set insertion per
    // file were a fifth of `gongbao search`'s time.
    let mut h = Fnv64::new();
    h.bytes(&parser_stamp().to_le_bytes());
    h.end_part();
    let mut folders = std::collections::BTreeSet::new();
    let mut last_folder = None;
    for f in files {
        h.bytes(f.as_os_str().as_encoded_bytes());
        if !loose.is_empty() && loose.contains(f) {
            if let Ok(m) = std::fs::metadata(f) {
                h.bytes(&size_and_time(&m));
            }
        } else if let Some(parent) = f.parent() {
            // A folder's files come together: one insertion each.
            if last_folder != Some(parent) {
                folders.insert(parent);
                last_folder = Some(parent);
            }
        }
        h.end_part();
    }
    for d in folders {
        h.bytes(d.as_os_str().as_encoded_bytes());
        if let Ok(m) = std::fs::metadata(d) {
            h.bytes(&size_and_time(&m));
        }
        h.end_part();
    }
    h.finish()
}

/// A file's size and modification time, as bytes for a fingerprint.
pub(super) fn size_and_time(m: &std::fs::Metadata) -> Vec<u8> {
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
