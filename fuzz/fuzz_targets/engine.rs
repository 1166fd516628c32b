//! Any bytes as candidates for the Kempen plan: every pillar, a dwelling, the CSV and JSON outputs and explanations, with the accounting.
//! Run: `cargo +nightly fuzz run engine` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::engine(data));
