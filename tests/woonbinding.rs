//! Woonbinding on tricky calendars: exactly 5 years, one day short, a
//! one-day gap, adjacent and overlapping periods, an open end, 29 February,
//! periods before the window and after the reference date; and the tiers a
//! plan can switch on (the (deel)werkingsgebied, a gemeente's stricter
//! woonbinding), executed through pijler 1.
//!
//! Convention (src/engine/woonbinding.rs): dates inclusive; the window of
//! the last 10 years before 2024-06-30 is 2014-07-01 ..= 2024-06-30; a run
//! a ..= b lasts 5 years when a + 5 years ≤ b + 1 day.

mod common;
use common::*;
use reglement::engine::fields::{from_date, Day, OPEN};
use reglement::engine::woonbinding::{evaluate, Evaluation};
use reglement::engine::{self, Pillar, Status};
use reglement::plan::{
    Herkomst, PlanStrengereWoonbinding, PlanTier, PlanTierKind, WoonbindingRegel,
};
use reglement::syntax::ast::Household::Gezin;

const VIJF_IN_TIEN: WoonbindingRegel = WoonbindingRegel::ononderbroken(5, 10);

fn eval_on(rule: WoonbindingRegel, periods: &[(&str, &str)], peil: &str) -> Evaluation {
    let ps: Vec<(Day, Day)> = periods
        .iter()
        .map(|(a, b)| {
            (
                from_date(d(a)),
                if b.is_empty() { OPEN } else { from_date(d(b)) },
            )
        })
        .collect();
    evaluate(ps.into_iter(), rule, from_date(d(peil)), &mut Vec::new())
}

fn ok(periods: &[(&str, &str)], peil: &str) -> bool {
    eval_on(VIJF_IN_TIEN, periods, peil).voldaan
}

#[test]
fn exactly_five_years_and_one_day_short() {
    assert!(ok(&[("2019-07-01", "2024-06-30")], "2024-06-30"));
    assert!(!ok(&[("2019-07-02", "2024-06-30")], "2024-06-30"));
    // also when the five years lie in the past, inside the window
    assert!(ok(&[("2015-03-01", "2020-02-29")], "2024-06-30"));
    assert!(!ok(&[("2015-03-01", "2020-02-28")], "2024-06-30"));
}

#[test]
fn open_end_runs_to_the_reference_date() {
    assert!(ok(&[("2019-07-01", "")], "2024-06-30"));
    assert!(!ok(&[("2019-07-01", "")], "2024-06-29"));
    // a period that ends after the reference date is cut there
    assert!(!ok(&[("2019-07-02", "2030-01-01")], "2024-06-30"));
}

#[test]
fn a_one_day_gap_interrupts() {
    // 2015-01-01 ..= 2017-12-31, then from 2018-01-02: 1 January 2018 is missing
    assert!(!ok(
        &[("2015-01-01", "2017-12-31"), ("2018-01-02", "2021-01-01")],
        "2024-06-30"
    ));
}

#[test]
fn adjacent_periods_join() {
    // the second starts the day after the first ends: one run of exactly 5 years
    assert!(ok(
        &[("2014-07-01", "2017-06-30"), ("2017-07-01", "2019-06-30")],
        "2024-06-30"
    ));
    // in any order in the file
    assert!(ok(
        &[("2017-07-01", "2019-06-30"), ("2014-07-01", "2017-06-30")],
        "2024-06-30"
    ));
}

#[test]
fn overlapping_periods_merge() {
    let e = eval_on(
        VIJF_IN_TIEN,
        &[("2016-01-01", "2019-12-31"), ("2018-06-01", "2021-03-31")],
        "2024-06-30",
    );
    assert!(e.voldaan);
    assert_eq!(
        e.run
            .map(|(a, b)| (engine::fields::to_date(a), engine::fields::to_date(b))),
        Some((d("2016-01-01"), d("2021-03-31")))
    );
    // one period inside another adds nothing
    assert!(!ok(
        &[("2018-01-01", "2021-12-31"), ("2019-01-01", "2019-02-01")],
        "2024-06-30"
    ));
}

#[test]
fn the_window_is_the_last_ten_years() {
    // lived there 2000 ..= 2019-06-30: inside the window 2014-07-01 ..= 2019-06-30, exactly 5 years
    assert!(ok(&[("2000-01-01", "2019-06-30")], "2024-06-30"));
    // one day less inside the window
    assert!(!ok(&[("2000-01-01", "2019-06-29")], "2024-06-30"));
    // long ago only
    assert!(!ok(&[("1990-01-01", "2010-12-31")], "2024-06-30"));
    // a period that starts after the reference date does not count
    assert!(!ok(&[("2024-07-01", "")], "2024-06-30"));
}

#[test]
fn twenty_nine_february() {
    // from 29 February 2020, five years later is 28 February 2025 (no 29th):
    // 2020-02-29 ..= 2025-02-27 lasts exactly 5 years
    assert!(ok(&[("2020-02-29", "2025-02-27")], "2025-06-30"));
    assert!(!ok(&[("2020-02-29", "2025-02-26")], "2025-06-30"));
    // a reference date of 29 February: the window starts 2014-03-01
    assert!(ok(&[("2014-03-01", "2019-02-28")], "2024-02-29"));
    assert!(!ok(&[("2014-02-28", "2019-02-27")], "2024-02-29"));
    // a period over a leap day counts that day
    assert!(ok(&[("2019-03-01", "")], "2024-02-29"));
    assert!(!ok(&[("2019-03-02", "")], "2024-02-29"));
}

fn mk(dossier: &str, reg: &str, hist: &str) -> engine::Candidate {
    let mut c = cand(dossier, reg, Gezin, 2, 1, None, None, None);
    c.woonhistoriek = history(hist);
    c
}

fn tiers_of(
    plan: &reglement::plan::Plan,
    candidates: &[engine::Candidate],
    gemeente: &str,
) -> Vec<(String, String)> {
    let r = engine::rank(
        plan,
        candidates,
        &list("2024-06-30", Pillar::Standaard, gemeente),
    )
    .expect("request");
    r.rijen
        .iter()
        .filter(|x| x.status == Status::Gerangschikt)
        .map(|x| {
            (
                x.dossier.clone().unwrap_or_default(),
                x.woonbinding.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn here() -> Herkomst {
    Herkomst {
        bestand: "test.reglement".into(),
        regel: 1,
        kolom: 1,
        artikel: Some("art. 2".into()),
        document: None,
    }
}

#[test]
fn werkingsgebied_tier_joins_periods_across_its_gemeenten() {
    let mut plan = kempen();
    let st = plan.standaard.as_mut().expect("pijler 1");
    // tier 2: 5 in 10 in the werkingsgebied (with the consensus of all gemeenten)
    st.rangorde.insert(
        1,
        PlanTier {
            soort: PlanTierKind::WoonbindingWerkingsgebied,
            regel: Some(VIJF_IN_TIEN),
            gemeenten: plan
                .werkingsgebied
                .gemeenten
                .iter()
                .map(|g| g.naam.clone())
                .collect(),
            herkomst: here(),
        },
    );
    let candidates = [
        // Beerse then Turnhout, adjacent: 3 + 3 years in the area, 3 in Turnhout → tier 2
        mk(
            "W-1",
            "2020-01-01",
            "Turnhout@2021-07-01..;Beerse@2018-07-01..2021-06-30",
        ),
        // Mol (outside) then Turnhout: only 3 years in the area → no tier
        mk(
            "W-2",
            "2015-01-01",
            "Turnhout@2021-07-01..;Mol@2018-07-01..2021-06-30",
        ),
        // Turnhout for 6 years → tier 1
        mk("W-3", "2023-01-01", "Turnhout@2018-01-01.."),
    ];
    assert_eq!(
        tiers_of(&plan, &candidates, "Turnhout"),
        [
            ("W-3".to_string(), "woonbinding-gemeente".to_string()),
            ("W-1".to_string(), "woonbinding-werkingsgebied".to_string()),
            ("W-2".to_string(), "geen".to_string()),
        ]
    );
}

#[test]
fn a_gemeentes_stricter_woonbinding_comes_first_and_only_there() {
    let mut plan = kempen();
    // Turnhout asks 10 uninterrupted years in the last 15
    let strict = PlanStrengereWoonbinding {
        regel: WoonbindingRegel::ononderbroken(10, 15),
        herkomst: here(),
    };
    plan.werkingsgebied.gemeenten[0].strengere_woonbinding = Some(strict);
    assert_eq!(plan.werkingsgebied.gemeenten[0].naam, "Turnhout");
    plan.standaard.as_mut().expect("pijler 1").rangorde.insert(
        0,
        PlanTier {
            soort: PlanTierKind::StrengereWoonbinding,
            regel: None,
            gemeenten: Vec::new(),
            herkomst: here(),
        },
    );
    let candidates = [
        mk(
            "S-1",
            "2022-01-01",
            "Turnhout@2012-01-01..;Beerse@2011-01-01..2011-12-31",
        ), // 12.5 years → tier 1
        mk("S-2", "2010-01-01", "Turnhout@2018-01-01.."), // 6.5 years → tier 2
        mk("S-3", "2012-01-01", "Beerse@2012-01-01.."),   // in Beerse
    ];
    assert_eq!(
        tiers_of(&plan, &candidates, "Turnhout"),
        [
            ("S-1".to_string(), "strengere-woonbinding".to_string()),
            ("S-2".to_string(), "woonbinding-gemeente".to_string()),
            ("S-3".to_string(), "geen".to_string()),
        ]
    );
    // in Beerse (no stricter woonbinding) the tier does not apply: gemeente tier decides
    assert_eq!(
        tiers_of(&plan, &candidates, "Beerse"),
        [
            ("S-3".to_string(), "woonbinding-gemeente".to_string()),
            ("S-2".to_string(), "geen".to_string()),
            ("S-1".to_string(), "geen".to_string()),
        ]
    );
}

#[test]
fn gemeente_names_in_the_history_match_without_regard_to_case() {
    let plan = kempen();
    let candidates = [mk("C-1", "2020-01-01", "TURNHOUT@2015-01-01..")];
    assert_eq!(
        tiers_of(&plan, &candidates, "Turnhout")[0].1,
        "woonbinding-gemeente"
    );
}

/// The 6-in-10 case: a stricter woonbinding written without "ononderbroken"
/// (`ononderbroken: false`) adds the days up. The checker refuses it as a
/// stricter woonbinding (R0112, tests/fixtures/checks/R0112-fout-samengeteld);
/// a plan that carries it anyway is executed as written.
#[test]
fn a_stricter_woonbinding_without_ononderbroken_adds_the_days_up() {
    let mut plan = kempen();
    let mut rule = WoonbindingRegel::ononderbroken(6, 10);
    rule.ononderbroken = false;
    plan.werkingsgebied.gemeenten[0].strengere_woonbinding = Some(PlanStrengereWoonbinding {
        regel: rule,
        herkomst: here(),
    });
    plan.standaard.as_mut().expect("pijler 1").rangorde.insert(
        0,
        PlanTier {
            soort: PlanTierKind::StrengereWoonbinding,
            regel: None,
            gemeenten: Vec::new(),
            herkomst: here(),
        },
    );
    // 3 years in Turnhout, 2 years in Beerse, 3 more years in Turnhout
    // (peildatum 2024-06-30): 6 years added up, never 5 in one run
    let pieces =
        "Turnhout@2015-07-01..2018-06-30;Beerse@2018-07-01..2021-06-30;Turnhout@2021-07-01..";
    let candidates = [
        mk("P-1", "2020-01-01", pieces),
        // one day short of 6 years added up
        mk(
            "P-2",
            "2019-01-01",
            "Turnhout@2015-07-02..2018-06-30;Beerse@2018-07-01..2021-06-30;Turnhout@2021-07-01..",
        ),
    ];
    assert_eq!(
        tiers_of(&plan, &candidates, "Turnhout"),
        [
            ("P-1".to_string(), "strengere-woonbinding".to_string()),
            ("P-2".to_string(), "geen".to_string()),
        ]
    );
    // written with "ononderbroken", the same history reaches no tier at all
    rule.ononderbroken = true;
    plan.werkingsgebied.gemeenten[0]
        .strengere_woonbinding
        .as_mut()
        .expect("stricter")
        .regel = rule;
    assert_eq!(
        tiers_of(&plan, &candidates, "Turnhout")[1].1,
        "geen",
        "P-1 has no run of 5 or 6 years"
    );
}
