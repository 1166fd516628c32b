//! Completion that knows where the cursor is: the section keywords outside
//! a section (between sections, at the end of the file), the statements of
//! the block the cursor is in (both read from the grammar, see
//! [`super::grammar`]), the gemeenten of the werkingsgebied after
//! `gemeente`, the legal target groups after `wettelijke doelgroep`, the
//! housing-need situations of the frame after `situaties:`, the declared
//! criteria, codes and frames where they are referred to.

use super::grammar::{grammar, Statement};
use super::outline::kind_label;
use crate::gemeenten;
use crate::model::{Kenmerk, Model, SymbolKind};
use crate::syntax::lexer::{self, Kind};
use crate::syntax::split::split_sections;
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
    // the word that introduces what is typed: past the items of a list
    // (`situaties: opvang, instelling, …`), without its colon
    let last = context
        .iter()
        .rev()
        .find(|w| !w.ends_with(','))
        .map(|w| w.trim_end_matches(':'));
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
        // declaring the werkingsgebied: every Flemish gemeente not yet in it
        Some("gemeente") if declares_gemeenten(text, offset) => {
            return flemish_gemeenten(m, text, offset, in_string.is_some())
        }
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
        Some("situaties") => return need_situations(m),
        Some("verdeelsleutel") => return names(SymbolKind::Verdeelsleutel),
        // a string holds a name only after the words above
        _ if in_string.is_some() => return Vec::new(),
        _ => {}
    }
    if context.is_empty() {
        return match open_block(text, offset) {
            // between sections, before the first, after the last: a new section
            None => grammar()
                .sections()
                .into_iter()
                .map(|s| keyword(&s.label, "sectie"))
                .collect(),
            Some(Some(block)) => {
                let mut out: Vec<CompletionItem> = Vec::new();
                for s in grammar().items(&block.rule) {
                    if !out.iter().any(|c| c.label == s.label) {
                        out.push(keyword(&s.label, &format!("in {}", block.label)));
                    }
                }
                out
            }
            // a block the grammar does not know: nothing to propose
            Some(None) => Vec::new(),
        };
    }
    let mut out: Vec<CompletionItem> = Vec::new();
    out.extend(names(SymbolKind::Criterium));
    out.extend(names(SymbolKind::Code));
    out.extend(gemeenten());
    out.extend(
        super::keywords::all()
            .iter()
            .map(|k| keyword(k, "sleutelwoord")),
    );
    out
}

/// The situations a pillar-2 group may name: the rows of the criterion of
/// the frame in use that scores the housing need (`gegeven woonnood`, or
/// the criteria whose field is not said), not the other criteria's codes.
/// While the line is being typed its section does not parse, so the frame
/// it uses may be unknown: then the situations of every frame.
fn need_situations(m: &Model) -> Vec<CompletionItem> {
    let frames: Vec<_> = match m.used_wegingskader() {
        Some((_, _, frame)) => vec![frame],
        None => m.wegingskaders().map(|(_, _, w)| w).collect(),
    };
    let criteria = || frames.iter().flat_map(|w| &w.criteria);
    let scored: Vec<_> = criteria()
        .filter(|c| c.kenmerk() == Some(Kenmerk::Woonnood))
        .collect();
    let need = if scored.is_empty() {
        criteria().filter(|c| c.kenmerk().is_none()).collect()
    } else {
        scored
    };
    need.into_iter()
        .flat_map(|c| {
            c.situations.iter().map(move |r| CompletionItem {
                label: r.code.value.clone(),
                kind: CompletionKind::Name,
                detail: match &r.description {
                    Some(d) => format!("woonnoodsituatie: {}", d.value),
                    None => format!("woonnoodsituatie van '{}'", c.code.value),
                },
            })
        })
        .collect()
}

/// The block the cursor is in: `None` outside every section; the statement
/// of the grammar that opened the innermost block, or `Some(None)` when its
/// header is not one the grammar knows.
/// Whether the offset lies in a (deel)werkingsgebied, where `gemeente`
/// declares a gemeente rather than names one of the werkingsgebied.
fn declares_gemeenten(text: &str, offset: usize) -> bool {
    matches!(open_block(text, offset), Some(Some(b))
        if b.label == "werkingsgebied" || b.label == "deelwerkingsgebied")
}

/// The Flemish gemeenten on the reglement's date of validity (today's list
/// when it has none), less those the section already declares on other
/// lines (read from the text: while a line is being typed the section
/// does not parse); a name with a space is proposed in quotes outside a
/// string.
fn flemish_gemeenten(m: &Model, text: &str, offset: usize, in_string: bool) -> Vec<CompletionItem> {
    let declared = declared_in_section(text, offset);
    let on = m.valid_from();
    let mut out: Vec<CompletionItem> = gemeenten::all()
        .iter()
        .filter(|g| match on {
            Some(d) => g.bestaat_op(d),
            None => g.tot.is_none(),
        })
        .filter(|g| !declared.contains(&g.naam.to_lowercase()))
        .map(|g| CompletionItem {
            label: if g.naam.contains(' ') && !in_string {
                format!("\"{}\"", g.naam)
            } else {
                g.naam.to_string()
            },
            kind: CompletionKind::Gemeente,
            detail: format!("Vlaamse gemeente (NIS {})", g.nis),
        })
        .collect();
    out.sort_by(|a, b| a.label.trim_matches('"').cmp(b.label.trim_matches('"')));
    out.dedup_by(|a, b| a.label == b.label);
    out
}

/// The names after `gemeente` on the lines of the section around
/// `offset`, except the cursor's line, in lower case.
fn declared_in_section(text: &str, offset: usize) -> Vec<String> {
    let Some(chunk) = split_sections(text)
        .into_iter()
        .rev()
        .find(|c| c.start <= offset && offset <= c.end)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = chunk.start;
    for line in text[chunk.start..chunk.end].split_inclusive('\n') {
        let here = at <= offset && offset <= at + line.len();
        at += line.len();
        if here {
            continue;
        }
        let Some(rest) = line.trim_start().strip_prefix("gemeente ") else {
            continue;
        };
        let rest = rest.trim_start();
        let name = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or(""),
            None => rest.split_whitespace().next().unwrap_or(""),
        };
        out.push(name.to_lowercase());
    }
    out
}

fn open_block(text: &str, offset: usize) -> Option<Option<Statement>> {
    let chunk = split_sections(text)
        .into_iter()
        .rev()
        .find(|c| c.start <= offset && offset <= c.end)?;
    let mut headers: Vec<Vec<String>> = Vec::new();
    for t in lexer::tokens(&text[chunk.start..chunk.end]) {
        let at = chunk.start + t.start;
        if at >= offset {
            break;
        }
        match t.kind {
            Kind::Open => {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                headers.push(
                    text[line_start..at]
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .collect(),
                );
            }
            Kind::Close => {
                headers.pop();
            }
            _ => {}
        }
    }
    if headers.is_empty() {
        return None;
    }
    let g = grammar();
    let mut level = g.sections();
    let mut block = None;
    for header in &headers {
        let Some(s) = g.opened_by(&level, header).cloned() else {
            return Some(None);
        };
        level = g.items(&s.rule);
        block = Some(s);
    }
    Some(block)
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
    fn declaring_a_gemeente_in_the_werkingsgebied_gives_the_flemish_gemeenten() {
        let text = TEXT.replace("werkingsgebied {\n", "werkingsgebied {\n  gemeente \n");
        let a = crate::analyze("proef.reglement", &text, &MemoryLoader::default());
        let offset = text.find("  gemeente \n").expect("marker") + "  gemeente ".len();
        let got: Vec<String> = complete(&a, &text, offset)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert!(got.contains(&"Baarle-Hertog".to_string()), "{got:?}");
        assert!(got.contains(&"\"De Panne\"".to_string()), "{got:?}");
        // those it already has are not proposed again
        assert!(!got.contains(&"Turnhout".to_string()), "{got:?}");
        assert!(!got.contains(&"Oud-Turnhout".to_string()), "{got:?}");
    }

    #[test]
    fn code_after_gemeente_elsewhere_gives_the_gemeenten_of_the_werkingsgebied() {
        let text = format!("{TEXT}\nstandaardtoewijzing {{\n  gemeente \n}}\n");
        let a = crate::analyze("proef.reglement", &text, &MemoryLoader::default());
        let offset = text.rfind("gemeente ").expect("marker") + "gemeente ".len();
        let got: Vec<String> = complete(&a, &text, offset)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["Turnhout", "Oud-Turnhout"]);
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

    const KEMPEN: &str = include_str!("../../examples/kempen.reglement");
    const REGIO: &str = include_str!("../../examples/kempen-regio.reglement");

    /// The labels offered in the Kempen example at `marker` + `extra`,
    /// after `insert` is typed there.
    fn kempen_at(marker: &str, extra: usize, insert: &str) -> Vec<String> {
        // with its own pillar-2 groups, to complete inside one
        let kempen = crate::ide::kempen_with_own_pillar2_groups();
        let at = kempen.find(marker).expect("marker") + marker.len() + extra;
        let mut text = kempen;
        text.insert_str(at, insert);
        let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
        let a = crate::analyze("kempen.reglement", &text, &loader);
        complete(&a, &text, at + insert.len())
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn between_sections_and_at_the_end_the_section_keywords() {
        let between = kempen_at("totaal woningen 1.597\n}\n", 0, "");
        let end = {
            let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
            let a = crate::analyze("kempen.reglement", KEMPEN, &loader);
            complete(&a, KEMPEN, KEMPEN.len())
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        };
        for got in [&between, &end] {
            for s in ["versnelde toewijzing", "specifieke doelgroepen", "gemeente"] {
                assert!(got.contains(&s.to_string()), "{s}: {got:?}");
            }
            assert!(!got.contains(&"motivering".to_string()), "{got:?}");
        }
        // a typed prefix at the end of the file: the client filters, the list stays
        let typed = kempen_at("totaal woningen 1.597\n}\n", 0, "spec");
        assert!(
            typed.contains(&"specifieke doelgroepen".to_string()),
            "{typed:?}"
        );
    }

    #[test]
    fn in_a_nested_block_its_own_statements() {
        let got = kempen_at("wettelijke groep jongere\n", 0, "        ");
        assert!(got.contains(&"situaties".to_string()), "{got:?}");
        assert!(got.contains(&"voorwaarde".to_string()), "{got:?}");
        assert!(
            !got.contains(&"basis: gemiddelde van".to_string()),
            "{got:?}"
        );
        let versneld = kempen_at("    aandeel 20%\n", 0, "    ");
        assert!(
            versneld.contains(&"basis: gemiddelde van".to_string()),
            "{versneld:?}"
        );
        assert!(!versneld.contains(&"situaties".to_string()), "{versneld:?}");
    }

    #[test]
    fn situaties_offers_the_housing_need_situations_only() {
        for (marker, typed) in [
            ("situaties: jongere", ", "),
            ("situaties: jongere", ", g"),
            ("        wettelijke groep jongere\n", "        situaties: "),
        ] {
            let got = kempen_at(marker, 0, typed);
            for need in ["geen-opvang", "instelling", "jongere", "ggz"] {
                assert!(
                    got.contains(&need.to_string()),
                    "{typed}: {need} in {got:?}"
                );
            }
            // the begeleiding codes of the frame are not situations
            for other in ["arrondissement", "werkingsgebied", "Turnhout"] {
                assert!(
                    !got.contains(&other.to_string()),
                    "{typed}: {other} in {got:?}"
                );
            }
        }
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
