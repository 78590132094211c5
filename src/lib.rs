//! gongbao: a terminal reader for the pages of 南方工报.
//!
//! How a page becomes what the reader shows:
//!
//! ```text
//!  page file / embedded seed ──load──▶ bytes
//!     bytes ──parse::decode──▶ text ──parse::lines──▶ classified lines
//!     lines ──parse::segment (parse::reflow)──▶ bodies and the runs between them
//!     runs ──parse::attach──▶ drafts with headings, captions, bylines; banners, unplaced
//!     drafts ──parse::article (parse::meta, parse::union, places)──▶ Page { articles, … }
//!  pages ──model::Corpus::new──▶ Corpus { pages, articles, cities → union bodies }
//!  Corpus ──cli──▶ export / list / show        Corpus ──tui──▶ App ──draw──▶ terminal
//!  Corpus ──search::index (jieba terms + bigrams)──▶ tantivy index
//!     query ──search::query──▶ tantivy query ──search::searcher──▶ hits, snippets ──▶ cli / tui
//! ```
//!
//! The parser is pure; `load` is the only place pages are read from disk; the terminal
//! belongs to `tui` alone. `store` keeps what lasts between runs (reading state, config, the
//! page library) in the folders `paths` names; `share` makes citations and clipboard text;
//! `search` keeps its indexes and the parsed model of big libraries in the cache folder.
//!
//! The crate's allocator is mimalloc: a library of 100,000 articles is millions of small
//! strings, and with it the reader starts on one (its parsed model cached) in about 0.25 s
//! instead of 0.6 s, and frees it on quit in a third of the time. Set here, it is the same
//! for the binary, its tests, examples and benches.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod error;
pub mod load;
pub mod model;
pub mod parse;
pub mod paths;
pub mod places;
pub mod press;
pub mod search;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
