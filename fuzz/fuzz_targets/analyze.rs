//! Any bytes as a reglement: parse, check, render and compile must never
//! panic, and a compiled plan keeps the bounds of a plan read from a file.
//! Run: `cargo +nightly fuzz run analyze` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::analyze(data));
