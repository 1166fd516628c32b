//! The documents layer: from one analysed reglement, each legal document
//! (toewijzingsreglement, intern huurreglement, huishoudelijk reglement)
//! as a neutral [`Document`] tree, written as printable HTML or Markdown.
//!
//! ```text
//! Analysis ──► build (model → Document per DocumentKind) ──► html / markdown
//! ```
//!
//! The header of every document names the version a gemeenteraad votes on:
//! woonmaatschappij, version, date of validity, status and the content hash
//! of the sources (`Sources::content_hash`), the same hash an amendment
//! names (see [`crate::amend`]).

pub mod build;
pub mod document;
pub mod doelgroepenplan;
pub mod html;
pub mod markdown;
pub mod regio;

pub use build::{build, section_document, unplaced};
pub use document::{Article, Block, Document, Header, Row, Table};

use crate::analysis::Analysis;
use crate::syntax::ast::DocumentKind;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

/// Write a document in a format.
pub fn render(doc: &Document, format: Format) -> String {
    match format {
        Format::Html => html::render(doc),
        Format::Markdown => markdown::render(doc),
    }
}

/// The file-name part of a document kind: `intern-huurreglement`.
pub fn slug(kind: DocumentKind) -> String {
    kind.label().replace(' ', "-")
}

/// Every document of a reglement that holds at least one section, in the
/// legal order (toewijzingsreglement, intern huurreglement, huishoudelijk reglement).
pub fn documents(analysis: &Analysis) -> Vec<Document> {
    DocumentKind::ALL
        .into_iter()
        .map(|k| build(analysis, k))
        .filter(|d| !d.articles.is_empty())
        .collect()
}
