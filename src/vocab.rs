//! The vocabulary every layer shares: the legal kinds a reglement, a plan
//! and a candidates file all name (household types, documents, whose age
//! counts, the kinds of pillar 4), each with its Dutch label.
//!
//! These types are part of the published wire formats (the plan
//! `reglement-plan/1`, the candidates JSON): every variant names its JSON
//! value with an explicit `serde(rename)`, so renaming a Rust identifier can
//! never change what a plan or a file says. The syntax tree uses them as
//! written (`syntax::ast` re-exports them), the plan and the engine read
//! them from here; nothing in this module depends on another one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// The legal document a section belongs to (`document …`). (Not a doc
// comment: it would become a description in the plan's JSON Schema.)
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum DocumentKind {
    #[serde(rename = "toewijzingsreglement")]
    Toewijzingsreglement,
    #[serde(rename = "intern-huurreglement")]
    InternHuurreglement,
    #[serde(rename = "huishoudelijk-reglement")]
    HuishoudelijkReglement,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Toewijzingsreglement,
        DocumentKind::InternHuurreglement,
        DocumentKind::HuishoudelijkReglement,
    ];
    /// The name as the drafter writes it.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Toewijzingsreglement => "toewijzingsreglement",
            DocumentKind::InternHuurreglement => "intern huurreglement",
            DocumentKind::HuishoudelijkReglement => "huishoudelijk reglement",
        }
    }
}

// The household type of the income limits and the leefloon (`gezinstype`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Household {
    #[serde(rename = "alleenstaande")]
    Alleenstaande,
    #[serde(rename = "gezin")]
    Gezin,
}

impl Household {
    /// The name as the drafter writes it.
    pub fn label(self) -> &'static str {
        match self {
            Household::Alleenstaande => "alleenstaande",
            Household::Gezin => "gezin",
        }
    }
}

/// Whose age counts in a household of several adults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum AgeOf {
    /// One adult is enough ("bij een koppel volstaat één partner").
    #[serde(rename = "een-volwassene")]
    EenVolwassene,
    /// Every adult ("alle volwassenen", "beide partners").
    #[serde(rename = "alle-volwassenen")]
    AlleVolwassenen,
}

// The kinds of allocation of pillar 4, outside the shares and the
// pillar-2 base (`bijzondere toewijzing`, `interne mutatie`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Pillar4Tag {
    #[serde(rename = "bijzondere-toewijzing")]
    BijzondereToewijzing,
    #[serde(rename = "interne-mutatie")]
    InterneMutatie,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire<T: Serialize>(v: T) -> String {
        serde_json::to_string(&v).unwrap_or_default()
    }

    /// The wire names are the published format: a renamed variant must not
    /// change them.
    #[test]
    fn wire_names_are_fixed() {
        assert_eq!(
            wire(DocumentKind::Toewijzingsreglement),
            "\"toewijzingsreglement\""
        );
        assert_eq!(
            wire(DocumentKind::InternHuurreglement),
            "\"intern-huurreglement\""
        );
        assert_eq!(
            wire(DocumentKind::HuishoudelijkReglement),
            "\"huishoudelijk-reglement\""
        );
        assert_eq!(wire(Household::Alleenstaande), "\"alleenstaande\"");
        assert_eq!(wire(Household::Gezin), "\"gezin\"");
        assert_eq!(wire(AgeOf::EenVolwassene), "\"een-volwassene\"");
        assert_eq!(wire(AgeOf::AlleVolwassenen), "\"alle-volwassenen\"");
        assert_eq!(
            wire(Pillar4Tag::BijzondereToewijzing),
            "\"bijzondere-toewijzing\""
        );
        assert_eq!(wire(Pillar4Tag::InterneMutatie), "\"interne-mutatie\"");
    }
}
