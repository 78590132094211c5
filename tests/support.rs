//! What several test modules share: the fixed proptest cases, the expected-parse
//! comparison, the fuzz targets' checks, the judged query set, the nothing-lost check,
//! the screen as a TestBackend draws it, and the real binary in tmux.

#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod cases;
pub mod expected;
pub mod fuzz_checks;
pub mod judged;
pub mod nothing_lost;
pub mod screen;
pub mod tmux;
