//! `textDocument/references`: every use of a name (and its declaration
//! when asked), across the reglement and its regional file.

use crate::snapshot::Snapshot;
use reglement::ide;
use tower_lsp_server::ls_types::*;

pub fn references(s: &Snapshot, params: ReferenceParams) -> Option<Vec<Location>> {
    let p = params.text_document_position;
    let include = params.context.include_declaration;
    let places = ide::navigate::references(&s.analysis, s.file, s.offset(p.position), include);
    Some(places.into_iter().filter_map(|pl| s.location(pl)).collect())
}
