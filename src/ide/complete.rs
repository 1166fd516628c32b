//! Completion that knows where the cursor is: section keywords at the start
//! of a line outside a section, the statements of the section the cursor is
//! in, the gemeenten of the werkingsgebied after `gemeente`, the legal
//! target groups after `wettelijke doelgroep`, the declared criteria, codes
//! and frames where they are referred to.

use super::outline::kind_label;
use crate::model::SymbolKind;
use crate::syntax::ast::SectionKind;
use crate::syntax::split::{split_sections, SECTION_STARTERS};
use crate::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Name,
    Gemeente,
    TargetGroup,
}

/// The statements that open a line in each section, as a drafter types them.
fn statements(kind: SectionKind) -> &'static [&'static str] {
    match kind {
        SectionKind::Reglement => &[
            "woonmaatschappij",
            "toewijzingsraad",
            "versie",
            "geldig vanaf",
            "status",
            "gebruikt regio",
            "motivering",
        ],
        SectionKind::Regio => &[
            "woonmaatschappijen",
            "geldig vanaf",
            "versie",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Werkingsgebied => &[
            "gemeente",
            "deelwerkingsgebied",
            "totaal woningen",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Historiek => &["document", "motivering", "omschrijving"],
        SectionKind::Standaard => &[
            "document",
            "aandeel minimaal",
            "rangorde",
            "lokale binding geldt",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Versneld => &[
            "document",
            "aandeel",
            "basis: gemiddelde van",
            "wegingskader",
            "verdeling:",
            "doelgroep",
            "lokale binding geldt niet",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Wegingskader => &[
            "document",
            "criterium",
            "drempel",
            "bij gelijke punten:",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Doelgroepen => &[
            "document",
            "lokale binding geldt",
            "doelgroep",
            "voorbehouden woningen",
            "begeleidingsovereenkomst",
            "verwijzers",
            "verdeelsleutel",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Verdeelsleutel => &[
            "document",
            "kolommen:",
            "totaal",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Bijzonder => &[
            "document",
            "bijzondere toewijzing",
            "interne mutatie",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Bezetting => &["document", "motivering", "omschrijving"],
        SectionKind::Gemeente => &[
            "document",
            "strengere woonbinding:",
            "doelgroep",
            "geldt voor",
            "gemeenteraad",
            "motivering",
            "omschrijving",
        ],
        SectionKind::Amendement => &["ontwerp", "gemeente", "gemeenteraad", "motivering"],
        SectionKind::Test => &["peildatum", "lijst", "kandidaat", "verwacht", "volgorde:"],
    }
}

fn section_kind(first_line: &str) -> Option<SectionKind> {
    let lower = first_line.to_lowercase();
    SectionKind::ALL
        .into_iter()
        .filter(|k| lower.starts_with(k.keyword()))
        .max_by_key(|k| k.keyword().len())
}

fn keyword(label: &str, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: CompletionKind::Keyword,
        detail: detail.to_string(),
    }
}

/// The completions at a byte offset of the main file's text.
pub fn complete(analysis: &Analysis, text: &str, offset: usize) -> Vec<CompletionItem> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let words: Vec<&str> = before.split_whitespace().collect();
    // the word being typed is replaced by the client; look at the ones before it
    let typing = !before.ends_with(char::is_whitespace) && !words.is_empty();
    let context: Vec<String> = words[..words.len() - usize::from(typing)]
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let last = context.last().map(String::as_str);
    let m = &analysis.model;

    let names = |kind: SymbolKind| -> Vec<CompletionItem> {
        let mut v: Vec<CompletionItem> = m
            .symbols
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| CompletionItem {
                label: s.name.clone(),
                kind: CompletionKind::Name,
                detail: kind_label(kind).to_string(),
            })
            .collect();
        v.dedup_by(|a, b| a.label == b.label);
        v
    };
    let gemeenten = || -> Vec<CompletionItem> {
        m.gemeenten()
            .into_iter()
            .map(|g| CompletionItem {
                label: g.name.value.clone(),
                kind: CompletionKind::Gemeente,
                detail: format!(
                    "gemeente van het werkingsgebied, {} woningen",
                    g.woningen.value
                ),
            })
            .collect()
    };
    match last {
        Some("gemeente") | Some("voor") | Some("mantelzorg") => return gemeenten(),
        Some("doelgroep") | Some("groep") if context.iter().any(|w| w == "wettelijke") => {
            let groups = if context.iter().any(|w| w == "groep") {
                m.params.pillar2_groups
            } else {
                m.params.pillar3_groups
            };
            return groups
                .iter()
                .map(|g| CompletionItem {
                    label: g.code.to_string(),
                    kind: CompletionKind::TargetGroup,
                    detail: g.name.to_string(),
                })
                .collect();
        }
        Some("wegingskader") => return names(SymbolKind::Wegingskader),
        Some("op") | Some("punten") | Some("punt") => return names(SymbolKind::Criterium),
        Some("situaties:") | Some("situaties") => return names(SymbolKind::Code),
        Some("verdeelsleutel") => return names(SymbolKind::Verdeelsleutel),
        _ => {}
    }
    let in_section = split_sections(text)
        .into_iter()
        .find(|c| c.start <= line_start && offset <= c.end && c.start < line_start)
        .and_then(|c| section_kind(text[c.start..].lines().next().unwrap_or("")));
    if context.is_empty() && !before.starts_with(char::is_whitespace) && in_section.is_none() {
        // a new section
        return SECTION_STARTERS
            .iter()
            .map(|s| {
                let label = SectionKind::ALL
                    .into_iter()
                    .map(SectionKind::keyword)
                    .find(|k| k.starts_with(s))
                    .unwrap_or(s);
                keyword(label, "sectie")
            })
            .collect();
    }
    let mut out: Vec<CompletionItem> = Vec::new();
    if let Some(kind) = in_section {
        if context.is_empty() {
            out.extend(
                statements(kind)
                    .iter()
                    .map(|s| keyword(s, &format!("in {}", kind.keyword()))),
            );
        }
    }
    if !context.is_empty() || in_section.is_none() {
        out.extend(names(SymbolKind::Criterium));
        out.extend(names(SymbolKind::Code));
        out.extend(gemeenten());
        out.extend(
            super::keywords::all()
                .iter()
                .map(|k| keyword(k, "sleutelwoord")),
        );
    }
    out
}
