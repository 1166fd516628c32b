//! Any bytes as a candidates JSON file: one record or rejection per array element (counted by serde), ranked with every record accounted for.
//! Run: `cargo +nightly fuzz run candidates_json` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::candidates_json(data));
