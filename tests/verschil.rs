//! `reglement verschil`: the change between two versions in the reglement's
//! own terms, computed on the compiled plans. Each variant is the Kempen
//! example with one edit, made in memory.

use reglement::{analyze, plan, MemoryLoader};

const MAIN: &str = include_str!("../examples/kempen.reglement");
const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

fn compile(main: &str, regio: &str) -> plan::Plan {
    let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
    let a = analyze("kempen.reglement", main, &loader);
    plan::compile(&a).unwrap_or_else(|e| panic!("{e}: {:#?}", a.diagnostics))
}

/// `text` with `from` replaced once; the edit must apply.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the example no longer holds {from:?}");
    text.replacen(from, to, 1)
}

fn report(old: &plan::Plan, new: &plan::Plan) -> String {
    let changes = reglement::diff::diff(old, new);
    // the hashes name the versions; they change with every edit of the examples
    let lines: Vec<String> = changes.iter().map(|c| format!("- {}", c.line())).collect();
    lines.join("\n")
}

#[test]
fn a_changed_point_value_and_ceiling() {
    let old = compile(MAIN, REGIO);
    let regio = edit(
        REGIO,
        "alleenstaande categorie 1: maximaal 1.379,13 euro: 20 punten",
        "alleenstaande categorie 1: maximaal 1.401,20 euro: 20 punten",
    );
    let regio = edit(
        &regio,
        "verblijf in nachtopvang\": 15 punten",
        "verblijf in nachtopvang\": 18 punten",
    );
    let new = compile(MAIN, &regio);
    let text = report(&old, &new);
    assert!(
        text.contains(
            "pijler 2, criterium inkomen, alleenstaande categorie 1: plafond 1.379,13 € → 1.401,20 €"
        ),
        "{text}"
    );
    insta::assert_snapshot!("point_value", text);
}

#[test]
fn an_added_target_group() {
    let old = compile(MAIN, REGIO);
    let main = format!(
        "{MAIN}\ngemeente Turnhout artikel 7 \"Eigen regels van Turnhout\" {{\n    document toewijzingsreglement\n    doelgroep ouderen-turnhout \"Ouderen in Turnhout\" {{\n        wettelijke doelgroep ouderen\n        begeleidingsovereenkomst 1 jaar\n        verwijzers \"OCMW Turnhout\"\n        motivering \"Turnhout heeft veel aangepaste woningen.\"\n    }}\n    gemeenteraad 2024-03-18\n    motivering \"Voorrang voor ouderen in de aangepaste woningen.\"\n}}\n"
    );
    let new = compile(&main, REGIO);
    let text = report(&old, &new);
    assert!(
        text.contains("pijler 3: doelgroep ouderen-turnhout toegevoegd"),
        "{text}"
    );
    insta::assert_snapshot!("added_target_group", text);
}

#[test]
fn a_stricter_woonbinding() {
    let old = compile(MAIN, REGIO);
    let main = format!(
        "{MAIN}\ngemeente Beerse artikel 7 \"Eigen regels van Beerse\" {{\n    document toewijzingsreglement\n    strengere woonbinding: 6 jaar ononderbroken in de laatste 10 jaar\n    gemeenteraad 2024-03-18\n    motivering \"Een grote lokale vraag.\"\n}}\n"
    );
    let new = compile(&main, REGIO);
    let text = report(&old, &new);
    assert!(
        text.contains("gemeente Beerse: strengere woonbinding toegevoegd (6 jaar ononderbroken in de laatste 10 jaar)"),
        "{text}"
    );
    insta::assert_snapshot!("stricter_woonbinding", text);
}

#[test]
fn text_that_does_not_change_the_plan_is_no_difference() {
    let old = compile(MAIN, REGIO);
    // a comment, blank lines and a different layout
    let main = edit(
        MAIN,
        "standaardtoewijzing artikel 2",
        "# een opmerking\n\n\nstandaardtoewijzing   artikel 2",
    );
    let new = compile(&main, REGIO);
    assert!(reglement::diff::diff(&old, &new).is_empty());
    assert_ne!(old.reglement.bron_hash, new.reglement.bron_hash);
}

#[test]
fn the_command_compares_a_reglement_with_a_plan() {
    let dir = std::env::temp_dir().join(format!("verschil-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let plan_path = dir.join("kempen.json");
    std::fs::write(&plan_path, plan::to_json(&compile(MAIN, REGIO))).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_reglement"))
        .args(["diff", "examples/kempen.reglement"])
        .arg(&plan_path)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("Geen inhoudelijke verschillen."));
    let _ = std::fs::remove_dir_all(&dir);
}
