//! The legal parameter set: every number and list that comes from Flemish
//! law, versioned by date of validity. Checks and the engine read them from
//! here and nowhere else.
//!
//! To add a year (new income limits, a changed share), add a `LegalParams`
//! value to [`SETS`] with the date from which it applies.
//!
//! The gemeenten of Flanders and their mergers (2019, 2025) are dated data
//! of their own: [`crate::gemeenten`] (`src/gemeenten/gemeenten.tsv`).

use crate::diagnostic::Confidence;
use crate::nl;
use crate::syntax::ast::{DocumentKind, SectionKind};
use chrono::NaiveDate;
use serde::Serialize;

/// A legal target group: its code in the language, its name and how sure we are.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LegalGroup {
    pub code: &'static str,
    pub name: &'static str,
    pub confidence: Confidence,
}

/// Registration income limits of one year, in euro per year (docs/regels.md).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct IncomeLimits {
    pub year: i32,
    pub single: u32,
    pub single_with_disability: u32,
    pub others: u32,
    pub per_dependant: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegalParams {
    /// The set applies to reglementen valid from this date on.
    pub applies_from: NaiveDate,
    /// Start of the four-pillar model (C18). The VMSW handbook said 2023-10-01.
    pub model_start: NaiveDate,
    /// Pillar 2 share of yearly allocations, in hundredths of a percent (C2).
    pub pillar2_share: i64,
    /// Minimal pillar 1 share, hundredths of a percent (C10).
    pub pillar1_min_share: i64,
    /// Pillar 3: reserved dwellings at most numerator/denominator of the patrimony (C7).
    pub pillar3_max_fraction: (u64, u64),
    /// Default woonbinding: `years` uninterrupted within the last `window` years.
    pub woonbinding_years: u32,
    pub woonbinding_window: u32,
    /// Years averaged for the pillar-2 base (C3).
    pub pillar2_base_years: u32,
    /// Maximum persons per bedroom for rationele bezetting (C16); a studio counts as one room.
    pub max_persons_per_bedroom: u32,
    /// The tiers of the standaardtoewijzing in their legal order (C11).
    pub pillar1_order: &'static [Pillar1Tier],
    /// Which document may hold which section (C1).
    pub section_documents: &'static [(SectionKind, &'static [DocumentKind])],
    pub pillar2_groups: &'static [LegalGroup],
    pub pillar3_groups: &'static [LegalGroup],
    pub income_limits: &'static [IncomeLimits],
}

/// A tier of the standaardtoewijzing (pillar 1), in the legal order (C11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pillar1Tier {
    pub kind: Pillar1TierKind,
    /// Whether the toewijzingsraad may leave it out.
    pub optional: bool,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Pillar1TierKind {
    /// The stricter woonbinding, when a gemeente chose one.
    StrengereWoonbinding,
    /// The legal woonbinding with the gemeente.
    WoonbindingGemeente,
    /// The same with the (deel)werkingsgebied (needs consensus).
    WoonbindingGebied,
    Mantelzorg,
    Inschrijvingsdatum,
}

impl Pillar1TierKind {
    /// How the drafter writes the tier.
    pub fn label(self) -> &'static str {
        match self {
            Pillar1TierKind::StrengereWoonbinding => "strengere woonbinding",
            Pillar1TierKind::WoonbindingGemeente => "woonbinding gemeente",
            Pillar1TierKind::WoonbindingGebied => "woonbinding (deel)werkingsgebied",
            Pillar1TierKind::Mantelzorg => "mantelzorg",
            Pillar1TierKind::Inschrijvingsdatum => "inschrijvingsdatum",
        }
    }
}

use Confidence::{K, V};

const PILLAR1_ORDER: &[Pillar1Tier] = &[
    Pillar1Tier {
        kind: Pillar1TierKind::StrengereWoonbinding,
        optional: true,
        confidence: V,
    },
    Pillar1Tier {
        kind: Pillar1TierKind::WoonbindingGemeente,
        optional: false,
        confidence: V,
    },
    Pillar1Tier {
        kind: Pillar1TierKind::WoonbindingGebied,
        optional: true,
        confidence: V,
    },
    Pillar1Tier {
        kind: Pillar1TierKind::Mantelzorg,
        optional: false,
        confidence: V,
    },
    Pillar1Tier {
        kind: Pillar1TierKind::Inschrijvingsdatum,
        optional: false,
        confidence: V,
    },
];

use DocumentKind::{HuishoudelijkReglement, InternHuurreglement, Toewijzingsreglement};

/// docs/regels.md "De documenten en wie wat goedkeurt": the toewijzingsreglement holds
/// the standaardtoewijzing (with the stricter woonbinding) and the specific
/// target groups; the intern huurreglement the versnelde toewijzing, pillar 4
/// and the rationele bezetting; the huishoudelijk reglement may hold how the
/// raad runs pillar 2 in practice (its weighting frame, the history it
/// counts). Sections not listed (identity, regio, werkingsgebied) belong to
/// every document.
const SECTION_DOCUMENTS: &[(SectionKind, &[DocumentKind])] = &[
    (SectionKind::Standaard, &[Toewijzingsreglement]),
    (SectionKind::Doelgroepen, &[Toewijzingsreglement]),
    (SectionKind::Verdeelsleutel, &[Toewijzingsreglement]),
    (SectionKind::Gemeente, &[Toewijzingsreglement]),
    (SectionKind::Versneld, &[InternHuurreglement]),
    (
        SectionKind::Wegingskader,
        &[InternHuurreglement, HuishoudelijkReglement],
    ),
    (
        SectionKind::Historiek,
        &[InternHuurreglement, HuishoudelijkReglement],
    ),
    (SectionKind::Bijzonder, &[InternHuurreglement]),
    (SectionKind::Bezetting, &[InternHuurreglement]),
];

const PILLAR2_GROUPS: &[LegalGroup] = &[
    LegalGroup {
        code: "dak-en-thuisloos",
        name: "personen die dak- en thuisloos zijn of dat dreigen te worden",
        confidence: V,
    },
    LegalGroup {
        code: "jongere",
        name: "jongeren die met begeleiding zelfstandig wonen of gaan wonen",
        confidence: V,
    },
    LegalGroup {
        code: "geestelijke-gezondheid",
        name: "personen met een geestelijk gezondheidsprobleem",
        confidence: K,
    },
    LegalGroup {
        code: "slechte-huisvesting",
        name: "personen die in slechte huisvesting wonen",
        confidence: K,
    },
    LegalGroup {
        code: "bijzondere-omstandigheden",
        name: "personen in bijzondere omstandigheden van sociale aard",
        confidence: K,
    },
];

const PILLAR3_GROUPS: &[LegalGroup] = &[
    LegalGroup {
        code: "ouderen",
        name: "personen van 65 jaar of ouder (65-plussers)",
        confidence: K,
    },
    LegalGroup {
        code: "jongere",
        name: "jongeren die met begeleiding zelfstandig wonen of gaan wonen",
        confidence: K,
    },
    LegalGroup {
        code: "beperking",
        name: "personen met een fysieke of mentale beperking of handicap",
        confidence: K,
    },
    LegalGroup {
        code: "beschut-wonen",
        name: "personen in beschut wonen of een tewerkstellingsprogramma",
        confidence: K,
    },
    LegalGroup {
        code: "geestelijke-gezondheid",
        name: "personen met een geestelijke gezondheidsproblematiek",
        confidence: K,
    },
    LegalGroup {
        code: "dak-en-thuisloos",
        name: "personen die dak- en thuisloos zijn of dat dreigen te worden",
        confidence: K,
    },
];

const INCOME_LIMITS: &[IncomeLimits] = &[IncomeLimits {
    year: 2024,
    single: 29_515,
    single_with_disability: 31_987,
    others: 44_270,
    per_dependant: 2_475,
}];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // invariant: the literals below are valid dates
    NaiveDate::from_ymd_opt(y, m, d).expect("valid literal date")
}

fn sets() -> Vec<LegalParams> {
    vec![LegalParams {
        applies_from: date(2024, 1, 1),
        model_start: date(2024, 1, 1),
        pillar2_share: 20_00,
        pillar1_min_share: 50_00,
        pillar3_max_fraction: (1, 3),
        woonbinding_years: 5,
        woonbinding_window: 10,
        pillar2_base_years: 5,
        max_persons_per_bedroom: 2,
        pillar1_order: PILLAR1_ORDER,
        section_documents: SECTION_DOCUMENTS,
        pillar2_groups: PILLAR2_GROUPS,
        pillar3_groups: PILLAR3_GROUPS,
        income_limits: INCOME_LIMITS,
    }]
}

/// The parameter set in force on `date`; before the first set, the first set.
pub fn for_date(on: Option<NaiveDate>) -> LegalParams {
    let all = sets();
    let chosen = match on {
        Some(d) => all
            .iter()
            .rev()
            .find(|p| p.applies_from <= d)
            .unwrap_or(&all[0]),
        None => all.last().unwrap_or(&all[0]),
    };
    chosen.clone()
}

impl LegalParams {
    /// The numbers the catalogue's help lines name (`{pijler2}`, …; see
    /// `CodeInfo::help_with`), as this set has them.
    pub fn catalogue_values(&self) -> Vec<(&'static str, String)> {
        let (y, w) = (self.woonbinding_years, self.woonbinding_window);
        vec![
            ("pijler2", nl::percent(self.pillar2_share)),
            ("pijler1", nl::percent(self.pillar1_min_share)),
            ("derde", nl::fraction(self.pillar3_max_fraction)),
            ("basisjaren", nl::number_word(self.pillar2_base_years)),
            ("woonbinding", y.to_string()),
            ("venster", w.to_string()),
            ("speling", w.saturating_sub(y).to_string()),
            ("voorbeeld", (y + 1).to_string()),
            ("per_slaapkamer", self.max_persons_per_bedroom.to_string()),
            ("modelstart", nl::date(self.model_start)),
        ]
    }

    pub fn pillar2_group(&self, code: &str) -> Option<&LegalGroup> {
        self.pillar2_groups.iter().find(|g| g.code == code)
    }
    pub fn pillar3_group(&self, code: &str) -> Option<&LegalGroup> {
        self.pillar3_groups.iter().find(|g| g.code == code)
    }
    /// The documents that may hold a section of this kind; `None` when the
    /// section belongs to every document (identity, werkingsgebied).
    pub fn documents_for(&self, kind: SectionKind) -> Option<&'static [DocumentKind]> {
        self.section_documents
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
    }
    pub fn pillar1_tier(&self, kind: Pillar1TierKind) -> Option<(usize, &Pillar1Tier)> {
        self.pillar1_order
            .iter()
            .enumerate()
            .find(|(_, t)| t.kind == kind)
    }
    pub fn income_limits_for(&self, year: i32) -> Option<&IncomeLimits> {
        self.income_limits.iter().find(|l| l.year == year)
    }
}

#[cfg(test)]
mod tests {
    /// Every `{name}` a catalogue help line names is one the parameter set
    /// fills, so no drafter reads "{pijler2}".
    #[test]
    fn the_catalogue_names_only_numbers_the_set_has() {
        let values = super::for_date(None).catalogue_values();
        for c in crate::diagnostic::codes::CODES {
            let help = c.help_with(&values);
            // a placeholder is "{name}"; the syntax the help shows ("consensus { … }") is not
            let open = help.split('{').skip(1).find(|rest| {
                rest.split_once('}').is_some_and(|(name, _)| {
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                })
            });
            assert!(open.is_none(), "{}: {help}", c.code);
        }
        let r0112 = crate::diagnostic::Code::R0112.info().help_with(&values);
        assert!(r0112.contains("minstens 5 jaar ononderbroken"), "{r0112}");
        assert!(
            r0112.contains("hoogstens 5 jaar langer") && r0112.contains("(bv. 6 jaar in 10 jaar)"),
            "{r0112}"
        );
    }
}
