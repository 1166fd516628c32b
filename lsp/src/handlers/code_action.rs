//! `textDocument/codeAction`: the quick fixes of the diagnostics in the
//! requested range ("Bedoelt u …?", a missing statement added, …).

use crate::publish;
use crate::snapshot::Snapshot;
use reglement::ide;
use tower_lsp_server::ls_types::*;

pub fn code_action(s: &Snapshot, params: CodeActionParams) -> Option<CodeActionResponse> {
    let from = s.offset(params.range.start);
    let to = s.offset(params.range.end);
    let a = &s.analysis;
    let mut actions = Vec::new();
    for d in a
        .diagnostics
        .iter()
        .filter(|d| d.file() == s.file && d.primary.span.start <= to && from <= d.primary.span.end)
    {
        for fix in ide::fixes::fixes(a, d) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![publish::to_lsp_diagnostic(a, d, &|n| s.uri_of(n))]),
                edit: Some(s.workspace_edit(fix.edits)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
    }
    Some(actions)
}
