//! gongbao: a terminal reader for the pages of 南方工报.
//!
//! How a page becomes what the reader shows:
//!
//! ```text
//!  page file / embedded seed ──load──▶ bytes
//!     bytes ──parse::decode──▶ text ──parse::lines──▶ classified lines
//!     lines ──parse::reflow──▶ paragraphs ──parse::segment──▶ articles with headings
//!     articles ──parse::meta / parse::union (places)──▶ Page { articles, banners, unplaced }
//!  pages ──model::Corpus::new──▶ Corpus { pages, articles, cities → union bodies }
//!  Corpus ──cli──▶ export / list / show        Corpus ──tui──▶ App ──draw──▶ terminal
//! ```
//!
//! The parser is pure; `load` is the only place pages are read from disk; the terminal
//! belongs to `tui` alone. `store` keeps what lasts between runs (reading state, config, the
//! page library) in the folders `paths` names; `share` makes citations and clipboard text.

pub mod cli;
pub mod error;
pub mod load;
pub mod model;
pub mod parse;
pub mod paths;
pub mod places;
pub mod search;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
