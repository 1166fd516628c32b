//! Any bytes as a candidates CSV file: every record read or rejected (counted without the reader), in any number of chunks, and ranked with every record accounted for.
//! Run: `cargo +nightly fuzz run candidates_csv` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::candidates_csv(data));
