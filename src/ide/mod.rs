//! Editor features as plain data, for the language server (`lsp/`): what a
//! drafter sees on hover, what completion offers, where a name is defined
//! and used, the outline, the colouring and the quick fixes. Everything
//! here reads an [`Analysis`](crate::Analysis) and speaks byte offsets; the
//! server converts to the protocol's positions in one place.

pub mod complete;
pub mod fixes;
pub mod grammar;
pub mod hover;
pub mod keywords;
pub mod navigate;
pub mod outline;
pub mod tokens;

use crate::source::FileId;
use crate::span::Span;

/// A place in one of the analysed files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub span: Span,
}

/// A text edit: replace `span` of `file` by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}
