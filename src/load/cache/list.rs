//! A page set as an index update sees it, read from the parsed-model cache without decoding
//! the pages an update does not touch: [`PageList`] holds each page's id, content hash,
//! article count and source (all in the manifest), the pages parsed now whole, and reads any
//! other page's head and bodies only when the index asks for its articles.

use super::store::{self, Blob};
use super::{read_stage, reparse, usable_reads, write_stage, Source, Stage};
use crate::model::{IndexablePages, Page, PageText, WholePage};
use crate::paths::Paths;
use std::borrow::Cow;
use std::path::PathBuf;

/// One page of a [`PageList`].
#[derive(Debug)]
struct Item {
    /// The page's id in the corpus (made unique as the corpus makes it).
    id: String,
    content: u64,
    articles: usize,
    /// The file's path, or `seed:<name>`.
    source: String,
    /// Where the cache keeps it (`None` for a page parsed now, or one it could not keep).
    head: Option<Blob>,
    body: Option<Blob>,
    /// Parsed now: whole, already under its id.
    page: Option<Page>,
}

/// The pages of a set, in corpus order, from the manifest; see the module's comment.
#[derive(Debug)]
pub struct PageList {
    dir: PathBuf,
    items: Vec<Item>,
    articles: usize,
}

/// What [`super::load_pages_cached`] gives.
#[derive(Debug)]
pub struct PagesLoad {
    pub pages: PageList,
    /// Pages (or folders) that could not be loaded, as messages.
    pub errors: Vec<String>,
    /// The page files and their cache folder.
    pub set: super::PageSet,
    /// How many page files were parsed now.
    pub parsed: usize,
    /// The warnings of the pages parsed now (broken bytes, control characters).
    pub warnings: Vec<String>,
}

/// Reads a page set as [`super::load_corpus_cached`] does (parsing and writing only what
/// changed), but decodes no kept page.
pub(super) fn load(source: Source<'_>, paths: &Paths, verify: bool) -> PagesLoad {
    let mut stage = read_stage(source, paths, verify);
    let (_, parsed) = write_stage(&mut stage, false);
    let Stage {
        dir,
        set,
        reads,
        mut errors,
        default,
        ..
    } = stage;
    let kept = usable_reads(reads, default, &mut errors);
    let warnings = kept
        .iter()
        .filter(|r| r.fresh)
        .filter_map(|r| r.page.as_ref())
        .flat_map(|p| p.warnings.iter().cloned())
        .collect();
    let base: Vec<String> = kept.iter().map(|r| id_of(&r.entry.path)).collect();
    let ids = crate::load::pages::deduped_ids(base.iter().map(String::as_str));
    let items: Vec<Item> = kept
        .into_iter()
        .zip(base)
        .zip(ids)
        .map(|((r, base), new)| {
            let mut page = r.page.filter(|_| r.fresh);
            if let (Some(p), Some(id)) = (page.as_mut(), &new) {
                crate::load::pages::rename_page(p, id.clone());
            }
            Item {
                id: new.unwrap_or(base),
                content: r.entry.hash,
                articles: page
                    .as_ref()
                    .map_or(r.entry.articles as usize, |p| p.articles.len()),
                source: r.entry.path,
                head: r.entry.head,
                body: r.entry.body,
                page,
            }
        })
        .collect();
    let articles = items.iter().map(|i| i.articles).sum();
    PagesLoad {
        pages: PageList {
            dir,
            items,
            articles,
        },
        errors,
        set,
        parsed,
        warnings,
    }
}

/// A page's id before it is made unique: its file's stem, or the seed's name.
fn id_of(path: &str) -> String {
    match path.strip_prefix("seed:") {
        Some(name) => name.trim_end_matches(".txt").to_string(),
        None => crate::load::pages::page_id(std::path::Path::new(path)),
    }
}

impl PageList {
    /// A kept page read whole from the cache, or (when that fails) parsed again from its
    /// file, under its id; `None` (said in the log) when neither can be done.
    fn read(&self, item: &Item) -> Option<Page> {
        let cached = match (item.head, item.body) {
            (Some(h), Some(b)) => store::read_page(&self.dir, h, b),
            _ => Err("not in the cache".to_string()),
        };
        let page = cached.or_else(|e| {
            tracing::warn!(
                "parsed-model cache {}: {}: {e}; re-parsing that page",
                self.dir.display(),
                item.source
            );
            reparse(&item.source).and_then(|r| r.page.ok_or_else(|| "not a page".to_string()))
        });
        match page {
            Ok(mut p) => {
                if p.id != item.id {
                    crate::load::pages::rename_page(&mut p, item.id.clone());
                }
                Some(p)
            }
            Err(e) => {
                tracing::warn!("{}: cannot be read ({e}); not indexed", item.source);
                None
            }
        }
    }
}

impl IndexablePages for PageList {
    fn page_count(&self) -> usize {
        self.items.len()
    }

    fn page_key(&self, i: usize) -> Option<(&str, u64)> {
        self.items.get(i).map(|p| (p.id.as_str(), p.content))
    }

    fn page_article_count(&self, i: usize) -> usize {
        self.items.get(i).map_or(0, |p| p.articles)
    }

    fn article_count(&self) -> usize {
        self.articles
    }

    fn read_whole(&self, i: usize) -> WholePage<'_> {
        let Some(item) = self.items.get(i) else {
            return WholePage {
                source: Cow::Borrowed(""),
                articles: Cow::Borrowed(&[]),
                text: PageText::default(),
            };
        };
        let (articles, text) = match &item.page {
            Some(p) => (Cow::Borrowed(p.articles.as_slice()), PageText::of(p)),
            None => self.read(item).map_or_else(
                || (Cow::Borrowed(&[][..]), PageText::default()),
                |p| {
                    let text = PageText::of(&p);
                    (Cow::Owned(p.articles), text)
                },
            ),
        };
        WholePage {
            source: Cow::Borrowed(item.source.as_str()),
            articles,
            text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Corpus;

    fn folder() -> (tempfile::TempDir, Vec<PathBuf>, Paths) {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        for (name, bytes) in crate::load::SEEDS {
            std::fs::write(a.join(name), bytes).unwrap();
        }
        // The same stem in another folder: its ids are made unique (`~2`).
        std::fs::write(b.join(crate::load::SEEDS[0].0), crate::load::SEEDS[3].1).unwrap();
        let paths = Paths {
            config: dir.path().into(),
            data: dir.path().into(),
            cache: dir.path().join("cache"),
        };
        (dir, vec![a, b], paths)
    }

    /// Everything an index update asks of the page list is what it asks of the corpus.
    fn same(list: &PageList, corpus: &Corpus) {
        let mut corpus = corpus.clone();
        corpus.fill_bodies();
        assert_eq!(list.page_count(), corpus.page_count());
        assert_eq!(list.article_count(), corpus.article_count());
        for i in 0..corpus.page_count() {
            assert_eq!(list.page_key(i), corpus.page_key(i), "{i}");
            assert_eq!(list.page_article_count(i), corpus.page_article_count(i));
            let (l, c) = (list.read_whole(i), corpus.read_whole(i));
            assert_eq!(l.source, c.source);
            assert_eq!(l.articles.as_ref(), c.articles.as_ref(), "{i}");
            assert_eq!(l.text, c.text, "{i}");
        }
    }

    #[test]
    fn the_page_list_is_the_corpus_without_decoding_kept_pages() {
        let (_dir, args, paths) = folder();
        let full = || crate::load::load_corpus(&args).0;
        let first = load(Source::Pages(&args), &paths, false);
        assert_eq!(first.parsed, 6);
        same(&first.pages, &full());
        let again = load(Source::Pages(&args), &paths, false);
        assert_eq!(again.parsed, 0);
        assert!(again.pages.items.iter().all(|i| i.page.is_none()));
        same(&again.pages, &full());
        // A page added: parsed alone; the kept pages are not read (their segment is gone,
        // and nothing notices until one is asked for).
        let seg_dir = again.set.dir.join(super::super::MODEL_DIR);
        for e in std::fs::read_dir(&seg_dir).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap().to_string_lossy().starts_with("seg-") {
                std::fs::write(&p, b"").unwrap();
            }
        }
        std::fs::write(args[0].join("zz_new.txt"), crate::load::SEEDS[2].1).unwrap();
        let added = load(Source::Pages(&args), &paths, false);
        assert_eq!(added.parsed, 1);
        assert!(added.errors.is_empty(), "{:?}", added.errors);
        // Asked for, a kept page whose segment is damaged is parsed again from its file.
        same(&added.pages, &full());
        // The default corpus: a file with a seed's bytes is left out, as the corpus does.
        let files = crate::load::expand_paths(&args).0;
        let default = load(Source::Default(&files), &paths, false);
        let (corpus, _) = crate::load::seeds_and_files(&files);
        same(&default.pages, &corpus);
    }
}
