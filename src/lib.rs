//! `reglement`: the language in which a Flemish toewijzingsraad writes its
//! allocation rules, the compiler that checks them against Flemish law, and
//! the engine that ranks candidates with them. See ARCHITECTURE.md.

pub mod diagnostic;
pub mod source;
pub mod span;
pub mod syntax;
