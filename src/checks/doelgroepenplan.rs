//! The doelgroepenplan of a local target group (issue 20): a group outside
//! the legal list goes to the minister with a doelgroepenplan (art. 6.22 §3
//! BVCW, R0108). A reglement carries the plan as a `doelgroepenplan { … }`
//! block in the group: the need in words (`behoefte`) and in figures with
//! their source (`cijfer`), and a motivering; the rest of the plan is what
//! the group and the reglement already state (conditions, the reserved
//! dwellings per gemeente, referrers, guidance, the fallback, the
//! `evaluatie` section). R0290 names every part a started plan lacks; R0291
//! a plan on a group that does not go to the minister.
//!
//! What a plan must hold is not in our sources word for word (confidence
//! I): the parts are those `reglement publiceer --document doelgroepenplan`
//! writes, the parts the Kempen note gives for its own local group. A group
//! marked for review without any `doelgroepenplan` block is R0108's warning,
//! which then says the plan is missing and names its parts (`PARTS`, and
//! which of them the reglement does not state yet, from `missing_parts`).

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{Category, IndicatorKind, P3Group};

pub(super) fn check(cx: &mut Ctx<'_>) {
    for (owner, g) in cx.m.pillar3_groups() {
        let file = cx.m.group_file(g);
        let Some(plan) = g.plan.first() else {
            continue;
        };
        let review = g
            .category
            .iter()
            .any(|c| matches!(c.value, Category::Local { review: true }));
        if !review {
            let what = match g.category.first().map(|c| &c.value) {
                Some(Category::Legal(_)) => "een wettelijke doelgroep: die gaat niet naar de minister",
                Some(Category::Local { .. }) => "niet gemarkeerd als 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'",
                None => "niet gemarkeerd als lokale doelgroep met ministeriële toetsing",
            };
            cx.push(
                Diagnostic::new(
                    Code::R0291,
                    file,
                    plan.keyword,
                    format!(
                        "De doelgroep '{}' heeft een doelgroepenplan, maar is {what}.",
                        g.code.value
                    ),
                )
                .label("doelgroepenplan zonder toetsing"),
            );
            continue;
        }
        let missing = missing_parts(cx, owner.map(|o| o.gemeente.value.as_str()), g);
        if missing.is_empty() {
            continue;
        }
        let items: Vec<&str> = missing.iter().map(|(what, _)| *what).collect();
        let how: Vec<&str> = missing.iter().map(|(_, how)| *how).collect();
        cx.push(
            Diagnostic::new(
                Code::R0290,
                file,
                plan.keyword,
                format!(
                    "Het doelgroepenplan van de lokale doelgroep '{}' gaat naar de minister, maar mist {}.",
                    g.code.value,
                    super::fmt::list(&items)
                ),
            )
            .label(if missing.len() == 1 {
                "1 deel ontbreekt".to_string()
            } else {
                format!("{} delen ontbreken", missing.len())
            })
            .help(format!(
                "{}. 'reglement publiceer --document doelgroepenplan' schrijft het plan met wat er staat.",
                crate::nl::capitalize(&how.join("; "))
            )),
        );
    }
}

/// The parts of a doelgroepenplan, in the order `missing_parts` checks them
/// (R0290 names the missing ones of a started plan, R0108 all of them when
/// the group has no plan yet).
pub(super) const PARTS: [&str; 9] = [
    "de behoefte",
    "cijfers met hun bron",
    "een motivering",
    "de voorwaarden",
    "de voorbehouden woningen per gemeente",
    "de verwijzers",
    "de begeleiding",
    "wat er zonder kandidaat gebeurt",
    "de evaluatie",
];

/// The parts of a doelgroepenplan the reglement does not state for group
/// `g` (of the gemeente section `owner`, if any): what is missing, and how
/// to write it.
pub(super) fn missing_parts(
    cx: &Ctx<'_>,
    owner: Option<&str>,
    g: &P3Group,
) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let plan = g.plan.first();
    let section = cx.m.doelgroepen().map(|(_, d)| d);
    if plan.is_none_or(|p| p.needs.is_empty()) {
        out.push((
            PARTS[0],
            "schrijf in het doelgroepenplan 'behoefte \"…\"': welke woonnood de doelgroep heeft en waarom de wettelijke doelgroepen die niet dekken",
        ));
    }
    if plan.is_none_or(|p| p.figures.is_empty()) {
        out.push((
            PARTS[1],
            "geef de omvang met 'cijfer N \"wat het telt\" bron \"waar het vandaan komt\"'",
        ));
    }
    if plan.is_none_or(|p| p.motivations.is_empty()) && g.motivations.is_empty() {
        out.push((PARTS[2], "motiveer de keuze met 'motivering \"…\"'"));
    }
    if g.descriptions.is_empty() && g.conditions.is_empty() && g.age.is_empty() {
        out.push((
            PARTS[3],
            "zeg wie tot de doelgroep behoort ('omschrijving', 'voorwaarde' of 'leeftijd')",
        ));
    }
    let reserved = cx.m.reserved_counts().iter().any(|(gemeente, counts)| {
        owner.is_none_or(|o| o == gemeente) && counts.get(&g.code.value).is_some_and(|n| *n > 0)
    });
    if !reserved {
        out.push((
            PARTS[4],
            "geef de doelgroep een kolom in 'voorbehouden woningen' of een lijst 'voorbehouden woningen in GEMEENTE: …'",
        ));
    }
    if g.referrers.is_empty() && section.is_none_or(|d| d.referrers.is_empty()) {
        out.push((PARTS[5], "noem wie toeleidt met 'verwijzers \"…\"'"));
    }
    let guided = !g.guidance.is_empty()
        || !g.no_guidance.is_empty()
        || section.is_some_and(|d| !d.guidance.is_empty() || !d.no_guidance.is_empty());
    if !guided {
        out.push((
            PARTS[6],
            "zeg of er begeleiding is: 'begeleidingsovereenkomst 1 jaar' of 'geen begeleidingsovereenkomst'",
        ));
    }
    if g.fallback.is_empty() {
        out.push((
            PARTS[7],
            "zeg waar een woning heen gaat die geen kandidaat van de doelgroep neemt ('zonder kandidaat: standaardtoewijzing')",
        ));
    }
    let evaluated = cx.m.evaluatie().is_some_and(|(_, e)| {
        e.indicators.iter().any(|i| {
            matches!(
                i.kind.value,
                IndicatorKind::Aandeel(3) | IndicatorKind::Wachttijd(3)
            )
        })
    });
    if !evaluated {
        out.push((
            PARTS[8],
            "voeg een sectie 'evaluatie' toe met een indicator van pijler 3 (bv. 'indicator wachttijd pijler 3: doel maximaal 730 dagen per 12 maanden')",
        ));
    }
    out
}
