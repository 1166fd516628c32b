//! The monitor of a region: one allocation register over several members
//! (the Kempen frame: one reglement per woonmaatschappij, each with its own
//! werkingsgebied), rolled up per gemeente, per woonmaatschappij and for the
//! region. Each row goes to the member whose werkingsgebied holds its
//! gemeente and is replayed by [`super::run`] with that member's plan on the
//! shared candidate list (the central register), so every member's figures
//! are exactly those of `reglement monitor` on its own rows; the roll-up
//! only adds counts and computes shares from the sums. A row of a gemeente
//! of no member (or of two) is refused here; a dossier housed by two
//! members is refused the second time (R0345, as within one member).
//!
//! Medians (waiting time) are not summed: they are per member.

use super::register::{codes, Register, RegisterRejection};
use super::{GemeenteAandeel, Monitor, Options, Snapshots, Telling};
use crate::diagnostic::Code;
use crate::engine::Batch;
use crate::plan::Plan;
use crate::simulate::summary::share;
use crate::simulate::AllocationPillar;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The JSON schema tag of the regional report.
pub const SCHEMA: &str = "reglement-monitor-regio/1";

/// A row's gemeente is in the werkingsgebied of no member.
pub const GEEN_LID: Code = Code::R0349;
/// A row's gemeente is in the werkingsgebied of two members.
pub const TWEE_LEDEN: Code = Code::R0350;

/// The allocations of one member, one woonmaatschappij or the region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cijfers {
    /// The woonmaatschappij (for a member: with its reglement's area).
    pub naam: String,
    /// Allocations per pijler 1–4.
    pub standaard: u64,
    pub versneld: u64,
    pub doelgroepen: u64,
    pub bijzonder: u64,
    /// Hundredths of a percent of pijler 1–3.
    pub aandeel_standaard: i64,
    pub aandeel_versneld: i64,
    pub aandeel_doelgroepen: i64,
    /// Register rows used and refused.
    pub rijen_gebruikt: u64,
    pub rijen_geweigerd: u64,
    /// Decisions that differ from the list, over every decision.
    pub afwijkingen: u64,
}

impl Cijfers {
    fn new(naam: String) -> Cijfers {
        Cijfers {
            naam,
            standaard: 0,
            versneld: 0,
            doelgroepen: 0,
            bijzonder: 0,
            aandeel_standaard: 0,
            aandeel_versneld: 0,
            aandeel_doelgroepen: 0,
            rijen_gebruikt: 0,
            rijen_geweigerd: 0,
            afwijkingen: 0,
        }
    }

    fn add(&mut self, m: &Monitor) {
        for p in &m.samenvatting.per_pijler {
            match p.pijler {
                AllocationPillar::Standaard => self.standaard += p.aantal,
                AllocationPillar::Versneld => self.versneld += p.aantal,
                AllocationPillar::Doelgroepen => self.doelgroepen += p.aantal,
                AllocationPillar::Bijzonder => self.bijzonder += p.aantal,
            }
        }
        self.rijen_gebruikt += m.rijen.gebruikt;
        self.rijen_geweigerd += m.rijen.geweigerd;
        self.afwijkingen += m.steekproef.alle.afwijkingen;
        self.shares();
    }

    fn shares(&mut self) {
        let n = self.standaard + self.versneld + self.doelgroepen;
        self.aandeel_standaard = share(self.standaard, n);
        self.aandeel_versneld = share(self.versneld, n);
        self.aandeel_doelgroepen = share(self.doelgroepen, n);
    }

    /// Allocations of pijler 1–3.
    pub fn toewijzingen(&self) -> u64 {
        self.standaard + self.versneld + self.doelgroepen
    }
}

/// A gemeente's shares, with the member it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegioGemeente {
    pub woonmaatschappij: String,
    #[serde(flatten)]
    pub aandeel: GemeenteAandeel,
}

/// Pijler 3 of one target group over the region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegioQuotum {
    pub doelgroep: String,
    pub voorbehouden: u64,
    pub toegewezen: u64,
}

/// The region's monitor.
#[derive(Debug, Clone, Serialize)]
pub struct RegioMonitor {
    pub schema: &'static str,
    /// The regional frame the members use, if they name one.
    pub regio: Option<String>,
    pub register: String,
    pub kandidaten: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    /// The whole register: `gelezen = gebruikt + geweigerd`, over the
    /// members and the rows refused before a member was found.
    pub rijen: Telling,
    /// The rows refused here (reader, no member, two members, a dossier of
    /// another member), in file order.
    pub geweigerd: Vec<RegisterRejection>,
    /// Per member (reglement), in the order given.
    pub per_lid: Vec<Cijfers>,
    /// Per woonmaatschappij (members of one woonmaatschappij together).
    pub per_woonmaatschappij: Vec<Cijfers>,
    pub regio_totaal: Cijfers,
    pub per_gemeente: Vec<RegioGemeente>,
    pub pijler3: Vec<RegioQuotum>,
    /// Every member's own monitor.
    pub leden: Vec<Monitor>,
}

/// The member holding a gemeente, compared without regard to case.
fn members_of(plans: &[&Plan]) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in plans.iter().enumerate() {
        for g in &p.werkingsgebied.gemeenten {
            let e = m.entry(g.naam.to_lowercase()).or_default();
            if !e.contains(&i) {
                e.push(i);
            }
        }
    }
    m
}

fn name(p: &Plan) -> String {
    p.reglement.woonmaatschappij.clone()
}

/// Run the monitor of every member on its rows of one register, and roll up.
pub fn run(
    plans: &[&Plan],
    batch: &Batch,
    register: Register,
    snapshots: &Snapshots,
    options: &Options,
) -> Result<RegioMonitor, String> {
    if plans.is_empty() {
        return Err("geef minstens één reglement".to_string());
    }
    let Register {
        bestand,
        records,
        entries,
        mut geweigerd,
    } = register;
    // one period for every member
    let (van, tot) = super::period(&entries, options)?;
    let owners = members_of(plans);
    let mut split: Vec<Register> = plans
        .iter()
        .map(|_| Register {
            bestand: bestand.clone(),
            records: 0,
            entries: Vec::new(),
            geweigerd: Vec::new(),
        })
        .collect();
    // in the replay's order, so "the second time" is the same as within a member
    let mut entries = entries;
    entries.sort_by(|a, b| {
        a.datum
            .cmp(&b.datum)
            .then_with(|| a.woning.woning.as_bytes().cmp(b.woning.woning.as_bytes()))
    });
    let mut housed: HashMap<String, (usize, String)> = HashMap::new();
    for e in entries {
        let owner = owners
            .get(&e.woning.gemeente.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let i = match owner {
            [i] => *i,
            [] => {
                let names: Vec<String> = plans.iter().map(|p| name(p)).collect();
                geweigerd.push(super::refuse_at(
                    &e,
                    GEEN_LID,
                    "gemeente",
                    format!(
                        "de gemeente {} ligt in het werkingsgebied van geen enkel gegeven reglement ({})",
                        crate::engine::reject::shown(&e.woning.gemeente),
                        names.join(", ")
                    ),
                ));
                continue;
            }
            more => {
                let names: Vec<String> = more.iter().map(|i| name(plans[*i])).collect();
                geweigerd.push(super::refuse_at(
                    &e,
                    TWEE_LEDEN,
                    "gemeente",
                    format!(
                        "de gemeente {} ligt in het werkingsgebied van meer dan één gegeven reglement ({}); monitor die reglementen apart",
                        crate::engine::reject::shown(&e.woning.gemeente),
                        names.join(", ")
                    ),
                ));
                continue;
            }
        };
        let on_list = e.pijler.is_some_and(|p| p != AllocationPillar::Bijzonder);
        if let (Some(d), true) = (&e.dossier, on_list) {
            if let Some((j, before)) = housed.get(d) {
                if *j != i {
                    geweigerd.push(super::refuse_at(
                        &e,
                        codes::DUBBEL_DOSSIER,
                        "dossier",
                        format!(
                            "dossier {} kreeg al een woning bij {} ({before}); een kandidaat wordt één keer toegewezen",
                            crate::engine::reject::shown(d),
                            name(plans[*j])
                        ),
                    ));
                    continue;
                }
            } else {
                housed.insert(d.clone(), (i, e.plaats.clone()));
            }
        }
        split[i].records += 1;
        split[i].entries.push(e);
    }
    let member_options = Options {
        van: Some(van),
        tot: Some(tot),
        ..options.clone()
    };
    let mut leden = Vec::with_capacity(plans.len());
    for (plan, reg) in plans.iter().zip(split) {
        leden.push(super::run(plan, batch, reg, snapshots, &member_options)?);
    }
    geweigerd.sort_by_key(|w| super::place_order(&w.melding));
    Ok(roll_up(plans, bestand, records, geweigerd, van, tot, leden))
}

fn roll_up(
    plans: &[&Plan],
    bestand: String,
    records: usize,
    geweigerd: Vec<RegisterRejection>,
    van: NaiveDate,
    tot: NaiveDate,
    leden: Vec<Monitor>,
) -> RegioMonitor {
    let mut per_lid = Vec::new();
    let mut per_wm: Vec<Cijfers> = Vec::new();
    let mut regio_totaal = Cijfers::new("regio".to_string());
    let mut per_gemeente = Vec::new();
    let mut pijler3: BTreeMap<String, RegioQuotum> = BTreeMap::new();
    for (plan, m) in plans.iter().zip(&leden) {
        let label = match &plan.reglement.titel {
            Some(t) => format!("{} ({t})", m.woonmaatschappij),
            None => m.woonmaatschappij.clone(),
        };
        let mut c = Cijfers::new(label);
        c.add(m);
        per_lid.push(c);
        match per_wm.iter_mut().find(|w| w.naam == m.woonmaatschappij) {
            Some(w) => w.add(m),
            None => {
                let mut w = Cijfers::new(m.woonmaatschappij.clone());
                w.add(m);
                per_wm.push(w);
            }
        }
        regio_totaal.add(m);
        per_gemeente.extend(m.per_gemeente.iter().map(|g| RegioGemeente {
            woonmaatschappij: m.woonmaatschappij.clone(),
            aandeel: g.clone(),
        }));
        for q in &m.pijler3 {
            let e = pijler3
                .entry(q.doelgroep.clone())
                .or_insert_with(|| RegioQuotum {
                    doelgroep: q.doelgroep.clone(),
                    voorbehouden: 0,
                    toegewezen: 0,
                });
            e.voorbehouden += q.voorbehouden;
            e.toegewezen += q.toegewezen;
        }
    }
    let mut per_code: BTreeMap<Code, u64> = BTreeMap::new();
    for w in &geweigerd {
        *per_code.entry(w.code).or_insert(0) += 1;
    }
    for m in &leden {
        for (k, v) in &m.rijen.per_code {
            *per_code.entry(*k).or_insert(0) += v;
        }
    }
    let gebruikt: u64 = leden.iter().map(|m| m.rijen.gebruikt).sum();
    let rijen = Telling {
        gelezen: records as u64,
        gebruikt,
        geweigerd: per_code.values().sum(),
        per_code,
    };
    debug_assert_eq!(rijen.gelezen, rijen.gebruikt + rijen.geweigerd);
    let mut frames: Vec<&str> = plans
        .iter()
        .filter_map(|p| p.reglement.regio_kader.as_ref().map(|k| k.naam.as_str()))
        .collect();
    frames.dedup();
    RegioMonitor {
        schema: SCHEMA,
        regio: (frames.len() == 1).then(|| frames[0].to_string()),
        register: bestand,
        kandidaten: leden
            .first()
            .map(|m| m.kandidaten.clone())
            .unwrap_or_default(),
        van,
        tot,
        rijen,
        geweigerd,
        per_lid,
        per_woonmaatschappij: per_wm,
        regio_totaal,
        per_gemeente,
        pijler3: pijler3.into_values().collect(),
        leden,
    }
}

/// The regional report as text.
pub fn text(r: &RegioMonitor) -> String {
    use std::fmt::Write;
    let pct = |v: i64| crate::nl::percent(v);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Monitoring van de regio{}: {} reglementen, {} tot en met {}",
        r.regio
            .as_ref()
            .map(|x| format!(" {x}"))
            .unwrap_or_default(),
        r.leden.len(),
        r.van,
        r.tot
    );
    let _ = writeln!(
        o,
        "Register {}: {} rijen gelezen, {} gebruikt, {} geweigerd",
        r.register, r.rijen.gelezen, r.rijen.gebruikt, r.rijen.geweigerd
    );
    let table = |o: &mut String, title: &str, rows: &[&Cijfers]| {
        let _ = writeln!(o, "\n{title}");
        let _ = writeln!(
            o,
            "  {:<60} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>11}",
            "",
            "pijler 1",
            "pijler 2",
            "pijler 3",
            "pijler 4",
            "% p1",
            "% p2",
            "% p3",
            "afwijkingen"
        );
        for c in rows {
            let _ = writeln!(
                o,
                "  {:<60} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>11}",
                c.naam,
                c.standaard,
                c.versneld,
                c.doelgroepen,
                c.bijzonder,
                pct(c.aandeel_standaard),
                pct(c.aandeel_versneld),
                pct(c.aandeel_doelgroepen),
                c.afwijkingen
            );
        }
    };
    table(
        &mut o,
        "Per reglement",
        &r.per_lid.iter().collect::<Vec<_>>(),
    );
    table(
        &mut o,
        "Per woonmaatschappij",
        &r.per_woonmaatschappij.iter().collect::<Vec<_>>(),
    );
    table(&mut o, "De regio", &[&r.regio_totaal]);
    let _ = writeln!(o, "\nPer gemeente");
    for g in &r.per_gemeente {
        let a = &g.aandeel;
        let _ = writeln!(
            o,
            "  {:<24} {:<24} {:>6} toewijzingen: pijler 1 {}, pijler 2 {}, pijler 3 {}",
            g.woonmaatschappij,
            a.gemeente,
            a.toewijzingen,
            pct(a.aandeel_standaard),
            pct(a.aandeel_versneld),
            pct(a.aandeel_doelgroepen)
        );
    }
    if !r.pijler3.is_empty() {
        let _ = writeln!(
            o,
            "\nPijler 3 in de regio: toegewezen tegenover voorbehouden woningen"
        );
        for q in &r.pijler3 {
            let _ = writeln!(
                o,
                "  {:<24} {:>6} toegewezen, {:>6} voorbehouden",
                q.doelgroep, q.toegewezen, q.voorbehouden
            );
        }
    }
    let _ = writeln!(
        o,
        "\nDe wachttijden (medianen) tellen niet op over de leden: 'reglement monitor' op één reglement toont ze."
    );
    if !r.geweigerd.is_empty() {
        let _ = writeln!(o, "\nGeweigerde rijen vóór de verdeling over de leden");
        for w in &r.geweigerd {
            let _ = writeln!(o, "  {} {}", w.code, w.melding);
        }
    }
    for m in &r.leden {
        for w in &m.geweigerd {
            let _ = writeln!(o, "  {} {} ({})", w.code, w.melding, m.woonmaatschappij);
        }
    }
    o
}

/// The regional report as JSON (the members' monitors included).
pub fn json(r: &RegioMonitor) -> String {
    // plain data: serialising cannot fail
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// The roll-up as CSV, one figure per row: `niveau,naam,gemeente,cijfer,waarde`
/// (niveau: `regio`, `woonmaatschappij`, `reglement`, `gemeente`, `pijler3`, `register`).
pub fn csv(r: &RegioMonitor) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(["niveau", "naam", "gemeente", "cijfer", "waarde"]);
    let mut row = |a: &str, b: &str, c: &str, d: &str, v: String| {
        let _ = w.write_record([a, b, c, d, v.as_str()]);
    };
    row(
        "register",
        &r.register,
        "",
        "rijen_gelezen",
        r.rijen.gelezen.to_string(),
    );
    row(
        "register",
        &r.register,
        "",
        "rijen_gebruikt",
        r.rijen.gebruikt.to_string(),
    );
    row(
        "register",
        &r.register,
        "",
        "rijen_geweigerd",
        r.rijen.geweigerd.to_string(),
    );
    let mut figures = |level: &str, c: &Cijfers| {
        for (k, v) in [
            ("pijler_1", c.standaard),
            ("pijler_2", c.versneld),
            ("pijler_3", c.doelgroepen),
            ("pijler_4", c.bijzonder),
            ("afwijkingen", c.afwijkingen),
        ] {
            row(level, &c.naam, "", k, v.to_string());
        }
        for (k, v) in [
            ("aandeel_pijler_1", c.aandeel_standaard),
            ("aandeel_pijler_2", c.aandeel_versneld),
            ("aandeel_pijler_3", c.aandeel_doelgroepen),
        ] {
            row(level, &c.naam, "", k, crate::nl::percent(v));
        }
    };
    figures("regio", &r.regio_totaal);
    for c in &r.per_woonmaatschappij {
        figures("woonmaatschappij", c);
    }
    for c in &r.per_lid {
        figures("reglement", c);
    }
    for g in &r.per_gemeente {
        let a = &g.aandeel;
        row(
            "gemeente",
            &g.woonmaatschappij,
            &a.gemeente,
            "toewijzingen",
            a.toewijzingen.to_string(),
        );
        row(
            "gemeente",
            &g.woonmaatschappij,
            &a.gemeente,
            "aandeel_pijler_1",
            crate::nl::percent(a.aandeel_standaard),
        );
        row(
            "gemeente",
            &g.woonmaatschappij,
            &a.gemeente,
            "aandeel_pijler_2",
            crate::nl::percent(a.aandeel_versneld),
        );
        row(
            "gemeente",
            &g.woonmaatschappij,
            &a.gemeente,
            "aandeel_pijler_3",
            crate::nl::percent(a.aandeel_doelgroepen),
        );
    }
    for q in &r.pijler3 {
        row(
            "pijler3",
            &q.doelgroep,
            "",
            "toegewezen",
            q.toegewezen.to_string(),
        );
        row(
            "pijler3",
            &q.doelgroep,
            "",
            "voorbehouden",
            q.voorbehouden.to_string(),
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
