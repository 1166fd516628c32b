//! Shared helpers of the engine tests: the compiled Kempen plan, dates,
//! candidates built in code.
#![allow(dead_code)]

use chrono::NaiveDate;
use reglement::engine::{self, Candidate, Dwelling, Pillar, Request, ResidencePeriod, Target};
use reglement::plan::{self, Plan};
use reglement::syntax::ast::Household;
use std::path::Path;

pub mod browser;
pub mod cli;

/// The Kempen example, compiled by the real compiler.
pub fn kempen() -> Plan {
    let analysis =
        reglement::analyze_file(Path::new("examples/kempen.reglement")).expect("readable example");
    plan::compile(&analysis).expect("the Kempen example compiles")
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A candidate; `inkomen` as written in a file ("1710.50"), lists as `a;b`.
#[allow(clippy::too_many_arguments)]
pub fn cand(
    dossier: &str,
    inschrijving: &str,
    gezin: Household,
    volwassenen: u32,
    kinderen: u32,
    inkomen: Option<&str>,
    woonnood: Option<&str>,
    begeleiding: Option<&str>,
) -> Candidate {
    let mut c = Candidate::new(dossier, d(inschrijving), gezin, volwassenen, kinderen);
    c.inkomen_cent = inkomen.map(|s| {
        let (e, c) = s.split_once('.').unwrap_or((s, "0"));
        e.parse::<i64>().expect("euro") * 100 + format!("{c:0<2}").parse::<i64>().expect("cent")
    });
    c.woonnood = woonnood.map(str::to_string);
    c.begeleiding = begeleiding.map(str::to_string);
    c
}

/// Residence history from `Gemeente@van..tot;…` (DATA.md form).
pub fn history(text: &str) -> Vec<ResidencePeriod> {
    text.split(';')
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (g, dates) = item.split_once('@').expect("@");
            let (a, b) = dates.split_once("..").expect("..");
            ResidencePeriod {
                gemeente: g.to_string(),
                van: d(a),
                tot: (!b.is_empty()).then(|| d(b)),
            }
        })
        .collect()
}

pub fn list(peildatum: &str, pijler: Pillar, gemeente: &str) -> Request {
    Request {
        peildatum: d(peildatum),
        target: Target::Lijst {
            pijler,
            gemeente: gemeente.into(),
            doelgroep: None,
        },
        verklaringen: false,
    }
}

pub fn dwelling(
    peildatum: &str,
    id: &str,
    gemeente: &str,
    slaapkamers: u32,
    doelgroep: Option<&str>,
) -> Request {
    Request {
        peildatum: d(peildatum),
        target: Target::Dwelling {
            woning: Dwelling {
                woning: id.into(),
                gemeente: gemeente.into(),
                slaapkamers,
                soort: None,
                doelgroep: doelgroep.map(str::to_string),
                vrij_vanaf: None,
            },
            pijler: None,
        },
        verklaringen: false,
    }
}

/// (dossier, rank) of the ranked rows, in order.
pub fn ranked(r: &engine::Ranking) -> Vec<(String, u32)> {
    r.rijen
        .iter()
        .filter(|row| row.status == engine::Status::Gerangschikt)
        .map(|row| {
            (
                row.dossier.clone().unwrap_or_default(),
                row.totaal.unwrap_or(0),
            )
        })
        .collect()
}

/// The row of a dossier.
pub fn row<'a>(r: &'a engine::Ranking, dossier: &str) -> &'a engine::Row {
    r.rijen
        .iter()
        .find(|row| row.dossier.as_deref() == Some(dossier))
        .unwrap_or_else(|| panic!("no row for {dossier}"))
}

/// A small deterministic permutation (Fisher–Yates with an LCG).
pub fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
}
