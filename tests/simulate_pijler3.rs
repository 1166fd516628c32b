//! The rest of the Kempen note in `simuleer` (issue 15, item 3): the
//! reserved dwellings of pijler 3 as a quota that any suitable dwelling
//! fills (niet-gelabelde woningen), and the knipperlicht whose
//! begeleidingsovereenkomst is recorded in the middle of the year.

mod common;
use common::*;
use reglement::engine::{Batch, Candidate, Dwelling, Vastgelegd};
use reglement::plan::Plan;
use reglement::simulate::{self, AllocationPillar, Settings, Summary, Vacancy};
use reglement::syntax::ast::Household;

fn settings() -> Settings {
    Settings {
        van: d("2024-01-01"),
        tot: d("2024-12-31"),
        zaad: 7,
        weigerkans: 0.0,
    }
}

fn free(i: usize, gemeente: &str, slaapkamers: u32, doelgroep: Option<&str>) -> Vacancy {
    let day = d("2024-01-05") + chrono::Days::new(17 * i as u64);
    Vacancy {
        woning: Dwelling {
            woning: format!("W-{i:03}"),
            gemeente: gemeente.into(),
            slaapkamers,
            soort: None,
            doelgroep: doelgroep.map(str::to_string),
            vrij_vanaf: Some(day),
        },
        vrij_vanaf: day,
        bijzonder: None,
    }
}

/// One adult, on the Turnhout list, with an attest for `group` (or none).
fn single(dossier: &str, reg: &str, group: Option<&str>) -> Candidate {
    let mut c = Candidate::new(dossier, d(reg), Household::Alleenstaande, 1, 0);
    c.doelgroepen = group.into_iter().map(str::to_string).collect();
    c.voorkeur = vec!["Turnhout".into()];
    c
}

/// The Kempen example with its reserved dwellings read as allocations
/// per calendar year (`quotum: toewijzingen per jaar`; the example itself
/// reads them as a stock, see `a_stock_opens_only_the_places_of_the_turnover`).
fn per_year() -> Plan {
    let main = std::fs::read_to_string("examples/kempen.reglement").expect("example");
    assert!(main.contains("    quotum: voorraad\n"));
    let main = main.replacen(
        "    quotum: voorraad\n",
        "    quotum: toewijzingen per jaar\n",
        1,
    );
    let regio = std::fs::read_to_string("examples/kempen-regio.reglement").expect("regio");
    let loader = reglement::MemoryLoader::default().with("kempen-regio.reglement", &regio);
    let analysis = reglement::analyze("kempen.reglement", &main, &loader);
    reglement::plan::compile(&analysis).expect("compiles")
}

fn run(cs: &[Candidate], list: &[Vacancy]) -> (simulate::Simulation, Summary) {
    run_with(&per_year(), cs, list)
}

fn run_with(plan: &Plan, cs: &[Candidate], list: &[Vacancy]) -> (simulate::Simulation, Summary) {
    let plan = plan.clone();
    let batch = Batch::from_candidates("kandidaten", cs);
    let fast = simulate::simulate(&plan, &batch, list, &settings()).expect("runs");
    let slow = simulate::simulate_reference(&plan, &batch, list, &settings()).expect("runs");
    assert_eq!(
        fast.decisions, slow.decisions,
        "both allocators decide alike"
    );
    let summary = Summary::new(&fast, &plan, &batch);
    (fast, summary)
}

fn quota<'a>(s: &'a Summary, group: &str, gemeente: &str) -> &'a simulate::summary::Quotum {
    s.per_quotum
        .iter()
        .find(|q| q.doelgroep == group && q.gemeente == gemeente)
        .expect("a quota row")
}

#[test]
fn a_quota_is_filled_by_a_non_labelled_dwelling() {
    // Turnhout reserves 5 dwellings for doorstromers (kempen.reglement);
    // the dwellings file labels none of them
    let mut cs: Vec<Candidate> = (0..30)
        .map(|i| single(&format!("K-{i:03}"), "2015-01-01", None))
        .collect();
    cs.extend((0..3).map(|i| single(&format!("D-{i}"), "2023-06-01", Some("doorstromer"))));
    let list: Vec<Vacancy> = (0..16).map(|i| free(i, "Turnhout", 1, None)).collect();
    let (sim, summary) = run(&cs, &list);
    let through_quota: Vec<&simulate::Decision> =
        sim.decisions.iter().filter(|x| x.quotum).collect();
    assert_eq!(
        through_quota.len(),
        3,
        "every doorstromer housed through a quota place"
    );
    for x in &through_quota {
        assert_eq!(x.pijler, Some(AllocationPillar::Doelgroepen));
        assert_eq!(x.doelgroep.as_deref(), Some("doorstromer"));
        assert_eq!(x.voorbehouden, None, "the dwelling itself carries no label");
    }
    let q = quota(&summary, "doorstromer", "Turnhout");
    assert_eq!(
        (q.doel, q.gevuld, q.gelabeld, q.niet_gelabeld),
        (5, 3, 0, 3)
    );
    // never at the cost of pijler 1's minimum
    let [p1, p2, p3, _] = counts(&sim);
    assert!(p1 * 2 >= p1 + p2 + p3, "pijler 1 {p1} of {}", p1 + p2 + p3);
    // the log says why and how to explain it
    let log = sim.log(&per_year(), &Batch::from_candidates("kandidaten", &cs));
    let row = log
        .iter()
        .find(|r| r.pijler == Some(AllocationPillar::Doelgroepen))
        .expect("a pillar-3 row");
    assert!(
        row.opmerking
            .as_deref()
            .is_some_and(|o| o.starts_with("niet-gelabelde woning")),
        "{row:?}"
    );
    assert!(
        row.verklaring
            .as_deref()
            .is_some_and(|v| v
                .starts_with("--pijler doelgroepen --doelgroep doorstromer --gemeente Turnhout")),
        "{row:?}"
    );
}

fn counts(sim: &simulate::Simulation) -> [u64; 4] {
    let mut out = [0u64; 4];
    for x in &sim.decisions {
        if let Some(p) = x.pijler {
            out[p.number() - 1] += 1;
        }
    }
    out
}

#[test]
fn a_full_quota_takes_no_more_and_a_labelled_dwelling_still_goes_to_its_group() {
    let mut cs: Vec<Candidate> = (0..40)
        .map(|i| single(&format!("K-{i:03}"), "2015-01-01", None))
        .collect();
    cs.extend((0..8).map(|i| single(&format!("D-{i}"), "2023-06-01", Some("doorstromer"))));
    let mut list: Vec<Vacancy> = (0..20).map(|i| free(i, "Turnhout", 1, None)).collect();
    // late in the year, after the quota is full: a dwelling labelled for the group
    list.push(free(20, "Turnhout", 1, Some("doorstromer")));
    let (sim, summary) = run(&cs, &list);
    assert_eq!(sim.decisions.iter().filter(|x| x.quotum).count(), 5);
    let last = sim.decisions.last().expect("a decision");
    assert_eq!(last.doelgroep.as_deref(), Some("doorstromer"));
    assert!(!last.quotum);
    let q = quota(&summary, "doorstromer", "Turnhout");
    assert_eq!(
        (q.doel, q.gevuld, q.gelabeld, q.niet_gelabeld),
        (5, 6, 1, 5)
    );
}

#[test]
fn a_dwelling_that_does_not_suit_fills_no_quota_place() {
    // three bedrooms are for 3 to 6 persons: no place for a single doorstromer
    let mut cs: Vec<Candidate> = (0..20)
        .map(|i| {
            let mut c = single(&format!("K-{i:03}"), "2015-01-01", None);
            c.volwassenen = 2;
            c.kinderen = 2;
            c.gezinstype = Household::Gezin;
            c
        })
        .collect();
    cs.push(single("D-0", "2023-06-01", Some("doorstromer")));
    let list: Vec<Vacancy> = (0..10).map(|i| free(i, "Turnhout", 3, None)).collect();
    let (sim, summary) = run(&cs, &list);
    assert!(sim.decisions.iter().all(|x| !x.quotum));
    assert_eq!(quota(&summary, "doorstromer", "Turnhout").gevuld, 0);
}

/// A pijler-2 household of five (46 points in the Kempen frame).
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

/// Families of four waiting in Turnhout since 2015, in pijler 1.
fn waiting_families(n: usize) -> Vec<Candidate> {
    (0..n)
        .map(|i| {
            let mut c = cand(
                &format!("K-{i:03}"),
                "2015-01-01",
                Household::Gezin,
                2,
                3,
                None,
                None,
                None,
            );
            c.voorkeur = vec!["Turnhout".into()];
            c
        })
        .collect()
}

/// A year of 21 three-bedroom dwellings in Turnhout for `cs`: the dossiers
/// housed in pijler 2 before `day` and from `day` on, and all of them with
/// their dwelling's date (for the assertion messages).
fn versneld_around(
    cs: &[Candidate],
    day: chrono::NaiveDate,
) -> (Vec<String>, Vec<String>, Vec<(chrono::NaiveDate, String)>) {
    let list: Vec<Vacancy> = (0..21).map(|i| free(i, "Turnhout", 3, None)).collect();
    let (sim, _) = run(cs, &list);
    let batch = Batch::from_candidates("kandidaten", cs);
    let versneld: Vec<(chrono::NaiveDate, String)> = sim
        .dwellings
        .iter()
        .zip(&sim.decisions)
        .filter(|(_, x)| x.pijler == Some(AllocationPillar::Versneld))
        .map(|(w, x)| {
            let c = x.kandidaat.expect("allocated");
            (
                w.vrij_vanaf,
                batch.dossier(&batch.records[c as usize]).to_string(),
            )
        })
        .collect();
    let side = |later: bool| -> Vec<String> {
        versneld
            .iter()
            .filter(|(d, _)| (*d >= day) == later)
            .map(|(_, x)| x.clone())
            .collect()
    };
    (side(false), side(true), versneld)
}

#[test]
fn a_knipperlicht_is_allocated_from_the_day_its_agreement_is_recorded() {
    // the begeleidingsovereenkomst column carries the day it is recorded
    // (README "Kandidaten"): before 1 July the knipperlicht candidate is
    // skipped in pijler 2, from then on he is first
    let mut cs = waiting_families(40);
    let mut flashing = urgent("P-0", "2023-01-01");
    flashing.knipperlicht = true;
    flashing.begeleidingsovereenkomst = Some(Vastgelegd::Op(d("2024-07-01")));
    cs.push(flashing);
    cs.push(urgent("P-1", "2023-03-01"));
    cs.push(urgent("P-2", "2023-04-01"));
    cs.push(urgent("P-3", "2023-05-01"));
    let (before, after, versneld) = versneld_around(&cs, d("2024-07-01"));
    assert!(!before.is_empty() && !after.is_empty(), "{versneld:?}");
    assert!(
        !before.iter().any(|x| x == "P-0"),
        "skipped before the agreement: {versneld:?}"
    );
    assert_eq!(
        after.first().map(String::as_str),
        Some("P-0"),
        "first once it is recorded: {versneld:?}"
    );
}

#[test]
fn a_sociaal_verslag_admits_from_the_day_it_is_approved() {
    // the sociaal_verslag column carries the day the report is approved
    // (README "Kandidaten"): the Kempen reglement admits a candidate in
    // bijzondere omstandigheden only through an approved report, and then
    // first ('sociaal verslag: vooraan'); before 1 July she is not in the
    // pijler-2 list, from then on she is first (the fast allocator re-ranks
    // on that day, as the reference allocator ranks on every dwelling's day)
    let mut cs = waiting_families(40);
    let mut report = cand(
        "V-0",
        "2023-09-01",
        Household::Gezin,
        2,
        3,
        Some("1600.00"),
        Some("bijzonder"),
        Some("gemeente"),
    );
    report.voorkeur = vec!["Turnhout".into()];
    report.sociaal_verslag = Some(Vastgelegd::Op(d("2024-07-01")));
    cs.push(report);
    cs.push(urgent("P-1", "2023-03-01"));
    cs.push(urgent("P-2", "2023-04-01"));
    cs.push(urgent("P-3", "2023-05-01"));
    let (before, after, versneld) = versneld_around(&cs, d("2024-07-01"));
    assert!(!before.is_empty() && !after.is_empty(), "{versneld:?}");
    assert!(
        !before.iter().any(|x| x == "V-0"),
        "not admitted before the report: {versneld:?}"
    );
    assert_eq!(
        after.first().map(String::as_str),
        Some("V-0"),
        "first once the report is approved: {versneld:?}"
    );
}

/// The example's reading, `quotum: voorraad`: the 5 dwellings Turnhout
/// holds for doorstromers give a place only as they become vacant, by
/// Turnhout's turnover in the simulated year (16 dwellings of its
/// patrimony): no quota place, while the per-year reading fills 3 of 5 on
/// the same list. The summary says which reading it used.
#[test]
fn a_stock_opens_only_the_places_of_the_turnover() {
    let mut cs: Vec<Candidate> = (0..30)
        .map(|i| single(&format!("K-{i:03}"), "2015-01-01", None))
        .collect();
    cs.extend((0..3).map(|i| single(&format!("D-{i}"), "2023-06-01", Some("doorstromer"))));
    let list: Vec<Vacancy> = (0..16).map(|i| free(i, "Turnhout", 1, None)).collect();
    let stock = kempen();
    assert_eq!(
        stock.doelgroepen.as_ref().and_then(|d| d.quotum),
        Some(reglement::plan::PlanQuotum::Voorraad)
    );
    let turnhout = stock
        .werkingsgebied
        .gemeenten
        .iter()
        .find(|g| g.naam == "Turnhout")
        .expect("Turnhout")
        .woningen;
    // 5 × 16 / patrimony, rounded half up
    let places = (5 * 16 * 2 + turnhout) / (2 * turnhout);
    let (sim, summary) = run_with(&stock, &cs, &list);
    assert_eq!(summary.quotum_lezing.as_deref(), Some("voorraad"));
    let q = quota(&summary, "doorstromer", "Turnhout");
    assert_eq!(q.doel, places);
    assert_eq!(q.niet_gelabeld, places.min(3));
    assert_eq!(
        sim.decisions.iter().filter(|x| x.quotum).count() as u64,
        places.min(3)
    );
    let (_, yearly) = run(&cs, &list);
    assert_eq!(
        yearly.quotum_lezing.as_deref(),
        Some("toewijzingen per jaar")
    );
    let q = quota(&yearly, "doorstromer", "Turnhout");
    assert_eq!((q.doel, q.niet_gelabeld), (5, 3));
}
