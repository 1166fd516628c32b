//! Semantic tokens: what each word of the text is, for colouring in the
//! editor (keywords, declared names and their uses, numbers, strings,
//! comments).

use super::keywords;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::lexer::{self, Kind};
use crate::Analysis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Keyword,
    /// A declared name, where it is declared or used.
    Name,
    Number,
    String,
    Comment,
}

impl TokenKind {
    /// The token types in the order the server announces them.
    pub const ALL: [TokenKind; 5] = [
        TokenKind::Keyword,
        TokenKind::Name,
        TokenKind::Number,
        TokenKind::String,
        TokenKind::Comment,
    ];
}

/// The classified tokens of a file, in order, not overlapping.
pub fn tokens(analysis: &Analysis, file: FileId) -> Vec<(Span, TokenKind)> {
    let text = &analysis.sources.get(file).text;
    let names: Vec<Span> = analysis
        .model
        .symbols
        .iter()
        .filter(|s| s.file == file)
        .map(|s| s.span)
        .chain(
            analysis
                .model
                .references
                .iter()
                .filter(|r| r.file == file)
                .map(|r| r.span),
        )
        .collect();
    let mut out = Vec::new();
    for t in lexer::tokens(text) {
        let span = Span::new(t.start, t.end);
        let kind = match t.kind {
            Kind::Comment => TokenKind::Comment,
            Kind::Str => TokenKind::String,
            Kind::Open | Kind::Close => continue,
            Kind::Word => {
                let word = text[t.start..t.end].trim_end_matches([':', ',']);
                let span = Span::new(t.start, t.start + word.len());
                let kind = if names
                    .iter()
                    .any(|n| n.start <= span.start && span.end <= n.end)
                {
                    TokenKind::Name
                } else if keywords::is_keyword(word) {
                    TokenKind::Keyword
                } else if word.starts_with(|c: char| c.is_ascii_digit()) {
                    TokenKind::Number
                } else {
                    continue;
                };
                out.push((span, kind));
                continue;
            }
        };
        out.push((span, kind));
    }
    out
}
