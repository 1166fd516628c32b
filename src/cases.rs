//! Drafters' test cases: `test` sections in a companion file next to the
//! reglement (`kempen.reglement` → `kempen.testen`), each with candidate
//! profiles, a reference date, the list they are ranked on and what must
//! come out. This module reads and checks them and turns each case's
//! candidates into a candidates file in the DATA.md format, so that the
//! engine reads a test's candidates exactly as it reads an officer's file.

use crate::diagnostic::Diagnostic;
use crate::plan::Plan;
use crate::source::{FileId, SourceFile, Sources};
use crate::span::Span;
use crate::syntax::{self, ast::*};
use std::path::{Path, PathBuf};

/// The columns of a candidates file (DATA.md), in their documented order.
pub const FIELDS: &[&str] = &[
    "dossier",
    "inschrijvingsdatum",
    "gezinstype",
    "volwassenen",
    "kinderen",
    "inkomen",
    "woonnood",
    "begeleiding",
    "doelgroepen",
    "mantelzorg",
    "voorkeur",
    "woonhistoriek",
];

/// One test case, with the file it is written in.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: FileId,
    pub name: String,
    pub span: Span,
    pub test: TestCase,
}

/// The test file that goes with a reglement: same folder, same name,
/// extension `.testen`.
pub fn companion(reglement: &Path) -> PathBuf {
    reglement.with_extension("testen")
}

/// Parse the test sections of a file (added to `sources`); syntax errors and
/// non-test sections become diagnostics.
pub fn parse(sources: &mut Sources, name: &str, text: &str) -> (Vec<Case>, Vec<Diagnostic>) {
    let file = sources.add(SourceFile::new(name, text));
    let parsed = syntax::parse(file, text);
    let mut diags = parsed.diagnostics;
    let mut cases = Vec::new();
    for s in parsed.ast.sections {
        match s.body {
            SectionBody::Test(test) => cases.push(Case {
                file,
                name: s.title.map(|t| t.value).unwrap_or_default(),
                span: s.header,
                test,
            }),
            other => diags.push(
                Diagnostic::new(
                    "R0215",
                    file,
                    s.header,
                    format!(
                        "Een testbestand bevat enkel secties 'test'; '{}' hoort in het reglement.",
                        other.kind().keyword()
                    ),
                )
                .label("geen test"),
            ),
        }
    }
    (cases, diags)
}

/// Check a case against the plan it runs on: a reference date and a list,
/// candidates with known fields and unique dossiers, expectations about known
/// candidates and criteria.
pub fn check(case: &Case, plan: &Plan) -> Vec<Diagnostic> {
    let file = case.file;
    let t = &case.test;
    let mut out = Vec::new();
    if t.peildatum.is_empty() {
        out.push(
            Diagnostic::new(
                "R0210",
                file,
                case.span,
                "Deze test heeft geen peildatum: een rangschikking leest nooit de klok.",
            )
            .label("test zonder peildatum")
            .help("Voeg 'peildatum JJJJ-MM-DD' toe."),
        );
    }
    if t.lijst.is_empty() {
        out.push(
            Diagnostic::new("R0210", file, case.span, "Deze test zegt niet op welke lijst de kandidaten gerangschikt worden.")
                .label("test zonder lijst")
                .help("Voeg 'lijst versnelde toewijzing', 'lijst standaardtoewijzing gemeente NAAM' of 'lijst specifieke doelgroepen gemeente NAAM' toe."),
        );
    }
    if t.candidates.is_empty() {
        out.push(
            Diagnostic::new("R0210", file, case.span, "Deze test heeft geen kandidaat.")
                .label("test zonder kandidaat")
                .help("Voeg 'kandidaat DOSSIER { inschrijvingsdatum … gezinstype … }' toe."),
        );
    }
    for (i, c) in t.candidates.iter().enumerate() {
        if let Some(first) = t.candidates[..i]
            .iter()
            .find(|o| o.dossier.value == c.dossier.value)
        {
            out.push(
                Diagnostic::new(
                    "R0205",
                    file,
                    c.dossier.span,
                    format!(
                        "Kandidaat {} staat twee keer in deze test.",
                        c.dossier.value
                    ),
                )
                .label("tweede keer")
                .related(file, first.dossier.span, "eerste keer"),
            );
        }
        for (j, (name, _)) in c.fields.iter().enumerate() {
            if !FIELDS.contains(&name.value.as_str()) || name.value == "dossier" {
                out.push(
                    Diagnostic::new(
                        "R0215",
                        file,
                        name.span,
                        format!("'{}' is geen veld van een kandidatenbestand.", name.value),
                    )
                    .label("onbekend veld")
                    .help(format!(
                        "Gebruik de velden van een kandidatenbestand: {}.",
                        FIELDS[1..].join(", ")
                    )),
                );
            } else if let Some((first, _)) =
                c.fields[..j].iter().find(|(n, _)| n.value == name.value)
            {
                out.push(
                    Diagnostic::new(
                        "R0205",
                        file,
                        name.span,
                        format!("Het veld '{}' staat twee keer.", name.value),
                    )
                    .label("tweede keer")
                    .related(file, first.span, "eerste keer"),
                );
            }
        }
    }
    let known = |d: &str| t.candidates.iter().any(|c| c.dossier.value == d);
    let unknown = |name: &Name| {
        Diagnostic::new(
            "R0203",
            file,
            name.span,
            format!("Deze test heeft geen kandidaat {}.", name.value),
        )
        .label("onbekende kandidaat")
    };
    let criteria: Vec<&str> = plan
        .versneld
        .as_ref()
        .map(|v| {
            v.wegingskader
                .criteria
                .iter()
                .map(|c| c.code.as_str())
                .collect()
        })
        .unwrap_or_default();
    for e in &t.expectations {
        if !known(&e.dossier.value) {
            out.push(unknown(&e.dossier));
        }
        for item in &e.items {
            if let Expect::Points { criterion, .. } = &item.value {
                if !criteria.contains(&criterion.as_str()) {
                    out.push(
                        Diagnostic::new(
                            "R0203",
                            file,
                            item.span,
                            format!(
                                "Het wegingskader heeft geen criterium '{criterion}' (wel: {}).",
                                criteria.join(", ")
                            ),
                        )
                        .label("onbekend criterium"),
                    );
                }
            }
        }
    }
    for o in &t.order {
        for n in &o.value {
            if !known(&n.value) {
                out.push(unknown(n));
            }
        }
    }
    out
}

/// A field value as it is written in a candidates file.
fn csv_value(v: &FieldValue) -> String {
    match v {
        // euro with a '.' decimal separator (DATA.md)
        FieldValue::Amount(cents) => {
            let sign = if *cents < 0 { "-" } else { "" };
            let abs = cents.unsigned_abs();
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
        FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        FieldValue::Text(t) => t.clone(),
        FieldValue::Integer(n) => n.to_string(),
        FieldValue::Codes(list) => list.join(";"),
    }
}

/// The case's candidates as a CSV candidates file (DATA.md): every column,
/// one row per candidate in the order written, empty where a field is not given.
pub fn candidates_csv(case: &Case) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // writing to memory does not fail
    let _ = w.write_record(FIELDS);
    for c in &case.test.candidates {
        let row: Vec<String> = FIELDS
            .iter()
            .map(|f| {
                if *f == "dossier" {
                    return c.dossier.value.clone();
                }
                c.fields
                    .iter()
                    .find(|(n, _)| n.value == *f)
                    .map(|(_, v)| csv_value(&v.value))
                    .unwrap_or_default()
            })
            .collect();
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kempen_cases() -> Vec<Case> {
        let mut sources = Sources::default();
        let (cases, diags) = parse(
            &mut sources,
            "kempen.testen",
            include_str!("../examples/kempen.testen"),
        );
        assert!(diags.is_empty(), "{diags:#?}");
        cases
    }

    #[test]
    fn candidates_become_a_candidates_file() {
        let cases = kempen_cases();
        let csv = candidates_csv(&cases[0]);
        assert_eq!(
            csv,
            "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek\n\
             K-001,2022-01-10,alleenstaande,1,1,1379.13,opvang,gemeente,,,,\n"
        );
    }

    #[test]
    fn a_case_is_checked_against_the_plan() {
        let analysis =
            crate::analyze_file(Path::new("examples/kempen.reglement")).expect("example");
        let plan = crate::plan::compile(&analysis).expect("compiles");
        for case in kempen_cases() {
            assert!(check(&case, &plan).is_empty(), "{}", case.name);
        }
        let mut sources = Sources::default();
        let text = "test \"t\" {\n  kandidaat A { leeftijd 3 }\n  kandidaat A { kinderen 1 }\n  verwacht B { 3 punten op schoonheid }\n}\n";
        let (cases, diags) = parse(&mut sources, "x.testen", text);
        assert!(diags.is_empty(), "{diags:#?}");
        let codes: Vec<&str> = check(&cases[0], &plan).iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["R0210", "R0210", "R0215", "R0205", "R0203", "R0203"]
        );
    }
}
