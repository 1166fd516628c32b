//! What a request handler reads: one document's analysis of one
//! generation, its text, and the way from the analysis's files to URIs.
//! Handlers (`handlers/`, one file per LSP method) take a `Snapshot` and
//! the request's parameters and never touch the documents' lock.

use crate::documents::{self, doc_name, Docs};
use crate::position::{offset, range};
use reglement::ide::{Edit, Place};
use reglement::source::FileId;
use reglement::Analysis;
use std::collections::HashMap;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Location, Position, TextEdit, Uri, WorkspaceEdit};

pub struct Snapshot {
    pub analysis: Arc<Analysis>,
    /// The document's own file in the analysis.
    pub file: FileId,
    /// The document's text as analysed.
    pub text: String,
    pub uri: Uri,
    docs: Docs,
}

impl Snapshot {
    /// The current analysis of an open document; `None` when it is not open.
    pub fn of(docs: &Docs, uri: &Uri) -> Option<Snapshot> {
        let (_, analysis) = documents::analysis(docs, uri)?;
        let file = analysis.model.main;
        let text = analysis.sources.get(file).text.clone();
        Some(Snapshot {
            analysis,
            file,
            text,
            uri: uri.clone(),
            docs: docs.clone(),
        })
    }

    /// The byte offset of a position in the document.
    pub fn offset(&self, pos: Position) -> usize {
        offset(&self.text, pos)
    }

    /// The URI of a file of the analysis.
    pub fn uri_of(&self, name: &str) -> Option<Uri> {
        documents::uri_of(&self.docs, name, &self.uri, &doc_name(&self.uri))
    }

    pub fn location(&self, place: Place) -> Option<Location> {
        let file = self.analysis.sources.get(place.file);
        Some(Location::new(
            self.uri_of(&file.name)?,
            range(&file.text, place.span.start, place.span.end),
        ))
    }

    pub fn workspace_edit(&self, edits: Vec<Edit>) -> WorkspaceEdit {
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for e in edits {
            let file = self.analysis.sources.get(e.file);
            if let Some(target) = self.uri_of(&file.name) {
                changes.entry(target).or_default().push(TextEdit::new(
                    range(&file.text, e.span.start, e.span.end),
                    e.text,
                ));
            }
        }
        WorkspaceEdit::new(changes)
    }
}
