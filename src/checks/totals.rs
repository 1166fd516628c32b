//! C19 (R0119): a stated total equals the sum of its rows — the dwellings of
//! the werkingsgebied, the columns of the reserved-dwellings table and of a
//! regional verdeelsleutel — and the reglement's own reserved dwellings match
//! its row in the regional verdeelsleutel. The Kempen note's table fails it.

use super::fmt;
use super::Ctx;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    frames(cx);
    werkingsgebied(cx);
    if let Some((_, d)) = cx.m.doelgroepen() {
        for t in &d.reserved {
            table(cx, cx.m.main, t, "de voorbehouden woningen");
        }
    }
    let keys: Vec<_> = cx.m.verdeelsleutels().collect();
    for (file, _, v) in keys {
        table(
            cx,
            file,
            &v.table,
            &format!("de verdeelsleutel '{}'", v.name.value),
        );
    }
    against_key(cx);
}

/// A weighting frame whose highest total does not fit the engine's count of
/// points (a `u32`): refused, so that no plan, document or ranking carries
/// a total that wrapped or was cut off.
fn frames(cx: &mut Ctx<'_>) {
    let frames: Vec<_> = cx.m.wegingskaders().collect();
    for (file, _, w) in frames {
        let total = w.max_total_exact();
        if total > u64::from(u32::MAX) {
            cx.push(
                Diagnostic::new(
                    "R0003",
                    file,
                    w.name.span,
                    format!(
                        "Het wegingskader '{}' geeft samen hoogstens {} punten; een kandidaat kan hoogstens {} punten halen.",
                        w.name.value,
                        fmt::count(total),
                        fmt::count(u64::from(u32::MAX))
                    ),
                )
                .label(format!("samen {} punten", fmt::count(total)))
                .help("Geef de criteria minder punten: het totaal van de hoogste punten van elk criterium telt."),
            );
        }
    }
}

fn werkingsgebied(cx: &mut Ctx<'_>) {
    let Some((ws, w)) = cx.m.werkingsgebied() else {
        return;
    };
    // a total of rows that do not all state their dwellings cannot be checked
    if w.gemeenten.iter().any(|g| !g.stated) {
        return;
    }
    let file = cx.file_of(ws);
    let sum: u64 = w.gemeenten.iter().map(|g| g.woningen.value).sum();
    for t in &w.totaal {
        if t.value != sum {
            cx.push(
                Diagnostic::new(
                    "R0119",
                    file,
                    t.span,
                    format!(
                        "Het werkingsgebied vermeldt {} woningen in totaal, maar de gemeenten tellen samen {} woningen.",
                        fmt::count(t.value),
                        fmt::count(sum)
                    ),
                )
                .label(format!("som van de gemeenten: {}", fmt::count(sum)))
                .help("Verbeter het totaal of het aantal woningen van een gemeente: het totaal is de som van de gemeenten."),
            );
        }
    }
}

/// The `totaal` rows of a table against the sums of its columns.
fn table(cx: &mut Ctx<'_>, file: FileId, t: &Table, what: &str) {
    let n = t.columns.len();
    if n == 0 {
        return;
    }
    if t.rows.iter().any(|r| r.values.len() != n) {
        return; // R0214: the sums would not mean anything
    }
    let mut sums = vec![0u64; n];
    for row in &t.rows {
        for (s, v) in sums.iter_mut().zip(&row.values) {
            *s += v.value;
        }
    }
    for total in t.totals.iter().filter(|r| r.values.len() == n) {
        for ((stated, sum), col) in total.values.iter().zip(&sums).zip(&t.columns) {
            if stated.value != *sum {
                cx.push(
                    Diagnostic::new(
                        "R0119",
                        file,
                        stated.span,
                        format!(
                            "Het totaal van '{}' in {what} is {}, maar de rijen tellen samen {}.",
                            col.value,
                            fmt::count(stated.value),
                            fmt::count(*sum)
                        ),
                    )
                    .label(format!("som van de rijen: {}", fmt::count(*sum)))
                    .related(file, col.span, "deze kolom")
                    .help("Verbeter het totaal of de rijen: het totaal is de som van de rijen."),
                );
            }
        }
    }
}

/// The reglement's reserved dwellings (and its patrimony) against its own
/// row of the regional verdeelsleutel it uses.
fn against_key(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let Some((_, d)) = m.doelgroepen() else {
        return;
    };
    let Some(key_name) = d.verdeelsleutel.first() else {
        return;
    };
    let Some((key_file, _, key)) = m
        .verdeelsleutels()
        .find(|(_, _, v)| v.name.value == key_name.value)
    else {
        return; // unknown name: R0203
    };
    let Some((_, id)) = m.identity() else {
        return;
    };
    let own: Vec<&str> = id
        .afkorting
        .iter()
        .map(|a| a.value.as_str())
        .chain(id.woonmaatschappij.iter().map(|w| w.value.as_str()))
        .collect();
    let Some(row) = key
        .table
        .rows
        .iter()
        .find(|r| own.contains(&r.name.value.as_str()))
    else {
        if !cx.broken && !own.is_empty() {
            cx.push(
                Diagnostic::new(
                    "R0203",
                    m.main,
                    key_name.span,
                    format!(
                        "De verdeelsleutel '{}' heeft geen rij voor deze woonmaatschappij ({}).",
                        key_name.value,
                        fmt::or_list(&own)
                    ),
                )
                .label("geen rij voor deze woonmaatschappij")
                .related(key_file, key.name.span, "deze verdeelsleutel")
                .help("Geef de rij in de verdeelsleutel dezelfde naam als de afkorting van de woonmaatschappij in 'reglement'."),
            );
        }
        return;
    };
    if row.values.len() != key.table.columns.len() {
        return; // R0214
    }
    for (col, value) in key.table.columns.iter().zip(&row.values) {
        if col.value == "woningen" {
            if let Some((ws, w)) = m
                .werkingsgebied()
                .filter(|(_, w)| w.gemeenten.iter().all(|g| g.stated))
            {
                let sum: u64 = w.gemeenten.iter().map(|g| g.woningen.value).sum();
                if sum != value.value {
                    let span = w.totaal.first().map_or(ws.header, |t| t.span);
                    cx.push(
                        Diagnostic::new(
                            "R0119",
                            m.file_of(ws),
                            span,
                            format!(
                                "Het werkingsgebied telt {} woningen, maar de regionale verdeelsleutel vermeldt er {} voor {}.",
                                fmt::count(sum),
                                fmt::count(value.value),
                                row.name.value
                            ),
                        )
                        .label(format!("verdeelsleutel: {}", fmt::count(value.value)))
                        .related(key_file, value.span, "in de verdeelsleutel")
                        .help("Breng het werkingsgebied en de verdeelsleutel in overeenstemming."),
                    );
                }
            }
            continue;
        }
        for t in &d.reserved {
            let Some(ci) = t.columns.iter().position(|c| c.value == col.value) else {
                continue;
            };
            let sum: u64 = t
                .rows
                .iter()
                .filter(|r| r.values.len() == t.columns.len())
                .map(|r| r.values[ci].value)
                .sum();
            if sum != value.value {
                cx.push(
                    Diagnostic::new(
                        "R0119",
                        m.main,
                        t.columns[ci].span,
                        format!(
                            "De voorbehouden woningen voor '{}' tellen samen {}, maar de regionale verdeelsleutel kent {} er {} toe.",
                            col.value,
                            fmt::count(sum),
                            row.name.value,
                            fmt::count(value.value)
                        ),
                    )
                    .label(format!("samen {}", fmt::count(sum)))
                    .related(key_file, value.span, "in de verdeelsleutel")
                    .help("Verdeel over de gemeenten precies zoveel woningen als de verdeelsleutel de woonmaatschappij toekent."),
                );
            }
        }
    }
}
