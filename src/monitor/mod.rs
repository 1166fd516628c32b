//! Monitoring: the year as it happened. An allocation register (what the
//! woonmaatschappij actually allocated, [`register`]) is replayed against
//! the candidate list through the simulation's own bookkeeping
//! ([`crate::simulate`]'s `Setup` and journal), so the indicators are the
//! simulation's summary computed on real decisions: pillar shares against
//! the plan's parameters, per gemeente and per area, target groups,
//! waiting time per pillar, urgent candidates not reached. The register's
//! pijler-3 allocations are set against the reserved dwellings of the
//! reglement ([`quota`]), and a seeded sample of its decisions is re-derived
//! by the engine on that day's list ([`audit`]).
//!
//! ```text
//!  register ──read──► Entry | Weigering (code, place, reason)
//!      │
//!      ▼            plan, candidates
//!  replay: Setup (dwellings of the entries) ──► Decision per entry ──► Simulation
//!      │                                                                  │
//!      ├──► audit: sample (ChaCha8, --zaad) ──► engine ranking per dwelling
//!      ▼                                                                  ▼
//!  Monitor { accounting, Summary, quota, audit, targets, comparison } ──► write (text, CSV, JSON, HTML)
//! ```

pub mod audit;
pub mod regio;
pub mod register;
pub mod write;

use crate::diagnostic::Code;
use crate::engine::{Batch, Rejection};
use crate::plan::Plan;
use crate::simulate::summary::{share, Summary};
use crate::simulate::{self, AllocationPillar, Decision, Kind, Reden, Settings, Setup, Vacancy};
use chrono::NaiveDate;
use register::{codes, Entry, Register, RegisterRejection};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The JSON schema tag of the monitor's report.
pub const SCHEMA: &str = "reglement-monitor/1";

/// How the register's rows were accounted for: `gelezen = gebruikt +
/// geweigerd`, always.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Telling {
    pub gelezen: u64,
    pub gebruikt: u64,
    pub geweigerd: u64,
    /// Per code, how many rows were refused.
    pub per_code: BTreeMap<Code, u64>,
}

/// Pijler 3 in one gemeente for one target group: allocations in the
/// period against the dwellings the reglement reserves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quotum {
    pub doelgroep: String,
    pub gemeente: String,
    /// Dwellings the reglement reserves for the group in the gemeente.
    pub voorbehouden: u64,
    /// Allocations through pijler 3 to the group in the period.
    pub toegewezen: u64,
}

/// A pillar's share in one gemeente.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GemeenteAandeel {
    pub gemeente: String,
    /// Allocations of pijler 1–3.
    pub toewijzingen: u64,
    /// Hundredths of a percent.
    pub aandeel_standaard: i64,
    pub aandeel_versneld: i64,
    pub aandeel_doelgroepen: i64,
}

/// An indicator of the reglement's `evaluatie` against the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doel {
    pub indicator: crate::plan::IndicatorSoort,
    /// "het aandeel van pijler 2 …".
    pub omschrijving: String,
    /// "20%", "hoogstens 730 dagen".
    pub doel: String,
    /// What the year gave, written as the target is ("18,3%", "412 dagen"); none when not measurable.
    pub waarde: Option<String>,
    pub gehaald: Option<bool>,
    pub maanden: u32,
}

/// Everything the monitor found.
#[derive(Debug, Clone, Serialize)]
pub struct Monitor {
    pub schema: &'static str,
    pub register: String,
    pub kandidaten: String,
    pub woonmaatschappij: String,
    /// The regional file the reglement uses, if any (the region).
    pub regio: Option<String>,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub rijen: Telling,
    /// The refused rows, in file order.
    pub geweigerd: Vec<RegisterRejection>,
    /// The candidate rows the plan refuses (never on a list).
    pub kandidaten_geweigerd: u64,
    /// The year as the simulation's summary counts it.
    pub samenvatting: Summary,
    pub per_gemeente: Vec<GemeenteAandeel>,
    pub pijler3: Vec<Quotum>,
    /// The targets of the reglement's `evaluatie`, when it has one.
    pub doelen: Vec<Doel>,
    /// Who evaluates, and how often: "de toewijzingsraad, elke 12 maanden".
    pub evaluatoren: Vec<String>,
    pub steekproef: audit::Steekproef,
}

/// What the monitor needs besides plan, candidates and register.
#[derive(Debug, Clone)]
pub struct Options {
    /// The period; default the first and last date of the register.
    pub van: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
    /// The audit sample, in hundredths of a percent (200 = 2%).
    pub steekproef: u32,
    pub zaad: u64,
}

/// The candidate lists as they stood on given dates, for the audit:
/// `(date, batch)`, any order.
pub type Snapshots = [(NaiveDate, Batch)];

/// Run the monitor.
pub fn run(
    plan: &Plan,
    batch: &Batch,
    register: Register,
    snapshots: &Snapshots,
    options: &Options,
) -> Result<Monitor, String> {
    let Register {
        bestand,
        records,
        mut entries,
        mut geweigerd,
    } = register;
    let (van, tot) = period(&entries, options)?;
    // the simulation's order: date, then dwelling
    entries.sort_by(|a, b| {
        a.datum
            .cmp(&b.datum)
            .then_with(|| a.woning.woning.as_bytes().cmp(b.woning.woning.as_bytes()))
    });
    let mut kept = Vec::with_capacity(entries.len());
    let mut seen: HashMap<(NaiveDate, String), String> = HashMap::new();
    for e in entries {
        if e.datum < van || e.datum > tot {
            geweigerd.push(refuse(
                &e,
                codes::PERIODE,
                format!(
                    "de datum {} ligt buiten de periode ({} tot en met {})",
                    e.datum, van, tot
                ),
            ));
            continue;
        }
        if let Some(before) = seen.insert((e.datum, e.woning.woning.clone()), e.plaats.clone()) {
            geweigerd.push(refuse(
                &e,
                codes::DUBBELE_WONING,
                format!(
                    "woning {} staat op die dag al in het register ({before})",
                    e.woning.woning
                ),
            ));
            continue;
        }
        let d = dwelling(&e);
        if let Some(m) = simulate::dwelling_error(plan, &d) {
            // the message names what does not fit
            let field = ["doelgroep", "bijzonder"]
                .into_iter()
                .find(|f| m.starts_with(f))
                .unwrap_or("gemeente");
            geweigerd.push(refuse_at(&e, codes::WONING, field, m));
            continue;
        }
        kept.push(e);
    }
    let settings = Settings {
        van,
        tot,
        zaad: options.zaad,
        weigerkans: 0.0,
    };
    let dwellings: Vec<Vacancy> = kept.iter().map(dwelling).collect();
    let mut setup = Setup::new(plan, batch, &dwellings, &settings).map_err(|e| e.to_string())?;
    // the dossiers of the list: a dossier of the register must be one of them
    let index: HashMap<&str, u32> = batch
        .records
        .iter()
        .enumerate()
        .filter(|(c, _)| setup.valid[*c])
        .map(|(c, r)| (batch.dossier(r), c as u32))
        .collect();
    let mut housed_by: Vec<Option<String>> = vec![None; batch.records.len()];
    let mut used = Vec::with_capacity(kept.len());
    let mut keep = Vec::with_capacity(kept.len());
    for e in kept {
        let c = match (&e.dossier, e.pijler) {
            (Some(d), Some(p)) if p != AllocationPillar::Bijzonder => match index.get(d.as_str()) {
                None => {
                    geweigerd.push(refuse(
                        &e,
                        codes::ONBEKEND_DOSSIER,
                        format!(
                            "dossier {} staat niet (of niet bruikbaar) in {}; een toewijzing van de wachtlijst is aan een kandidaat van de lijst",
                            crate::engine::reject::shown(d),
                            batch.bestand
                        ),
                    ));
                    keep.push(false);
                    continue;
                }
                Some(&c) => {
                    if let Some(before) = &housed_by[c as usize] {
                        geweigerd.push(refuse(
                            &e,
                            codes::DUBBEL_DOSSIER,
                            format!(
                                "dossier {} kreeg al een woning ({before}); een kandidaat wordt één keer toegewezen",
                                crate::engine::reject::shown(d)
                            ),
                        ));
                        keep.push(false);
                        continue;
                    }
                    housed_by[c as usize] = Some(e.plaats.clone());
                    Some(c)
                }
            },
            _ => None,
        };
        keep.push(true);
        used.push((e, c));
    }
    // the dwellings of the rows kept, in the same order
    let mut k = keep.iter();
    setup.kinds.retain(|_| *k.next().unwrap_or(&false));
    let mut k = keep.iter();
    setup.dwellings.retain(|_| *k.next().unwrap_or(&false));
    let forced: Vec<Decision> = used
        .iter()
        .zip(&setup.kinds)
        .map(|((e, c), kind)| {
            let voorbehouden = match kind {
                Kind::Voorbehouden { code, .. } => {
                    setup.doelgroep_codes.get(*code as usize).cloned()
                }
                _ => None,
            };
            Decision {
                pijler: e.pijler,
                kandidaat: *c,
                reden: (e.pijler == Some(AllocationPillar::Bijzonder))
                    .then_some(Reden::BuitenWachtlijst),
                doelgroep: (e.pijler == Some(AllocationPillar::Doelgroepen))
                    .then(|| voorbehouden.clone().or_else(|| e.woning.doelgroep.clone()))
                    .flatten(),
                voorbehouden,
                ..Decision::default()
            }
        })
        .collect();
    let (sim, expected) = simulate::replay(&setup, &settings, &forced);
    let expected: Vec<Option<String>> = expected
        .iter()
        .map(|c| c.map(|c| batch.dossier(&batch.records[c as usize]).to_string()))
        .collect();
    let summary = Summary::new(&sim, plan, batch);
    let doelen = targets(plan, &summary);
    let per_gemeente = summary
        .per_gemeente
        .iter()
        .map(|g| {
            let n = g.per_pijler[0] + g.per_pijler[1] + g.per_pijler[2];
            GemeenteAandeel {
                gemeente: g.gemeente.clone(),
                toewijzingen: n,
                aandeel_standaard: share(g.per_pijler[0], n),
                aandeel_versneld: share(g.per_pijler[1], n),
                aandeel_doelgroepen: share(g.per_pijler[2], n),
            }
        })
        .collect();
    let pijler3 = quota(plan, &sim.decisions, &setup.dwellings);
    let steekproef = audit::run(&bestand, plan, batch, &used, &expected, snapshots, options);
    geweigerd.sort_by_key(|w| place_order(&w.melding));
    let mut per_code = BTreeMap::new();
    for w in &geweigerd {
        *per_code.entry(w.code).or_insert(0) += 1;
    }
    let rijen = Telling {
        gelezen: records as u64,
        gebruikt: used.len() as u64,
        geweigerd: geweigerd.len() as u64,
        per_code,
    };
    debug_assert_eq!(rijen.gelezen, rijen.gebruikt + rijen.geweigerd);
    Ok(Monitor {
        schema: SCHEMA,
        register: bestand,
        kandidaten: batch.bestand.clone(),
        woonmaatschappij: plan.reglement.woonmaatschappij.clone(),
        regio: plan.reglement.regio.clone(),
        van,
        tot,
        rijen,
        geweigerd,
        kandidaten_geweigerd: setup.rejected.len() as u64,
        samenvatting: summary,
        per_gemeente,
        pijler3,
        doelen,
        evaluatoren: plan
            .evaluatie
            .iter()
            .flat_map(|e| &e.evaluatoren)
            .map(|r| format!("{}, elke {} maanden", r.wie, r.elke_maanden))
            .collect(),
        steekproef,
    })
}

/// The period monitored: `--van` and `--tot`, else a year from `--van`,
/// else the register's first and last date.
fn period(entries: &[Entry], options: &Options) -> Result<(NaiveDate, NaiveDate), String> {
    let first = entries.iter().map(|e| e.datum).min();
    let last = entries.iter().map(|e| e.datum).max();
    let van = options.van.or(first).unwrap_or(NaiveDate::MIN);
    let tot = match (options.tot, options.van) {
        (Some(t), _) => t,
        (None, Some(v)) => v
            .checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(v),
        (None, None) => last.unwrap_or(van),
    };
    if tot < van {
        return Err(format!(
            "de periode eindigt ({tot}) voor ze begint ({van}); geef --van en --tot in volgorde"
        ));
    }
    Ok((van, tot))
}

/// The candidates refused when the list was read or checked (for the CLI's messages).
pub fn candidate_rejections(plan: &Plan, batch: &Batch, on: NaiveDate) -> Vec<Rejection> {
    let settings = Settings {
        van: on,
        tot: on,
        zaad: 0,
        weigerkans: 0.0,
    };
    Setup::new(plan, batch, &[], &settings)
        .map(|s| s.rejected)
        .unwrap_or_default()
}

/// A refused row, with the dossier when it has one.
fn refuse(e: &Entry, code: Code, reason: String) -> RegisterRejection {
    let field = match code {
        codes::PERIODE => "datum",
        codes::DUBBELE_WONING => "woning",
        _ => "dossier",
    };
    refuse_at(e, code, field, reason)
}

/// A refused row, at the column of `field`.
fn refuse_at(e: &Entry, code: Code, field: &str, reason: String) -> RegisterRejection {
    let dossier = e
        .dossier
        .as_deref()
        .map(|d| format!(", dossier {}", crate::engine::reject::shown(d)))
        .unwrap_or_default();
    RegisterRejection {
        code,
        melding: format!("{}{dossier}: {reason}", e.place.field(field)),
    }
}

/// The line (or JSON element) number in a message "bestand, regel N…", to
/// keep the refused rows in file order.
fn place_order(m: &str) -> u64 {
    let digits: String = m
        .split(", ")
        .nth(1)
        .unwrap_or("")
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(u64::MAX)
}

fn dwelling(e: &Entry) -> Vacancy {
    Vacancy {
        woning: e.woning.clone(),
        vrij_vanaf: e.datum,
        bijzonder: e.bijzonder.clone(),
    }
}

/// Pijler 3 per target group and gemeente: every (group, gemeente) with
/// reserved dwellings in the reglement or with allocations in the period.
fn quota(plan: &Plan, decisions: &[Decision], dwellings: &[Vacancy]) -> Vec<Quotum> {
    let mut m: BTreeMap<(String, String), Quotum> = BTreeMap::new();
    let order: Vec<String> = plan
        .werkingsgebied
        .gemeenten
        .iter()
        .map(|g| g.naam.to_lowercase())
        .collect();
    fn slot<'m>(
        m: &'m mut BTreeMap<(String, String), Quotum>,
        code: &str,
        gemeente: &str,
    ) -> &'m mut Quotum {
        m.entry((code.to_string(), gemeente.to_lowercase()))
            .or_insert_with(|| Quotum {
                doelgroep: code.to_string(),
                gemeente: gemeente.to_string(),
                voorbehouden: 0,
                toegewezen: 0,
            })
    }
    if let Some(d) = &plan.doelgroepen {
        for row in &d.voorbehouden {
            for (code, n) in &row.per_doelgroep {
                slot(&mut m, code, &row.gemeente).voorbehouden += n;
            }
        }
    }
    for (dec, d) in decisions.iter().zip(dwellings) {
        if dec.pijler == Some(AllocationPillar::Doelgroepen) {
            let code = dec.doelgroep.as_deref().unwrap_or("(geen doelgroep)");
            slot(&mut m, code, &d.woning.gemeente).toegewezen += 1;
        }
    }
    let mut out: Vec<Quotum> = m.into_values().collect();
    out.sort_by_key(|q| {
        (
            q.doelgroep.clone(),
            order
                .iter()
                .position(|g| *g == q.gemeente.to_lowercase())
                .unwrap_or(usize::MAX),
            q.gemeente.clone(),
        )
    });
    out
}

/// The year against each target of the reglement's `evaluatie`.
fn targets(plan: &Plan, s: &Summary) -> Vec<Doel> {
    use crate::plan::IndicatorSoort;
    let Some(e) = &plan.evaluatie else {
        return Vec::new();
    };
    let n: u64 = s
        .per_pijler
        .iter()
        .filter(|p| p.pijler != AllocationPillar::Bijzonder)
        .map(|p| p.aantal)
        .sum();
    e.indicatoren
        .iter()
        .map(|i| {
            let bound = i.grens.as_str();
            let meets = |v: i64, exact: bool| match bound {
                "minimaal" => v >= i.doel,
                "maximaal" => v <= i.doel,
                _ => exact,
            };
            let pillar = |k: u32| {
                AllocationPillar::ALL
                    .into_iter()
                    .find(|p| p.number() == k as usize)
            };
            let (omschrijving, doel, waarde, gehaald) = match i.indicator {
                IndicatorSoort::Aandeel { pijler } => {
                    let count = pillar(pijler)
                        .and_then(|p| s.per_pijler.iter().find(|x| x.pijler == p))
                        .map_or(0, |x| x.aantal);
                    let v = share(count, n);
                    // "20%" is met within one allocation, as the law's share is
                    let exact =
                        (count as i128 * 10_000 - i.doel as i128 * n as i128).abs() <= 10_000;
                    (
                        format!("aandeel pijler {pijler}"),
                        percent_target(bound, i.doel),
                        (n > 0).then(|| crate::nl::percent(v)),
                        (n > 0).then(|| meets(v, exact)),
                    )
                }
                IndicatorSoort::Wachttijd { pijler } => {
                    let median = pillar(pijler)
                        .and_then(|p| s.wachttijd.iter().find(|w| w.pijler == Some(p)))
                        .and_then(|w| w.mediaan);
                    (
                        format!("mediane wachttijd pijler {pijler}"),
                        bounded(
                            bound,
                            format!("{} dagen", crate::nl::thousands(i.doel.max(0) as u64)),
                        ),
                        median.map(|d| format!("{} dagen", crate::nl::thousands(d.max(0) as u64))),
                        median.map(|d| meets(d, d == i.doel)),
                    )
                }
                IndicatorSoort::DringendNietBereikt => {
                    let d = &s.dringend;
                    let v = share(d.niet_bereikt, d.op_lijst);
                    (
                        "dringend niet bereikt".to_string(),
                        percent_target(bound, i.doel),
                        (d.op_lijst > 0).then(|| crate::nl::percent(v)),
                        (d.op_lijst > 0).then(|| meets(v, v == i.doel)),
                    )
                }
            };
            Doel {
                indicator: i.indicator,
                omschrijving,
                doel,
                waarde,
                gehaald,
                maanden: i.maanden,
            }
        })
        .collect()
}

fn bounded(bound: &str, value: String) -> String {
    match bound {
        "minimaal" => format!("minstens {value}"),
        "maximaal" => format!("hoogstens {value}"),
        _ => value,
    }
}

fn percent_target(bound: &str, v: i64) -> String {
    bounded(bound, crate::nl::percent(v))
}
