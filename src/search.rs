//! Full-text Chinese search: a tantivy index of the corpus's articles cut by jieba (our own
//! tokenizer, [`tokenizer`]; the paper's abbreviations as one word, [`abbrev`]), queries
//! parsed and segmented without jieba ([`query`]), ranked hits with highlighted snippets and
//! related articles ([`searcher`]), where indexes live and how they are built in the
//! background ([`index`]). Reads no page itself: the corpus and the cache folder of its page
//! files come from `load`. Page banners and unplaced text, which no article holds, are found
//! as page-level hits ([`pagetext`]). Traditional and simplified script are one script here: text and
//! queries are folded to simplified before they are cut.
//!
//! ```text
//!  Corpus ──schema::document──▶ tantivy docs ──index::build (jieba + bigrams)──▶ index
//!  "送清凉 city:湛江" ──query::parse──▶ ParsedQuery ──segment (term dict)──▶ BooleanQuery
//!  index + query ──searcher──▶ SearchHit { id, title, city, score, snippet ranges }
//! ```

pub mod abbrev;
pub mod announce;
pub mod bits;
pub mod cities;
pub mod exclusion;
pub mod fold;
pub mod index;
pub mod pagetext;
pub mod query;
pub mod schema;
pub mod searcher;
pub mod snippet;
pub mod tokenizer;
pub mod top;
pub mod update;

pub use index::{
    damage, heal, open_checked, open_checked_with, open_current, open_or_build, refresh, IndexJob,
    IndexSpec, Opened, Progress,
};
pub use searcher::{SearchHit, SearchOptions, SearchResults, Searcher, SegmentWith, Sort};
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
    /// Pages whose banners or unplaced text (which no article holds) hold the query, in
    /// page id order; none when the search is within a city.
    pub pages: Vec<pagetext::PageHit>,
    /// Page load errors met while (re)building, and an index kept in memory because the
    /// cache folder cannot be written, as messages.
    pub errors: Vec<String>,
    /// The warnings of the pages read to build or update the index (none when it was
    /// current: no page was read).
    pub warnings: Vec<String>,
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

/// Where the embedded seeds' index is kept: `<cache>/search/seeds-<program stamp>`, one
/// folder per build of gongbao ([`crate::load::cache::parser_stamp`]: another build may parse
/// or cut the seeds otherwise), so `gongbao search` and the reader on the seeds alone open
/// it from disk instead of indexing them on every start.
#[must_use]
pub fn seeds_spec(paths: &crate::paths::Paths) -> IndexSpec {
    let stamp = crate::load::cache::parser_stamp();
    IndexSpec {
        dir: Some(seeds_root(paths).join(format!("{SEEDS_PREFIX}{stamp:016x}"))),
        fingerprint: stamp,
    }
}

const SEEDS_PREFIX: &str = "seeds-";

fn seeds_root(paths: &crate::paths::Paths) -> PathBuf {
    paths.cache.join("search")
}

/// Removes the seeds' index folders of other builds of gongbao than this one (each is
/// written once, by the build it belongs to).
fn remove_other_seeds(paths: &crate::paths::Paths, keep: &IndexSpec) {
    let Ok(rd) = std::fs::read_dir(seeds_root(paths)) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let other = e.file_name().to_string_lossy().starts_with(SEEDS_PREFIX)
            && keep.dir.as_ref() != Some(&p);
        if other {
            if let Err(err) = std::fs::remove_dir_all(&p) {
                tracing::debug!("cannot remove {}: {err}", p.display());
            }
        }
    }
}

/// The whole of `gongbao search`: opens the index of the located pages (`--pages`, or the
/// default corpus), building it first if it is missing or outdated, and runs the query.
/// The seeds alone are indexed in a folder of this build of gongbao ([`seeds_spec`]); any
/// other corpus in its cache folder (in RAM when that cannot be written). On a current index this reads no page and loads no jieba
/// dictionary. A query that fails or panics on an index from disk has the index checked
/// against its checksums ([`index::heal`]): a damaged one is moved aside and rebuilt, and
/// the query run again.
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
    let set = located.set(paths);
    let spec = set.as_ref().map_or_else(|| seeds_spec(paths), index_spec);
    let mut notes = Vec::new();
    let mut load = FromLocated::new(located, paths, false);
    let (searcher, opened, spec) = match index::open_checked_with(&spec, false, &mut load, progress)
    {
        Ok((s, o)) => (s, o, spec),
        // The cache folder cannot be written (read-only, full): an index in memory.
        Err(e) if spec.dir.is_some() => {
            let note = format!("{e}; searching an index built in memory instead");
            tracing::warn!("{note}");
            let ram = IndexSpec::in_ram();
            let (s, o) = open_or_build(&ram, &mut load, progress)?;
            notes.push(note);
            (s, o, ram)
        }
        Err(e) => return Err(e),
    };
    // Page-level hits first: healing the index below replaces the searcher. Page text has
    // no city or union body: a search within one reads none.
    let parsed = query::parse(query);
    let pages = if opts.city.is_some()
        || parsed.city.is_some()
        || parsed.union.is_some()
        || parsed.is_empty()
    {
        Vec::new()
    } else {
        page_hits(&searcher, &spec, &mut load, query, opts.limit)
    };
    let (results, opened) = match run_caught(&searcher, query, opts) {
        Ok(r) => (r, opened),
        Err(failure) if spec.dir.is_some() => {
            drop(searcher);
            let (searcher, healed) = heal(&spec, &failure, &mut load, progress)?;
            let results = run_caught(&searcher, query, opts).map_err(SearchError::Tantivy)?;
            (
                results,
                if healed == Opened::Existing {
                    opened
                } else {
                    healed
                },
            )
        }
        Err(failure) => return Err(SearchError::Tantivy(failure)),
    };
    let mut errors = std::mem::take(&mut load.errors);
    errors.extend(notes);
    if set.is_none() && opened == Opened::Built {
        remove_other_seeds(paths, &spec);
    }
    Ok(CommandSearch {
        results,
        opened,
        pages,
        errors,
        warnings: load.warnings,
    })
}

/// The page-level hits of `query` among the pages `searcher` holds: from the text kept beside
/// the index's commit, so no page is read; from the pages themselves for an index in memory
/// or one whose file is missing.
fn page_hits(
    searcher: &Searcher,
    spec: &IndexSpec,
    load: &mut dyn update::PagesSource,
    query: &str,
    limit: usize,
) -> Vec<pagetext::PageHit> {
    kept_page_hits(searcher, spec, query, limit)
        .unwrap_or_else(|| pagetext::Leftovers::of(&load.corpus()).search(query, limit))
}

/// The page-level hits of `query` from the text kept beside the commit `searcher` has open
/// (each hit's `page` its place among the kept pages with text, not a corpus's index: find
/// the page by `page_id`); `None` for an index in memory or one whose file is missing.
#[must_use]
pub fn kept_page_hits(
    searcher: &Searcher,
    spec: &IndexSpec,
    query: &str,
    limit: usize,
) -> Option<Vec<pagetext::PageHit>> {
    let dir = spec.index_dir()?;
    let opstamp = searcher.index().load_metas().ok()?.opstamp;
    let hits = pagetext::kept::search(&update::texts_file(&dir, opstamp), query, limit);
    if hits.is_none() {
        tracing::warn!(
            "search index {}: no page-level text beside commit {opstamp}; reading the pages",
            dir.display()
        );
    }
    hits
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
    let Some(set) = located.set(paths) else {
        return Ok(None);
    };
    let mut load = FromLocated::new(located, paths, verify);
    let (_, opened) = refresh(&index_spec(&set), &mut load, progress)?;
    Ok(Some(Refreshed {
        parsed: load.parsed,
        opened,
        errors: load.errors,
    }))
}

/// The pages of a located source as an index wants them: the whole corpus for a build, the
/// page list of the parsed-model cache for an update (no kept page decoded). Keeps the load
/// errors and how many pages were parsed.
struct FromLocated<'a, 'b> {
    located: &'a Located<'b>,
    paths: &'a crate::paths::Paths,
    /// Trust no file's size and time (the default corpus only).
    verify: bool,
    errors: Vec<String>,
    /// The warnings of the pages parsed (or, for a build, read).
    warnings: Vec<String>,
    parsed: usize,
}

impl<'a, 'b> FromLocated<'a, 'b> {
    fn new(located: &'a Located<'b>, paths: &'a crate::paths::Paths, verify: bool) -> Self {
        FromLocated {
            located,
            paths,
            verify,
            errors: Vec::new(),
            warnings: Vec::new(),
            parsed: 0,
        }
    }
}

impl update::PagesSource for FromLocated<'_, '_> {
    fn corpus(&mut self) -> std::sync::Arc<crate::model::Corpus> {
        match self.located.load_for_update(self.paths, self.verify) {
            Some(l) => {
                self.errors.clone_from(&l.errors);
                self.parsed += l.parsed;
                self.warnings = l
                    .corpus
                    .pages
                    .iter()
                    .flat_map(|p| p.warnings.iter().cloned())
                    .collect();
                std::sync::Arc::new(l.corpus)
            }
            None => std::sync::Arc::new(crate::load::seed_corpus()),
        }
    }

    fn pages(&mut self) -> std::sync::Arc<dyn crate::model::IndexablePages> {
        match self.located.pages_for_update(self.paths, self.verify) {
            Some(l) => {
                self.errors.clone_from(&l.errors);
                self.parsed += l.parsed;
                self.warnings = l.warnings;
                std::sync::Arc::new(l.pages)
            }
            None => self.corpus(),
        }
    }
}

/// Runs a query with a panic caught: a failure or panic becomes its message.
///
/// # Errors
/// What tantivy failed or panicked with.
pub fn run_caught(
    searcher: &Searcher,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, String> {
    match crate::panics::catch(|| searcher.search(query, opts)) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(format!("panicked: {panic}")),
    }
}
