//! What gongbao keeps between runs, in the folders [`crate::paths::Paths`] names: the
//! reader's state (read, starred, last position) in the data dir, the user's `config.toml` in
//! the config dir, and the page library in the data dir. Owns every file gongbao writes there;
//! writes are atomic (a temporary file in the same folder, then a rename). Knows nothing about
//! terminals: the reader reads and changes what this module keeps through its types.

pub mod config;
pub mod library;
pub mod state;

use crate::error::PageError;
use crate::load;
use crate::model::Corpus;
use crate::paths::Paths;
use std::path::PathBuf;

/// The page files the default corpus adds to the embedded seeds: the library's pages, then
/// the `*.txt` files of the config's extra page folders.
#[must_use]
pub fn default_page_files(
    paths: &Paths,
    config: &config::Config,
) -> (Vec<PathBuf>, Vec<PageError>) {
    let mut files = library::page_files(paths);
    let (extra, errors) = load::expand_paths(&config.pages);
    files.extend(extra);
    (files, errors)
}

/// The default corpus: the embedded seeds, the library and the config's extra page folders.
/// Pages whose bytes repeat a page already loaded are left out; pages that fail are reported.
#[must_use]
pub fn default_corpus(paths: &Paths, config: &config::Config) -> (Corpus, Vec<PageError>) {
    let (files, mut errors) = default_page_files(paths, config);
    let (corpus, more) = load::seeds_and_files(&files);
    errors.extend(more);
    (corpus, errors)
}

/// Milliseconds since the Unix epoch: the clock that orders changes to the state.
#[must_use]
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path`.
///
/// # Errors
/// When the folder cannot be written.
pub(crate) fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".gongbao-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
