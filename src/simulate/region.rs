//! A regional year: the members of one regional frame (`regio` with its
//! `woonmaatschappijen`) allocate their dwellings over the same period on
//! one candidates list, the central register (CIR): a candidate is on the
//! list of every member whose werkingsgebied holds a gemeente of his
//! voorkeur (an empty voorkeur: every member), and leaves all of them when
//! one member houses him.
//!
//! Each member keeps its own reglement, lists, pacing and journal
//! ([`super::allocate::Allocator`]); the dwellings of all members are
//! taken in one order (date, then the member's place in the frame's list,
//! then the member's own order), one seeded draw stream for the region, and
//! a housed candidate is taken off every other member's lists at once.
//! Per member the result is an ordinary [`Simulation`] (its summary, log
//! and report as `simuleer` writes them); [`RegionSummary`] adds the
//! region: every candidate counted once, and the candidates on the lists
//! of several members ("shoppen" between woonmaatschappijen).

use super::allocate::Allocator;
use super::dwellings::Vacancy;
use super::summary::Summary;
use super::{Settings, Setup, SimError, Simulation};
use crate::engine::fields;
use crate::engine::Batch;
use crate::plan::Plan;
use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// The most members a regional year takes (a bit per member and candidate).
pub const MAX_LEDEN: usize = 64;

/// One member of the region: its name in the frame's list and its plan.
#[derive(Debug, Clone, Copy)]
pub struct Lid<'p> {
    pub naam: &'p str,
    pub plan: &'p Plan,
}

/// Why a regional year cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegioError {
    Sim(SimError),
    /// No member, or more than [`MAX_LEDEN`].
    Leden(usize),
}

impl std::fmt::Display for RegioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegioError::Sim(e) => e.fmt(f),
            RegioError::Leden(n) => write!(
                f,
                "een regionaal jaar heeft 1 tot {MAX_LEDEN} leden, niet {n}"
            ),
        }
    }
}

impl std::error::Error for RegioError {}

/// The result of a regional year.
#[derive(Debug, Clone)]
pub struct RegioJaar {
    /// Per member, in the frame's order: its year.
    pub leden: Vec<Simulation>,
    /// Per batch record: the members on whose list it is (bit `m`).
    pub lijsten: Vec<u64>,
    /// Per batch record: the members that offered it a dwelling (it took
    /// or refused it).
    pub aangeboden: Vec<u64>,
    /// Per batch record: the member that housed it.
    pub gehuisvest_door: Vec<Option<u16>>,
    /// Per batch record: what it is to the region when not housed and on
    /// no list: registered after the period for some member, a voorkeur
    /// outside every member's werkingsgebied, or refused by every member's
    /// reglement.
    pub rest: Vec<Rest>,
}

/// A record that is on no member's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rest {
    /// On a list (or housed).
    Lijst,
    /// Accepted by a member, registered after the period.
    NaPeriode,
    /// Accepted, but no gemeente of the voorkeur lies in any member's werkingsgebied.
    VoorkeurBuiten,
    /// No member's reglement accepts it.
    Geweigerd,
}

/// Which member a dwelling belongs to: the member whose werkingsgebied
/// holds its gemeente (names as the reglementen write them, without
/// regard to case). `Err` with the members that do, when not exactly one.
pub fn member_of(leden: &[Lid], gemeente: &str) -> Result<usize, Vec<usize>> {
    let holds: Vec<usize> = leden
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.plan
                .werkingsgebied
                .gemeenten
                .iter()
                .any(|g| crate::engine::prepare::same_name(&g.naam, gemeente.trim()))
        })
        .map(|(m, _)| m)
        .collect();
    match holds.as_slice() {
        [m] => Ok(*m),
        _ => Err(holds),
    }
}

/// Run the year. `dwellings` are per member (the members' own files or
/// generated dwellings, see [`member_of`] to split one regional file).
pub fn simulate(
    leden: &[Lid],
    batch: &Batch,
    dwellings: &[Vec<Vacancy>],
    settings: &Settings,
) -> Result<RegioJaar, RegioError> {
    if leden.is_empty() || leden.len() > MAX_LEDEN || dwellings.len() != leden.len() {
        return Err(RegioError::Leden(leden.len()));
    }
    let setups: Vec<Setup> = leden
        .iter()
        .zip(dwellings)
        .map(|(l, d)| Setup::new(l.plan, batch, d, settings))
        .collect::<Result<_, _>>()
        .map_err(RegioError::Sim)?;
    let n = batch.records.len();
    let mut lijsten = vec![0u64; n];
    let mut rest = vec![Rest::Geweigerd; n];
    for (m, s) in setups.iter().enumerate() {
        for c in 0..n {
            if !s.valid[c] {
                continue;
            }
            let r = if s.buiten[c] {
                Rest::VoorkeurBuiten
            } else if batch.records[c].inschrijving > s.to {
                Rest::NaPeriode
            } else {
                lijsten[c] |= 1 << m;
                Rest::Lijst
            };
            // the strongest tie to the region counts: a list, then a
            // registration after the period, then a voorkeur outside
            rest[c] = match (rest[c], r) {
                (Rest::Lijst, _) | (_, Rest::Lijst) => Rest::Lijst,
                (Rest::NaPeriode, _) | (_, Rest::NaPeriode) => Rest::NaPeriode,
                _ => Rest::VoorkeurBuiten,
            };
        }
    }
    let mut allocators: Vec<Allocator> =
        setups.iter().map(|s| Allocator::new(s, settings)).collect();
    // one order for the region: date, member, the member's own order
    let mut order: Vec<(NaiveDate, usize, usize)> = setups
        .iter()
        .enumerate()
        .flat_map(|(m, s)| {
            s.dwellings
                .iter()
                .enumerate()
                .map(move |(i, d)| (d.vrij_vanaf, m, i))
        })
        .collect();
    order.sort_unstable();
    let mut rng = ChaCha8Rng::seed_from_u64(settings.zaad);
    let mut aangeboden = vec![0u64; n];
    let mut gehuisvest_door: Vec<Option<u16>> = vec![None; n];
    for (day, m, i) in order {
        let a = &mut allocators[m];
        a.advance(fields::from_date(day));
        let (refused, taken) = {
            let dec = a.decide(i, &mut rng);
            (dec.weigeraars.clone(), dec.kandidaat)
        };
        for c in refused {
            aangeboden[c as usize] |= 1 << m;
        }
        let Some(c) = taken else {
            continue;
        };
        aangeboden[c as usize] |= 1 << m;
        gehuisvest_door[c as usize] = Some(m as u16);
        for (k, other) in allocators.iter_mut().enumerate() {
            if k != m {
                other.housed_elsewhere(c);
            }
        }
    }
    let leden = allocators.into_iter().map(|a| a.finish(settings)).collect();
    Ok(RegioJaar {
        leden,
        lijsten,
        aangeboden,
        gehuisvest_door,
        rest,
    })
}

/// One member in the region's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LidTelling {
    pub naam: String,
    pub reglement: String,
    /// Candidates on its list (registered by the end of the period).
    pub kandidaten_op_lijst: u64,
    /// Of them, also on the list of another member.
    pub ook_elders_op_lijst: u64,
    pub woningen: u64,
    pub toegewezen: u64,
    /// Pijler 1 to 4.
    pub per_pijler: [u64; 4],
    /// Candidates it housed that were on several lists.
    pub shoppers_gehuisvest: u64,
    /// Candidates on its list housed by another member.
    pub elders_gehuisvest: u64,
}

/// The candidates on the lists of several members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shoppers {
    /// On two or more lists.
    pub op_meerdere_lijsten: u64,
    /// Per number of lists (2, 3, …): how many candidates.
    pub per_aantal_lijsten: Vec<(u32, u64)>,
    /// Of them housed (once, by one member).
    pub gehuisvest: u64,
    /// Offered a dwelling by more than one member (taken or refused).
    pub aangeboden_door_meerdere: u64,
}

/// The region's summary: the region's totals, then every member's own
/// summary as `simuleer` writes it.
///
/// `kandidaten_gelezen = gehuisvest + wachtend + ingeschreven_na_periode +
/// voorkeur_buiten_regio + geweigerd`, every candidate counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionSummary {
    pub regio: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub zaad: u64,
    pub weigerkans: String,
    pub kandidaten_gelezen: u64,
    pub gehuisvest: u64,
    /// On at least one list at the end, not housed.
    pub wachtend: u64,
    pub ingeschreven_na_periode: u64,
    /// Every gemeente of the voorkeur outside every member's werkingsgebied.
    pub voorkeur_buiten_regio: u64,
    /// Unreadable rows, and records no member's reglement accepts.
    pub geweigerd: u64,
    pub woningen: u64,
    pub toegewezen: u64,
    pub niet_toegewezen: u64,
    pub shoppers: Shoppers,
    pub leden: Vec<LidTelling>,
    pub per_lid: Vec<Summary>,
}

impl RegionSummary {
    pub fn new(regio: &str, leden: &[Lid], jaar: &RegioJaar, batch: &Batch) -> Self {
        let n = batch.records.len();
        let multi = |c: usize| jaar.lijsten[c].count_ones() >= 2;
        let mut per_count: std::collections::BTreeMap<u32, u64> = Default::default();
        for c in 0..n {
            let k = jaar.lijsten[c].count_ones();
            if k >= 2 {
                *per_count.entry(k).or_default() += 1;
            }
        }
        let count = |f: &dyn Fn(usize) -> bool| (0..n).filter(|&c| f(c)).count() as u64;
        let housed = |c: usize| jaar.gehuisvest_door[c].is_some();
        let per_lid: Vec<Summary> = leden
            .iter()
            .zip(&jaar.leden)
            .map(|(l, s)| Summary::new(s, l.plan, batch))
            .collect();
        let lid_tellingen = leden
            .iter()
            .zip(&jaar.leden)
            .zip(&per_lid)
            .enumerate()
            .map(|(m, ((l, sim), sum))| {
                let bit = 1u64 << m;
                let mut per_pijler = [0u64; 4];
                for d in &sim.decisions {
                    if let Some(p) = d.pijler {
                        per_pijler[p.number() - 1] += 1;
                    }
                }
                LidTelling {
                    naam: l.naam.to_string(),
                    reglement: sum.reglement.clone(),
                    kandidaten_op_lijst: count(&|c| jaar.lijsten[c] & bit != 0),
                    ook_elders_op_lijst: count(&|c| jaar.lijsten[c] & bit != 0 && multi(c)),
                    woningen: sim.dwellings.len() as u64,
                    toegewezen: per_pijler.iter().sum(),
                    per_pijler,
                    shoppers_gehuisvest: count(&|c| {
                        jaar.gehuisvest_door[c] == Some(m as u16) && multi(c)
                    }),
                    elders_gehuisvest: count(&|c| {
                        jaar.lijsten[c] & bit != 0
                            && jaar.gehuisvest_door[c].is_some_and(|k| k as usize != m)
                    }),
                }
            })
            .collect();
        let settings = jaar
            .leden
            .first()
            .map(|s| s.settings.clone())
            .unwrap_or(Settings {
                van: NaiveDate::MIN,
                tot: NaiveDate::MIN,
                zaad: 0,
                weigerkans: 0.0,
            });
        let woningen: u64 = jaar.leden.iter().map(|s| s.dwellings.len() as u64).sum();
        let toegewezen: u64 = jaar
            .leden
            .iter()
            .flat_map(|s| &s.decisions)
            .filter(|d| d.pijler.is_some())
            .count() as u64;
        let rest = |r: Rest| count(&|c| !housed(c) && jaar.rest[c] == r);
        RegionSummary {
            regio: regio.to_string(),
            van: settings.van,
            tot: settings.tot,
            zaad: settings.zaad,
            weigerkans: settings.weigerkans.to_string(),
            kandidaten_gelezen: (n + batch.rejected.len()) as u64,
            gehuisvest: count(&housed),
            wachtend: rest(Rest::Lijst),
            ingeschreven_na_periode: rest(Rest::NaPeriode),
            voorkeur_buiten_regio: rest(Rest::VoorkeurBuiten),
            geweigerd: rest(Rest::Geweigerd) + batch.rejected.len() as u64,
            woningen,
            toegewezen,
            niet_toegewezen: woningen - toegewezen,
            shoppers: Shoppers {
                op_meerdere_lijsten: count(&multi),
                per_aantal_lijsten: per_count.into_iter().collect(),
                gehuisvest: count(&|c| multi(c) && housed(c)),
                aangeboden_door_meerdere: count(&|c| jaar.aangeboden[c].count_ones() >= 2),
            },
            leden: lid_tellingen,
            per_lid,
        }
    }
}

/// The region's figures as text, then each member's summary.
pub fn text(s: &RegionSummary) -> String {
    use crate::nl::thousands;
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "Regionaal jaar van {}", s.regio);
    let _ = writeln!(
        o,
        "periode {} tot en met {}, zaad {}, weigerkans {}; één kandidatenlijst (het centraal inschrijvingsregister) voor {} leden",
        crate::nl::date(s.van),
        crate::nl::date(s.tot),
        s.zaad,
        s.weigerkans.replace('.', ","),
        s.leden.len()
    );
    let _ = writeln!(
        o,
        "kandidaten gelezen: {} = {} gehuisvest + {} wachtend + {} ingeschreven na de periode + {} met een voorkeur buiten de regio + {} geweigerd",
        thousands(s.kandidaten_gelezen),
        thousands(s.gehuisvest),
        thousands(s.wachtend),
        thousands(s.ingeschreven_na_periode),
        thousands(s.voorkeur_buiten_regio),
        thousands(s.geweigerd)
    );
    let _ = writeln!(
        o,
        "woningen: {}; toegewezen: {}; niet toegewezen: {}",
        thousands(s.woningen),
        thousands(s.toegewezen),
        thousands(s.niet_toegewezen)
    );
    let sh = &s.shoppers;
    let _ = writeln!(
        o,
        "op de lijst van meer dan één woonmaatschappij: {} ({}); daarvan gehuisvest: {} (elk één keer); een woning aangeboden door meer dan één woonmaatschappij: {}",
        thousands(sh.op_meerdere_lijsten),
        if sh.per_aantal_lijsten.is_empty() {
            "geen".to_string()
        } else {
            sh.per_aantal_lijsten
                .iter()
                .map(|(k, v)| format!("{} op {k} lijsten", thousands(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        },
        thousands(sh.gehuisvest),
        thousands(sh.aangeboden_door_meerdere)
    );
    let _ = writeln!(o, "\nPer woonmaatschappij");
    let _ = writeln!(
        o,
        "  {:<24} {:>9} {:>11} {:>8} {:>10} {:>6} {:>6} {:>6} {:>6} {:>13} {:>16}",
        "lid",
        "op lijst",
        "ook elders",
        "woningen",
        "toegewezen",
        "p1",
        "p2",
        "p3",
        "p4",
        "shoppers hier",
        "elders gehuisvest"
    );
    for l in &s.leden {
        let _ = writeln!(
            o,
            "  {:<24} {:>9} {:>11} {:>8} {:>10} {:>6} {:>6} {:>6} {:>6} {:>13} {:>16}",
            l.naam,
            l.kandidaten_op_lijst,
            l.ook_elders_op_lijst,
            l.woningen,
            l.toegewezen,
            l.per_pijler[0],
            l.per_pijler[1],
            l.per_pijler[2],
            l.per_pijler[3],
            l.shoppers_gehuisvest,
            l.elders_gehuisvest
        );
    }
    for (l, sum) in s.leden.iter().zip(&s.per_lid) {
        let _ = writeln!(o, "\n== {} ==", l.naam);
        o.push_str(&super::write::summary_text(sum));
    }
    o
}

/// The region's report: one HTML page (no network), the region's figures,
/// then each member's sections as the simulation's report shows them.
pub fn html(s: &RegionSummary) -> String {
    use crate::html::escape as esc;
    use crate::nl::thousands;
    use std::fmt::Write;
    let mut o = String::new();
    super::report::page_start(&mut o, &format!("Regionaal jaar: {}", s.regio));
    let _ = write!(
        o,
        "<p class=\"meta\">periode {} tot en met {} · zaad {} · weigerkans {} · één kandidatenlijst voor {} leden</p>",
        crate::nl::date(s.van),
        crate::nl::date(s.tot),
        s.zaad,
        esc(&s.weigerkans.replace('.', ",")),
        s.leden.len()
    );
    let _ = write!(o, "<h2>De regio</h2><div class=\"tiles\">");
    super::report::tile(
        &mut o,
        "kandidaten gelezen",
        thousands(s.kandidaten_gelezen),
        None,
    );
    super::report::tile(&mut o, "gehuisvest", thousands(s.gehuisvest), None);
    super::report::tile(&mut o, "wachtend", thousands(s.wachtend), None);
    super::report::tile(
        &mut o,
        "op meer dan één lijst",
        thousands(s.shoppers.op_meerdere_lijsten),
        None,
    );
    super::report::tile(
        &mut o,
        "aangeboden door meer dan één lid",
        thousands(s.shoppers.aangeboden_door_meerdere),
        None,
    );
    o.push_str("</div>");
    let _ = write!(
        o,
        "<p>{} gelezen = {} gehuisvest + {} wachtend + {} ingeschreven na de periode + {} met een voorkeur buiten de regio + {} geweigerd. Woningen: {}, toegewezen: {}, niet toegewezen: {}. Van de kandidaten op meer dan één lijst werden er {} gehuisvest, elk één keer.</p>",
        thousands(s.kandidaten_gelezen),
        thousands(s.gehuisvest),
        thousands(s.wachtend),
        thousands(s.ingeschreven_na_periode),
        thousands(s.voorkeur_buiten_regio),
        thousands(s.geweigerd),
        thousands(s.woningen),
        thousands(s.toegewezen),
        thousands(s.niet_toegewezen),
        thousands(s.shoppers.gehuisvest)
    );
    o.push_str("<table><tr><th>lid</th><th>op de lijst</th><th>ook elders op de lijst</th><th>woningen</th><th>toegewezen</th><th>pijler 1</th><th>pijler 2</th><th>pijler 3</th><th>pijler 4</th><th>shoppers hier gehuisvest</th><th>elders gehuisvest</th></tr>");
    for l in &s.leden {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.naam),
            l.kandidaten_op_lijst,
            l.ook_elders_op_lijst,
            l.woningen,
            l.toegewezen,
            l.per_pijler[0],
            l.per_pijler[1],
            l.per_pijler[2],
            l.per_pijler[3],
            l.shoppers_gehuisvest,
            l.elders_gehuisvest
        );
    }
    o.push_str("</table>");
    for (l, sum) in s.leden.iter().zip(&s.per_lid) {
        let _ = write!(
            o,
            "<section><h2>{}: {}</h2>",
            esc(&l.naam),
            esc(&sum.reglement)
        );
        super::report::summary_sections(&mut o, sum);
        super::report::quota_section(&mut o, sum);
        o.push_str("</section>");
    }
    let csv: Vec<(&str, &Summary)> = s
        .leden
        .iter()
        .zip(&s.per_lid)
        .map(|(l, sum)| (l.naam.as_str(), sum))
        .collect();
    super::report::page_end(&mut o, &super::write::summary_csv(&csv), "regio.csv");
    o
}

/// The region's allocation register: every member's log
/// ([`Simulation::log`]) in the frame's order, each row as `simuleer`
/// writes it for one reglement. `reglement monitor LID LID … --register`
/// reads it as CSV ([`super::write::log_csv`]): each row goes to the member
/// whose werkingsgebied holds its gemeente, which is the member that
/// allocated it.
pub fn log(leden: &[Lid], jaar: &RegioJaar, batch: &Batch) -> Vec<super::summary::Toewijzing> {
    leden
        .iter()
        .zip(&jaar.leden)
        .flat_map(|(l, sim)| sim.log(l.plan, batch))
        .collect()
}

/// The schema tag of the regional JSON log.
pub const LOG_SCHEMA: &str = "reglement-regiosimulatie/1";

/// The inputs of a regional year, at the head of its JSON log.
#[derive(Debug, Clone, Serialize)]
pub struct LogHeader {
    pub schema: &'static str,
    pub regio: String,
    pub kandidaten: String,
    pub woningen: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub zaad: u64,
    pub weigerkans: String,
}

#[derive(Serialize)]
struct LidLog<'a> {
    woonmaatschappij: &'a str,
    reglement: &'a str,
    bron_hash: &'a str,
    toewijzingen: Vec<super::summary::Toewijzing>,
}

#[derive(Serialize)]
struct RegioLog<'a> {
    #[serde(flatten)]
    header: &'a LogHeader,
    leden: Vec<LidLog<'a>>,
}

/// The regional log as JSON: the inputs, then per member (in the frame's
/// order) its reglement, the hash of its source and its log.
pub fn log_json(header: &LogHeader, leden: &[Lid], jaar: &RegioJaar, batch: &Batch) -> String {
    let leden = leden
        .iter()
        .zip(&jaar.leden)
        .map(|(l, sim)| LidLog {
            woonmaatschappij: l.naam,
            reglement: l
                .plan
                .reglement
                .titel
                .as_deref()
                .unwrap_or(&l.plan.reglement.woonmaatschappij),
            bron_hash: &l.plan.reglement.bron_hash,
            toewijzingen: sim.log(l.plan, batch),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&RegioLog { header, leden }).unwrap_or_default();
    s.push('\n');
    s
}
