//! Any bytes from an editor to the language server's framing guard: the
//! guard never allocates what a header announces beyond its cap, passes on
//! only well-formed JSON-RPC frames and answers the rest.
//! Run: `cargo +nightly fuzz run lsp_framing` (checks: `fuzz/oracles_lsp.rs`).
#![no_main]

#[path = "../oracles_lsp.rs"]
mod oracles_lsp;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracles_lsp::framing(data));
