//! The ranking engine: a compiled [`Plan`], a set of candidates, a reference
//! date and a dwelling or a pillar → who comes first, and why.
//!
//! # Using it in memory
//!
//! ```no_run
//! use reglement::engine::{self, Candidate, Pillar, Request, Target};
//! # fn demo(plan: &reglement::plan::Plan, candidates: &[Candidate]) {
//! let request = Request {
//!     peildatum: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
//!     target: Target::Lijst { pijler: Pillar::Versneld, gemeente: "Turnhout".into(), doelgroep: None },
//!     verklaringen: true,
//! };
//! let ranking = engine::rank(plan, candidates, &request).unwrap();
//! for row in &ranking.rijen {
//!     println!("{:?} {:?} {:?}", row.rang, row.dossier, row.totaal);
//! }
//! # }
//! ```
//!
//! [`rank`] takes plain data and returns plain data ([`Ranking`]): every
//! candidate ends as exactly one [`Row`], `gerangschikt`, `uitgesloten`
//! (with the rule and its article) or `geweigerd` (with the input error),
//! and `samenvatting.gelezen = gerangschikt + uitgesloten + geweigerd`.
//! The same candidates can be ranked under two plans (a version diff) by
//! calling it twice. [`rank_bytes`] does the same for the bytes of a
//! candidates file (what a drafter's test case writes).
//!
//! # Using it on files
//!
//! [`read::read`] turns a CSV or JSON file into a compact [`Batch`] (in
//! parallel, without an allocation per row); [`Prepared::new`] resolves the
//! plan for a request; [`rank_batch`] ranks, and the writers in [`output`]
//! stream the result. Explanations are built only on demand
//! ([`Ranked::trace`]), by the same code that ranks.
//!
//! # The order
//!
//! See [`order`]: pijler 2 by total (highest first), the plan's tie-breaks
//! (Kempen: earliest registration), then dossier; pijler 1 and 3 by
//! lokale-binding tier, then registration date, then dossier. Dossiers are
//! unique, so the order is total.
//!
//! # Modules
//! - [`candidate`]: the plain records (candidate, period, dwelling, request);
//! - [`fields`]: parsing one field (dates as day numbers, cents, counts, periods);
//! - [`batch`], [`read`], [`reject`]: the compact form, the readers, rejections;
//! - [`woning`]: reading the dwellings file;
//! - [`prepare`]: the plan resolved for a request;
//! - [`woonbinding`]: the residence calendar;
//! - [`bezetting`], [`pillar1`], [`pillar2`], [`pillar3`]: the rules;
//! - [`outcome`], [`order`], [`trace`], [`output`]: results, order, explanations, writers;
//! - [`generate`]: seeded synthetic candidate files.

pub mod batch;
pub mod bezetting;
pub mod candidate;
pub mod fields;
pub mod generate;
pub mod household;
pub mod json;
pub mod lines;
pub mod order;
pub mod outcome;
pub mod output;
pub mod pillar1;
pub mod pillar2;
pub mod pillar3;
pub mod prepare;
pub mod read;
pub mod reject;
pub mod table;
pub mod trace;
pub mod woning;
pub mod woonbinding;

pub use batch::Batch;
pub use candidate::{Candidate, Dwelling, Pillar, Request, ResidencePeriod, Target, Vastgelegd};
pub use outcome::{Exclusion, Status};
pub use prepare::{Doorverwezen, Prepared, RequestError, Resolved};
pub use reject::{Fout, Origin, ReadError, Rejection};
pub use trace::{Stap, Trace, Uitkomst};

use crate::plan::{Herkomst, Plan};
use batch::Record;
use fields::Day;
use outcome::Outcome;
use rayon::prelude::*;
use serde::Serialize;
use trace::Sink;

/// What every rule reads: the prepared plan, the batch, its resolved symbols.
pub struct Ctx<'a, 'p> {
    pub p: &'a Prepared<'p>,
    pub batch: &'a Batch,
    pub res: &'a Resolved,
}

/// The summary (samenvatting) of a ranking: read = ranked + excluded + rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RankingSummary {
    pub gelezen: usize,
    pub gerangschikt: usize,
    pub uitgesloten: usize,
    pub geweigerd: usize,
}

impl RankingSummary {
    /// "gelezen 12 = gerangschikt 7 + uitgesloten 4 + geweigerd 1".
    pub fn line(&self) -> String {
        format!(
            "gelezen {} = gerangschikt {} + uitgesloten {} + geweigerd {}",
            self.gelezen, self.gerangschikt, self.uitgesloten, self.geweigerd
        )
    }
}

/// Points on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Punten {
    pub criterium: String,
    pub punten: u32,
}

/// One line of a ranking, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// 1-based, for ranked candidates.
    pub rang: Option<u32>,
    pub dossier: Option<String>,
    pub pijler: Pillar,
    pub status: Status,
    /// Pijler 2: the sum of the criteria (also for excluded candidates).
    pub totaal: Option<u32>,
    /// Pijler 2: points per criterion, in the plan's order.
    pub punten: Vec<Punten>,
    /// Pijler 1 and 3: the lokale-binding tier reached (`geen` if none).
    pub woonbinding: Option<String>,
    /// Pijler 3 with `eerst de oudsten`: the candidate's age step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leeftijdsgroep: Option<String>,
    pub inschrijvingsdatum: Option<chrono::NaiveDate>,
    /// Excluded: the rule that excluded, with its article; rejected: the input error with its place.
    pub reden: Option<String>,
    /// Excluded: where the excluding rule is written.
    pub regel: Option<Herkomst>,
    /// Rejected: the error.
    pub fout: Option<Rejection>,
    /// The explanation, when asked.
    pub verklaring: Option<Trace>,
}

/// A whole ranking as plain data (what [`rank`] returns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    pub pijler: Pillar,
    pub gemeente: String,
    pub woning: Option<String>,
    pub peildatum: chrono::NaiveDate,
    /// The criteria of pijler 2 (the order of [`Row::punten`]).
    pub criteria: Vec<String>,
    /// A reserved dwelling that no candidate of its group took: the way it
    /// went, as the reglement says (`zonder kandidaat`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doorverwezen: Vec<Doorverwezen>,
    pub samenvatting: RankingSummary,
    /// Ranked (in order), then excluded (by dossier), then rejected (in input order).
    pub rijen: Vec<Row>,
}

/// Rank candidates given in memory under a plan.
pub fn rank(
    plan: &Plan,
    candidates: &[Candidate],
    request: &Request,
) -> Result<Ranking, RequestError> {
    let batch = Batch::from_candidates("kandidaten", candidates);
    let prepared = pillar3::follow(Prepared::new(plan, request)?, &batch)?;
    let ranked = rank_batch(&prepared, &batch);
    Ok(ranked.to_ranking(request.verklaringen))
}

/// Why [`rank_bytes`] could not rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankError {
    /// The candidates file cannot be read at all.
    Read(ReadError),
    /// The request does not fit the plan.
    Request(RequestError),
}

impl std::fmt::Display for RankError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RankError::Read(e) => write!(f, "{}", e.render("het kandidatenbestand")),
            RankError::Request(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RankError {}

/// Rank the candidates of a file's bytes (CSV or JSON, docs/gegevens.md) under a
/// plan: what `reglement rangschik` does, as plain data. `bestand` names the
/// file in rejection messages.
pub fn rank_bytes(
    plan: &Plan,
    data: &[u8],
    format: read::Format,
    bestand: &str,
    request: &Request,
) -> Result<Ranking, RankError> {
    let prepared = Prepared::new(plan, request).map_err(RankError::Request)?;
    let batch = read::read(data, format, bestand).map_err(RankError::Read)?;
    let prepared = pillar3::follow(prepared, &batch).map_err(RankError::Request)?;
    Ok(rank_batch(&prepared, &batch).to_ranking(request.verklaringen))
}

/// A ranked batch: outcomes per record and the orders, in compact form.
pub struct Ranked<'a, 'p> {
    pub prepared: &'a Prepared<'p>,
    pub batch: &'a Batch,
    pub resolved: Resolved,
    /// One per record of the batch.
    pub outcomes: Vec<Outcome>,
    /// Points per record per criterion (`stride` per record).
    pub points: Vec<u32>,
    pub stride: usize,
    /// Ranked records, in rank order.
    pub ranked: Vec<u32>,
    /// Excluded records, by dossier.
    pub excluded: Vec<u32>,
    /// Records rejected when read or when checked against the plan, in input order.
    pub rejected: Vec<Rejection>,
    /// The batch resolved for each list the dwelling came through
    /// ([`Prepared::vorige`]), for explanations.
    pub vorige: Vec<Resolved>,
}

/// Rank a batch for a prepared request.
pub fn rank_batch<'a, 'p>(p: &'a Prepared<'p>, batch: &'a Batch) -> Ranked<'a, 'p> {
    let res = p.resolve(batch);
    let stride = if p.pijler == Pillar::Versneld {
        p.criteria.len()
    } else {
        0
    };
    let n = batch.records.len();
    let mut outcomes = vec![Outcome::REJECTED; n];
    let mut points = vec![0u32; n * stride];
    {
        let ctx = Ctx {
            p,
            batch,
            res: &res,
        };
        const CHUNK: usize = 4096;
        let run = |ci: usize, outs: &mut [Outcome], pts: &mut [u32]| {
            let mut scratch = Vec::new();
            for (j, out) in outs.iter_mut().enumerate() {
                let i = ci * CHUNK + j;
                let pts = &mut pts[j * stride..(j + 1) * stride];
                *out = assess(
                    &ctx,
                    &batch.records[i],
                    pts,
                    &mut scratch,
                    &mut Sink::none(),
                );
            }
        };
        if stride == 0 {
            outcomes
                .par_chunks_mut(CHUNK)
                .enumerate()
                .for_each(|(ci, outs)| run(ci, outs, &mut []));
        } else {
            outcomes
                .par_chunks_mut(CHUNK)
                .zip(points.par_chunks_mut(CHUNK * stride))
                .enumerate()
                .for_each(|(ci, (outs, pts))| run(ci, outs, pts));
        }
    }
    let mut rejected = batch.rejected.clone();
    let mut ranked = Vec::new();
    for (i, o) in outcomes.iter().enumerate() {
        match o.status {
            Status::Gerangschikt => ranked.push(i as u32),
            Status::Uitgesloten => {}
            Status::Geweigerd => {
                // only plan-level errors make a read record `geweigerd`
                let rec = &batch.records[i];
                let (field, sym) = p
                    .invalid_field(rec, batch, &res)
                    .unwrap_or((batch::Field::Dossier, batch::NONE));
                rejected.push(p.rejection(rec, batch, field, sym));
            }
        }
    }
    rejected.sort_by_key(|r| r.plaats.order());
    order::sort_ranked(p, batch, &outcomes, &points, stride, &mut ranked);
    // excluded in dossier order: the batch knows that order already
    let excluded: Vec<u32> = batch
        .by_dossier
        .par_iter()
        .copied()
        .filter(|&i| outcomes[i as usize].status == Status::Uitgesloten)
        .collect();
    Ranked {
        prepared: p,
        batch,
        resolved: res,
        outcomes,
        points,
        stride,
        ranked,
        excluded,
        rejected,
        vorige: p.vorige.iter().map(|v| v.resolve(batch)).collect(),
    }
}

/// One record's outcome (and, through `sink`, its explanation).
fn assess(
    ctx: &Ctx,
    rec: &Record,
    points: &mut [u32],
    scratch: &mut Vec<(Day, Day)>,
    sink: &mut Sink,
) -> Outcome {
    if ctx.p.invalid_field(rec, ctx.batch, ctx.res).is_some() {
        return Outcome::REJECTED;
    }
    let mut out = Outcome {
        status: Status::Gerangschikt,
        exclusion: None,
        total: 0,
        tier: 0,
        step: 0,
    };
    // the order of the checks is the order of the reasons: the first that
    // fails is the one reported
    let mut first: Option<Exclusion> = bezetting::registered(ctx, rec, sink);
    let mut note = |ex: Option<Exclusion>| {
        if first.is_none() {
            first = ex;
        }
    };
    match ctx.p.pijler {
        Pillar::Versneld => {
            note(pillar2::membership(ctx, rec, sink));
            note(bezetting::fit(ctx, rec, sink));
            let (total, ex, route) = pillar2::score(ctx, rec, points, sink);
            out.total = total;
            out.step = route;
            note(ex);
            note(pillar2::knipperlicht(ctx, rec, sink));
        }
        Pillar::Standaard => {
            note(bezetting::fit(ctx, rec, sink));
            out.tier = pillar1::tier(ctx, rec, scratch, sink);
        }
        Pillar::Doelgroepen => {
            note(pillar3::attest(ctx, rec, sink));
            let (step, ex) = pillar3::age(ctx, rec, sink);
            out.step = step;
            note(ex);
            note(bezetting::fit(ctx, rec, sink));
            out.tier = pillar3::tier(ctx, rec, scratch, sink);
        }
    }
    if let Some(ex) = first {
        out.status = Status::Uitgesloten;
        out.exclusion = Some(ex);
    }
    out
}

impl Ranked<'_, '_> {
    pub fn samenvatting(&self) -> RankingSummary {
        let s = RankingSummary {
            gelezen: self.batch.read_count(),
            gerangschikt: self.ranked.len(),
            uitgesloten: self.excluded.len(),
            geweigerd: self.rejected.len(),
        };
        debug_assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
        s
    }

    /// Every row in output order: ranked, excluded, rejected.
    pub fn rows(&self, verklaringen: bool) -> impl Iterator<Item = Row> + '_ {
        let ranked = self
            .ranked
            .iter()
            .enumerate()
            .map(move |(pos, &i)| self.row(i as usize, Some(pos as u32 + 1), verklaringen));
        let excluded = self
            .excluded
            .iter()
            .map(move |&i| self.row(i as usize, None, verklaringen));
        let rejected = self
            .rejected
            .iter()
            .map(move |r| self.rejected_row(r, verklaringen));
        ranked.chain(excluded).chain(rejected)
    }

    pub fn to_ranking(&self, verklaringen: bool) -> Ranking {
        let p = self.prepared;
        Ranking {
            pijler: p.pijler,
            gemeente: p.gemeente_name().to_string(),
            woning: p.woning.as_ref().map(|w| w.woning.clone()),
            peildatum: p.request.peildatum,
            criteria: self.criteria(),
            doorverwezen: p.doorverwezen.clone(),
            samenvatting: self.samenvatting(),
            rijen: self.rows(verklaringen).collect(),
        }
    }

    /// The pijler-2 criteria codes (the point columns); empty otherwise.
    pub fn criteria(&self) -> Vec<String> {
        if self.stride == 0 {
            return Vec::new();
        }
        self.prepared
            .criteria
            .iter()
            .map(|c| c.plan.code.clone())
            .collect()
    }

    fn row(&self, i: usize, rang: Option<u32>, verklaringen: bool) -> Row {
        let p = self.prepared;
        let rec = &self.batch.records[i];
        let o = &self.outcomes[i];
        let (reden, regel) = match o.exclusion {
            Some(ex) => (Some(p.reden_kort(ex)), p.reden(ex).2.cloned()),
            None => (p.route_text(o), None),
        };
        Row {
            rang,
            dossier: Some(self.batch.dossier(rec).to_string()),
            pijler: p.pijler,
            status: o.status,
            totaal: (self.stride > 0).then_some(o.total),
            punten: p
                .criteria
                .iter()
                .take(self.stride)
                .enumerate()
                .map(|(k, c)| Punten {
                    criterium: c.plan.code.clone(),
                    punten: self.points[i * self.stride + k],
                })
                .collect(),
            woonbinding: (p.pijler != Pillar::Versneld).then(|| p.tier_label(o.tier).to_string()),
            leeftijdsgroep: p.age_step_label(o),
            inschrijvingsdatum: Some(fields::to_date(rec.inschrijving)),
            reden,
            regel,
            fout: None,
            verklaring: verklaringen.then(|| self.trace_record(i, rang)),
        }
    }

    fn rejected_row(&self, r: &Rejection, verklaringen: bool) -> Row {
        Row {
            rang: None,
            dossier: r.dossier.clone(),
            pijler: self.prepared.pijler,
            status: Status::Geweigerd,
            totaal: None,
            punten: Vec::new(),
            woonbinding: None,
            leeftijdsgroep: None,
            inschrijvingsdatum: None,
            reden: Some(r.render(&self.batch.bestand)),
            regel: None,
            fout: Some(r.clone()),
            verklaring: verklaringen.then(|| self.trace_rejected(r)),
        }
    }

    /// The explanation for a dossier; `None` if the file has no such dossier.
    pub fn trace(&self, dossier: &str) -> Option<Trace> {
        let dossier = dossier.trim();
        if let Some(pos) = self
            .ranked
            .iter()
            .position(|&i| self.batch.dossier(&self.batch.records[i as usize]) == dossier)
        {
            return Some(self.trace_record(self.ranked[pos] as usize, Some(pos as u32 + 1)));
        }
        if let Some(&i) = self
            .excluded
            .iter()
            .find(|&&i| self.batch.dossier(&self.batch.records[i as usize]) == dossier)
        {
            return Some(self.trace_record(i as usize, None));
        }
        self.rejected
            .iter()
            .filter(|r| r.dossier.as_deref() == Some(dossier))
            .map(|r| self.trace_rejected(r))
            .reduce(|mut a, b| {
                a.stappen.extend(b.stappen);
                a
            })
    }

    fn header(
        &self,
        dossier: &str,
        status: Status,
        rang: Option<u32>,
        totaal: Option<u32>,
    ) -> Trace {
        let p = self.prepared;
        Trace {
            dossier: dossier.to_string(),
            pijler: p.pijler,
            gemeente: p.gemeente_name().to_string(),
            woning: p.woning.as_ref().map(|w| w.woning.clone()),
            peildatum: p.request.peildatum,
            status: status.label().to_string(),
            rang,
            gerangschikt: self.ranked.len() as u32,
            totaal,
            reden: None,
            stappen: Vec::new(),
        }
    }

    fn trace_record(&self, i: usize, rang: Option<u32>) -> Trace {
        let p = self.prepared;
        let rec = &self.batch.records[i];
        let o = &self.outcomes[i];
        let mut t = self.header(
            self.batch.dossier(rec),
            o.status,
            rang,
            (self.stride > 0).then_some(o.total),
        );
        t.reden = o.exclusion.map(|ex| p.reden_kort(ex));
        let ctx = Ctx {
            p,
            batch: self.batch,
            res: &self.resolved,
        };
        let mut points = vec![0u32; self.stride.max(p.criteria.len())];
        let mut steps = Vec::new();
        pillar3::notes(p, &mut Sink(Some(&mut steps)));
        // the lists the dwelling came through: this candidate's place there
        for (prev, res) in p.vorige.iter().zip(&self.vorige) {
            let ctx = Ctx {
                p: prev,
                batch: self.batch,
                res,
            };
            let o = assess(
                &ctx,
                rec,
                &mut vec![0u32; prev.criteria.len()],
                &mut Vec::new(),
                &mut Sink::none(),
            );
            let group = prev.p3_group().map_or("", |g| g.code.as_str());
            let tekst = match o.exclusion {
                Some(ex) => format!(
                    "in doelgroep '{group}' (eerder voor deze woning): uitgesloten: {}",
                    prev.reden(ex).1
                ),
                None => format!(
                    "in doelgroep '{group}' (eerder voor deze woning): {}",
                    o.status.label()
                ),
            };
            steps.push(trace::stap(
                "zonder-kandidaat",
                Uitkomst::Info,
                None,
                tekst,
                prev.p3_group().map(|g| &g.herkomst),
            ));
        }
        let again = assess(
            &ctx,
            rec,
            &mut points,
            &mut Vec::new(),
            &mut Sink(Some(&mut steps)),
        );
        debug_assert_eq!(again.status, o.status);
        if o.status == Status::Gerangschikt {
            steps.push(self.order_step(i));
        }
        t.stappen = steps;
        t
    }

    fn order_step(&self, i: usize) -> Stap {
        let p = self.prepared;
        let rec = &self.batch.records[i];
        let date = fields::to_date(rec.inschrijving);
        let tekst = match p.pijler {
            Pillar::Versneld if p.route_text(&self.outcomes[i]).is_some() => format!(
                "toegelaten met een sociaal verslag: {} de kandidaten met punten; onderling eerst de vroegste inschrijvingsdatum ({date}), dan het dossiernummer",
                if self.outcomes[i].step == outcome::ROUTE_VOORAAN { "voor" } else { "na" }
            ),
            Pillar::Versneld => {
                let mut parts = vec!["bij gelijke punten: ".to_string()];
                let mut first = true;
                for t in prepare::tiebreaks(p) {
                    if !first {
                        parts.push(", dan ".into());
                    }
                    first = false;
                    parts.push(match t {
                        prepare::TieBreak::Inschrijving => format!("eerst de vroegste inschrijvingsdatum ({date})"),
                        prepare::TieBreak::MeestePunten(c) => format!("de meeste punten op {}", p.criteria[c].plan.code),
                    });
                }
                parts.push(", dan het dossiernummer".into());
                parts.concat()
            }
            Pillar::Doelgroepen if p.p3_group().is_some_and(|g| g.oudsten_eerst.is_some()) => {
                let binding = if p.plan.doelgroepen.as_ref().is_some_and(|d| d.lokale_binding) {
                    "de voorrangsgroep van de lokale binding, dan "
                } else {
                    ""
                };
                format!(
                    "eerst de oudste leeftijdsgroep (deze kandidaat: {}); binnen dezelfde leeftijdsgroep {binding}de vroegste inschrijvingsdatum ({date}), dan het dossiernummer",
                    p.age_step_label(&self.outcomes[i]).unwrap_or_default()
                )
            }
            _ => format!("binnen dezelfde voorrangsgroep: eerst de vroegste inschrijvingsdatum ({date}), dan het dossiernummer"),
        };
        let herkomst = match p.pijler {
            Pillar::Versneld if p.route_text(&self.outcomes[i]).is_some() => p
                .plan
                .versneld
                .as_ref()
                .and_then(|v| v.sociaal_verslag.as_ref())
                .map(|r| &r.herkomst),
            Pillar::Versneld => p.plan.versneld.as_ref().map(|v| &v.wegingskader.herkomst),
            _ => p
                .plan
                .standaard
                .as_ref()
                .and_then(|s| {
                    s.rangorde
                        .iter()
                        .find(|t| t.soort == crate::plan::PlanTierKind::Inschrijvingsdatum)
                })
                .map(|t| &t.herkomst),
        };
        trace::stap("volgorde", Uitkomst::Volgorde, None, tekst, herkomst)
    }

    fn trace_rejected(&self, r: &Rejection) -> Trace {
        let mut t = self.header(
            r.dossier.as_deref().unwrap_or(""),
            Status::Geweigerd,
            None,
            None,
        );
        t.reden = Some(r.render(&self.batch.bestand));
        t.stappen.push(trace::stap(
            "invoer",
            Uitkomst::Uitgesloten,
            None,
            r.render(&self.batch.bestand),
            None,
        ));
        t
    }
}
