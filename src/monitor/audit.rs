//! The audit sample: a seeded sample of the register's decisions from the
//! waiting list (pijler 1–3), each re-derived by the engine as `rangschik`
//! ranks a dwelling on its date: the dwelling, the pillar the register
//! names, the list of that day (the latest `--kandidaten-op` snapshot on or
//! before it, else the candidates file), without the candidates the
//! register housed before. Where the register's candidate is not the first
//! of that ranking, the finding names who ranked higher and why, in the
//! engine's explanation with the rules only (no data of the candidate
//! beyond the dossier number, [`crate::engine::Trace::render_rules`]).

use super::register::Entry;
use super::{Options, Snapshots};
use crate::engine::{rank_batch, Batch, Prepared, Request, Target};
use crate::plan::Plan;
use crate::simulate::AllocationPillar;
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::HashMap;

/// How many candidates ranked higher are named in a finding.
pub const SHOWN_HIGHER: usize = 10;

/// What the engine says about one sampled decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uitkomst {
    /// The register's candidate is the reglement's first.
    Klopt,
    /// Another candidate ranked higher (or the register's is not ranked).
    Afwijking,
    /// The engine cannot rank this dwelling (the reason says why).
    NietNaTeRekenen,
}

/// One sampled decision and what the engine found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Controle {
    /// "toewijzingen.csv, regel 7".
    pub plaats: String,
    pub datum: NaiveDate,
    pub woning: String,
    pub gemeente: String,
    pub pijler: AllocationPillar,
    pub dossier: String,
    /// The candidate list the decision was re-derived on.
    pub lijst: String,
    pub uitkomst: Uitkomst,
    /// The register's candidate's place among those not yet housed (none: not ranked).
    pub plaats_register: Option<u32>,
    /// The reglement's first candidate not yet housed.
    pub verwacht: Option<String>,
    /// Candidates not yet housed ranked above the register's (at most [`SHOWN_HIGHER`]).
    pub hoger: Vec<String>,
    pub hoger_aantal: u64,
    /// Why the engine could not rank it, or the register's candidate is not ranked.
    pub reden: Option<String>,
    /// The explanation of the register's candidate and of the first one (rules only).
    pub verklaring_register: Option<String>,
    pub verklaring_verwacht: Option<String>,
    /// The options of `reglement verklaar REGLEMENT …` that give the full
    /// explanation, for whoever holds the files (the register serves as
    /// the dwellings file: it has the dwelling's gemeente and bedrooms).
    pub verklaar: String,
}

/// The sample and its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Steekproef {
    /// Hundredths of a percent.
    pub aandeel: u32,
    pub zaad: u64,
    /// Decisions of pijler 1–3 in the register (the population).
    pub beslissingen: u64,
    pub getrokken: u64,
    pub klopt: u64,
    pub afwijkingen: u64,
    pub niet_na_te_rekenen: u64,
    /// In register order.
    pub controles: Vec<Controle>,
    /// Every decision of pijler 1–3, checked against the candidates file
    /// through the simulation's lists (no explanation; the sample explains).
    pub alle: Volledig,
}

/// Every decision checked, without explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volledig {
    pub nagerekend: u64,
    pub afwijkingen: u64,
    /// The rows where the register's candidate is not the list's first.
    pub plaatsen: Vec<String>,
}

/// The size of a sample of `share` hundredths of a percent of `n`:
/// rounded up, so any share above 0 of a non-empty register checks one.
pub fn sample_size(n: usize, share: u32) -> usize {
    ((n as u128 * u128::from(share)).div_ceil(10_000) as usize).min(n)
}

/// `k` of `0..n`, drawn with the seed, in increasing order (a partial
/// Fisher–Yates shuffle: the same seed gives the same sample).
pub fn sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut v: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        let j = rng.random_range(i..n);
        v.swap(i, j);
    }
    v.truncate(k.min(n));
    v.sort_unstable();
    v
}

/// Audit the sample of `used` (entries in allocation order, with their
/// record in `batch`).
pub(crate) fn run(
    register: &str,
    plan: &Plan,
    batch: &Batch,
    used: &[(Entry, Option<u32>)],
    expected: &[Option<String>],
    snapshots: &Snapshots,
    options: &Options,
) -> Steekproef {
    let population: Vec<usize> = used
        .iter()
        .enumerate()
        .filter(|(_, (e, _))| e.pijler.is_some_and(|p| p != AllocationPillar::Bijzonder))
        .map(|(i, _)| i)
        .collect();
    let k = sample_size(population.len(), options.steekproef);
    let picks: Vec<usize> = sample(population.len(), k, options.zaad)
        .into_iter()
        .map(|i| population[i])
        .collect();
    // when each dossier was housed (its position in `used`)
    let mut housed_at: HashMap<&str, usize> = HashMap::new();
    for (i, (e, c)) in used.iter().enumerate() {
        if let (Some(d), Some(_)) = (&e.dossier, c) {
            housed_at.insert(d.as_str(), i);
        }
    }
    let mut snaps: Vec<&(NaiveDate, Batch)> = snapshots.iter().collect();
    snaps.sort_by_key(|(d, _)| *d);
    // every decision against the candidates file, through the
    // simulation's lists
    let first_of = |i: usize| expected.get(i).cloned().flatten();
    let afwijkend: Vec<String> = population
        .iter()
        .filter(|&&i| first_of(i) != used[i].0.dossier)
        .map(|&i| used[i].0.plaats.clone())
        .collect();
    let controles: Vec<Controle> = picks
        .iter()
        .map(|&i| {
            let e = &used[i].0;
            let snapshot = snaps.iter().rev().find(|(d, _)| *d <= e.datum);
            match snapshot {
                // the list of the candidates file agrees: nothing to explain
                None if first_of(i) == e.dossier => agreed(register, batch, e),
                None => check(register, plan, batch, e, i, &housed_at),
                Some((_, list)) => check(register, plan, list, e, i, &housed_at),
            }
        })
        .collect();
    let count = |u: Uitkomst| controles.iter().filter(|c| c.uitkomst == u).count() as u64;
    Steekproef {
        aandeel: options.steekproef,
        zaad: options.zaad,
        beslissingen: population.len() as u64,
        getrokken: controles.len() as u64,
        klopt: count(Uitkomst::Klopt),
        afwijkingen: count(Uitkomst::Afwijking),
        niet_na_te_rekenen: count(Uitkomst::NietNaTeRekenen),
        controles,
        alle: Volledig {
            nagerekend: population.len() as u64,
            afwijkingen: afwijkend.len() as u64,
            plaatsen: afwijkend,
        },
    }
}

/// A sampled decision that is the reglement's first on the candidates file.
fn agreed(register: &str, list: &Batch, e: &Entry) -> Controle {
    let mut c = blank(register, list, e);
    c.uitkomst = Uitkomst::Klopt;
    c.plaats_register = Some(1);
    c.verwacht = e.dossier.clone();
    c
}

fn check(
    register: &str,
    plan: &Plan,
    list: &Batch,
    e: &Entry,
    position: usize,
    housed_at: &HashMap<&str, usize>,
) -> Controle {
    let pijler = e.pijler.unwrap_or(AllocationPillar::Standaard);
    let dossier = e.dossier.clone().unwrap_or_default();
    let mut c = blank(register, list, e);
    let Some(engine_pillar) = pijler.engine() else {
        return c;
    };
    let request = Request {
        peildatum: e.datum,
        target: Target::Dwelling {
            woning: e.woning.clone(),
            pijler: Some(engine_pillar),
        },
        verklaringen: false,
    };
    let prepared = match Prepared::new(plan, &request) {
        Ok(p) => p,
        Err(err) => {
            c.reden = Some(err.to_string());
            return c;
        }
    };
    let ranked = rank_batch(&prepared, list);
    let free = |r: u32| {
        let d = list.dossier(&list.records[r as usize]);
        housed_at.get(d).is_none_or(|&at| at >= position)
    };
    let mut place = 0u32;
    let mut higher = Vec::new();
    let mut first = None;
    for &r in &ranked.ranked {
        if !free(r) {
            continue;
        }
        let d = list.dossier(&list.records[r as usize]);
        first.get_or_insert_with(|| d.to_string());
        place += 1;
        if d == dossier {
            c.plaats_register = Some(place);
            break;
        }
        if higher.len() < SHOWN_HIGHER {
            higher.push(d.to_string());
        }
    }
    c.hoger_aantal = u64::from(c.plaats_register.map_or(place, |p| p - 1));
    c.verwacht = first.clone();
    c.verklaring_register = ranked.trace(&dossier).map(|t| t.render_rules());
    if c.plaats_register == Some(1) {
        c.uitkomst = Uitkomst::Klopt;
        return c;
    }
    c.uitkomst = Uitkomst::Afwijking;
    if c.plaats_register.is_none() {
        c.reden = Some(match ranked.trace(&dossier) {
            Some(t) if t.status == "uitgesloten" => {
                format!(
                    "dossier {dossier} is volgens het reglement uitgesloten voor deze woning in {}",
                    pijler_name(pijler)
                )
            }
            Some(_) => format!(
                "dossier {dossier} is geweigerd: de gegevens in {} zijn niet bruikbaar",
                list.bestand
            ),
            None => format!("dossier {dossier} staat niet in {}", list.bestand),
        });
    }
    c.hoger = higher;
    c.verklaring_verwacht = first
        .as_deref()
        .and_then(|d| ranked.trace(d))
        .map(|t| t.render_rules());
    c
}

/// A finding with nothing found yet.
fn blank(register: &str, list: &Batch, e: &Entry) -> Controle {
    let pijler = e.pijler.unwrap_or(AllocationPillar::Standaard);
    let dossier = e.dossier.clone().unwrap_or_default();
    Controle {
        plaats: e.plaats.clone(),
        datum: e.datum,
        woning: e.woning.woning.clone(),
        gemeente: e.woning.gemeente.clone(),
        pijler,
        dossier: dossier.clone(),
        lijst: list.bestand.clone(),
        uitkomst: Uitkomst::NietNaTeRekenen,
        plaats_register: None,
        verwacht: None,
        hoger: Vec::new(),
        hoger_aantal: 0,
        reden: None,
        verklaring_register: None,
        verklaring_verwacht: None,
        verklaar: format!(
            "--kandidaten {} --woning {} --woningen {} --peildatum {} --pijler {} --dossier {dossier}",
            list.bestand,
            e.woning.woning,
            register,
            e.datum,
            pijler.label()
        ),
    }
}

/// "pijler 1 (standaardtoewijzing)".
pub fn pijler_name(p: AllocationPillar) -> &'static str {
    match p {
        AllocationPillar::Standaard => "pijler 1 (standaardtoewijzing)",
        AllocationPillar::Versneld => "pijler 2 (versnelde toewijzing)",
        AllocationPillar::Doelgroepen => "pijler 3 (specifieke doelgroepen)",
        AllocationPillar::Bijzonder => "pijler 4 (bijzondere toewijzing)",
    }
}
