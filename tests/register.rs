//! The central register (CIR): one register for all of Flanders, so an
//! extract a woonmaatschappij receives holds preferences, mantelzorg and
//! residence in gemeenten outside its werkingsgebied. That is data, not an
//! error: a candidate is on the lists of the gemeenten of its voorkeur that
//! lie in the werkingsgebied, and excluded (not rejected) where none does.
//! Only a name that is no gemeente at all is an input error.
//!
//! Properties: adding gemeenten outside the werkingsgebied to a voorkeur
//! never changes any list; an extract across two woonmaatschappijen loses
//! no candidate in either; `gelezen = gerangschikt + uitgesloten +
//! geweigerd` with misspelt names in the file.

mod common;
use common::*;
use proptest::prelude::*;
use reglement::engine::generate::{Generator, Profile};
use reglement::engine::{self, Candidate, Pillar, Ranking, Status};
use reglement::gemeenten;
use reglement::plan::{self, Plan};
use std::path::Path;
use std::sync::OnceLock;

fn kempen_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(kempen)
}

fn limburg_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let a = reglement::analyze_file(Path::new("tests/fixtures/fusies/limburg.reglement"))
            .expect("fixture");
        plan::compile(&a).expect("compiles")
    })
}

fn names(plan: &Plan) -> Vec<String> {
    plan.werkingsgebied
        .gemeenten
        .iter()
        .map(|g| g.naam.clone())
        .collect()
}

/// Flemish gemeenten outside the werkingsgebied on a day, and former
/// gemeenten that merged into one of them.
fn outside(plan: &Plan, day: &str) -> Vec<String> {
    let inside: Vec<Option<u32>> = names(plan)
        .iter()
        .map(|n| gemeenten::nis_on(n, d(day)))
        .collect();
    gemeenten::names()
        .iter()
        .filter(|n| !inside.contains(&gemeenten::nis_on(n, d(day))))
        .cloned()
        .collect()
}

fn rank(plan: &Plan, cs: &[Candidate], day: &str, pijler: Pillar, g: &str) -> Ranking {
    engine::rank(plan, cs, &list(day, pijler, g)).expect("ranks")
}

/// What a list says of a row: rank, dossier, status, reason.
type Line = (Option<u32>, Option<String>, Status, Option<String>);

fn summary(r: &Ranking) -> Vec<Line> {
    r.rijen
        .iter()
        .map(|row| (row.rang, row.dossier.clone(), row.status, row.reden.clone()))
        .collect()
}

fn pick(seed: &mut u64, n: usize) -> usize {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 33) as usize % n.max(1)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    /// Adding gemeenten outside the werkingsgebied (current or former
    /// names) to a non-empty voorkeur never removes anyone from a list: every
    /// list of every gemeente, pijler 1 and 2, is the same row for row.
    /// (An empty voorkeur means the whole werkingsgebied, so it is left
    /// alone: adding an outside gemeente to it would be another choice.)
    #[test]
    fn adding_outside_gemeenten_to_a_voorkeur_changes_no_list(
        n in 20usize..250,
        seed in 0u64..1_000_000,
        extra in 0u64..1_000_000,
        limburg in any::<bool>(),
    ) {
        let (plan, day) = if limburg {
            (limburg_plan(), "2025-06-30")
        } else {
            (kempen_plan(), "2024-06-30")
        };
        let profile = Profile::from_plan(plan, d(day));
        let before: Vec<Candidate> = Generator::new(&profile, seed).take(n).collect();
        let elsewhere = outside(plan, day);
        let mut after = before.clone();
        let mut s = extra;
        for c in after.iter_mut().filter(|c| !c.voorkeur.is_empty()) {
            for _ in 0..pick(&mut s, 3) {
                let at = pick(&mut s, c.voorkeur.len() + 1);
                c.voorkeur.insert(at, elsewhere[pick(&mut s, elsewhere.len())].clone());
            }
        }
        for g in names(plan) {
            for pijler in [Pillar::Standaard, Pillar::Versneld] {
                let a = rank(plan, &before, day, pijler, &g);
                let b = rank(plan, &after, day, pijler, &g);
                let sa = a.samenvatting;
                prop_assert_eq!(sa.gelezen, sa.gerangschikt + sa.uitgesloten + sa.geweigerd);
                prop_assert_eq!(sa.geweigerd, 0, "generated candidates are valid");
                prop_assert_eq!(summary(&a), summary(&b), "{} {:?}", g, pijler);
            }
        }
    }

    /// One extract for two woonmaatschappijen (Kempen and Limburg-West,
    /// with gemeenten elsewhere and former names): nobody is rejected, and
    /// each candidate is excluded for its voorkeur exactly where its
    /// voorkeur (the gemeenten as they are on the day) leaves the gemeente
    /// out; `gelezen = gerangschikt + uitgesloten + geweigerd` always.
    #[test]
    fn an_extract_across_woonmaatschappijen_loses_no_candidate(
        n in 20usize..200,
        seed in 0u64..1_000_000,
    ) {
        let day = "2025-06-30";
        let mut pool = names(kempen_plan());
        pool.extend(names(limburg_plan()));
        pool.extend(["Ham", "Neerpelt", "Geel", "Borsbeek", "Gent", "Nazareth-De Pinte"].map(String::from));
        let profile = Profile::from_plan(kempen_plan(), d(day));
        let mut cs: Vec<Candidate> = Generator::new(&profile, seed).take(n).collect();
        let mut s = seed;
        for c in &mut cs {
            // the codes of one reglement are not another's: the lists of
            // pijler 1 read none of them
            c.woonnood = None;
            c.begeleiding = None;
            c.doelgroepen.clear();
            c.voorkeur.clear();
            for _ in 0..pick(&mut s, 4) {
                let g = pool[pick(&mut s, pool.len())].clone();
                if !c.voorkeur.contains(&g) {
                    c.voorkeur.push(g);
                }
            }
        }
        for plan in [kempen_plan(), limburg_plan()] {
            for g in names(plan) {
                let target = gemeenten::nis_on(&g, d(day));
                let r = rank(plan, &cs, day, Pillar::Standaard, &g);
                let sm = r.samenvatting;
                prop_assert_eq!(sm.geweigerd, 0);
                prop_assert_eq!(sm.gelezen, n);
                prop_assert_eq!(sm.gelezen, sm.gerangschikt + sm.uitgesloten + sm.geweigerd);
                for c in &cs {
                    let row = row(&r, &c.dossier);
                    let wants = c.voorkeur.is_empty()
                        || c.voorkeur.iter().any(|v| gemeenten::nis_on(v, d(day)) == target);
                    let by_voorkeur = row
                        .reden
                        .as_deref()
                        .is_some_and(|t| t.starts_with("voorkeur:"));
                    prop_assert_eq!(by_voorkeur, !wants, "{} in {}: {:?} {:?}", c.dossier, g, c.voorkeur, row.reden);
                }
            }
        }
    }

    /// Misspelt gemeenten in voorkeur and mantelzorg are rejected rows (one
    /// each, with a suggestion where a name is close); everything else is
    /// ranked or excluded; the counts add up.
    #[test]
    fn misspelt_gemeenten_are_rejected_and_counted(
        n in 20usize..200,
        seed in 0u64..1_000_000,
    ) {
        let day = "2024-06-30";
        let plan = kempen_plan();
        let profile = Profile::from_plan(plan, d(day));
        let mut cs: Vec<Candidate> = Generator::new(&profile, seed).take(n).collect();
        let mut s = seed;
        let mut typos = 0;
        for c in &mut cs {
            match pick(&mut s, 10) {
                0 => {
                    c.voorkeur.push("Turnhot".into());
                    typos += 1;
                }
                1 => {
                    c.mantelzorg = vec!["Beerze".into()];
                    typos += 1;
                }
                2 => {
                    // a place abroad in the residence history is no error
                    c.woonhistoriek.extend(history("Eindhoven@1990-01-01..1999-12-31"));
                }
                _ => {}
            }
        }
        let r = rank(plan, &cs, day, Pillar::Versneld, "Turnhout");
        let sm = r.samenvatting;
        prop_assert_eq!(sm.gelezen, n);
        prop_assert_eq!(sm.geweigerd, typos);
        prop_assert_eq!(sm.gelezen, sm.gerangschikt + sm.uitgesloten + sm.geweigerd);
        for row in r.rijen.iter().filter(|r| r.status == Status::Geweigerd) {
            let reden = row.reden.as_deref().unwrap_or("");
            prop_assert!(
                reden.contains("bedoelt u 'Turnhout'?") || reden.contains("bedoelt u 'Beerse'?"),
                "{}", reden
            );
        }
    }
}

#[test]
fn a_voorkeur_outside_is_excluded_with_that_reason_not_rejected() {
    let plan = kempen_plan();
    let mut c = cand(
        "K-1",
        "2021-03-15",
        reglement::syntax::ast::Household::Gezin,
        2,
        3,
        Some("1710.50"),
        Some("opvang"),
        Some("gemeente"),
    );
    c.voorkeur = vec!["Geel".into(), "Mol".into()];
    let mut inside = c.clone();
    inside.dossier = "K-2".into();
    inside.voorkeur = vec!["Geel".into(), "Turnhout".into()];
    let mut req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    req.verklaringen = true;
    let r = engine::rank(plan, &[c, inside], &req).expect("ranks");
    let out = row(&r, "K-1");
    assert_eq!(out.status, Status::Uitgesloten);
    assert_eq!(
        out.reden.as_deref(),
        Some("voorkeur: geen gemeente van het werkingsgebied")
    );
    let trace = out.verklaring.as_ref().expect("trace").render();
    assert!(
        trace.contains("voorkeur: geen gemeente van het werkingsgebied (voorkeur: Geel, Mol)"),
        "{trace}"
    );
    assert_eq!(row(&r, "K-2").status, Status::Gerangschikt);
    // the same candidate on the list of another gemeente it did not choose
    let r = engine::rank(
        plan,
        &[row_candidate()],
        &list("2024-06-30", Pillar::Versneld, "Beerse"),
    )
    .expect("ranks");
    assert_eq!(
        row(&r, "K-3").reden.as_deref(),
        Some("voorkeur: wil niet in Beerse wonen")
    );
}

fn row_candidate() -> Candidate {
    let mut c = cand(
        "K-3",
        "2021-03-15",
        reglement::syntax::ast::Household::Gezin,
        2,
        3,
        Some("1710.50"),
        Some("opvang"),
        Some("gemeente"),
    );
    c.voorkeur = vec!["Geel".into(), "Turnhout".into()];
    c
}

/// The simulation: a candidate's slots are the gemeenten of its voorkeur
/// inside the werkingsgebied (a former name counting as its successor);
/// one whose voorkeur lies wholly outside is on no list and counted as such.
#[test]
fn the_simulation_houses_in_the_voorkeur_inside_only() {
    use reglement::engine::Batch;
    use reglement::simulate::{self, dwellings, summary::Summary, Generation, Settings};
    let plan = limburg_plan();
    let profile = Profile::from_plan(plan, d("2025-12-31"));
    let mut cs: Vec<Candidate> = Generator::new(&profile, 11).take(1500).collect();
    for (i, c) in cs.iter_mut().enumerate() {
        match i % 5 {
            0 => c.voorkeur = vec!["Geel".into(), "Gent".into()],
            1 => c.voorkeur = vec!["Ham".into(), "Geel".into()],
            2 => c.voorkeur = vec!["Neerpelt".into()],
            _ => {}
        }
    }
    let batch = Batch::from_candidates("kandidaten", &cs);
    let gen = Generation {
        per_gemeente: dwellings::spread_by_patrimony(plan, 400),
        bijzonder_promille: 0,
    };
    let year =
        dwellings::generate(plan, &gen, d("2025-01-01"), d("2025-12-31"), 3).expect("a small year");
    let settings = Settings {
        van: d("2025-01-01"),
        tot: d("2025-12-31"),
        zaad: 3,
        weigerkans: 0.0,
    };
    let sim = simulate::simulate(plan, &batch, &year, &settings).expect("runs");
    let s = Summary::new(&sim, plan, &batch);
    let inside: Vec<Option<u32>> = names(plan)
        .iter()
        .map(|g| gemeenten::nis_on(g, d("2025-12-31")))
        .collect();
    let outside_only = cs
        .iter()
        .filter(|c| {
            !c.voorkeur.is_empty()
                && c.voorkeur
                    .iter()
                    .all(|g| !inside.contains(&gemeenten::nis_on(g, d("2025-12-31"))))
        })
        .count() as u64;
    assert!(outside_only >= 300);
    assert_eq!(s.voorkeur_buiten_werkingsgebied, outside_only);
    assert_eq!(
        s.kandidaten_gelezen,
        s.kandidaten_op_lijst
            + s.voorkeur_buiten_werkingsgebied
            + s.ingeschreven_na_periode
            + s.geweigerd
    );
    assert_eq!(s.geweigerd, 0);
    let mut housed = 0;
    for (dec, w) in sim.decisions.iter().zip(&sim.dwellings) {
        let Some(c) = dec.kandidaat else { continue };
        housed += 1;
        let dossier = batch.dossier(&batch.records[c as usize]);
        let k: usize = dossier[2..].parse().expect("K-nnnnnnn");
        let here = gemeenten::nis_on(&w.woning.gemeente, w.vrij_vanaf);
        match (k - 1) % 5 {
            0 => panic!(
                "{dossier} chose only gemeenten outside, but got {}",
                w.woning.gemeente
            ),
            1 => assert_eq!(w.woning.gemeente, "Tessenderlo-Ham", "{dossier}"),
            2 => assert_eq!(w.woning.gemeente, "Pelt", "{dossier}"),
            _ => {
                let v = &cs[k - 1].voorkeur;
                assert!(
                    v.is_empty() || v.iter().any(|g| gemeenten::nis_on(g, w.vrij_vanaf) == here),
                    "{dossier}: {v:?} in {}",
                    w.woning.gemeente
                );
            }
        }
    }
    assert!(housed > 300, "housed {housed}");
}
