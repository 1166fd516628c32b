//! The parts of the language server that are tested and fuzzed on their
//! own: the framing guard in front of the protocol library.

pub mod framing;
