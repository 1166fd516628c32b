//! Drafters' test cases: `test` sections in a companion file next to the
//! reglement (`kempen.reglement` → `kempen.testen`), each with candidate
//! profiles, a reference date, the list they are ranked on and what must
//! come out. This module reads and checks them and turns each case's
//! candidates into a candidates file in the docs/gegevens.md format, so that the
//! engine reads a test's candidates exactly as it reads an officer's file.

use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;
use crate::source::{FileId, SourceFile, Sources};
use crate::span::Span;
use crate::syntax::{self, ast::*};
use std::path::{Path, PathBuf};

/// The columns of a candidates file (docs/gegevens.md), in their documented order.
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
    "geboortedata",
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
                    Code::R0215,
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
                Code::R0210,
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
            Diagnostic::new(Code::R0210, file, case.span, "Deze test zegt niet op welke lijst de kandidaten gerangschikt worden.")
                .label("test zonder lijst")
                .help("Voeg 'lijst versnelde toewijzing', 'lijst standaardtoewijzing gemeente NAAM' of 'lijst specifieke doelgroepen gemeente NAAM' toe."),
        );
    }
    if t.candidates.is_empty() {
        out.push(
            Diagnostic::new(
                Code::R0210,
                file,
                case.span,
                "Deze test heeft geen kandidaat.",
            )
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
                    Code::R0205,
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
                        Code::R0215,
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
                        Code::R0205,
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
            Code::R0203,
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
                            Code::R0203,
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
        // euro with a '.' decimal separator (docs/gegevens.md)
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

/// The case's candidates as a CSV candidates file (docs/gegevens.md): every column,
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
            "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek,geboortedata\n\
             K-001,2022-01-10,alleenstaande,1,0,1379.13,opvang,gemeente,,,,,\n"
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
        let codes: Vec<Code> = check(&cases[0], &plan).iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::R0210,
                Code::R0210,
                Code::R0215,
                Code::R0205,
                Code::R0203,
                Code::R0203
            ]
        );
    }
}

// ------------------------------------------------------------------ running

/// One expectation that did not come out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The dossier it is about (empty for a whole-test failure).
    pub dossier: String,
    /// What the test expects, as the drafter wrote it.
    pub verwacht: String,
    /// What came out.
    pub werkelijk: String,
    /// Where the expectation is written.
    pub span: Span,
}

/// The outcome of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub misses: Vec<Miss>,
    /// The explanation of every candidate with a miss, by dossier.
    pub traces: Vec<(String, String)>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.misses.is_empty()
    }
}

fn describe_expect(e: &Expect) -> String {
    match e {
        Expect::Ranked { rank: Some(r) } => format!("gerangschikt als {r}"),
        Expect::Ranked { rank: None } => "gerangschikt".into(),
        Expect::Excluded { article: Some(a) } => format!("uitgesloten door artikel {a}"),
        Expect::Excluded { article: None } => "uitgesloten".into(),
        Expect::Points { criterion, points } => {
            format!("{} op {criterion}", crate::nl::points(*points as u32))
        }
        Expect::Total(t) => format!("totaal {}", crate::nl::points(*t as u32)),
    }
}

/// What a row says about one expectation, in the same words.
fn describe_actual(e: &Expect, row: &crate::engine::Row) -> String {
    use crate::engine::Status;
    let status = || match (row.status, row.rang) {
        (Status::Gerangschikt, Some(r)) => format!("gerangschikt als {r}"),
        (Status::Gerangschikt, None) => "gerangschikt".into(),
        (Status::Uitgesloten, _) => match row.regel.as_ref().and_then(|h| h.artikel.clone()) {
            Some(a) => format!(
                "uitgesloten door {}{}",
                a.replace("art.", "artikel"),
                row.reden
                    .as_ref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            ),
            None => format!("uitgesloten: {}", row.reden.clone().unwrap_or_default()),
        },
        (Status::Geweigerd, _) => format!("geweigerd: {}", row.reden.clone().unwrap_or_default()),
    };
    match e {
        Expect::Ranked { .. } | Expect::Excluded { .. } => status(),
        Expect::Points { criterion, .. } => {
            match row.punten.iter().find(|p| &p.criterium == criterion) {
                Some(p) => format!("{} op {criterion}", crate::nl::points(p.punten)),
                None => format!("geen punten op {criterion} ({})", status()),
            }
        }
        Expect::Total(_) => match row.totaal {
            Some(t) => format!("totaal {}", crate::nl::points(t)),
            None => format!("geen totaal ({})", status()),
        },
    }
}

fn met(e: &Expect, row: &crate::engine::Row) -> bool {
    use crate::engine::Status;
    match e {
        Expect::Ranked { rank } => {
            row.status == Status::Gerangschikt && rank.is_none_or(|r| row.rang == Some(r as u32))
        }
        Expect::Excluded { article } => {
            row.status == Status::Uitgesloten
                && article.as_ref().is_none_or(|a| {
                    row.regel
                        .as_ref()
                        .and_then(|h| h.artikel.as_deref())
                        .is_some_and(|x| x == format!("art. {a}"))
                })
        }
        Expect::Points { criterion, points } => row
            .punten
            .iter()
            .any(|p| &p.criterium == criterion && u64::from(p.punten) == *points),
        Expect::Total(t) => row.totaal.map(u64::from) == Some(*t),
    }
}

/// Run one (checked) case through the engine.
pub fn run(case: &Case, plan: &Plan) -> Outcome {
    use crate::engine::{self, Pillar, Prepared, Request, Target};
    let t = &case.test;
    let whole = |verwacht: &str, werkelijk: String| Outcome {
        misses: vec![Miss {
            dossier: String::new(),
            verwacht: verwacht.to_string(),
            werkelijk,
            span: case.span,
        }],
        traces: Vec::new(),
    };
    let (Some(peildatum), Some(lijst)) = (t.peildatum.first(), t.lijst.first()) else {
        return whole("een peildatum en een lijst", "ontbreken".into());
    };
    let pijler = match lijst.value.pillar {
        TestPillar::Standaard => Pillar::Standaard,
        TestPillar::Versneld => Pillar::Versneld,
        TestPillar::Doelgroepen => Pillar::Doelgroepen,
    };
    // pillar 2 knows no lokale binding: any gemeente of the werkingsgebied will do
    let gemeente = lijst
        .value
        .gemeente
        .as_ref()
        .map(|g| g.value.clone())
        .or_else(|| {
            plan.werkingsgebied
                .gemeenten
                .first()
                .map(|g| g.naam.clone())
        })
        .unwrap_or_default();
    let request = Request {
        peildatum: peildatum.value,
        target: Target::Lijst {
            pijler,
            gemeente,
            doelgroep: lijst.value.doelgroep.as_ref().map(|d| d.value.clone()),
        },
        verklaringen: true,
    };
    let bestand = format!("test \"{}\"", case.name);
    let csv = candidates_csv(case);
    let batch = match engine::read::read_csv(csv.as_bytes(), &bestand) {
        Ok(b) => b,
        Err(e) => return whole("leesbare kandidaten", e.render(&bestand)),
    };
    let prepared = match Prepared::new(plan, &request) {
        Ok(p) => p,
        Err(e) => return whole("een geldige lijst", e.to_string()),
    };
    let ranking = engine::rank_batch(&prepared, &batch).to_ranking(true);
    let row_of = |d: &str| {
        ranking
            .rijen
            .iter()
            .find(|r| r.dossier.as_deref() == Some(d))
    };

    let mut misses = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    // a candidate the engine refuses to read is a broken test, whatever it expects
    for c in &t.candidates {
        if let Some(row) = row_of(&c.dossier.value) {
            if row.status == engine::Status::Geweigerd {
                misses.push(Miss {
                    dossier: c.dossier.value.clone(),
                    verwacht: "een bruikbaar kandidatenprofiel".into(),
                    werkelijk: format!("geweigerd: {}", row.reden.clone().unwrap_or_default()),
                    span: c.span,
                });
            }
        }
    }
    for e in &t.expectations {
        let Some(row) = row_of(&e.dossier.value) else {
            misses.push(Miss {
                dossier: e.dossier.value.clone(),
                verwacht: "een rij in de rangschikking".into(),
                werkelijk: "geen rij (niet gelezen)".into(),
                span: e.span,
            });
            continue;
        };
        for item in &e.items {
            if !met(&item.value, row) {
                misses.push(Miss {
                    dossier: e.dossier.value.clone(),
                    verwacht: describe_expect(&item.value),
                    werkelijk: describe_actual(&item.value, row),
                    span: item.span,
                });
                if !failed.contains(&e.dossier.value) {
                    failed.push(e.dossier.value.clone());
                }
            }
        }
    }
    for o in &t.order {
        let ranks: Vec<(String, Option<u32>)> = o
            .value
            .iter()
            .map(|n| (n.value.clone(), row_of(&n.value).and_then(|r| r.rang)))
            .collect();
        let in_order =
            ranks.iter().all(|(_, r)| r.is_some()) && ranks.windows(2).all(|w| w[0].1 < w[1].1);
        if !in_order {
            let mut actual: Vec<&(String, Option<u32>)> = ranks.iter().collect();
            actual.sort_by_key(|(_, r)| r.unwrap_or(u32::MAX));
            let werkelijk = actual
                .iter()
                .map(|(d, r)| match r {
                    Some(r) => format!("{d} ({r})"),
                    None => format!("{d} (niet gerangschikt)"),
                })
                .collect::<Vec<_>>()
                .join(", ");
            misses.push(Miss {
                dossier: String::new(),
                verwacht: format!(
                    "volgorde {}",
                    o.value
                        .iter()
                        .map(|n| n.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                werkelijk: format!("volgorde {werkelijk}"),
                span: o.span,
            });
            for (d, _) in &ranks {
                if !failed.contains(d) {
                    failed.push(d.clone());
                }
            }
        }
    }
    let traces = failed
        .iter()
        .filter_map(|d| {
            let row = row_of(d)?;
            let trace = row.verklaring.as_ref()?;
            Some((d.clone(), trace.render()))
        })
        .collect();
    Outcome { misses, traces }
}

/// The report of a run, for a person: one line per test, and for a failure
/// what was expected, what came out, where the expectation is written and
/// the explanation of the candidates concerned.
pub fn report(sources: &Sources, results: &[(&Case, Outcome)]) -> String {
    let mut s = String::new();
    let mut passed = 0;
    for (case, outcome) in results {
        let file = sources.get(case.file);
        let at = file.line_col(case.span.start);
        if outcome.passed() {
            passed += 1;
            s.push_str(&format!(
                "geslaagd  {} ({}:{})\n",
                case.name, file.name, at.line
            ));
            continue;
        }
        s.push_str(&format!(
            "MISLUKT   {} ({}:{})\n",
            case.name, file.name, at.line
        ));
        for m in &outcome.misses {
            let at = file.line_col(m.span.start);
            let who = if m.dossier.is_empty() {
                String::new()
            } else {
                format!("{}: ", m.dossier)
            };
            s.push_str(&format!(
                "    {who}verwacht {}\n    {}werkelijk {}\n    ({}:{})\n",
                m.verwacht,
                " ".repeat(who.chars().count()),
                m.werkelijk,
                file.name,
                at.line
            ));
        }
        for (dossier, trace) in &outcome.traces {
            s.push_str(&format!("    Verklaring van {dossier}:\n"));
            for line in trace.lines() {
                s.push_str(&format!("      {line}\n"));
            }
        }
    }
    let failed = results.len() - passed;
    s.push_str(&format!(
        "\n{} tests: {passed} geslaagd, {failed} mislukt.\n",
        results.len()
    ));
    s
}
