//! The typed syntax tree of a `.reglement` file, with byte spans.
//!
//! The tree mirrors what the drafter wrote, nothing is resolved or checked
//! here: names are plain strings with their spans, numbers are exact
//! (amounts and percentages in hundredths), single statements that were
//! written twice are kept in `Vec`s so that the checks can point at both.

use crate::span::{Span, Spanned};
use chrono::NaiveDate;

/// The shared kinds (documents, household types, whose age counts, pillar
/// 4) live in the vocabulary at the bottom of the stack, with their wire
/// names; the tree names them as the drafter wrote them.
pub use crate::vocab::{AgeOf, DocumentKind, Household, Pillar4Tag};

pub type Name = Spanned<String>;
pub type Text = Spanned<String>;

/// An exact decimal in hundredths: `1.379,13` is 137913, `20%` is 2000.
pub type Hundredths = i64;

#[derive(Debug, Clone, Default)]
pub struct Ast {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub span: Span,
    /// The span of the section keyword(s) and its name, for outlines and hovers.
    pub header: Span,
    pub article: Option<Text>,
    pub title: Option<Text>,
    pub documents: Vec<Spanned<DocumentKind>>,
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    /// Annexed notes (`bijlage "…"`), printed with the section.
    pub annexes: Vec<Text>,
    /// The toewijzingsraad's stated readings (`lezing "…" als "…"`).
    pub readings: Vec<Reading>,
    pub body: SectionBody,
}

/// `lezing "what the source says" als "how the toewijzingsraad reads it"
/// motivering "…"`: an open question of a source, decided explicitly.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The words of the source that can be read two ways.
    pub quote: Text,
    /// The reading the toewijzingsraad chose.
    pub reading: Text,
    pub motivation: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum SectionBody {
    Reglement(Identity),
    Regio(Regio),
    Werkingsgebied(Werkingsgebied),
    Historiek(Historiek),
    Standaard(Standaard),
    Versneld(Versneld),
    Wegingskader(Wegingskader),
    Doelgroepen(Doelgroepen),
    Verdeelsleutel(Verdeelsleutel),
    Bijzonder(Bijzonder),
    Bezetting(Bezetting),
    Gemeente(GemeenteSectie),
    Amendement(Amendement),
    Test(TestCase),
    Evaluatie(Evaluatie),
}

/// The kind of a section, as the drafter names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Reglement,
    Regio,
    Werkingsgebied,
    Historiek,
    Standaard,
    Versneld,
    Wegingskader,
    Doelgroepen,
    Verdeelsleutel,
    Bijzonder,
    Bezetting,
    Gemeente,
    Amendement,
    Test,
    Evaluatie,
}

impl SectionKind {
    /// The keyword(s) that open the section.
    pub fn keyword(self) -> &'static str {
        match self {
            SectionKind::Reglement => "reglement",
            SectionKind::Regio => "regio",
            SectionKind::Werkingsgebied => "werkingsgebied",
            SectionKind::Historiek => "toewijzingshistoriek",
            SectionKind::Standaard => "standaardtoewijzing",
            SectionKind::Versneld => "versnelde toewijzing",
            SectionKind::Wegingskader => "wegingskader",
            SectionKind::Doelgroepen => "specifieke doelgroepen",
            SectionKind::Verdeelsleutel => "verdeelsleutel",
            SectionKind::Bijzonder => "bijzondere toewijzingen",
            SectionKind::Bezetting => "rationele bezetting",
            SectionKind::Gemeente => "gemeente",
            SectionKind::Amendement => "amendement",
            SectionKind::Test => "test",
            SectionKind::Evaluatie => "evaluatie",
        }
    }
    pub const ALL: [SectionKind; 15] = [
        SectionKind::Reglement,
        SectionKind::Regio,
        SectionKind::Werkingsgebied,
        SectionKind::Historiek,
        SectionKind::Standaard,
        SectionKind::Versneld,
        SectionKind::Wegingskader,
        SectionKind::Doelgroepen,
        SectionKind::Verdeelsleutel,
        SectionKind::Bijzonder,
        SectionKind::Bezetting,
        SectionKind::Gemeente,
        SectionKind::Amendement,
        SectionKind::Test,
        SectionKind::Evaluatie,
    ];
}

impl SectionBody {
    pub fn kind(&self) -> SectionKind {
        match self {
            SectionBody::Reglement(_) => SectionKind::Reglement,
            SectionBody::Regio(_) => SectionKind::Regio,
            SectionBody::Werkingsgebied(_) => SectionKind::Werkingsgebied,
            SectionBody::Historiek(_) => SectionKind::Historiek,
            SectionBody::Standaard(_) => SectionKind::Standaard,
            SectionBody::Versneld(_) => SectionKind::Versneld,
            SectionBody::Wegingskader(_) => SectionKind::Wegingskader,
            SectionBody::Doelgroepen(_) => SectionKind::Doelgroepen,
            SectionBody::Verdeelsleutel(_) => SectionKind::Verdeelsleutel,
            SectionBody::Bijzonder(_) => SectionKind::Bijzonder,
            SectionBody::Bezetting(_) => SectionKind::Bezetting,
            SectionBody::Gemeente(_) => SectionKind::Gemeente,
            SectionBody::Amendement(_) => SectionKind::Amendement,
            SectionBody::Test(_) => SectionKind::Test,
            SectionBody::Evaluatie(_) => SectionKind::Evaluatie,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ontwerp,
    Goedgekeurd,
}

#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub woonmaatschappij: Vec<Text>,
    pub afkorting: Option<Name>,
    pub toewijzingsraad: Vec<Text>,
    pub versie: Vec<Text>,
    pub geldig: Vec<Validity>,
    pub status: Vec<Spanned<Status>>,
    pub regio: Vec<Text>,
    /// `gebruikt intern huurreglement "…"`: the other documents of the
    /// woonmaatschappij this one is checked and applied with.
    pub uses: Vec<DocumentUse>,
    /// `vergaderingen: …`: the meetings of the toewijzingsraad on it.
    pub meetings: Vec<Spanned<Vec<Spanned<NaiveDate>>>>,
    /// `gemeenteraad NAAM DATUM zonder|met amendement`: each gemeenteraad's decision.
    pub decisions: Vec<GemeenteraadBesluit>,
    /// `begrip "…": "…"`: a term the reglement defines itself.
    pub terms: Vec<Term>,
}

/// Another document of the same woonmaatschappij, named by its file.
#[derive(Debug, Clone)]
pub struct DocumentUse {
    pub kind: Spanned<DocumentKind>,
    pub file: Text,
    pub span: Span,
}

/// A gemeenteraad's decision on the draft, as the final reglement records it.
#[derive(Debug, Clone)]
pub struct GemeenteraadBesluit {
    pub gemeente: Name,
    pub date: Spanned<NaiveDate>,
    /// Whether the gemeenteraad amended the draft.
    pub amended: bool,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Validity {
    pub from: Spanned<NaiveDate>,
    pub until: Option<Spanned<NaiveDate>>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Regio {
    pub woonmaatschappijen: Vec<Name>,
    pub versie: Vec<Text>,
    pub geldig: Vec<Validity>,
    /// `begeleidingsovereenkomst verplicht voor specifieke doelgroepen`: the
    /// frame requires a guidance agreement in every pillar-3 group (R0211).
    pub guidance_required: Vec<Span>,
    /// `lokaal: …`: what a member may change in the frame's wegingskader
    /// with a wegingskader of its own.
    pub freedom: Vec<Freedom>,
    /// `verdeling: standaardtoewijzing minimaal 50%, versnelde toewijzing 20%`:
    /// the frame's shares of the pillars (issue 16).
    pub verdeling: Vec<RegioVerdeling>,
    /// `begrip "…": "…" bron "…"`: the shared begrippenlijst.
    pub terms: Vec<Term>,
    /// `aangenomen door …` / `nog niet aangenomen door …`: who adopted the frame.
    pub adoptions: Vec<Adoption>,
}

/// Who adopted a regional frame, and when (`None`: not yet, as stated).
#[derive(Debug, Clone)]
pub struct Adoption {
    pub role: Spanned<Adopter>,
    pub name: Name,
    pub date: Option<Spanned<NaiveDate>>,
    pub span: Span,
}

/// The kinds of partner that adopt a regional frame: in the Kempen the
/// toewijzingsraden and the welfare partners, in Drenthe the corporations
/// and the tenants' organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Adopter {
    Toewijzingsraad,
    Welzijnspartner,
    Huurdersorganisatie,
    Corporatie,
}

impl Adopter {
    /// The keyword, as a reader sees it.
    pub fn label(self) -> &'static str {
        match self {
            Adopter::Toewijzingsraad => "toewijzingsraad",
            Adopter::Welzijnspartner => "welzijnspartner",
            Adopter::Huurdersorganisatie => "huurdersorganisatie",
            Adopter::Corporatie => "corporatie",
        }
    }
}

/// A term of a begrippenlijst, with its definition and where it comes from.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: Text,
    pub definition: Text,
    pub source: Option<Text>,
    pub span: Span,
}

/// One `lokaal` statement of a regional frame.
#[derive(Debug, Clone)]
pub struct Freedom {
    pub kind: FreedomKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum FreedomKind {
    /// `punten per criterium maximaal N meer of minder`: each row may give
    /// at most N points more or fewer than the frame's row.
    Points(Spanned<u64>),
    /// `drempel`: the member may set its own drempel.
    Threshold,
    /// `verdeling`: the member may set its own shares of the pillars,
    /// within the legal bounds.
    Verdeling,
}

/// The frame's `verdeling: …` statement: a share per pillar.
#[derive(Debug, Clone)]
pub struct RegioVerdeling {
    pub shares: Vec<PillarShare>,
    pub span: Span,
}

/// `standaardtoewijzing minimaal 50%` or `versnelde toewijzing 20%`.
#[derive(Debug, Clone)]
pub struct PillarShare {
    /// 1 (standaardtoewijzing) or 2 (versnelde toewijzing).
    pub pillar: Spanned<u8>,
    pub share: Share,
}

#[derive(Debug, Clone, Default)]
pub struct Werkingsgebied {
    pub gemeenten: Vec<GemeenteRow>,
    pub deelgebieden: Vec<Deelgebied>,
    pub totaal: Vec<Spanned<u64>>,
    /// Written as `deelwerkingsgebied "Naam" { … }`: the reglement's area is
    /// this deelwerkingsgebied (named by the section's title), not the whole
    /// werkingsgebied. The span is the keyword's.
    pub deelgebied: Option<Span>,
    /// In a deelwerkingsgebied: `werkingsgebied "…"`, the whole it is part of.
    pub parent: Vec<Name>,
}

#[derive(Debug, Clone)]
pub struct GemeenteRow {
    pub name: Name,
    /// The social rental dwellings in the gemeente; 0 when `woningen N` is
    /// not written (see `stated`).
    pub woningen: Spanned<u64>,
    /// Whether `woningen N` is written: a toewijzingsreglement may name its
    /// gemeenten without the patrimony, which the woonmaatschappij states.
    pub stated: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Deelgebied {
    pub name: Name,
    pub gemeenten: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Historiek {
    pub rows: Vec<HistoriekRow>,
}

#[derive(Debug, Clone)]
pub struct HistoriekRow {
    pub year: Spanned<i32>,
    pub allocations: Spanned<u64>,
    /// Allocations left out of the pillar-2 base, by pillar-4 kind.
    pub excluded: Vec<(Spanned<u64>, Name)>,
    pub span: Span,
}

/// `evaluatie`: indicators with a target over a period, and who evaluates when.
#[derive(Debug, Clone, Default)]
pub struct Evaluatie {
    pub indicators: Vec<Indicator>,
    pub evaluators: Vec<EvaluatorRow>,
}

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorKind {
    /// The share of pijler N (1–3) of the allocations of pijler 1–3.
    Aandeel(u32),
    /// The median waiting time of pijler N, registration to allocation.
    Wachttijd(u32),
    /// The share of candidates with a confirmed urgent need not reached.
    DringendNietBereikt,
}

/// The unit a target is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetUnit {
    /// Hundredths of a percent.
    Procent,
    /// Days (as hundredths: `value / 100` days).
    Dagen,
}

/// `indicator aandeel pijler 2: doel 20% per 12 maanden`.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub kind: Spanned<IndicatorKind>,
    pub bound: Bound,
    /// Hundredths (of a percent, or of a day).
    pub target: Spanned<Hundredths>,
    pub unit: TargetUnit,
    pub months: Spanned<u32>,
    pub span: Span,
}

/// "het aandeel van pijler 2", "de mediane wachttijd in pijler 1", …
pub fn indicator_name(k: IndicatorKind) -> String {
    match k {
        IndicatorKind::Aandeel(n) => {
            format!("het aandeel van pijler {n} in de toewijzingen van pijler 1 tot 3")
        }
        IndicatorKind::Wachttijd(n) => {
            format!("de mediane wachttijd in pijler {n}, van inschrijving tot toewijzing")
        }
        IndicatorKind::DringendNietBereikt => {
            "het aandeel kandidaten met een bevestigde dringende woonnood dat niet bereikt werd"
                .to_string()
        }
    }
}

/// "minstens 50%", "hoogstens 730 dagen", "20%".
pub fn target_text(i: &Indicator) -> String {
    let value = match i.unit {
        TargetUnit::Procent => crate::nl::percent(i.target.value),
        TargetUnit::Dagen => format!(
            "{} dagen",
            crate::nl::thousands((i.target.value / 100) as u64)
        ),
    };
    match i.bound {
        Bound::Minimaal => format!("minstens {value}"),
        Bound::Maximaal => format!("hoogstens {value}"),
        Bound::Exact => value,
    }
}

/// Who evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evaluator {
    Toewijzingsraad,
    LokaalWoonoverleg,
    RegionaleWerkgroep,
}

impl Evaluator {
    pub fn label(self) -> &'static str {
        match self {
            Evaluator::Toewijzingsraad => "de toewijzingsraad",
            Evaluator::LokaalWoonoverleg => "het lokaal woonoverleg",
            Evaluator::RegionaleWerkgroep => "de regionale werkgroep",
        }
    }
}

/// `door lokaal woonoverleg elke 12 maanden`.
#[derive(Debug, Clone)]
pub struct EvaluatorRow {
    pub who: Spanned<Evaluator>,
    pub months: Spanned<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Minimaal,
    Maximaal,
    Exact,
}

#[derive(Debug, Clone)]
pub struct Share {
    pub bound: Bound,
    pub percent: Spanned<Hundredths>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct BindingRule {
    pub years: Spanned<u32>,
    pub window: Spanned<u32>,
    /// `ononderbroken` was written: one uninterrupted run of `years`;
    /// otherwise the days lived in the window add up.
    pub uninterrupted: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Standaard {
    pub aandeel: Vec<Share>,
    pub rangorde: Vec<Rangorde>,
    pub lokale_binding: Vec<Spanned<bool>>,
    /// `geen strengere woonbinding { motivering … }`.
    pub no_stricter: Vec<NoStricter>,
}

/// `geen strengere woonbinding`, with its reasons and annexed notes.
#[derive(Debug, Clone)]
pub struct NoStricter {
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    pub annexes: Vec<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Rangorde {
    pub tiers: Vec<Tier>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub number: Option<Spanned<u32>>,
    pub kind: TierKind,
    pub motivation: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TierKind {
    Strenger,
    Woonbinding {
        scope: Spanned<BindingScope>,
        rule: Option<BindingRule>,
        consensus: Option<Consensus>,
    },
    Mantelzorg,
    Chronologie,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingScope {
    Gemeente,
    Werkingsgebied,
    Deelwerkingsgebied(Name),
}

#[derive(Debug, Clone)]
pub struct Consensus {
    /// Each gemeente's decision (`consensus { Gemeente DATUM … }`).
    pub rows: Vec<ConsensusRow>,
    /// `consensus toewijzingsraad DATUM "…"`: recorded as the raad's decision.
    pub raad: Option<Box<CouncilDecision>>,
    /// `mits consensus`: proposed, the consensus still being gathered.
    pub pending: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConsensusRow {
    pub gemeente: Name,
    pub date: Spanned<NaiveDate>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdeling {
    Gezamenlijk,
    PerDoelgroep,
}

#[derive(Debug, Clone, Default)]
pub struct Versneld {
    pub aandeel: Vec<Share>,
    pub basis: Vec<Basis>,
    pub wegingskader: Vec<Name>,
    pub verdeling: Vec<Spanned<Verdeling>>,
    pub groups: Vec<P2Group>,
    pub lokale_binding: Vec<Spanned<bool>>,
    /// `knipperlicht: enkel met begeleidingsovereenkomst`: a candidate with
    /// the knipperlicht is allocated only with a begeleidingsovereenkomst.
    pub knipperlicht: Vec<Span>,
    /// `sociaal verslag: vooraan|achteraan` (issue 15.3).
    pub sociaal_verslag: Vec<Spanned<VerslagPlaats>>,
}

#[derive(Debug, Clone)]
pub struct Basis {
    pub years: Spanned<u32>,
    pub without: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct P2Group {
    pub code: Name,
    pub title: Option<Text>,
    pub legal_group: Vec<Name>,
    pub situations: Vec<Name>,
    pub aandeel: Vec<Share>,
    pub conditions: Vec<Text>,
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Wegingskader {
    pub name: Name,
    pub criteria: Vec<Criterion>,
    pub thresholds: Vec<Threshold>,
    pub tiebreaks: Vec<Spanned<Vec<Spanned<TieBreak>>>>,
    pub lokale_binding: Vec<Spanned<bool>>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub code: Name,
    pub article: Option<Text>,
    pub title: Option<Text>,
    pub input: Option<Name>,
    pub leefloon: Vec<LeefloonStmt>,
    pub situations: Vec<SituationRow>,
    pub brackets: Vec<BracketRow>,
    pub counts: Vec<CountRow>,
    pub otherwise: Vec<(Points, Span)>,
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Points {
    /// `None` for "geen punten": the situation is known but never scored.
    pub value: Option<u32>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct SituationRow {
    pub code: Name,
    pub description: Option<Text>,
    pub group: Option<Text>,
    pub points: Points,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct LeefloonStmt {
    pub from: Spanned<NaiveDate>,
    pub amounts: Vec<(Spanned<Household>, Spanned<Hundredths>)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct BracketRow {
    pub household: Spanned<Household>,
    pub category: Spanned<u32>,
    pub ceiling: Ceiling,
    pub points: Points,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Ceiling {
    /// The stated maximum amount (inclusive), in cents.
    pub amount: Option<Spanned<Hundredths>>,
    /// The stated "leefloon + X", X in cents.
    pub leefloon_plus: Option<Spanned<Hundredths>>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountUpper {
    Exactly,
    Upto(u64),
    OrMore,
}

#[derive(Debug, Clone)]
pub struct CountRow {
    pub from: Spanned<u64>,
    pub upper: CountUpper,
    pub points: Points,
    pub span: Span,
}

impl CountRow {
    /// The inclusive range this row covers; `None` as upper bound for "of meer".
    pub fn range(&self) -> (u64, Option<u64>) {
        match self.upper {
            CountUpper::Exactly => (self.from.value, Some(self.from.value)),
            CountUpper::Upto(to) => (self.from.value, Some(to)),
            CountUpper::OrMore => (self.from.value, None),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Threshold {
    pub article: Option<Text>,
    pub minimum: Spanned<u32>,
    pub scope: ThresholdScope,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ThresholdScope {
    Criteria(Vec<Name>),
    Total,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieBreak {
    Inschrijvingsdatum,
    MostPoints(Name),
}

#[derive(Debug, Clone, Default)]
pub struct Doelgroepen {
    pub lokale_binding: Vec<Spanned<bool>>,
    pub verdeelsleutel: Vec<Name>,
    pub groups: Vec<P3Group>,
    pub reserved: Vec<Table>,
    pub guidance: Vec<Guidance>,
    /// `geen begeleidingsovereenkomst` for every group of the section.
    pub no_guidance: Vec<Span>,
    pub referrers: Vec<Text>,
    /// `bestaande voorbehouden woningen …` (issue 15.3).
    pub existing: Vec<Existing>,
    /// `quotum: toewijzingen per jaar` or `quotum: voorraad`: how the
    /// numbers of `voorbehouden woningen` are read (issue 15, R0285).
    pub quotum: Vec<Spanned<Quotum>>,
}

/// How a number of reserved dwellings is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotum {
    /// `quotum: toewijzingen per jaar`: N allocations per calendar year
    /// that any suitable dwelling may fill.
    PerJaar,
    /// `quotum: voorraad`: N dwellings held for the group; a place opens
    /// when one of them becomes vacant.
    Voorraad,
}

#[derive(Debug, Clone)]
pub struct P3Group {
    pub code: Name,
    pub title: Option<Text>,
    pub category: Vec<Spanned<Category>>,
    pub guidance: Vec<Guidance>,
    /// `geen begeleidingsovereenkomst`.
    pub no_guidance: Vec<Span>,
    pub referrers: Vec<Text>,
    /// `voorwaarde "..."`: prose only, not executed (R0235).
    pub conditions: Vec<Text>,
    /// `leeftijd minstens N jaar ...`.
    pub age: Vec<AgeCondition>,
    /// `eerst de oudsten: N jaar en ouder, dan telkens M jaar jonger`.
    pub oldest_first: Vec<OldestFirst>,
    /// `voorbehouden woningen in GEMEENTE: W1, W2, ...`.
    pub dwellings: Vec<NamedDwellings>,
    /// `zonder kandidaat: ...`.
    pub fallback: Vec<Spanned<Fallback>>,
    /// `capaciteit: N trajecten per jaar, daarna ...`.
    pub capacity: Vec<Capacity>,
    /// `doelgroepenplan { ... }`: the need, in words and figures.
    pub plan: Vec<Doelgroepenplan>,
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    pub span: Span,
}

/// `doelgroepenplan { behoefte "…" cijfer N "wat" bron "…" motivering "…" }`
/// inside a local target group: what the plan that goes to the minister
/// says beyond what the group already states (its conditions, dwellings,
/// referrers, guidance, capacity and fallback, and the `evaluatie` section).
#[derive(Debug, Clone)]
pub struct Doelgroepenplan {
    /// `behoefte "…"`: the need the group answers, in words.
    pub needs: Vec<Text>,
    /// `cijfer N "wat" bron "…"`.
    pub figures: Vec<Figure>,
    pub annexes: Vec<Text>,
    pub motivations: Vec<Text>,
    pub descriptions: Vec<Text>,
    /// The `doelgroepenplan` keyword.
    pub keyword: Span,
    pub span: Span,
}

/// A figure of a doelgroepenplan, with what it counts and its source.
#[derive(Debug, Clone)]
pub struct Figure {
    pub value: Spanned<FigureValue>,
    pub what: Text,
    pub source: Text,
    pub span: Span,
}

/// A count (`563`) or a percentage (`19,8%`, in hundredths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureValue {
    Count(u64),
    Percent(Hundredths),
}

/// `capaciteit: 10 trajecten per jaar, daarna doelgroep doorstromer`: at
/// most `per_year` allocations to the group in a calendar year; after that
/// its dwellings go where `then` says (none said: they stay reserved).
#[derive(Debug, Clone)]
pub struct Capacity {
    pub per_year: Spanned<u32>,
    pub then: Option<Spanned<Fallback>>,
    pub span: Span,
}

/// `leeftijd minstens 65 jaar op de datum van toewijzing, ...`: the age in
/// whole years on the ranking's reference date.
#[derive(Debug, Clone)]
pub struct AgeCondition {
    pub minimum: Spanned<u32>,
    /// `op de datum van toewijzing` written (the engine always counts the
    /// age on the ranking's reference date; the published text says what
    /// the drafter wrote).
    pub at_allocation: bool,
    /// `None` when the statement does not say (read as one adult, R0236).
    pub of: Option<Spanned<AgeOf>>,
    /// The words the drafter used for it, for the published text.
    pub of_words: Option<String>,
    /// `, of een attest`: an attest for the group makes a member too.
    pub or_attest: bool,
    pub span: Span,
}

/// `eerst de oudsten: 80 jaar en ouder, dan telkens 5 jaar jonger`.
#[derive(Debug, Clone)]
pub struct OldestFirst {
    /// The first step: this age or older.
    pub from: Spanned<u32>,
    /// The width of each next step, in years; `None`: one step, then the rest.
    pub step: Option<Spanned<u32>>,
    pub span: Span,
}

/// `voorbehouden woningen in Middelkerke: "Havenzijde 132", ...`.
#[derive(Debug, Clone)]
pub struct NamedDwellings {
    /// `None` in a gemeente section (its own gemeente).
    pub gemeente: Option<Name>,
    pub dwellings: Vec<Name>,
    pub span: Span,
}

/// Where a reserved dwelling goes when no candidate of the group takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// To the standaardtoewijzing (pijler 1).
    Standaard,
    /// To another target group of pijler 3.
    Doelgroep(Name),
    /// It stays reserved (and unallocated).
    BlijftVoorbehouden,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Category {
    Legal(Name),
    Local { review: bool },
}

#[derive(Debug, Clone)]
pub struct Guidance {
    pub months: Spanned<u32>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Name>,
    pub rows: Vec<TableRow>,
    pub totals: Vec<TableRow>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub name: Name,
    pub values: Vec<Spanned<u64>>,
    /// `buiten het totaal`: the row is not part of the stated total.
    pub outside_total: Option<OutsideTotal>,
    pub span: Span,
}

/// `buiten het totaal motivering "…"` on a row of a table.
#[derive(Debug, Clone)]
pub struct OutsideTotal {
    pub motivation: Option<Text>,
    pub span: Span,
}

impl Table {
    /// The rows that the stated total covers (not `buiten het totaal`).
    pub fn counted_rows(&self) -> impl Iterator<Item = &TableRow> {
        self.rows.iter().filter(|r| r.outside_total.is_none())
    }
}

#[derive(Debug, Clone)]
pub struct Verdeelsleutel {
    pub name: Name,
    pub table: Table,
}

#[derive(Debug, Clone, Default)]
pub struct Bijzonder {
    pub kinds: Vec<Pillar4Kind>,
}

#[derive(Debug, Clone)]
pub struct Pillar4Kind {
    pub tag: Pillar4Tag,
    pub code: Name,
    pub title: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Bezetting {
    pub rows: Vec<BezettingRow>,
}

#[derive(Debug, Clone)]
pub struct BezettingRow {
    pub bedrooms: Spanned<u32>,
    pub min_persons: Spanned<u32>,
    pub max_persons: Spanned<u32>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct GemeenteSectie {
    pub gemeente: Name,
    pub stricter: Vec<BindingRule>,
    /// `geen strengere woonbinding` for this gemeente.
    pub no_stricter: Vec<NoStricter>,
    /// Forms of local binding the 2024 model does not allow, as written
    /// after `strengere woonbinding` (R0221).
    pub forbidden_bindings: Vec<Spanned<ForbiddenBinding>>,
    pub groups: Vec<P3Group>,
    pub applies_to: Vec<Spanned<Vec<Name>>>,
    pub council: Vec<CouncilDecision>,
    /// A woonbinding on the (deel)werkingsgebied for the dwellings in this
    /// gemeente, with the consensus of the gemeenten it needs (C13). Always
    /// a [`TierKind::Woonbinding`].
    pub area_bindings: Vec<Tier>,
    /// Statements a gemeenteraad may not amend, kept so that C15 can name them.
    pub foreign: Vec<Text>,
}

/// A local binding the 2024 model does not allow (docs/regels.md: woonbinding is
/// years of residence in the gemeente, within a window; R0221).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForbiddenBinding {
    /// `sinds de geboorte`.
    SinceBirth,
    /// `ooit N jaar`: years at any time, without a window.
    Ever(u32),
    /// `… of …`: alternatives, one of which suffices.
    Alternatives,
    /// `school in de gemeente`, `schoolgaande kinderen in de gemeente`.
    School,
    /// `werk in de gemeente`.
    Work,
}

/// An amendment by a gemeenteraad: which draft it amends (by its content
/// hash), which gemeente decided, and when. The amended `gemeente` sections
/// follow it in the same file.
#[derive(Debug, Clone, Default)]
pub struct Amendement {
    /// The content hash of the draft (`sha256:…`, see `Sources::content_hash`).
    pub draft: Vec<Text>,
    pub gemeente: Vec<Name>,
    pub council: Vec<CouncilDecision>,
    /// `goedgekeurd zonder amendement`: approved as it is.
    pub unamended: Vec<Span>,
}

#[derive(Debug, Clone)]
pub struct CouncilDecision {
    pub date: Spanned<NaiveDate>,
    pub note: Option<Text>,
    pub span: Span,
}

/// A drafter's test case: candidates, a reference date, the list they are
/// ranked on, and what must come out. The section's title names the test.
#[derive(Debug, Clone, Default)]
pub struct TestCase {
    pub peildatum: Vec<Spanned<NaiveDate>>,
    pub lijst: Vec<Spanned<TestList>>,
    pub candidates: Vec<TestCandidate>,
    pub expectations: Vec<Expectation>,
    /// `volgorde: A, B, C`: these candidates are ranked in this order.
    pub order: Vec<Spanned<Vec<Name>>>,
}

/// The ranking list a test is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestList {
    pub pillar: TestPillar,
    /// The gemeente of the list (pillar 1 and 3; pillar 2 defaults to the
    /// first gemeente of the werkingsgebied, as no lokale binding applies).
    pub gemeente: Option<Name>,
    /// For pillar 3 (and pillar 2 split per target group): the target group.
    pub doelgroep: Option<Name>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestPillar {
    Standaard,
    Versneld,
    Doelgroepen,
}

/// A candidate profile: the fields of a candidates file (docs/gegevens.md), by name.
#[derive(Debug, Clone)]
pub struct TestCandidate {
    pub dossier: Name,
    pub fields: Vec<(Name, Spanned<FieldValue>)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// `1.379,13 euro`, in cents.
    Amount(Hundredths),
    Date(NaiveDate),
    Text(String),
    Integer(u64),
    Codes(Vec<String>),
}

/// What must come out for one candidate.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub dossier: Name,
    pub items: Vec<Spanned<Expect>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// `gerangschikt [als N]`.
    Ranked { rank: Option<u64> },
    /// `uitgesloten [door artikel X]`.
    Excluded { article: Option<String> },
    /// `N punten op CRITERIUM`.
    Points { criterion: String, points: u64 },
    /// `totaal N punten`.
    Total(u64),
}

// ---- existing reserved dwellings and the sociaal verslag (issue 15.3)

/// Where a candidate admitted through an approved sociaal verslag is placed
/// in the pijler-2 ranking (`sociaal verslag: vooraan|achteraan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerslagPlaats {
    /// Before every candidate with points.
    Vooraan,
    /// After every candidate with points.
    Achteraan,
}

/// `bestaande voorbehouden woningen …`: the dwellings already reserved for
/// target groups under earlier decisions, counted in the one-third ceiling.
#[derive(Debug, Clone)]
pub struct Existing {
    pub kind: ExistingKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExistingKind {
    /// Per gemeente: `bestaande voorbehouden woningen { Geel 120 … }`; a row's
    /// values are added up (its columns, if any, name the existing groups).
    PerGemeente(Table),
    /// For the whole woonmaatschappij: a number of dwellings.
    Count(Spanned<u64>),
    /// For the whole woonmaatschappij: hundredths of a percent of its
    /// social rental dwellings (`11,6% van het patrimonium` = 1160).
    Share(Spanned<Hundredths>),
}
