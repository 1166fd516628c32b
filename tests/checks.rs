//! The checks, driven by the fixtures in `tests/fixtures/checks/`.
//!
//! A fixture is named after the code it is about: `R0102-fout.reglement`
//! (and `R0102-fout-bereik.reglement`, …) must yield R0102, and its rendered
//! diagnostics are snapshotted; `R0102-goed.reglement` (and variants) must
//! not yield R0102 and must have no errors at all. Fixtures that need a
//! regional file use a companion in `tests/fixtures/checks/regio/`.
//!
//! Every code of the catalogue has at least one failing and one passing
//! fixture, except the codes in [`NOT_FROM_A_FILE`].

use reglement::diagnostic::codes::{self, CODES};
use reglement::diagnostic::{render, Diagnostic, Severity};
use reglement::{analyze, analyze_file, Analysis, MemoryLoader};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/fixtures/checks";

/// Codes no reglement text can produce, so no fixture can show them:
/// R0002 is an unreadable file (the CLI reports it and exits with 2, see
/// tests/cli.rs); R03xx are the engine's candidate-input codes, tested with
/// the engine.
/// R0219 (an amendment naming another draft) comes from `reglement
/// samenvoegen`, tested with its own fixtures in tests/samenvoegen.rs.
/// R0250 and R0251 compare several members of a region (`controleer
/// --regio`), tested with the folders of tests/fixtures/regio/ in tests/regio.rs.
const NOT_FROM_A_FILE: &[&str] = &["R0002", "R0219", "R0250", "R0251"];

fn not_from_a_file(code: &str) -> bool {
    NOT_FROM_A_FILE.contains(&code) || code.starts_with("R03")
}

#[derive(Debug)]
struct Fixture {
    code: String,
    failing: bool,
    path: PathBuf,
    stem: String,
}

/// `R0102-fout.reglement`, `R0102-goed-bereik.reglement`, …
fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(DIR).expect("the fixture folder exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("reglement") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name")
            .to_string();
        let (code, rest) = stem.split_at(5.min(stem.len()));
        let failing = if rest.starts_with("-fout") {
            true
        } else if rest.starts_with("-goed") {
            false
        } else {
            panic!("{stem}: een fixture heet RNNNN-fout… of RNNNN-goed…");
        };
        out.push(Fixture {
            code: code.to_string(),
            failing,
            path,
            stem,
        });
    }
    out.sort_by(|a, b| a.stem.cmp(&b.stem));
    assert!(out.len() > 50, "te weinig fixtures gevonden in {DIR}");
    out
}

fn check(path: &Path) -> Analysis {
    analyze_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn codes_of(a: &Analysis) -> Vec<&'static str> {
    a.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn errors(a: &Analysis) -> Vec<&Diagnostic> {
    a.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn every_failing_fixture_yields_its_code() {
    let mut snapshots = insta::Settings::clone_current();
    snapshots.set_prepend_module_to_snapshot(false);
    snapshots.set_snapshot_path("snapshots/checks");
    for f in fixtures().iter().filter(|f| f.failing) {
        let a = check(&f.path);
        assert!(
            a.diagnostics.iter().any(|d| d.code == f.code),
            "{} geeft geen {}: {:?}",
            f.stem,
            f.code,
            codes_of(&a)
        );
        let text = render::render_text(&a.diagnostics, &a.sources, false);
        snapshots.bind(|| insta::assert_snapshot!(f.stem.clone(), text));
    }
}

/// A code reports the catalogue's severity, or a warning where the
/// catalogue says it also warns: the README's table of checks is right.
#[test]
fn every_code_reports_the_severity_the_catalogue_gives_it() {
    for f in fixtures() {
        let a = check(&f.path);
        for d in &a.diagnostics {
            let info = d.code.info();
            let allowed = d.severity == info.severity
                || (info.also_warning && d.severity == Severity::Warning);
            assert!(
                allowed,
                "{}: {} is {:?}, de catalogus zegt {}",
                f.stem,
                d.code,
                d.severity,
                info.severity_text()
            );
        }
    }
}

#[test]
fn every_fixture_snapshot_belongs_to_a_failing_fixture() {
    let failing: Vec<String> = fixtures()
        .into_iter()
        .filter(|f| f.failing)
        .map(|f| f.stem)
        .collect();
    for entry in std::fs::read_dir("tests/snapshots/checks").expect("snapshot folder") {
        let path = entry.expect("readable entry").path();
        let Some(stem) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = stem.strip_suffix(".snap") else {
            continue;
        };
        assert!(
            failing.iter().any(|f| f == stem),
            "{} hoort bij geen fixture meer: schrap de snapshot",
            path.display()
        );
    }
}

#[test]
fn every_passing_fixture_is_free_of_its_code_and_of_errors() {
    for f in fixtures().iter().filter(|f| !f.failing) {
        let a = check(&f.path);
        assert!(
            !a.diagnostics.iter().any(|d| d.code == f.code),
            "{} geeft toch {}: {:#?}",
            f.stem,
            f.code,
            a.diagnostics
        );
        assert!(
            errors(&a).is_empty(),
            "{} heeft fouten: {:#?}",
            f.stem,
            errors(&a)
        );
    }
}

#[test]
fn every_code_of_the_catalogue_has_a_failing_and_a_passing_fixture() {
    let all = fixtures();
    let mut missing = Vec::new();
    for c in CODES.iter().filter(|c| !not_from_a_file(c.code)) {
        for failing in [true, false] {
            if !all.iter().any(|f| f.code == c.code && f.failing == failing) {
                missing.push(format!(
                    "{}-{}.reglement",
                    c.code,
                    if failing { "fout" } else { "goed" }
                ));
            }
        }
    }
    assert!(missing.is_empty(), "fixtures ontbreken: {missing:?}");
    // and no fixture is about a code the catalogue does not know
    for f in &all {
        assert!(
            CODES.iter().any(|c| c.code == f.code),
            "{}: {} staat niet in de catalogus",
            f.stem,
            f.code
        );
    }
}

#[test]
fn every_diagnostic_says_where_why_and_how_to_fix() {
    for f in fixtures() {
        let a = check(&f.path);
        for d in &a.diagnostics {
            assert!(
                codes::CODES.iter().any(|c| c.code == d.code),
                "{}: {} niet in de catalogus",
                f.stem,
                d.code
            );
            assert!(!d.message.is_empty(), "{}: {d:?}", f.stem);
            assert!(!d.help.is_empty(), "{}: {} zonder hulp", f.stem, d.code);
            assert!(
                !d.primary.message.is_empty(),
                "{}: {} zonder label",
                f.stem,
                d.code
            );
            assert!(
                !d.primary.span.is_empty() || d.code == "R0210",
                "{}: {} wijst naar niets",
                f.stem,
                d.code
            );
            // legal checks cite their basis
            if let Some(check) = d.info().check {
                assert!(
                    d.full_help().contains("Grondslag:"),
                    "{}: {} ({check}) zonder grondslag",
                    f.stem,
                    d.code
                );
            }
        }
    }
}

#[test]
fn three_errors_in_three_sections_are_all_reported() {
    // a syntax error in the identity section, a wrong pillar-2 share, and
    // three persons on one bedroom
    let base = std::fs::read_to_string(format!("{DIR}/R0102-goed.reglement")).expect("fixture");
    let text = base
        .replacen(
            "    geldig vanaf 2024-01-01\n}",
            "    versie 2024.1\n    geldig vanaf 2024-01-01\n}",
            1,
        )
        .replacen("    aandeel 20%\n", "    aandeel 25%\n", 1)
        .replacen(
            "    1 slaapkamer: 1 tot 2 personen\n",
            "    1 slaapkamer: 1 tot 3 personen\n",
            1,
        );
    let a = analyze("drie-fouten.reglement", &text, &MemoryLoader::default());
    let errs: Vec<&str> = errors(&a).iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        errs,
        vec!["R0001", "R0102", "R0116"],
        "{:#?}",
        a.diagnostics
    );
    // each in its own section, in the order of the file
    let lines: Vec<usize> = errors(&a)
        .iter()
        .map(|d| a.sources.get(d.file()).line(d.primary.span))
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn a_broken_section_silences_what_relies_on_absence() {
    // the werkingsgebied does not parse: its gemeenten are unknown, but no
    // "unknown gemeente" nor "missing werkingsgebied" is reported for that
    let base = std::fs::read_to_string(format!("{DIR}/R0102-goed.reglement")).expect("fixture");
    let text = base.replacen("woningen 150", "woningen honderdvijftig", 1);
    let a = analyze("kapot.reglement", &text, &MemoryLoader::default());
    let codes = codes_of(&a);
    assert!(codes.contains(&"R0001"), "{codes:?}");
    assert!(!codes.contains(&"R0203"), "{codes:?}");
    assert!(!codes.contains(&"R0210"), "{codes:?}");
    assert!(errors(&a).len() == 1, "{:#?}", a.diagnostics);
}

fn rendered(a: &Analysis) -> String {
    render::render_text(&a.diagnostics, &a.sources, false)
}

#[test]
fn kempen_example_has_no_errors_and_warns_for_ministerial_review() {
    let a = check(Path::new("examples/kempen.reglement"));
    assert!(errors(&a).is_empty(), "{}", rendered(&a));
    let by_code: BTreeMap<&str, Vec<Severity>> =
        a.diagnostics.iter().fold(BTreeMap::new(), |mut m, d| {
            m.entry(d.code.as_str()).or_default().push(d.severity);
            m
        });
    // the local target group 'kansarmoede' goes to the minister
    assert_eq!(by_code.get("R0108"), Some(&vec![Severity::Warning]));
    // the computed pillar-2 base is shown
    assert!(by_code.contains_key("R0217"));
    insta::assert_snapshot!("kempen_diagnostics", rendered(&a));
}

#[test]
fn kempen_regional_file_shows_only_the_notes_own_inconsistency() {
    // the note's ceilings as amount and "leefloon + X": alleenstaande
    // categorie 2 does not add up (R0208, a warning: the amount is used);
    // the shared local group 'kansarmoede' goes to the minister (R0108,
    // a warning: it is marked for review), said once, in the frame
    let a = check(Path::new("examples/kempen-regio.reglement"));
    let codes: Vec<(&str, Severity)> = a
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.severity))
        .collect();
    assert_eq!(
        codes,
        vec![("R0208", Severity::Warning), ("R0108", Severity::Warning)],
        "{}",
        rendered(&a)
    );
    let d = &a.diagnostics[0];
    assert_eq!(
        a.sources.get(d.file()).slice(d.primary.span),
        "1.544,13 euro"
    );
    assert!(d.message.contains("1.478,13 €"), "{}", d.message);
}

#[test]
fn the_kempen_example_reads_the_threshold_without_kinderlast() {
    // the flagship's reading leaves no row dead: no R0245; the fixture
    // with the literal threshold (all four criteria) carries it
    let a = check(Path::new("examples/kempen.reglement"));
    assert!(!codes_of(&a).contains(&"R0245"), "{}", rendered(&a));
    let literal = check(Path::new(&format!(
        "{DIR}/R0245-fout-kempen-letterlijk.reglement"
    )));
    let r0245: Vec<&Diagnostic> = literal
        .diagnostics
        .iter()
        .filter(|d| d.code == "R0245")
        .collect();
    assert_eq!(r0245.len(), 1, "{}", rendered(&literal));
    assert!(errors(&literal).is_empty(), "{}", rendered(&literal));
    let m = &r0245[0].message;
    assert!(m.contains("elk huishouden zonder kinderen"), "{m}");
    assert!(
        m.contains(
            "'alleenstaande categorie 1' van inkomen en 'alleenstaande categorie 2' van inkomen"
        ),
        "{m}"
    );
}

#[test]
fn second_example_checks_clean() {
    let a = check(Path::new("examples/netevallei.reglement"));
    assert!(errors(&a).is_empty(), "{}", rendered(&a));
    // only the local target group of Geel under ministerial review warns
    let warnings: Vec<&str> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(warnings, vec!["R0108"]);
    let plan = reglement::plan::compile(&a).expect("the second example compiles");
    assert_eq!(plan.werkingsgebied.gemeenten.len(), 6);
    insta::assert_snapshot!("netevallei_diagnostics", rendered(&a));
}

#[test]
fn the_kempen_notes_verdeelsleutel_names_the_rows_that_make_its_total() {
    // the note's totals (11.275, 10, 98, 42) are not the sum of its six rows,
    // but exactly the sum of four: one error on the total row names them,
    // and the other choice (Woonboog is Baldemore + RiT); no number changes
    let a = check(Path::new(&format!("{DIR}/R0119-fout-visienota.reglement")));
    let regio = a.model.regio.expect("the regional file is used");
    let r0119: Vec<&Diagnostic> = a.diagnostics.iter().filter(|d| d.code == "R0119").collect();
    assert_eq!(r0119.len(), 1, "{}", rendered(&a));
    let d = r0119[0];
    assert_eq!(d.file(), regio, "de fout staat in het regionale bestand");
    assert!(a
        .sources
        .get(regio)
        .slice(d.primary.span)
        .starts_with("totaal"));
    assert!(
        d.message.contains("precies de som van DNK, Woonboog, LeefGoed Neteland en LeefGoed Zuiderkempen, of van DNK, Baldemore, RiT, LeefGoed Neteland en LeefGoed Zuiderkempen"),
        "{}",
        d.message
    );
    assert!(
        d.message
            .contains("De rij Woonboog is in elke kolom de som van Baldemore en RiT."),
        "{}",
        d.message
    );
    assert!(d.help.contains("verbetert geen getal"), "{}", d.help);
    // with Baldemore and RiT outside the total, the same numbers check clean
    let ok = check(Path::new(&format!(
        "{DIR}/R0119-goed-buiten-totaal.reglement"
    )));
    assert!(!codes_of(&ok).contains(&"R0119"), "{}", rendered(&ok));
}

#[test]
fn a_total_no_choice_of_rows_makes_gets_an_error_per_column() {
    // 11.276 instead of 11.275: no rows add up to it, so each wrong column
    // gets its own error, and none names rows
    let main =
        std::fs::read_to_string(format!("{DIR}/R0119-fout-visienota.reglement")).expect("fixture");
    let regio = std::fs::read_to_string(format!("{DIR}/regio/R0119-visienota-regio.reglement"))
        .expect("fixture")
        .replace("11.275", "11.276");
    let loader = MemoryLoader::default().with("regio/R0119-visienota-regio.reglement", &regio);
    let a = analyze("R0119.reglement", &main, &loader);
    let r0119: Vec<&Diagnostic> = a.diagnostics.iter().filter(|d| d.code == "R0119").collect();
    assert_eq!(r0119.len(), 4, "{}", rendered(&a));
    assert!(
        r0119
            .iter()
            .all(|d| !d.message.contains("precies de som van")),
        "{}",
        rendered(&a)
    );
}

#[test]
fn readme_lists_every_check_from_the_catalogue() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = codes::markdown_table();
    let section = readme
        .split("## Controles")
        .nth(1)
        .expect("README has a section '## Controles'");
    assert!(
        section.contains(table.trim()),
        "de tabel in README.md onder '## Controles' is niet die van `reglement codes --markdown`; plak die opnieuw"
    );
}
