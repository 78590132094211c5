//! Fuzzes the page parser: any bytes, no panic; a page that parses loses nothing and
//! invents nothing (the check of `tests/props.rs`, shared through `tests/support`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/nothing_lost.rs"]
mod nothing_lost;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = nothing_lost::check_nothing_lost("fuzz.txt", data) {
        panic!("{e}");
    }
});
