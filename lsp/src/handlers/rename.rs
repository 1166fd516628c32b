//! `textDocument/prepareRename` and `textDocument/rename`: a name declared
//! in this file is renamed with all its uses; a name of the regional file
//! is refused with the reason (the client shows it where the box would open).

use crate::position::range;
use crate::snapshot::Snapshot;
use reglement::ide;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

pub fn prepare_rename(
    s: &Snapshot,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    match ide::navigate::prepare_rename(&s.analysis, s.file, s.offset(params.position)) {
        Ok((span, placeholder)) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: range(&s.text, span.start, span.end),
            placeholder,
        })),
        Err(message) => Err(Error::invalid_params(message)),
    }
}

pub fn rename(s: &Snapshot, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let p = params.text_document_position;
    match ide::navigate::rename(&s.analysis, s.file, s.offset(p.position), &params.new_name) {
        Ok(edits) => Ok(Some(s.workspace_edit(edits))),
        Err(message) => Err(Error::invalid_params(message)),
    }
}
