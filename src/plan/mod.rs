//! The executable ranking plan: everything the engine needs, resolved, with
//! the source location and article of every rule. Versioned JSON
//! (`"schema": "reglement-plan/1"`); its JSON Schema is published by
//! `reglement schema`.
//!
//! Field names are Dutch where they name a legal concept, so that the JSON
//! reads like the reglement. Amounts are in euro cents, percentages in
//! hundredths of a percent: the plan holds no floating-point numbers.

pub mod bounds;
pub mod compile;

pub use crate::model::Kenmerk;
pub use crate::vocab::AgeOf;
use crate::vocab::{DocumentKind, Household, Pillar4Tag};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use compile::compile;

/// The schema tag written into every plan.
pub const SCHEMA: &str = "reglement-plan/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Always `reglement-plan/1`.
    pub schema: String,
    pub reglement: PlanIdentity,
    pub parameters: PlanParameters,
    pub werkingsgebied: PlanWerkingsgebied,
    pub standaard: Option<PlanStandaard>,
    pub versneld: Option<PlanVersneld>,
    pub doelgroepen: Option<PlanDoelgroepen>,
    pub bijzonder: Vec<PlanBijzonder>,
    pub bezetting: Vec<PlanBezetting>,
    /// The `evaluatie` section: indicators with targets, who evaluates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluatie: Option<PlanEvaluatie>,
}

/// What the toewijzingsraad checks after a period (`reglement monitor`
/// sets the year against these targets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanEvaluatie {
    pub indicatoren: Vec<PlanIndicator>,
    pub evaluatoren: Vec<PlanEvaluator>,
}

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "soort")]
pub enum IndicatorSoort {
    /// The share of `pijler` in the allocations of pijler 1–3.
    #[serde(rename = "aandeel")]
    Aandeel { pijler: u32 },
    /// The median waiting time of `pijler` in days.
    #[serde(rename = "wachttijd")]
    Wachttijd { pijler: u32 },
    /// The share of urgent candidates not reached.
    #[serde(rename = "dringend-niet-bereikt")]
    DringendNietBereikt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIndicator {
    pub indicator: IndicatorSoort,
    /// `minimaal`, `maximaal` or `gelijk`.
    pub grens: String,
    /// Hundredths of a percent, or whole days for a waiting time.
    pub doel: i64,
    pub maanden: u32,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanEvaluator {
    /// `toewijzingsraad`, `lokaal woonoverleg` or `regionale werkgroep`.
    pub wie: String,
    pub elke_maanden: u32,
}

/// Where a rule comes from: file, line, column, article and document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Herkomst {
    pub bestand: String,
    pub regel: usize,
    pub kolom: usize,
    pub artikel: Option<String>,
    pub document: Option<DocumentKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIdentity {
    pub titel: Option<String>,
    pub woonmaatschappij: String,
    pub afkorting: Option<String>,
    pub toewijzingsraad: Option<String>,
    pub versie: Option<String>,
    /// `YYYY-MM-DD`.
    pub geldig_vanaf: Option<chrono::NaiveDate>,
    pub geldig_tot: Option<chrono::NaiveDate>,
    /// `ontwerp` or `goedgekeurd`.
    pub status: Option<String>,
    /// The regional file used, if any.
    pub regio: Option<String>,
    /// The regional frame's identity: its name, version and the hash of
    /// what the regional file alone means (the same for every member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regio_kader: Option<PlanRegioKader>,
    /// SHA-256 of what the sources mean (the reglement, then the regional
    /// file; layout and comments do not count).
    pub bron_hash: String,
    /// The other documents of the woonmaatschappij compiled with it
    /// (`gebruikt intern huurreglement "…"`), each with its own hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documenten: Vec<PlanDocument>,
}

/// The regional frame a reglement uses, by its own identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRegioKader {
    pub naam: String,
    pub versie: Option<String>,
    /// SHA-256 of what the regional file means (layout and comments do not count).
    pub bron_hash: String,
}

/// A document of the woonmaatschappij compiled with the reglement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDocument {
    pub document: DocumentKind,
    /// The file as the reglement names it.
    pub bestand: String,
    pub bron_hash: String,
}

/// The legal parameters the plan was compiled with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanParameters {
    pub parameterset_vanaf: chrono::NaiveDate,
    pub woonbinding: WoonbindingRegel,
    /// Hundredths of a percent.
    pub aandeel_versneld: i64,
    pub aandeel_standaard_minimaal: i64,
    pub max_personen_per_slaapkamer: u32,
}

/// At least `jaren` uninterrupted years within the last `venster` years;
/// with `ononderbroken: false`, at least `jaren` years of days lived there
/// in the window, added up (written without "ononderbroken").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WoonbindingRegel {
    pub jaren: u32,
    pub venster: u32,
    /// One uninterrupted run (the legal rule); `false`: the days add up.
    /// Written only when `false`.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub ononderbroken: bool,
}

impl WoonbindingRegel {
    /// `jaren` uninterrupted years within the last `venster` (the legal form).
    pub const fn ononderbroken(jaren: u32, venster: u32) -> Self {
        WoonbindingRegel {
            jaren,
            venster,
            ononderbroken: true,
        }
    }

    /// The rule in words: "5 jaar ononderbroken in de laatste 10 jaar",
    /// "6 jaar (samengeteld) in de laatste 10 jaar".
    pub fn describe(&self) -> String {
        if self.ononderbroken {
            format!(
                "{} jaar ononderbroken in de laatste {} jaar",
                self.jaren, self.venster
            )
        } else {
            format!(
                "{} jaar (samengeteld, niet ononderbroken) in de laatste {} jaar",
                self.jaren, self.venster
            )
        }
    }
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanWerkingsgebied {
    pub naam: Option<String>,
    pub gemeenten: Vec<PlanGemeente>,
    pub deelwerkingsgebieden: Vec<PlanDeelgebied>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanGemeente {
    pub naam: String,
    /// Social rental dwellings of the woonmaatschappij in this gemeente.
    pub woningen: u64,
    /// The gemeente's stricter woonbinding, if it chose one.
    pub strengere_woonbinding: Option<PlanStrengereWoonbinding>,
    /// For dwellings in this gemeente: the woonbinding on the
    /// (deel)werkingsgebied its gemeente section chose, with the consensus of
    /// that area's gemeenten (C13); a tier after the woonbinding with the
    /// gemeente, `gemeenten` being the area. Absent when it chose none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub woonbinding_gebied: Option<PlanTier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStrengereWoonbinding {
    pub regel: WoonbindingRegel,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDeelgebied {
    pub naam: String,
    pub gemeenten: Vec<String>,
}

/// Pillar 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStandaard {
    pub aandeel_minimaal: Option<i64>,
    /// The tiers in their fixed legal order; a candidate's tier is the first that applies.
    pub rangorde: Vec<PlanTier>,
    pub herkomst: Herkomst,
}

// The kind of a pillar-1 tier, as the plan writes it (the syntax tree's is
// `TierKind`). `schemars(rename)` keeps the schema's definition name of
// `reglement schema` as published; a plain comment, since a doc comment
// would become the definition's description in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "TierSoort")]
pub enum PlanTierKind {
    /// The stricter woonbinding of the dwelling's gemeente, if it has one.
    #[serde(rename = "strengere-woonbinding")]
    StrengereWoonbinding,
    #[serde(rename = "woonbinding-gemeente")]
    WoonbindingGemeente,
    #[serde(rename = "woonbinding-werkingsgebied")]
    WoonbindingWerkingsgebied,
    #[serde(rename = "woonbinding-deelwerkingsgebied")]
    WoonbindingDeelwerkingsgebied,
    #[serde(rename = "mantelzorg")]
    Mantelzorg,
    /// Not a tier but the order within every tier.
    #[serde(rename = "inschrijvingsdatum")]
    Inschrijvingsdatum,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTier {
    pub soort: PlanTierKind,
    /// For the woonbinding tiers.
    pub regel: Option<WoonbindingRegel>,
    /// For the (deel)werkingsgebied tier: the gemeenten that count as "in the area".
    pub gemeenten: Vec<String>,
    pub herkomst: Herkomst,
}

/// Pillar 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanVersneld {
    /// Hundredths of a percent (2000 = 20%).
    pub aandeel: i64,
    pub basis: Option<PlanBasis>,
    /// `gezamenlijk` (one list) or `per-doelgroep`.
    pub verdeling: String,
    pub doelgroepen: Vec<PlanP2Doelgroep>,
    pub wegingskader: PlanWegingskader,
    /// `knipperlicht: enkel met begeleidingsovereenkomst`: a candidate whose
    /// `knipperlicht` column says `ja` is skipped in pijler 2 unless its
    /// `begeleidingsovereenkomst` column records one (on or before the
    /// reference date). Absent: the two columns change nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knipperlicht: Option<PlanKnipperlicht>,
    /// `sociaal verslag: vooraan|achteraan`: a candidate whose situation
    /// gets no points (`punten: null`) is admitted with an approved sociaal
    /// verslag (the `sociaal_verslag` column, on or before the reference
    /// date), without the thresholds, and placed before or after the
    /// candidates with points; among themselves by the tie-breaks that do
    /// not count points (registration date), then the dossier. Absent: such
    /// a candidate is excluded, report or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sociaal_verslag: Option<PlanSociaalVerslag>,
    pub herkomst: Herkomst,
}

/// The sociaal verslag route of pijler 2 (see [`PlanVersneld::sociaal_verslag`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSociaalVerslag {
    /// `vooraan` or `achteraan`.
    pub plaats: VerslagPlaats,
    pub herkomst: Herkomst,
}

/// Where a candidate admitted through a sociaal verslag comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum VerslagPlaats {
    #[serde(rename = "vooraan")]
    Vooraan,
    #[serde(rename = "achteraan")]
    Achteraan,
}

/// The knipperlicht rule of pijler 2 (see [`PlanVersneld::knipperlicht`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanKnipperlicht {
    pub herkomst: Herkomst,
}

/// The pillar-2 base (C3), computed from the allocation history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanBasis {
    pub jaren: Vec<i32>,
    pub toewijzingen: u64,
    /// Allocations left out (pillar 4: renovation, demolition, ...).
    pub uitgesloten: u64,
    /// Average per year, in hundredths (12340 = 123,40).
    pub gemiddelde: i64,
    /// The pillar-2 share of that average, in hundredths of an allocation.
    pub versneld_per_jaar: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanP2Doelgroep {
    pub code: String,
    pub titel: Option<String>,
    pub wettelijke_groep: Option<String>,
    /// The woonnood codes that make a candidate a member.
    pub situaties: Vec<String>,
    /// Hundredths of a percent of the pillar-2 share, for `per-doelgroep`.
    pub aandeel: Option<i64>,
    pub voorwaarden: Vec<String>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanWegingskader {
    pub naam: String,
    pub criteria: Vec<PlanCriterium>,
    pub drempels: Vec<PlanDrempel>,
    /// Order applied after the total: earlier entries first; `dossier` is always last.
    pub volgorde: Vec<PlanTieBreak>,
    /// The highest total a candidate can reach.
    pub max_totaal: u32,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCriterium {
    pub code: String,
    pub titel: Option<String>,
    pub kenmerk: Kenmerk,
    pub tabel: PuntenTabel,
    pub min_punten: u32,
    pub max_punten: u32,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "soort")]
pub enum PuntenTabel {
    /// Code → points (woonnood situations, guidance tiers). A code not in the
    /// table, or no code, scores 0.
    #[serde(rename = "codes")]
    Codes { rijen: Vec<CodeRij> },
    /// Amount brackets per household type, inclusive ceilings; the bracket
    /// with the lowest ceiling that holds the amount gives its points; above
    /// every ceiling, or an unknown income, gives `anders`. A ceiling written
    /// as "leefloon + X" follows the leefloon in force on the reference date
    /// ([`BedragRij::ceiling_on`]).
    #[serde(rename = "bedragen")]
    Bedragen {
        rijen: Vec<BedragRij>,
        anders: u32,
        /// The leefloon per period, for ceilings written as "leefloon + X".
        leefloon: Vec<LeefloonPeriode>,
    },
    /// Count → points; `tot: null` means "or more". Rows are disjoint.
    #[serde(rename = "aantallen")]
    Aantallen { rijen: Vec<AantalRij> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRij {
    pub code: String,
    pub omschrijving: Option<String>,
    pub groep: Option<String>,
    /// `null`: known but never scored (e.g. only through a social report).
    pub punten: Option<u32>,
    /// The reglement's note on the points, e.g. why a situation is never
    /// scored ("enkel via een gemotiveerd sociaal verslag"); the engine
    /// quotes it when it excludes a candidate for that reason.
    #[serde(default)]
    pub toelichting: Option<String>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BedragRij {
    pub gezinstype: Household,
    pub categorie: u32,
    /// Inclusive ceiling in euro cents on the reglement's date of validity.
    pub plafond_cent: i64,
    /// For a ceiling written as "leefloon + X": X in euro cents.
    pub leefloon_plus_cent: Option<i64>,
    pub punten: u32,
    pub herkomst: Herkomst,
}

/// The monthly leefloon from a date on, per household type, in euro cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeefloonPeriode {
    pub vanaf: chrono::NaiveDate,
    pub alleenstaande_cent: Option<i64>,
    pub gezin_cent: Option<i64>,
}

impl BedragRij {
    /// The inclusive ceiling in cents on `date`: leefloon in force then plus
    /// the supplement when the row is written that way and a leefloon is
    /// known for that date, else the ceiling as compiled.
    pub fn ceiling_on(&self, leefloon: &[LeefloonPeriode], date: chrono::NaiveDate) -> i64 {
        let Some(plus) = self.leefloon_plus_cent else {
            return self.plafond_cent;
        };
        let base = leefloon
            .iter()
            .filter(|p| p.vanaf <= date)
            .max_by_key(|p| p.vanaf)
            .and_then(|p| match self.gezinstype {
                Household::Alleenstaande => p.alleenstaande_cent,
                Household::Gezin => p.gezin_cent,
            });
        match base {
            Some(b) => b + plus,
            None => self.plafond_cent,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AantalRij {
    pub van: u64,
    /// Inclusive; `null` = "of meer".
    pub tot: Option<u64>,
    pub punten: u32,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDrempel {
    pub minimum: u32,
    /// The criteria that must each reach `minimum`; empty = the total must.
    pub criteria: Vec<String>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "soort")]
pub enum PlanTieBreak {
    /// Earlier registration date first.
    #[serde(rename = "inschrijvingsdatum")]
    Inschrijvingsdatum,
    /// More points on this criterion first.
    #[serde(rename = "meeste-punten")]
    MeestePunten { criterium: String },
}

/// Pillar 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDoelgroepen {
    pub lokale_binding: bool,
    pub groepen: Vec<PlanP3Doelgroep>,
    pub voorbehouden: Vec<PlanVoorbehouden>,
    pub herkomst: Herkomst,
    /// How the numbers of `voorbehouden` are read (`quotum: …`, issue 15);
    /// `null` when the reglement does not say (R0285): the simulation then
    /// reads them as allocations per year and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotum: Option<PlanQuotum>,
}

/// How a number of reserved dwellings is read (issue 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlanQuotum {
    /// N allocations per calendar year that any suitable dwelling may fill.
    PerJaar,
    /// N dwellings held for the group: a place opens when one of them
    /// becomes vacant (the simulation: N times the year's turnover).
    Voorraad,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanP3Doelgroep {
    pub code: String,
    pub titel: Option<String>,
    /// The legal category, or `null` for a local target group.
    pub wettelijke_doelgroep: Option<String>,
    pub ministeriele_toetsing: bool,
    pub begeleiding_maanden: Option<u32>,
    pub verwijzers: Vec<String>,
    /// For a gemeente's own target group: that gemeente.
    pub gemeente: Option<String>,
    pub herkomst: Herkomst,
    /// `leeftijd minstens N jaar`: membership by age on the reference date
    /// (then no attest is asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leeftijd: Option<PlanLeeftijd>,
    /// `eerst de oudsten`: the order within the group by age steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oudsten_eerst: Option<PlanOudstenEerst>,
    /// Dwellings named in the reglement as reserved for this group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub woningen: Vec<PlanWoningenLijst>,
    /// Where a reserved dwelling goes when no candidate of the group takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zonder_kandidaat: Option<PlanZonderKandidaat>,
    /// `capaciteit: 10 trajecten per jaar, daarna doelgroep doorstromer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capaciteit: Option<PlanCapaciteit>,
    /// `geen begeleidingsovereenkomst`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub geen_begeleiding: bool,
    /// Conditions written only in words: not executed, the officer checks them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voorwaarden: Vec<String>,
}

/// An age condition: at least `minimum` whole years on the reference date
/// (the dwelling's allocation date), for one adult or for all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanLeeftijd {
    pub minimum: u32,
    pub wie: AgeOf,
    /// `, of een attest`: an attest for the group makes a member too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub of_attest: bool,
    pub herkomst: Herkomst,
}

/// The oldest first: step 0 is `vanaf` years or older, then steps of
/// `stap` years down to `ondergrens` (the group's minimum age, or 18),
/// younger ages in the last of them; unknown ages after every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanOudstenEerst {
    pub vanaf: u32,
    /// `None`: one step (`vanaf` or older), then the rest.
    pub stap: Option<u32>,
    pub ondergrens: u32,
    pub herkomst: Herkomst,
}

impl PlanOudstenEerst {
    /// Its age steps.
    pub fn steps_def(&self) -> AgeSteps {
        AgeSteps {
            vanaf: self.vanaf,
            stap: self.stap,
            ondergrens: self.ondergrens,
        }
    }

    /// See [`AgeSteps::steps`].
    pub fn steps(&self) -> u32 {
        self.steps_def().steps()
    }

    /// See [`AgeSteps::step_of`].
    pub fn step_of(&self, age: u32) -> u32 {
        self.steps_def().step_of(age)
    }

    /// See [`AgeSteps::label`].
    pub fn label(&self, step: u32) -> String {
        self.steps_def().label(step)
    }
}

/// The age steps of `eerst de oudsten`, one place for the engine, the
/// checks and the published text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeSteps {
    pub vanaf: u32,
    pub stap: Option<u32>,
    pub ondergrens: u32,
}

impl AgeSteps {
    /// The number of steps for a known age (the unknown age is one more).
    pub fn steps(&self) -> u32 {
        match self.stap {
            None | Some(0) => 2,
            Some(s) => {
                1 + self
                    .vanaf
                    .saturating_sub(self.ondergrens)
                    .div_ceil(s)
                    .max(1)
            }
        }
    }

    /// The step of an age: 0 for `vanaf` or older, then one per `stap`
    /// years younger, the youngest ages in the last step.
    pub fn step_of(&self, age: u32) -> u32 {
        if age >= self.vanaf {
            return 0;
        }
        let last = self.steps() - 1;
        match self.stap {
            None | Some(0) => 1,
            Some(s) => (1 + (self.vanaf - 1 - age) / s).min(last),
        }
    }

    /// The ages of a step as a person reads them: "80 jaar of ouder",
    /// "75 tot en met 79 jaar", the last one down to the floor ("65 tot en
    /// met 69 jaar"; without an age condition "24 jaar of jonger"),
    /// without steps "jonger dan 80 jaar".
    pub fn label(&self, step: u32) -> String {
        let last = self.steps() - 1;
        match (step, self.stap) {
            (0, _) => format!("{} jaar of ouder", self.vanaf),
            (_, None | Some(0)) => format!("jonger dan {} jaar", self.vanaf),
            (k, Some(s)) => {
                let hi = self.vanaf.saturating_sub(1 + (k - 1) * s);
                let lo = self
                    .vanaf
                    .saturating_sub(k * s)
                    .max(self.ondergrens)
                    .min(hi);
                match (k >= last, lo == hi) {
                    // the last step also holds whoever is younger than the floor
                    (true, _) if self.ondergrens <= 18 => format!("{hi} jaar of jonger"),
                    (_, true) => format!("{hi} jaar"),
                    _ => format!("{lo} tot en met {hi} jaar"),
                }
            }
        }
    }
}

/// Named reserved dwellings in one gemeente (the `woning` column of a
/// dwellings file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanWoningenLijst {
    pub gemeente: String,
    pub woningen: Vec<String>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanZonderKandidaat {
    pub naar: Doorverwijzing,
    pub herkomst: Herkomst,
}

/// At most `per_jaar` allocations to the group in a calendar year (the
/// Kempen Housing First team starts about 10 trajectories a year); once
/// reached, the group's reserved dwellings go `daarna` (the simulation
/// counts its own allocations of the year; `rangschik --al-toegewezen N`
/// gives the count for one dwelling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCapaciteit {
    pub per_jaar: u32,
    pub daarna: Doorverwijzing,
    pub herkomst: Herkomst,
}

/// Where a reserved dwelling goes when no candidate of its group takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "soort")]
pub enum Doorverwijzing {
    /// The standaardtoewijzing (pijler 1) for that dwelling.
    #[serde(rename = "standaardtoewijzing")]
    Standaardtoewijzing,
    /// Another target group of pijler 3.
    #[serde(rename = "doelgroep")]
    Doelgroep { code: String },
    /// The dwelling stays reserved (unallocated).
    #[serde(rename = "blijft-voorbehouden")]
    BlijftVoorbehouden,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanVoorbehouden {
    pub gemeente: String,
    pub per_doelgroep: BTreeMap<String, u64>,
    pub totaal: u64,
    /// One third of the dwellings in the gemeente, rounded down (C7).
    pub plafond: u64,
}

/// Pillar 4: tagged kinds, outside the shares and the pillar-2 base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanBijzonder {
    pub code: String,
    pub soort: Pillar4Tag,
    pub titel: Option<String>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanBezetting {
    pub slaapkamers: u32,
    pub min_personen: u32,
    pub max_personen: u32,
    pub herkomst: Herkomst,
}

/// The plan as pretty JSON with a final newline: byte-identical for the
/// same plan (field order is the struct order, maps are sorted).
pub fn to_json(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema of the plan.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Plan);
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}
