//! What a drafter sees when hovering: for a declared name its kind and the
//! facts computed from the reglement (a criterion's point range, a frame's
//! maximum total, a gemeente's reserved dwellings against its one-third
//! ceiling), for a keyword what it means and the article it rests on.

use super::keywords;
use super::outline::kind_label;
use crate::format::lexer::{self, Kind};
use crate::model::SymbolKind;
use crate::nl;
use crate::source::FileId;
use crate::span::Span;
use crate::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub span: Span,
    /// Markdown.
    pub text: String,
}

pub fn hover(analysis: &Analysis, file: FileId, offset: usize) -> Option<HoverInfo> {
    if let Some(i) = analysis.model.symbol_at(file, offset) {
        let s = &analysis.model.symbols[i];
        let span = if s.file == file && s.span.contains(offset) {
            s.span
        } else {
            analysis
                .model
                .references
                .iter()
                .find(|r| r.file == file && r.span.contains(offset))
                .map_or(s.span, |r| r.span)
        };
        let mut text = format!("**{}** — {}", s.name, kind_label(s.kind));
        for fact in facts(analysis, s.kind, &s.name) {
            text.push_str("\n\n");
            text.push_str(&fact);
        }
        return Some(HoverInfo { span, text });
    }
    let source = analysis.sources.get(file);
    let token = lexer::tokens(&source.text)
        .into_iter()
        .find(|t| t.start <= offset && offset < t.end)?;
    if token.kind != Kind::Word {
        return None;
    }
    let word = source.text[token.start..token.end].trim_end_matches([':', ',']);
    let text = match keywords::explain(word) {
        Some(t) => t.to_string(),
        None if keywords::is_keyword(word) => {
            format!("**{word}**: sleutelwoord van de reglementtaal.")
        }
        None => return None,
    };
    Some(HoverInfo {
        span: Span::new(token.start, token.start + word.len()),
        text,
    })
}

/// Computed facts about a declared name.
fn facts(analysis: &Analysis, kind: SymbolKind, name: &str) -> Vec<String> {
    let m = &analysis.model;
    let mut out = Vec::new();
    match kind {
        SymbolKind::Criterium => {
            for (_, _, w) in m.wegingskaders() {
                for c in w.criteria.iter().filter(|c| c.code.value == name) {
                    if let Some(t) = &c.title {
                        out.push(t.value.clone());
                    }
                    let (lo, hi) = c.point_range();
                    out.push(format!("Punten: van {lo} tot {hi}."));
                    if let Some(a) = &c.article {
                        out.push(format!("Artikel {}.", a.value));
                    }
                }
            }
        }
        SymbolKind::Wegingskader => {
            if let Some((_, _, w)) = m.wegingskader(name) {
                out.push(format!(
                    "{} criteria; samen hoogstens {} punten.",
                    w.criteria.len(),
                    w.max_total()
                ));
            }
        }
        SymbolKind::Gemeente => {
            if let Some(g) = m.gemeenten().into_iter().find(|g| g.name.value == name) {
                out.push(format!(
                    "{} sociale huurwoningen.",
                    nl::thousands(g.woningen.value)
                ));
            }
            if let Some(r) = m
                .reserved_rows()
                .into_iter()
                .find(|r| r.row.name.value == name)
            {
                let ceiling = r
                    .ceiling
                    .map(|c| format!(" van hoogstens {} (een derde van het patrimonium)", c))
                    .unwrap_or_default();
                out.push(format!(
                    "Voorbehouden voor specifieke doelgroepen: {}{ceiling}.",
                    r.total
                ));
            }
        }
        SymbolKind::Pillar3Doelgroep => {
            let per_gemeente: Vec<String> = m
                .reserved_rows()
                .into_iter()
                .filter_map(|r| {
                    r.per_group
                        .iter()
                        .find(|(g, n)| *g == name && *n > 0)
                        .map(|(_, n)| format!("{} in {}", n, r.row.name.value))
                })
                .collect();
            if !per_gemeente.is_empty() {
                out.push(format!(
                    "Voorbehouden woningen: {}.",
                    per_gemeente.join(", ")
                ));
            }
        }
        _ => {}
    }
    out
}
