//! The outline of a reglement: its sections (by pillar and article), with
//! the names each declares inside.

use crate::model::SymbolKind;
use crate::source::FileId;
use crate::span::Span;
use crate::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    pub name: String,
    /// "artikel 3.1 — Actuele woonnood", the kind of a name, …
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// The whole section or name.
    pub span: Span,
    /// What to select: the header or the name itself.
    pub selection: Span,
    pub children: Vec<OutlineItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Section,
    Name(SymbolKind),
}

/// The outline of one file of the analysis.
pub fn outline(analysis: &Analysis, file: FileId) -> Vec<OutlineItem> {
    let text = &analysis.sources.get(file).text;
    analysis
        .model
        .sections()
        .filter(|(f, _)| *f == file)
        .map(|(_, s)| {
            let header = text
                .get(s.header.start..s.header.end)
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let detail = match (&s.article, &s.title) {
                (Some(a), Some(t)) => Some(format!("artikel {} — {}", a.value, t.value)),
                (Some(a), None) => Some(format!("artikel {}", a.value)),
                (None, Some(t)) => Some(t.value.clone()),
                (None, None) => None,
            };
            let children = analysis
                .model
                .symbols
                .iter()
                .filter(|y| y.file == file && s.span.contains(y.span.start) && y.span != s.header)
                .map(|y| OutlineItem {
                    name: y.name.clone(),
                    detail: Some(kind_label(y.kind).to_string()),
                    kind: OutlineKind::Name(y.kind),
                    span: y.span,
                    selection: y.span,
                    children: Vec::new(),
                })
                .collect();
            OutlineItem {
                name: if header.is_empty() {
                    s.body.kind().keyword().to_string()
                } else {
                    header
                },
                detail,
                kind: OutlineKind::Section,
                span: s.span,
                selection: s.header,
                children,
            }
        })
        .collect()
}

/// The Dutch name of a kind of declared name.
pub fn kind_label(kind: SymbolKind) -> &'static str {
    match kind {
        SymbolKind::Gemeente => "gemeente",
        SymbolKind::Deelwerkingsgebied => "deelwerkingsgebied",
        SymbolKind::Wegingskader => "wegingskader",
        SymbolKind::Criterium => "criterium",
        SymbolKind::Code => "code van een puntentabel",
        SymbolKind::Pillar2Doelgroep => "doelgroep van de versnelde toewijzing",
        SymbolKind::Pillar3Doelgroep => "specifieke doelgroep",
        SymbolKind::Pillar4Soort => "soort bijzondere toewijzing",
        SymbolKind::Verdeelsleutel => "verdeelsleutel",
        SymbolKind::Woonmaatschappij => "woonmaatschappij",
    }
}
