//! Point tables and other tables: gaps (R0201) and overlaps (R0202, with both
//! rows), unreachable thresholds (R0209), thresholds and tie-breaks naming a
//! criterion of another frame (R0203), and rows with the wrong number of
//! columns (R0214).

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Kenmerk, TableShape};
use crate::source::FileId;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let frames: Vec<_> = cx.m.wegingskaders().collect();
    for (file, _, w) in frames {
        // a table of mixed rows is reported as such (R0218), not row by row
        for c in w.criteria.iter().filter(|c| c.shape() != TableShape::Mixed) {
            counts(cx, file, c);
            brackets(cx, file, c);
        }
        thresholds(cx, file, w);
    }
    if let Some((_, d)) = cx.m.doelgroepen() {
        for t in &d.reserved {
            columns(cx, cx.m.main, t, "voorbehouden woningen");
        }
    }
    let keys: Vec<_> = cx.m.verdeelsleutels().collect();
    for (file, _, v) in keys {
        columns(
            cx,
            file,
            &v.table,
            &format!("verdeelsleutel '{}'", v.name.value),
        );
    }
}

fn unit(c: &Criterion) -> &'static str {
    match c.kenmerk() {
        Some(Kenmerk::Kinderen) => " kinderen",
        _ => "",
    }
}

fn range_text(from: u64, to: Option<u64>, unit: &str) -> String {
    match to {
        Some(t) if t == from => format!("{from}{unit}"),
        Some(t) => format!("{from} tot {t}{unit}"),
        None => format!("{from} of meer{unit}"),
    }
}

/// Count rows: from 0 up, without gaps (unless an `anders` row scores the
/// rest) and without overlaps.
fn counts(cx: &mut Ctx<'_>, file: FileId, c: &Criterion) {
    if c.counts.is_empty() {
        return;
    }
    let unit = unit(c);
    let mut rows: Vec<(u64, Option<u64>, &CountRow)> = Vec::new();
    for r in &c.counts {
        let (from, to) = r.range();
        if to.is_some_and(|t| t < from) {
            cx.push(
                Diagnostic::new(
                    Code::R0215,
                    file,
                    r.span,
                    format!(
                        "'{}' is geen geldig bereik: het einde ligt voor het begin.",
                        range_text(from, to, unit)
                    ),
                )
                .label("ongeldig bereik")
                .help("Schrijf het kleinste getal eerst, bv. '1 tot 2 kinderen: 1 punt'."),
            );
            continue;
        }
        rows.push((from, to, r));
    }
    rows.sort_by_key(|(f, t, r)| (*f, t.unwrap_or(u64::MAX), r.span.start));
    let covers_rest = !c.otherwise.is_empty();
    // the smallest value not yet covered (None: all covered up to infinity)
    let mut next: Option<u64> = Some(0);
    // the furthest-reaching row so far: its range and the row
    let mut reach: Option<(u64, Option<u64>, &CountRow)> = None;
    for &(from, to, r) in &rows {
        if let Some((pf, pt, pr)) = reach {
            if pt.is_none_or(|u| from <= u) {
                let shared_to = match (pt, to) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (Some(a), None) => Some(a),
                    (None, b) => b,
                };
                cx.push(
                    Diagnostic::new(
                        Code::R0202,
                        file,
                        r.span,
                        format!(
                            "In het criterium '{}' overlappen de rijen '{}' en '{}': {} valt in beide.",
                            c.code.value,
                            range_text(pf, pt, unit),
                            range_text(from, to, unit),
                            range_text(from, shared_to, unit)
                        ),
                    )
                    .label("overlapt")
                    .related(file, pr.span, "overlapt met deze rij")
                    .help("Maak de rijen disjunct: elk aantal valt in precies één rij."),
                );
            }
        }
        if let Some(n) = next {
            if from > n && !covers_rest {
                cx.push(
                    Diagnostic::new(
                        Code::R0201,
                        file,
                        r.span,
                        format!(
                            "Het criterium '{}' heeft geen rij voor {}: wie daar valt, krijgt geen punten.",
                            c.code.value,
                            range_text(n, Some(from - 1), unit)
                        ),
                    )
                    .label(format!("gat voor {}", range_text(n, Some(from - 1), unit)))
                    .help("Voeg een rij toe voor de ontbrekende aantallen, of een rij 'anders: N punten'."),
                );
            }
        }
        next = match (next, to) {
            (None, _) | (_, None) => None,
            (Some(n), Some(t)) => Some(n.max(t.saturating_add(1))),
        };
        let further = match reach {
            None => true,
            Some((_, None, _)) => false,
            Some((_, Some(u), _)) => to.is_none_or(|t| t > u),
        };
        if further {
            reach = Some((from, to, r));
        }
    }
    if let (Some(n), Some((_, _, r))) = (next, rows.last()) {
        if !covers_rest {
            cx.push(
                Diagnostic::new(
                    Code::R0201,
                    file,
                    r.span,
                    format!(
                        "Het criterium '{}' heeft geen rij voor {}: de tabel houdt hier op.",
                        c.code.value,
                        range_text(n, None, unit)
                    ),
                )
                .label("laatste rij")
                .help("Laat de laatste rij doorlopen met 'of meer' (bv. '10 of meer kinderen: 5 punten'), of voeg 'anders: N punten' toe."),
            );
        }
    }
}

/// Income brackets: per household type, higher categories have higher
/// ceilings; both household types have brackets.
fn brackets(cx: &mut Ctx<'_>, file: FileId, c: &Criterion) {
    if c.brackets.is_empty() {
        return;
    }
    let on = cx.m.valid_from().unwrap_or(cx.m.params.applies_from);
    for h in [Household::Alleenstaande, Household::Gezin] {
        let mut rows: Vec<&BracketRow> = c
            .brackets
            .iter()
            .filter(|r| r.household.value == h)
            .collect();
        if rows.is_empty() {
            let other = if h == Household::Gezin {
                "alleenstaanden"
            } else {
                "gezinnen"
            };
            let mine = if h == Household::Gezin {
                "gezinnen"
            } else {
                "alleenstaanden"
            };
            cx.push(
                Diagnostic::new(
                    Code::R0201,
                    file,
                    c.code.span,
                    format!(
                        "Het criterium '{}' heeft inkomensgrenzen voor {other}, maar niet voor {mine}.",
                        c.code.value
                    ),
                )
                .label(format!("geen rijen voor {mine}"))
                .help(format!(
                    "Voeg rijen '{} categorie 1: maximaal ... euro: N punten' toe.",
                    h.label()
                )),
            );
            continue;
        }
        rows.sort_by_key(|r| (r.category.value, r.span.start));
        for pair in rows.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.category.value == b.category.value {
                continue; // R0205 (duplicates)
            }
            let (Some(ca), Some(cb)) = (c.ceiling_on(a, on), c.ceiling_on(b, on)) else {
                continue; // R0210 (criteria)
            };
            if cb <= ca {
                cx.push(
                    Diagnostic::new(
                        Code::R0202,
                        file,
                        b.ceiling.span,
                        format!(
                            "Categorie {} voor een {} heeft een plafond van {}, niet hoger dan dat van categorie {} ({}): de inkomensschijven overlappen.",
                            b.category.value,
                            h.label(),
                            fmt::euro(cb),
                            a.category.value,
                            fmt::euro(ca)
                        ),
                    )
                    .label("niet hoger dan de vorige categorie")
                    .related(file, a.ceiling.span, format!("plafond van categorie {}", a.category.value))
                    .help("Geef elke hogere categorie een hoger plafond: categorie 1 loopt tot het eerste plafond, categorie 2 van daar tot het tweede."),
                );
            }
        }
    }
}

/// Thresholds reachable, and naming criteria of this frame.
fn thresholds(cx: &mut Ctx<'_>, file: FileId, w: &Wegingskader) {
    let find = |name: &str| w.criteria.iter().find(|c| c.code.value == name);
    let elsewhere = |name: &str| {
        cx.m.wegingskaders()
            .any(|(_, _, o)| o.criteria.iter().any(|c| c.code.value == name))
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    let not_here = |n: &Name| {
        Diagnostic::new(
            Code::R0203,
            file,
            n.span,
            format!(
                "Het wegingskader '{}' heeft geen criterium '{}' (een ander wegingskader wel).",
                w.name.value, n.value
            ),
        )
        .label("criterium van een ander wegingskader")
        .help("Noem enkel criteria van dit wegingskader.")
    };
    for t in &w.thresholds {
        match &t.scope {
            ThresholdScope::Criteria(list) => {
                for n in list {
                    match find(&n.value) {
                        Some(c) => {
                            let (_, max) = c.point_range();
                            if t.minimum.value > max {
                                found.push(
                                    Diagnostic::new(
                                        Code::R0209,
                                        file,
                                        t.minimum.span,
                                        format!(
                                            "De drempel vraagt minstens {} op '{}', maar dat criterium geeft hoogstens {}: niemand haalt de drempel.",
                                            fmt::n(t.minimum.value.into(), "punt", "punten"),
                                            c.code.value,
                                            fmt::n(max.into(), "punt", "punten")
                                        ),
                                    )
                                    .label("onbereikbaar")
                                    .related(file, c.code.span, format!("hoogstens {max}"))
                                    .help(format!(
                                        "Verlaag de drempel tot hoogstens {max}, of geef het criterium meer punten."
                                    )),
                                );
                            }
                        }
                        None if elsewhere(&n.value) => found.push(not_here(n)),
                        None => {} // R0203 (names)
                    }
                }
            }
            ThresholdScope::Total => {
                let max = w.max_total();
                if t.minimum.value > max {
                    found.push(
                        Diagnostic::new(
                            Code::R0209,
                            file,
                            t.minimum.span,
                            format!(
                                "De drempel vraagt minstens {} in totaal, maar het wegingskader geeft hoogstens {}: niemand haalt de drempel.",
                                fmt::n(t.minimum.value.into(), "punt", "punten"),
                                fmt::n(max.into(), "punt", "punten")
                            ),
                        )
                        .label("onbereikbaar")
                        .help(format!("Verlaag de drempel tot hoogstens {max} punten.")),
                    );
                }
            }
        }
    }
    for tb in w.tiebreaks.iter().flat_map(|t| &t.value) {
        if let TieBreak::MostPoints(n) = &tb.value {
            if find(&n.value).is_none() && elsewhere(&n.value) {
                found.push(not_here(n));
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// Every row of a table has one number per column.
fn columns(cx: &mut Ctx<'_>, file: FileId, t: &Table, what: &str) {
    let n = t.columns.len();
    if n == 0 {
        if !t.rows.is_empty() || !t.totals.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0214,
                    file,
                    t.span,
                    format!("De tabel {what} zegt niet welke kolommen ze heeft."),
                )
                .label("geen 'kolommen'")
                .help("Begin de tabel met 'kolommen: naam, naam, ...' (de doelgroepen, en eventueel 'woningen')."),
            );
        }
        return;
    }
    let names: Vec<&str> = t.columns.iter().map(|c| c.value.as_str()).collect();
    for row in t.rows.iter().chain(&t.totals) {
        if row.values.len() != n {
            cx.push(
                Diagnostic::new(
                    Code::R0214,
                    file,
                    row.span,
                    format!(
                        "Deze rij heeft {}, maar de tabel heeft {} ({}).",
                        fmt::n(row.values.len() as u64, "getal", "getallen"),
                        fmt::n(n as u64, "kolom", "kolommen"),
                        fmt::list(&names)
                    ),
                )
                .label(format!("{} verwacht", fmt::n(n as u64, "getal", "getallen")))
                .help("Geef elke rij één getal per kolom, in de volgorde van 'kolommen' (0 als er niets is)."),
            );
        }
    }
}
