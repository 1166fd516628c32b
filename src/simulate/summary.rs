//! What a simulated year came to: the allocation log as plain rows, and
//! the summary a toewijzingsraad reads (counts and shares per pillar
//! checked against the legal shares, who was housed per woonnood situation
//! and target group, waiting times, per gemeente, the urgent candidates
//! not reached), and the comparison of two versions.
//!
//! Waiting time is counted in days from the registration date to the
//! allocation date; quartiles by the nearest-rank method (the smallest
//! value with at least p% of the values at or below it), so that they are
//! whole days and do not depend on interpolation.

use super::{AllocationPillar, Decision, Reden, Simulation};
use crate::engine::fields;
use crate::engine::outcome::NOT_EVALUATED;
use crate::engine::pillar1::tier_name;
use crate::engine::{Batch, Pillar, Prepared, Request, Target};
use crate::plan::Plan;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One line of the allocation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Toewijzing {
    pub volgnummer: u32,
    pub datum: NaiveDate,
    pub woning: String,
    pub gemeente: String,
    pub slaapkamers: u32,
    /// The target group the dwelling is reserved for (pijler 3).
    pub doelgroep: Option<String>,
    /// The pillar-4 code the dwelling is tagged with.
    pub bijzonder: Option<String>,
    /// The pillar the pacing rule chose.
    pub gepland: Option<AllocationPillar>,
    /// The pillar of the allocation; empty = not allocated.
    pub pijler: Option<AllocationPillar>,
    pub dossier: Option<String>,
    pub inschrijvingsdatum: Option<NaiveDate>,
    pub wachttijd_dagen: Option<i64>,
    /// Pijler 2: the candidate's points.
    pub punten: Option<u32>,
    /// Pijler 1 and 3: the lokale-binding tier reached.
    pub woonbinding: Option<String>,
    /// Dossiers that refused the offer first.
    pub weigeringen: Vec<String>,
    /// Why the dwelling was not allocated as planned.
    pub opmerking: Option<String>,
    /// How `reglement verklaar` reproduces the explanation of this
    /// decision (with the same reglement, candidates and dwellings file).
    pub verklaring: Option<String>,
}

/// Per dwelling gemeente: the tier names of pijler 1.
fn tier_names(plan: &Plan, on: NaiveDate) -> Vec<Vec<&'static str>> {
    plan.werkingsgebied
        .gemeenten
        .iter()
        .map(|g| {
            let req = Request {
                peildatum: on,
                target: Target::Lijst {
                    pijler: Pillar::Standaard,
                    gemeente: g.naam.clone(),
                    doelgroep: None,
                },
                verklaringen: false,
            };
            Prepared::new(plan, &req)
                .map(|p| p.tiers.iter().map(|t| tier_name(t.plan.soort)).collect())
                .unwrap_or_default()
        })
        .collect()
}

pub fn reden_text(r: &Reden) -> String {
    match r {
        Reden::Uitwijk => {
            "gepland voor pijler 2, maar geen kandidaat van pijler 2 past in deze woning: pijler 1"
                .to_string()
        }
        Reden::GeenKandidaat => "niet toegewezen: geen kandidaat past in deze woning".to_string(),
        Reden::AllenWeigerden => {
            "niet toegewezen: elke kandidaat die past, weigerde".to_string()
        }
        Reden::BuitenWachtlijst => {
            "bijzondere toewijzing of interne mutatie (pijler 4): buiten de wachtlijst en buiten de aandelen".to_string()
        }
        Reden::Fout(m) => format!("niet toegewezen: {m}"),
        Reden::Doorverwezen { van, naar } => format!(
            "voorbehouden voor doelgroep '{van}', maar geen kandidaat van die doelgroep nam ze: volgens het reglement naar {naar}"
        ),
    }
}

impl Simulation {
    /// The allocation log, one row per dwelling.
    pub fn log(&self, plan: &Plan, batch: &Batch) -> Vec<Toewijzing> {
        let names = tier_names(plan, self.settings.van);
        self.dwellings
            .iter()
            .zip(&self.decisions)
            .enumerate()
            .map(|(i, (d, dec))| {
                let rec = dec.kandidaat.map(|c| &batch.records[c as usize]);
                let dossier = rec.map(|r| batch.dossier(r).to_string());
                let ins = rec.map(|r| fields::to_date(r.inschrijving));
                let woonbinding = match (dec.tier, self.gemeente[i]) {
                    (Some(NOT_EVALUATED), _) => None,
                    (Some(t), Some(g)) => Some(
                        names
                            .get(g)
                            .and_then(|n| n.get(t as usize))
                            .copied()
                            .unwrap_or("geen")
                            .to_string(),
                    ),
                    _ => None,
                };
                let verklaring = match (&dossier, dec.pijler.and_then(AllocationPillar::engine)) {
                    // a quota place: the group's list in the gemeente (the
                    // dwelling itself has no label to rank it by)
                    (Some(x), Some(_)) if dec.quotum => Some(format!(
                        "--pijler doelgroepen --doelgroep {} --gemeente {} --peildatum {} --dossier {x}",
                        dec.doelgroep.as_deref().unwrap_or_default(),
                        d.woning.gemeente,
                        d.vrij_vanaf
                    )),
                    // `rangschik` follows the reglement's `zonder kandidaat` itself
                    (Some(x), Some(_)) if matches!(dec.reden, Some(Reden::Doorverwezen { .. })) => {
                        Some(format!(
                            "--woning {} --peildatum {} --dossier {x}",
                            d.woning.woning, d.vrij_vanaf
                        ))
                    }
                    (Some(x), Some(p)) => Some(format!(
                        "--woning {} --peildatum {} --pijler {} --dossier {x}",
                        d.woning.woning,
                        d.vrij_vanaf,
                        p.label()
                    )),
                    _ => None,
                };
                Toewijzing {
                    volgnummer: i as u32 + 1,
                    datum: d.vrij_vanaf,
                    woning: d.woning.woning.clone(),
                    gemeente: d.woning.gemeente.clone(),
                    slaapkamers: d.woning.slaapkamers,
                    // a quota place (niet-gelabelde woning): the group it
                    // was allocated for, so the register can be audited
                    // on that group's list
                    doelgroep: dec
                        .voorbehouden
                        .clone()
                        .or_else(|| d.woning.doelgroep.clone())
                        .or_else(|| dec.quotum.then(|| dec.doelgroep.clone()).flatten()),
                    bijzonder: d.bijzonder.clone(),
                    gepland: dec.gepland,
                    pijler: dec.pijler,
                    dossier,
                    inschrijvingsdatum: ins,
                    wachttijd_dagen: ins.map(|x| (d.vrij_vanaf - x).num_days()),
                    punten: dec.totaal,
                    woonbinding,
                    weigeringen: dec
                        .weigeraars
                        .iter()
                        .map(|&c| batch.dossier(&batch.records[c as usize]).to_string())
                        .collect(),
                    opmerking: dec.reden.as_ref().map(reden_text).or_else(|| {
                        dec.quotum.then(|| {
                            format!(
                                "niet-gelabelde woning: een open plaats van de voorbehouden woningen voor doelgroep '{}' in {} dit kalenderjaar",
                                dec.doelgroep.as_deref().unwrap_or_default(),
                                d.woning.gemeente
                            )
                        })
                    }),
                    verklaring,
                }
            })
            .collect()
    }

    /// The candidates housed, by record index.
    pub fn housed(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.decisions.iter().filter_map(|d| d.kandidaat).collect();
        v.sort_unstable();
        v
    }
}

/// Count and share of one pillar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PijlerTelling {
    pub pijler: AllocationPillar,
    pub aantal: u64,
    /// Hundredths of a percent of the allocations of pijler 1–3; none for pijler 4.
    pub aandeel: Option<i64>,
}

/// The shares against the law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toets {
    /// Legal pillar-2 share and pillar-1 minimum (hundredths of a percent, `params`).
    pub versneld_wettelijk: i64,
    pub standaard_minimaal: i64,
    /// Allocations through pijler 2 that the legal share gives for this year's count (hundredths).
    pub versneld_doel: i64,
    /// Pijler 2 within one allocation of its share.
    pub versneld_ok: bool,
    pub standaard_ok: bool,
    /// The plan's pillar-2 base: allocations per year through pijler 2 (hundredths), if stated.
    pub basis_versneld_per_jaar: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GebiedTelling {
    pub gebied: String,
    pub standaard: u64,
    pub versneld: u64,
    pub doelgroepen: u64,
    pub versneld_ok: bool,
    pub standaard_ok: bool,
}

/// On the list and housed, for one woonnood situation or target group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groep {
    pub code: String,
    pub op_lijst: u64,
    pub gehuisvest: u64,
    /// Housed per pillar 1–3.
    pub per_pijler: [u64; 3],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wachttijd {
    /// `None`: all allocations from the list.
    pub pijler: Option<AllocationPillar>,
    pub aantal: u64,
    pub q1: Option<i64>,
    pub mediaan: Option<i64>,
    pub q3: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GemeenteTelling {
    pub gemeente: String,
    pub woningen: u64,
    /// Allocations through pijler 1–4.
    pub per_pijler: [u64; 4],
    pub niet_toegewezen: u64,
}

/// Candidates with a confirmed urgent housing need (in a pillar-2 list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dringend {
    pub op_lijst: u64,
    pub via_versneld: u64,
    pub via_ander: u64,
    pub niet_bereikt: u64,
    /// The dossiers not reached, in dossier order.
    pub niet_bereikt_dossiers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maand {
    /// `JJJJ-MM`.
    pub maand: String,
    /// Allocations through pijler 1–4 in that month.
    pub per_pijler: [u64; 4],
    /// Pillar-2 share of pijler 1–3 so far (hundredths of a percent).
    pub versneld_cumulatief: i64,
}

/// One quota of pijler 3: the reserved dwellings of a target group in a
/// gemeente (`voorbehouden woningen`), per calendar year of the period,
/// and how they were filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotum {
    pub doelgroep: String,
    pub gemeente: String,
    /// The places over the calendar years the period touches: the
    /// reglement's number each year (`quotum: toewijzingen per jaar`, or
    /// not stated), or the reserved dwellings that become vacant by the
    /// simulated turnover (`quotum: voorraad`, [`super::quota_places`]).
    pub doel: u64,
    /// Pillar-3 allocations of the group in the gemeente.
    pub gevuld: u64,
    /// Of which through a dwelling labelled for a group (the file's
    /// `doelgroep` column or a dwelling the reglement names).
    pub gelabeld: u64,
    /// Of which through a dwelling without a label that filled an open place.
    pub niet_gelabeld: u64,
}

/// The summary of one simulated year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub reglement: String,
    pub versie: Option<String>,
    pub bron_hash: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub zaad: u64,
    pub weigerkans: String,
    /// Every row of the candidates file: `kandidaten_gelezen =
    /// kandidaten_op_lijst + voorkeur_buiten_werkingsgebied +
    /// ingeschreven_na_periode + geweigerd`.
    pub kandidaten_gelezen: u64,
    pub kandidaten_op_lijst: u64,
    /// Accepted, but every gemeente of the voorkeur lies outside the
    /// werkingsgebied (the central register): on no list. Left out of the
    /// JSON when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voorkeur_buiten_werkingsgebied: u64,
    pub ingeschreven_na_periode: u64,
    /// Unreadable rows and records the plan does not accept.
    pub geweigerd: u64,
    pub woningen: u64,
    pub buiten_periode: u64,
    pub toegewezen: u64,
    pub niet_toegewezen: u64,
    pub uitwijk_naar_standaard: u64,
    /// Reserved dwellings no candidate of their group took, sent on by the
    /// reglement's `zonder kandidaat` and allocated there.
    pub voorbehouden_doorverwezen: u64,
    /// Reserved dwellings left unallocated: no candidate of the group (and
    /// the reglement says nothing, or that they stay reserved).
    pub voorbehouden_onverhuurd: u64,
    pub weigeringen: u64,
    pub per_pijler: Vec<PijlerTelling>,
    pub toets: Toets,
    pub per_gebied: Vec<GebiedTelling>,
    pub per_woonnood: Vec<Groep>,
    pub per_doelgroep: Vec<Groep>,
    pub wachttijd: Vec<Wachttijd>,
    pub per_gemeente: Vec<GemeenteTelling>,
    pub dringend: Dringend,
    pub per_maand: Vec<Maand>,
    /// The quotas of pijler 3 (left out of the JSON when the reglement
    /// has no reserved dwellings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_quotum: Vec<Quotum>,
    /// How the quotas were read, in Dutch (`voorraad`, `toewijzingen per
    /// jaar`, or `toewijzingen per jaar (niet vermeld)` when the reglement
    /// does not say, R0285); left out of the JSON without quotas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotum_lezing: Option<String>,
}

/// The reading of the quotas as the summary writes it.
fn quotum_text(plan: &Plan) -> String {
    match super::quotum_of(plan) {
        (crate::plan::PlanQuotum::Voorraad, _) => "voorraad".to_string(),
        (crate::plan::PlanQuotum::PerJaar, true) => "toewijzingen per jaar".to_string(),
        (crate::plan::PlanQuotum::PerJaar, false) => {
            "toewijzingen per jaar (niet vermeld in het reglement)".to_string()
        }
    }
}

/// The quotas of pijler 3: per row of the plan's reserved dwellings, in
/// the plan's order of gemeenten and groups, the target over the period's
/// calendar years and the allocations of the group in that gemeente.
fn quota_rows(sim: &Simulation, plan: &Plan) -> Vec<Quotum> {
    use chrono::Datelike;
    let Some(d) = plan.doelgroepen.as_ref() else {
        return Vec::new();
    };
    let (quotum, _) = super::quotum_of(plan);
    let mut vacancies: rustc_hash::FxHashMap<(usize, i32), u32> = Default::default();
    for (w, at) in sim.dwellings.iter().zip(&sim.gemeente) {
        if let Some(g) = at {
            *vacancies.entry((*g, w.vrij_vanaf.year())).or_default() += 1;
        }
    }
    let years = sim.settings.van.year()..=sim.settings.tot.year();
    let mut out = Vec::new();
    for row in &d.voorbehouden {
        let g = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .position(|x| crate::engine::prepare::same_name(&x.naam, &row.gemeente));
        for grp in &d.groepen {
            let n = row.per_doelgroep.get(&grp.code).copied().unwrap_or(0);
            let n32 = u32::try_from(n).unwrap_or(u32::MAX);
            let stock = g.map_or(0, |g| plan.werkingsgebied.gemeenten[g].woningen);
            let doel = years
                .clone()
                .map(|y| {
                    let vacant = g.and_then(|g| vacancies.get(&(g, y))).copied().unwrap_or(0);
                    u64::from(super::quota_places(quotum, n32, vacant, stock))
                })
                .sum();
            let mut q = Quotum {
                doelgroep: grp.code.clone(),
                gemeente: row.gemeente.clone(),
                doel,
                gevuld: 0,
                gelabeld: 0,
                niet_gelabeld: 0,
            };
            for (dec, at) in sim.decisions.iter().zip(&sim.gemeente) {
                if dec.pijler == Some(AllocationPillar::Doelgroepen)
                    && dec.doelgroep.as_deref() == Some(grp.code.as_str())
                    && g.is_some()
                    && *at == g
                {
                    q.gevuld += 1;
                    if dec.quotum {
                        q.niet_gelabeld += 1;
                    } else {
                        q.gelabeld += 1;
                    }
                }
            }
            // a row of the reglement shows, also when its stock gives no
            // place this period (doel 0)
            if n > 0 || q.gevuld > 0 {
                out.push(q);
            }
        }
    }
    out
}

pub(crate) fn share(part: u64, total: u64) -> i64 {
    if total == 0 {
        0
    } else {
        // hundredths of a percent, rounded half up
        ((part as i128 * 20_000 + total as i128) / (2 * total as i128)) as i64
    }
}

/// Nearest-rank percentile of sorted values.
fn rank_pct(sorted: &[i64], pct: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let k = (pct * sorted.len()).div_ceil(100).max(1);
    sorted.get(k - 1).copied()
}

fn pillar_index(p: AllocationPillar) -> usize {
    p.number() - 1
}

fn within_one(v: u64, n: u64, aandeel: i64) -> bool {
    let target = aandeel as i128 * n as i128; // hundredths of % × n
    let got = v as i128 * 10_000;
    (got - target).abs() <= 10_000
}

impl Summary {
    pub fn new(sim: &Simulation, plan: &Plan, batch: &Batch) -> Summary {
        let legal = crate::params::for_date(plan.reglement.geldig_vanaf);
        let counts = pillar_counts(sim);
        let counted = counts[0] + counts[1] + counts[2];
        let per_pijler = per_pillar(&counts, counted);
        let toets = shares_test(plan, &legal, &counts, counted);
        let per_gebied = per_area(sim, &legal);
        let housed_via = housed_via(sim, batch);
        let (woonnood, doelgroep) = groups(sim, plan, batch, &housed_via);
        let wachttijd = waiting_times(sim, batch);
        let per_gemeente = per_gemeente(sim, plan);
        let dringend = urgent(sim, batch, &housed_via);
        let per_maand = per_month(sim);
        let id = &plan.reglement;
        let per_quotum = quota_rows(sim, plan);
        Summary {
            reglement: id
                .titel
                .clone()
                .unwrap_or_else(|| id.woonmaatschappij.clone()),
            versie: id.versie.clone(),
            bron_hash: id.bron_hash.clone(),
            van: sim.settings.van,
            tot: sim.settings.tot,
            zaad: sim.settings.zaad,
            weigerkans: sim.settings.weigerkans.to_string(),
            kandidaten_gelezen: (batch.records.len() + batch.rejected.len()) as u64,
            kandidaten_op_lijst: sim.op_lijst.iter().filter(|&&b| b).count() as u64,
            voorkeur_buiten_werkingsgebied: sim.voorkeur_buiten,
            ingeschreven_na_periode: sim.na_periode,
            // records the plan does not accept are counted even without a
            // message (a plan without any list to check them against)
            geweigerd: (batch.records.len() as u64
                - sim.op_lijst.iter().filter(|&&b| b).count() as u64
                - sim.na_periode
                - sim.voorkeur_buiten)
                + batch.rejected.len() as u64,
            woningen: sim.dwellings.len() as u64,
            buiten_periode: sim.buiten_periode as u64,
            toegewezen: counts.iter().sum(),
            niet_toegewezen: sim.decisions.iter().filter(|d| d.pijler.is_none()).count() as u64,
            uitwijk_naar_standaard: sim
                .decisions
                .iter()
                .filter(|d| d.reden == Some(Reden::Uitwijk))
                .count() as u64,
            voorbehouden_doorverwezen: sim
                .decisions
                .iter()
                .filter(|d| matches!(d.reden, Some(Reden::Doorverwezen { .. })))
                .count() as u64,
            voorbehouden_onverhuurd: sim
                .decisions
                .iter()
                .filter(|d| d.voorbehouden.is_some() && d.pijler.is_none())
                .count() as u64,
            weigeringen: sim
                .decisions
                .iter()
                .map(|d| d.weigeraars.len() as u64)
                .sum(),
            per_pijler,
            toets,
            per_gebied,
            per_woonnood: woonnood.into_values().collect(),
            per_doelgroep: doelgroep.into_values().collect(),
            wachttijd,
            per_gemeente,
            dringend,
            per_maand,
            quotum_lezing: (!per_quotum.is_empty()).then(|| quotum_text(plan)),
            per_quotum,
        }
    }
}

/// The allocations per pillar (pijler 1 to 4).
fn pillar_counts(sim: &Simulation) -> [u64; 4] {
    let mut counts = [0u64; 4];
    for d in &sim.decisions {
        if let Some(p) = d.pijler {
            counts[pillar_index(p)] += 1;
        }
    }
    counts
}

/// Count and share (of pijlers 1-3) per pillar.
fn per_pillar(counts: &[u64; 4], counted: u64) -> Vec<PijlerTelling> {
    AllocationPillar::ALL
        .iter()
        .map(|&p| PijlerTelling {
            pijler: p,
            aantal: counts[pillar_index(p)],
            aandeel: (p != AllocationPillar::Bijzonder)
                .then(|| share(counts[pillar_index(p)], counted)),
        })
        .collect()
}

/// The shares against the legal ones.
fn shares_test(
    plan: &Plan,
    legal: &crate::params::LegalParams,
    counts: &[u64; 4],
    counted: u64,
) -> Toets {
    Toets {
        versneld_wettelijk: legal.pillar2_share,
        standaard_minimaal: legal.pillar1_min_share,
        versneld_doel: legal.pillar2_share * counted as i64 / 100,
        versneld_ok: within_one(counts[1], counted, legal.pillar2_share),
        standaard_ok: counts[0] as i128 * 10_000
            >= legal.pillar1_min_share as i128 * counted as i128,
        basis_versneld_per_jaar: plan
            .versneld
            .as_ref()
            .and_then(|v| v.basis.as_ref())
            .map(|b| b.versneld_per_jaar),
    }
}

/// The pillars' counts and shares per area (gemeente or deelwerkingsgebied).
fn per_area(sim: &Simulation, legal: &crate::params::LegalParams) -> Vec<GebiedTelling> {
    let mut area_counts = vec![[0u64; 3]; sim.areas.len()];
    for (d, g) in sim.decisions.iter().zip(&sim.gemeente) {
        if let (Some(p), Some(g)) = (d.pijler, g) {
            if p != AllocationPillar::Bijzonder {
                area_counts[sim.area_of[*g]][pillar_index(p)] += 1;
            }
        }
    }
    sim.areas
        .iter()
        .zip(&area_counts)
        .map(|(name, c)| {
            let n = c[0] + c[1] + c[2];
            GebiedTelling {
                gebied: name.clone(),
                standaard: c[0],
                versneld: c[1],
                doelgroepen: c[2],
                versneld_ok: within_one(c[1], n, legal.pillar2_share),
                standaard_ok: c[0] as i128 * 10_000 >= legal.pillar1_min_share as i128 * n as i128,
            }
        })
        .collect()
}

/// Per candidate of the batch, the pillar it was housed through.
fn housed_via(sim: &Simulation, batch: &Batch) -> Vec<Option<AllocationPillar>> {
    let n = batch.records.len();
    let mut housed_via: Vec<Option<AllocationPillar>> = vec![None; n];
    for d in &sim.decisions {
        if let (Some(c), Some(p)) = (d.kandidaat, d.pijler) {
            housed_via[c as usize] = Some(p);
        }
    }
    housed_via
}

/// Who was on the list and who was housed, per woonnood situation and per
/// target group (pijler 2 and pijler 3).
fn groups(
    sim: &Simulation,
    plan: &Plan,
    batch: &Batch,
    housed_via: &[Option<AllocationPillar>],
) -> (BTreeMap<String, Groep>, BTreeMap<String, Groep>) {
    let mut woonnood: BTreeMap<String, Groep> = BTreeMap::new();
    let mut doelgroep: BTreeMap<String, Groep> = BTreeMap::new();
    let p2_groups: Vec<(&str, &[String])> = plan
        .versneld
        .iter()
        .flat_map(|v| &v.doelgroepen)
        .map(|g| (g.code.as_str(), &g.situaties[..]))
        .collect();
    let bump = |m: &mut BTreeMap<String, Groep>, key: &str, via: Option<AllocationPillar>| {
        let g = m.entry(key.to_string()).or_insert_with(|| Groep {
            code: key.to_string(),
            op_lijst: 0,
            gehuisvest: 0,
            per_pijler: [0; 3],
        });
        g.op_lijst += 1;
        if let Some(p) = via {
            g.gehuisvest += 1;
            if p != AllocationPillar::Bijzonder {
                g.per_pijler[pillar_index(p)] += 1;
            }
        }
    };
    for ((rec, &via), _) in batch
        .records
        .iter()
        .zip(housed_via)
        .zip(&sim.op_lijst)
        .filter(|(_, &on)| on)
    {
        let situatie = if rec.woonnood == crate::engine::batch::NONE {
            "(geen)"
        } else {
            batch.name(rec.woonnood)
        };
        bump(&mut woonnood, situatie, via);
        for (code, sits) in &p2_groups {
            if sits.iter().any(|s| s == situatie) {
                bump(&mut doelgroep, &format!("pijler 2: {code}"), via);
            }
        }
        let mut held: Vec<&str> = batch
            .list(rec.doelgroepen)
            .iter()
            .map(|&s| batch.name(s))
            .collect();
        held.sort_unstable();
        held.dedup();
        for code in held {
            bump(&mut doelgroep, &format!("pijler 3: {code}"), via);
        }
    }
    (woonnood, doelgroep)
}

/// Waiting times: all allocations, then pijlers 1 to 3.
fn waiting_times(sim: &Simulation, batch: &Batch) -> Vec<Wachttijd> {
    // waiting times
    let mut waits: [Vec<i64>; 4] = Default::default();
    let mut all = Vec::new();
    for (d, dec) in sim.dwellings.iter().zip(&sim.decisions) {
        if let (Some(c), Some(p)) = (dec.kandidaat, dec.pijler) {
            let ins = fields::to_date(batch.records[c as usize].inschrijving);
            let w = (d.vrij_vanaf - ins).num_days();
            waits[pillar_index(p)].push(w);
            all.push(w);
        }
    }
    let stat = |p: Option<AllocationPillar>, v: &mut Vec<i64>| {
        v.sort_unstable();
        Wachttijd {
            pijler: p,
            aantal: v.len() as u64,
            q1: rank_pct(v, 25),
            mediaan: rank_pct(v, 50),
            q3: rank_pct(v, 75),
        }
    };
    let mut wachttijd = vec![stat(None, &mut all)];
    for p in [
        AllocationPillar::Standaard,
        AllocationPillar::Versneld,
        AllocationPillar::Doelgroepen,
    ] {
        wachttijd.push(stat(Some(p), &mut waits[pillar_index(p)]));
    }
    wachttijd
}

/// Per gemeente, in the werkingsgebied's order, then unknown ones by name.
fn per_gemeente(sim: &Simulation, plan: &Plan) -> Vec<GemeenteTelling> {
    // per gemeente, in the werkingsgebied's order, then unknown ones by name
    let mut per_gemeente: Vec<GemeenteTelling> = plan
        .werkingsgebied
        .gemeenten
        .iter()
        .map(|g| GemeenteTelling {
            gemeente: g.naam.clone(),
            woningen: 0,
            per_pijler: [0; 4],
            niet_toegewezen: 0,
        })
        .collect();
    let mut others: BTreeMap<String, GemeenteTelling> = BTreeMap::new();
    for ((d, dec), g) in sim.dwellings.iter().zip(&sim.decisions).zip(&sim.gemeente) {
        let t = match g {
            Some(g) => &mut per_gemeente[*g],
            None => others
                .entry(d.woning.gemeente.clone())
                .or_insert_with(|| GemeenteTelling {
                    gemeente: d.woning.gemeente.clone(),
                    woningen: 0,
                    per_pijler: [0; 4],
                    niet_toegewezen: 0,
                }),
        };
        t.woningen += 1;
        match dec.pijler {
            Some(p) => t.per_pijler[pillar_index(p)] += 1,
            None => t.niet_toegewezen += 1,
        }
    }
    per_gemeente.extend(others.into_values());
    per_gemeente
}

/// The urgent candidates: reached through pijler 2, another pillar, or not.
fn urgent(sim: &Simulation, batch: &Batch, housed_via: &[Option<AllocationPillar>]) -> Dringend {
    // urgent
    let mut dringend = Dringend {
        op_lijst: 0,
        via_versneld: 0,
        via_ander: 0,
        niet_bereikt: 0,
        niet_bereikt_dossiers: Vec::new(),
    };
    for c in batch.by_dossier.iter().map(|&c| c as usize) {
        if !sim.urgent.get(c).copied().unwrap_or(false) {
            continue;
        }
        dringend.op_lijst += 1;
        match housed_via[c] {
            Some(AllocationPillar::Versneld) => dringend.via_versneld += 1,
            Some(_) => dringend.via_ander += 1,
            None => {
                dringend.niet_bereikt += 1;
                dringend
                    .niet_bereikt_dossiers
                    .push(batch.dossier(&batch.records[c]).to_string());
            }
        }
    }
    dringend
}

/// Per month of the period, the allocations per pillar and pijler 2's
/// cumulative share.
fn per_month(sim: &Simulation) -> Vec<Maand> {
    // per month
    let mut months: BTreeMap<(i32, u32), [u64; 4]> = BTreeMap::new();
    let mut m = sim.settings.van.with_day(1).unwrap_or(sim.settings.van);
    while m <= sim.settings.tot {
        months.insert((m.year(), m.month()), [0; 4]);
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    for (d, dec) in sim.dwellings.iter().zip(&sim.decisions) {
        if let Some(p) = dec.pijler {
            months
                .entry((d.vrij_vanaf.year(), d.vrij_vanaf.month()))
                .or_default()[pillar_index(p)] += 1;
        }
    }
    let mut cum = [0u64; 3];
    months
        .into_iter()
        .map(|((y, mo), c)| {
            for k in 0..3 {
                cum[k] += c[k];
            }
            Maand {
                maand: format!("{y:04}-{mo:02}"),
                per_pijler: c,
                versneld_cumulatief: share(cum[1], cum[0] + cum[1] + cum[2]),
            }
        })
        .collect()
}

/// Two versions on the same list and dwellings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vergelijking {
    pub a: Summary,
    pub b: Summary,
    /// Dossiers housed under A and not under B (dossier order).
    pub enkel_a: Vec<String>,
    pub enkel_b: Vec<String>,
}

impl Vergelijking {
    pub fn new(a: (&Simulation, &Plan), b: (&Simulation, &Plan), batch: &Batch) -> Vergelijking {
        let ha = a.0.housed();
        let hb = b.0.housed();
        let only = |x: &[u32], y: &[u32]| -> Vec<String> {
            let mut v: Vec<String> = x
                .iter()
                .filter(|c| y.binary_search(c).is_err())
                .map(|&c| batch.dossier(&batch.records[c as usize]).to_string())
                .collect();
            v.sort();
            v
        };
        Vergelijking {
            enkel_a: only(&ha, &hb),
            enkel_b: only(&hb, &ha),
            a: Summary::new(a.0, a.1, batch),
            b: Summary::new(b.0, b.1, batch),
        }
    }
}

/// Whether a decision housed someone.
pub fn housed(d: &Decision) -> bool {
    d.kandidaat.is_some()
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}
