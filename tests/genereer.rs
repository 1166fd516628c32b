//! `reglement genereer`'s households and housing need (issue 15): the
//! Kempen homelessness count by default, an overridable distribution, and
//! households as the leefloon counts them.

mod common;
use common::cli::{reglement, stderr, stdout};
use common::*;
use reglement::engine::generate::{Generator, Profile, WoonnoodVerdeling};
use reglement::syntax::ast::Household;
use std::collections::BTreeMap;

fn shares(profile: &Profile, n: usize) -> (BTreeMap<String, usize>, usize) {
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    let mut with_need = 0;
    for c in Generator::new(profile, 3).take(n) {
        if let Some(w) = c.woonnood {
            *by_code.entry(w).or_default() += 1;
            with_need += 1;
        }
    }
    (by_code, with_need)
}

#[test]
fn housing_need_follows_the_notes_count_by_default() {
    let plan = kempen();
    let profile = Profile::from_plan(&plan, d("2024-06-30"));
    let (by_code, with_need) = shares(&profile, 20_000);
    let pct =
        |code: &str| 100.0 * by_code.get(code).copied().unwrap_or(0) as f64 / with_need as f64;
    // the note: 36% family or friends, 20,4% institution, 19,8% shelter,
    // 9,4% eviction, 1,3% without shelter (within 1.5 points on 8,000 draws)
    for (code, want) in [
        ("familie", 36.0),
        ("instelling", 20.4),
        ("opvang", 19.8),
        ("opzeg", 9.4),
        ("geen-opvang", 1.3),
    ] {
        assert!(
            (pct(code) - want).abs() < 1.5,
            "{code}: {:.1}% (verwacht {want}%)",
            pct(code)
        );
    }
    // the other codes share the rest (13,1%), 'bijzonder' (never scored) least
    assert!(pct("jongere") > pct("bijzonder"));
}

#[test]
fn a_given_distribution_replaces_the_default_and_unknown_codes_are_refused() {
    let plan = kempen();
    let v = WoonnoodVerdeling::parse("familie=50,opvang=50").expect("valid");
    let profile = Profile::with_woonnood(&plan, d("2024-06-30"), &v).expect("codes of the plan");
    let (by_code, with_need) = shares(&profile, 5_000);
    assert_eq!(by_code.keys().collect::<Vec<_>>(), ["familie", "opvang"]);
    assert_eq!(by_code.values().sum::<usize>(), with_need);
    // a decimal comma inside the list
    let v = WoonnoodVerdeling::parse("familie=20,4;opvang=10").expect("valid");
    assert_eq!(
        v.shares,
        vec![("familie".to_string(), 20.4), ("opvang".to_string(), 10.0)]
    );
    assert!(WoonnoodVerdeling::parse("familie").is_err());
    assert!(WoonnoodVerdeling::parse("familie=120").is_err());
    let unknown = WoonnoodVerdeling::parse("straat=10").expect("syntax ok");
    let e = Profile::with_woonnood(&plan, d("2024-06-30"), &unknown).expect_err("unknown code");
    assert!(
        e.contains("straat is geen woonnood van het reglement"),
        "{e}"
    );
    let o = reglement(&[
        "genereer",
        "--aantal",
        "3",
        "--woonnood-verdeling",
        "straat=10",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--woonnood-verdeling: straat is geen woonnood"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn households_are_counted_as_the_leefloon_counts_them() {
    let plan = kempen();
    let profile = Profile::from_plan(&plan, d("2024-06-30"));
    let mut single_parents = 0;
    let mut alleenstaanden = 0;
    for c in Generator::new(&profile, 5).take(5_000) {
        match c.gezinstype {
            // an alleenstaande is one adult without children
            Household::Alleenstaande => {
                assert_eq!((c.volwassenen, c.kinderen), (1, 0), "{}", c.dossier);
                alleenstaanden += 1;
            }
            // one adult with children is a gezin; one adult without is never a gezin
            Household::Gezin => {
                assert!(c.volwassenen > 1 || c.kinderen > 0, "{}", c.dossier);
                if c.volwassenen == 1 {
                    single_parents += 1;
                }
            }
        }
    }
    assert!(single_parents > 500, "{single_parents}");
    assert!((2_200..2_600).contains(&alleenstaanden), "{alleenstaanden}");
}
