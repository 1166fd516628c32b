//! `textDocument/semanticTokens/full`: keywords, names, numbers, strings
//! and comments, one token per line (a string over several lines is cut at
//! each line end), delta-encoded as the protocol has it.

use crate::position::position;
use crate::snapshot::Snapshot;
use reglement::ide::tokens::{self, TokenKind};
use tower_lsp_server::ls_types::*;

/// The legend, in the order of `TokenKind::ALL`.
pub const TOKEN_TYPES: [SemanticTokenType; 5] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::NUMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
];

pub fn semantic_tokens(s: &Snapshot, _: SemanticTokensParams) -> Option<SemanticTokensResult> {
    let text = &s.text;
    let mut data = Vec::new();
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for (span, kind) in tokens::tokens(&s.analysis, s.file) {
        let index = TokenKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32;
        let mut start = span.start;
        while start < span.end {
            let end = text[start..span.end]
                .find('\n')
                .map_or(span.end, |i| start + i);
            let from = position(text, start);
            let to = position(text, end);
            if to.character > from.character {
                let delta_line = from.line - last_line;
                let delta_start = if delta_line == 0 {
                    from.character - last_start
                } else {
                    from.character
                };
                data.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: to.character - from.character,
                    token_type: index,
                    token_modifiers_bitset: 0,
                });
                last_line = from.line;
                last_start = from.character;
            }
            start = end + 1;
        }
    }
    Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    }))
}
