//! The language server for `.reglement` files, as a library so that the
//! tests drive it in memory (`tests/cases.rs`) and the fuzzers reach the
//! framing guard in front of the protocol library. `main.rs` serves it
//! over stdio.
//!
//! - `framing`: the guard that turns malformed frames into error answers;
//! - `server`: the `LanguageServer` implementation, routing only;
//! - `documents`: open documents, text synchronisation, the analysis cache;
//! - `snapshot`: what a request handler reads;
//! - `handlers`: one file per request method;
//! - `publish`: diagnostics, each to the file it is about;
//! - `position`: byte offsets ↔ LSP positions.

mod documents;
pub mod framing;
mod handlers;
mod position;
mod publish;
pub mod server;
mod snapshot;

pub use server::Backend;
