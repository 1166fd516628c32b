//! `reglement`: the language in which a Flemish toewijzingsraad writes its
//! allocation rules, the compiler that checks them against Flemish law, and
//! the engine that ranks candidates with them. See ARCHITECTURE.md.

pub mod amend;
pub mod analysis;
pub mod cases;
pub mod checks;
#[cfg(feature = "cli")]
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod files;
pub mod format;
pub mod gemeenten;
pub mod html;
pub mod ide;
pub mod impact;
pub mod model;
pub mod monitor;
pub mod nl;
pub mod params;
pub mod plan;
pub mod publish;
pub mod region;
pub mod simulate;
pub mod source;
pub mod span;
pub mod syntax;
pub mod synthetic;
pub mod vocab;

pub use analysis::{
    analyze, analyze_file, analyze_file_with, analyze_with, outline, Analysis, FsLoader, Loader,
    MemoryLoader, Options, Outline,
};
