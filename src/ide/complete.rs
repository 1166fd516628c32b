//! Completion that knows where the cursor is: section keywords at the start
//! of a line outside a section, the statements of the section the cursor is
//! in, the gemeenten of the werkingsgebied after `gemeente`, the legal
//! target groups after `wettelijke doelgroep`, the declared criteria, codes
//! and frames where they are referred to.

use super::outline::kind_label;
use crate::format::lexer::{self, Kind};
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

/// Where a byte offset falls: in code, in a comment (`#` to the end of
/// the line) or in a string (opened at `open`; strings may span lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexical {
    Code,
    Comment,
    String { open: usize },
}

fn lexical_at(text: &str, offset: usize) -> Lexical {
    for t in lexer::tokens(text) {
        if t.start >= offset {
            break;
        }
        match t.kind {
            // a comment holds the rest of its line, trailing spaces included
            Kind::Comment if !text[t.start..offset].contains('\n') => return Lexical::Comment,
            // inside the quotes; an unterminated string runs to the end
            Kind::Str if offset < t.end || !is_closed(&text[t.start..t.end]) => {
                return Lexical::String { open: t.start }
            }
            _ => {}
        }
    }
    Lexical::Code
}

fn is_closed(string: &str) -> bool {
    string.len() >= 2 && string.ends_with('"')
}

/// The completions at a byte offset of the main file's text. Nothing in a
/// comment or in free text (a `motivering`); in a string that names a
/// gemeente, the gemeenten.
pub fn complete(analysis: &Analysis, text: &str, offset: usize) -> Vec<CompletionItem> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let (before, in_string) = match lexical_at(text, offset) {
        Lexical::Comment => return Vec::new(),
        Lexical::String { open } if open < line_start => return Vec::new(),
        // the words before the quote, and the name being typed in it
        Lexical::String { open } => (&text[line_start..offset], Some(open - line_start)),
        Lexical::Code => (&text[line_start..offset], None),
    };
    let words: Vec<&str> = match in_string {
        Some(quote) => before[..quote]
            .split_whitespace()
            .chain(std::iter::once(&before[quote..]))
            .collect(),
        None => before.split_whitespace().collect(),
    };
    // the word being typed is replaced by the client; look at the ones before it
    let typing =
        in_string.is_some() || (!before.ends_with(char::is_whitespace) && !words.is_empty());
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
        // a string holds a name only after the words above
        _ if in_string.is_some() => return Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryLoader;

    const TEXT: &str = "reglement \"Proef\" {\n  woonmaatschappij \"Proef\"\n}\n\nwerkingsgebied {\n  gemeente Turnhout woningen 100\n  gemeente \"Oud-Turnhout\" woningen 50\n  motivering \"De raad kiest voor een\n  gemeente \n  die\"\n  # de gemeente \n}\n";

    fn at(marker: &str, extra: usize) -> Vec<String> {
        let a = crate::analyze("proef.reglement", TEXT, &MemoryLoader::default());
        let offset = TEXT.find(marker).expect("marker") + marker.len() + extra;
        complete(&a, TEXT, offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn code_after_gemeente_gives_the_gemeenten() {
        let got = at("werkingsgebied {\n  gemeente ", 0);
        assert!(got.contains(&"Turnhout".to_string()), "{got:?}");
    }

    #[test]
    fn a_quoted_name_after_gemeente_gives_the_gemeenten() {
        let got = at("gemeente \"Oud", 0);
        assert!(got.contains(&"Oud-Turnhout".to_string()), "{got:?}");
    }

    #[test]
    fn nothing_in_free_text_or_comments() {
        // "voor " inside a motivering, a line of it that reads like code,
        // and a comment that mentions a gemeente
        assert_eq!(at("kiest voor ", 0), Vec::<String>::new());
        assert_eq!(at("een\n  gemeente ", 0), Vec::<String>::new());
        assert_eq!(at("# de gemeente ", 0), Vec::<String>::new());
    }

    #[test]
    fn lexical_state_follows_quotes_and_comments() {
        let t = "a \"b # c\" # \"d\n\"e";
        assert_eq!(lexical_at(t, 1), Lexical::Code);
        assert_eq!(lexical_at(t, 5), Lexical::String { open: 2 });
        assert_eq!(lexical_at(t, 10), Lexical::Code);
        assert_eq!(lexical_at(t, 13), Lexical::Comment);
        assert_eq!(lexical_at(t, 15), Lexical::Code);
        assert_eq!(lexical_at(t, t.len()), Lexical::String { open: 15 });
    }
}
