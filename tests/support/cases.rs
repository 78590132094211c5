//! One proptest configuration for every property test: a fixed random seed, so that `cargo
//! test` (and CI) runs the same cases every time and a failure is a failure of the code, not
//! of the draw. To explore other cases, set `PROPTEST_RNG_SEED` to any number; a failure
//! found that way is kept in the test's `.proptest-regressions` file and replayed first.
#![allow(dead_code)]

use proptest::test_runner::{Config, RngSeed};

/// The seed used when `PROPTEST_RNG_SEED` is not set.
const DEFAULT_SEED: u64 = 0x6f6e_6762_616f;

/// `cases` cases drawn from the fixed (or the environment's) seed.
#[must_use]
pub fn cases(cases: u32) -> Config {
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(DEFAULT_SEED);
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}
