//! Bringing an index up to date a page at a time: the pages an index holds (page id → a hash
//! of the page file's bytes) are kept beside each commit, in `pages-<opstamp>.bin`, and their
//! page-level text (banners and unplaced lines, which no article holds) in
//! `texts-<opstamp>.bin`, so that a search finds it without reading a page ([`Held`]); an
//! added, changed or removed page has its articles deleted by the `page` field and added
//! again, all in one commit carrying the new version payload. A first build is the same
//! update from nothing, committed every [`COMMIT_EVERY`] articles (`GONGBAO_COMMIT_EVERY`), so a build that is
//! interrupted keeps what it committed and the next run goes on from there. An update asks its
//! [`PagesSource`] for the pages' ids, hashes and article counts and reads the articles of
//! the pages it adds alone (never a whole corpus). Owns the version
//! payload every commit carries ([`Payload`]); decides nothing about whether an index may be
//! opened (that is `index`'s).

use super::schema::{self, document, SCHEMA_VERSION};
use super::tokenizer::analysis_fingerprint;
use super::{Progress, SearchError};
use crate::model::{Corpus, IndexablePages};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tantivy::{Index, Term};

/// What every commit carries, checked on open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub schema: u32,
    /// [`analysis_fingerprint`] in hex.
    pub analysis: String,
    /// [`crate::load::cache::parser_stamp`] in hex: the parser the articles came from.
    pub parser: String,
    /// The fingerprint of the pages the index was built from, in hex.
    pub pages: String,
    pub articles: usize,
}

impl Payload {
    /// The payload of this version for pages of `pages` fingerprint (0 while a build is not
    /// finished) and `articles` articles.
    #[must_use]
    pub fn new(pages: u64, articles: usize) -> Payload {
        Payload {
            schema: SCHEMA_VERSION,
            analysis: format!("{:016x}", analysis_fingerprint()),
            parser: format!("{:016x}", crate::load::cache::parser_stamp()),
            pages: format!("{pages:016x}"),
            articles,
        }
    }
}

/// Articles added between two commits of a long build.
pub const COMMIT_EVERY: usize = 50_000;

/// The articles between two commits of a long build: [`COMMIT_EVERY`], or
/// `GONGBAO_COMMIT_EVERY` when it holds a number above 0 (tests interrupt small builds).
fn commit_every() -> usize {
    std::env::var("GONGBAO_COMMIT_EVERY")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(COMMIT_EVERY)
}
/// The indexing memory budget of a long build, split between the writer's threads.
const WRITER_HEAP: usize = 400_000_000;
/// The largest segment an update merges (first builds write larger ones, left alone).
const MERGE_AT_MOST: usize = 5_000;
/// Below this many articles to add, one writer thread with a small budget does it faster
/// than many threads that each must start.
const SMALL: usize = 5_000;

/// What an update did, in pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Change {
    /// Whether anything changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added + self.changed + self.removed == 0
    }

    /// `indexed 1 new page`, `indexed 2 new pages, 1 changed, 1 removed`.
    #[must_use]
    pub fn describe(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut s = format!("indexed {} new page{}", self.added, plural(self.added));
        if self.changed > 0 {
            s.push_str(&format!(", {} changed", self.changed));
        }
        if self.removed > 0 {
            s.push_str(&format!(", {} removed", self.removed));
        }
        s
    }
}

/// The pages of an index: page id → hash of the page file's bytes.
pub type PageKeys = HashMap<String, u64>;

pub use super::pagetext::kept::PageTexts;

/// What an index holds, as kept beside its commit: its pages' keys and page-level text.
#[derive(Debug, Clone, Default)]
pub struct Held {
    pub keys: PageKeys,
    pub texts: PageTexts,
}

/// The two files kept beside the commit `opstamp`.
fn held_files(dir: &Path, opstamp: u64) -> [PathBuf; 2] {
    [
        dir.join(format!("pages-{opstamp}.bin")),
        dir.join(format!("texts-{opstamp}.bin")),
    ]
}

/// What the commit `opstamp` of the index in `dir` holds; `None` when either file is missing
/// or unreadable (the index is then rebuilt).
#[must_use]
pub fn read_held(dir: &Path, opstamp: u64) -> Option<Held> {
    let [keys, texts] = held_files(dir, opstamp);
    let keys: Vec<(String, u64)> = postcard::from_bytes(&std::fs::read(keys).ok()?).ok()?;
    Some(Held {
        keys: keys.into_iter().collect(),
        texts: read_texts_file(&texts)?,
    })
}

/// The file of page-level text kept beside the commit `opstamp` of the index in `dir`
/// (searched by [`super::pagetext::kept::search`]).
#[must_use]
pub fn texts_file(dir: &Path, opstamp: u64) -> PathBuf {
    let [_, texts] = held_files(dir, opstamp);
    texts
}

fn read_texts_file(file: &Path) -> Option<PageTexts> {
    super::pagetext::kept::decode(&std::fs::read(file).ok()?)
}

fn write_held(
    dir: &Path,
    opstamp: u64,
    keys: &PageKeys,
    texts: &PageTexts,
) -> Result<(), SearchError> {
    let [keys_file, texts_file] = held_files(dir, opstamp);
    let mut keys: Vec<(&String, &u64)> = keys.iter().collect();
    keys.sort();
    let encoded = |r: postcard::Result<Vec<u8>>| {
        r.map_err(|e| SearchError::Index {
            dir: dir.to_path_buf(),
            message: e.to_string(),
        })
    };
    for (file, bytes) in [
        (keys_file, encoded(postcard::to_allocvec(&keys))?),
        (
            texts_file,
            super::pagetext::kept::encode(texts).map_err(|message| SearchError::Index {
                dir: dir.to_path_buf(),
                message,
            })?,
        ),
    ] {
        let tmp = file.with_extension("tmp");
        std::fs::write(&tmp, bytes).map_err(|e| SearchError::io(&tmp, e))?;
        std::fs::rename(&tmp, &file).map_err(|e| SearchError::io(&file, e))?;
    }
    Ok(())
}

/// Removes the files kept beside commits other than `opstamp`.
fn remove_other_held(dir: &Path, opstamp: u64) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let keep = held_files(dir, opstamp);
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        let kept_kind = name.starts_with("pages-") || name.starts_with("texts-");
        if kept_kind && name.ends_with(".bin") && !keep.contains(&p) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Makes the index hold exactly the pages of `pages`, from `before` (what it holds now):
/// pages gone or changed are deleted by their `page` term, pages new or changed are added
/// (their articles read only then), and the commit carries `fingerprint` and the page list.
/// `dir` is where the index lives (`None`: in RAM, no page list kept). `fresh`: a first
/// build (no merging while it runs, a commit every [`COMMIT_EVERY`] articles).
///
/// # Errors
/// When tantivy cannot write the index.
pub fn apply(
    index: &Index,
    dir: Option<&Path>,
    before: Held,
    pages: &dyn IndexablePages,
    fingerprint: u64,
    progress: &Progress,
    fresh: bool,
) -> Result<Change, SearchError> {
    let err = |e: tantivy::TantivyError| SearchError::tantivy(dir, &e);
    let fields = schema::fields_of(index).map_err(err)?;
    let Held {
        keys: mut have,
        mut texts,
    } = before;
    let want: HashMap<&str, (u64, usize)> = (0..pages.page_count())
        .filter_map(|i| pages.page_key(i).map(|(id, key)| (id, (key, i))))
        .collect();
    let mut change = Change::default();
    let gone: Vec<String> = have
        .iter()
        .filter(|(id, key)| want.get(id.as_str()).map(|w| w.0) != Some(**key))
        .map(|(id, _)| id.clone())
        .collect();
    let to_add: Vec<usize> = (0..pages.page_count())
        .filter(|&i| {
            pages
                .page_key(i)
                .is_some_and(|(id, key)| have.get(id) != Some(&key))
        })
        .collect();
    let articles: usize = to_add.iter().map(|&i| pages.page_article_count(i)).sum();
    progress.total.store(articles, Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    if gone.is_empty() && to_add.is_empty() && !fresh {
        // Only the fingerprint moved (a page touched, not changed): commit it alone.
        let mut writer = index
            .writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000)
            .map_err(err)?;
        commit(
            &mut writer,
            dir,
            &have,
            &texts,
            fingerprint,
            pages.article_count(),
        )?;
        return Ok(change);
    }
    let (threads, heap) = if articles < SMALL {
        (1, 50_000_000)
    } else {
        let n = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, 8);
        (n, WRITER_HEAP)
    };
    let mut writer = index
        .writer_with_num_threads::<tantivy::TantivyDocument>(threads, heap)
        .map_err(err)?;
    if fresh {
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    } else {
        // An update merges only small segments (its own, and earlier updates'): the big
        // segments of a first build are never rewritten for a page (at 10,000 articles the
        // default policy rewrote the whole index on adding one page: 3 s instead of 1).
        let mut policy = tantivy::indexer::LogMergePolicy::default();
        policy.set_max_docs_before_merge(MERGE_AT_MOST);
        writer.set_merge_policy(Box::new(policy));
    }
    for id in &gone {
        writer.delete_term(Term::from_field_text(fields.page, id));
        have.remove(id);
        texts.remove(id);
        if want.contains_key(id.as_str()) {
            change.changed += 1;
        } else {
            change.removed += 1;
        }
    }
    let mut since_commit = 0;
    let every = commit_every();
    let mut held: usize = have
        .keys()
        .filter_map(|id| want.get(id.as_str()))
        .map(|&(_, i)| pages.page_article_count(i))
        .sum();
    for &i in &to_add {
        let Some((id, key)) = pages.page_key(i) else {
            continue;
        };
        // The articles with their bodies (read from the model cache where it keeps them).
        let whole = pages.read_whole(i);
        let n = whole.articles.len();
        for (nth, a) in whole.articles.iter().enumerate() {
            let place = schema::place(&whole.source, nth);
            writer
                .add_document(document(&fields, a, &place))
                .map_err(err)?;
        }
        progress.done.fetch_add(n, Ordering::Relaxed);
        have.insert(id.to_string(), key);
        if !whole.text.is_empty() {
            texts.insert(id.to_string(), whole.text);
        }
        held += n;
        since_commit += n;
        if !gone.iter().any(|g| g == id) {
            change.added += 1;
        }
        if fresh && since_commit >= every && dir.is_some() {
            // An interim commit: its fingerprint (0) says more is to come.
            commit(&mut writer, dir, &have, &texts, 0, held)?;
            since_commit = 0;
        }
    }
    commit(
        &mut writer,
        dir,
        &have,
        &texts,
        fingerprint,
        pages.article_count(),
    )?;
    writer.wait_merging_threads().map_err(err)?;
    Ok(change)
}

/// Commits with the version payload and, on disk, the page list and page-level text of the
/// commit.
fn commit(
    writer: &mut tantivy::IndexWriter<tantivy::TantivyDocument>,
    dir: Option<&Path>,
    have: &PageKeys,
    texts: &PageTexts,
    fingerprint: u64,
    articles: usize,
) -> Result<(), SearchError> {
    let err = |e: tantivy::TantivyError| SearchError::tantivy(dir, &e);
    let payload = serde_json::to_string(&Payload::new(fingerprint, articles)).unwrap_or_default();
    let mut prepared = writer.prepare_commit().map_err(err)?;
    let opstamp = prepared.opstamp();
    if let Some(d) = dir {
        // Both are written whole each commit (a few lines a page).
        write_held(d, opstamp, have, texts)?;
    }
    prepared.set_payload(&payload);
    prepared.commit().map_err(err)?;
    if let Some(d) = dir {
        remove_other_held(d, opstamp);
    }
    Ok(())
}

/// Where the pages of an index come from when it must be built or brought up to date: the
/// whole corpus for a build, and for an update whatever gives the pages' keys most cheaply
/// (the loader's page list, which decodes only the pages an update touches). A closure
/// giving a corpus is one (both from that corpus).
pub trait PagesSource {
    /// The whole corpus (a first build).
    fn corpus(&mut self) -> Arc<Corpus>;
    /// The pages as an update needs them.
    fn pages(&mut self) -> Arc<dyn IndexablePages> {
        self.corpus()
    }
}

impl<F: FnMut() -> Arc<Corpus>> PagesSource for F {
    fn corpus(&mut self) -> Arc<Corpus> {
        self()
    }
}
