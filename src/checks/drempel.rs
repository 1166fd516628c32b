//! A threshold that a whole class of candidates can never pass (R0245).
//!
//! "Minimaal 1 punt op kinderlast" excludes every household without
//! children, since 0 children gives 0 points; in the leefloon every
//! alleenstaande is such a household, so the alleenstaande income rows can
//! never count for anyone allocated. The check is general: for every
//! criterion a threshold names, it asks which class of households (defined
//! by household type or children) can only score below the minimum there,
//! and which rows of the frame that makes dead. It never changes the
//! threshold: the toewijzingsraad states its reading (`lezing`), and
//! `reglement controleer --kandidaten` estimates how many candidates the
//! criterion excludes on its own (`crate::analysis`-free, in the CLI).

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Kenmerk, TableShape};
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::ast::*;

/// A class of households that a criterion's table can give too few points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadClass {
    /// Households without dependent children (every alleenstaande among them).
    NoChildren,
    /// Every household of this type.
    Household(Household),
}

impl DeadClass {
    /// "elke kandidaat zonder kinderen", for the message.
    pub fn label(self) -> &'static str {
        match self {
            DeadClass::NoChildren => "elk huishouden zonder kinderen",
            DeadClass::Household(Household::Alleenstaande) => "elke alleenstaande",
            DeadClass::Household(Household::Gezin) => "elk gezin",
        }
    }

    /// What follows for the other classes, in words.
    fn consequence(self) -> &'static str {
        match self {
            DeadClass::NoChildren => {
                " Daarmee komt geen enkele alleenstaande in aanmerking (in het leefloon is een huishouden met een minderjarig kind een gezin), ook niet wie dak- of thuisloos is met de hoogste punten op de andere criteria."
            }
            DeadClass::Household(Household::Alleenstaande) => "",
            DeadClass::Household(Household::Gezin) => {
                " Daarmee komt ook geen enkel huishouden met kinderen in aanmerking: een huishouden met een minderjarig kind is in het leefloon een gezin."
            }
        }
    }
}

/// The classes a criterion's table leaves under `minimum`, each with the
/// points they get at most there.
pub fn dead_classes(c: &Criterion, minimum: u32) -> Vec<(DeadClass, u32)> {
    let mut out = Vec::new();
    match (c.kenmerk(), c.shape()) {
        (Some(Kenmerk::Kinderen), TableShape::Aantallen) => {
            if let Some(p) = points_at_zero(c) {
                if p < minimum {
                    out.push((DeadClass::NoChildren, p));
                }
            }
        }
        (Some(Kenmerk::Inkomen), TableShape::Bedragen) => {
            let otherwise = c.otherwise.first().and_then(|(p, _)| p.value).unwrap_or(0);
            for h in [Household::Alleenstaande, Household::Gezin] {
                let best = c
                    .brackets
                    .iter()
                    .filter(|r| r.household.value == h)
                    .filter_map(|r| r.points.value)
                    .chain([otherwise])
                    .max()
                    .unwrap_or(0);
                if best < minimum {
                    out.push((DeadClass::Household(h), best));
                }
            }
        }
        _ => {}
    }
    out
}

/// The points of the row that covers 0 children (`None` on a gap: R0201).
fn points_at_zero(c: &Criterion) -> Option<u32> {
    c.counts
        .iter()
        .find(|r| r.from.value == 0)
        .map(|r| r.points.value.unwrap_or(0))
}

/// The rows of the frame that can only score for a class the threshold
/// excludes: "alleenstaande categorie 1" of inkomen, "1 kind" of kinderlast.
fn dead_rows(w: &Wegingskader, class: DeadClass) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    // the income rows of the household type the class consists of: an
    // alleenstaande has no children, so NoChildren takes its rows too
    let household = match class {
        DeadClass::NoChildren => Household::Alleenstaande,
        DeadClass::Household(h) => h,
    };
    for c in &w.criteria {
        match c.kenmerk() {
            Some(Kenmerk::Inkomen) => {
                for r in c.brackets.iter().filter(|r| r.household.value == household) {
                    out.push((
                        format!(
                            "'{} categorie {}' van {}",
                            household.label(),
                            r.category.value,
                            c.code.value
                        ),
                        r.span,
                    ));
                }
            }
            // every household with children is a gezin
            Some(Kenmerk::Kinderen) if class == DeadClass::Household(Household::Gezin) => {
                for r in c.counts.iter().filter(|r| r.from.value > 0) {
                    out.push((
                        format!("'{}' van {}", count_row_label(r), c.code.value),
                        r.span,
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn count_row_label(r: &CountRow) -> String {
    match r.upper {
        CountUpper::Exactly => fmt::n(r.from.value, "kind", "kinderen"),
        CountUpper::Upto(to) => format!("{} tot {to} kinderen", r.from.value),
        CountUpper::OrMore => format!("{} of meer kinderen", r.from.value),
    }
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let frames: Vec<_> = cx.m.wegingskaders().collect();
    for (file, _, w) in frames {
        for t in &w.thresholds {
            let ThresholdScope::Criteria(list) = &t.scope else {
                continue;
            };
            for name in list {
                let Some(c) = w.criteria.iter().find(|c| c.code.value == name.value) else {
                    continue; // R0203
                };
                for (class, best) in dead_classes(c, t.minimum.value) {
                    warn(cx, file, w, t, name, c, class, best);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn warn(
    cx: &mut Ctx<'_>,
    file: FileId,
    w: &Wegingskader,
    t: &Threshold,
    name: &Name,
    c: &Criterion,
    class: DeadClass,
    best: u32,
) {
    let rows = dead_rows(w, class);
    let cause = match class {
        DeadClass::NoChildren => format!(
            "0 kinderen geeft {} op '{}'",
            fmt::n(u64::from(best), "punt", "punten"),
            c.code.value
        ),
        DeadClass::Household(h) => format!(
            "een {} haalt op '{}' hoogstens {}",
            h.label(),
            c.code.value,
            fmt::n(u64::from(best), "punt", "punten")
        ),
    };
    let dead = if rows.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        format!(
            " De {} {} dan nooit voor wie toegewezen wordt.",
            if rows.len() == 1 { "rij" } else { "rijen" },
            format_args!(
                "{} {}",
                fmt::list(&names),
                if rows.len() == 1 { "telt" } else { "tellen" }
            )
        )
    };
    let mut d = Diagnostic::new(
        Code::R0245,
        file,
        name.span,
        format!(
            "De drempel van minimaal {} op '{}' sluit {} uit de versnelde toewijzing uit: {cause}.{}{dead}",
            fmt::n(u64::from(t.minimum.value), "punt", "punten"),
            c.code.value,
            class.label(),
            class.consequence(),
        ),
    )
    .label(format!("{} haalt dit nooit", class.label()));
    if class == DeadClass::NoChildren {
        if let Some(r) = c.counts.iter().find(|r| r.from.value == 0) {
            d = d.related(file, r.span, "0 kinderen");
        }
    }
    for (_, span) in &rows {
        d = d.related(file, *span, "dode rij");
    }
    cx.push(d.help(format!(
        "De compiler beslist dit niet. Bedoelt de toewijzingsraad dat '{}' enkel punten toevoegt, laat het dan uit de drempel; bedoelt hij de uitsluiting, zeg het met 'lezing \"…\" als \"…\" motivering \"…\"'. 'reglement controleer --kandidaten BESTAND' telt hoeveel kandidaten de drempel enkel hierdoor uitsluit.",
        c.code.value
    )));
}
