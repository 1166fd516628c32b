//! Any bytes as a dwellings file (CSV or JSON by the first byte): every record a dwelling or refused with its error, also checked against the Kempen plan.
//! Run: `cargo +nightly fuzz run dwellings` (checks: `fuzz/oracles.rs`).
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles::dwellings(data));
