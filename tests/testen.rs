//! `reglement test`: the drafters' test cases of `examples/kempen.testen`
//! pass through the engine; deliberately wrong expectations fail with a
//! readable difference and the explanation; one changed number in the
//! source changes both the rendered document and the engine's points.

mod common;
use common::cli::reglement;

use reglement::cases;
use reglement::publish::{self, Format};
use reglement::source::Sources;
use reglement::syntax::ast::DocumentKind;
use reglement::{analyze, MemoryLoader};

#[test]
fn the_kempen_cases_pass() {
    let o = reglement(&["test", "examples/kempen.reglement"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("7 tests: 7 geslaagd, 0 mislukt."), "{out}");
}

#[test]
fn wrong_expectations_fail_with_a_readable_difference() {
    let o = reglement(&[
        "test",
        "examples/kempen.reglement",
        "--testen",
        "tests/fixtures/testen/fout.testen",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("K-002: verwacht 20 punten op inkomen"),
        "{out}"
    );
    assert!(out.contains("werkelijk 15 punten op inkomen"), "{out}");
    insta::assert_snapshot!("wrong_expectations", out);
}

#[test]
fn a_broken_test_file_is_reported_not_run() {
    let dir = std::env::temp_dir().join(format!("testen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("kapot.testen");
    std::fs::write(
        &path,
        "test \"onbekend criterium\" {\n    peildatum 2024-06-01\n    lijst versnelde toewijzing\n    kandidaat A { inschrijvingsdatum 2022-01-01 gezinstype gezin volwassenen 1 kinderen 0 leeftijd 40 }\n    verwacht A { 3 punten op schoonheid }\n}\n",
    )
    .expect("write");
    let o = reglement(&[
        "test",
        "examples/kempen.reglement",
        "--testen",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'leeftijd' is geen veld van een kandidatenbestand"),
        "{err}"
    );
    assert!(err.contains("geen criterium 'schoonheid'"), "{err}");
    assert!(err.contains("worden niet gedraaid"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One number changed in the source: the rendered intern huurreglement and
/// the engine's points for the same candidate both change.
#[test]
fn one_number_changes_the_document_and_the_engines_points() {
    const KEMPEN: &str = include_str!("../examples/kempen.reglement");
    const REGIO: &str = include_str!("../examples/kempen-regio.reglement");
    let from = "alleenstaande categorie 1: maximaal 1.379,13 euro";
    assert!(REGIO.contains(from));
    let changed = REGIO.replacen(from, "alleenstaande categorie 1: maximaal 1.401,20 euro", 1);
    let case_text = "test \"net boven het oude plafond\" {\n    peildatum 2024-06-01\n    lijst versnelde toewijzing\n    kandidaat K-1 {\n        inschrijvingsdatum 2022-01-10\n        gezinstype alleenstaande\n        volwassenen 1\n        kinderen 1\n        inkomen 1.379,14 euro\n        woonnood opvang\n        begeleiding gemeente\n    }\n    verwacht K-1 { 15 punten op inkomen }\n}\n";
    let run = |regio: &str| {
        let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
        let a = analyze("kempen.reglement", KEMPEN, &loader);
        let plan = reglement::plan::compile(&a).expect("compiles");
        let doc = publish::render(
            &publish::build(&a, DocumentKind::InternHuurreglement),
            Format::Markdown,
        );
        let mut sources = Sources::default();
        let (cs, diags) = cases::parse(&mut sources, "t.testen", case_text);
        assert!(diags.is_empty(), "{diags:#?}");
        let outcome = cases::run(&cs[0], &plan);
        (doc, outcome)
    };
    let (old_doc, old) = run(REGIO);
    let (new_doc, new) = run(&changed);
    // before: 1.379,14 is above the ceiling of category 1 → 15 points (the test passes)
    assert!(old_doc.contains("| alleenstaande | 1 | 1.379,13 € (leefloon + 165,00 €) | 20 |"));
    assert!(old.passed(), "{:#?}", old.misses);
    // after: the document shows the new ceiling and the engine gives 20 points
    assert!(new_doc.contains("| alleenstaande | 1 | 1.401,20 € (leefloon + 165,00 €) | 20 |"));
    assert_eq!(new.misses.len(), 1);
    assert_eq!(new.misses[0].verwacht, "15 punten op inkomen");
    assert_eq!(new.misses[0].werkelijk, "20 punten op inkomen");
}
