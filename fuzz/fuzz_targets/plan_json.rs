//! Any bytes as a plan JSON: a plan within its bounds ranks every list and simulates a year without a wrapped number.
//! Run: `cargo +nightly fuzz run plan_json` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::plan_json(data));
