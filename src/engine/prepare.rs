//! A plan made ready for one request: the target gemeente and dwelling
//! resolved, the point tables turned into lookups, the ceilings fixed on the
//! reference date, the pillar-1 tiers turned into checks; and, per batch,
//! each distinct code and gemeente name of the candidates looked up once
//! ([`Resolved`]).
//!
//! Gemeente names are compared as the gemeente they mean on the reference
//! date ([`crate::gemeenten::on`]): "Ham" in a residence history is
//! Tessenderlo-Ham on a peildatum in 2025, so years lived there count for
//! Tessenderlo-Ham; a name that is no Flemish gemeente (a place abroad, or
//! a made-up gemeente of a test reglement) is compared as written, without
//! regard to case.

use super::batch::{Batch, Field, Record, Sym, NONE};
use super::candidate::{Dwelling, Pillar, Request, Target};
use super::fields::{self, Day};
use super::reject::{Fout, Rejection};
use crate::plan::{
    Doorverwijzing, Herkomst, Kenmerk, Plan, PlanCriterium, PlanP3Doelgroep, PlanTieBreak,
    PlanTier, PlanTierKind, PlanWoningenLijst, PlanZonderKandidaat, PuntenTabel, WoonbindingRegel,
};
use crate::vocab::Household;
use std::fmt;

/// Not found in a lookup.
pub const UNKNOWN: u16 = u16::MAX;

/// Why a request cannot be carried out with this plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The plan has no section for this pillar.
    GeenPijler(Pillar),
    /// The gemeente is not in the werkingsgebied.
    OnbekendeGemeente {
        gemeente: String,
        bekend: Vec<String>,
    },
    /// Pillar 3 needs a target group (from the dwelling or given).
    GeenDoelgroep,
    /// A target group the plan does not declare for this pillar.
    OnbekendeDoelgroep {
        doelgroep: String,
        bekend: Vec<String>,
    },
    /// A gemeente's own target group asked for a dwelling elsewhere.
    DoelgroepAndereGemeente { doelgroep: String, gemeente: String },
    /// A dwelling reserved for a target group ranked in pillar 1 or 2.
    VoorbehoudenWoning {
        woning: String,
        doelgroep: String,
        pijler: Pillar,
    },
    /// Pillar 3 for a dwelling that is not reserved.
    NietVoorbehouden { woning: String },
    /// The plan's numbers are out of bounds (a damaged or edited plan JSON):
    /// ranking with it could wrap a total.
    OngeldigPlan(String),
    /// The dwellings file reserves the dwelling for another group than the
    /// reglement's list of named dwellings.
    TweeDoelgroepen {
        woning: String,
        bestand: String,
        reglement: String,
    },
    /// The reglement names the dwelling in another gemeente than the file.
    AndereGemeente {
        woning: String,
        bestand: String,
        reglement: String,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::GeenPijler(p) => write!(
                f,
                "het reglement regelt de {} niet; kies een andere pijler",
                p.title()
            ),
            RequestError::OnbekendeGemeente { gemeente, bekend } => write!(
                f,
                "gemeente '{gemeente}' ligt niet in het werkingsgebied; kies uit {}",
                bekend.join(", ")
            ),
            RequestError::GeenDoelgroep => write!(
                f,
                "een rangschikking voor specifieke doelgroepen (pijler 3) is voor één doelgroep: geef --doelgroep, of een woning die voor een doelgroep is voorbehouden"
            ),
            RequestError::OnbekendeDoelgroep { doelgroep, bekend } => write!(
                f,
                "doelgroep '{doelgroep}' staat niet in het reglement; het kent {}",
                if bekend.is_empty() { "geen doelgroepen".to_string() } else { bekend.join(", ") }
            ),
            RequestError::DoelgroepAndereGemeente { doelgroep, gemeente } => write!(
                f,
                "doelgroep '{doelgroep}' is een eigen doelgroep van {gemeente} en geldt enkel voor woningen daar"
            ),
            RequestError::VoorbehoudenWoning { woning, doelgroep, pijler } => write!(
                f,
                "woning {woning} is voorbehouden voor doelgroep '{doelgroep}' en wordt dus niet via de {} toegewezen; laat --pijler weg of kies doelgroepen",
                pijler.title()
            ),
            RequestError::NietVoorbehouden { woning } => write!(
                f,
                "woning {woning} is niet voorbehouden voor een doelgroep (kolom 'doelgroep' is leeg); kies --pijler standaard of versneld"
            ),
            RequestError::OngeldigPlan(e) => write!(f, "het plan is niet geldig: {e}"),
            RequestError::TweeDoelgroepen { woning, bestand, reglement } => write!(
                f,
                "woning {woning} is volgens het woningenbestand voorbehouden voor doelgroep '{bestand}', maar het reglement noemt ze bij de woningen van doelgroep '{reglement}'; verbeter het woningenbestand of het reglement"
            ),
            RequestError::AndereGemeente { woning, bestand, reglement } => write!(
                f,
                "woning {woning} ligt volgens het woningenbestand in {bestand}, maar het reglement noemt ze bij de voorbehouden woningen in {reglement}; verbeter het woningenbestand of het reglement"
            ),
        }
    }
}

impl std::error::Error for RequestError {}

/// Points a code gets in a code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePoints {
    /// The code is not in this table: 0 points.
    Unlisted,
    Points {
        points: u32,
        row: u16,
    },
    /// The row exists but is never scored ("geen punten").
    NotScored {
        row: u16,
    },
}

/// A criterion's table, ready for lookups.
#[derive(Debug, Clone)]
pub enum Table {
    /// Indexed by the code's index in [`Prepared::woonnood_codes`] or
    /// [`Prepared::begeleiding_codes`], per the criterion's field.
    Codes(Vec<CodePoints>),
    /// Per household: (inclusive ceiling in cents on the reference date,
    /// points, row), lowest ceiling first; `anders` above every ceiling.
    Bedragen {
        alleenstaande: Vec<(i64, u32, u16)>,
        gezin: Vec<(i64, u32, u16)>,
        anders: u32,
    },
    /// `lookup[n]` for small counts; larger counts scan `rows` (van, tot, points).
    Aantallen {
        lookup: Vec<(u32, u16)>,
        rows: Vec<(u64, Option<u64>, u32)>,
    },
}

#[derive(Debug, Clone)]
pub struct Criterion<'p> {
    pub plan: &'p PlanCriterium,
    pub table: Table,
}

/// Which criterion row gave the points, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// No value (empty field, unknown income).
    Empty,
    /// A value no row covers.
    Unlisted,
    Row(u16),
    /// Above every ceiling.
    Anders,
    NotScored(u16),
}

/// One tier of lokale binding, ready to evaluate.
#[derive(Debug, Clone)]
pub struct Tier<'p> {
    pub plan: &'p PlanTier,
    pub check: TierCheck<'p>,
}

#[derive(Debug, Clone)]
pub enum TierCheck<'p> {
    /// Uninterrupted residence in the gemeenten marked in `scope` (indexed by
    /// werkingsgebied position).
    Woonbinding {
        scope: Vec<bool>,
        regel: WoonbindingRegel,
        /// The rule's own source (a gemeente's stricter woonbinding), else the tier's.
        herkomst: &'p Herkomst,
    },
    /// Mantelzorg in the dwelling's gemeente.
    Mantelzorg,
    /// The tier does not apply to this dwelling (e.g. no stricter woonbinding in the gemeente).
    NotApplicable(String),
}

/// Where a dwelling's reservation for a target group comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voorbehoud {
    /// The `doelgroep` column of the dwellings file.
    Bestand,
    /// The reglement names the dwelling (its list of reserved dwellings).
    Reglement(Herkomst),
    /// Another group had no candidate and the reglement sends it here.
    Doorverwezen,
}

/// One step of a reserved dwelling's way when no candidate of its target
/// group takes it (the reglement's `zonder kandidaat`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Doorverwezen {
    /// The target group without a candidate.
    pub doelgroep: String,
    /// Where the dwelling went from there.
    pub naar: Doorverwijzing,
    /// That group's ranking for the dwelling (nobody ranked), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samenvatting: Option<super::RankingSummary>,
    /// Where the reglement says so.
    pub herkomst: Herkomst,
    /// Sent on because the group's capacity of the year is reached:
    /// (capacity, allocations so far).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capaciteit: Option<(u32, u32)>,
}

impl Doorverwezen {
    /// "geen kandidaat van doelgroep 'ouderen' (0 gerangschikt, 12 uitgesloten): volgens art. 4 (… regel 40) naar de standaardtoewijzing (pijler 1)".
    pub fn line(&self) -> String {
        let counts = self
            .samenvatting
            .map(|s| {
                format!(
                    " ({} gerangschikt, {} uitgesloten, {} geweigerd)",
                    s.gerangschikt, s.uitgesloten, s.geweigerd
                )
            })
            .unwrap_or_default();
        let why = match self.capaciteit {
            Some((max, n)) => format!(
                "doelgroep '{}' heeft haar capaciteit bereikt ({n} van {max} per jaar toegewezen dit jaar)",
                self.doelgroep
            ),
            None => format!("geen kandidaat van doelgroep '{}'{counts}", self.doelgroep),
        };
        format!(
            "{why}: volgens het reglement ({}) naar {}",
            cite(&self.herkomst),
            destination(&self.naar)
        )
    }
}

/// "de standaardtoewijzing (pijler 1)", "doelgroep 'doorstromer'".
pub fn destination(d: &Doorverwijzing) -> String {
    match d {
        Doorverwijzing::Standaardtoewijzing => "de standaardtoewijzing (pijler 1)".to_string(),
        Doorverwijzing::Doelgroep { code } => format!("doelgroep '{code}'"),
        Doorverwijzing::BlijftVoorbehouden => "nergens: ze blijft voorbehouden".to_string(),
    }
}

/// A reservation decided by the caller instead of the dwellings file and
/// the reglement's lists: the next step of a `zonder kandidaat`.
#[derive(Debug, Clone)]
enum Forced {
    Group(String),
    Free,
}

/// The group and list of the reglement that name dwelling `id`, if any.
pub fn named_reservation<'p>(
    plan: &'p Plan,
    id: &str,
) -> Option<(&'p PlanP3Doelgroep, &'p PlanWoningenLijst)> {
    let id = id.trim();
    plan.doelgroepen
        .iter()
        .flat_map(|d| &d.groepen)
        .find_map(|g| {
            g.woningen
                .iter()
                .find(|l| l.woningen.iter().any(|w| w.trim() == id))
                .map(|l| (g, l))
        })
}

/// The plan, resolved for one request.
#[derive(Debug, Clone)]
pub struct Prepared<'p> {
    pub plan: &'p Plan,
    pub request: Request,
    pub pijler: Pillar,
    pub peildatum: Day,
    /// Index of the target gemeente in the werkingsgebied.
    pub gemeente: usize,
    pub woning: Option<Dwelling>,
    /// Pillar 3: the target group's index in the plan's groups; pillar 2 per
    /// target group: the group's index in the pillar-2 groups.
    pub doelgroep: Option<usize>,
    /// Pillar 3: the target group's index in [`Prepared::doelgroep_codes`].
    pub doelgroep_code: u16,
    /// Declared codes per field: what a candidate file may use.
    pub woonnood_codes: Vec<String>,
    pub begeleiding_codes: Vec<String>,
    pub doelgroep_codes: Vec<String>,
    /// The werkingsgebied's gemeenten as the plan names them.
    pub gemeenten: Vec<String>,
    /// Per werkingsgebied position: the gemeente it means on the reference date.
    pub idents: Vec<Ident>,
    /// Every name a `voorkeur` or `mantelzorg` may use: the werkingsgebied's
    /// and the Flemish gemeenten, current and former (for suggestions).
    pub known_gemeenten: Vec<String>,
    /// The suggestion for each unknown gemeente already met, so a list where
    /// many rows name the same gemeente of another werkingsgebied (a regional
    /// year: every member sees the others' gemeenten) computes it once
    /// instead of once per row; the same value as [`suggest`], so the output
    /// does not depend on the order rows meet it.
    suggestions: std::sync::Arc<std::sync::Mutex<rustc_hash::FxHashMap<String, Option<String>>>>,
    /// Pillar 2.
    pub criteria: Vec<Criterion<'p>>,
    /// Per woonnood code: the pillar-2 groups it belongs to (indices).
    pub p2_groups_of: Vec<Vec<u16>>,
    /// Pillar 1 (and 3 with lokale binding): the tiers before chronology.
    pub tiers: Vec<Tier<'p>>,
    /// Bits of the sort key per component, see [`super::order`].
    pub max_total: u32,
    /// Check the candidate's `voorkeur` against the gemeente (always, but
    /// for [`Prepared::any_gemeente`]).
    pub voorkeur: bool,
    /// A reserved dwelling: where its reservation comes from.
    pub voorbehoud: Option<Voorbehoud>,
    /// The way the dwelling came here when no candidate of a group took it.
    pub doorverwezen: Vec<Doorverwezen>,
    /// The lists it came through (the first one first), for explanations.
    pub vorige: Vec<Prepared<'p>>,
    /// Allocations to the dwelling's target group in its calendar year so
    /// far (`rangschik --al-toegewezen`, the simulation's count), against
    /// the group's `capaciteit`.
    pub toegewezen: u32,
}

/// The distinct symbols of a batch, looked up in the prepared plan.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub woonnood: Vec<u16>,
    pub begeleiding: Vec<u16>,
    pub doelgroep: Vec<u16>,
    /// The werkingsgebied position of the gemeente the name means on the
    /// reference date (the first position of that gemeente), or [`UNKNOWN`].
    pub gemeente: Vec<u16>,
    /// The name is a gemeente: of the werkingsgebied, or of Flanders (now
    /// or before a merger). What a `voorkeur` and `mantelzorg` may hold.
    pub bekend: Vec<bool>,
}

impl Resolved {
    /// Nothing resolved (a batch no plan was prepared for).
    pub fn empty() -> Resolved {
        Resolved {
            woonnood: Vec::new(),
            begeleiding: Vec::new(),
            doelgroep: Vec::new(),
            gemeente: Vec::new(),
            bekend: Vec::new(),
        }
    }
}

/// The gemeente a name means on a day: its NIS code, or, for a name that
/// is no Flemish gemeente, the name itself in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ident {
    Nis(u32),
    Naam(String),
}

/// [`Ident`] of a name on a day.
pub fn ident(name: &str, on: chrono::NaiveDate) -> Ident {
    match crate::gemeenten::nis_on(name, on) {
        Some(nis) => Ident::Nis(nis),
        None => Ident::Naam(name.trim().to_lowercase()),
    }
}

/// The first werkingsgebied position that means the same gemeente.
fn position(idents: &[Ident], id: &Ident) -> Option<usize> {
    idents.iter().position(|x| x == id)
}

pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

fn push_unique(list: &mut Vec<String>, code: &str) {
    if !list.iter().any(|c| c == code) {
        list.push(code.to_string());
    }
}

/// What a request asks for, resolved against the plan.
struct Asked {
    pijler: Pillar,
    gemeente: usize,
    woning: Option<Dwelling>,
    group: Option<String>,
    voorbehoud: Option<Voorbehoud>,
}

/// The codes a plan declares, each list in the plan's order.
struct Declared {
    woonnood_codes: Vec<String>,
    begeleiding_codes: Vec<String>,
    doelgroep_codes: Vec<String>,
}

impl<'p> Prepared<'p> {
    pub fn new(plan: &'p Plan, request: &Request) -> Result<Prepared<'p>, RequestError> {
        // every total a candidate can reach fits the u32 the engine counts in
        if let Some(v) = &plan.versneld {
            crate::plan::bounds::frame(&v.wegingskader).map_err(RequestError::OngeldigPlan)?;
        }
        Self::build(plan, request, None)
    }

    fn build(
        plan: &'p Plan,
        request: &Request,
        forced: Option<Forced>,
    ) -> Result<Prepared<'p>, RequestError> {
        let gemeenten: Vec<String> = plan
            .werkingsgebied
            .gemeenten
            .iter()
            .map(|g| g.naam.clone())
            .collect();
        let idents: Vec<Ident> = gemeenten
            .iter()
            .map(|g| ident(g, request.peildatum))
            .collect();
        let p3_codes: Vec<String> = plan
            .doelgroepen
            .iter()
            .flat_map(|d| d.groepen.iter().map(|g| g.code.clone()))
            .collect();
        let p2_codes: Vec<String> = plan
            .versneld
            .iter()
            .flat_map(|v| v.doelgroepen.iter().map(|g| g.code.clone()))
            .collect();
        let Asked {
            pijler,
            gemeente,
            woning,
            group,
            voorbehoud,
        } = Self::asked(plan, request, forced, &gemeenten, &idents)?;
        let present = match pijler {
            Pillar::Standaard => plan.standaard.is_some(),
            Pillar::Versneld => plan.versneld.is_some(),
            Pillar::Doelgroepen => plan.doelgroepen.is_some(),
        };
        if !present {
            return Err(RequestError::GeenPijler(pijler));
        }
        let doelgroep = Self::group_index(
            plan,
            request,
            pijler,
            gemeente,
            group.as_deref(),
            &idents,
            &p3_codes,
            &p2_codes,
        )?;
        let Declared {
            woonnood_codes,
            begeleiding_codes,
            doelgroep_codes,
        } = Self::declared(plan, &p3_codes, &p2_codes);
        let frame = plan.versneld.as_ref().map(|v| &v.wegingskader);
        let peildatum = fields::from_date(request.peildatum);
        let criteria = frame
            .map(|f| {
                f.criteria
                    .iter()
                    .map(|c| Criterion {
                        plan: c,
                        table: table(c, &woonnood_codes, &begeleiding_codes, request.peildatum),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let p2_groups_of = woonnood_codes
            .iter()
            .map(|code| {
                plan.versneld
                    .iter()
                    .flat_map(|v| v.doelgroepen.iter().enumerate())
                    .filter(|(_, g)| g.situaties.iter().any(|s| s == code))
                    .map(|(i, _)| i as u16)
                    .collect()
            })
            .collect();
        let tiers = tiers(plan, gemeente, &idents, request.peildatum);
        let mut known_gemeenten = gemeenten.clone();
        known_gemeenten.extend(crate::gemeenten::names().iter().cloned());
        let doelgroep_code = match (pijler, doelgroep, &plan.doelgroepen) {
            (Pillar::Doelgroepen, Some(i), Some(d)) => doelgroep_codes
                .iter()
                .position(|c| *c == d.groepen[i].code)
                .map_or(UNKNOWN, |i| i as u16),
            _ => UNKNOWN,
        };
        Ok(Prepared {
            plan,
            request: request.clone(),
            pijler,
            peildatum,
            gemeente,
            woning,
            doelgroep,
            doelgroep_code,
            woonnood_codes,
            begeleiding_codes,
            doelgroep_codes,
            gemeenten,
            idents,
            known_gemeenten,
            suggestions: Default::default(),
            criteria,
            p2_groups_of,
            tiers,
            max_total: frame.map_or(0, |f| f.max_totaal),
            voorkeur: true,
            voorbehoud: if pijler == Pillar::Doelgroepen {
                voorbehoud
            } else {
                None
            },
            doorverwezen: Vec::new(),
            vorige: Vec::new(),
            toegewezen: 0,
        })
    }

    /// The first phase of [`Prepared::build`]: what the request asks for
    /// (pillar, gemeente, dwelling, target group), and how the dwelling
    /// came to be reserved.
    fn asked(
        plan: &'p Plan,
        request: &Request,
        forced: Option<Forced>,
        gemeenten: &[String],
        idents: &[Ident],
    ) -> Result<Asked, RequestError> {
        let find_gemeente = |name: &str| {
            position(idents, &ident(name, request.peildatum)).ok_or_else(|| {
                RequestError::OnbekendeGemeente {
                    gemeente: name.to_string(),
                    bekend: gemeenten.to_vec(),
                }
            })
        };
        let mut voorbehoud = None;
        let (pijler, gemeente, woning, group) = match &request.target {
            Target::Dwelling { woning, pijler } => {
                let g = find_gemeente(&woning.gemeente)?;
                let in_file = woning
                    .doelgroep
                    .as_deref()
                    .map(str::trim)
                    .filter(|d| !d.is_empty());
                let reserved: Option<&str> = match &forced {
                    Some(Forced::Group(code)) => {
                        voorbehoud = Some(Voorbehoud::Doorverwezen);
                        Some(code.as_str())
                    }
                    Some(Forced::Free) => None,
                    None => match (in_file, named_reservation(plan, &woning.woning)) {
                        (Some(f), Some((grp, _))) if f != grp.code => {
                            return Err(RequestError::TweeDoelgroepen {
                                woning: woning.woning.clone(),
                                bestand: f.to_string(),
                                reglement: grp.code.clone(),
                            })
                        }
                        (_, Some((grp, list))) => {
                            if ident(&list.gemeente, request.peildatum)
                                != ident(&woning.gemeente, request.peildatum)
                            {
                                return Err(RequestError::AndereGemeente {
                                    woning: woning.woning.clone(),
                                    bestand: woning.gemeente.clone(),
                                    reglement: list.gemeente.clone(),
                                });
                            }
                            voorbehoud = Some(Voorbehoud::Reglement(list.herkomst.clone()));
                            Some(grp.code.as_str())
                        }
                        (Some(f), None) => {
                            voorbehoud = Some(Voorbehoud::Bestand);
                            Some(f)
                        }
                        (None, None) => None,
                    },
                };
                let pijler = match (pijler, reserved) {
                    (Some(Pillar::Doelgroepen), None) => {
                        return Err(RequestError::NietVoorbehouden {
                            woning: woning.woning.clone(),
                        })
                    }
                    (Some(p @ (Pillar::Standaard | Pillar::Versneld)), Some(d)) => {
                        return Err(RequestError::VoorbehoudenWoning {
                            woning: woning.woning.clone(),
                            doelgroep: d.to_string(),
                            pijler: *p,
                        })
                    }
                    (Some(p), _) => *p,
                    (None, Some(_)) => Pillar::Doelgroepen,
                    (None, None) => Pillar::Standaard,
                };
                (
                    pijler,
                    g,
                    Some(woning.clone()),
                    reserved.map(str::to_string),
                )
            }
            Target::Lijst {
                pijler,
                gemeente,
                doelgroep,
            } => (
                *pijler,
                find_gemeente(gemeente)?,
                None,
                doelgroep
                    .as_deref()
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(str::to_string),
            ),
        };
        Ok(Asked {
            pijler,
            gemeente,
            woning,
            group,
            voorbehoud,
        })
    }

    /// The second phase: the target group asked for, as its index in the
    /// pillar's groups, checked against the plan.
    #[allow(clippy::too_many_arguments)]
    fn group_index(
        plan: &Plan,
        request: &Request,
        pijler: Pillar,
        gemeente: usize,
        group: Option<&str>,
        idents: &[Ident],
        p3_codes: &[String],
        p2_codes: &[String],
    ) -> Result<Option<usize>, RequestError> {
        let index = match (pijler, group) {
            (Pillar::Doelgroepen, None) => return Err(RequestError::GeenDoelgroep),
            (Pillar::Doelgroepen, Some(d)) => {
                let groups = plan
                    .doelgroepen
                    .as_ref()
                    .map(|x| &x.groepen[..])
                    .unwrap_or(&[]);
                let i = groups.iter().position(|g| g.code == d).ok_or_else(|| {
                    RequestError::OnbekendeDoelgroep {
                        doelgroep: d.to_string(),
                        bekend: p3_codes.to_vec(),
                    }
                })?;
                if let Some(own) = &groups[i].gemeente {
                    if position(idents, &ident(own, request.peildatum)) != Some(gemeente) {
                        return Err(RequestError::DoelgroepAndereGemeente {
                            doelgroep: d.to_string(),
                            gemeente: own.clone(),
                        });
                    }
                }
                Some(i)
            }
            (Pillar::Versneld, Some(d)) => {
                Some(p2_codes.iter().position(|c| c == d).ok_or_else(|| {
                    RequestError::OnbekendeDoelgroep {
                        doelgroep: d.to_string(),
                        bekend: p2_codes.to_vec(),
                    }
                })?)
            }
            (Pillar::Standaard, Some(d)) => {
                return Err(RequestError::OnbekendeDoelgroep {
                    doelgroep: d.to_string(),
                    bekend: Vec::new(),
                })
            }
            _ => None,
        };
        Ok(index)
    }

    /// The third phase: the codes the plan declares (woonnood situations,
    /// guidance tiers, target groups), each list in the plan's order.
    fn declared(plan: &Plan, p3_codes: &[String], p2_codes: &[String]) -> Declared {
        let mut woonnood_codes = Vec::new();
        let mut begeleiding_codes = Vec::new();
        let frame = plan.versneld.as_ref().map(|v| &v.wegingskader);
        for c in frame.iter().flat_map(|f| &f.criteria) {
            if let PuntenTabel::Codes { rijen } = &c.tabel {
                let list = match c.kenmerk {
                    Kenmerk::Begeleiding => &mut begeleiding_codes,
                    _ => &mut woonnood_codes,
                };
                for r in rijen {
                    push_unique(list, &r.code);
                }
            }
        }
        for g in plan.versneld.iter().flat_map(|v| &v.doelgroepen) {
            for s in &g.situaties {
                push_unique(&mut woonnood_codes, s);
            }
        }
        let mut doelgroep_codes = Vec::new();
        for c in p3_codes.iter().chain(p2_codes) {
            push_unique(&mut doelgroep_codes, c);
        }
        Declared {
            woonnood_codes,
            begeleiding_codes,
            doelgroep_codes,
        }
    }

    /// Pillar 3: the target group of the list.
    pub fn p3_group(&self) -> Option<&'p PlanP3Doelgroep> {
        if self.pijler != Pillar::Doelgroepen {
            return None;
        }
        let plan: &'p Plan = self.plan;
        self.doelgroep
            .and_then(|i| plan.doelgroepen.as_ref().and_then(|d| d.groepen.get(i)))
    }

    /// A reserved dwelling's `zonder kandidaat`: what the reglement says
    /// when no candidate of the group takes it.
    pub fn fallback(&self) -> Option<&'p PlanZonderKandidaat> {
        self.woning.as_ref()?;
        self.p3_group()?.zonder_kandidaat.as_ref()
    }

    /// The list the dwelling goes to when no candidate of this group takes
    /// it, as the reglement says; `None` when it says nothing, says the
    /// dwelling stays reserved, or would send it to a group it came
    /// through. `samenvatting`: this list's ranking, for the report.
    pub fn next_in_chain(
        &self,
        samenvatting: Option<super::RankingSummary>,
    ) -> Option<Result<Prepared<'p>, RequestError>> {
        let z = self.fallback()?;
        self.hop(&z.naar, &z.herkomst, samenvatting, None)
    }

    /// A reserved dwelling whose group has reached its `capaciteit` of the
    /// year ([`Prepared::toegewezen`]).
    pub fn capacity_reached(&self) -> bool {
        self.woning.is_some()
            && self.doorverwezen.is_empty()
            && self
                .p3_group()
                .and_then(|g| g.capaciteit.as_ref())
                .is_some_and(|c| self.toegewezen >= c.per_jaar)
    }

    /// A reserved dwelling whose group has reached its `capaciteit` of the
    /// year ([`Prepared::toegewezen`]): the list the reglement sends it to
    /// (`daarna`); `None` below the capacity, or when nothing is said.
    pub fn past_capacity(&self) -> Option<Result<Prepared<'p>, RequestError>> {
        if !self.capacity_reached() {
            return None;
        }
        let c = self.p3_group()?.capaciteit.as_ref()?;
        self.hop(
            &c.daarna,
            &c.herkomst,
            None,
            Some((c.per_jaar, self.toegewezen)),
        )
    }

    /// The dwelling offered to the list `naar` names, this list kept as a step of its way.
    fn hop(
        &self,
        naar: &Doorverwijzing,
        herkomst: &Herkomst,
        samenvatting: Option<super::RankingSummary>,
        capaciteit: Option<(u32, u32)>,
    ) -> Option<Result<Prepared<'p>, RequestError>> {
        let code = self.p3_group()?.code.clone();
        let (forced, pijler) = match naar {
            Doorverwijzing::BlijftVoorbehouden => return None,
            Doorverwijzing::Standaardtoewijzing => (Forced::Free, Pillar::Standaard),
            Doorverwijzing::Doelgroep { code: next } => {
                let seen = next == &code || self.doorverwezen.iter().any(|d| d.doelgroep == *next);
                if seen {
                    return None;
                }
                (Forced::Group(next.clone()), Pillar::Doelgroepen)
            }
        };
        let woning = self.woning.clone()?;
        let request = Request {
            peildatum: self.request.peildatum,
            target: Target::Dwelling {
                woning,
                pijler: Some(pijler),
            },
            verklaringen: self.request.verklaringen,
        };
        let hop = Doorverwezen {
            doelgroep: code,
            naar: naar.clone(),
            samenvatting,
            herkomst: herkomst.clone(),
            capaciteit,
        };
        Some(
            Self::build(self.plan, &request, Some(forced)).map(|mut next| {
                next.voorkeur = self.voorkeur;
                next.toegewezen = self.toegewezen;
                next.doorverwezen = self.doorverwezen.clone();
                next.doorverwezen.push(hop);
                let mut here = self.clone();
                next.vorige = std::mem::take(&mut here.vorige);
                next.vorige.push(here);
                next
            }),
        )
    }

    /// The same list without the `voorkeur` check: who the pillar's rules
    /// accept in any gemeente, in the pillar's order. For a list without
    /// lokale binding (pijler 2) this is one ranking for every gemeente at
    /// once; the simulation keeps, per gemeente, those who chose it.
    pub fn any_gemeente(mut self) -> Self {
        self.voorkeur = false;
        self
    }

    pub fn gemeente_name(&self) -> &str {
        &self.gemeenten[self.gemeente]
    }

    /// Look every distinct symbol of the batch up once.
    pub fn resolve(&self, batch: &Batch) -> Resolved {
        let find = |list: &[String], name: &str| {
            list.iter()
                .position(|c| c == name)
                .map_or(UNKNOWN, |i| i as u16)
        };
        let n = batch.symbols.len();
        let mut r = Resolved {
            woonnood: Vec::with_capacity(n),
            begeleiding: Vec::with_capacity(n),
            doelgroep: Vec::with_capacity(n),
            gemeente: Vec::with_capacity(n),
            bekend: Vec::with_capacity(n),
        };
        for (_, name) in batch.symbols.iter() {
            r.woonnood.push(find(&self.woonnood_codes, name));
            r.begeleiding.push(find(&self.begeleiding_codes, name));
            r.doelgroep.push(find(&self.doelgroep_codes, name));
            // one lookup in the gemeenten of Flanders per distinct name
            let id = ident(name, self.request.peildatum);
            let g = position(&self.idents, &id).map_or(UNKNOWN, |i| i as u16);
            r.gemeente.push(g);
            r.bekend.push(g != UNKNOWN || matches!(id, Ident::Nis(_)));
        }
        r
    }

    /// The first field of a record that the plan does not accept: an
    /// unknown code, or a `mantelzorg` or `voorkeur` name that is no
    /// gemeente (neither of the werkingsgebied nor of Flanders, now or
    /// before a merger). A gemeente outside the werkingsgebied is not an
    /// error: the central register holds preferences all over Flanders. A
    /// field the plan declares no codes for is not checked (nothing reads it).
    pub fn invalid_field(
        &self,
        rec: &Record,
        batch: &Batch,
        res: &Resolved,
    ) -> Option<(Field, Sym)> {
        if rec.woonnood != NONE
            && !self.woonnood_codes.is_empty()
            && res.woonnood[rec.woonnood as usize] == UNKNOWN
        {
            return Some((Field::Woonnood, rec.woonnood));
        }
        if rec.begeleiding != NONE
            && !self.begeleiding_codes.is_empty()
            && res.begeleiding[rec.begeleiding as usize] == UNKNOWN
        {
            return Some((Field::Begeleiding, rec.begeleiding));
        }
        if !self.doelgroep_codes.is_empty() {
            if let Some(&s) = batch
                .list(rec.doelgroepen)
                .iter()
                .find(|&&s| res.doelgroep[s as usize] == UNKNOWN)
            {
                return Some((Field::Doelgroepen, s));
            }
        }
        for field in [Field::Mantelzorg, Field::Voorkeur] {
            let list = match field {
                Field::Mantelzorg => rec.mantelzorg,
                _ => rec.voorkeur,
            };
            if let Some(&s) = batch.list(list).iter().find(|&&s| !res.bekend[s as usize]) {
                return Some((field, s));
            }
        }
        None
    }

    /// [`suggest`] over the known gemeenten, once per name.
    fn suggest_known_gemeente(&self, name: &str) -> Option<String> {
        if name.len() > fields::MAX_NAME {
            return None; // as suggest says, and not kept: the map stays small
        }
        // a poisoned lock only means another thread panicked mid-insert; the
        // map holds finished values only, so it is still right to use
        let mut cache = self
            .suggestions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hit) = cache.get(name) {
            return hit.clone();
        }
        let found = suggest(name, &self.known_gemeenten);
        cache.insert(name.to_string(), found.clone());
        found
    }

    /// The rejection for [`Prepared::invalid_field`].
    pub fn rejection(&self, rec: &Record, batch: &Batch, field: Field, sym: Sym) -> Rejection {
        let name = batch.name(sym).to_string();
        let known = match field {
            Field::Woonnood => &self.woonnood_codes,
            Field::Begeleiding => &self.begeleiding_codes,
            Field::Doelgroepen => &self.doelgroep_codes,
            _ => &self.gemeenten,
        };
        let fout = if matches!(field, Field::Voorkeur | Field::Mantelzorg) {
            Fout::OnbekendeGemeente {
                suggestie: self.suggest_known_gemeente(&name),
                gemeente: name,
            }
        } else {
            let suggestie = suggest(&name, known);
            Fout::OnbekendeCode {
                code: name,
                bekend: known.clone(),
                suggestie,
            }
        };
        Rejection {
            plaats: rec.plaats,
            dossier: Some(batch.dossier(rec).to_string()),
            veld: Some(field.name()),
            kolom: batch.kolommen[field as usize],
            fout,
        }
    }

    /// Points of criterion `c` for a record, and the row that gave them.
    #[inline]
    pub fn score(&self, c: &Criterion, rec: &Record, res: &Resolved) -> (u32, Hit) {
        match &c.table {
            Table::Codes(points) => {
                let sym = match c.plan.kenmerk {
                    Kenmerk::Begeleiding => rec.begeleiding,
                    _ => rec.woonnood,
                };
                if sym == NONE {
                    return (0, Hit::Empty);
                }
                let idx = match c.plan.kenmerk {
                    Kenmerk::Begeleiding => res.begeleiding[sym as usize],
                    _ => res.woonnood[sym as usize],
                };
                match points.get(idx as usize) {
                    Some(CodePoints::Points { points, row }) => (*points, Hit::Row(*row)),
                    Some(CodePoints::NotScored { row }) => (0, Hit::NotScored(*row)),
                    _ => (0, Hit::Unlisted),
                }
            }
            Table::Bedragen {
                alleenstaande,
                gezin,
                anders,
            } => {
                let Some(cents) = rec.inkomen() else {
                    return (0, Hit::Empty);
                };
                let rows = match rec.gezinstype {
                    Household::Alleenstaande => alleenstaande,
                    Household::Gezin => gezin,
                };
                for &(ceiling, points, row) in rows {
                    if cents <= ceiling {
                        return (points, Hit::Row(row));
                    }
                }
                (*anders, Hit::Anders)
            }
            Table::Aantallen { lookup, rows } => {
                let n = rec.kinderen;
                if let Some(&(p, row)) = lookup.get(n as usize) {
                    return if row == UNKNOWN {
                        (0, Hit::Unlisted)
                    } else {
                        (p, Hit::Row(row))
                    };
                }
                for (i, &(van, tot, p)) in rows.iter().enumerate() {
                    if (n as u64) >= van && tot.is_none_or(|t| (n as u64) <= t) {
                        return (p, Hit::Row(i as u16));
                    }
                }
                (0, Hit::Unlisted)
            }
        }
    }
}

fn table(
    c: &PlanCriterium,
    woonnood: &[String],
    begeleiding: &[String],
    on: chrono::NaiveDate,
) -> Table {
    match &c.tabel {
        PuntenTabel::Codes { rijen } => {
            let codes = match c.kenmerk {
                Kenmerk::Begeleiding => begeleiding,
                _ => woonnood,
            };
            Table::Codes(
                codes
                    .iter()
                    .map(|code| match rijen.iter().position(|r| &r.code == code) {
                        None => CodePoints::Unlisted,
                        Some(i) => match rijen[i].punten {
                            Some(p) => CodePoints::Points {
                                points: p,
                                row: i as u16,
                            },
                            None => CodePoints::NotScored { row: i as u16 },
                        },
                    })
                    .collect(),
            )
        }
        PuntenTabel::Bedragen {
            rijen,
            anders,
            leefloon,
        } => {
            let per = |h: Household| {
                let mut v: Vec<(i64, u32, u16)> = rijen
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.gezinstype == h)
                    .map(|(i, r)| (r.ceiling_on(leefloon, on), r.punten, i as u16))
                    .collect();
                v.sort_by_key(|&(ceiling, _, row)| (ceiling, row));
                v
            };
            Table::Bedragen {
                alleenstaande: per(Household::Alleenstaande),
                gezin: per(Household::Gezin),
                anders: *anders,
            }
        }
        PuntenTabel::Aantallen { rijen } => {
            let lookup = (0u64..=64)
                .map(|n| {
                    rijen
                        .iter()
                        .position(|r| n >= r.van && r.tot.is_none_or(|t| n <= t))
                        .map_or((0, UNKNOWN), |i| (rijen[i].punten, i as u16))
                })
                .collect();
            Table::Aantallen {
                lookup,
                rows: rijen.iter().map(|r| (r.van, r.tot, r.punten)).collect(),
            }
        }
    }
}

/// The lokale-binding tiers for a dwelling in gemeente `g` (a position
/// [`position`] gives), chronology left out. A scope is marked on the
/// positions [`Resolved::gemeente`] gives.
fn tiers<'p>(plan: &'p Plan, g: usize, idents: &[Ident], on: chrono::NaiveDate) -> Vec<Tier<'p>> {
    let Some(st) = &plan.standaard else {
        return Vec::new();
    };
    let gemeenten = &plan.werkingsgebied.gemeenten;
    let default = plan.parameters.woonbinding;
    let only = |i: usize| (0..gemeenten.len()).map(|j| j == i).collect::<Vec<bool>>();
    let pos = |name: &str| position(idents, &ident(name, on));
    let set = |names: &[String]| -> Vec<bool> {
        let mut scope = vec![names.is_empty(); gemeenten.len()];
        for p in names.iter().filter_map(|n| pos(n)) {
            scope[p] = true;
        }
        scope
    };
    st.rangorde
        .iter()
        .take_while(|t| t.soort != PlanTierKind::Inschrijvingsdatum)
        .map(|t| {
            let check = match t.soort {
                PlanTierKind::StrengereWoonbinding => match &gemeenten[g].strengere_woonbinding {
                    Some(s) => TierCheck::Woonbinding {
                        scope: only(g),
                        regel: s.regel,
                        herkomst: &s.herkomst,
                    },
                    None => TierCheck::NotApplicable(format!(
                        "{} heeft geen strengere woonbinding",
                        gemeenten[g].naam
                    )),
                },
                PlanTierKind::WoonbindingGemeente => TierCheck::Woonbinding {
                    scope: only(g),
                    regel: t.regel.unwrap_or(default),
                    herkomst: &t.herkomst,
                },
                PlanTierKind::WoonbindingWerkingsgebied => TierCheck::Woonbinding {
                    scope: set(&t.gemeenten),
                    regel: t.regel.unwrap_or(default),
                    herkomst: &t.herkomst,
                },
                PlanTierKind::WoonbindingDeelwerkingsgebied => {
                    if t.gemeenten.iter().any(|n| pos(n) == Some(g)) {
                        TierCheck::Woonbinding {
                            scope: set(&t.gemeenten),
                            regel: t.regel.unwrap_or(default),
                            herkomst: &t.herkomst,
                        }
                    } else {
                        TierCheck::NotApplicable(format!(
                            "{} ligt niet in dit deelwerkingsgebied",
                            gemeenten[g].naam
                        ))
                    }
                }
                PlanTierKind::Mantelzorg => TierCheck::Mantelzorg,
                PlanTierKind::Inschrijvingsdatum => TierCheck::NotApplicable(String::new()),
            };
            Tier { plan: t, check }
        })
        .collect()
}

/// The gemeente name closest to a misspelt one (of the werkingsgebied or
/// of Flanders, current or former), by the same rule as codes.
pub fn suggest_gemeente(p: &Prepared, name: &str) -> Option<String> {
    suggest(name, &p.known_gemeenten)
}

/// The known code closest to a mistyped one: the same but for case,
/// spaces for hyphens, or at most two edits (a swapped pair counts as one).
///
/// Bounded in time: a name more than two characters longer or shorter than
/// a known code cannot be within two edits of it, so the edit distance is
/// only computed for names of about the length of a known code (a name
/// longer than [`super::fields::MAX_NAME`] gets no suggestion at all); each
/// comparison is then at most `MAX_NAME²` steps, whatever the input.
pub fn suggest(name: &str, known: &[String]) -> Option<String> {
    if name.len() > super::fields::MAX_NAME {
        return None;
    }
    let norm = |s: &str| s.trim().to_lowercase().replace(' ', "-");
    let n = norm(name);
    if let Some(k) = known.iter().find(|k| norm(k) == n) {
        return Some(k.clone());
    }
    let chars = n.chars().count();
    known
        .iter()
        .filter(|k| k.len() <= super::fields::MAX_NAME)
        .map(|k| (norm(k), k))
        .filter(|(k, _)| k.chars().count().abs_diff(chars) <= 2)
        .map(|(nk, k)| (strsim::osa_distance(&n, &nk), k))
        .filter(|(dist, k)| *dist <= 2 && k.len() > 3)
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, k)| k.clone())
}

/// "art. 3.1, kempen-regio.reglement regel 22".
pub fn cite(h: &Herkomst) -> String {
    match &h.artikel {
        Some(a) => format!("{a}, {} regel {}", h.bestand, h.regel),
        None => format!("{} regel {}", h.bestand, h.regel),
    }
}

/// The tie-break entries of the pillar-2 frame, resolved to criteria indices.
pub fn tiebreaks(p: &Prepared) -> Vec<TieBreak> {
    p.plan
        .versneld
        .iter()
        .flat_map(|v| &v.wegingskader.volgorde)
        .filter_map(|t| match t {
            PlanTieBreak::Inschrijvingsdatum => Some(TieBreak::Inschrijving),
            PlanTieBreak::MeestePunten { criterium } => p
                .criteria
                .iter()
                .position(|c| &c.plan.code == criterium)
                .map(TieBreak::MeestePunten),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    Inschrijving,
    MeestePunten(usize),
}
