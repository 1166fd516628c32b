//! `textDocument/definition`: from a use of a name to its declaration,
//! also in the regional file; from `gebruikt regio "…"` to that file.

use crate::snapshot::Snapshot;
use reglement::ide;
use tower_lsp_server::ls_types::*;

pub fn definition(s: &Snapshot, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let p = params.text_document_position_params;
    let place = ide::navigate::definition(&s.analysis, s.file, s.offset(p.position))?;
    Some(GotoDefinitionResponse::Scalar(s.location(place)?))
}
