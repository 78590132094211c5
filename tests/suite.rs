//! Every integration test of gongbao, as the modules of one test binary.
//!
//! One binary links the library once, where a binary per file linked it thirty-six
//! times; each module is the file of the same name beside this one, and says what it
//! checks. `cargo test NAME` runs the tests whose path holds NAME (`cargo test e2e_`).

mod app;
mod app_state;
mod bad_input;
mod cli;
mod cli_grammar;
mod cli_pages;
mod cli_store;
mod e2e;
mod e2e_import;
mod e2e_signals;
mod e2e_source;
mod e2e_state;
mod editions;
mod escapes;
mod fixtures;
mod fuzz_corpus;
mod heal;
mod judged;
mod kill;
mod metamorphic;
mod page_search;
mod props;
mod ranking;
mod reading;
mod reliability;
mod reload;
mod roundtrip;
mod search;
mod search_app;
mod seeds_expected;
mod source;
mod source_view;
mod store;
mod support;
mod ui;
mod wrap;
