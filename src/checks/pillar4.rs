//! C20 (R0120): pillar-4 allocations (bijzondere toewijzingen, interne
//! mutaties) are tagged kinds, and they stay out of the pillar-2 base: the
//! history and `basis ... zonder` name only declared kinds, and every kind
//! the history counts is left out of the base.

use super::Ctx;
use crate::diagnostic::Diagnostic;
use std::collections::HashSet;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let file = m.main;
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
    let mut found: Vec<Diagnostic> = Vec::new();
    if !cx.broken {
        if let Some((_, h)) = m.historiek() {
            for row in &h.rows {
                for (_, kind) in &row.excluded {
                    if unknown(&kind.value) {
                        found.push(
                            Diagnostic::new(
                                "R0120",
                                file,
                                kind.span,
                                format!(
                                    "'{}' is geen soort bijzondere toewijzing of interne mutatie: enkel die verhuizingen (pijler 4) blijven buiten de basis.",
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
        if let Some((_, v)) = m.versneld() {
            for b in &v.basis {
                for kind in b.without.iter().filter(|k| unknown(&k.value)) {
                    found.push(
                        Diagnostic::new(
                            "R0120",
                            file,
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
    // every pillar-4 kind the history counts is left out of the base
    let basis = m.versneld().and_then(|(_, v)| v.basis.first());
    if let (Some(b), Some((_, h))) = (basis, m.historiek()) {
        if !b.without.is_empty() {
            let left_out: HashSet<&str> = b.without.iter().map(|k| k.value.as_str()).collect();
            for row in &h.rows {
                for (count, kind) in &row.excluded {
                    if kinds.contains(kind.value.as_str())
                        && !left_out.contains(kind.value.as_str())
                    {
                        found.push(
                            Diagnostic::new(
                                "R0120",
                                file,
                                kind.span,
                                format!(
                                    "De {} toewijzingen '{}' van {} zijn van pijler 4, maar de basis laat ze niet weg: zo tellen ze mee in de basis van de versnelde toewijzing.",
                                    count.value, kind.value, row.year.value
                                ),
                            )
                            .label("telt mee in de basis")
                            .related(file, b.span, "basis")
                            .help(format!(
                                "Voeg '{}' toe aan 'basis: gemiddelde van ... jaar zonder ...': verhuizingen van pijler 4 tellen niet mee voor de aandelen en de basis.",
                                kind.value
                            )),
                        );
                    }
                }
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}
