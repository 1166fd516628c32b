//! The typed records the engine works with, as plain data: a candidate
//! household (docs/gegevens.md), a period of its residence history, a dwelling, and
//! what to rank ([`Request`]). A drafter's test case builds these in code;
//! the readers build them from files (through the compact [`super::batch`]
//! form for speed).

use crate::vocab::Household;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One candidate household, as in the candidates file (docs/gegevens.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Pseudonymous file number, unique in a file.
    pub dossier: String,
    /// Registration date in the central register (chronology).
    pub inschrijvingsdatum: NaiveDate,
    pub gezinstype: Household,
    /// Adults, at least 1.
    pub volwassenen: u32,
    /// Dependent children.
    pub kinderen: u32,
    /// Disposable income per month in euro cents; `None` = unknown (no points).
    pub inkomen_cent: Option<i64>,
    /// A situation code the reglement declares; `None` = no housing need.
    pub woonnood: Option<String>,
    /// A guidance tier code the reglement declares.
    pub begeleiding: Option<String>,
    /// Target groups for which an attest exists (pillar-3 or pillar-2 group codes).
    pub doelgroepen: Vec<String>,
    /// Gemeenten where care is given to or received from a resident.
    pub mantelzorg: Vec<String>,
    /// Where the candidate wants to live; empty = the whole werkingsgebied.
    pub voorkeur: Vec<String>,
    /// Residence history; any gemeente, also outside the werkingsgebied.
    pub woonhistoriek: Vec<ResidencePeriod>,
    /// Birth dates of the adults (at most `volwassenen`); empty = unknown.
    #[serde(default)]
    pub geboortedata: Vec<NaiveDate>,
    /// The knipperlicht: serious indications that living on one's own is
    /// not feasible now (pijler 2 only with a begeleidingsovereenkomst,
    /// where the reglement says so).
    #[serde(default)]
    pub knipperlicht: bool,
    /// A begeleidingsovereenkomst recorded, and from when.
    #[serde(default)]
    pub begeleidingsovereenkomst: Option<Vastgelegd>,
    /// A motivated sociaal verslag approved by the woonmaatschappij, and from when.
    #[serde(default)]
    pub sociaal_verslag: Option<Vastgelegd>,
}

/// A paper of the dossier that is recorded: without a date (`ja`), or from
/// a date on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vastgelegd {
    Ja,
    Op(NaiveDate),
}

impl Vastgelegd {
    /// The day from which it holds ([`super::fields::ALWAYS`] for `ja`).
    pub fn day(v: Option<Vastgelegd>) -> super::fields::Day {
        match v {
            None => super::fields::NEVER,
            Some(Vastgelegd::Ja) => super::fields::ALWAYS,
            Some(Vastgelegd::Op(d)) => super::fields::from_date(d),
        }
    }
}

/// A period of residence (periode in a woonhistoriek): first and last day lived in `gemeente`, both
/// inclusive; `tot: None` = still living there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidencePeriod {
    pub gemeente: String,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
}

impl Candidate {
    /// A candidate with only the required fields; the rest empty.
    pub fn new(
        dossier: impl Into<String>,
        inschrijvingsdatum: NaiveDate,
        gezinstype: Household,
        volwassenen: u32,
        kinderen: u32,
    ) -> Self {
        Candidate {
            dossier: dossier.into(),
            inschrijvingsdatum,
            gezinstype,
            volwassenen,
            kinderen,
            inkomen_cent: None,
            woonnood: None,
            begeleiding: None,
            doelgroepen: Vec::new(),
            mantelzorg: Vec::new(),
            voorkeur: Vec::new(),
            woonhistoriek: Vec::new(),
            geboortedata: Vec::new(),
            knipperlicht: false,
            begeleidingsovereenkomst: None,
            sociaal_verslag: None,
        }
    }
}

/// A dwelling (woning) that has come free (docs/gegevens.md, `woningen.csv`):
/// what a request ranks for. The simulation's `Vacancy`
/// is one with its date and its pillar-4 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dwelling {
    pub woning: String,
    /// Where it lies; must be in the werkingsgebied.
    pub gemeente: String,
    /// Bedrooms; 0 = studio.
    pub slaapkamers: u32,
    /// `appartement`, `huis`, `studio`, …
    pub soort: Option<String>,
    /// The pillar-3 target group it is reserved for.
    pub doelgroep: Option<String>,
    pub vrij_vanaf: Option<NaiveDate>,
}

/// The pillar a ranking is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    /// Pijler 1: standaardtoewijzing (lokale binding, chronologie).
    Standaard,
    /// Pijler 2: versnelde toewijzing (wegingskader).
    Versneld,
    /// Pijler 3: specifieke doelgroepen.
    Doelgroepen,
}

impl Pillar {
    pub fn label(self) -> &'static str {
        match self {
            Pillar::Standaard => "standaard",
            Pillar::Versneld => "versneld",
            Pillar::Doelgroepen => "doelgroepen",
        }
    }

    /// The pillar as a drafter names it in a sentence.
    pub fn title(self) -> &'static str {
        match self {
            Pillar::Standaard => "standaardtoewijzing (pijler 1)",
            Pillar::Versneld => "versnelde toewijzing (pijler 2)",
            Pillar::Doelgroepen => "specifieke doelgroepen (pijler 3)",
        }
    }
}

/// What to rank for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// A dwelling that came free: its gemeente, its bedrooms (rationele
    /// bezetting) and its reservation decide. The pillar is that of the
    /// reservation (doelgroepen) or else pijler 1, unless given.
    #[serde(rename = "woning")]
    Dwelling {
        woning: Dwelling,
        pijler: Option<Pillar>,
    },
    /// A list for a pillar in a gemeente, without a dwelling (no rationele
    /// bezetting). Pijler 3 needs the target group; pijler 2 with a split
    /// per target group may name one.
    Lijst {
        pijler: Pillar,
        gemeente: String,
        doelgroep: Option<String>,
    },
}

/// A ranking request. No ranking reads the clock: the reference date is
/// always given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The reference date: "the last 10 years" and "uninterrupted" are
    /// computed against it.
    pub peildatum: NaiveDate,
    pub target: Target,
    /// Build the explanation of every candidate (off for bulk rankings;
    /// [`super::Ranked::trace`] builds one on demand).
    pub verklaringen: bool,
}
