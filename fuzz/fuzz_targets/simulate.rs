//! Small inputs for a year of allocations on the Kempen plan: candidates, then dwellings after a NUL byte (or generated).
//! Run: `cargo +nightly fuzz run simulate` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::simulate(data));
