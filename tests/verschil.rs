//! `reglement verschil`: the change between two versions in the reglement's
//! own terms, computed on the compiled plans. Each variant is the Kempen
//! example with one edit, made in memory.

use reglement::engine::{self, Pillar, Request, Target};
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

/// A generated candidate set (seeded, so the same every run), read by the engine.
fn candidates(plan: &plan::Plan, n: usize) -> engine::Batch {
    let peildatum = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).expect("date");
    let profile = engine::generate::Profile::from_plan(plan, peildatum);
    let mut csv = Vec::new();
    engine::generate::write_csv(&profile, n, 2024, &mut csv).expect("in memory");
    engine::read::read_csv(&csv, "gegenereerd.csv").expect("generated file reads")
}

/// The change and its impact on a ranking of a generated candidate set.
fn report_with_impact(
    old: &plan::Plan,
    new: &plan::Plan,
    pijler: Pillar,
    gemeente: &str,
) -> String {
    let batch = candidates(old, 2000);
    let request = Request {
        peildatum: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"),
        target: Target::Lijst {
            pijler,
            gemeente: gemeente.to_string(),
            doelgroep: None,
        },
        verklaringen: false,
    };
    let impact = reglement::impact::impact(old, new, &batch, &request).expect("both rank");
    format!(
        "{}\n{}",
        report(old, new),
        reglement::impact::render_text(&request, &impact)
    )
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
        "alleenstaande categorie 1: maximaal 1.379,13 euro (leefloon + 165 euro): 20 punten",
        "alleenstaande categorie 1: maximaal 1.401,20 euro (leefloon + 187,07 euro): 20 punten",
    );
    let regio = edit(
        &regio,
        "verblijf in nachtopvang\": 15 punten",
        "verblijf in nachtopvang\": 18 punten",
    );
    let new = compile(MAIN, &regio);
    let text = report_with_impact(&old, &new, Pillar::Versneld, "Turnhout");
    assert!(
        text.contains(
            "pijler 2, criterium inkomen, alleenstaande categorie 1: plafond 1.379,13 € → 1.401,20 €"
        ),
        "{text}"
    );
    // 'geen opvang' now scores 18 instead of 15: those candidates move up
    assert!(text.contains("Stijgen:"), "{text}");
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
fn an_added_pillar2_target_group_lets_candidates_enter() {
    // the old version has no pillar-2 group for mental health problems
    let group = "    doelgroep ggz \"Personen met een geestelijk gezondheidsprobleem\" {\n        wettelijke groep geestelijke-gezondheid\n        situaties: ggz\n        voorwaarde \"zelfstandig wonen of gaan wonen met een geestelijk gezondheidsprobleem\"\n        motivering \"Wettelijke doelgroep van pijler 2.\"\n    }\n";
    // the pillar-2 groups are the regional frame's (kempen-regio.reglement, art. 3.6)
    let without = edit(REGIO, group, "");
    let old = compile(MAIN, &without);
    let new = compile(MAIN, REGIO);
    let text = report_with_impact(&old, &new, Pillar::Versneld, "Turnhout");
    assert!(
        text.contains("pijler 2: doelgroep ggz toegevoegd"),
        "{text}"
    );
    assert!(text.contains("Komen erbij:"), "{text}");
    insta::assert_snapshot!("added_pillar2_target_group", text);
}

#[test]
fn a_stricter_woonbinding() {
    let old = compile(MAIN, REGIO);
    let main = format!(
        "{MAIN}\ngemeente Beerse artikel 7 \"Eigen regels van Beerse\" {{\n    document toewijzingsreglement\n    strengere woonbinding: 6 jaar ononderbroken in de laatste 10 jaar\n    gemeenteraad 2024-03-18\n    motivering \"Een grote lokale vraag.\"\n}}\n"
    );
    let new = compile(&main, REGIO);
    let text = report_with_impact(&old, &new, Pillar::Standaard, "Beerse");
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
    // the hash names the meaning, not the layout: a comment and spaces keep it
    assert_eq!(old.reglement.bron_hash, new.reglement.bron_hash);
    // a word that changes does change it
    let other = compile(&edit(MAIN, "versie \"2024.1\"", "versie \"2024.2\""), REGIO);
    assert_ne!(old.reglement.bron_hash, other.reglement.bron_hash);
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

#[test]
fn the_command_shows_the_ranking_impact() {
    let dir = std::env::temp_dir().join(format!("verschil-impact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let kandidaten = dir.join("kandidaten.csv");
    let bin = env!("CARGO_BIN_EXE_reglement");
    let o = std::process::Command::new(bin)
        .args(["genereer", "--aantal", "300", "--uitvoer"])
        .arg(&kandidaten)
        .arg("examples/kempen.reglement")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = std::process::Command::new(bin)
        .args([
            "verschil",
            "examples/kempen.reglement",
            "examples/kempen.reglement",
            "--peildatum",
            "2024-06-01",
            "--kandidaten",
        ])
        .arg(&kandidaten)
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("Geen inhoudelijke verschillen."), "{out}");
    assert!(
        out.contains("0 komen erbij, 0 vallen weg, 0 stijgen, 0 dalen, 300 ongewijzigd."),
        "{out}"
    );
    // --kandidaten without --peildatum is a usage error
    let o = std::process::Command::new(bin)
        .args([
            "verschil",
            "examples/kempen.reglement",
            "examples/kempen.reglement",
            "--kandidaten",
        ])
        .arg(&kandidaten)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
