//! `textDocument/completion`: keywords of the place, declared names,
//! gemeenten and legal target groups.

use crate::snapshot::Snapshot;
use reglement::ide::{self, complete::CompletionKind};
use tower_lsp_server::ls_types::*;

pub const TRIGGER_CHARACTERS: [&str; 2] = [" ", ":"];

pub fn completion(s: &Snapshot, params: CompletionParams) -> Option<CompletionResponse> {
    let p = params.text_document_position;
    let items = ide::complete::complete(&s.analysis, &s.text, s.offset(p.position))
        .into_iter()
        .map(|c| CompletionItem {
            label: c.label,
            detail: Some(c.detail),
            kind: Some(match c.kind {
                CompletionKind::Keyword => CompletionItemKind::KEYWORD,
                CompletionKind::Name => CompletionItemKind::VARIABLE,
                CompletionKind::Gemeente => CompletionItemKind::VALUE,
                CompletionKind::TargetGroup => CompletionItemKind::ENUM_MEMBER,
            }),
            ..CompletionItem::default()
        })
        .collect();
    Some(CompletionResponse::Array(items))
}
