//! The rest of the Kempen note executed (issue 15, item 3): the knipperlicht
//! (a pijler-2 candidate allocated only with a begeleidingsovereenkomst),
//! read from the candidates file and explained by `verklaar`.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};
use common::*;
use reglement::engine::{self, Candidate, Pillar, Status, Vastgelegd};
use reglement::simulate;
use reglement::syntax::ast::Household;

const KEMPEN: &str = "examples/kempen.reglement";

/// A pijler-2 candidate of the Kempen frame with 46 points.
fn urgent(dossier: &str, reg: &str) -> Candidate {
    let mut c = cand(
        dossier,
        reg,
        Household::Gezin,
        2,
        3,
        Some("1600.00"),
        Some("opvang"),
        Some("gemeente"),
    );
    c.voorkeur = vec!["Turnhout".into()];
    c
}

fn status_of(plan: &reglement::plan::Plan, cs: &[Candidate], on: &str) -> Vec<(String, Status)> {
    let r = engine::rank(plan, cs, &list(on, Pillar::Versneld, "Turnhout")).expect("ranks");
    let mut v: Vec<_> = r
        .rijen
        .iter()
        .map(|x| (x.dossier.clone().unwrap_or_default(), x.status))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn knipperlicht_is_skipped_without_an_agreement() {
    let plan = kempen();
    let plain = urgent("K-1", "2020-01-01");
    let mut flashing = urgent("K-2", "2019-01-01");
    flashing.knipperlicht = true;
    let mut agreed = urgent("K-3", "2019-06-01");
    agreed.knipperlicht = true;
    agreed.begeleidingsovereenkomst = Some(Vastgelegd::Op(d("2024-03-01")));
    let mut signed_later = urgent("K-4", "2018-01-01");
    signed_later.knipperlicht = true;
    signed_later.begeleidingsovereenkomst = Some(Vastgelegd::Op(d("2024-09-01")));
    let mut agreement_only = urgent("K-5", "2018-06-01");
    agreement_only.begeleidingsovereenkomst = Some(Vastgelegd::Ja);
    let all = [plain, flashing, agreed, signed_later, agreement_only];
    assert_eq!(
        status_of(&plan, &all, "2024-06-30"),
        vec![
            ("K-1".into(), Status::Gerangschikt),
            ("K-2".into(), Status::Uitgesloten),
            ("K-3".into(), Status::Gerangschikt),
            ("K-4".into(), Status::Uitgesloten),
            ("K-5".into(), Status::Gerangschikt),
        ]
    );
    // on the day the agreement is recorded, the candidate is allocated
    let on_day: Vec<_> = status_of(&plan, &all, "2024-09-01")
        .into_iter()
        .filter(|(d, _)| d == "K-4")
        .collect();
    assert_eq!(on_day, vec![("K-4".into(), Status::Gerangschikt)]);
}

#[test]
fn without_the_statement_the_columns_change_nothing() {
    let text = std::fs::read_to_string(KEMPEN)
        .expect("example")
        .replace("    knipperlicht: enkel met begeleidingsovereenkomst\n", "");
    let dir = temp_dir("kempen3-zonder-knipperlicht");
    std::fs::copy(
        "examples/kempen-regio.reglement",
        dir.join("kempen-regio.reglement"),
    )
    .expect("copy");
    let path = dir.join("kempen.reglement");
    std::fs::write(&path, text).expect("write");
    let a = reglement::analyze_file(&path).expect("readable");
    let plan = reglement::plan::compile(&a).expect("compiles");
    assert!(plan
        .versneld
        .as_ref()
        .expect("pijler 2")
        .knipperlicht
        .is_none());
    let mut flashing = urgent("K-2", "2019-01-01");
    flashing.knipperlicht = true;
    assert_eq!(
        status_of(&plan, &[flashing], "2024-06-30"),
        vec![("K-2".into(), Status::Gerangschikt)]
    );
}

const CSV: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,voorkeur,knipperlicht,begeleidingsovereenkomst,sociaal_verslag
K-1,2020-01-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,,,
K-2,2019-01-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,ja,nee,
K-3,2019-06-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,JA,2024-03-01,
K-4,2018-01-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,ja,2024-09-01,
K-5,2018-06-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,nee,ja,nee
K-6,2018-06-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,misschien,,
K-7,2018-06-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,ja,2024-02-30,
K-8,2018-06-01,gezin,2,3,1600.00,opvang,gemeente,Turnhout,,,goedgekeurd
";

fn write_csv(name: &str) -> std::path::PathBuf {
    let path = temp_dir(name).join("kandidaten.csv");
    std::fs::write(&path, CSV).expect("write");
    path
}

/// `reglement CMD KEMPEN --kandidaten FILE --peildatum 2024-06-30` for
/// pijler 2 in Turnhout, then `extra`.
fn versneld(cmd: &str, file: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let file = file.to_str().expect("utf-8");
    let mut args = vec![
        cmd,
        KEMPEN,
        "--kandidaten",
        file,
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
    ];
    args.extend_from_slice(extra);
    reglement(&args)
}

#[test]
fn rangschik_gives_the_reason_and_rejects_bad_values_with_line_and_column() {
    let path = write_csv("kempen3-rangschik");
    let o = versneld("rangschik", &path, &[]);
    let err = stderr(&o);
    let out = stdout(&o);
    assert!(
        out.contains("gelezen 8 = gerangschikt 3 + uitgesloten 2 + geweigerd 3"),
        "{out}"
    );
    insta::assert_snapshot!("knipperlicht_rangschik", out);
    insta::assert_snapshot!(
        "knipperlicht_geweigerd",
        err.replace(path.to_str().unwrap(), "kandidaten.csv")
    );
}

#[test]
fn verklaar_explains_the_knipperlicht() {
    let path = write_csv("kempen3-verklaar");
    let explain = |dossier: &str| stdout(&versneld("verklaar", &path, &["--dossier", dossier]));
    let skipped = explain("K-2");
    assert!(
        skipped.contains("knipperlicht: enkel toe te wijzen met een begeleidingsovereenkomst"),
        "{skipped}"
    );
    insta::assert_snapshot!("knipperlicht_verklaar_uitgesloten", skipped);
    let later = explain("K-4");
    assert!(
        later.contains("vastgelegd vanaf 2024-09-01, na de peildatum"),
        "{later}"
    );
    let agreed = explain("K-3");
    assert!(
        agreed.contains("een begeleidingsovereenkomst is vastgelegd sinds 2024-03-01"),
        "{agreed}"
    );
    insta::assert_snapshot!("knipperlicht_verklaar_toegewezen", agreed);
}

#[test]
fn json_takes_booleans_and_dates() {
    let dir = temp_dir("kempen3-json");
    let path = dir.join("kandidaten.json");
    std::fs::write(
        &path,
        r#"[{"dossier": "K-2", "inschrijvingsdatum": "2019-01-01", "gezinstype": "gezin",
  "volwassenen": 2, "kinderen": 3, "inkomen": "1600.00", "woonnood": "opvang",
  "begeleiding": "gemeente", "voorkeur": ["Turnhout"], "knipperlicht": true,
  "begeleidingsovereenkomst": false},
 {"dossier": "K-3", "inschrijvingsdatum": "2019-06-01", "gezinstype": "gezin",
  "volwassenen": 2, "kinderen": 3, "inkomen": "1600.00", "woonnood": "opvang",
  "begeleiding": "gemeente", "voorkeur": ["Turnhout"], "knipperlicht": true,
  "begeleidingsovereenkomst": "2024-03-01"},
 {"dossier": "K-9", "inschrijvingsdatum": "2019-06-01", "gezinstype": "gezin",
  "volwassenen": 2, "kinderen": 3, "knipperlicht": 1}]"#,
    )
    .expect("write");
    let o = versneld("rangschik", &path, &["--formaat", "csv"]);
    let out = stdout(&o);
    let err = stderr(&o);
    assert!(
        err.contains("gelezen 3 = gerangschikt 1 + uitgesloten 1 + geweigerd 1"),
        "{err}"
    );
    assert!(err.contains("knipperlicht"), "{err}");
    assert!(out.contains("1,K-3,versneld,gerangschikt"), "{out}");
    assert!(out.contains(",K-2,versneld,uitgesloten"), "{out}");
}

/// A candidate with an attest for a pillar-3 group of the Kempen reglement.
fn attest(dossier: &str, reg: &str, group: &str) -> Candidate {
    let mut c = Candidate::new(dossier, d(reg), Household::Alleenstaande, 1, 0);
    c.doelgroepen = vec![group.into()];
    c.voorkeur = vec!["Turnhout".into()];
    c
}

fn hf_dwelling(i: u32) -> simulate::Vacancy {
    simulate::Vacancy {
        woning: reglement::engine::Dwelling {
            woning: format!("W-HF-{i:02}"),
            gemeente: "Turnhout".into(),
            slaapkamers: 1,
            soort: None,
            doelgroep: Some("housing-first".into()),
            vrij_vanaf: Some(d(&format!("2024-{i:02}-15"))),
        },
        vrij_vanaf: d(&format!("2024-{i:02}-15")),
        bijzonder: None,
    }
}

#[test]
fn housing_first_capacity_reached_goes_to_the_doorstromers() {
    let plan = kempen();
    let mut cs: Vec<Candidate> = (0..12)
        .map(|i| attest(&format!("HF-{i:02}"), "2020-01-01", "housing-first"))
        .collect();
    cs.extend((0..3).map(|i| attest(&format!("DS-{i:02}"), "2021-01-01", "doorstromer")));
    let batch = engine::Batch::from_candidates("kandidaten", &cs);
    let list: Vec<_> = (1..=12).map(hf_dwelling).collect();
    let settings = simulate::Settings {
        van: d("2024-01-01"),
        tot: d("2024-12-31"),
        zaad: 3,
        weigerkans: 0.0,
    };
    let fast = simulate::simulate(&plan, &batch, &list, &settings).expect("runs");
    let slow = simulate::simulate_reference(&plan, &batch, &list, &settings).expect("runs");
    assert_eq!(fast.decisions, slow.decisions);
    let groups: Vec<Option<&str>> = fast
        .decisions
        .iter()
        .map(|x| x.doelgroep.as_deref())
        .collect();
    let mut want = vec![Some("housing-first"); 10];
    want.extend([Some("doorstromer"), Some("doorstromer")]);
    assert_eq!(groups, want);
    assert!(
        matches!(
            fast.decisions[10].reden,
            Some(simulate::Reden::Doorverwezen { .. })
        ),
        "{:?}",
        fast.decisions[10]
    );
    // a new calendar year starts the count again
    let mut next_year = hf_dwelling(1);
    next_year.vrij_vanaf = d("2025-01-15");
    next_year.woning.vrij_vanaf = Some(d("2025-01-15"));
    let mut list2 = list.clone();
    list2.push(next_year);
    let settings2 = simulate::Settings {
        tot: d("2025-12-31"),
        ..settings
    };
    let sim = simulate::simulate(&plan, &batch, &list2, &settings2).expect("runs");
    assert_eq!(
        sim.decisions[12].doelgroep.as_deref(),
        Some("housing-first")
    );
}

#[test]
fn rangschik_with_the_capacity_reached_ranks_the_doorstromers() {
    let dir = temp_dir("kempen3-capaciteit");
    let kand = dir.join("kandidaten.csv");
    std::fs::write(
        &kand,
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,doelgroepen,voorkeur\n\
         HF-1,2020-01-01,alleenstaande,1,0,housing-first,Turnhout\n\
         DS-1,2021-01-01,alleenstaande,1,0,doorstromer,Turnhout\n",
    )
    .expect("write");
    let won = dir.join("woningen.csv");
    std::fs::write(
        &won,
        "woning,gemeente,slaapkamers,type,doelgroep,vrij_vanaf\nW-HF-01,Turnhout,1,appartement,housing-first,2024-06-01\n",
    )
    .expect("write");
    let run = |n: &str| {
        reglement(&[
            "rangschik",
            KEMPEN,
            "--kandidaten",
            kand.to_str().expect("utf-8"),
            "--peildatum",
            "2024-06-30",
            "--woning",
            "W-HF-01",
            "--woningen",
            won.to_str().expect("utf-8"),
            "--al-toegewezen",
            n,
        ])
    };
    let below = stdout(&run("9"));
    assert!(below.contains("HF-1     gerangschikt"), "{below}");
    let o = run("10");
    let out = stdout(&o);
    assert!(out.contains("DS-1     gerangschikt"), "{out}");
    assert!(
        out.contains("doelgroep 'housing-first' heeft haar capaciteit bereikt (10 van 10 per jaar toegewezen dit jaar)"),
        "{out}"
    );
    assert!(out.contains("naar doelgroep 'doorstromer'"), "{out}");
}
