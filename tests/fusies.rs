//! Gemeentefusies (2019 and 2025) in the engine and the compiler: years
//! lived in a former gemeente count for its successor, tier by tier
//! (stricter woonbinding, gemeente, deelwerkingsgebied, mantelzorg); a
//! residence history, voorkeur or mantelzorg may use either name; the
//! explanation says which former gemeente counted; a reglement that names
//! a former gemeente gets R0230 with a fix; `genereer` writes the old
//! names before the merger date.
//!
//! The plan is `tests/fixtures/fusies/limburg.reglement`: Tessenderlo-Ham
//! (stricter woonbinding 6 in 10), Beringen, Leopoldsburg, Heusden-Zolder,
//! Hasselt, Pelt, Lommel, Bilzen-Hoeselt; deelwerkingsgebied Noord = Pelt,
//! Lommel, Leopoldsburg; tiers: strengere woonbinding, woonbinding gemeente
//! 5 in 10, woonbinding Noord 5 in 10, mantelzorg, inschrijvingsdatum.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};
use common::*;
use reglement::engine::{self, Candidate, Pillar, Status};
use reglement::plan::{self, Plan};
use reglement::syntax::ast::Household::Gezin;
use std::path::Path;

const LIMBURG: &str = "tests/fixtures/fusies/limburg.reglement";

fn compiled(path: &str) -> Plan {
    let a = reglement::analyze_file(Path::new(path)).expect("readable fixture");
    plan::compile(&a).expect("the fixture compiles")
}

fn limburg() -> Plan {
    compiled(LIMBURG)
}

fn mk(dossier: &str, hist: &str) -> Candidate {
    let mut c = cand(dossier, "2020-01-15", Gezin, 2, 1, None, None, None);
    c.woonhistoriek = history(hist);
    c
}

/// The woonbinding tier each candidate reaches on the list of `gemeente`.
fn tiers(plan: &Plan, peildatum: &str, gemeente: &str, cs: &[Candidate]) -> Vec<(String, String)> {
    let mut req = list(peildatum, Pillar::Standaard, gemeente);
    req.verklaringen = true;
    let r = engine::rank(plan, cs, &req).expect("ranks");
    let mut out: Vec<(String, String)> = cs
        .iter()
        .map(|c| {
            let row = row(&r, &c.dossier);
            assert_eq!(row.status, Status::Gerangschikt, "{:?}", row.reden);
            (
                c.dossier.clone(),
                row.woonbinding.clone().unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

fn tier_of(plan: &Plan, peildatum: &str, gemeente: &str, c: Candidate) -> String {
    tiers(plan, peildatum, gemeente, &[c]).remove(0).1
}

#[test]
fn a_ham_resident_2016_2024_has_woonbinding_in_tessenderlo_ham() {
    let plan = limburg();
    // window of the last 10 years on 2025-06-30: 2015-07-01 ..= 2025-06-30
    let cases = [
        // nine years in Ham, then moved away: 6 in 10 (the stricter rule) holds
        (
            "H-1",
            "Ham@2016-01-01..2024-12-31;Antwerpen@2025-01-01..",
            "strengere-woonbinding",
        ),
        // Ham 2019-03-01 ..= 2024-12-31, then elsewhere: 5 years 10 months,
        // so 5 of the last 10 (not 6)
        (
            "H-2",
            "Ham@2019-03-01..2024-12-31;Genk@2025-01-01..",
            "woonbinding-gemeente",
        ),
        // the register already writes the new name for the old years
        (
            "H-3",
            "Tessenderlo-Ham@2016-01-01..",
            "strengere-woonbinding",
        ),
        // old name until the merger, new name after: one uninterrupted run
        // (2020-06-01 ..= 2025-06-30: five years and a month)
        (
            "H-4",
            "Ham@2020-06-01..2024-12-31;Tessenderlo-Ham@2025-01-01..",
            "woonbinding-gemeente",
        ),
        // the other part of the merger counts the same; any case
        ("H-5", "tessenderlo@2015-01-01..", "strengere-woonbinding"),
        // a gap of one day interrupts, across the two names as within one
        (
            "H-6",
            "Ham@2020-06-01..2024-12-30;Tessenderlo-Ham@2025-01-01..",
            "geen",
        ),
        // elsewhere only
        ("H-7", "Antwerpen@2010-01-01..", "geen"),
    ];
    let cs: Vec<Candidate> = cases.iter().map(|(d, h, _)| mk(d, h)).collect();
    let got = tiers(&plan, "2025-06-30", "Tessenderlo-Ham", &cs);
    let want: Vec<(String, String)> = cases
        .iter()
        .map(|(d, _, t)| (d.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want);
    // the list may be asked by the former name too: it is Tessenderlo-Ham
    assert_eq!(
        tier_of(&plan, "2025-06-30", "Ham", mk("H-1", cases[0].1)),
        "strengere-woonbinding"
    );
}

#[test]
fn a_2019_merger_neerpelt_counts_for_pelt() {
    let plan = limburg();
    // Neerpelt until the merger, Pelt after: 5 of the last 10 in Pelt
    assert_eq!(
        tier_of(
            &plan,
            "2023-06-30",
            "Pelt",
            mk(
                "N-1",
                "Neerpelt@2014-01-01..2018-12-31;Pelt@2019-01-01..2019-12-31"
            )
        ),
        "woonbinding-gemeente"
    );
    // Overpelt alone, in the old name to this day
    assert_eq!(
        tier_of(
            &plan,
            "2025-06-30",
            "Pelt",
            mk("N-2", "Overpelt@2012-05-01..")
        ),
        "woonbinding-gemeente"
    );
    // the deelwerkingsgebied tier: Neerpelt (now Pelt) then Lommel, both in Noord
    assert_eq!(
        tier_of(
            &plan,
            "2025-06-30",
            "Lommel",
            mk("N-3", "Neerpelt@2014-01-01..2018-12-31;Lommel@2019-01-01..2021-12-31;Antwerpen@2022-01-01..")
        ),
        "woonbinding-deelwerkingsgebied"
    );
}

#[test]
fn a_history_across_both_waves() {
    let plan = limburg();
    // Overpelt (2019 → Pelt), Pelt, Leopoldsburg: Noord without a gap for
    // the whole window 2016-07-01 ..= 2026-06-30, which holds both merger dates
    let c = mk(
        "B-1",
        "Overpelt@2016-01-01..2018-12-31;Pelt@2019-01-01..2022-12-31;Leopoldsburg@2023-01-01..",
    );
    assert_eq!(
        tier_of(&plan, "2026-06-30", "Leopoldsburg", c.clone()),
        "woonbinding-deelwerkingsgebied"
    );
    // the same history with Ham (2025 → Tessenderlo-Ham) at the end:
    // Ham 2021-07-01 ..= 2024-12-31 and Tessenderlo-Ham since: exactly 5 years
    let c = mk(
        "B-2",
        "Neerpelt@2013-01-01..2018-12-31;Pelt@2019-01-01..2021-06-30;Ham@2021-07-01..2024-12-31;Tessenderlo-Ham@2025-01-01..",
    );
    assert_eq!(
        tier_of(&plan, "2026-06-30", "Tessenderlo-Ham", c.clone()),
        "woonbinding-gemeente"
    );
    // a day earlier it is not yet five years
    assert_eq!(
        tier_of(&plan, "2026-06-29", "Tessenderlo-Ham", c.clone()),
        "geen"
    );
    // and for Pelt the old years count too: Neerpelt + Pelt 2016-07-01 ..= 2021-06-30
    assert_eq!(
        tier_of(&plan, "2026-06-30", "Pelt", c),
        "woonbinding-gemeente"
    );
}

#[test]
fn mantelzorg_and_voorkeur_may_use_the_former_name() {
    let plan = limburg();
    let mut c = mk("M-1", "Antwerpen@2010-01-01..");
    c.mantelzorg = vec!["Ham".into()];
    c.voorkeur = vec!["Ham".into(), "Geel".into()];
    assert_eq!(
        tier_of(&plan, "2025-06-30", "Tessenderlo-Ham", c.clone()),
        "mantelzorg"
    );
    // before the merger Ham is another gemeente than Tessenderlo-Ham (which
    // the 2025 plan names): no mantelzorg there, and the voorkeur (Ham,
    // Geel) has no gemeente of the werkingsgebied yet
    let r = engine::rank(
        &plan,
        &[c],
        &list("2024-06-30", Pillar::Standaard, "Beringen"),
    )
    .expect("ranks");
    assert_eq!(row(&r, "M-1").status, Status::Uitgesloten);
    assert_eq!(
        row(&r, "M-1").reden.as_deref(),
        Some("voorkeur: geen gemeente van het werkingsgebied")
    );
}

/// The explanation of a candidate on a list, as text.
fn explain(plan: &Plan, peildatum: &str, gemeente: &str, c: Candidate) -> String {
    let mut req = list(peildatum, Pillar::Standaard, gemeente);
    req.verklaringen = true;
    let dossier = c.dossier.clone();
    let r = engine::rank(plan, &[c], &req).expect("ranks");
    row(&r, &dossier)
        .verklaring
        .as_ref()
        .expect("trace")
        .render()
}

#[test]
fn verklaar_says_which_former_gemeente_counted() {
    let plan = limburg();
    let mut c = mk(
        "V-1",
        "Ham@2016-01-01..2024-12-31;Tessenderlo-Ham@2025-01-01..;Nederland@2010-01-01..2015-12-31",
    );
    c.voorkeur = vec!["Ham".into(), "Pelt".into()];
    let text = explain(&plan, "2025-06-30", "Tessenderlo-Ham", c);
    assert!(
        text.contains("Ham (tot 2024-12-31, nu Tessenderlo-Ham) telt mee als Tessenderlo-Ham"),
        "{text}"
    );
    insta::assert_snapshot!("verklaar_tessenderlo_ham", text);

    // tier by tier: the gemeente tier of Pelt and the Noord tier of Lommel
    let c = mk(
        "V-2",
        "Neerpelt@2014-01-01..2018-12-31;Lommel@2019-01-01..2021-12-31;Antwerpen@2022-01-01..",
    );
    insta::assert_snapshot!(
        "verklaar_noord_neerpelt",
        explain(&plan, "2025-06-30", "Lommel", c)
    );
    let mut c = mk("V-3", "Beringen@2001-01-01..");
    c.mantelzorg = vec!["Borgloon".into(), "Ham".into()];
    c.voorkeur = vec!["Tessenderloo".into()];
    let mut req = list("2025-06-30", Pillar::Standaard, "Tessenderlo-Ham");
    req.verklaringen = true;
    let r = engine::rank(&plan, &[c.clone()], &req).expect("ranks");
    // a misspelt voorkeur is an input error, with the suggestion
    assert_eq!(row(&r, "V-3").status, Status::Geweigerd);
    assert!(
        row(&r, "V-3")
            .reden
            .as_deref()
            .is_some_and(|t| t.contains("'voorkeur' noemt 'Tessenderloo', dat geen Vlaamse gemeente is (ook geen voormalige); bedoelt u 'Tessenderlo'?")),
        "{:?}",
        row(&r, "V-3").reden
    );
    c.voorkeur.clear();
    insta::assert_snapshot!(
        "verklaar_mantelzorg_ham",
        explain(&plan, "2025-06-30", "Tessenderlo-Ham", c)
    );
    // a merged gemeente named for years before it existed counts for no
    // part: a reglement of 2024 that names Tessenderlo and Ham
    let plan2024 = compiled("tests/fixtures/checks/R0231-fout.reglement");
    let c = mk("V-4", "Tessenderlo-Ham@2012-01-01..");
    let text = explain(&plan2024, "2024-06-30", "Ham", c);
    assert!(text.contains("geen voorrangsgroep"), "{text}");
    assert!(
        text.contains(
            "Tessenderlo-Ham bestaat pas vanaf 2025-01-01 (fusie van Ham en Tessenderlo)"
        ),
        "{text}"
    );
}

#[test]
fn verklaar_through_the_binary() {
    let dir = temp_dir("verklaar");
    let file = dir.join("kandidaten.csv");
    std::fs::write(
        &file,
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek\n\
         K-1,2019-04-01,gezin,2,1,1800.00,,,,,Tessenderlo-Ham;Geel,Ham@2016-01-01..2024-12-31;Tessenderlo-Ham@2025-01-01..\n\
         K-2,2018-04-01,gezin,2,1,1800.00,,,,,Geel;Mol,Geel@2010-01-01..\n\
         K-3,2018-04-01,gezin,2,1,1800.00,,,,,Tesenderlo-Ham,Ham@2010-01-01..\n",
    )
    .expect("write");
    let f = file.to_str().expect("path");
    let o = reglement(&[
        "verklaar",
        LIMBURG,
        "--kandidaten",
        f,
        "--peildatum",
        "2025-06-30",
        "--pijler",
        "standaard",
        "--gemeente",
        "Tessenderlo-Ham",
        "--dossier",
        "K-1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("cli_verklaar_tessenderlo_ham", stdout(&o));
    let o = reglement(&[
        "rangschik",
        LIMBURG,
        "--kandidaten",
        f,
        "--peildatum",
        "2025-06-30",
        "--pijler",
        "standaard",
        "--gemeente",
        "Tessenderlo-Ham",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // K-2 chose gemeenten of another woonmaatschappij only: excluded, not rejected;
    // K-3 misspelt its voorkeur: rejected with file, line, column and a suggestion
    assert!(
        out.contains("voorkeur: geen gemeente van het werkingsgebied"),
        "{out}"
    );
    assert!(
        out.contains(
            "regel 4, kolom 11 (voorkeur), dossier K-3: 'voorkeur' noemt 'Tesenderlo-Ham'"
        ) && out.contains("bedoelt u 'Tessenderlo-Ham'?"),
        "{out}"
    );
    assert!(
        out.contains("gelezen 3 = gerangschikt 1 + uitgesloten 1 + geweigerd 1"),
        "{out}"
    );
}

/// The Limburg fixture with the Tessenderlo-Ham row renamed to `row`: the
/// R0230 diagnostic's message and the text it points at, and the
/// diagnostics and text after the editor's quick fix.
fn former_name_fixed(
    row: &str,
) -> (
    String,
    String,
    Vec<reglement::diagnostic::Diagnostic>,
    String,
) {
    let text = std::fs::read_to_string(LIMBURG)
        .expect("fixture")
        .replace("gemeente Tessenderlo-Ham woningen", row);
    let analyze =
        |t: &str| reglement::analyze("limburg.reglement", t, &reglement::MemoryLoader::default());
    let a = analyze(&text);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "R0230")
        .expect("R0230");
    let at = text[d.primary.span.start..d.primary.span.end].to_string();
    // the editor's quick fix: the "Bedoelt u" suggestion
    let fix = &reglement::ide::fixes::fixes(&a, d)[0];
    let e = &fix.edits[0];
    let fixed = format!("{}{}{}", &text[..e.span.start], e.text, &text[e.span.end..]);
    (d.message.clone(), at, analyze(&fixed).diagnostics, fixed)
}

#[test]
fn a_reglement_naming_a_former_gemeente_gets_r0230_and_a_fix() {
    let (message, at, after, _) = former_name_fixed("gemeente Ham             woningen");
    assert_eq!(at, "Ham");
    assert!(
        message.contains("Bedoelt u 'Tessenderlo-Ham'?"),
        "{message}"
    );
    assert!(after.iter().all(|d| d.code != "R0230"), "{after:?}");
    // a name with a space: the fix writes it between quotes
    let (message, _, after, fixed) = former_name_fixed("gemeente Nazareth woningen");
    assert!(
        message.contains(
            "samen met De Pinte op in Nazareth-De Pinte. Bedoelt u '\"Nazareth-De Pinte\"'?"
        ),
        "{message}"
    );
    assert!(fixed.contains("gemeente \"Nazareth-De Pinte\" woningen"));
    assert!(
        after.iter().all(|d| d.code != "R0230" && d.code != "R0001"),
        "{after:?}"
    );
}

#[test]
fn merged_names_work_in_the_language_and_the_candidate_files() {
    // every merged name of 2019 and 2025 as a gemeente of the werkingsgebied
    // (quoted where it has a space), ranked by name in a candidates file
    let names = [
        "Tessenderlo-Ham",
        "Bilzen-Hoeselt",
        "Beveren-Kruibeke-Zwijndrecht",
        "Merelbeke-Melle",
        "Nazareth-De Pinte",
        "Tongeren-Borgloon",
        "Pajottegem",
        "Puurs-Sint-Amands",
        "Lievegem",
        "Oudsbergen",
    ];
    let rows: String = names
        .iter()
        .map(|n| {
            let w = if n.contains(' ') {
                format!("\"{n}\"")
            } else {
                n.to_string()
            };
            format!("    gemeente {w} woningen 100\n")
        })
        .collect();
    let text = std::fs::read_to_string(LIMBURG).expect("fixture");
    let start = text
        .find("werkingsgebied \"Limburg-West\" {")
        .expect("werkingsgebied");
    let end = start + text[start..].find("\n}\n").expect("end");
    let text = format!(
        "{}werkingsgebied \"Overal\" {{\n{rows}    deelwerkingsgebied Noord: \"Nazareth-De Pinte\", Lievegem, Oudsbergen\n    totaal woningen 1.000\n}}{}",
        &text[..start],
        &text[end + 2..]
    )
    .replace("Pelt         2024-11-18", "\"Nazareth-De Pinte\" 2024-11-18")
    .replace("Lommel       2024-11-25", "Lievegem 2024-11-25")
    .replace("Leopoldsburg 2024-11-21", "Oudsbergen 2024-11-21");
    let a = reglement::analyze(
        "overal.reglement",
        &text,
        &reglement::MemoryLoader::default(),
    );
    let errors: Vec<_> = reglement::diagnostic::errors(&a.diagnostics).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let plan = plan::compile(&a).expect("compiles");
    for n in names {
        let mut c = mk("K-1", &format!("{n}@2020-01-01.."));
        c.voorkeur = vec![n.to_string()];
        c.mantelzorg = vec![n.to_string()];
        assert_eq!(
            tier_of(&plan, "2025-06-30", n, c),
            "woonbinding-gemeente",
            "{n}"
        );
    }
}

#[test]
fn genereer_writes_old_names_before_the_merger() {
    let dir = temp_dir("genereer");
    let out = dir.join("k.csv");
    let o = reglement(&[
        "genereer",
        LIMBURG,
        "--aantal",
        "3000",
        "--zaad",
        "5",
        "--peildatum",
        "2025-06-30",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("generated");
    let mut old = 0;
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "woonhistoriek")
        .expect("woonhistoriek column");
    for line in text.lines().skip(1) {
        let hist = line.split(',').nth(col).unwrap_or("");
        for p in hist.split(';').filter(|p| !p.is_empty()) {
            let (g, dates) = p.split_once('@').expect("@");
            let (van, tot) = dates.split_once("..").expect("..");
            let tot = if tot.is_empty() { "9999-12-31" } else { tot };
            match g {
                // former names only for days before the merger
                "Ham" | "Tessenderlo" | "Bilzen" | "Hoeselt" => {
                    assert!(tot <= "2024-12-31", "{line}");
                    old += 1;
                }
                "Neerpelt" | "Overpelt" => {
                    assert!(tot <= "2018-12-31", "{line}");
                    old += 1;
                }
                // a merged name only from the merger on
                "Tessenderlo-Ham" | "Bilzen-Hoeselt" => assert!(van >= "2025-01-01", "{line}"),
                "Pelt" => assert!(van >= "2019-01-01", "{line}"),
                _ => {}
            }
        }
    }
    assert!(old > 100, "old names written: {old}");
    // and every generated row ranks: no rejections
    let o = reglement(&[
        "rangschik",
        LIMBURG,
        "--kandidaten",
        out.to_str().expect("path"),
        "--peildatum",
        "2025-06-30",
        "--pijler",
        "standaard",
        "--gemeente",
        "Tessenderlo-Ham",
        "--formaat",
        "csv",
        "--strikt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
