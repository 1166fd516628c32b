//! C20 (R0120): pillar-4 allocations (bijzondere toewijzingen, interne
//! mutaties) are tagged kinds, and they stay out of the pillar-2 base: the
//! history and `basis ... zonder` name only declared kinds, and every kind
//! the history counts is left out of the base.

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{HistoriekRow, Name};
use std::collections::HashSet;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let kinds: HashSet<&str> = m
        .bijzonder()
        .map(|(_, b)| b.kinds.iter().map(|k| k.code.value.as_str()).collect())
        .unwrap_or_default();
    let declared_list = {
        let mut v: Vec<&str> = kinds.iter().copied().collect();
        v.sort_unstable();
        super::fmt::quoted_list(&v)
    };
    let unknown = |name: &str| !kinds.contains(name);
    let help = if m.bijzonder().is_some() {
        format!(
            "Gebruik een soort uit 'bijzondere toewijzingen' ({declared_list}), of voeg de soort daar toe met 'bijzondere toewijzing' of 'interne mutatie'."
        )
    } else {
        "Voeg een sectie 'bijzondere toewijzingen' toe met de soorten ('bijzondere toewijzing renovatie \"...\"', 'interne mutatie ...'), zodat ze buiten de aandelen en de basis blijven.".to_string()
    };
    let hfile = m.historiek().map_or(m.main, |(s, _)| m.file_of(s));
    let vfile = m.versneld().map_or(m.main, |(s, _)| m.file_of(s));
    let mut found: Vec<Diagnostic> = Vec::new();
    if !cx.broken {
        // an unknown kind is reported once, at its first use, with the
        // years that name it
        if let Some((_, h)) = m.historiek() {
            let mut seen: Vec<&str> = Vec::new();
            for row in &h.rows {
                for (_, kind) in &row.excluded {
                    if !unknown(&kind.value) || seen.contains(&kind.value.as_str()) {
                        continue;
                    }
                    seen.push(&kind.value);
                    let years: Vec<String> = h
                        .rows
                        .iter()
                        .filter(|r| r.excluded.iter().any(|(_, k)| k.value == kind.value))
                        .map(|r| r.year.value.to_string())
                        .collect();
                    let mut d = Diagnostic::new(
                        Code::R0120,
                        hfile,
                        kind.span,
                        format!(
                            "'{}' is geen soort bijzondere toewijzing of interne mutatie: enkel die verhuizingen (pijler 4) blijven buiten de basis (genoemd in {}).",
                            kind.value,
                            super::fmt::list(&years)
                        ),
                    )
                    .label("onbekende soort van pijler 4")
                    .help(help.clone());
                    for other in h
                        .rows
                        .iter()
                        .flat_map(|r| &r.excluded)
                        .filter(|(_, k)| k.value == kind.value && k.span != kind.span)
                    {
                        d = d.related(hfile, other.1.span, "ook hier");
                    }
                    found.push(d);
                }
            }
        }
        if let Some((_, v)) = m.versneld() {
            for b in &v.basis {
                for kind in b.without.iter().filter(|k| unknown(&k.value)) {
                    found.push(
                        Diagnostic::new(
                            Code::R0120,
                            vfile,
                            kind.span,
                            format!(
                                "'{}' is geen soort bijzondere toewijzing of interne mutatie: de basis laat enkel verhuizingen van pijler 4 weg.",
                                kind.value
                            ),
                        )
                        .label("onbekende soort van pijler 4")
                        .help(help.clone()),
                    );
                }
            }
        }
    }
    // every pillar-4 kind the history counts is left out of the base: once
    // per kind, with the years and the number of moves
    let basis = m.versneld().and_then(|(_, v)| v.basis.first());
    if let (Some(b), Some((_, h))) = (basis, m.historiek()) {
        if !b.without.is_empty() {
            let left_out: HashSet<&str> = b.without.iter().map(|k| k.value.as_str()).collect();
            let mut kinds_in_order: Vec<&str> = Vec::new();
            for row in &h.rows {
                for (_, kind) in &row.excluded {
                    if kinds.contains(kind.value.as_str())
                        && !left_out.contains(kind.value.as_str())
                        && !kinds_in_order.contains(&kind.value.as_str())
                    {
                        kinds_in_order.push(&kind.value);
                    }
                }
            }
            for kind in kinds_in_order {
                let uses: Vec<(&HistoriekRow, &(crate::span::Spanned<u64>, Name))> = h
                    .rows
                    .iter()
                    .flat_map(|r| r.excluded.iter().map(move |e| (r, e)))
                    .filter(|(_, (_, k))| k.value == kind)
                    .collect();
                let total: u64 = uses.iter().map(|(_, (n, _))| n.value).sum();
                let years: Vec<String> =
                    uses.iter().map(|(r, _)| r.year.value.to_string()).collect();
                let Some((_, (_, first))) = uses.first() else {
                    continue;
                };
                let mut d = Diagnostic::new(
                    Code::R0120,
                    hfile,
                    first.span,
                    format!(
                        "De {total} toewijzingen '{kind}' ({}) zijn van pijler 4, maar de basis laat ze niet weg: zo tellen ze mee in de basis van de versnelde toewijzing.",
                        super::fmt::list(&years)
                    ),
                )
                .label("telt mee in de basis")
                .related(vfile, b.span, "basis");
                for (_, (_, k)) in uses.iter().skip(1) {
                    d = d.related(hfile, k.span, "ook hier");
                }
                found.push(d.help(format!(
                    "Voeg '{kind}' toe aan 'basis: gemiddelde van ... jaar zonder ...': verhuizingen van pijler 4 tellen niet mee voor de aandelen en de basis."
                )));
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}
