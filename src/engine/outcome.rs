//! How each record ends: ranked, excluded (with the rule that excluded it)
//! or rejected; and the Dutch text of each exclusion, with the rule's source.

use super::candidate::Pillar;
use super::prepare::{Prepared, UNKNOWN};
use super::trace::points;
use crate::plan::{Herkomst, PuntenTabel};
use serde::Serialize;

/// The status column of a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Gerangschikt,
    Uitgesloten,
    Geweigerd,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Gerangschikt => "gerangschikt",
            Status::Uitgesloten => "uitgesloten",
            Status::Geweigerd => "geweigerd",
        }
    }
}

/// The rule that excluded a candidate. Small and plain, so that a million
/// outcomes fit in a few megabytes; the text comes from the plan
/// ([`Prepared::reden`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exclusion {
    /// Registered after the reference date.
    NietIngeschreven,
    /// The gemeente is not in the candidate's `voorkeur`.
    Voorkeur,
    /// No gemeente of the candidate's `voorkeur` lies in the werkingsgebied
    /// (the central register: it chose gemeenten of other woonmaatschappijen).
    VoorkeurBuiten,
    /// Household size does not fit the dwelling: the bezetting row (or
    /// [`UNKNOWN`] for the legal maximum per bedroom).
    Bezetting { row: u16 },
    /// Pillar 2: no housing need stated.
    GeenWoonnood,
    /// Pillar 2: the housing need belongs to no pillar-2 target group.
    GeenDoelgroep,
    /// Pillar 2 split per target group: not a member of the one asked for.
    NietInDoelgroep,
    /// A code that is never scored ("geen punten").
    NietGescoord { criterium: u16, row: u16 },
    /// A threshold not reached.
    Drempel { drempel: u16 },
    /// Pillar 2: the knipperlicht, without a begeleidingsovereenkomst.
    Knipperlicht,
    /// Pillar 2: a situation that gets no points, admitted only with an
    /// approved sociaal verslag, and none is recorded on the reference date.
    GeenSociaalVerslag { criterium: u16, row: u16 },
    /// Pillar 3: no attest for the dwelling's target group.
    GeenAttest,
    /// Pillar 3: the group's age condition is not met.
    Leeftijd(AgeFail),
}

/// Why an age condition is not met (pillar 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeFail {
    /// No birth date is known.
    Onbekend,
    /// One adult is enough, and no adult with a known birth date is old enough.
    TeJong,
    /// Every adult must be old enough, and one is not.
    NietAllen,
    /// Every adult must be old enough, and a birth date is missing.
    Onvolledig,
}

/// Pijler 2 with `sociaal verslag: …` ([`Outcome::step`]): admitted
/// through a sociaal verslag and placed before the candidates with points,
/// a candidate with points, or one placed after them.
pub const ROUTE_VOORAAN: u8 = 0;
pub const ROUTE_PUNTEN: u8 = 1;
pub const ROUTE_ACHTERAAN: u8 = 2;

/// The tier of a candidate for whom no lokale-binding tier was evaluated.
pub const NOT_EVALUATED: u8 = u8::MAX;

/// One record's outcome.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub status: Status,
    pub exclusion: Option<Exclusion>,
    /// Pillar 2: the sum of the criteria.
    pub total: u32,
    /// Pillars 1 and 3: the index of the lokale-binding tier reached
    /// (the number of tiers = none).
    pub tier: u8,
    /// Pillar 3 with `eerst de oudsten`: the age step (0 = the oldest).
    /// Pillar 2 with `sociaal verslag: …`: the route ([`ROUTE_VOORAAN`],
    /// [`ROUTE_PUNTEN`], [`ROUTE_ACHTERAAN`]).
    pub step: u8,
}

impl Outcome {
    pub const REJECTED: Outcome = Outcome {
        status: Status::Geweigerd,
        exclusion: None,
        total: 0,
        tier: 0,
        step: 0,
    };
}

/// "a, b, c en d".
pub fn and_list(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} en {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

impl Prepared<'_> {
    /// The rule (short name), its text in Dutch, and its source.
    pub fn reden(&self, ex: Exclusion) -> (&'static str, String, Option<&Herkomst>) {
        let plan = self.plan;
        match ex {
            Exclusion::NietIngeschreven => (
                "inschrijving",
                format!(
                    "niet ingeschreven op de peildatum {}",
                    self.request.peildatum
                ),
                None,
            ),
            Exclusion::Voorkeur => (
                "voorkeur",
                format!("voorkeur: wil niet in {} wonen", self.gemeente_name()),
                None,
            ),
            Exclusion::VoorkeurBuiten => (
                "voorkeur",
                "voorkeur: geen gemeente van het werkingsgebied".to_string(),
                None,
            ),
            Exclusion::Bezetting { row } => match plan.bezetting.get(row as usize) {
                Some(b) if row != UNKNOWN => (
                    "rationele-bezetting",
                    format!(
                        "rationele bezetting: een woning met {} is voor {} tot {} personen",
                        bedrooms(b.slaapkamers),
                        b.min_personen,
                        b.max_personen
                    ),
                    Some(&b.herkomst),
                ),
                _ => (
                    "rationele-bezetting",
                    format!(
                        "rationele bezetting: hoogstens {} personen per slaapkamer (een studio telt als één kamer; wettelijke parameter)",
                        plan.parameters.max_personen_per_slaapkamer
                    ),
                    None,
                ),
            },
            Exclusion::GeenWoonnood => (
                "doelgroep",
                "geen woonnood: geen doelgroep van de versnelde toewijzing".to_string(),
                plan.versneld.as_ref().map(|v| &v.herkomst),
            ),
            Exclusion::GeenDoelgroep => (
                "doelgroep",
                "de woonnood hoort bij geen doelgroep van de versnelde toewijzing".to_string(),
                plan.versneld.as_ref().map(|v| &v.herkomst),
            ),
            Exclusion::NietInDoelgroep => {
                let g = self
                    .doelgroep
                    .and_then(|i| plan.versneld.as_ref().and_then(|v| v.doelgroepen.get(i)));
                (
                    "doelgroep",
                    format!(
                        "behoort niet tot doelgroep '{}'",
                        g.map_or("", |g| g.code.as_str())
                    ),
                    g.map(|g| &g.herkomst),
                )
            }
            Exclusion::NietGescoord { criterium, row } => {
                let c = &self.criteria[criterium as usize].plan;
                let (code, note, herkomst) = match &c.tabel {
                    PuntenTabel::Codes { rijen } => rijen
                        .get(row as usize)
                        .map(|r| (r.code.as_str(), r.toelichting.as_deref(), Some(&r.herkomst)))
                        .unwrap_or(("", None, None)),
                    _ => ("", None, None),
                };
                (
                    "niet-gescoord",
                    format!(
                        "{} '{code}' wordt niet gescoord: {}",
                        c.code,
                        note.unwrap_or("geen punten")
                    ),
                    herkomst.or(Some(&c.herkomst)),
                )
            }
            Exclusion::Drempel { drempel } => {
                let d = plan
                    .versneld
                    .as_ref()
                    .and_then(|v| v.wegingskader.drempels.get(drempel as usize));
                match d {
                    Some(d) if d.criteria.is_empty() => (
                        "drempel",
                        format!("drempel: minimaal {} in totaal", points(d.minimum)),
                        Some(&d.herkomst),
                    ),
                    Some(d) => (
                        "drempel",
                        format!(
                            "drempel: minimaal {} op {}",
                            points(d.minimum),
                            and_list(&d.criteria)
                        ),
                        Some(&d.herkomst),
                    ),
                    None => ("drempel", "drempel".to_string(), None),
                }
            }
            Exclusion::GeenSociaalVerslag { criterium, row } => {
                let c = &self.criteria[criterium as usize].plan;
                let (code, note) = match &c.tabel {
                    PuntenTabel::Codes { rijen } => rijen
                        .get(row as usize)
                        .map(|r| (r.code.as_str(), r.toelichting.as_deref()))
                        .unwrap_or(("", None)),
                    _ => ("", None),
                };
                (
                    "sociaal-verslag",
                    format!(
                        "{} '{code}' wordt niet gescoord{}: er is geen goedgekeurd sociaal verslag vastgelegd op de peildatum (kolom sociaal_verslag)",
                        c.code,
                        note.map(|n| format!(" ({n})")).unwrap_or_default()
                    ),
                    plan.versneld
                        .as_ref()
                        .and_then(|v| v.sociaal_verslag.as_ref())
                        .map(|k| &k.herkomst),
                )
            }
            Exclusion::Knipperlicht => (
                "knipperlicht",
                "knipperlicht: enkel toe te wijzen met een begeleidingsovereenkomst, en die is niet vastgelegd (kolom begeleidingsovereenkomst)".to_string(),
                plan.versneld
                    .as_ref()
                    .and_then(|v| v.knipperlicht.as_ref())
                    .map(|k| &k.herkomst),
            ),
            Exclusion::Leeftijd(fail) => {
                let g = self.p3_group();
                let rule = g.and_then(|g| g.leeftijd.as_ref());
                let min = rule.map_or(0, |r| r.minimum);
                let on = self.request.peildatum;
                let attest = if rule.is_some_and(|r| r.of_attest) {
                    format!(
                        ", en geen attest voor doelgroep '{}'",
                        g.map_or("", |g| g.code.as_str())
                    )
                } else {
                    String::new()
                };
                let text = match fail {
                    AgeFail::Onbekend => format!(
                        "leeftijd: geen geboortedatum bekend (kolom geboortedata); de doelgroep vraagt minstens {min} jaar op {on}{attest}"
                    ),
                    AgeFail::TeJong => format!(
                        "leeftijd: geen volwassene is minstens {min} jaar op {on}{attest}"
                    ),
                    AgeFail::NietAllen => format!(
                        "leeftijd: niet alle volwassenen zijn minstens {min} jaar op {on}{attest}"
                    ),
                    AgeFail::Onvolledig => format!(
                        "leeftijd: niet van alle volwassenen is de geboortedatum bekend; alle volwassenen moeten minstens {min} jaar zijn op {on}{attest}"
                    ),
                };
                ("leeftijd", text, rule.map(|r| &r.herkomst))
            }
            Exclusion::GeenAttest => {
                let g = self
                    .doelgroep
                    .and_then(|i| plan.doelgroepen.as_ref().and_then(|d| d.groepen.get(i)));
                (
                    "doelgroep",
                    format!(
                        "geen attest voor doelgroep '{}'",
                        g.map_or("", |g| g.code.as_str())
                    ),
                    g.map(|g| &g.herkomst),
                )
            }
        }
    }

    /// The `reden` column: the text and, in brackets, the article.
    pub fn reden_kort(&self, ex: Exclusion) -> String {
        let (_, text, herkomst) = self.reden(ex);
        match herkomst.and_then(|h| h.artikel.as_ref()) {
            Some(a) => format!("{text} ({a})"),
            None => text,
        }
    }

    /// Pijler 3 with `eerst de oudsten`: the age step of an outcome, as a
    /// person reads it ("80 jaar of ouder", "leeftijd onbekend").
    pub fn age_step_label(&self, o: &Outcome) -> Option<String> {
        let oe = self.p3_group()?.oudsten_eerst.as_ref()?;
        Some(if o.step as u32 >= oe.steps() {
            "leeftijd onbekend".to_string()
        } else {
            oe.label(o.step as u32)
        })
    }

    /// Pijler 2: a ranked candidate admitted through a sociaal verslag, as
    /// the `reden` column says it (with the rule's article).
    pub fn route_text(&self, o: &Outcome) -> Option<String> {
        let rule = self.plan.versneld.as_ref()?.sociaal_verslag.as_ref()?;
        if self.pijler != Pillar::Versneld
            || o.step == ROUTE_PUNTEN
            || o.status != Status::Gerangschikt
        {
            return None;
        }
        let plaats = if o.step == ROUTE_VOORAAN {
            "vooraan, voor de kandidaten met punten"
        } else {
            "achteraan, na de kandidaten met punten"
        };
        let article = rule
            .herkomst
            .artikel
            .as_ref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        Some(format!(
            "toegelaten met een goedgekeurd sociaal verslag: {plaats}{article}"
        ))
    }

    /// The label of the lokale-binding tier reached (`geen` for none; empty in pijler 2).
    pub fn tier_label(&self, tier: u8) -> &'static str {
        if self.pijler == Pillar::Versneld || tier == NOT_EVALUATED {
            return "";
        }
        self.tiers
            .get(tier as usize)
            .map_or("geen", |t| super::pillar1::tier_name(t.plan.soort))
    }
}

/// "1 slaapkamer", "0 slaapkamers (studio)".
pub fn bedrooms(n: u32) -> String {
    match n {
        0 => "0 slaapkamers (studio)".to_string(),
        1 => "1 slaapkamer".to_string(),
        n => format!("{n} slaapkamers"),
    }
}
