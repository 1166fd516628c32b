//! Pillar 3, the specifieke doelgroepen: at most a third of the dwellings
//! reserved in each gemeente (C7, R0107), also counting named dwellings;
//! target groups from the legal list or marked for ministerial review (C8,
//! R0108); lokale binding applies (C9, R0109); a guidance agreement in every
//! group only where the reglement's regional frame requires one (R0211,
//! Kempen), and not both "a guidance agreement" and "none" (R0241). The
//! rules the engine executes are checked for what it needs: an age
//! condition says whose age counts (R0236) and its numbers make sense
//! (R0240); lists of named dwellings are consistent (R0237); the way a
//! reserved dwelling goes when no candidate takes it leads somewhere (R0238),
//! and where the reglement says nothing, the consequence is shown (R0239).
//! A condition written only in words is not executed: it is said (R0235).

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    ceiling(cx);
    ceiling_regional(cx);
    categories(cx);
    if let Some((_, d)) = cx.m.doelgroepen() {
        for l in d.lokale_binding.iter().filter(|l| !l.value) {
            cx.push(
                Diagnostic::new(
                    Code::R0109,
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
    prose(cx);
    age(cx);
    named(cx);
    fallback(cx);
    capacity(cx);
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

/// C7 per gemeente of the reglement's reserved-dwellings table, with the
/// existing reserved dwellings where the reglement states them per
/// gemeente; then the existing ones stated for the whole woonmaatschappij
/// (R0107 over the whole, R0281) or not at all (R0280).
fn ceiling(cx: &mut Ctx<'_>) {
    let fraction = fraction_text(cx);
    let rows = cx.m.reserved_rows();
    for r in &rows {
        let (Some(ceiling), Some(dwellings)) = (r.ceiling, r.dwellings) else {
            continue;
        };
        if r.counted() <= ceiling {
            continue;
        }
        let parts = match r.existing {
            Some(e) if e > 0 => format!(
                " ({} bestaande en {} nieuwe)",
                fmt::count(e),
                fmt::count(r.total)
            ),
            _ => String::new(),
        };
        cx.push(
            Diagnostic::new(
                Code::R0107,
                cx.m.main,
                r.row.span,
                format!(
                    "In {} zijn {} van de {} sociale huurwoningen voorbehouden voor specifieke doelgroepen{parts}: dat is meer dan {fraction} ({}).",
                    r.row.name.value,
                    fmt::count(r.counted()),
                    fmt::count(dwellings),
                    fmt::n(ceiling, "woning", "woningen")
                ),
            )
            .label(format!(
                "{} voorbehouden, hoogstens {}",
                fmt::count(r.counted()),
                fmt::count(ceiling)
            ))
            .help(format!(
                "Verminder de voorbehouden woningen in {} tot hoogstens {}: {fraction} van de sociale huurwoningen van de woonmaatschappij in die gemeente.",
                r.row.name.value,
                fmt::count(ceiling)
            )),
        );
    }
    existing(cx, &rows);
}

// ---- existing reserved dwellings (issue 15.3)

/// The existing reserved dwellings in the ⅓ check: a gemeente of the
/// per-gemeente table without new ones (R0107), the statement written
/// twice or naming a gemeente outside the werkingsgebied (R0283), the
/// whole woonmaatschappij against its ceiling where the existing ones are
/// stated for the whole (R0107, else R0281), and no statement at all (R0280).
fn existing(cx: &mut Ctx<'_>, rows: &[crate::model::ReservedRow<'_>]) {
    let fraction = fraction_text(cx);
    let Some((_, d)) = cx.m.doelgroepen() else {
        return;
    };
    let file = cx.m.main;
    for (i, e) in d.existing.iter().enumerate().skip(1) {
        cx.push(
            Diagnostic::new(
                Code::R0283,
                file,
                e.span,
                "De bestaande voorbehouden woningen staan twee keer in het reglement.",
            )
            .label(format!("{}e keer", i + 1))
            .related(file, d.existing[0].span, "eerste keer")
            .help("Schrijf de bestaande voorbehouden woningen één keer: per gemeente in een tabel, of voor de hele woonmaatschappij als aantal of percentage."),
        );
    }
    let Some(stmt) = d.existing.first() else {
        // the check ran on the new dwellings only: say so, once
        if cx.absence_checks() {
            if let Some(r) = rows.iter().find(|r| r.ceiling.is_some()) {
                let table = d
                    .reserved
                    .iter()
                    .find(|t| t.rows.iter().any(|x| std::ptr::eq(x, r.row)))
                    .map_or(r.row.span, |t| t.span);
                let head = Span {
                    start: table.start,
                    end: (table.start + "voorbehouden woningen".len()).min(table.end),
                };
                cx.push(
                    Diagnostic::new(
                        Code::R0280,
                        file,
                        head,
                        format!(
                            "De toets van {fraction} per gemeente telt enkel de voorbehouden woningen van de doelgroepen van dit reglement: het zegt niet hoeveel woningen al voorbehouden zijn voor doelgroepen van vroegere beslissingen."
                        ),
                    )
                    .label("enkel de nieuwe doelgroepen geteld"),
                );
            }
        }
        return;
    };
    match &stmt.kind {
        ExistingKind::PerGemeente(t) => {
            let mut seen: Vec<&str> = Vec::new();
            for row in &t.rows {
                let g = row.name.value.as_str();
                if seen.contains(&g) {
                    cx.push(
                        Diagnostic::new(
                            Code::R0283,
                            file,
                            row.name.span,
                            format!("{g} staat twee keer in de bestaande voorbehouden woningen."),
                        )
                        .label("tweede keer")
                        .help("Geef elke gemeente één rij."),
                    );
                    continue;
                }
                seen.push(g);
                let Some(gem) = cx.m.gemeenten().into_iter().find(|x| x.name.value == g) else {
                    cx.push(
                        Diagnostic::new(
                            Code::R0283,
                            file,
                            row.name.span,
                            format!("{g} ligt niet in het werkingsgebied: de bestaande voorbehouden woningen tellen per gemeente van het werkingsgebied."),
                        )
                        .label("niet in het werkingsgebied")
                        .help("Schrijf de naam zoals in het werkingsgebied, of schrap de rij."),
                    );
                    continue;
                };
                // a gemeente with existing reserved dwellings only
                if rows.iter().any(|r| r.row.name.value == g) || !gem.stated {
                    continue;
                }
                let (num, den) = cx.m.params.pillar3_max_fraction;
                let dwellings = gem.woningen.value;
                // exact: the product in 128 bits, the quotient at most `dwellings`
                let ceiling =
                    (u128::from(dwellings) * u128::from(num) / u128::from(den.max(1))) as u64;
                let n: u64 = row.values.iter().map(|v| v.value).sum();
                if n > ceiling {
                    cx.push(
                        Diagnostic::new(
                            Code::R0107,
                            file,
                            row.span,
                            format!(
                                "In {g} zijn al {} van de {} sociale huurwoningen voorbehouden voor specifieke doelgroepen: dat is meer dan {fraction} ({}).",
                                fmt::count(n),
                                fmt::count(dwellings),
                                fmt::n(ceiling, "woning", "woningen")
                            ),
                        )
                        .label(format!("{} voorbehouden, hoogstens {}", fmt::count(n), fmt::count(ceiling))),
                    );
                }
            }
        }
        ExistingKind::Count(_) | ExistingKind::Share(_) => {
            let Some(w) = cx.m.reserved_whole() else {
                return;
            };
            if w.existing_e4 == 0 {
                return;
            }
            let existing = match &stmt.kind {
                ExistingKind::Share(p) => format!(
                    "{} van de {} sociale huurwoningen = {} woningen",
                    fmt::percent(p.value),
                    fmt::count(w.dwellings),
                    crate::nl::ten_thousandths(w.existing_e4)
                ),
                _ => format!("{} woningen", crate::nl::ten_thousandths(w.existing_e4)),
            };
            let whole = format!(
                "Voor de hele woonmaatschappij: bestaand {existing}; nieuw {}; samen {} van de {} ({}), ",
                fmt::count(w.new),
                crate::nl::ten_thousandths(w.counted_e4()),
                fmt::count(w.dwellings),
                fmt::percent(w.share_counted() as i64),
            );
            if !w.within() {
                cx.push(
                    Diagnostic::new(
                        Code::R0107,
                        file,
                        stmt.span,
                        format!(
                            "{whole}meer dan {fraction} ({}): in minstens één gemeente is meer dan {fraction} voorbehouden.",
                            fmt::n(w.ceiling, "woning", "woningen")
                        ),
                    )
                    .label("meer dan het plafond")
                    .help(format!(
                        "Verminder de voorbehouden woningen tot hoogstens {fraction} van de sociale huurwoningen, in elke gemeente."
                    )),
                );
            } else {
                cx.push(
                    Diagnostic::new(
                        Code::R0281,
                        file,
                        stmt.span,
                        format!(
                            "{whole}binnen {fraction} ({}). Per gemeente telt de toets van {fraction} enkel de nieuwe: het reglement geeft de bestaande niet per gemeente.",
                            fmt::n(w.ceiling, "woning", "woningen")
                        ),
                    )
                    .label("enkel voor de hele woonmaatschappij"),
                );
            }
        }
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
                        Code::R0107,
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
    for (owner, g) in cx.m.pillar3_groups() {
        // a group of the regional frame is reported in the regional file
        let file = cx.m.group_file(g);
        match g.category.first() {
            None => cx.push(
                Diagnostic::new(
                    Code::R0108,
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
                                Code::R0108,
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
                        Code::R0108,
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
                // the reglement carries no doelgroepenplan for the group: R0108
                // itself says so (R0290 speaks once a `doelgroepenplan` block exists)
                Category::Local { review: true } if g.plan.is_empty() => {
                    let missing = super::doelgroepenplan::missing_parts(
                        cx,
                        owner.map(|o| o.gemeente.value.as_str()),
                        g,
                    );
                    // what the block itself carries (the need, the figures, a
                    // motivering unless the group has one) and what the plan
                    // reads from the rest of the reglement
                    let (own, rest) = super::doelgroepenplan::PARTS.split_at(3);
                    let missing: Vec<&str> = missing.iter().map(|(what, _)| *what).collect();
                    let in_block: Vec<&str> =
                        own.iter().copied().filter(|p| missing.contains(p)).collect();
                    let elsewhere: Vec<&str> =
                        rest.iter().copied().filter(|p| missing.contains(p)).collect();
                    let rest_text = if elsewhere.is_empty() {
                        "die staan al in het reglement".to_string()
                    } else {
                        format!("nog niet vermeld: {}", super::fmt::list(&elsewhere))
                    };
                    cx.push(
                        Diagnostic::new(
                            Code::R0108,
                            file,
                            c.span,
                            format!(
                                "De lokale doelgroep '{}' valt buiten de wettelijke lijst: het toewijzingsreglement gaat met een doelgroepenplan naar de minister, die het kan vernietigen, maar het reglement bevat geen doelgroepenplan voor deze doelgroep.",
                                g.code.value
                            ),
                        )
                        .severity(Severity::Warning)
                        .label("doelgroepenplan ontbreekt")
                        .help(format!(
                            "Voeg in de doelgroep een blok 'doelgroepenplan {{ … }}' toe met {}. De andere delen van het plan ({}) komen uit het reglement; {rest_text}. 'reglement publiceer --document doelgroepenplan' schrijft het plan met wat er staat; bezorg het met het toewijzingsreglement aan de minister (vernietigingstoezicht) voordat het in werking treedt.",
                            super::fmt::list(&in_block),
                            super::fmt::list(rest)
                        )),
                    );
                }
                Category::Local { review: true } => cx.push(
                    Diagnostic::new(
                        Code::R0108,
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

/// The statement by which the reglement's regional frame requires a
/// guidance agreement in every pillar-3 group, if it has one.
pub(crate) fn guidance_required(m: &Model) -> Option<(FileId, Span)> {
    m.sections().find_map(|(f, s)| match &s.body {
        SectionBody::Regio(r) if Some(f) == m.regio || f == m.main => {
            r.guidance_required.first().map(|sp| (f, *sp))
        }
        _ => None,
    })
}

/// R0211 where the frame requires a guidance agreement; R0241 for a group
/// that says both.
fn guidance(cx: &mut Ctx<'_>) {
    for (_, g) in cx.m.pillar3_groups() {
        let file = cx.m.group_file(g);
        if let (Some(yes), Some(no)) = (g.guidance.first(), g.no_guidance.first()) {
            cx.push(
                Diagnostic::new(
                    Code::R0241,
                    file,
                    *no,
                    format!(
                        "De doelgroep '{}' heeft een begeleidingsovereenkomst en tegelijk geen.",
                        g.code.value
                    ),
                )
                .label("geen begeleidingsovereenkomst")
                .related(file, yes.span, "een begeleidingsovereenkomst"),
            );
        }
    }
    let Some((frame_file, frame_span)) = guidance_required(cx.m) else {
        return;
    };
    for (_, g) in cx.m.pillar3_groups() {
        let file = cx.m.group_file(g);
        let section = cx.m.section_of_group(g);
        let section_has = section.is_some_and(|d| !d.guidance.is_empty());
        let section_none = section.and_then(|d| d.no_guidance.first()).copied();
        let none = g.no_guidance.first().copied().or(if g.guidance.is_empty() {
            section_none
        } else {
            None
        });
        if let Some(no) = none {
            cx.push(
                Diagnostic::new(
                    Code::R0211,
                    file,
                    no,
                    format!(
                        "De doelgroep '{}' werkt zonder begeleidingsovereenkomst, maar het regionale kader van dit reglement vraagt in pijler 3 altijd een begeleidingsovereenkomst.",
                        g.code.value
                    ),
                )
                .label("geen begeleiding")
                .related(frame_file, frame_span, "het regionale kader vraagt een begeleidingsovereenkomst")
                .help("Geef de doelgroep een 'begeleidingsovereenkomst 1 jaar', of bespreek met de regio een uitzondering in het regionale kader."),
            );
            continue;
        }
        if g.guidance.is_empty() && !section_has {
            cx.push(
                Diagnostic::new(
                    Code::R0211,
                    file,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' heeft geen begeleidingsovereenkomst: het regionale kader van dit reglement vraagt in pijler 3 altijd een begeleidingsovereenkomst.",
                        g.code.value
                    ),
                )
                .label("geen begeleiding")
                .related(frame_file, frame_span, "het regionale kader vraagt een begeleidingsovereenkomst")
                .help("Voeg 'begeleidingsovereenkomst 1 jaar' toe aan de doelgroep (of één keer aan de sectie 'specifieke doelgroepen' voor alle doelgroepen)."),
            );
        }
    }
}

/// R0235: a condition in words only is not executed; the legal group of
/// the elderly without an age condition is an attest, not an age.
fn prose(cx: &mut Ctx<'_>) {
    for (_, g) in cx.m.pillar3_groups() {
        let file = cx.m.group_file(g);
        for c in &g.conditions {
            let hint = if g.age.is_empty() && mentions_years(&c.value) {
                " Gaat ze over een leeftijd, schrijf dan 'leeftijd minstens N jaar op de datum van toewijzing, bij een koppel volstaat één partner': die voert de engine uit."
            } else {
                ""
            };
            cx.push(
                Diagnostic::new(
                    Code::R0235,
                    file,
                    c.span,
                    format!(
                        "De voorwaarde \"{}\" van de doelgroep '{}' staat enkel in woorden: de engine voert ze niet uit en rangschikt ook wie er niet aan voldoet.",
                        c.value, g.code.value
                    ),
                )
                .label("niet uitgevoerd")
                .help(format!(
                    "De toewijzingsambtenaar controleert deze voorwaarde met de hand voor hij de woning toewijst; 'reglement verklaar' vermeldt ze bij elke kandidaat.{hint}"
                )),
            );
        }
        let legal_elderly = g
            .category
            .iter()
            .any(|c| matches!(&c.value, Category::Legal(n) if n.value == "ouderen"));
        if legal_elderly && g.age.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0235,
                    file,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' is de wettelijke doelgroep van de ouderen, maar zegt geen leeftijd: de engine rangschikt dan wie een attest voor '{}' heeft in de kolom 'doelgroepen', niet wie oud genoeg is.",
                        g.code.value, g.code.value
                    ),
                )
                .label("leeftijd enkel in woorden")
                .help("Schrijf de leeftijd als regel, bv. 'leeftijd minstens 65 jaar op de datum van toewijzing, bij een koppel volstaat één partner': dan telt de geboortedatum van de kandidaat (kolom 'geboortedata')."),
            );
        }
    }
}

/// "65 jaar", "60-plussers": a number of years in a text.
fn mentions_years(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("jaar") && lower.chars().any(|c| c.is_ascii_digit())
        || lower.contains("plusser")
        || lower.contains("65+")
}

/// The most age steps an order by age may have (the engine packs the step
/// with the lokale-binding tier in one byte).
pub const MAX_AGE_STEPS: u32 = 40;

/// R0236 whose age counts; R0240 values out of range; R0205 statements twice.
fn age(cx: &mut Ctx<'_>) {
    for (_, g) in cx.m.pillar3_groups() {
        // a group of the regional frame is reported in the regional file
        let file = cx.m.group_file(g);
        twice(cx, g, g.age.iter().map(|a| a.span), "leeftijd");
        twice(
            cx,
            g,
            g.oldest_first.iter().map(|a| a.span),
            "eerst de oudsten",
        );
        twice(cx, g, g.fallback.iter().map(|a| a.span), "zonder kandidaat");
        let min_age = g.age.first().map(|a| a.minimum.value);
        if let Some(a) = g.age.first() {
            if a.of.is_none() {
                cx.push(
                    Diagnostic::new(
                        Code::R0236,
                        file,
                        a.span,
                        format!(
                            "De leeftijd van de doelgroep '{}' zegt niet wat geldt voor een koppel: de engine leest 'één volwassene volstaat'. Met 'alle volwassenen' valt een koppel met één jongere partner uit de doelgroep.",
                            g.code.value
                        ),
                    )
                    .label("één volwassene of alle volwassenen?"),
                );
            }
            if !(18..=120).contains(&a.minimum.value) {
                cx.push(
                    Diagnostic::new(
                        Code::R0240,
                        file,
                        a.minimum.span,
                        format!(
                            "Een leeftijd van minstens {} jaar kan geen voorwaarde voor een doelgroep zijn: kandidaat-huurders zijn meerderjarig.",
                            a.minimum.value
                        ),
                    )
                    .label("tussen 18 en 120"),
                );
            }
        }
        if let Some(o) = g.oldest_first.first() {
            if !(18..=120).contains(&o.from.value) {
                cx.push(
                    Diagnostic::new(
                        Code::R0240,
                        file,
                        o.from.span,
                        format!("Eerst de oudsten vanaf {} jaar: die leeftijd ligt buiten 18 tot 120 jaar.", o.from.value),
                    )
                    .label("tussen 18 en 120"),
                );
            }
            if let Some(st) = o.step.as_ref().filter(|s| s.value == 0) {
                cx.push(
                    Diagnostic::new(
                        Code::R0240,
                        file,
                        st.span,
                        "Een leeftijdsstap van 0 jaar maakt geen stappen.",
                    )
                    .label("minstens 1 jaar"),
                );
            }
            let floor = min_age.unwrap_or(18);
            if let Some(min) = min_age.filter(|m| o.from.value <= *m) {
                cx.push(
                    Diagnostic::new(
                        Code::R0240,
                        file,
                        o.from.span,
                        format!(
                            "Eerst de oudsten vanaf {} jaar, maar de doelgroep vraagt al minstens {min} jaar: elke kandidaat van de doelgroep zit in de eerste stap en de leeftijd bepaalt de volgorde niet.",
                            o.from.value
                        ),
                    )
                    .severity(Severity::Warning)
                    .label(format!("hoger dan {min}")),
                );
            }
            let steps = crate::plan::AgeSteps {
                vanaf: o.from.value,
                stap: o.step.as_ref().map(|s| s.value),
                ondergrens: floor.min(o.from.value),
            }
            .steps();
            if steps > MAX_AGE_STEPS {
                cx.push(
                    Diagnostic::new(
                        Code::R0240,
                        file,
                        o.span,
                        format!(
                            "Deze volgorde maakt {steps} leeftijdsstappen tussen {} en {floor} jaar; hoogstens {MAX_AGE_STEPS}.",
                            o.from.value
                        ),
                    )
                    .label("te veel stappen"),
                );
            }
        }
    }
}

fn twice(cx: &mut Ctx<'_>, g: &P3Group, spans: impl Iterator<Item = Span>, what: &str) {
    let spans: Vec<Span> = spans.collect();
    let file = cx.m.group_file(g);
    for extra in spans.iter().skip(1) {
        cx.push(
            Diagnostic::new(
                Code::R0205,
                file,
                *extra,
                format!("De doelgroep '{}' zegt twee keer '{what}'.", g.code.value),
            )
            .label("tweede keer")
            .related(file, spans[0], "eerste keer"),
        );
    }
}

/// R0237 (and C14, R0114) for the lists of named dwellings; C7 (R0107) for
/// the gemeenten whose reserved dwellings the lists add to.
fn named(cx: &mut Ctx<'_>) {
    let file = cx.m.main;
    let lists = cx.m.named_lists();
    let mut seen: std::collections::HashMap<&str, (Span, &str)> = Default::default();
    for l in &lists {
        match (l.owner, &l.list.gemeente) {
            (None, None) => cx.push(
                Diagnostic::new(
                    Code::R0237,
                    file,
                    l.list.span,
                    format!(
                        "De voorbehouden woningen van de doelgroep '{}' zeggen niet in welke gemeente ze liggen.",
                        l.group.code.value
                    ),
                )
                .label("in welke gemeente?")
                .help("Schrijf 'voorbehouden woningen in GEMEENTE: ...': het derde van het patrimonium geldt per gemeente."),
            ),
            (Some(owner), Some(n)) if n.value != owner.gemeente.value => cx.push(
                Diagnostic::new(
                    Code::R0114,
                    file,
                    n.span,
                    format!(
                        "De gemeente {} behoudt woningen in {} voor: een gemeente regelt enkel de woningen op haar eigen grondgebied.",
                        owner.gemeente.value, n.value
                    ),
                )
                .label("andere gemeente")
                .help(format!("Zet deze woningen in de sectie 'gemeente {}' of in 'specifieke doelgroepen'.", n.value)),
            ),
            _ => {}
        }
        for d in &l.list.dwellings {
            if let Some((first, group)) = seen.get(d.value.as_str()) {
                cx.push(
                    Diagnostic::new(
                        Code::R0237,
                        file,
                        d.span,
                        format!(
                            "Woning '{}' staat al in de voorbehouden woningen van de doelgroep '{group}'.",
                            d.value
                        ),
                    )
                    .label("tweede keer")
                    .related(file, *first, "eerste keer"),
                );
            } else {
                seen.insert(d.value.as_str(), (d.span, l.group.code.value.as_str()));
            }
        }
    }
    // a table count for the same group and gemeente must agree with the list
    let mut per: std::collections::BTreeMap<(String, String), (u64, Span)> = Default::default();
    for l in &lists {
        if let Some(g) = l.gemeente {
            let e = per
                .entry((g.value.clone(), l.group.code.value.clone()))
                .or_insert((0, l.list.span));
            e.0 += l.list.dwellings.len() as u64;
        }
    }
    let rows = cx.m.reserved_rows();
    for ((g, group), (n, span)) in &per {
        if let Some((row, count)) = rows
            .iter()
            .filter(|r| r.row.name.value == *g)
            .find_map(|r| {
                r.per_group
                    .iter()
                    .find(|(c, _)| c == group)
                    .map(|(_, c)| (r.row, *c))
            })
        {
            if count != *n {
                cx.push(
                    Diagnostic::new(
                        Code::R0237,
                        file,
                        *span,
                        format!(
                            "De tabel 'voorbehouden woningen' geeft {g} {} voor de doelgroep '{group}', de lijst noemt er {}.",
                            fmt::n(count, "woning", "woningen"),
                            fmt::count(*n)
                        ),
                    )
                    .label(format!("{} genoemd", fmt::count(*n)))
                    .related(file, row.span, format!("{} in de tabel", fmt::count(count))),
                );
            }
        }
    }
    // C7 with the named dwellings counted
    let fraction = fraction_text(cx);
    let (num, den) = cx.m.params.pillar3_max_fraction;
    for (g, counts) in cx.m.reserved_counts() {
        let Some(span) = per.iter().find(|((x, _), _)| *x == g).map(|(_, (_, s))| *s) else {
            continue;
        };
        // the existing reserved dwellings of the gemeente count too (issue 15.3)
        let total: u64 = counts.values().sum::<u64>() + cx.m.existing_in(&g).unwrap_or(0);
        let table_total: u64 = rows
            .iter()
            .filter(|r| r.row.name.value == g)
            .map(|r| r.counted())
            .sum();
        let Some(dwellings) =
            cx.m.gemeenten()
                .iter()
                .find(|x| x.name.value == g)
                .map(|x| x.woningen.value)
        else {
            continue;
        };
        let ceiling = dwellings.saturating_mul(num) / den.max(1);
        // a table row already over the ceiling is reported at the row
        if total > ceiling && table_total <= ceiling {
            cx.push(
                Diagnostic::new(
                    Code::R0107,
                    file,
                    span,
                    format!(
                        "In {g} zijn {} van de {} sociale huurwoningen voorbehouden voor specifieke doelgroepen (met de genoemde woningen): dat is meer dan {fraction} ({}).",
                        fmt::count(total),
                        fmt::count(dwellings),
                        fmt::n(ceiling, "woning", "woningen")
                    ),
                )
                .label(format!("{} voorbehouden, hoogstens {}", fmt::count(total), fmt::count(ceiling)))
                .help(format!(
                    "Verminder de voorbehouden woningen in {g} tot hoogstens {}: {fraction} van de sociale huurwoningen van de woonmaatschappij in die gemeente.",
                    fmt::count(ceiling)
                )),
            );
        }
    }
}

/// R0238 for a `zonder kandidaat` that leads nowhere or in a circle; R0239
/// for a group with reserved dwellings that does not say.
fn fallback(cx: &mut Ctx<'_>) {
    let groups = cx.m.pillar3_groups();
    let find = |code: &str| groups.iter().find(|(_, g)| g.code.value == code);
    let reserved: std::collections::HashSet<String> =
        cx.m.reserved_counts()
            .into_iter()
            .flat_map(|(_, c)| c.into_iter().filter(|(_, n)| *n > 0).map(|(g, _)| g))
            .collect();
    for (owner, g) in &groups {
        let file = cx.m.group_file(g);
        let Some(f) = g.fallback.first() else {
            if reserved.contains(&g.code.value) {
                cx.push(
                    Diagnostic::new(
                        Code::R0239,
                        file,
                        g.code.span,
                        format!(
                            "Het reglement zegt niet wat er gebeurt met een woning die voor de doelgroep '{}' is voorbehouden als geen kandidaat van de doelgroep ze neemt: 'reglement rangschik' en 'reglement simuleer' laten ze dan onverhuurd.",
                            g.code.value
                        ),
                    )
                    .label("zonder kandidaat?"),
                );
            }
            continue;
        };
        match &f.value {
            Fallback::Standaard if cx.m.standaard().is_none() && !cx.broken => cx.push(
                Diagnostic::new(
                    Code::R0238,
                    file,
                    f.span,
                    format!("De doelgroep '{}' verwijst naar de standaardtoewijzing, maar het reglement heeft geen standaardtoewijzing.", g.code.value),
                )
                .label("geen standaardtoewijzing"),
            ),
            Fallback::Doelgroep(n) => {
                let Some((target_owner, _)) = find(&n.value) else {
                    continue; // an unknown name is R0203
                };
                if n.value == g.code.value {
                    cx.push(
                        Diagnostic::new(Code::R0238, file, n.span, format!("De doelgroep '{}' verwijst naar zichzelf.", g.code.value))
                            .label("dezelfde doelgroep"),
                    );
                    continue;
                }
                if let Some(t) = target_owner {
                    let same = owner.is_some_and(|o| o.gemeente.value == t.gemeente.value);
                    if !same {
                        cx.push(
                            Diagnostic::new(
                                Code::R0238,
                                file,
                                n.span,
                                format!(
                                    "De doelgroep '{}' is een eigen doelgroep van {} en geldt enkel voor woningen daar; de woningen van '{}' liggen niet allemaal in {}.",
                                    n.value, t.gemeente.value, g.code.value, t.gemeente.value
                                ),
                            )
                            .label(format!("enkel in {}", t.gemeente.value)),
                        );
                        continue;
                    }
                }
                // a circle: follow the chain from the target
                let mut at = n.value.clone();
                let mut steps = 0;
                while let Some((_, next)) = find(&at) {
                    steps += 1;
                    if steps > groups.len() {
                        break;
                    }
                    match next.fallback.first().map(|x| &x.value) {
                        Some(Fallback::Doelgroep(m)) if m.value == g.code.value => {
                            cx.push(
                                Diagnostic::new(
                                    Code::R0238,
                                    file,
                                    f.span,
                                    format!(
                                        "De doorverwijzing zonder kandidaat loopt in een kring: '{}' verwijst via '{}' terug naar zichzelf.",
                                        g.code.value, n.value
                                    ),
                                )
                                .label("kring"),
                            );
                            break;
                        }
                        Some(Fallback::Doelgroep(m)) => at = m.value.clone(),
                        _ => break,
                    }
                }
            }
            _ => {}
        }
    }
}

/// R0265 for a `capaciteit` that does not say where a dwelling goes once it
/// is reached; R0266 for one that cannot be executed (0 a year, or itself).
fn capacity(cx: &mut Ctx<'_>) {
    for (_, g) in cx.m.pillar3_groups() {
        // a group of the regional frame is reported in the regional file
        let file = cx.m.group_file(g);
        for c in &g.capacity {
            if c.per_year.value == 0 {
                cx.push(
                    Diagnostic::new(
                        Code::R0266,
                        file,
                        c.per_year.span,
                        format!("De capaciteit van de doelgroep '{}' is 0 per jaar: geen enkele woning kan dan aan de doelgroep gaan.", g.code.value),
                    )
                    .label("minstens 1"),
                );
            }
            match c.then.as_ref() {
                Some(t) => {
                    if let Fallback::Doelgroep(n) = &t.value {
                        if n.value == g.code.value {
                            cx.push(
                                Diagnostic::new(
                                    Code::R0266,
                                    file,
                                    n.span,
                                    format!("De capaciteit van de doelgroep '{}' verwijst naar de doelgroep zelf.", g.code.value),
                                )
                                .label("dezelfde doelgroep"),
                            );
                        }
                    }
                }
                None => cx.push(
                    Diagnostic::new(
                        Code::R0265,
                        file,
                        c.span,
                        format!(
                            "De doelgroep '{}' heeft een capaciteit van {} per jaar, maar het reglement zegt niet waar een voorbehouden woning heen gaat als die bereikt is: 'reglement simuleer' laat ze dan onverhuurd.",
                            g.code.value, c.per_year.value
                        ),
                    )
                    .label("daarna?"),
                ),
            }
        }
    }
}
