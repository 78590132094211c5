//! Fuzzes the query parser: any text, no panic, the limits on items hold, and the parsed
//! query becomes a tantivy query over the index's fields without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = fuzz_checks::check_query(data) {
        panic!("{e}");
    }
});
