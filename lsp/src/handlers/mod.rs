//! One file per LSP request method. Each handler reads a [`Snapshot`]
//! (one document's analysis) and the request's parameters and returns the
//! protocol's answer; `server.rs` only routes.
//!
//! [`Snapshot`]: crate::snapshot::Snapshot

pub mod code_action;
pub mod completion;
pub mod definition;
pub mod document_symbol;
pub mod formatting;
pub mod hover;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
