//! C19 (R0119): a stated total equals the sum of its rows — the dwellings of
//! the werkingsgebied, the columns of the reserved-dwellings table and of a
//! regional verdeelsleutel — and the reglement's own reserved dwellings match
//! its row in the regional verdeelsleutel. The Kempen note's table fails it:
//! its totals are the sum of four of its six rows, and the error names them
//! (a bounded search over the rows) without correcting a number. A row
//! marked `buiten het totaal` is left out of the sum.

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
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
                    Code::R0003,
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
                    Code::R0119,
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

/// The `totaal` rows of a table against the sums of its columns (the rows
/// marked `buiten het totaal` left out). When the stated totals differ,
/// and some rows add up to every stated total at once, the error names
/// them; it never changes a number.
fn table(cx: &mut Ctx<'_>, file: FileId, t: &Table, what: &str) {
    let n = t.columns.len();
    if n == 0 {
        return;
    }
    if t.rows.iter().any(|r| r.values.len() != n) {
        return; // R0214: the sums would not mean anything
    }
    let mut sums = vec![0u64; n];
    for row in t.counted_rows() {
        for (s, v) in sums.iter_mut().zip(&row.values) {
            *s += v.value;
        }
    }
    for total in t.totals.iter().filter(|r| r.values.len() == n) {
        let stated: Vec<u64> = total.values.iter().map(|v| v.value).collect();
        if stated == sums {
            continue;
        }
        if let Some(found) = subset_with_totals(t, &stated) {
            named_subset(cx, file, t, total, what, &sums, &found);
            continue;
        }
        for ((stated, sum), col) in total.values.iter().zip(&sums).zip(&t.columns) {
            if stated.value != *sum {
                cx.push(
                    Diagnostic::new(
                        Code::R0119,
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
                    .help("Verbeter het totaal of de rijen: het totaal is de som van de rijen. Geen andere keuze van rijen geeft alle vermelde totalen samen."),
                );
            }
        }
    }
}

/// At most this many rows are searched for a subset that gives the stated
/// totals (2^25 combinations, pruned); a larger table gets the plain error.
const SUBSET_MAX_ROWS: usize = 25;
/// A bound on the search's steps, so a check never takes long.
const SUBSET_MAX_STEPS: u64 = 4_000_000;

/// The choices of rows (by index) that add up to every column's stated
/// total at once, fewest rows first (at most [`SUBSET_SHOWN`]); `more` when
/// the search found others too. Rows of only zeros are always in. `None`
/// when no choice does, the table is too large, or the search ran out of
/// steps.
struct Subset {
    choices: Vec<Vec<usize>>,
    more: bool,
}

/// How many choices of rows an error names.
const SUBSET_SHOWN: usize = 3;

fn subset_with_totals(t: &Table, stated: &[u64]) -> Option<Subset> {
    let rows: Vec<(usize, &TableRow)> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.values.iter().any(|v| v.value != 0))
        .collect();
    if rows.len() > SUBSET_MAX_ROWS {
        return None;
    }
    let zero: Vec<usize> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.values.iter().all(|v| v.value == 0))
        .map(|(i, _)| i)
        .collect();
    let values: Vec<Vec<u64>> = rows
        .iter()
        .map(|(_, r)| r.values.iter().map(|v| v.value).collect())
        .collect();
    // suffix[i][c]: what rows i.. can still add in column c
    let cols = stated.len();
    let mut suffix = vec![vec![0u64; cols]; values.len() + 1];
    for i in (0..values.len()).rev() {
        for c in 0..cols {
            suffix[i][c] = suffix[i + 1][c].saturating_add(values[i][c]);
        }
    }
    let mut search = Search {
        values: &values,
        suffix: &suffix,
        stated,
        chosen: Vec::new(),
        found: Vec::new(),
        steps: 0,
    };
    let mut partial = vec![0u128; cols];
    search.walk(0, &mut partial);
    if search.steps > SUBSET_MAX_STEPS || search.found.is_empty() {
        return None;
    }
    let mut choices: Vec<Vec<usize>> = search
        .found
        .into_iter()
        .map(|f| {
            let mut out: Vec<usize> = f
                .into_iter()
                .map(|i| rows[i].0)
                .chain(zero.iter().copied())
                .collect();
            out.sort_unstable();
            out
        })
        .collect();
    choices.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let more = choices.len() > SUBSET_SHOWN;
    choices.truncate(SUBSET_SHOWN);
    Some(Subset { choices, more })
}

struct Search<'a> {
    values: &'a [Vec<u64>],
    suffix: &'a [Vec<u64>],
    stated: &'a [u64],
    chosen: Vec<usize>,
    /// Up to a few subsets found (enough to tell one from many).
    found: Vec<Vec<usize>>,
    steps: u64,
}

impl Search<'_> {
    fn walk(&mut self, i: usize, partial: &mut [u128]) {
        self.steps += 1;
        if self.steps > SUBSET_MAX_STEPS || self.found.len() >= 8 {
            return;
        }
        // prune: over a total, or the rest cannot reach it
        let hopeless =
            partial
                .iter()
                .zip(self.stated)
                .zip(&self.suffix[i])
                .any(|((&p, &want), &rest)| {
                    p > u128::from(want) || p + u128::from(rest) < u128::from(want)
                });
        if hopeless {
            return;
        }
        if i == self.values.len() {
            self.found.push(self.chosen.clone());
            return;
        }
        // with row i first, so that larger subsets are found first
        for (p, &v) in partial.iter_mut().zip(&self.values[i]) {
            *p += u128::from(v);
        }
        self.chosen.push(i);
        self.walk(i + 1, partial);
        self.chosen.pop();
        for (p, &v) in partial.iter_mut().zip(&self.values[i]) {
            *p -= u128::from(v);
        }
        self.walk(i + 1, partial);
    }
}

/// One error for a total row that some rows do add up to: it names those
/// rows (every choice that does, fewest rows first), points at the rows
/// left out, and says when one row is the sum of others; the toewijzingsraad
/// decides.
fn named_subset(
    cx: &mut Ctx<'_>,
    file: FileId,
    t: &Table,
    total: &TableRow,
    what: &str,
    sums: &[u64],
    found: &Subset,
) {
    let names = |rows: &[usize]| -> Vec<&str> {
        rows.iter()
            .map(|&i| t.rows[i].name.value.as_str())
            .collect()
    };
    let numbers = |v: &[u64]| -> String {
        let parts: Vec<String> = v.iter().map(|x| fmt::count(*x)).collect();
        fmt::list(&parts)
    };
    let stated: Vec<u64> = total.values.iter().map(|v| v.value).collect();
    let columns: Vec<&str> = t.columns.iter().map(|c| c.value.as_str()).collect();
    let first = &found.choices[0];
    let left_out: Vec<usize> = (0..t.rows.len()).filter(|i| !first.contains(i)).collect();
    let alternatives: Vec<String> = found.choices.iter().map(|c| fmt::list(&names(c))).collect();
    let mut sentence = format!(
        "De totalen van {what} ({}: {}) zijn niet de som van de rijen die ze tellen ({}), maar wel precies de som van {}",
        fmt::list(&columns),
        numbers(&stated),
        numbers(sums),
        alternatives.join(", of van "),
    );
    if found.more {
        sentence.push_str(" (en nog andere keuzes van rijen)");
    }
    sentence.push('.');
    // a row that is exactly the sum of others: why two choices fit
    for other in found.choices.iter().skip(1) {
        let only_first: Vec<usize> = first
            .iter()
            .copied()
            .filter(|i| !other.contains(i))
            .collect();
        let only_other: Vec<usize> = other
            .iter()
            .copied()
            .filter(|i| !first.contains(i))
            .collect();
        if let ([one], [_, _, ..]) = (only_first.as_slice(), only_other.as_slice()) {
            sentence.push_str(&format!(
                " De rij {} is in elke kolom de som van {}.",
                t.rows[*one].name.value,
                fmt::list(&names(&only_other))
            ));
        }
    }
    let mut d = Diagnostic::new(Code::R0119, file, total.span, sentence)
        .label(format!("de som van {}", fmt::list(&names(first))));
    for &i in &left_out {
        let r = &t.rows[i];
        let label = if r.outside_total.is_some() {
            "buiten het totaal"
        } else {
            "niet in het vermelde totaal"
        };
        d = d.related(file, r.name.span, label);
    }
    let marked_in: Vec<usize> = first
        .iter()
        .copied()
        .filter(|&i| t.rows[i].outside_total.is_some())
        .collect();
    for &i in &marked_in {
        d = d.related(file, t.rows[i].name.span, "wel in het vermelde totaal");
    }
    let to_mark: Vec<usize> = left_out
        .iter()
        .copied()
        .filter(|&i| t.rows[i].outside_total.is_none())
        .collect();
    let help = if to_mark.is_empty() && marked_in.is_empty() {
        "De compiler verbetert geen getal: de toewijzingsraad beslist of het totaal klopt; verbeter het totaal.".to_string()
    } else if left_out.is_empty() {
        "De compiler verbetert geen getal. Het vermelde totaal is de som van alle rijen: schrap 'buiten het totaal', of verbeter het totaal.".to_string()
    } else {
        format!(
            "De compiler verbetert geen getal: de toewijzingsraad beslist welke lezing geldt. Gaat het totaal over {}, zet dan 'buiten het totaal motivering \"…\"' achter {}{}; anders verbeter het totaal.",
            fmt::list(&names(first)),
            fmt::list(&names(&to_mark)),
            if marked_in.is_empty() {
                ""
            } else {
                " en schrap het bij de andere rijen"
            }
        )
    };
    cx.push(d.help(help));
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
    // also "LeefGoed Neteland" for the deelwerkingsgebied Neteland of LeefGoed
    let Some(row) = m.member_row(key) else {
        if !cx.broken && !own.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0203,
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
                            Code::R0119,
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
                        Code::R0119,
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
