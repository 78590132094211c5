//! gongbao: a terminal reader for the pages of 南方工报.
//!
//! How a page becomes what the reader shows:
//!
//! ```text
//!  load::open_corpus(source, paths, config)      (the one way in: reader, export, search)
//!     page files / embedded seeds ──load::pages──▶ bytes ──parse──▶ Page
//!     parsed model ◀──load::cache (postcard, keyed by the files' fingerprint)──▶ Corpus
//!  bytes ──parse::decode──▶ text ──parse::lines──▶ classified lines
//!     lines ──parse::segment (parse::reflow)──▶ bodies and the runs between them
//!     runs ──parse::attach──▶ drafts with headings, captions, bylines; banners, unplaced
//!     drafts ──parse::article (parse::meta, parse::union, places)──▶ Page { articles, … }
//!     Page (banners, file name) ──parse::edition──▶ edition; articles' years
//!  pages ──model::Corpus::new──▶ Corpus { pages, heads (model::heads: compact),
//!                                         cities → union bodies, page → articles }
//!     Corpus::whole(i) ──▶ Article (in memory, or read from the cache when opened)
//!  Corpus ──search::index (jieba terms + bigrams)──▶ tantivy index in the page set's folder
//!     query ──search::query──▶ tantivy query ──search::searcher──▶ hits, snippets
//!  page text + Page ──source──▶ each line's article, banner or unplaced text (the reader's v)
//!  Article ──render──▶ text / Markdown / JSON, meta line, citation ──▶ cli, y / o, reader
//!  Corpus ──cli──▶ export / list / show / search
//!  Corpus ──tui──▶ App ◀──update── Action ◀──keymap── keys (tui::action: names, defaults)
//!              App ──ui::draw──▶ terminal
//! ```
//!
//! Roughly bottom to top: `hash`, `text`, `places`, `paths`, `error`; `model`; `names` (the
//! pinyin matching of city and union names: the `c` prompt, `--city`, `--union`); `parse`
//! (pure, no I/O); `source` (which article, banner or unplaced text each line of a page went to);
//! `render`; `tui::action` and `tui::theme` (the vocabulary the config is read into;
//! they import nothing of the crate); `store::config` and `store::state`; `load` (the only
//! reader of page files; it takes the config's page folders); `store::library` (import,
//! which reads pages with `load`); `search` (the index alone); `synth`; `share` (clipboard,
//! pager); `cli`; `tui`; the binary. No module imports one that imports it back
//! (`python3 /work/shared/tools/modgraph.py src` checks). The terminal belongs to `tui`
//! alone; `store` keeps the reading state, the config and the page library in the folders
//! `paths` names; `load` and `search` keep the parsed model and the indexes in the cache
//! folder.
//!
//! The crate's allocator is mimalloc: parsing allocates many small strings, and with it
//! parsing was a quarter faster and the reader's start on 100,000 articles (before the heads
//! became compact) 0.25 s instead of 0.6 s. Set here, it is the same
//! for the binary, its tests, examples and benches.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod error;
pub mod hash;
pub mod load;
pub mod model;
pub mod names;
pub mod panics;
pub mod parse;
pub mod paths;
pub mod places;
pub mod press;
pub mod render;
pub mod search;
pub mod share;
pub mod source;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;
