//! `reglement publiceer --document doelgroepenplan`: the doelgroepenplan of
//! every local target group with ministerial review (issue 20), its parts
//! read from what the reglement states, the same numbers as the plan; the
//! parts it lacks said in the document and as R0290.
//!
//! - the complete fixture (`tests/fixtures/checks/R0290-goed.reglement`) as
//!   Markdown (snapshot) and as HTML;
//! - the Kempen example, which marks `kansarmoede` for review without a
//!   `doelgroepenplan` block: the document says what is missing;
//! - through the binary: stdout, `--uitvoer`, the warnings, the refusal.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};

use reglement::publish::{self, Format};
use std::path::Path;

const GOED: &str = "tests/fixtures/checks/R0290-goed.reglement";
const FOUT: &str = "tests/fixtures/checks/R0290-fout.reglement";

fn analysis(path: &str) -> reglement::Analysis {
    let a = reglement::analyze_file(Path::new(path)).expect("readable reglement");
    assert!(!a.has_errors(), "{path}: {:#?}", a.diagnostics);
    a
}

fn markdown(path: &str) -> String {
    let a = analysis(path);
    publish::render(&publish::doelgroepenplan::build(&a), Format::Markdown)
}

#[test]
fn the_complete_plan_as_markdown() {
    let md = markdown(GOED);
    insta::assert_snapshot!("doelgroepenplan_proef_md", md);
}

#[test]
fn every_part_of_the_complete_plan_is_stated() {
    let md = markdown(GOED);
    assert!(!md.contains("niet vermeld in het reglement"), "{md}");
    assert!(!md.contains("Niet vermeld in het reglement"), "{md}");
    for part in [
        "### 1. De doelgroep en de voorwaarden",
        "### 2. De behoefte en de motivering",
        "### 3. Voorbehouden woningen per gemeente",
        "### 4. Toeleiding",
        "### 5. Begeleiding en capaciteit",
        "### 6. Zonder kandidaat van de doelgroep",
        "### 7. Evaluatie",
    ] {
        assert!(md.contains(part), "{part} in\n{md}");
    }
    // the figures with their sources, a count and a percentage
    assert!(md.contains("| 563 | kinderen geteld in de dak- en thuislozentelling van 28 oktober 2022 | Visienota toewijzingsmodel Kempen, 2023 |"));
    assert!(md.contains("| 36% | verborgen thuislozen"));
    // only the local group, not the legal one
    assert!(md.contains("## Doelgroepenplan: Gezinnen in kansarmoede"));
    assert!(!md.contains("Doelgroepenplan: Housing First"));
}

/// The reserved dwellings of the document are the compiled plan's, per
/// gemeente, and the ceiling is the checks' one third of the patrimony.
#[test]
fn the_dwellings_are_the_plans_numbers() {
    let a = analysis(GOED);
    let plan = reglement::plan::compile(&a).expect("compiles");
    let md = publish::render(&publish::doelgroepenplan::build(&a), Format::Markdown);
    let rows = &plan.doelgroepen.as_ref().expect("pijler 3").voorbehouden;
    let mut total = 0;
    for r in rows {
        let n = r.per_doelgroep.get("kansarmoede").copied().unwrap_or(0);
        let all: u64 = r.per_doelgroep.values().sum();
        let patrimony = a.model.patrimony(&r.gemeente).expect("patrimony");
        total += n;
        let line = format!(
            "| {} | {n} | {all} | {patrimony} | {} |",
            r.gemeente,
            patrimony / 3
        );
        assert!(md.contains(&line), "{line} in\n{md}");
    }
    assert_eq!(total, 4);
    assert!(md.contains("| **totaal** | **4** |"));
}

#[test]
fn the_html_holds_the_same_plan() {
    let a = analysis(GOED);
    let html = publish::render(&publish::doelgroepenplan::build(&a), Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.contains("Doelgroepenplan"));
    assert!(html.contains("Visienota toewijzingsmodel Kempen, 2023"));
    assert!(html.contains("Kind en Gezin"));
    assert!(!html.contains("<script"));
}

/// The Kempen example marks `kansarmoede` for review but carries no plan:
/// the document is still written from what the group states, and says
/// which parts the reglement does not give.
#[test]
fn the_kempen_group_without_a_plan_block() {
    let md = markdown("examples/kempen.reglement");
    assert!(
        md.contains("## Doelgroepenplan: Gezinnen in kansarmoede"),
        "{md}"
    );
    assert!(md.contains("De behoefte: niet vermeld in het reglement."));
    assert!(md.contains("Cijfers met hun bron: niet vermeld in het reglement."));
    // what the group states is there: its dwellings, referrers, guidance, fallback
    assert!(md.contains("| Turnhout | 2 | 8 | 610 | 203 |"), "{md}");
    assert!(md.contains("- Kind en Gezin\n- OCMW"));
    assert!(md.contains("Begeleidingsovereenkomst: 1 jaar"));
    assert!(md.contains("toegewezen volgens de standaardtoewijzing (pijler 1)."));
    // the legal groups have no plan
    assert!(!md.contains("Doelgroepenplan: Housing First"));
    assert!(!md.contains("Doelgroepenplan: Doorstromers"));
}

/// R0108 itself says when the doelgroepenplan is missing: without a
/// `doelgroepenplan` block it names the block, the parts the plan needs,
/// the ones the reglement does not state yet and `publiceer --document
/// doelgroepenplan`; with a block (R0290-fout) it is the plain review
/// warning and R0290 names the missing parts. The severity stays a warning.
#[test]
fn r0108_says_when_the_plan_is_missing() {
    use reglement::diagnostic::Severity;
    let kempen = analysis("examples/kempen.reglement");
    let d = kempen
        .diagnostics
        .iter()
        .find(|d| d.code == "R0108")
        .expect("R0108 for kansarmoede");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("'kansarmoede'"), "{}", d.message);
    assert!(
        d.message.contains("bevat geen doelgroepenplan"),
        "{}",
        d.message
    );
    let help = &d.help;
    assert!(help.contains("'doelgroepenplan { … }'"), "{help}");
    assert!(
        help.contains("reglement publiceer --document doelgroepenplan"),
        "{help}"
    );
    // kansarmoede states its dwellings, referrers, guidance and fallback;
    // the need, the figures and an evaluation of pijler 3 are not there
    assert!(
        help.contains("met de behoefte en cijfers met hun bron"),
        "{help}"
    );
    assert!(help.contains("nog niet vermeld: de evaluatie"), "{help}");
    assert!(!kempen.diagnostics.iter().any(|d| d.code == "R0290"));

    let fout = reglement::analyze_file(Path::new(FOUT)).expect("readable");
    let d = fout
        .diagnostics
        .iter()
        .find(|d| d.code == "R0108")
        .expect("R0108 for the group with a started plan");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        !d.message.contains("bevat geen doelgroepenplan"),
        "{}",
        d.message
    );
    assert!(fout.diagnostics.iter().any(|d| d.code == "R0290"));
}

#[test]
fn through_the_binary() {
    let out = reglement(&["publiceer", GOED, "--document", "doelgroepenplan"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), markdown(GOED));
    assert!(!stderr(&out).contains("R0290"), "{}", stderr(&out));

    // an incomplete plan is published, with what it lacks on stderr
    let out = reglement(&["publiceer", FOUT, "--document", "doelgroepenplan"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("waarschuwing[R0290]: Het doelgroepenplan van de lokale doelgroep 'housing-first' gaat naar de minister, maar mist cijfers met hun bron, de voorwaarden, de verwijzers, wat er zonder kandidaat gebeurt en de evaluatie."),
        "{err}"
    );
    assert!(stdout(&out).contains("### 4. Toeleiding\n\nNiet vermeld in het reglement."));

    // both formats into a folder, named after the plan
    let dir = temp_dir("doelgroepenplan");
    let d = dir.to_string_lossy().into_owned();
    let out = reglement(&[
        "publiceer",
        GOED,
        "--document",
        "doelgroepenplan",
        "--uitvoer",
        &d,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.join("R0290-goed-doelgroepenplan.md")).expect("md");
    assert_eq!(md, markdown(GOED));
    assert!(dir.join("R0290-goed-doelgroepenplan.html").is_file());

    // a reglement without a local group under review has no plan to publish
    let out = reglement(&[
        "publiceer",
        "examples/ijzer-en-zee-middelkerke.reglement",
        "--document",
        "doelgroepenplan",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .contains("heeft geen lokale doelgroep met doelgroepenplan en ministeriële toetsing"),
        "{}",
        stderr(&out)
    );
}
