//! `textDocument/hover`: the legal text of a keyword, a name's definition,
//! a term of the begrippenlijst, the code and grondslag of a diagnostic.

use crate::position::range;
use crate::snapshot::Snapshot;
use reglement::ide;
use tower_lsp_server::ls_types::*;

pub fn hover(s: &Snapshot, params: HoverParams) -> Option<Hover> {
    let p = params.text_document_position_params;
    let h = ide::hover::hover(&s.analysis, s.file, s.offset(p.position))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: h.text,
        }),
        range: Some(range(&s.text, h.span.start, h.span.end)),
    })
}
