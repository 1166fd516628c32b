//! The syntax layer: text → typed AST with byte spans, plus syntax errors.
//!
//! Parsing never fails: [`parse`] always returns a tree (of the sections that
//! parsed) and the list of problems. The file is split into sections first
//! (see [`split`]); each section is parsed on its own with pest, so a syntax
//! error in one section never hides the diagnostics of another.

pub mod ast;
pub mod grammar;
mod lower;
pub mod split;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::span::Span;
use grammar::{ReglementParser, Rule};
use pest::Parser;

pub use ast::Ast;
pub use lower::MAX_INTEGER;

/// The result of parsing one file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub ast: Ast,
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of the sections that did not parse.
    pub broken: Vec<Span>,
}

pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    // a UTF-8 byte-order mark (as Windows editors write one) is not text:
    // the sections start after it, and every span stays an offset into
    // `text`
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for chunk in split::split_sections(&text[bom..]) {
        let chunk = Span::new(chunk.start + bom, chunk.end + bom);
        let slice = &text[chunk.start..chunk.end];
        match ReglementParser::parse(Rule::section_chunk, slice) {
            Ok(pairs) => {
                let mut lowerer = lower::Lowerer {
                    base: chunk.start,
                    file,
                    diags: &mut parsed.diagnostics,
                };
                let sections = lower::lower_chunk(&mut lowerer, pairs);
                parsed.ast.sections.extend(sections);
            }
            Err(err) => {
                parsed
                    .diagnostics
                    .push(syntax_error(file, slice, chunk.start, &err));
                parsed.broken.push(chunk);
            }
        }
    }
    parsed
}

/// The Dutch description of what a grammar rule stands for.
pub fn describe_rule(rule: Rule) -> String {
    let name = format!("{rule:?}");
    if let Some(kw) = name.strip_prefix("kw_") {
        let kw = match kw {
            "ministeriele" => "ministeriële",
            other => other,
        };
        return format!("'{kw}'");
    }
    let text = match rule {
        Rule::string | Rule::title => "een tekst tussen aanhalingstekens",
        Rule::integer => "een geheel getal",
        Rule::decimal => "een getal",
        Rule::percent => "een percentage (bv. 20%)",
        Rule::amount => "een bedrag (bv. 1.379,13 euro)",
        Rule::date => "een datum (JJJJ-MM-DD)",
        Rule::content_hash => "een inhoudshash (sha256: gevolgd door 64 hexadecimale tekens)",
        Rule::year => "een jaartal",
        Rule::code | Rule::code_list => "een naam",
        Rule::place | Rule::place_list => "een gemeente of naam",
        Rule::artikel_num => "een artikelnummer (bv. 3.1)",
        Rule::open => "'{'",
        Rule::close => "'}'",
        Rule::points => "'N punten' of 'geen punten'",
        Rule::tier_num => "een rangnummer (bv. 1.)",
        Rule::EOI => "het einde van de sectie",
        Rule::section_chunk | Rule::file => "een sectie (bv. 'reglement {')",
        Rule::situation_row => "een rij 'code \"omschrijving\": N punten'",
        Rule::count_row => "een rij 'N kinderen: N punten'",
        Rule::bracket_row => "een rij 'alleenstaande categorie 1: maximaal ... euro: N punten'",
        Rule::table_row => "een rij met een naam en getallen",
        Rule::binding_rule => "een woonbinding 'N jaar ononderbroken in M jaar'",
        _ => return format!("'{}'", name.replace('_', " ")),
    };
    text.to_string()
}

fn found_at(slice: &str, pos: usize) -> String {
    let rest = &slice[pos.min(slice.len())..];
    let rest = rest.trim_start();
    if rest.is_empty() {
        return "het einde van de sectie".to_string();
    }
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(30)
        .collect();
    format!("'{word}'")
}

fn syntax_error(
    file: FileId,
    slice: &str,
    base: usize,
    err: &pest::error::Error<Rule>,
) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    // point at the offending word, not at the whitespace before it
    let skipped = slice[pos.min(slice.len())..]
        .len()
        .saturating_sub(slice[pos.min(slice.len())..].trim_start().len());
    let start = base + pos + skipped;
    let word_len = slice[(pos + skipped).min(slice.len())..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
        .max(if start < base + slice.len() { 1 } else { 0 });
    let span = Span::new(start, start + word_len);
    let found = found_at(slice, pos);
    let message = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let mut wanted: Vec<String> = positives.iter().map(|r| describe_rule(*r)).collect();
            wanted.sort();
            wanted.dedup();
            let list = if wanted.len() == 1 {
                wanted[0].clone()
            } else if wanted.len() <= 8 {
                let last = wanted.pop().unwrap_or_default();
                format!("{} of {}", wanted.join(", "), last)
            } else {
                format!(
                    "een van {} en nog {} andere",
                    wanted[..8].join(", "),
                    wanted.len() - 8
                )
            };
            format!("Hier verwachtte ik {list}, maar ik vond {found}.")
        }
        _ => format!("Deze zin begrijp ik niet: ik vond {found}."),
    };
    Diagnostic::new("R0001", file, span, message).label("hier loopt het mis")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kempen_example() {
        let text = include_str!("../../examples/kempen.reglement");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        assert_eq!(parsed.ast.sections.len(), 8);
    }

    #[test]
    fn parses_the_regional_file() {
        let text = include_str!("../../examples/kempen-regio.reglement");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        assert_eq!(parsed.ast.sections.len(), 3);
    }

    #[test]
    fn a_broken_section_does_not_hide_the_next() {
        let text =
            "reglement {\n  versie 12\n}\nwerkingsgebied \"W\" {\n  gemeente Geel woningen 10\n}\n";
        let parsed = parse(0, text);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.ast.sections.len(), 1);
        assert!(parsed.diagnostics[0]
            .message
            .contains("tekst tussen aanhalingstekens"));
    }
}

#[cfg(test)]
mod test_case_tests {
    use super::ast::*;
    use super::*;

    #[test]
    fn parses_the_kempen_test_cases() {
        let text = include_str!("../../examples/kempen.testen");
        let parsed = parse(0, text);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        let tests: Vec<&TestCase> = parsed
            .ast
            .sections
            .iter()
            .filter_map(|s| match &s.body {
                SectionBody::Test(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tests.len(), 7);
        let first = tests[0];
        assert_eq!(first.candidates[0].dossier.value, "K-001");
        let inkomen = first.candidates[0]
            .fields
            .iter()
            .find(|(n, _)| n.value == "inkomen")
            .map(|(_, v)| v.value.clone());
        assert_eq!(inkomen, Some(FieldValue::Amount(137_913)));
        assert!(first.expectations[0].items.iter().any(|e| e.value
            == Expect::Points {
                criterion: "inkomen".into(),
                points: 20
            }));
        assert_eq!(tests[4].order[0].value.len(), 3);
        assert!(matches!(
            &tests[5].expectations[0].items[0].value,
            Expect::Excluded { article: Some(a) } if a == "3.5"
        ));
    }
}
