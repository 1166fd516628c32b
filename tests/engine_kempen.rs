//! The Kempen model executed exactly: hand-made candidates ranked by the
//! compiled examples/kempen.reglement, with every score and the order
//! computed by hand from the note's tables (docs/kempen.md) next to the data.
//!
//! The Kempen frame (pijler 2):
//!   woonnood      geen-opvang 15; instelling, opvang, familie, opzeg, jongere,
//!                 ggz, pv, onbewoonbaar, ongeschikt, overbewoond 20;
//!                 bijzonder: never scored (only by a social report)
//!   inkomen       alleenstaande ≤ 1379,13 → 20, ≤ 1544,13 → 15; gezin ≤ 1904,83 → 20,
//!                 ≤ 2102,83 → 15; above or unknown → 0 (ceilings inclusive)
//!   begeleiding   gemeente 5, werkingsgebied 3, arrondissement 1
//!   kinderlast    0→0, 1–2→1, 3–4→2, 5–6→3, 7–8→4, 9→5, 10 or more→5
//!   drempel       at least 1 point on each of the four
//!   volgorde      total (high first), then registration date (early first), then dossier

mod common;
use common::*;
use reglement::engine::{self, Pillar, Status};
use reglement::syntax::ast::Household::{Alleenstaande, Gezin};

fn kempen_candidates() -> Vec<engine::Candidate> {
    let mut v = vec![
        // 20 opvang + 20 (gezin 1710,50 ≤ 1904,83) + 5 gemeente + 2 (3 kinderen) = 47
        cand(
            "K-0101",
            "2021-03-15",
            Gezin,
            2,
            3,
            Some("1710.50"),
            Some("opvang"),
            Some("gemeente"),
        ),
        // 20 instelling + 20 (exactly on the ceiling 1904,83: inclusive) + 3 + 5 (10 kinderen) = 48
        cand(
            "K-0102",
            "2020-01-10",
            Gezin,
            1,
            10,
            Some("1904.83"),
            Some("instelling"),
            Some("werkingsgebied"),
        ),
        // 20 familie + 15 (one cent above 1904,83: category 2) + 3 + 5 (12 kinderen: "10 of meer") = 43
        cand(
            "K-0103",
            "2019-05-02",
            Gezin,
            2,
            12,
            Some("1904.84"),
            Some("familie"),
            Some("werkingsgebied"),
        ),
        // 20 jongere + 15 (alleenstaande exactly 1544,13) + 5 + 1 (1 kind) = 41
        cand(
            "K-0104",
            "2022-02-01",
            Alleenstaande,
            1,
            1,
            Some("1544.13"),
            Some("jongere"),
            Some("gemeente"),
        ),
        // 20 ggz + 0 (alleenstaande 1544,14: one cent above category 2) + 5 + 1 = 26 → excluded: drempel (inkomen 0)
        cand(
            "K-0105",
            "2018-01-01",
            Alleenstaande,
            1,
            1,
            Some("1544.14"),
            Some("ggz"),
            Some("gemeente"),
        ),
        // 20 opzeg + 20 + 5 + 0 (no children) = 45 → excluded: drempel (kinderlast 0), as the note says
        cand(
            "K-0106",
            "2017-09-12",
            Gezin,
            2,
            0,
            Some("1200.00"),
            Some("opzeg"),
            Some("gemeente"),
        ),
        // bijzonder is never scored: 0 + 20 + 5 + 1 = 26 → excluded: not scored (art. 3.1)
        cand(
            "K-0107",
            "2023-04-20",
            Gezin,
            1,
            2,
            Some("1500.00"),
            Some("bijzonder"),
            Some("gemeente"),
        ),
        // no housing need: 0 + 15 (2000 ≤ 2102,83) + 5 + 2 = 22 → excluded: no pillar-2 target group
        cand(
            "K-0108",
            "2016-06-30",
            Gezin,
            2,
            4,
            Some("2000.00"),
            None,
            Some("gemeente"),
        ),
        // 20 onbewoonbaar + 20 + 5 + 2 = 47, registered 2020-11-30: first of the 47s
        cand(
            "K-0109",
            "2020-11-30",
            Gezin,
            1,
            3,
            Some("1650.00"),
            Some("onbewoonbaar"),
            Some("gemeente"),
        ),
        // 20 pv + 20 + 5 + 2 (4 kinderen) = 47, registered the same day as K-0101: dossier decides, K-0101 < K-0110
        cand(
            "K-0110",
            "2021-03-15",
            Gezin,
            2,
            4,
            Some("1800.00"),
            Some("pv"),
            Some("gemeente"),
        ),
        // unknown income: 20 + 0 + 5 + 3 (5 kinderen) = 28 → excluded: drempel (inkomen 0)
        cand(
            "K-0112",
            "2022-08-08",
            Gezin,
            2,
            5,
            None,
            Some("overbewoond"),
            Some("gemeente"),
        ),
        // 15 geen-opvang + 15 (gezin exactly 2102,83) + 1 arrondissement + 1 = 32
        cand(
            "K-0113",
            "2023-09-01",
            Gezin,
            2,
            2,
            Some("2102.83"),
            Some("geen-opvang"),
            Some("arrondissement"),
        ),
        // 20 + 0 (2102,84: above category 2) + 3 + 1 = 24 → excluded: drempel (inkomen 0)
        cand(
            "K-0114",
            "2015-11-23",
            Gezin,
            2,
            2,
            Some("2102.84"),
            Some("ongeschikt"),
            Some("werkingsgebied"),
        ),
        // 20 + 20 (alleenstaande exactly 1379,13: category 1) + 3 + 1 = 44
        cand(
            "K-0115",
            "2023-01-01",
            Alleenstaande,
            1,
            1,
            Some("1379.13"),
            Some("opvang"),
            Some("werkingsgebied"),
        ),
        // would score 47, but wants to live in Beerse or Oud-Turnhout only → excluded: voorkeur
        cand(
            "K-0116",
            "2019-02-14",
            Gezin,
            2,
            3,
            Some("1600.00"),
            Some("opvang"),
            Some("gemeente"),
        ),
        // 15 + 20 + 5 + 0 = 40 → excluded: drempel (single without children)
        cand(
            "K-0117",
            "2020-05-05",
            Alleenstaande,
            1,
            0,
            Some("1100.00"),
            Some("geen-opvang"),
            Some("gemeente"),
        ),
        // 20 + 20 + 0 (no guidance attest) + 2 = 42 → excluded: drempel (begeleiding 0)
        cand(
            "K-0118",
            "2021-12-24",
            Gezin,
            2,
            3,
            Some("1850.00"),
            Some("opvang"),
            None,
        ),
    ];
    v[14].voorkeur = vec!["Beerse".into(), "Oud-Turnhout".into()];
    v
}

#[test]
fn pillar2_ranks_by_the_notes_tables() {
    let plan = kempen();
    let r = engine::rank(
        &plan,
        &kempen_candidates(),
        &list("2024-06-30", Pillar::Versneld, "Turnhout"),
    )
    .expect("request");
    assert_eq!(
        ranked(&r),
        vec![
            ("K-0102".to_string(), 48),
            // three times 47: earliest registration first, then dossier
            ("K-0109".to_string(), 47),
            ("K-0101".to_string(), 47),
            ("K-0110".to_string(), 47),
            // no children, 0 on kinderlast: ranked, since the threshold is
            // read on woonnood, inkomen and begeleiding (art. 3.5)
            ("K-0106".to_string(), 45),
            ("K-0115".to_string(), 44),
            ("K-0103".to_string(), 43),
            ("K-0104".to_string(), 41),
            // the homeless single of the issue: 40 points, ranked
            ("K-0117".to_string(), 40),
            ("K-0113".to_string(), 32),
        ]
    );
    // points per criterion, in the plan's order (woonnood, inkomen, begeleiding, kinderlast)
    let pts = |d: &str| {
        row(&r, d)
            .punten
            .iter()
            .map(|p| p.punten)
            .collect::<Vec<_>>()
    };
    assert_eq!(pts("K-0102"), [20, 20, 3, 5]); // 1904,83 on the ceiling; 10 children
    assert_eq!(pts("K-0103"), [20, 15, 3, 5]); // 1904,84; 12 children
    assert_eq!(pts("K-0104"), [20, 15, 5, 1]);
    assert_eq!(pts("K-0105"), [20, 0, 5, 1]);
    assert_eq!(pts("K-0113"), [15, 15, 1, 1]);
    assert_eq!(pts("K-0114"), [20, 0, 3, 1]);
    assert_eq!(pts("K-0115"), [20, 20, 3, 1]);
    assert_eq!(pts("K-0112"), [20, 0, 5, 3]); // unknown income: no points
    let drempel = "drempel: minimaal 1 punt op woonnood, inkomen en begeleiding (art. 3.5)";
    for (d, reden) in [
        ("K-0105", drempel),
        (
            "K-0107",
            "woonnood 'bijzonder' wordt niet gescoord (enkel via een gemotiveerd sociaal verslag, goedgekeurd door de woonmaatschappij): er is geen goedgekeurd sociaal verslag vastgelegd op de peildatum (kolom sociaal_verslag) (art. 3)",
        ),
        ("K-0108", "geen woonnood: geen doelgroep van de versnelde toewijzing (art. 3)"),
        ("K-0112", drempel),
        ("K-0114", drempel),
        ("K-0116", "voorkeur: wil niet in Turnhout wonen"),
        ("K-0118", drempel),
    ] {
        let row = row(&r, d);
        assert_eq!(row.status, Status::Uitgesloten, "{d}");
        assert_eq!(row.reden.as_deref(), Some(reden), "{d}");
    }
    // the excluding rule carries its source: the threshold of the regional frame
    let h = row(&r, "K-0105").regel.as_ref().expect("herkomst");
    assert_eq!(
        (h.bestand.as_str(), h.artikel.as_deref()),
        ("kempen-regio.reglement", Some("art. 3.5"))
    );
    assert_eq!(r.samenvatting.gelezen, 17);
    assert_eq!(r.samenvatting.gerangschikt, 10);
    assert_eq!(r.samenvatting.uitgesloten, 7);
}

#[test]
fn pillar2_ignores_lokale_binding() {
    // the same candidate scores the same for any gemeente, with or without a residence history there
    let plan = kempen();
    let mut c = kempen_candidates().remove(0);
    let a = engine::rank(
        &plan,
        std::slice::from_ref(&c),
        &list("2024-06-30", Pillar::Versneld, "Turnhout"),
    )
    .expect("ok");
    c.woonhistoriek = history("Turnhout@2000-01-01..");
    let b = engine::rank(
        &plan,
        &[c],
        &list("2024-06-30", Pillar::Versneld, "Baarle-Hertog"),
    )
    .expect("ok");
    assert_eq!(a.rijen[0].totaal, Some(47));
    assert_eq!(b.rijen[0].totaal, Some(47));
    assert_eq!(a.rijen[0].rang, b.rijen[0].rang);
}

#[test]
fn explanation_names_each_rule_with_article_and_line() {
    let plan = kempen();
    let mut req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    req.verklaringen = true;
    let r = engine::rank(&plan, &kempen_candidates(), &req).expect("request");
    let t = row(&r, "K-0101").verklaring.as_ref().expect("trace");
    let lines: Vec<String> = t.stappen.iter().map(|s| s.line()).collect();
    let woonnood = lines
        .iter()
        .find(|l| l.starts_with("20 punten voor woonnood"))
        .expect("woonnood step");
    // "20 punten voor woonnood 'opvang' (art. 3.1, kempen-regio.reglement regel N)"
    assert!(
        woonnood.starts_with(
            "20 punten voor woonnood 'opvang' (art. 3.1, kempen-regio.reglement regel "
        ),
        "{woonnood}"
    );
    insta::assert_snapshot!("trace_K-0101", t.render());
    let excluded = row(&r, "K-0107").verklaring.as_ref().expect("trace");
    insta::assert_snapshot!("trace_K-0107", excluded.render());
}

#[test]
fn pillar1_tiers_then_registration() {
    // A dwelling in Turnhout with 3 bedrooms (3 to 6 persons), peildatum 2024-06-30:
    // window of the last 10 years = 2014-07-01 ..= 2024-06-30.
    let plan = kempen();
    let mk = |d: &str, reg: &str, adults: u32, kids: u32, hist: &str, mantelzorg: &[&str]| {
        let mut c = cand(d, reg, Gezin, adults, kids, None, None, None);
        c.woonhistoriek = history(hist);
        c.mantelzorg = mantelzorg.iter().map(|s| s.to_string()).collect();
        c
    };
    let candidates = vec![
        // Turnhout since 2016: 8 years → tier 1 (woonbinding gemeente)
        mk("P-01", "2021-03-15", 2, 2, "Turnhout@2016-02-01..;Mol@2009-05-01..2016-01-31", &[]),
        // Turnhout 2019-07-01 ..= 2024-06-30: exactly 5 years → tier 1
        mk("P-02", "2022-01-10", 2, 1, "Turnhout@2019-07-01..", &[]),
        // one day short of 5 years, but mantelzorg in Turnhout → tier 2
        mk("P-03", "2015-05-02", 2, 2, "Turnhout@2019-07-02..", &["Turnhout"]),
        // nothing in Turnhout → no tier, earliest registration of all
        mk("P-04", "2012-01-01", 2, 2, "Arendonk@2010-01-01..", &["Mol"]),
        // 5 people, 3 bedrooms: fits; two adjacent periods join → 2014-07-01 ..= 2019-06-30, exactly 5 years → tier 1
        mk("P-05", "2023-06-01", 2, 3, "Turnhout@2014-07-01..2017-06-30;Turnhout@2017-07-01..2019-06-30;Herentals@2019-07-01..", &[]),
        // 7 people in 3 bedrooms: excluded by rationele bezetting (3 to 6), although tier 1
        mk("P-06", "2010-01-01", 2, 5, "Turnhout@2000-01-01..", &[]),
    ];
    let r = engine::rank(
        &plan,
        &candidates,
        &dwelling("2024-06-30", "W-TH-021", "Turnhout", 3, None),
    )
    .expect("ok");
    let order: Vec<(&str, &str)> = r
        .rijen
        .iter()
        .filter(|x| x.status == Status::Gerangschikt)
        .map(|x| {
            (
                x.dossier.as_deref().unwrap_or(""),
                x.woonbinding.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            // tier 1 by registration date: P-01 (2021), P-02 (2022), P-05 (2023)
            ("P-01", "woonbinding-gemeente"),
            ("P-02", "woonbinding-gemeente"),
            ("P-05", "woonbinding-gemeente"),
            // tier 2
            ("P-03", "mantelzorg"),
            // no tier: woonbinding gives priority, never excludes
            ("P-04", "geen"),
        ]
    );
    assert_eq!(
        row(&r, "P-06").reden.as_deref(),
        Some("rationele bezetting: een woning met 3 slaapkamers is voor 3 tot 6 personen (art. 6)")
    );
}

#[test]
fn pillar3_needs_the_attest_of_the_reserved_group() {
    let plan = kempen();
    let mut a = cand("D-01", "2023-01-01", Alleenstaande, 1, 0, None, None, None);
    a.doelgroepen = vec!["doorstromer".into()];
    a.woonhistoriek = history("Turnhout@2015-01-01..");
    let mut b = cand("D-02", "2020-01-01", Alleenstaande, 1, 0, None, None, None);
    b.doelgroepen = vec!["doorstromer".into()];
    let mut c = cand("D-03", "2019-01-01", Alleenstaande, 1, 0, None, None, None);
    c.doelgroepen = vec!["housing-first".into()];
    let r = engine::rank(
        &plan,
        &[a, b, c],
        &dwelling("2024-06-30", "W-TH-003", "Turnhout", 1, Some("doorstromer")),
    )
    .expect("ok");
    assert_eq!(r.pijler, Pillar::Doelgroepen);
    // lokale binding applies in pijler 3: D-01 (woonbinding) before D-02 (earlier registration, no binding)
    assert_eq!(
        ranked(&r).iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["D-01", "D-02"]
    );
    assert_eq!(
        row(&r, "D-03").reden.as_deref(),
        Some("geen attest voor doelgroep 'doorstromer' (art. 4)")
    );
}

#[test]
fn requests_the_plan_cannot_serve_are_refused_in_dutch() {
    let plan = kempen();
    let e = engine::rank(
        &plan,
        &[],
        &list("2024-06-30", Pillar::Versneld, "Antwerpen"),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("gemeente 'Antwerpen' ligt niet in het werkingsgebied"),
        "{e}"
    );
    let mut req = list("2024-06-30", Pillar::Doelgroepen, "Turnhout");
    let e = engine::rank(&plan, &[], &req).unwrap_err();
    assert!(e.to_string().contains("--doelgroep"), "{e}");
    req.target = engine::Target::Lijst {
        pijler: Pillar::Doelgroepen,
        gemeente: "Turnhout".into(),
        doelgroep: Some("senioren".into()),
    };
    let e = engine::rank(&plan, &[], &req).unwrap_err();
    assert!(
        e.to_string()
            .contains("doelgroep 'senioren' staat niet in het reglement"),
        "{e}"
    );
}

#[test]
fn the_bundled_example_candidates_rank_as_the_readme_shows() {
    let plan = kempen();
    let data = std::fs::read("examples/kandidaten.csv").expect("example file");
    let batch =
        engine::read::read(&data, engine::read::Format::Csv, "kandidaten.csv").expect("readable");
    let req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    let prepared = engine::Prepared::new(&plan, &req).expect("request");
    let ranked = engine::rank_batch(&prepared, &batch);
    insta::assert_snapshot!(
        "kandidaten_versneld_turnhout",
        engine::output::table(&ranked)
    );
    // the same data in memory gives the same ranking
    let from_memory = engine::rank(&plan, &kempen_candidates(), &req).expect("ok");
    let from_file = ranked.to_ranking(false);
    let key = |r: &engine::Ranking| {
        r.rijen
            .iter()
            .map(|x| (x.dossier.clone(), x.rang, x.totaal, x.reden.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&from_file), key(&from_memory));
}
