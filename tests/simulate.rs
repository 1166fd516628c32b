//! `reglement simuleer`: a year of allocations.
//!
//! - the fast allocator decides exactly as the reference (the engine ranks
//!   the whole list for every dwelling), on generated lists and years;
//! - the invariants: pijler 2 within one allocation of 20% when enough
//!   pillar-2 candidates exist, pijler 1 never below 50%, nobody housed
//!   twice, no dwelling left unassigned while a candidate who fits waits,
//!   the same seed gives the same bytes, and so does any order of the
//!   candidates and dwellings;
//! - the tier timeline equals the engine's tier on every day tried;
//! - ten dwellings and twenty candidates checked by hand;
//! - the Kempen order of magnitude (451 urgent, 695 dwellings: about 139
//!   housed through pijler 2);
//! - the command end to end, and its HTML report in headless Chromium.

mod common;
use common::browser::{chromium, console_lines, headless, png_size};
use common::cli::{reglement, stderr, stdout, temp_dir};
use common::*;
use proptest::prelude::*;
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::{self, Batch, Candidate, Dwelling, Pillar};
use reglement::plan::Plan;
use reglement::simulate::{
    self, dwellings, summary::Summary, write, AllocationPillar, Generation, Reden, Settings,
    Vacancy,
};
use reglement::syntax::ast::Household;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MAIN: &str = include_str!("../examples/kempen.reglement");
const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(kempen)
}

fn compile(main: &str) -> Plan {
    let loader = reglement::MemoryLoader::default().with("kempen-regio.reglement", REGIO);
    let analysis = reglement::analyze("kempen.reglement", main, &loader);
    reglement::plan::compile(&analysis).expect("compiles")
}

/// The Kempen text with a stricter woonbinding in Turnhout (8 years in the
/// last 10).
fn stricter_text() -> String {
    format!(
        "{MAIN}\ngemeente Turnhout artikel 7 \"Eigen regels van Turnhout\" {{\n    document toewijzingsreglement\n    strengere woonbinding: 8 jaar ononderbroken in de laatste 10 jaar\n    gemeenteraad 2024-03-18\n    motivering \"Een grote lokale vraag.\"\n}}\n"
    )
}

/// Kempen with a stricter woonbinding in Turnhout: one more tier there,
/// gained and lost on other days.
fn stricter() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| compile(&stricter_text()))
}

/// Kempen with the income ceilings written as "leefloon + X" and the
/// leefloon indexed twice during 2024: the pillar-2 order changes on those
/// days (a new epoch of the pillar-2 lists).
fn indexed() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        use reglement::plan::{LeefloonPeriode, PuntenTabel};
        let mut plan = kempen();
        let v = plan.versneld.as_mut().expect("pijler 2");
        for c in &mut v.wegingskader.criteria {
            if let PuntenTabel::Bedragen {
                rijen, leefloon, ..
            } = &mut c.tabel
            {
                for r in rijen.iter_mut() {
                    r.leefloon_plus_cent = Some(match (r.gezinstype, r.categorie) {
                        (Household::Alleenstaande, 1) => 16_500,
                        (Household::Alleenstaande, _) => 26_400,
                        (Household::Gezin, 1) => 26_400,
                        (Household::Gezin, _) => 46_200,
                    });
                }
                *leefloon = [
                    ("2023-01-01", 110_000, 150_000),
                    ("2024-04-01", 125_000, 165_000),
                    ("2024-09-01", 140_000, 185_000),
                ]
                .iter()
                .map(|&(vanaf, a, g)| LeefloonPeriode {
                    vanaf: d(vanaf),
                    alleenstaande_cent: Some(a),
                    gezin_cent: Some(g),
                })
                .collect();
            }
        }
        plan
    })
}

/// Kempen with its reserved dwellings read as allocations per calendar
/// year (`quotum: toewijzingen per jaar`) instead of the example's stock:
/// every year the full number of quota places.
fn per_year() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        assert!(MAIN.contains("    quotum: voorraad\n"));
        compile(&MAIN.replacen(
            "    quotum: voorraad\n",
            "    quotum: toewijzingen per jaar\n",
            1,
        ))
    })
}

fn variant(k: u8) -> &'static Plan {
    match k {
        0 => plan(),
        1 => stricter(),
        2 => indexed(),
        _ => by_age(),
    }
}

/// Kempen with pillar-3 groups as senior rules write them: housing-first
/// ordered by age steps and sent on to doorstromers when nobody takes a
/// dwelling, doorstromers sent on to the standaardtoewijzing, kansarmoede
/// a group by age (all adults 45 or older, or an attest) with the oldest
/// first and sent on to housing-first (three lists before pijler 1).
fn by_age() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let text = MAIN
            .replacen(
                "        wettelijke doelgroep dak-en-thuisloos\n        omschrijving \"Meer dan een jaar",
                "        wettelijke doelgroep dak-en-thuisloos\n        eerst de oudsten: 60 jaar en ouder, dan telkens 10 jaar jonger\n        omschrijving \"Meer dan een jaar",
                1,
            )
            .replacen(
                "        omschrijving \"Gezinnen volgens",
                "        leeftijd minstens 45 jaar op de datum van toewijzing, alle volwassenen, of een attest\n        eerst de oudsten: 60 jaar en ouder, dan telkens 5 jaar jonger\n        omschrijving \"Gezinnen volgens",
                1,
            )
            // the flagship sends kansarmoede to pijler 1; here to housing-first
            .replacen(
                "        verwijzers \"Kind en Gezin\", \"OCMW\"\n        zonder kandidaat: standaardtoewijzing",
                "        verwijzers \"Kind en Gezin\", \"OCMW\"\n        zonder kandidaat: doelgroep housing-first",
                1,
            );
        let plan = compile(&text);
        let groups = &plan.doelgroepen.as_ref().expect("pijler 3").groepen;
        assert!(groups.iter().all(|g| g.zonder_kandidaat.is_some()), "{groups:#?}");
        plan
    })
}

fn settings(van: &str, tot: &str, zaad: u64, weigerkans: f64) -> Settings {
    Settings {
        van: d(van),
        tot: d(tot),
        zaad,
        weigerkans,
    }
}

/// Generated candidates registered up to the end of the period (so some
/// register during it).
fn candidates(plan: &Plan, n: usize, seed: u64, until: &str) -> Vec<Candidate> {
    let profile = Profile::from_plan(plan, d(until));
    Generator::new(&profile, seed).take(n).collect()
}

/// Generated dwellings, some of them reserved or tagged for pijler 4.
fn year(plan: &Plan, per_jaar: u64, seed: u64, van: &str, tot: &str) -> Vec<Vacancy> {
    let gen = Generation {
        per_gemeente: dwellings::spread_by_patrimony(plan, per_jaar),
        bijzonder_promille: 30,
    };
    let mut list = dwellings::generate(plan, &gen, d(van), d(tot), seed).expect("a small year");
    // more reserved dwellings than the Kempen turnover gives, for pijler 3
    for (i, w) in list.iter_mut().enumerate() {
        if i % 11 == 3 && w.bijzonder.is_none() {
            w.woning.doelgroep =
                Some(["doorstromer", "kansarmoede", "housing-first"][i % 3].into());
            if w.woning.gemeente != "Turnhout" && i % 3 == 2 {
                w.woning.gemeente = "Turnhout".into();
            }
        }
    }
    list
}

fn counted(s: &simulate::Simulation) -> [u64; 4] {
    let mut c = [0u64; 4];
    for d in &s.decisions {
        if let Some(p) = d.pijler {
            c[p.number() - 1] += 1;
        }
    }
    c
}

/// 40 cases per property; more with PROPTEST_CASES=N.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// The fast allocator and the reference decide alike, dwelling by
    /// dwelling: the same pillar, candidate, refusals, tier and points.
    #[test]
    fn fast_allocator_decides_as_the_engine_per_dwelling(
        n in 5usize..160,
        per_jaar in 4u64..70,
        seed in 0u64..1_000_000,
        refuse in prop_oneof![Just(0.0), Just(0.35)],
        which in 0u8..4,
    ) {
        let plan = variant(which);
        let batch = Batch::from_candidates("kandidaten", &candidates(plan, n, seed, "2024-12-31"));
        let list = year(plan, per_jaar, seed, "2024-01-01", "2024-12-31");
        let s = settings("2024-01-01", "2024-12-31", seed, refuse);
        let fast = simulate::simulate(plan, &batch, &list, &s).expect("runs");
        let slow = simulate::simulate_reference(plan, &batch, &list, &s).expect("runs");
        prop_assert_eq!(&fast.decisions, &slow.decisions);
        prop_assert_eq!(&fast.urgent, &slow.urgent);
    }

    /// The invariants of a year, without refusals.
    #[test]
    fn a_year_keeps_the_shares_and_houses_nobody_twice(
        n in 50usize..900,
        per_jaar in 10u64..300,
        seed in 0u64..1_000_000,
        yearly in any::<bool>(),
    ) {
        // the example's stock reading, or every year the full quota
        let plan = if yearly { per_year() } else { plan() };
        let batch = Batch::from_candidates("kandidaten", &candidates(plan, n, seed, "2024-12-31"));
        let list = year(plan, per_jaar, seed, "2024-01-01", "2024-12-31");
        let s = settings("2024-01-01", "2024-12-31", seed, 0.0);
        let sim = simulate::simulate(plan, &batch, &list, &s).expect("runs");
        // every candidate accounted for
        let summary = Summary::new(&sim, plan, &batch);
        prop_assert_eq!(
            summary.kandidaten_gelezen,
            summary.kandidaten_op_lijst
                + summary.voorkeur_buiten_werkingsgebied
                + summary.ingeschreven_na_periode
                + summary.geweigerd
        );
        prop_assert_eq!(summary.kandidaten_gelezen, n as u64);
        // nobody housed twice
        let housed = sim.housed();
        let mut dedup = housed.clone();
        dedup.dedup();
        prop_assert_eq!(housed.len(), dedup.len());
        let [p1, p2, p3, _] = counted(&sim);
        let total = p1 + p2 + p3;
        // pijler 2 never ahead of 20%; within one allocation of it when
        // every dwelling planned for pijler 2 found a pillar-2 candidate
        prop_assert!(p2 * 5 <= total, "pijler 2 {} of {}", p2, total);
        let fell_back = sim.decisions.iter().any(|d| d.gepland == Some(AllocationPillar::Versneld) && d.pijler != Some(AllocationPillar::Versneld));
        // every year, quota places of pijler 3 included (a quota place
        // leaves pijler 1 the room pijler 2's next turn needs; see
        // `quota_places_leave_pillar_two_its_turn`)
        if !fell_back {
            prop_assert!((p2 as i64 * 5 - total as i64).abs() <= 5, "pijler 2 {} of {}", p2, total);
        }
        // pijler 1 at least 50% whenever pijler 3 leaves room for it
        if p3 * 10 <= total * 3 {
            prop_assert!(p1 * 2 >= total, "pijler 1 {} of {}", p1, total);
        }
        // no dwelling left while a candidate who fits waits: the engine's
        // ranking for it on its day holds only candidates housed before
        let mut housed_before = vec![false; batch.records.len()];
        for (w, dec) in sim.dwellings.iter().zip(&sim.decisions) {
            if dec.reden == Some(Reden::GeenKandidaat) {
                let pijler = if w.woning.doelgroep.is_some() { Pillar::Doelgroepen } else { Pillar::Standaard };
                let req = engine::Request {
                    peildatum: w.vrij_vanaf,
                    target: engine::Target::Dwelling { woning: w.woning.clone(), pijler: Some(pijler) },
                    verklaringen: false,
                };
                if let Ok(p) = engine::Prepared::new(plan, &req) {
                    let ranked = engine::rank_batch(&p, &batch);
                    for &c in &ranked.ranked {
                        prop_assert!(housed_before[c as usize], "{} waits for {}", c, w.woning.woning);
                    }
                }
            }
            if let Some(c) = dec.kandidaat {
                housed_before[c as usize] = true;
            }
        }
    }

    /// The order of the rows does not matter: the waiting list and the
    /// dwellings, each read in another order, give the same log and
    /// summary, byte for byte (refusals included: offers follow the lists'
    /// order, not the file's).
    #[test]
    fn input_order_does_not_matter(
        n in 5usize..300,
        per_jaar in 4u64..120,
        seed in 0u64..1_000_000,
        shuffle_seed in any::<u64>(),
        refuse in prop_oneof![Just(0.0), Just(0.3)],
        which in 0u8..3,
    ) {
        let plan = variant(which);
        let people = candidates(plan, n, seed, "2024-12-31");
        let list = year(plan, per_jaar, seed, "2024-01-01", "2024-12-31");
        let s = settings("2024-01-01", "2024-12-31", seed, refuse);
        let bytes = |people: &[Candidate], list: &[Vacancy]| {
            let batch = Batch::from_candidates("kandidaten", people);
            let sim = simulate::simulate(plan, &batch, list, &s).expect("runs");
            let summary = Summary::new(&sim, plan, &batch);
            (write::log_csv(&sim.log(plan, &batch)), write::summary_text(&summary))
        };
        let (mut people2, mut list2) = (people.clone(), list.clone());
        shuffle(&mut people2, shuffle_seed);
        shuffle(&mut list2, shuffle_seed.rotate_left(17));
        prop_assert_eq!(bytes(&people, &list), bytes(&people2, &list2));
    }

    /// A candidate's tier from the dated events is the engine's tier on
    /// every day tried.
    #[test]
    fn tier_events_match_the_engine_on_any_day(
        n in 5usize..120,
        seed in 0u64..1_000_000,
        days in proptest::collection::vec(0i64..366, 1..5),
        which in 0u8..3,
    ) {
        use reglement::engine::fields::{from_date, to_date};
        let plan = variant(which);
        let batch = Batch::from_candidates("kandidaten", &candidates(plan, n, seed, "2024-12-31"));
        let van = d("2024-01-01");
        let p0 = engine::Prepared::new(plan, &list("2024-01-01", Pillar::Standaard, "Turnhout")).expect("prepared");
        let res = p0.resolve(&batch);
        let timelines: Vec<(u8, Vec<(i32, u8)>)> = batch.records.iter().map(|r| {
            simulate::timeline::tiers_over(&p0.tiers, p0.gemeente, r, &batch, &res, from_date(van), from_date(d("2024-12-31")), &mut Vec::new())
        }).collect();
        for k in days {
            let day = van + chrono::Duration::days(k);
            let p = engine::Prepared::new(plan, &list(&day.to_string(), Pillar::Standaard, "Turnhout")).expect("prepared");
            let ranked = engine::rank_batch(&p, &batch);
            for (c, (first, changes)) in timelines.iter().enumerate() {
                if ranked.outcomes[c].status != engine::Status::Gerangschikt {
                    continue;
                }
                let mut t = *first;
                for &(when, tier) in changes {
                    if to_date(when) <= day {
                        t = tier;
                    }
                }
                prop_assert_eq!(t, ranked.outcomes[c].tier, "record {} on {}", c, day);
            }
        }
    }
}

/// A leefloon indexed during the year changes the pillar-2 order on that
/// day: the fast allocator remakes its pillar-2 lists then, and still
/// decides as the engine does on each dwelling's date.
#[test]
fn indexed_leefloon_changes_the_order_mid_year() {
    let plan = indexed();
    let batch = Batch::from_candidates("kandidaten", &candidates(plan, 700, 77, "2024-12-31"));
    let list = year(plan, 240, 77, "2024-01-01", "2024-12-31");
    let s = settings("2024-01-01", "2024-12-31", 77, 0.2);
    let fast = simulate::simulate(plan, &batch, &list, &s).expect("runs");
    let slow = simulate::simulate_reference(plan, &batch, &list, &s).expect("runs");
    assert_eq!(fast.decisions, slow.decisions);
    // the ceilings differ between the epochs: the same candidates rank otherwise
    let rank = |day: &str| {
        let p = engine::Prepared::new(plan, &list_req(day)).expect("prepared");
        engine::rank_batch(&p, &batch).ranked
    };
    assert_ne!(rank("2024-03-31"), rank("2024-04-01"));
    assert_ne!(rank("2024-08-31"), rank("2024-09-01"));
}

fn list_req(day: &str) -> engine::Request {
    list(day, Pillar::Versneld, "Turnhout")
}

/// Same inputs, same seed: the same log and summary, byte for byte; with
/// refusals, another seed decides otherwise.
#[test]
fn the_same_seed_gives_the_same_bytes() {
    let plan = plan();
    let batch = Batch::from_candidates("kandidaten", &candidates(plan, 400, 9, "2024-12-31"));
    let list = year(plan, 120, 9, "2024-01-01", "2024-12-31");
    let run = |zaad: u64| {
        let s = settings("2024-01-01", "2024-12-31", zaad, 0.3);
        let sim = simulate::simulate(plan, &batch, &list, &s).expect("runs");
        let summary = Summary::new(&sim, plan, &batch);
        (
            write::log_csv(&sim.log(plan, &batch)),
            write::summary_text(&summary),
        )
    };
    let a = run(5);
    assert_eq!(a, run(5));
    assert_ne!(a.0, run(6).0);
}

// ---------------------------------------------------------------------------
// Ten dwellings, twenty candidates, checked by hand.
//
// Kempen plan, 2024. Ten dwellings in Turnhout, all with 2 bedrooms (the
// Kempen rationele bezetting: 2 to 4 persons), on the 15th of January to
// October. None reserved, so the pacing rule decides: every fifth
// allocation goes to pijler 2 ((v+1)/(n+1) <= 20% first holds at n+1 = 5,
// then at 10), so W05 (May) and W10 (October) are pijler 2, the rest pijler 1.
//
// Pijler 1 in Turnhout: tier 1 woonbinding (5 years uninterrupted in the
// last 10), tier 2 mantelzorg in Turnhout, then no tier; within a tier the
// earliest registration.
//
// - A1..A4 live in Turnhout since 2010 (tier 1), registered 2018, 2019,
//   2020, 2021.
// - E1 lived in Turnhout from 2012-01-01 to 2019-03-31, then in Mol,
//   registered 2021-09-09: the window of the last 10 years slides past the
//   start of that run, so the run inside it lasts 5 years up to reference
//   date 2024-03-31 and no longer from 2024-04-01: tier 1 until March.
// - D1 lives in Turnhout since 2019-06-15, registered 2016: 5 years from
//   2024-06-14 on, so tier 1 from June (no tier before).
// - X3 lives in Turnhout since 2010 but registers only on 2024-07-01.
// - B1, B2 give mantelzorg in Turnhout (tier 2), registered 2015, 2016.
// - C1..C4 have no tier, registered 2010..2013.
// - U1, U2, U3 are urgent (pijler 2), no tier, registered 2022:
//   U1 opvang 20 + inkomen 20 + begeleiding gemeente 5 + 1 kind 1 = 46;
//   U2 instelling 20 + inkomen cat. 2 15 + werkingsgebied 3 + 3 kinderen 2 = 40;
//   U3 geen-opvang 15 + 20 + arrondissement 1 + 1 kind 1 = 37.
// - U4 has woonnood 'bijzonder' (never scored): not in pijler 2.
// - X1 (6 persons) and F1 (1 person) do not fit 2 bedrooms; X2 wants
//   Beerse only. All three live in Turnhout since 2010.
//
// So:
//   W01 Jan: tier 1 = A1..A4, E1 (2021-09-09 after A4): A1.
//   W02 Feb: A2.   W03 Mar: A3.
//   W04 Apr: E1 has lost tier 1 on 1 April: A4.
//   W05 May: pijler 2, the highest total: U1 (46).
//   W06 Jun: D1 reached tier 1 on 14 June, the only one left in it: D1.
//   W07 Jul: X3, registered on 1 July, tier 1: X3.
//   W08 Aug: tier 1 is empty (E1 lost it), tier 2: B1 (2015).
//   W09 Sep: B2.
//   W10 Oct: pijler 2: U2 (40).
// Not housed: C1..C4, E1, U3, U4, X1, X2, F1. Urgent: U1, U2, U3 (U4 is
// excluded from pijler 2), of whom U3 is not reached.
// ---------------------------------------------------------------------------

fn hand_candidates() -> Vec<Candidate> {
    let g = Household::Gezin;
    let mut v = Vec::new();
    let mut add = |dossier: &str, ins: &str, adults: u32, kids: u32, hist: &str| {
        let mut c = cand(dossier, ins, g, adults, kids, Some("3000"), None, None);
        c.voorkeur = vec!["Turnhout".into()];
        c.woonhistoriek = history(hist);
        v.push(c);
    };
    add("A1", "2018-01-10", 2, 0, "Turnhout@2010-01-01..");
    add("A2", "2019-05-05", 1, 1, "Turnhout@2010-01-01..");
    add("A3", "2020-02-02", 2, 1, "Turnhout@2010-01-01..");
    add("A4", "2021-03-03", 2, 2, "Turnhout@2010-01-01..");
    add(
        "E1",
        "2021-09-09",
        2,
        0,
        "Turnhout@2012-01-01..2019-03-31;Mol@2019-04-01..",
    );
    add("D1", "2016-01-01", 2, 0, "Turnhout@2019-06-15..");
    add("X3", "2024-07-01", 2, 0, "Turnhout@2010-01-01..");
    add("B1", "2015-01-01", 2, 0, "Mol@2000-01-01..");
    add("B2", "2016-06-06", 2, 0, "Mol@2000-01-01..");
    add("C1", "2010-01-01", 2, 0, "");
    add("C2", "2011-01-01", 2, 0, "");
    add("C3", "2012-01-01", 2, 0, "");
    add("C4", "2013-01-01", 2, 0, "");
    add("X1", "2005-01-01", 2, 4, "Turnhout@2010-01-01..");
    add("X2", "2005-01-01", 2, 0, "Turnhout@2010-01-01..");
    add("F1", "2006-01-01", 1, 0, "Turnhout@2010-01-01..");
    v[7].mantelzorg = vec!["Turnhout".into()];
    v[8].mantelzorg = vec!["Turnhout".into()];
    v[14].voorkeur = vec!["Beerse".into()];
    let mut urgent = |dossier: &str, kids: u32, income: &str, need: &str, guidance: &str| {
        let mut c = cand(
            dossier,
            "2022-04-04",
            g,
            1,
            kids,
            Some(income),
            Some(need),
            Some(guidance),
        );
        c.voorkeur = vec!["Turnhout".into()];
        v.push(c);
    };
    urgent("U1", 1, "1500", "opvang", "gemeente");
    urgent("U2", 3, "2000", "instelling", "werkingsgebied");
    urgent("U3", 1, "1500", "geen-opvang", "arrondissement");
    urgent("U4", 1, "1500", "bijzonder", "gemeente");
    v
}

fn hand_dwellings() -> Vec<Vacancy> {
    (1..=10)
        .map(|m| {
            let day = d(&format!("2024-{m:02}-15"));
            Vacancy {
                woning: Dwelling {
                    woning: format!("W{m:02}"),
                    gemeente: "Turnhout".into(),
                    slaapkamers: 2,
                    soort: Some("appartement".into()),
                    doelgroep: None,
                    vrij_vanaf: Some(day),
                },
                vrij_vanaf: day,
                bijzonder: None,
            }
        })
        .collect()
}

#[test]
fn ten_dwellings_twenty_candidates_by_hand() {
    let plan = plan();
    let list = hand_candidates();
    assert_eq!(list.len(), 20);
    let batch = Batch::from_candidates("kandidaten", &list);
    let s = settings("2024-01-01", "2024-12-31", 1, 0.0);
    let sim = simulate::simulate(plan, &batch, &hand_dwellings(), &s).expect("runs");
    let slow = simulate::simulate_reference(plan, &batch, &hand_dwellings(), &s).expect("runs");
    assert_eq!(sim.decisions, slow.decisions);
    let log = sim.log(plan, &batch);
    let got: Vec<(String, String, String)> = log
        .iter()
        .map(|r| {
            (
                r.woning.clone(),
                r.pijler.map(|p| p.label().to_string()).unwrap_or_default(),
                r.dossier.clone().unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("W01", "standaard", "A1"),
        ("W02", "standaard", "A2"),
        ("W03", "standaard", "A3"),
        ("W04", "standaard", "A4"),
        ("W05", "versneld", "U1"),
        ("W06", "standaard", "D1"),
        ("W07", "standaard", "X3"),
        ("W08", "standaard", "B1"),
        ("W09", "standaard", "B2"),
        ("W10", "versneld", "U2"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(log[4].punten, Some(46));
    assert_eq!(log[9].punten, Some(40));
    assert_eq!(log[7].woonbinding.as_deref(), Some("mantelzorg"));
    let summary = Summary::new(&sim, plan, &batch);
    assert_eq!(summary.dringend.op_lijst, 3);
    assert_eq!(
        summary.dringend.niet_bereikt_dossiers,
        vec!["U3".to_string()]
    );
    assert!(summary.toets.versneld_ok && summary.toets.standaard_ok);
    insta::assert_snapshot!("hand_log", write::log_csv(&log));
    insta::assert_snapshot!("hand_summary", write::summary_text(&summary));
}

/// The same ten dwellings without the urgent candidates U1..U3: nobody
/// fits pijler 2. W05 is the first dwelling due to pijler 2; it goes to
/// pijler 1, and pijler 2 stays behind, so every next dwelling is due to it
/// and falls back too (W06..W10). The summary says why pijler 2 stayed
/// below its share.
#[test]
fn pillar_two_short_of_candidates_is_explained() {
    let plan = plan();
    let list: Vec<Candidate> = hand_candidates()
        .into_iter()
        .filter(|c| !["U1", "U2", "U3"].contains(&c.dossier.as_str()))
        .collect();
    let batch = Batch::from_candidates("kandidaten", &list);
    let s = settings("2024-01-01", "2024-12-31", 1, 0.0);
    let sim = simulate::simulate(plan, &batch, &hand_dwellings(), &s).expect("runs");
    let fell_back: Vec<&str> = sim
        .dwellings
        .iter()
        .zip(&sim.decisions)
        .filter(|(_, d)| d.reden == Some(Reden::Uitwijk))
        .map(|(w, _)| w.woning.woning.as_str())
        .collect();
    assert_eq!(fell_back, ["W05", "W06", "W07", "W08", "W09", "W10"]);
    let text = write::summary_text(&Summary::new(&sim, plan, &batch));
    assert!(
        text.contains("pijler 2: 0 van 10 toewijzingen; wettelijk 20% = 2: binnen één toewijzing: NEE\n    waarom: 6 keer kwam een woning pijler 2 toe maar paste geen kandidaat van pijler 2"),
        "{text}"
    );
}

/// The Kempen note: 451 candidates with a confirmed urgent need among a
/// few thousand, 695 allocations in a year: 20% houses about 139 of them
/// through pijler 2.
#[test]
fn kempen_order_of_magnitude() {
    let plan = plan();
    let mut list = candidates(plan, 3000, 2021, "2023-12-31");
    let needs = [
        "geen-opvang",
        "instelling",
        "opvang",
        "familie",
        "opzeg",
        "jongere",
        "ggz",
        "pv",
        "onbewoonbaar",
        "ongeschikt",
        "overbewoond",
    ];
    for (i, c) in list.iter_mut().enumerate() {
        if i < 451 {
            c.woonnood = Some(needs[i % needs.len()].to_string());
            c.begeleiding = Some("gemeente".into());
            c.gezinstype = Household::Gezin;
            c.kinderen = c.kinderen.clamp(1, 3);
            c.volwassenen = c.volwassenen.min(2);
            c.geboortedata.truncate(c.volwassenen as usize);
            c.inkomen_cent = Some(150_000);
            c.voorkeur.clear();
        } else {
            c.woonnood = None;
        }
    }
    let batch = Batch::from_candidates("kandidaten", &list);
    let gen = Generation {
        per_gemeente: dwellings::spread_by_patrimony(plan, 695),
        bijzonder_promille: 0,
    };
    let year =
        dwellings::generate(plan, &gen, d("2024-01-01"), d("2024-12-31"), 2021).expect("a year");
    assert_eq!(year.len(), 695);
    let s = settings("2024-01-01", "2024-12-31", 2021, 0.0);
    let sim = simulate::simulate(plan, &batch, &year, &s).expect("runs");
    let summary = Summary::new(&sim, plan, &batch);
    assert_eq!(summary.dringend.op_lijst, 451);
    let p2 = summary.per_pijler[1].aantal;
    assert!((136..=139).contains(&p2), "pijler 2: {p2}");
    assert!(summary.toets.versneld_ok, "{summary:#?}");
    assert_eq!(summary.dringend.via_versneld, p2);
    eprintln!(
        "Kempen: {} toewijzingen, {} via pijler 2, {} dringend via een andere pijler, {} dringend niet bereikt",
        summary.toegewezen, p2, summary.dringend.via_ander, summary.dringend.niet_bereikt
    );
}

/// Issue 15: a generated list of 3,000 (`reglement genereer`, seed 1) and 695
/// dwellings in a year. The flagship (the drempel read on woonnood, inkomen
/// and begeleiding) fills pijler 2 to 20% within one allocation; the same
/// reglement with the drempel read literally (kinderlast too, the R0245
/// fixture) falls short, on the same list and the same dwellings.
#[test]
fn the_stated_reading_fills_pijler_2_and_the_literal_one_falls_short() {
    let literal = {
        let main =
            std::fs::read_to_string("tests/fixtures/checks/R0245-fout-kempen-letterlijk.reglement")
                .expect("fixture");
        let regio = std::fs::read_to_string(
            "tests/fixtures/checks/regio/R0245-kempen-letterlijk-regio.reglement",
        )
        .expect("fixture");
        let loader = reglement::MemoryLoader::default()
            .with("regio/R0245-kempen-letterlijk-regio.reglement", regio);
        let a = reglement::analyze("letterlijk.reglement", &main, &loader);
        reglement::plan::compile(&a).expect("the literal fixture compiles")
    };
    let plan = plan();
    // as `reglement genereer --aantal 3000` (seed 1, peildatum 2024-06-30)
    let profile = Profile::from_plan(plan, d("2024-06-30"));
    let list: Vec<Candidate> = Generator::new(&profile, 1).take(3000).collect();
    let batch = Batch::from_candidates("kandidaten", &list);
    let gen = Generation {
        per_gemeente: dwellings::spread_by_patrimony(plan, 695),
        bijzonder_promille: 0,
    };
    let year =
        dwellings::generate(plan, &gen, d("2024-01-01"), d("2024-12-31"), 1).expect("dwellings");
    let s = settings("2024-01-01", "2024-12-31", 1, 0.0);
    let p2 = |p: &Plan| {
        let sim = simulate::simulate(p, &batch, &year, &s).expect("runs");
        let summary = Summary::new(&sim, p, &batch);
        (summary.toegewezen, summary.per_pijler[1].aantal)
    };
    let (all, stated) = p2(plan);
    let (_, literal) = p2(&literal);
    assert_eq!(all, 695);
    assert!(
        stated * 5 <= all && (stated + 1) * 5 > all,
        "pijler 2: {stated} van {all}"
    );
    assert!(literal < stated, "letterlijk {literal}, gelezen {stated}");
    eprintln!("pijler 2 van {all}: gelezen {stated}, letterlijk {literal}");
}

// ---------------------------------------------------------------------------
// The command end to end
// ---------------------------------------------------------------------------

fn run_ok(args: &[&str]) -> String {
    let o = reglement(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn command_with_a_dwellings_file_writes_log_and_summary() {
    let dir = temp_dir("bestand");
    let log = dir.join("log.csv");
    let json = dir.join("log.json");
    let csv = dir.join("samenvatting.csv");
    let out = run_ok(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--woningen",
        "examples/woningen-2024.csv",
        "--van",
        "2024-01-01",
        "--toewijzingen",
        log.to_str().unwrap(),
        "--samenvatting-csv",
        csv.to_str().unwrap(),
    ]);
    insta::assert_snapshot!("example_summary", out);
    let log_text = std::fs::read_to_string(&log).expect("log");
    insta::assert_snapshot!("example_log", log_text);
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    assert!(csv_text.starts_with("versie,onderdeel,sleutel,maat,waarde\n"));
    assert!(csv_text.contains("A,pijler,versneld,aantal,"));
    // the alias, and the JSON log names its inputs
    run_ok(&[
        "simulate",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--woningen",
        "examples/woningen-2024.csv",
        "--van",
        "2024-01-01",
        "--toewijzingen",
        json.to_str().unwrap(),
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid json");
    assert_eq!(v["schema"], "reglement-simulatie/1");
    assert_eq!(v["woningen"], "woningen-2024.csv");
    assert_eq!(v["toewijzingen"].as_array().map(Vec::len), Some(24));
    // the summary as JSON: the same numbers as the text
    let json_summary = run_ok(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--woningen",
        "examples/woningen-2024.csv",
        "--van",
        "2024-01-01",
        "--formaat",
        "json",
    ]);
    let s: serde_json::Value = serde_json::from_str(&json_summary).expect("summary json");
    assert_eq!(s["woningen"], 24);
    assert_eq!(s["per_pijler"][3]["pijler"], "bijzonder");
    assert_eq!(s["per_pijler"][3]["aantal"], 1);
    assert!(
        out.contains(&format!("toegewezen: {};", s["toegewezen"])),
        "{out}"
    );

    // every allocation's reference reproduces its explanation with verklaar
    let mut rdr = csv::Reader::from_path(&log).expect("log csv");
    let mut explained = 0;
    for row in rdr.records() {
        let row = row.expect("row");
        let reference = &row[16];
        if reference.is_empty() {
            continue;
        }
        let mut args = vec![
            "verklaar",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
            "--woningen",
            "examples/woningen-2024.csv",
        ];
        args.extend(reference.split(' '));
        let text = run_ok(&args);
        assert!(text.contains(&format!("Dossier {}", &row[9])), "{text}");
        assert!(!text.contains("Uitgesloten"), "{text}");
        explained += 1;
    }
    assert!(explained >= 10);
}

#[test]
fn command_is_deterministic_and_compares_two_versions() {
    let dir = temp_dir("vergelijk");
    let variant = dir.join("kempen-strenger.reglement");
    std::fs::write(&variant, stricter_text()).expect("variant");
    std::fs::write(dir.join("kempen-regio.reglement"), REGIO).expect("regio");
    let kandidaten = dir.join("kandidaten.csv");
    run_ok(&[
        "genereer",
        "examples/kempen.reglement",
        "--aantal",
        "1500",
        "--zaad",
        "3",
        "--peildatum",
        "2024-06-30",
        "-o",
        kandidaten.to_str().unwrap(),
    ]);
    let args = |log: &Path| -> Vec<String> {
        [
            "simuleer",
            "examples/kempen.reglement",
            "--kandidaten",
            kandidaten.to_str().unwrap(),
            "--van",
            "2024-01-01",
            "--per-jaar",
            "300",
            "--bijzonder",
            "20",
            "--zaad",
            "11",
            "--weigerkans",
            "0,2",
            "--vergelijk",
            variant.to_str().unwrap(),
            "--toewijzingen",
            log.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let a_log = dir.join("a.csv");
    let b_log = dir.join("b.csv");
    let a_args = args(&a_log);
    let b_args = args(&b_log);
    let a = run_ok(&a_args.iter().map(String::as_str).collect::<Vec<_>>());
    let b = run_ok(&b_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(a, b);
    assert_eq!(
        std::fs::read(&a_log).expect("a"),
        std::fs::read(&b_log).expect("b")
    );
    assert!(
        a.contains("Vergelijking op dezelfde lijst en dezelfde woningen"),
        "{a}"
    );
    assert!(a.contains("Gehuisvest onder A en niet onder B: "), "{a}");
    assert!(
        !a.contains("Gehuisvest onder A en niet onder B: 0\n"),
        "{a}"
    );
    assert!(a.contains("weigeringen: "), "{a}");
}

#[test]
fn command_refuses_bad_use_in_dutch() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--van",
                "2024-06-01",
                "--tot",
                "2024-01-01",
                "--per-jaar",
                "10",
            ],
            "de periode eindigt",
        ),
        (
            &["--van", "2024-01-01", "--weigerkans", "2"],
            "verwacht een kans tussen 0 en 1",
        ),
        (
            &["--van", "2024-01-01", "--per-gemeente", "Gent=4"],
            "ligt niet in het werkingsgebied",
        ),
        (
            &[
                "--van",
                "2024-01-01",
                "--woningen",
                "examples/woningen.csv",
                "--tot",
                "2024-12-31",
            ],
            "",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec![
            "simuleer",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
        ];
        args.extend_from_slice(extra);
        let o = reglement(&args);
        if want.is_empty() {
            // examples/woningen.csv has vrij_vanaf for every dwelling
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
    }
    // dwellings files with errors: every bad row is named, with its line
    // and column, and the simulation does not run
    let dir = temp_dir("woningen-fout");
    let run = |name: &str, text: &str| {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("file");
        let o = reglement(&[
            "simuleer",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
            "--woningen",
            file.to_str().unwrap(),
            "--van",
            "2024-01-01",
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stdout(&o).is_empty(), "{name}");
        stderr(&o)
    };
    let mut messages = String::new();
    for (name, text) in [
        (
            "zonder-kolom.csv",
            "woning,gemeente,slaapkamers\nW-1,Turnhout,2\nW-2,Beerse,1\n",
        ),
        (
            "zonder-datum.csv",
            "woning,gemeente,slaapkamers,vrij_vanaf\nW-1,Turnhout,2,2024-02-01\nW-2,Beerse,1,\n",
        ),
        (
            "fouten.csv",
            "woning,gemeente,slaapkamers,vrij_vanaf\n\"W-1\nbis\",Turnhout,2,2024-02-01\nW-2,Beerse,twee,2024-03-01\nW-3,Beerse,1,2024-02-30\nW-4,Beerse,1\nW-1\nbis,Merksplas,1,2024-04-01\n,Beerse,1,2024-05-01\n",
        ),
        ("zonder-kop.csv", "W-1,Turnhout,2,2024-02-01\n"),
        (
            "fout.json",
            "[{\"woning\": \"W-1\", \"gemeente\": \"Turnhout\", \"slaapkamers\": -1, \"vrij_vanaf\": \"2024-01-05\"}]",
        ),
    ] {
        messages.push_str(&format!("== {name}\n{}", run(name, text)));
    }
    insta::assert_snapshot!("dwellings_file_errors", messages);
}

/// Every row of the candidates file is accounted for: on the list,
/// registered only after the period, or rejected with its error (an
/// unreadable row, an unknown code); the counts add up.
#[test]
fn command_accounts_for_every_candidate_row() {
    let dir = temp_dir("kandidaten-fout");
    let file = dir.join("kandidaten.csv");
    let mut text = std::fs::read_to_string("examples/kandidaten.csv").expect("example");
    text.push_str("K-BAD,2021-13-45,gezin,1,2,,,,,,,\n");
    text.push_str("K-COD,2021-01-05,gezin,1,2,1500,opvnag,,,,,\n");
    text.push_str("K-LAT,2025-01-05,gezin,1,2,1500,opvang,,,,,\n");
    std::fs::write(&file, text).expect("file");
    let o = reglement(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        file.to_str().unwrap(),
        "--woningen",
        "examples/woningen-2024.csv",
        "--van",
        "2024-01-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "geweigerd: kandidaten.csv, regel 19, kolom 2 (inschrijvingsdatum), dossier K-BAD:"
        ),
        "{err}"
    );
    assert!(
        err.contains("geweigerd: kandidaten.csv, regel 20, kolom 7 (woonnood), dossier K-COD: 'woonnood' heeft de code 'opvnag', die het reglement niet kent; bedoelt u 'opvang'?"),
        "{err}"
    );
    assert!(
        stdout(&o).contains(
            "kandidaten gelezen: 20 = op de lijst 17 + ingeschreven na de periode 1 + geweigerd 2\n"
        ),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------
// The report in headless Chromium
// ---------------------------------------------------------------------------

#[test]
fn report_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("simuleer");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let kandidaten = dir.join("kandidaten.csv");
    run_ok(&[
        "genereer",
        "examples/kempen.reglement",
        "--aantal",
        "3000",
        "--zaad",
        "7",
        "--peildatum",
        "2023-12-31",
        "-o",
        kandidaten.to_str().unwrap(),
    ]);
    // a year of 695 dwellings on that list, with more arguments
    let year = |more: &[&str]| {
        let mut args = vec![
            "simuleer",
            "examples/kempen.reglement",
            "--kandidaten",
            kandidaten.to_str().unwrap(),
            "--van",
            "2024-01-01",
            "--per-jaar",
            "695",
        ];
        args.extend_from_slice(more);
        run_ok(&args)
    };
    let page = dir.join("rapport.html");
    year(&["--bijzonder", "15", "--rapport", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).expect("report");
    // self-contained: no address to fetch anything from
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    assert_eq!(html.matches("<svg").count(), 3);
    let profile = dir.join("profiel");
    let dom = headless(&chromium, &profile, &["--dump-dom".into()], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert!(console_lines(&dom).is_empty(), "{:#?}", console_lines(&dom));
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(dom_text.matches("<svg").count(), 3);
    assert_eq!(
        dom_text.matches("<table").count(),
        html.matches("<table").count()
    );
    assert!(dom_text.contains("Pijleraandelen over het jaar"));
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target")
        .join("simuleer-rapport.png");
    let o = headless(
        &chromium,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=900,1400".into(),
            // let layout and paint finish before the picture is taken
            "--virtual-time-budget=3000".into(),
            "--run-all-compositor-stages-before-draw".into(),
        ],
        &page,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&shot).expect("screenshot");
    assert_eq!(png_size(&bytes), (900, 1400));
    // a blank page compresses to a few kilobytes; charts and tables do not
    assert!(bytes.len() > 40_000, "screenshot of {} bytes", bytes.len());

    // the same year under a second version: both side by side, and who is
    // housed under one and not the other, folded
    let variant = dir.join("kempen-strenger.reglement");
    std::fs::write(&variant, stricter_text()).expect("variant");
    std::fs::write(dir.join("kempen-regio.reglement"), REGIO).expect("regio");
    let both = dir.join("vergelijking.html");
    year(&[
        "--vergelijk",
        variant.to_str().unwrap(),
        "--rapport",
        both.to_str().unwrap(),
    ]);
    let dom = headless(&chromium, &profile, &["--dump-dom".into()], &both);
    assert!(console_lines(&dom).is_empty(), "{:#?}", console_lines(&dom));
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    for part in [
        "<h2>Vergelijking</h2>",
        "kempen-strenger.reglement",
        "mediane wachttijd in dagen, alle pijlers",
        "Gehuisvest onder A en niet onder B: ",
        "<summary>dossiers tonen</summary>",
    ] {
        assert!(dom_text.contains(part), "{part} ontbreekt");
    }
}

/// The two years the proptest found where pijler 2 ended more than one
/// allocation under 20% once quota places of pijler 3 were filled (2 of
/// 17: quota places kept pijler 1 exactly at its minimum, so pijler 2's
/// turns went to pijler 1 until the year ended). A quota place now leaves
/// pijler 1 room for pijler 2's next turn (`Pacing::room_for_quota`).
#[test]
fn quota_places_leave_pillar_two_its_turn() {
    for (n, per_jaar, seed) in [(319usize, 17u64, 229_805u64), (130, 16, 636_797)] {
        // found before the example stated its reading: quotas per year
        let plan = per_year();
        let batch = Batch::from_candidates("kandidaten", &candidates(plan, n, seed, "2024-12-31"));
        let list = year(plan, per_jaar, seed, "2024-01-01", "2024-12-31");
        let s = settings("2024-01-01", "2024-12-31", seed, 0.0);
        let sim = simulate::simulate(plan, &batch, &list, &s).expect("runs");
        assert!(
            sim.decisions.iter().any(|d| d.quotum),
            "a year with quota places ({n}, {per_jaar}, {seed})"
        );
        assert!(
            !sim.decisions
                .iter()
                .any(|d| d.gepland == Some(AllocationPillar::Versneld)
                    && d.pijler != Some(AllocationPillar::Versneld)),
            "every pillar-2 turn found a candidate ({n}, {per_jaar}, {seed})"
        );
        let [p1, p2, p3, _] = counted(&sim);
        let total = p1 + p2 + p3;
        assert!(p2 * 5 <= total, "pijler 2 {p2} of {total}");
        assert!(
            (p2 as i64 * 5 - total as i64).abs() <= 5,
            "pijler 2 {p2} of {total} ({n}, {per_jaar}, {seed})"
        );
        assert!(p1 * 2 >= total, "pijler 1 {p1} of {total}");
        let slow = simulate::simulate_reference(plan, &batch, &list, &s).expect("runs");
        assert_eq!(sim.decisions, slow.decisions);
    }
}
