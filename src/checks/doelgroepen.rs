//! Pillar 3, the specifieke doelgroepen: at most a third of the dwellings
//! reserved in each gemeente (C7, R0107), target groups from the legal list
//! or marked for ministerial review (C8, R0108), lokale binding applies (C9,
//! R0109), and every group has a guidance agreement (R0211, Kempen model).

use super::fmt;
use super::Ctx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    ceiling(cx);
    ceiling_regional(cx);
    categories(cx);
    if let Some((_, d)) = cx.m.doelgroepen() {
        for l in d.lokale_binding.iter().filter(|l| !l.value) {
            cx.push(
                Diagnostic::new(
                    "R0109",
                    cx.m.main,
                    l.span,
                    "Bij specifieke doelgroepen geldt de lokale binding: ook hier gaan kandidaten met een woonbinding voor.",
                )
                .label("lokale binding uitgeschakeld")
                .help("Schrijf 'lokale binding geldt', of schrap de regel."),
            );
        }
    }
    guidance(cx);
}

/// "een derde", or "3/10" for another fraction.
pub(super) fn fraction_text(cx: &Ctx<'_>) -> String {
    match cx.m.params.pillar3_max_fraction {
        (1, 2) => "de helft".to_string(),
        (1, 3) => "een derde".to_string(),
        (1, 4) => "een vierde".to_string(),
        (n, d) => format!("{n}/{d}"),
    }
}

/// C7 per gemeente of the reglement's reserved-dwellings table.
fn ceiling(cx: &mut Ctx<'_>) {
    let fraction = fraction_text(cx);
    let rows = cx.m.reserved_rows();
    for r in rows {
        let (Some(ceiling), Some(dwellings)) = (r.ceiling, r.dwellings) else {
            continue;
        };
        if r.total <= ceiling {
            continue;
        }
        cx.push(
            Diagnostic::new(
                "R0107",
                cx.m.main,
                r.row.span,
                format!(
                    "In {} zijn {} van de {} sociale huurwoningen voorbehouden voor specifieke doelgroepen: dat is meer dan {fraction} ({}).",
                    r.row.name.value,
                    fmt::count(r.total),
                    fmt::count(dwellings),
                    fmt::n(ceiling, "woning", "woningen")
                ),
            )
            .label(format!(
                "{} voorbehouden, hoogstens {}",
                fmt::count(r.total),
                fmt::count(ceiling)
            ))
            .help(format!(
                "Verminder de voorbehouden woningen in {} tot hoogstens {}: {fraction} van de sociale huurwoningen van de woonmaatschappij in die gemeente.",
                r.row.name.value,
                fmt::count(ceiling)
            )),
        );
    }
}

/// C7 for the rows of a regional verdeelsleutel with a `woningen` column:
/// a woonmaatschappij reserving more than a third of all its dwellings
/// certainly exceeds the ceiling in some gemeente.
fn ceiling_regional(cx: &mut Ctx<'_>) {
    let (num, den) = cx.m.params.pillar3_max_fraction;
    let fraction = fraction_text(cx);
    let keys: Vec<_> = cx.m.verdeelsleutels().collect();
    for (file, _, v) in keys {
        let Some(wi) = v.table.columns.iter().position(|c| c.value == "woningen") else {
            continue;
        };
        for row in &v.table.rows {
            if row.values.len() != v.table.columns.len() {
                continue;
            }
            let dwellings = row.values[wi].value;
            let reserved: u64 = row
                .values
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != wi)
                .map(|(_, x)| x.value)
                .sum();
            // exact: the product in 128 bits, the quotient at most `dwellings`
            let max = (u128::from(dwellings) * u128::from(num) / u128::from(den.max(1))) as u64;
            if reserved > max {
                cx.push(
                    Diagnostic::new(
                        "R0107",
                        file,
                        row.span,
                        format!(
                            "{} reserveert {} van zijn {} sociale huurwoningen voor specifieke doelgroepen: dat is meer dan {fraction}.",
                            row.name.value,
                            fmt::count(reserved),
                            fmt::count(dwellings)
                        ),
                    )
                    .label(format!(
                        "{} voorbehouden, hoogstens {}",
                        fmt::count(reserved),
                        fmt::count(max)
                    ))
                    .help(format!(
                        "Verminder de voorbehouden woningen tot hoogstens {fraction} van de sociale huurwoningen, in elke gemeente."
                    )),
                );
            }
        }
    }
}

fn legal_list(cx: &Ctx<'_>) -> String {
    let codes: Vec<&str> = cx.m.params.pillar3_groups.iter().map(|g| g.code).collect();
    fmt::or_list(&codes)
}

/// C8: a legal target group, or a local one marked for ministerial review.
fn categories(cx: &mut Ctx<'_>) {
    let file = cx.m.main;
    for (_, g) in cx.m.pillar3_groups() {
        match g.category.first() {
            None => cx.push(
                Diagnostic::new(
                    "R0108",
                    file,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' zegt niet of ze een wettelijke of een lokale doelgroep is.",
                        g.code.value
                    ),
                )
                .label("wettelijk of lokaal?")
                .help(format!(
                    "Schrijf 'wettelijke doelgroep ...' met een van {}, of 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'.",
                    legal_list(cx)
                )),
            ),
            Some(c) => match &c.value {
                Category::Legal(n) => {
                    if cx.m.params.pillar3_group(&n.value).is_none() {
                        let suggestion = super::names::closest(
                            &n.value,
                            cx.m.params.pillar3_groups.iter().map(|g| g.code),
                        )
                        .map(|s| format!(" Bedoelt u '{s}'?"))
                        .unwrap_or_default();
                        cx.push(
                            Diagnostic::new(
                                "R0108",
                                file,
                                n.span,
                                format!(
                                    "'{}' is geen wettelijke doelgroep van pijler 3.{suggestion}",
                                    n.value
                                ),
                            )
                            .label("niet in de wettelijke lijst")
                            .help(format!(
                                "Kies een wettelijke doelgroep ({}), of schrijf 'lokale doelgroep met doelgroepenplan en ministeriële toetsing'.",
                                legal_list(cx)
                            )),
                        );
                    }
                }
                Category::Local { review: false } => cx.push(
                    Diagnostic::new(
                        "R0108",
                        file,
                        c.span,
                        format!(
                            "De lokale doelgroep '{}' valt buiten de wettelijke lijst: daarvoor zijn een doelgroepenplan en ministeriële toetsing nodig.",
                            g.code.value
                        ),
                    )
                    .label("zonder doelgroepenplan")
                    .help("Schrijf 'lokale doelgroep met doelgroepenplan en ministeriële toetsing' en voeg het doelgroepenplan bij het reglement, of kies een wettelijke doelgroep."),
                ),
                Category::Local { review: true } => cx.push(
                    Diagnostic::new(
                        "R0108",
                        file,
                        c.span,
                        format!(
                            "De lokale doelgroep '{}' valt buiten de wettelijke lijst: het toewijzingsreglement gaat met het doelgroepenplan naar de minister, die het kan vernietigen.",
                            g.code.value
                        ),
                    )
                    .severity(Severity::Warning)
                    .label("ministeriële toetsing nodig")
                    .help("Bezorg het toewijzingsreglement met het doelgroepenplan aan de minister (vernietigingstoezicht) voordat het in werking treedt."),
                ),
            },
        }
    }
}

/// R0211: in the Kempen model every pillar-3 group has a guidance agreement.
fn guidance(cx: &mut Ctx<'_>) {
    if !cx.m.params.pillar3_guidance_required {
        return;
    }
    let section_has =
        cx.m.doelgroepen()
            .is_some_and(|(_, d)| !d.guidance.is_empty());
    if section_has {
        return;
    }
    for (_, g) in cx.m.pillar3_groups() {
        if g.guidance.is_empty() {
            cx.push(
                Diagnostic::new(
                    "R0211",
                    cx.m.main,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' heeft geen begeleidingsovereenkomst: in pijler 3 wordt altijd met een begeleidingsovereenkomst gewerkt.",
                        g.code.value
                    ),
                )
                .label("geen begeleiding")
                .help("Voeg 'begeleidingsovereenkomst 1 jaar' toe aan de doelgroep (of één keer aan de sectie 'specifieke doelgroepen' voor alle doelgroepen)."),
            );
        }
    }
}
