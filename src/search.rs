//! Full-text Chinese search: a tantivy index of the corpus's articles cut by jieba (our own
//! tokenizer, [`tokenizer`]), queries parsed and segmented without jieba ([`query`]), ranked
//! hits with highlighted snippets and related articles ([`searcher`]), where indexes live and
//! how they are built in the background ([`index`]). Reads no page itself: the corpus and the
//! cache folder of its page files come from `load`.
//!
//! ```text
//!  Corpus ──schema::document──▶ tantivy docs ──index::build (jieba + bigrams)──▶ index
//!  "送清凉 city:湛江" ──query::parse──▶ ParsedQuery ──segment (term dict)──▶ BooleanQuery
//!  index + query ──searcher──▶ SearchHit { id, title, city, score, snippet ranges }
//! ```

pub mod index;
pub mod query;
pub mod schema;
pub mod searcher;
pub mod snippet;
pub mod tokenizer;
pub mod update;

pub use index::{open_current, open_or_build, refresh, IndexJob, IndexSpec, Opened, Progress};
pub use searcher::{SearchHit, SearchOptions, SearchResults, Searcher, SegmentWith};
pub use snippet::Snippet;
pub use update::Change;

use crate::load::{Located, PageSet};
use std::path::{Path, PathBuf};

/// Why search could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search index {}: {message}", dir.display())]
    Index { dir: PathBuf, message: String },
    #[error("search index: {0}")]
    Tantivy(String),
    #[error("the indexing thread stopped without a result")]
    Thread,
}

impl SearchError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> SearchError {
        SearchError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn tantivy(dir: Option<&Path>, e: &tantivy::TantivyError) -> SearchError {
        match dir {
            Some(d) => SearchError::Index {
                dir: d.to_path_buf(),
                message: e.to_string(),
            },
            None => SearchError::Tantivy(e.to_string()),
        }
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Tantivy(e.to_string())
    }
}

/// What `gongbao search` found, and what happened to the index on the way.
#[derive(Debug)]
pub struct CommandSearch {
    pub results: SearchResults,
    pub opened: Opened,
    /// Page load errors met while (re)building, as messages.
    pub errors: Vec<String>,
}

/// Where the index of a page set lives: in its cache folder, current while the page files'
/// fingerprint is the one it was built from.
#[must_use]
pub fn index_spec(set: &PageSet) -> IndexSpec {
    IndexSpec {
        dir: Some(set.dir.clone()),
        fingerprint: set.fingerprint,
    }
}

/// The whole of `gongbao search`: opens the index of the located pages (`--pages`, or the
/// default corpus), building it first if it is missing or outdated, and runs the query.
/// The seeds alone are indexed in RAM; any other corpus in its cache folder. On a current
/// index this reads no page and loads no jieba dictionary.
///
/// # Errors
/// When the index cannot be built or read.
pub fn command_search(
    located: &Located<'_>,
    paths: &crate::paths::Paths,
    query: &str,
    opts: &SearchOptions,
    progress: &Progress,
) -> Result<CommandSearch, SearchError> {
    let (searcher, opened, errors) = match located.set(paths) {
        None => {
            let corpus = std::sync::Arc::new(crate::load::seed_corpus());
            let (s, o) = open_or_build(&IndexSpec::in_ram(), &mut || corpus.clone(), progress)?;
            (s, o, Vec::new())
        }
        Some(set) => {
            let spec = index_spec(&set);
            match open_current(&spec)? {
                Some(s) => (s, Opened::Existing, Vec::new()),
                None => {
                    let mut errors = Vec::new();
                    let (s, o) = open_or_build(
                        &spec,
                        &mut || {
                            let load = located.open(Some(paths));
                            errors.clone_from(&load.errors);
                            std::sync::Arc::new(load.corpus)
                        },
                        progress,
                    )?;
                    (s, o, errors)
                }
            }
        }
    };
    let results = searcher.search(query, opts)?;
    Ok(CommandSearch {
        results,
        opened,
        errors,
    })
}

/// What [`refresh_located`] did: pages parsed, and what happened to the index.
#[derive(Debug)]
pub struct Refreshed {
    /// Page files parsed now (the others came from the parsed-model cache).
    pub parsed: usize,
    pub opened: Opened,
    /// Pages that could not be loaded, as messages.
    pub errors: Vec<String>,
}

/// Brings the parsed model and the index of the located pages up to date now, a page at a
/// time: what `gongbao import` does before it returns, so the next start and search find
/// them ready. `verify`: trust no file's size and time (the default corpus only; `gongbao
/// library --verify`). `None` for the seeds alone (nothing is kept for them here).
///
/// # Errors
/// When the index cannot be written.
pub fn refresh_located(
    located: &Located<'_>,
    paths: &crate::paths::Paths,
    verify: bool,
    progress: &Progress,
) -> Result<Option<Refreshed>, SearchError> {
    let Some(load) = located.load_for_update(paths, verify) else {
        return Ok(None);
    };
    let spec = index_spec(&load.set);
    let (_, opened) = refresh(&spec, std::sync::Arc::new(load.corpus), progress)?;
    Ok(Some(Refreshed {
        parsed: load.parsed,
        opened,
        errors: load.errors,
    }))
}
