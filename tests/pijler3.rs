//! Pillar 3 as real reglementen write it (issue 13, item 5): a target group
//! by age (one partner old enough, all adults, no birth date), the oldest
//! first in age steps, named reserved dwellings, and where a reserved
//! dwelling goes when no candidate of its group takes it, in `rangschik`
//! and in `simuleer`. On the IJzer en Zee examples (Nieuwpoort, Middelkerke).

mod common;
use common::cli::{reglement, stderr, stdout};
use common::*;
use reglement::engine::{self, Candidate, Dwelling, Pillar, Request, Status, Target};
use reglement::plan::Plan;
use reglement::simulate::{self, AllocationPillar, Reden, Settings, Vacancy};
use reglement::syntax::ast::Household;
use std::path::Path;

const NIEUWPOORT: &str = "examples/ijzer-en-zee-nieuwpoort.reglement";
const MIDDELKERKE: &str = "examples/ijzer-en-zee-middelkerke.reglement";
const MK_WONINGEN: &str = "examples/ijzer-en-zee-middelkerke-woningen.csv";

fn compiled(path: &str) -> Plan {
    let a = reglement::analyze_file(Path::new(path)).expect("readable example");
    reglement::plan::compile(&a).expect("the example compiles")
}

fn senior(dossier: &str, reg: &str, births: &[&str], hist: &str) -> Candidate {
    let gezin = if births.len() > 1 {
        Household::Gezin
    } else {
        Household::Alleenstaande
    };
    let mut c = Candidate::new(dossier, d(reg), gezin, births.len().max(1) as u32, 0);
    c.geboortedata = births.iter().map(|b| d(b)).collect();
    c.woonhistoriek = history(hist);
    c
}

fn ravelijn(peildatum: &str) -> Request {
    Request {
        peildatum: d(peildatum),
        target: Target::Lijst {
            pijler: Pillar::Doelgroepen,
            gemeente: "Nieuwpoort".into(),
            doelgroep: Some("senioren-ravelijn".into()),
        },
        verklaringen: true,
    }
}

#[test]
fn examples_compile_clean_and_are_in_canonical_layout() {
    for path in [NIEUWPOORT, MIDDELKERKE] {
        let a = reglement::analyze_file(Path::new(path)).expect("readable");
        let errors: Vec<_> = reglement::diagnostic::errors(&a.diagnostics).collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        let text = std::fs::read_to_string(path).expect("readable");
        assert_eq!(
            reglement::format::format_text(&text),
            text,
            "{path}: reglement opmaak"
        );
    }
}

#[test]
fn one_partner_old_enough_all_adults_and_no_birth_date() {
    let plan = compiled(NIEUWPOORT);
    let list = vec![
        // 80 and 62: one partner is enough
        senior("A-1", "2020-01-01", &["1944-06-01", "1962-06-01"], ""),
        // both too young
        senior("A-2", "2019-01-01", &["1961-01-01", "1963-01-01"], ""),
        // no birth date at all
        senior("A-3", "2018-01-01", &[], ""),
        // 65 on the day itself
        senior("A-4", "2021-01-01", &["1960-01-15"], ""),
        // born on 29 February: 65 on 28 February in a year without one
        senior("A-5", "2021-06-01", &["1960-02-29"], ""),
    ];
    let r = engine::rank(&plan, &list, &ravelijn("2025-02-28")).expect("ranks");
    assert_eq!(row(&r, "A-1").status, Status::Gerangschikt);
    assert_eq!(row(&r, "A-4").status, Status::Gerangschikt);
    assert_eq!(row(&r, "A-5").status, Status::Gerangschikt);
    let too_young = row(&r, "A-2");
    assert_eq!(too_young.status, Status::Uitgesloten);
    assert!(
        too_young
            .reden
            .as_deref()
            .unwrap_or("")
            .contains("geen volwassene is minstens 65 jaar"),
        "{too_young:?}"
    );
    let unknown = row(&r, "A-3");
    assert_eq!(unknown.status, Status::Uitgesloten);
    assert!(unknown
        .reden
        .as_deref()
        .unwrap_or("")
        .contains("geen geboortedatum bekend"));
    // the day before A-5's birthday in a year without 29 February
    let r = engine::rank(&plan, &list, &ravelijn("2025-02-27")).expect("ranks");
    assert_eq!(row(&r, "A-5").status, Status::Uitgesloten);
    // the explanation says whose age counts
    let text = row(&r, "A-1")
        .verklaring
        .as_ref()
        .expect("explained")
        .render();
    assert!(
        text.contains("de oudste is volwassene 1 met 80 jaar"),
        "{text}"
    );
    assert!(
        text.contains("leeftijdsgroep 1 van 5: 80 jaar of ouder"),
        "{text}"
    );
}

#[test]
fn all_adults_must_be_old_enough() {
    let text = std::fs::read_to_string(NIEUWPOORT)
        .expect("readable")
        .replace("bij een koppel volstaat één partner", "alle volwassenen");
    let a = reglement::analyze(NIEUWPOORT, &text, &reglement::FsLoader);
    let plan = reglement::plan::compile(&a).expect("compiles");
    let list = vec![
        senior("B-1", "2020-01-01", &["1944-06-01", "1962-06-01"], ""),
        senior("B-2", "2020-01-01", &["1944-06-01", "1950-06-01"], ""),
        // two adults, one birth date known
        {
            let mut c = senior("B-3", "2020-01-01", &["1944-06-01"], "");
            c.volwassenen = 2;
            c.gezinstype = Household::Gezin;
            c
        },
    ];
    let r = engine::rank(&plan, &list, &ravelijn("2025-01-15")).expect("ranks");
    assert_eq!(row(&r, "B-2").status, Status::Gerangschikt);
    assert!(row(&r, "B-1")
        .reden
        .as_deref()
        .unwrap_or("")
        .contains("niet alle volwassenen"));
    assert!(row(&r, "B-3")
        .reden
        .as_deref()
        .unwrap_or("")
        .contains("niet van alle volwassenen is de geboortedatum bekend"));
    // the youngest adult's age decides the step: 74 → 70–74
    assert_eq!(
        row(&r, "B-2").leeftijdsgroep.as_deref(),
        Some("70 tot en met 74 jaar")
    );
}

#[test]
fn the_oldest_first_in_steps_of_five_then_lokale_binding_then_registration() {
    let plan = compiled(NIEUWPOORT);
    let here = "Nieuwpoort@2000-01-01..";
    let list = vec![
        senior("C-70", "2010-01-01", &["1954-06-01"], here), // 70: step 70–74
        senior("C-81", "2023-01-01", &["1943-06-01"], ""),   // 81, no woonbinding
        senior("C-80", "2024-01-01", &["1944-06-01"], here), // 80, woonbinding
        senior("C-79", "2009-01-01", &["1945-06-01"], here), // 79: step 75–79
        senior("C-66", "2005-01-01", &["1958-06-01"], here), // 66: 65–69
        senior("C-88", "2024-06-01", &["1936-06-01"], here), // 88, woonbinding, registered last
    ];
    let r = engine::rank(&plan, &list, &ravelijn("2025-01-15")).expect("ranks");
    let order: Vec<String> = ranked(&r).into_iter().map(|(d, _)| d).collect();
    // 80+ first (woonbinding before none, then registration), then ever younger
    assert_eq!(order, ["C-80", "C-88", "C-81", "C-79", "C-70", "C-66"]);
    insta::assert_snapshot!(
        "ravelijn_trace_C-81",
        row(&r, "C-81")
            .verklaring
            .as_ref()
            .expect("explained")
            .render()
    );
}

#[test]
fn ranking_and_explanation_through_the_binary() {
    let dir = std::env::temp_dir().join(format!("pijler3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("kandidaten.csv");
    std::fs::write(
        &file,
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,voorkeur,woonhistoriek,geboortedata\n\
         N-01,2020-01-10,alleenstaande,1,0,Nieuwpoort,Nieuwpoort@2010-01-01..,1942-03-01\n\
         N-02,2019-05-01,gezin,2,0,,Koksijde@2000-01-01..,1958-07-01;1962-01-15\n\
         N-03,2018-01-01,gezin,2,0,Nieuwpoort,Nieuwpoort@2015-01-01..,1970-01-01;1972-01-01\n\
         N-04,2021-01-01,alleenstaande,1,0,,Nieuwpoort@1990-01-01..,\n\
         N-05,2017-01-01,alleenstaande,1,0,,Veurne@2000-01-01..,1944-12-31\n\
         N-06,2016-01-01,gezin,2,0,,Nieuwpoort@2000-01-01..,1950-06-30;1980-01-01\n\
         N-07,2022-02-01,alleenstaande,1,0,,Nieuwpoort@2000-01-01..,1945-01-01;1946-01-01\n",
    )
    .expect("write");
    let f = file.to_str().expect("utf-8");
    let args = [
        "rangschik",
        NIEUWPOORT,
        "--kandidaten",
        f,
        "--peildatum",
        "2025-01-15",
        "--pijler",
        "doelgroepen",
        "--gemeente",
        "Nieuwpoort",
        "--doelgroep",
        "senioren-ravelijn",
    ];
    let o = reglement(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("ravelijn_rangschik", stdout(&o));
    let mut explain = args.to_vec();
    explain[0] = "verklaar";
    explain.extend(["--dossier", "N-06"]);
    let o = reglement(&explain);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("ravelijn_verklaar_N-06", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

fn middelkerke_candidates() -> Vec<Candidate> {
    vec![
        senior(
            "M-01",
            "2020-01-10",
            &["1962-03-01"],
            "Middelkerke@2010-01-01..",
        ),
        senior(
            "M-02",
            "2019-05-01",
            &["1960-07-01", "1962-01-15"],
            "Oostende@2000-01-01..",
        ),
        senior("M-04", "2021-01-01", &[], "Middelkerke@1990-01-01.."),
    ]
}

fn havenzijde(peildatum: &str) -> Request {
    let data = std::fs::read(MK_WONINGEN).expect("dwellings");
    let woning = engine::woning::find(
        &data,
        engine::read::Format::Csv,
        "woningen.csv",
        "Havenzijde 132",
    )
    .expect("named dwelling");
    Request {
        peildatum: d(peildatum),
        target: Target::Dwelling {
            woning,
            pijler: None,
        },
        verklaringen: true,
    }
}

#[test]
fn a_named_dwelling_is_reserved_and_goes_to_pijler_1_when_no_senior_fits() {
    let plan = compiled(MIDDELKERKE);
    let list = middelkerke_candidates();
    // 2024: nobody is 65 yet: to the standaardtoewijzing, as the reglement says
    let r = engine::rank(&plan, &list, &havenzijde("2024-02-01")).expect("ranks");
    assert_eq!(r.pijler, Pillar::Standaard);
    assert_eq!(r.doorverwezen.len(), 1);
    assert_eq!(r.doorverwezen[0].doelgroep, "senioren");
    assert_eq!(
        ranked(&r).into_iter().map(|(d, _)| d).collect::<Vec<_>>(),
        ["M-01", "M-04", "M-02"]
    );
    let why = row(&r, "M-02")
        .verklaring
        .as_ref()
        .expect("explained")
        .render();
    assert!(
        why.contains("in doelgroep 'senioren' (eerder voor deze woning): uitgesloten: leeftijd"),
        "{why}"
    );
    // 2027: M-01 is 65: the senior gets the dwelling (pijler 3)
    let r = engine::rank(&plan, &list, &havenzijde("2027-08-01")).expect("ranks");
    assert_eq!(r.pijler, Pillar::Doelgroepen);
    assert!(r.doorverwezen.is_empty());
    assert_eq!(ranked(&r)[0].0, "M-01");
    // an unnamed dwelling of the same file is not reserved
    let data = std::fs::read(MK_WONINGEN).expect("dwellings");
    let free = engine::woning::find(&data, engine::read::Format::Csv, "w.csv", "W-MK-003")
        .expect("dwelling");
    let req = Request {
        peildatum: d("2027-08-01"),
        target: Target::Dwelling {
            woning: free,
            pijler: None,
        },
        verklaringen: false,
    };
    assert_eq!(
        engine::rank(&plan, &list, &req).expect("ranks").pijler,
        Pillar::Standaard
    );
}

#[test]
fn a_named_dwelling_reserved_otherwise_in_the_file_is_an_error() {
    let plan = compiled(MIDDELKERKE);
    let mut req = havenzijde("2024-02-01");
    if let Target::Dwelling { woning, .. } = &mut req.target {
        woning.doelgroep = Some("andere".into());
    }
    let e = engine::rank(&plan, &middelkerke_candidates(), &req).expect_err("refused");
    assert!(e.to_string().contains("het reglement noemt ze"), "{e}");
}

#[test]
fn rangschik_reports_where_the_dwelling_went() {
    let dir = std::env::temp_dir().join(format!("pijler3-mk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("k.csv");
    std::fs::write(
        &file,
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,woonhistoriek,geboortedata\n\
         M-01,2020-01-10,alleenstaande,1,0,Middelkerke@2010-01-01..,1962-03-01\n\
         M-02,2019-05-01,gezin,2,0,Oostende@2000-01-01..,1960-07-01;1962-01-15\n\
         M-03,2018-01-01,gezin,2,1,Middelkerke@2015-01-01..,1970-01-01;1972-01-01\n",
    )
    .expect("write");
    let o = reglement(&[
        "rangschik",
        MIDDELKERKE,
        "--kandidaten",
        file.to_str().expect("utf-8"),
        "--peildatum",
        "2024-02-01",
        "--woning",
        "Havenzijde 132",
        "--woningen",
        MK_WONINGEN,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("havenzijde_rangschik", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

fn settings() -> Settings {
    Settings {
        van: d("2024-01-01"),
        tot: d("2027-12-31"),
        zaad: 5,
        weigerkans: 0.0,
    }
}

#[test]
fn simuleer_follows_the_reglement_for_a_reserved_dwelling_without_a_senior() {
    let plan = compiled(MIDDELKERKE);
    let data = std::fs::read(MK_WONINGEN).expect("dwellings");
    let list: Vec<Vacancy> =
        simulate::dwellings::read(&data, engine::read::Format::Csv, "woningen.csv", &plan)
            .expect("dwellings");
    let batch = engine::Batch::from_candidates("kandidaten", &middelkerke_candidates());
    let fast = simulate::simulate(&plan, &batch, &list, &settings()).expect("runs");
    let slow = simulate::simulate_reference(&plan, &batch, &list, &settings()).expect("runs");
    assert_eq!(fast.decisions, slow.decisions);
    // Havenzijde 132 (2024-02-01, 1 slaapkamer): nobody is 65 yet, so it
    // goes to pijler 1 as the reglement says
    let (i, _) = list_index(&fast, "Havenzijde 132");
    let dec = &fast.decisions[i];
    assert_eq!(dec.voorbehouden.as_deref(), Some("senioren"));
    assert_eq!(dec.pijler, Some(AllocationPillar::Standaard));
    assert!(
        matches!(dec.reden, Some(Reden::Doorverwezen { .. })),
        "{dec:?}"
    );
    // without 'zonder kandidaat', the dwelling stays unallocated (today's rule)
    let text = std::fs::read_to_string(MIDDELKERKE)
        .expect("readable")
        .replace("        zonder kandidaat: standaardtoewijzing\n", "");
    let a = reglement::analyze(MIDDELKERKE, &text, &reglement::FsLoader);
    let silent = reglement::plan::compile(&a).expect("compiles");
    let sim = simulate::simulate(&silent, &batch, &list, &settings()).expect("runs");
    let dec = &sim.decisions[i];
    assert_eq!(dec.pijler, None);
    assert_eq!(dec.reden, Some(Reden::GeenKandidaat));
    let summary = simulate::summary::Summary::new(&sim, &silent, &batch);
    assert!(summary.voorbehouden_onverhuurd > 0);
    let text = simulate::write::summary_text(&summary);
    assert!(
        text.contains("het reglement zegt niet wat er dan gebeurt"),
        "{text}"
    );
}

fn list_index(sim: &simulate::Simulation, id: &str) -> (usize, Dwelling) {
    let i = sim
        .dwellings
        .iter()
        .position(|d| d.woning.woning == id)
        .unwrap_or_else(|| panic!("{id}"));
    (i, sim.dwellings[i].woning.clone())
}

#[test]
fn the_published_article_prints_the_pillar_3_rules() {
    for (name, path) in [("nieuwpoort", NIEUWPOORT), ("middelkerke", MIDDELKERKE)] {
        let a = reglement::analyze_file(Path::new(path)).expect("readable");
        let doc = reglement::publish::build::build(
            &a,
            reglement::syntax::ast::DocumentKind::Toewijzingsreglement,
        );
        let md = reglement::publish::markdown::render(&doc);
        let from = md.find("Artikel 2.").expect("article 2");
        insta::assert_snapshot!(format!("publish_{name}_pijler3"), &md[from..]);
    }
}
