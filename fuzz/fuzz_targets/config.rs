//! Fuzzes the config parser: any text, no panic, and every problem's line number lies
//! inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = fuzz_checks::check_config(data) {
        panic!("{e}");
    }
});
