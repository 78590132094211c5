//! Where the corpus comes from: reading page files and the embedded seeds ([`pages`]), the
//! parsed-model cache ([`cache`]), and the one way to open a corpus, [`open_corpus`], that
//! the reader, `export`/`list`/`show` and `gongbao search` all use. The only part of the
//! library that reads pages from disk; it builds no index and draws nothing.
//!
//! A corpus is made of a [`Source`]: `--pages` (files and folders), or the default corpus
//! (the embedded seeds, the page library, the config's page folders). The seeds alone are
//! parsed in memory; any other corpus goes through the parsed-model cache, in a cache folder
//! its [`PageSet`] names, where `search` keeps its index too.

pub mod cache;
pub mod pages;

pub use cache::{
    load_corpus_cached, load_default_cached, load_pages_cached, verify_default, CachedLoad,
    PageList, PageSet, PagesLoad,
};
pub use pages::{
    canonical, canonical_args, expand_paths, library_files, load_corpus, load_page, page_text,
    seed_corpus, seed_pages, seeds_and_files, MAX_PAGE_BYTES, SEEDS,
};

use crate::error::PageError;
use crate::model::Corpus;
use crate::paths::Paths;
use crate::store::config::Config;
use std::path::PathBuf;

/// What a corpus is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    /// `--pages`: page files and folders of them, in place of the default corpus.
    Pages(&'a [PathBuf]),
    /// The embedded seeds, the page library and the config's extra page folders.
    Default,
}

impl<'a> Source<'a> {
    /// `--pages` as given on the command line: none means the default corpus.
    #[must_use]
    pub fn from_args(pages: &'a [PathBuf]) -> Self {
        if pages.is_empty() {
            Source::Default
        } else {
            Source::Pages(pages)
        }
    }
}

/// A source's page files, found but not read.
#[derive(Debug)]
pub struct Located<'a> {
    source: Source<'a>,
    /// For the default corpus, the files it adds to the seeds (library, config folders).
    files: Vec<PathBuf>,
    /// Folders of the config that could not be listed, as messages.
    pub errors: Vec<String>,
}

impl Located<'_> {
    /// The page set and its cache folder; `None` for the seeds alone (parsed and indexed in
    /// memory). Reads no page, only the files' metadata.
    #[must_use]
    pub fn set(&self, paths: &Paths) -> Option<PageSet> {
        match self.source {
            Source::Pages(pages) => Some(PageSet::locate(pages, paths)),
            Source::Default if self.files.is_empty() => None,
            Source::Default => Some(PageSet::locate_default(&self.files, paths)),
        }
    }

    /// Reads the pages through the parsed-model cache, as a writer about to update the index
    /// would: `verify` compares every file's bytes with the cache (the default corpus only).
    /// `None` for the seeds alone.
    #[must_use]
    pub fn load_for_update(&self, paths: &Paths, verify: bool) -> Option<CachedLoad> {
        match self.source {
            Source::Default if self.files.is_empty() => None,
            Source::Default if verify => Some(verify_default(&self.files, paths)),
            Source::Default => Some(load_default_cached(&self.files, paths)),
            Source::Pages(pages) => Some(load_corpus_cached(pages, paths)),
        }
    }

    /// The pages as an update of the search index needs them ([`load_pages_cached`]: no
    /// kept page decoded); `verify` as in [`Located::load_for_update`]. `None` for the seeds
    /// alone.
    #[must_use]
    pub fn pages_for_update(&self, paths: &Paths, verify: bool) -> Option<PagesLoad> {
        match self.source {
            Source::Default if self.files.is_empty() => None,
            Source::Default => Some(load_pages_cached(None, &self.files, paths, verify)),
            Source::Pages(pages) => Some(load_pages_cached(Some(pages), &[], paths, false)),
        }
    }

    /// Reads the pages: from the parsed-model cache when it is current (and writes it when
    /// not); the seeds alone, and any source without a cache folder, are parsed in memory.
    #[must_use]
    pub fn open(&self, paths: Option<&Paths>) -> LoadedCorpus {
        let cached = |l: CachedLoad| LoadedCorpus {
            corpus: l.corpus,
            errors: l.errors,
            set: Some(l.set),
        };
        match (self.source, paths) {
            (Source::Default, _) if self.files.is_empty() => LoadedCorpus::from(seed_corpus()),
            (Source::Default, Some(p)) => cached(load_default_cached(&self.files, p)),
            (Source::Pages(pages), Some(p)) => cached(load_corpus_cached(pages, p)),
            (Source::Default, None) => {
                let (corpus, errors) = seeds_and_files(&self.files);
                LoadedCorpus::with_errors(corpus, &errors)
            }
            (Source::Pages(pages), None) => {
                let (corpus, errors) = load_corpus(pages);
                LoadedCorpus::with_errors(corpus, &errors)
            }
        }
    }
}

/// A corpus opened, with what could not be loaded and where its cache folder is.
#[derive(Debug)]
pub struct LoadedCorpus {
    pub corpus: Corpus,
    /// Pages and folders that could not be loaded, as messages.
    pub errors: Vec<String>,
    /// The page files and their cache folder; `None` when the corpus lives in memory only.
    pub set: Option<PageSet>,
}

impl From<Corpus> for LoadedCorpus {
    fn from(corpus: Corpus) -> Self {
        LoadedCorpus {
            corpus,
            errors: Vec::new(),
            set: None,
        }
    }
}

impl LoadedCorpus {
    fn with_errors(corpus: Corpus, errors: &[PageError]) -> Self {
        LoadedCorpus {
            errors: errors.iter().map(ToString::to_string).collect(),
            ..LoadedCorpus::from(corpus)
        }
    }
}

/// The page files the default corpus adds to the embedded seeds: the library's pages, then
/// the `*.txt` files of the config's extra page folders.
#[must_use]
pub fn default_page_files(paths: &Paths, config: &Config) -> (Vec<PathBuf>, Vec<PageError>) {
    let mut files = library_files(paths);
    let (extra, errors) = expand_paths(&config.pages);
    files.extend(extra);
    (files, errors)
}

/// Finds a source's page files without reading them. Without `paths` (no home folder) the
/// default corpus is the seeds alone.
#[must_use]
pub fn locate<'a>(source: Source<'a>, paths: Option<&Paths>, config: &Config) -> Located<'a> {
    let (files, errors) = match (source, paths) {
        (Source::Default, Some(p)) => default_page_files(p, config),
        _ => (Vec::new(), Vec::new()),
    };
    Located {
        source,
        files,
        errors: errors.iter().map(ToString::to_string).collect(),
    }
}

/// Opens the corpus of a source: [`locate`], then [`Located::open`], the folders that could
/// not be listed first among the errors.
#[must_use]
pub fn open_corpus(source: Source<'_>, paths: Option<&Paths>, config: &Config) -> LoadedCorpus {
    let located = locate(source, paths, config);
    let mut opened = located.open(paths);
    let mut errors = located.errors;
    errors.append(&mut opened.errors);
    opened.errors = errors;
    opened
}

/// A corpus's source, kept to open it again later: the reader does when another gongbao
/// (an import) has committed new pages to the index it reads.
#[derive(Debug, Clone)]
pub struct Reopen {
    /// `--pages` as given; empty for the default corpus.
    pages: Vec<PathBuf>,
    paths: Paths,
    config: Config,
}

impl Reopen {
    /// The source `--pages` names (empty: the default corpus) under `paths` and `config`.
    #[must_use]
    pub fn new(pages: &[PathBuf], paths: &Paths, config: &Config) -> Reopen {
        Reopen {
            pages: pages.to_vec(),
            paths: paths.clone(),
            config: config.clone(),
        }
    }

    /// Opens the corpus again, as [`open_corpus`] does (through the parsed-model cache).
    #[must_use]
    pub fn open(&self) -> LoadedCorpus {
        open_corpus(
            Source::from_args(&self.pages),
            Some(&self.paths),
            &self.config,
        )
    }

    /// The cache folder the source's model and index live in (the default corpus's, even
    /// while it is the seeds alone: an import puts them there). Lists no folder.
    #[must_use]
    pub fn cache_dir(&self) -> PathBuf {
        cache::set_dir(&self.pages, &self.paths)
    }

    /// Finds the source's page files again ([`locate`]), for an update of its model and
    /// index.
    #[must_use]
    pub fn locate(&self) -> Located<'_> {
        locate(
            Source::from_args(&self.pages),
            Some(&self.paths),
            &self.config,
        )
    }

    /// Where gongbao keeps things for this source.
    #[must_use]
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The folders (or files) whose modification time says the pages may have changed:
    /// each `--pages` path, or for the default corpus the config's page folders (the
    /// library is written only by gongbao, whose import updates the index itself).
    #[must_use]
    pub fn watched(&self) -> Vec<PathBuf> {
        if self.pages.is_empty() {
            canonical_args(&self.config.pages)
        } else {
            canonical_args(&self.pages)
        }
    }
}
