//! The sociaal verslag route of pijler 2 (issue 15, item 3): a candidate in
//! bijzondere omstandigheden van sociale aard gets no points ("enkel via een
//! gemotiveerd sociaal verslag, goedgekeurd door de woonmaatschappij");
//! with an approved report he is admitted and placed as the reglement says
//! (`sociaal verslag: vooraan`), without one he is excluded with the reason.

mod common;
use common::cli::{reglement, stdout, temp_dir};
use common::*;
use reglement::engine::{self, Candidate, Pillar, Status, Vastgelegd};
use reglement::syntax::ast::Household;

const KEMPEN: &str = "examples/kempen.reglement";

/// A pijler-2 candidate of the Kempen frame in Turnhout.
fn candidate(dossier: &str, reg: &str, woonnood: &str) -> Candidate {
    let mut c = cand(
        dossier,
        reg,
        Household::Gezin,
        2,
        3,
        Some("1600.00"),
        Some(woonnood),
        Some("gemeente"),
    );
    c.voorkeur = vec!["Turnhout".into()];
    c
}

/// Dossier, status, rank and reason, in output order.
fn ranking(
    plan: &reglement::plan::Plan,
    cs: &[Candidate],
) -> Vec<(String, Status, Option<String>)> {
    let r =
        engine::rank(plan, cs, &list("2024-06-30", Pillar::Versneld, "Turnhout")).expect("ranks");
    r.rijen
        .iter()
        .map(|x| {
            (
                x.dossier.clone().unwrap_or_default(),
                x.status,
                x.reden.clone(),
            )
        })
        .collect()
}

fn candidates() -> Vec<Candidate> {
    // 46 points: opvang 20, inkomen 20, begeleiding 5, kinderlast 1
    let urgent = candidate("K-1", "2018-01-01", "opvang");
    let mut approved = candidate("V-1", "2021-01-01", "bijzonder");
    approved.sociaal_verslag = Some(Vastgelegd::Op(d("2024-03-01")));
    let mut none = candidate("V-2", "2019-01-01", "bijzonder");
    none.sociaal_verslag = None;
    let mut later = candidate("V-3", "2019-01-01", "bijzonder");
    later.sociaal_verslag = Some(Vastgelegd::Op(d("2024-09-01")));
    // no income, no attest, no children: no points at all, and an earlier registration
    let mut poor = cand(
        "V-4",
        "2020-01-01",
        Household::Alleenstaande,
        1,
        0,
        None,
        Some("bijzonder"),
        None,
    );
    poor.voorkeur = vec!["Turnhout".into()];
    poor.sociaal_verslag = Some(Vastgelegd::Ja);
    vec![urgent, approved, none, later, poor]
}

fn plan_with(replace: &str, by: &str, name: &str) -> reglement::plan::Plan {
    let text = std::fs::read_to_string(KEMPEN).expect("example");
    assert!(text.contains(replace), "{replace}");
    let dir = temp_dir(name);
    std::fs::copy(
        "examples/kempen-regio.reglement",
        dir.join("kempen-regio.reglement"),
    )
    .expect("copy");
    let path = dir.join("kempen.reglement");
    std::fs::write(&path, text.replace(replace, by)).expect("write");
    let a = reglement::analyze_file(&path).expect("readable");
    reglement::plan::compile(&a).expect("compiles")
}

#[test]
fn an_approved_report_admits_and_places_the_candidate_first() {
    let plan = kempen();
    let v = plan.versneld.as_ref().expect("pijler 2");
    assert_eq!(
        v.sociaal_verslag.as_ref().map(|s| s.plaats),
        Some(reglement::plan::VerslagPlaats::Vooraan)
    );
    let rows = ranking(&plan, &candidates());
    let order: Vec<(&str, Status)> = rows.iter().map(|(d, s, _)| (d.as_str(), *s)).collect();
    assert_eq!(
        order,
        vec![
            // the reports first, among themselves by registration date
            ("V-4", Status::Gerangschikt),
            ("V-1", Status::Gerangschikt),
            ("K-1", Status::Gerangschikt),
            // excluded, in dossier order
            ("V-2", Status::Uitgesloten),
            ("V-3", Status::Uitgesloten),
        ]
    );
    let reason = |d: &str| {
        rows.iter()
            .find(|r| r.0 == d)
            .and_then(|r| r.2.clone())
            .unwrap_or_default()
    };
    assert!(
        reason("V-1").starts_with("toegelaten met een goedgekeurd sociaal verslag: vooraan"),
        "{}",
        reason("V-1")
    );
    assert_eq!(reason("K-1"), "");
    assert!(reason("V-2").contains("er is geen goedgekeurd sociaal verslag vastgelegd op de peildatum (kolom sociaal_verslag)"), "{}", reason("V-2"));
    assert!(
        reason("V-3").contains("sociaal verslag"),
        "{}",
        reason("V-3")
    );
}

#[test]
fn achteraan_places_the_reports_after_the_candidates_with_points() {
    let plan = plan_with(
        "sociaal verslag: vooraan",
        "sociaal verslag: achteraan",
        "verslag-achteraan",
    );
    let order: Vec<String> = ranking(&plan, &candidates())
        .into_iter()
        .filter(|r| r.1 == Status::Gerangschikt)
        .map(|r| r.0)
        .collect();
    assert_eq!(order, vec!["K-1", "V-4", "V-1"]);
}

#[test]
fn without_the_statement_a_report_changes_nothing() {
    let plan = plan_with("    sociaal verslag: vooraan\n", "", "verslag-zonder");
    assert!(plan
        .versneld
        .as_ref()
        .expect("pijler 2")
        .sociaal_verslag
        .is_none());
    let rows = ranking(&plan, &candidates());
    let ranked: Vec<&str> = rows
        .iter()
        .filter(|r| r.1 == Status::Gerangschikt)
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(ranked, vec!["K-1"]);
    let v1 = rows.iter().find(|r| r.0 == "V-1").expect("V-1");
    assert!(
        v1.2.as_deref()
            .unwrap_or("")
            .contains("wordt niet gescoord: enkel via een gemotiveerd sociaal verslag"),
        "{v1:?}"
    );
}

const CSV: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,voorkeur,sociaal_verslag
K-1,2018-01-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,
V-1,2021-01-01,gezin,2,3,1600.00,bijzonder,gemeente,Turnhout,2024-03-01
V-2,2019-01-01,gezin,2,3,1600.00,bijzonder,gemeente,Turnhout,nee
V-3,2019-01-01,gezin,2,3,1600.00,bijzonder,gemeente,Turnhout,2024-09-01
";

fn run(cmd: &str, extra: &[&str]) -> String {
    let path = temp_dir(&format!("verslag-{cmd}-{}", extra.join("-"))).join("kandidaten.csv");
    std::fs::write(&path, CSV).expect("write");
    let mut args = vec![
        cmd,
        KEMPEN,
        "--kandidaten",
        path.to_str().expect("utf-8"),
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
    ];
    args.extend_from_slice(extra);
    stdout(&reglement(&args))
}

#[test]
fn rangschik_and_verklaar_show_the_route() {
    let out = run("rangschik", &[]);
    assert!(
        out.contains("gelezen 4 = gerangschikt 2 + uitgesloten 2 + geweigerd 0"),
        "{out}"
    );
    insta::assert_snapshot!("sociaal_verslag_rangschik", out);
    let admitted = run("verklaar", &["--dossier", "V-1"]);
    assert!(
        admitted.contains("een goedgekeurd sociaal verslag is vastgelegd sinds 2024-03-01: toegelaten tot de versnelde toewijzing, vooraan"),
        "{admitted}"
    );
    assert!(admitted.contains("de drempel geldt niet"), "{admitted}");
    insta::assert_snapshot!("sociaal_verslag_verklaar_toegelaten", admitted);
    let skipped = run("verklaar", &["--dossier", "V-2"]);
    assert!(
        skipped.contains("geen goedgekeurd sociaal verslag"),
        "{skipped}"
    );
    insta::assert_snapshot!("sociaal_verslag_verklaar_uitgesloten", skipped);
    let later = run("verklaar", &["--dossier", "V-3"]);
    assert!(
        later.contains("goedgekeurd vanaf 2024-09-01, na de peildatum"),
        "{later}"
    );
}
