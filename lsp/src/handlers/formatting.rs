//! `textDocument/formatting`: the canonical layout (`reglement opmaak`),
//! as one edit of the whole text, or none when it is already in layout.
//! Works on the text alone, so also on a document that does not parse.

use crate::position::range;
use tower_lsp_server::ls_types::TextEdit;

pub fn formatting(text: &str) -> Vec<TextEdit> {
    let formatted = reglement::format::format_text(text);
    if formatted == text {
        return Vec::new();
    }
    vec![TextEdit::new(range(text, 0, text.len()), formatted)]
}
