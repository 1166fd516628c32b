//! A year of allocations: a reglement run over a waiting list and the
//! dwellings that come free, dwelling by dwelling, as the law runs it; and
//! what came of it.
//!
//! ```text
//!  plan ─┐                        ┌─► Decision per dwelling ─► log (CSV, JSON)
//!  Batch ┼─► Setup ─► allocate ───┤                            summary (text, CSV)
//!  dwellings (file or generated)  └─► (reference: the engine   report (HTML)
//!                                       ranked per dwelling)
//! ```
//!
//! **Allocation.** Dwellings in date order ([`dwellings::sort`]). A
//! dwelling reserved for a target group goes to pijler 3; one tagged
//! `bijzonder` is a pillar-4 allocation outside the waiting list and the
//! shares; every other dwelling goes to pijler 2 or 1 by the pacing rule
//! ([`pacing`]). The first candidate of that pillar's ranking for the
//! dwelling on its date — the engine's ranking: rationele bezetting,
//! voorkeur, the dwelling's gemeente for woonbinding, registered by then —
//! who is not housed yet gets the offer; with a refusal probability the
//! offer may be refused (one seeded draw per offer, the candidate stays on
//! the list) and the next one gets it. A dwelling of pijler 2 for which no
//! pillar-2 candidate fits goes to pijler 1. A reserved dwelling that no
//! candidate of its group takes (none fits, or all who fit refuse) goes
//! where the reglement's `zonder kandidaat` says: the standaardtoewijzing
//! of its gemeente (counted as pijler 1) or another target group (pijler
//! 3); where the reglement says nothing, or says it stays reserved, it
//! stays unallocated. A dwelling without any candidate stays unallocated,
//! with the reason.
//!
//! **Speed.** Re-ranking the list for every dwelling is not done: the
//! orders are static keys computed once (the chronological order; the
//! pillar-2 order per gemeente, recomputed only when a leefloon changes a
//! ceiling), tier changes during the year are dated events
//! ([`timeline`]), and each pillar list is kept as ordered sets
//! ([`lists`]) from which housed candidates are removed. [`reference`]
//! does the same by asking the engine for a full ranking per dwelling;
//! the tests check that both decide alike.

pub mod allocate;
pub mod dwellings;
mod journal;
pub mod lists;
pub mod pacing;
pub mod reference;
pub mod region;
pub mod report;

pub mod summary;
pub mod timeline;
pub mod write;

pub use dwellings::{Generation, Vacancy};
pub use summary::Summary;

use crate::engine::fields::{self, Day};
use crate::engine::{prepare, Batch, Pillar, Prepared, Rejection, Request, Resolved, Target};
use crate::plan::{Plan, PlanQuotum};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The pillar an allocation went through: pijler 1 to 4. Not the
/// engine's [`Pillar`], which names only the three pillars that rank
/// candidates; pijler 4 (bijzondere toewijzing, interne mutatie) is
/// allocated outside the waiting list and the shares, so only an
/// allocation can go through it ([`AllocationPillar::engine`] is `None`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AllocationPillar {
    /// Pijler 1: standaardtoewijzing.
    Standaard,
    /// Pijler 2: versnelde toewijzing.
    Versneld,
    /// Pijler 3: specifieke doelgroepen.
    Doelgroepen,
    /// Pijler 4: bijzondere toewijzing of interne mutatie, buiten de aandelen.
    Bijzonder,
}

impl AllocationPillar {
    pub const ALL: [AllocationPillar; 4] = [
        AllocationPillar::Standaard,
        AllocationPillar::Versneld,
        AllocationPillar::Doelgroepen,
        AllocationPillar::Bijzonder,
    ];

    pub fn number(self) -> usize {
        match self {
            AllocationPillar::Standaard => 1,
            AllocationPillar::Versneld => 2,
            AllocationPillar::Doelgroepen => 3,
            AllocationPillar::Bijzonder => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AllocationPillar::Standaard => "standaard",
            AllocationPillar::Versneld => "versneld",
            AllocationPillar::Doelgroepen => "doelgroepen",
            AllocationPillar::Bijzonder => "bijzonder",
        }
    }

    /// The engine's pillar (none for pijler 4).
    pub fn engine(self) -> Option<Pillar> {
        match self {
            AllocationPillar::Standaard => Some(Pillar::Standaard),
            AllocationPillar::Versneld => Some(Pillar::Versneld),
            AllocationPillar::Doelgroepen => Some(Pillar::Doelgroepen),
            AllocationPillar::Bijzonder => None,
        }
    }
}

/// Why a dwelling was not allocated as planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reden {
    /// Planned for pijler 2, but no pillar-2 candidate fits: pijler 1.
    Uitwijk,
    /// No candidate fits the dwelling.
    GeenKandidaat,
    /// Every candidate who fits refused.
    AllenWeigerden,
    /// Allocated outside the waiting list (pijler 4).
    BuitenWachtlijst,
    /// Reserved for target group `van`, which had no candidate who took it;
    /// the reglement's `zonder kandidaat` sent it to `naar`.
    Doorverwezen { van: String, naar: String },
    /// The dwelling does not fit the plan (gemeente, target group, code).
    Fout(String),
}

/// What happened to one dwelling.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// The pillar the pacing rule chose (dwellings neither reserved nor tagged).
    pub gepland: Option<AllocationPillar>,
    /// The pillar of the allocation; `None` = not allocated.
    pub pijler: Option<AllocationPillar>,
    /// The candidate (record index in the batch).
    pub kandidaat: Option<u32>,
    /// Candidates who refused the offer, in order.
    pub weigeraars: Vec<u32>,
    /// Pijler 1 and 3: the lokale-binding tier (the engine's index).
    pub tier: Option<u8>,
    /// Pijler 2: the candidate's total.
    pub totaal: Option<u32>,
    pub reden: Option<Reden>,
    /// A reserved dwelling: the target group it is reserved for.
    pub voorbehouden: Option<String>,
    /// Pijler 3: the target group it was allocated through.
    pub doelgroep: Option<String>,
    /// Pijler 3 with `eerst de oudsten`: the candidate's age step.
    pub stap: Option<u8>,
    /// Pijler 3 through a quota place: a dwelling without a label that
    /// filled an open place of the gemeente's reserved dwellings for
    /// `doelgroep` (niet-gelabelde woningen, see [`Setup::quotas`]).
    pub quotum: bool,
}

/// The options of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// First and last day (inclusive).
    pub van: NaiveDate,
    pub tot: NaiveDate,
    /// Seed of every random draw (refusals; generated dwellings use it too).
    pub zaad: u64,
    /// Probability that a candidate refuses an offer (0 = never).
    pub weigerkans: f64,
}

/// Why a simulation cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    /// The period ends before it starts.
    ReversedPeriod { from: NaiveDate, to: NaiveDate },
    /// A refusal probability (weigerkans) outside 0..1.
    RefusalProbability(String),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::ReversedPeriod { from, to } => write!(
                f,
                "de periode eindigt ({to}) voor ze begint ({from}); geef --van en --tot in volgorde"
            ),
            SimError::RefusalProbability(s) => write!(
                f,
                "de weigerkans is {s}; geef een kans tussen 0 en 1 (bv. 0,1 voor één op tien)"
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// The result of a simulation.
#[derive(Debug, Clone)]
pub struct Simulation {
    pub settings: Settings,
    /// The dwellings in the period, in allocation order.
    pub dwellings: Vec<Vacancy>,
    /// Dwellings of the input outside the period (left out).
    pub buiten_periode: usize,
    /// One per dwelling.
    pub decisions: Vec<Decision>,
    /// Per batch record: in the pillar-2 ranking of some gemeente during
    /// the period (a confirmed urgent housing need).
    pub urgent: Vec<bool>,
    /// Per batch record: accepted by the plan and registered by the end.
    pub op_lijst: Vec<bool>,
    /// Accepted by the plan but registered only after the period.
    pub na_periode: u64,
    /// Accepted by the plan, but no gemeente of the voorkeur lies in the
    /// werkingsgebied (the central register): on no list.
    pub voorkeur_buiten: u64,
    /// Rows of the candidates file that could not be read, and records the
    /// plan does not accept (an unknown code, a voorkeur outside the
    /// werkingsgebied), in file order, each with its error.
    pub geweigerd: Vec<Rejection>,
    /// Per dwelling: the gemeente's index in the werkingsgebied (if known).
    pub gemeente: Vec<Option<usize>>,
    /// Pacing areas, and per gemeente its area.
    pub areas: Vec<String>,
    pub area_of: Vec<usize>,
}

/// What a dwelling is, against the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Pijler 1 or 2, in gemeente `g`.
    Vrij { g: usize },
    /// Reserved for the target group with this code index (pijler 3).
    Voorbehouden { g: usize, code: u16 },
    /// Tagged for pijler 4.
    Bijzonder { g: usize },
    /// Does not fit the plan.
    Fout(String),
}

/// What both allocators share: the plan resolved for the batch, the
/// dwellings of the period, and what each dwelling is.
pub(crate) struct Setup<'a, 'p> {
    pub plan: &'p Plan,
    pub batch: &'a Batch,
    pub res: Resolved,
    /// Per record: the plan accepts its codes and voorkeur.
    pub valid: Vec<bool>,
    /// Per record: accepted, but no gemeente of its voorkeur lies in the
    /// werkingsgebied, so it has no slot.
    pub buiten: Vec<bool>,
    /// What could not be read or is not accepted, with the error.
    pub rejected: Vec<Rejection>,
    pub gemeenten: Vec<String>,
    pub dwellings: Vec<Vacancy>,
    pub kinds: Vec<Kind>,
    pub buiten_periode: usize,
    pub from: Day,
    pub to: Day,
    /// The target-group codes the batch was resolved against (the code
    /// indices of [`Kind::Voorbehouden`] and of `res.doelgroep`).
    pub doelgroep_codes: Vec<String>,
    /// Per gemeente of the werkingsgebied: the reglement's reserved
    /// dwellings per target group (`voorbehouden woningen`), in the order
    /// of the groups, as (code index, number). How many places of a
    /// calendar year the number gives depends on the reglement's reading
    /// (`quotum`, [`quota_places`]); any suitable dwelling of the gemeente
    /// may fill a place (niet-gelabelde woningen), labelled ones included.
    pub quotas: Vec<Vec<(u16, u32)>>,
    /// The reading of the numbers: the reglement's `quotum: …`, or per
    /// year when it does not say (R0285; the summary says so).
    pub quotum: PlanQuotum,
    /// Per gemeente and calendar year: the dwellings of the period that
    /// become vacant there (the simulated turnover, for `quotum: voorraad`).
    pub vacancies: rustc_hash::FxHashMap<(usize, i32), u32>,
    /// Per gemeente: its social rental dwellings (`woningen` of the
    /// werkingsgebied), the stock the turnover is a share of.
    pub patrimony: Vec<u64>,
}

impl Setup<'_, '_> {
    /// The quota places of `n` reserved dwellings of a group in gemeente
    /// `g` in calendar year `year` ([`quota_places`]).
    pub fn quota_limit(&self, g: usize, n: u32, year: i32) -> u32 {
        let vacant = self.vacancies.get(&(g, year)).copied().unwrap_or(0);
        let stock = self.patrimony.get(g).copied().unwrap_or(0);
        quota_places(self.quotum, n, vacant, stock)
    }
}

/// The reading of the reserved dwellings a plan states, per year when it
/// does not say.
pub(crate) fn quotum_of(plan: &Plan) -> (PlanQuotum, bool) {
    match plan.doelgroepen.as_ref().and_then(|d| d.quotum) {
        Some(q) => (q, true),
        None => (PlanQuotum::PerJaar, false),
    }
}

/// The places of pijler 3 that `n` reserved dwellings of a group give in
/// one gemeente and calendar year, labelled allocations of the group
/// included:
///
/// - `quotum: toewijzingen per jaar`: `n`, every year;
/// - `quotum: voorraad`: the `n` dwellings are held for the group, and a
///   place opens when one of them becomes vacant. The simulation does not
///   follow who occupies which dwelling; it takes the year's turnover of
///   the gemeente (`vacant` dwellings of the simulated year out of its
///   `stock` of social rental dwellings) for the reserved ones too:
///   `n · vacant / stock`, rounded half up, never more than `n` (a stock
///   of 0, or fewer dwellings than vacancies, counts the vacancies as the
///   stock).
pub(crate) fn quota_places(quotum: PlanQuotum, n: u32, vacant: u32, stock: u64) -> u32 {
    match quotum {
        PlanQuotum::PerJaar => n,
        PlanQuotum::Voorraad => {
            let stock = stock.max(u64::from(vacant));
            if stock == 0 {
                return 0;
            }
            let places = (u64::from(n) * u64::from(vacant) * 2 + stock) / (2 * stock);
            u32::try_from(places.min(u64::from(n))).unwrap_or(n)
        }
    }
}

/// The quotas of pijler 3 per gemeente (see [`Setup::quotas`]).
fn quotas(plan: &Plan, gemeenten: &[String], codes: &[String]) -> Vec<Vec<(u16, u32)>> {
    let Some(d) = plan.doelgroepen.as_ref() else {
        return vec![Vec::new(); gemeenten.len()];
    };
    gemeenten
        .iter()
        .map(|g| {
            let Some(row) = d
                .voorbehouden
                .iter()
                .find(|r| prepare::same_name(&r.gemeente, g))
            else {
                return Vec::new();
            };
            d.groepen
                .iter()
                .filter_map(|grp| {
                    let n = *row.per_doelgroep.get(&grp.code)?;
                    let code = codes.iter().position(|c| *c == grp.code)?;
                    (n > 0).then_some((code as u16, u32::try_from(n).unwrap_or(u32::MAX)))
                })
                .collect()
        })
        .collect()
}

/// Where a reserved dwelling went when no candidate of its group took it:
/// the group that took it, or the standaardtoewijzing (`None`).
pub(crate) fn destination(group: Option<&str>) -> String {
    use crate::plan::Doorverwijzing;
    prepare::destination(&match group {
        Some(code) => Doorverwijzing::Doelgroep {
            code: code.to_string(),
        },
        None => Doorverwijzing::Standaardtoewijzing,
    })
}

fn list_request(gemeente: &str, pijler: Pillar, on: NaiveDate) -> Request {
    Request {
        peildatum: on,
        target: Target::Lijst {
            pijler,
            gemeente: gemeente.to_string(),
            doelgroep: None,
        },
        verklaringen: false,
    }
}

/// A prepared plan for reading the batch (resolving codes, checking rows):
/// any pillar the plan has will do, these do not depend on it.
fn any_prepared<'p>(plan: &'p Plan, on: NaiveDate) -> Option<Prepared<'p>> {
    let g = plan.werkingsgebied.gemeenten.first()?;
    [Pillar::Standaard, Pillar::Versneld]
        .into_iter()
        .find_map(|p| Prepared::new(plan, &list_request(&g.naam, p, on)).ok())
        .or_else(|| {
            let d = plan.doelgroepen.as_ref()?.groepen.first()?;
            Prepared::new(
                plan,
                &Request {
                    peildatum: on,
                    target: Target::Lijst {
                        pijler: Pillar::Doelgroepen,
                        gemeente: d.gemeente.clone().unwrap_or_else(|| g.naam.clone()),
                        doelgroep: Some(d.code.clone()),
                    },
                    verklaringen: false,
                },
            )
            .ok()
        })
}

impl<'a, 'p> Setup<'a, 'p> {
    pub fn new(
        plan: &'p Plan,
        batch: &'a Batch,
        dwellings: &[Vacancy],
        settings: &Settings,
    ) -> Result<Setup<'a, 'p>, SimError> {
        if settings.tot < settings.van {
            return Err(SimError::ReversedPeriod {
                from: settings.van,
                to: settings.tot,
            });
        }
        if !(0.0..=1.0).contains(&settings.weigerkans) || settings.weigerkans.is_nan() {
            return Err(SimError::RefusalProbability(
                settings.weigerkans.to_string(),
            ));
        }
        let gemeenten: Vec<String> = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .map(|g| g.naam.clone())
            .collect();
        let base = any_prepared(plan, settings.tot);
        let mut rejected = batch.rejected.clone();
        let (res, valid) = match &base {
            Some(p) => {
                let res = p.resolve(batch);
                let valid = batch
                    .records
                    .iter()
                    .map(|r| match p.invalid_field(r, batch, &res) {
                        Some((field, sym)) => {
                            rejected.push(p.rejection(r, batch, field, sym));
                            false
                        }
                        None => true,
                    })
                    .collect();
                rejected.sort_by_key(|r| r.plaats.order());
                (res, valid)
            }
            None => (Resolved::empty(), vec![false; batch.records.len()]),
        };
        let buiten: Vec<bool> = batch
            .records
            .iter()
            .zip(&valid)
            .map(|(r, &ok)| {
                let voorkeur = batch.list(r.voorkeur);
                ok && !voorkeur.is_empty()
                    && voorkeur
                        .iter()
                        .all(|&g| res.gemeente[g as usize] == prepare::UNKNOWN)
            })
            .collect();
        let mut in_period: Vec<Vacancy> = dwellings
            .iter()
            .filter(|d| d.vrij_vanaf >= settings.van && d.vrij_vanaf <= settings.tot)
            .cloned()
            .collect();
        let buiten_periode = dwellings.len() - in_period.len();
        dwellings::sort(&mut in_period);
        type Key = (String, Option<String>, bool, Option<String>);
        let mut cache: std::collections::HashMap<Key, Kind> = std::collections::HashMap::new();
        let kinds: Vec<Kind> = in_period
            .iter()
            .map(|d| {
                // a dwelling the reglement names is a kind of its own
                let named = prepare::named_reservation(plan, &d.woning.woning)
                    .map(|(g, l)| format!("{}@{}", g.code, l.gemeente));
                let key = (
                    d.woning.gemeente.to_lowercase(),
                    d.woning.doelgroep.clone(),
                    d.bijzonder.is_some(),
                    named,
                );
                let kind = cache
                    .entry(key)
                    .or_insert_with(|| kind(plan, d, settings.van))
                    .clone();
                match (&kind, &d.bijzonder) {
                    (Kind::Bijzonder { .. }, Some(code)) => match unknown_bijzonder(plan, code) {
                        Some(e) => Kind::Fout(e),
                        None => kind,
                    },
                    _ => kind,
                }
            })
            .collect();
        let doelgroep_codes = base
            .as_ref()
            .map(|p| p.doelgroep_codes.clone())
            .unwrap_or_default();
        let mut vacancies: rustc_hash::FxHashMap<(usize, i32), u32> = Default::default();
        for (d, k) in in_period.iter().zip(&kinds) {
            if let Kind::Vrij { g } | Kind::Voorbehouden { g, .. } | Kind::Bijzonder { g } = k {
                *vacancies.entry((*g, d.vrij_vanaf.year())).or_default() += 1;
            }
        }
        let patrimony = gemeenten
            .iter()
            .map(|g| {
                plan.werkingsgebied
                    .gemeenten
                    .iter()
                    .find(|x| prepare::same_name(&x.naam, g))
                    .map_or(0, |x| x.woningen)
            })
            .collect();
        Ok(Setup {
            quotas: quotas(plan, &gemeenten, &doelgroep_codes),
            quotum: quotum_of(plan).0,
            vacancies,
            patrimony,
            plan,
            batch,
            res,
            valid,
            buiten,
            rejected,
            gemeenten,
            dwellings: in_period,
            kinds,
            buiten_periode,
            from: fields::from_date(settings.van),
            to: fields::from_date(settings.tot),
            doelgroep_codes,
        })
    }

    /// Household size, as rationele bezetting counts it.
    pub fn persons(&self, c: usize) -> u32 {
        let r = &self.batch.records[c];
        r.volwassenen.saturating_add(r.kinderen)
    }
}

/// A code the plan does not know, in Dutch: "doelgroep 'X' staat niet in
/// het reglement (bedoelt u 'x'?); het kent …" (codes are exact, as
/// everywhere; a near miss is suggested). `None` when the plan knows it.
fn unknown_code(what: &str, none: &str, code: &str, known: &[String]) -> Option<String> {
    if known.iter().any(|k| k == code) {
        return None;
    }
    Some(format!(
        "{what} '{}' staat niet in het reglement{}; het kent {}",
        crate::engine::reject::shown(code),
        prepare::suggest(code, known)
            .map(|s| format!(" (bedoelt u '{s}'?)"))
            .unwrap_or_default(),
        if known.is_empty() {
            none.to_string()
        } else {
            known.join(", ")
        }
    ))
}

/// A pillar-4 code the plan does not know.
fn unknown_bijzonder(plan: &Plan, code: &str) -> Option<String> {
    let known: Vec<String> = plan.bijzonder.iter().map(|b| b.code.clone()).collect();
    unknown_code(
        "bijzondere toewijzing",
        "geen bijzondere toewijzingen",
        code,
        &known,
    )
}

/// What is wrong with a dwelling for this plan, if anything: a gemeente
/// outside the werkingsgebied, a target group or a pillar-4 code the plan
/// does not know, a gemeente's own target group elsewhere. The simulation
/// would leave such a dwelling unallocated; a dwellings file with one is
/// refused instead (`dwellings::read`), every such row named.
pub(crate) fn dwelling_error(plan: &Plan, d: &Vacancy) -> Option<String> {
    if let Some(code) = d.woning.doelgroep.as_deref().map(str::trim) {
        let known: Vec<String> = plan
            .doelgroepen
            .iter()
            .flat_map(|x| x.groepen.iter().map(|g| g.code.clone()))
            .collect();
        if !code.is_empty() {
            if let Some(e) = unknown_code("doelgroep", "geen doelgroepen", code, &known) {
                return Some(e);
            }
        }
    }
    if let Some(e) = d
        .bijzonder
        .as_deref()
        .and_then(|c| unknown_bijzonder(plan, c))
    {
        return Some(e);
    }
    match kind(plan, d, d.vrij_vanaf) {
        Kind::Fout(e) => Some(e),
        _ => None,
    }
}

fn kind(plan: &Plan, d: &Vacancy, on: NaiveDate) -> Kind {
    let request = Request {
        peildatum: on,
        target: Target::Dwelling {
            woning: d.woning.clone(),
            pijler: None,
        },
        verklaringen: false,
    };
    let reserved = d
        .woning
        .doelgroep
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
        || prepare::named_reservation(plan, &d.woning.woning).is_some();
    if d.bijzonder.is_some() && !reserved {
        // only the gemeente must be known
        let mut w = d.woning.clone();
        w.doelgroep = None;
        let req = Request {
            target: Target::Dwelling {
                woning: w,
                pijler: Some(Pillar::Standaard),
            },
            ..request
        };
        return match Prepared::new(plan, &req) {
            Ok(p) => Kind::Bijzonder { g: p.gemeente },
            Err(prepare::RequestError::GeenPijler(_)) => {
                match plan
                    .werkingsgebied
                    .gemeenten
                    .iter()
                    .position(|g| g.naam.eq_ignore_ascii_case(d.woning.gemeente.trim()))
                {
                    Some(g) => Kind::Bijzonder { g },
                    None => Kind::Fout(format!(
                        "gemeente '{}' ligt niet in het werkingsgebied",
                        d.woning.gemeente
                    )),
                }
            }
            Err(e) => Kind::Fout(e.to_string()),
        };
    }
    match Prepared::new(plan, &request) {
        Ok(p) if p.pijler == Pillar::Doelgroepen => Kind::Voorbehouden {
            g: p.gemeente,
            code: p.doelgroep_code,
        },
        Ok(p) => Kind::Vrij { g: p.gemeente },
        Err(e) => Kind::Fout(e.to_string()),
    }
}

/// Simulate the period: the fast allocator ([`allocate`]).
pub fn simulate(
    plan: &Plan,
    batch: &Batch,
    dwellings: &[Vacancy],
    settings: &Settings,
) -> Result<Simulation, SimError> {
    let setup = Setup::new(plan, batch, dwellings, settings)?;
    Ok(allocate::run(&setup, settings))
}

/// Replay a register's decisions (`forced`, one per dwelling of the
/// setup) through the fast allocator's lists: the year as it was, and per
/// dwelling who the reglement's list had first ([`allocate::replay`]).
pub(crate) fn replay(
    setup: &Setup,
    settings: &Settings,
    forced: &[Decision],
) -> (Simulation, Vec<Option<u32>>) {
    allocate::replay(setup, settings, forced)
}

/// Simulate the period by ranking the whole list with the engine for every
/// dwelling: slow, the yardstick the fast allocator is checked against.
pub fn simulate_reference(
    plan: &Plan,
    batch: &Batch,
    dwellings: &[Vacancy],
    settings: &Settings,
) -> Result<Simulation, SimError> {
    let setup = Setup::new(plan, batch, dwellings, settings)?;
    Ok(reference::run(&setup, settings))
}

/// The pillar-2 ranking of gemeente `g` on `on`, if the plan has pijler 2:
/// the ranked records in order, and every record's total.
pub(crate) fn pillar2_ranking(setup: &Setup, g: usize, on: Day) -> Option<(Vec<u32>, Vec<u32>)> {
    let req = list_request(&setup.gemeenten[g], Pillar::Versneld, fields::to_date(on));
    let p = Prepared::new(setup.plan, &req).ok()?;
    Some(ranked_with_totals(&p, setup.batch))
}

/// The pillar-2 ranking on `on` for every gemeente at once (the `voorkeur`
/// not checked: pijler 2 has no lokale binding, so a gemeente's list is
/// this order restricted to who chose it).
pub(crate) fn pillar2_ranking_all(setup: &Setup, on: Day) -> Option<(Vec<u32>, Vec<u32>)> {
    let g = setup.gemeenten.first()?;
    let req = list_request(g, Pillar::Versneld, fields::to_date(on));
    let p = Prepared::new(setup.plan, &req).ok()?.any_gemeente();
    Some(ranked_with_totals(&p, setup.batch))
}

/// The ranked records in order, and every record's total.
fn ranked_with_totals(p: &Prepared, batch: &Batch) -> (Vec<u32>, Vec<u32>) {
    let ranked = crate::engine::rank_batch(p, batch);
    let totals = ranked.outcomes.iter().map(|o| o.total).collect();
    (ranked.ranked, totals)
}

/// The days in `from+1 ..= to` on which the pillar-2 ranking changes other
/// than by a registration: a leefloon changes a ceiling, a candidate with
/// the knipperlicht gets a begeleidingsovereenkomst (where the reglement
/// has the knipperlicht rule), or a sociaal verslag is approved (where the
/// reglement admits through one).
pub(crate) fn pillar2_changes(s: &Setup) -> Vec<Day> {
    let mut days = leefloon_changes(s.plan, s.from, s.to);
    let Some(v) = s.plan.versneld.as_ref() else {
        return days;
    };
    let records = &s.batch.records;
    if v.knipperlicht.is_some() {
        days.extend(
            records
                .iter()
                .filter(|r| r.papers.knipperlicht)
                .map(|r| r.papers.overeenkomst),
        );
    }
    if v.sociaal_verslag.is_some() {
        days.extend(records.iter().map(|r| r.papers.verslag));
    }
    days.retain(|&d| d > s.from && d <= s.to);
    days.sort_unstable();
    days.dedup();
    days
}

/// The days in `from+1 ..= to` on which a leefloon changes a pillar-2 ceiling.
fn leefloon_changes(plan: &Plan, from: Day, to: Day) -> Vec<Day> {
    let mut days: Vec<Day> = plan
        .versneld
        .iter()
        .flat_map(|v| &v.wegingskader.criteria)
        .filter_map(|c| match &c.tabel {
            crate::plan::PuntenTabel::Bedragen { leefloon, .. } => Some(leefloon),
            _ => None,
        })
        .flatten()
        .map(|p| fields::from_date(p.vanaf))
        .filter(|&d| d > from && d <= to)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}
