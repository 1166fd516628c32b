//! `textDocument/documentSymbol`: the outline, sections with their names.

use crate::position::range;
use crate::snapshot::Snapshot;
use reglement::ide::outline::{self, OutlineItem, OutlineKind};
use tower_lsp_server::ls_types::*;

pub fn document_symbol(s: &Snapshot, _: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let symbols = outline::outline(&s.analysis, s.file)
        .into_iter()
        .map(|i| convert(i, &s.text))
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

fn convert(item: OutlineItem, text: &str) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: item.name,
        detail: item.detail,
        kind: match item.kind {
            OutlineKind::Section => SymbolKind::NAMESPACE,
            OutlineKind::Name(_) => SymbolKind::CONSTANT,
        },
        tags: None,
        deprecated: None,
        range: range(text, item.span.start, item.span.end),
        selection_range: range(text, item.selection.start, item.selection.end),
        children: Some(
            item.children
                .into_iter()
                .map(|c| convert(c, text))
                .collect(),
        ),
    }
}
