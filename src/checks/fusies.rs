//! Gemeentefusies (R0230–R0232): the gemeenten a reglement names, against
//! the mergers of 1 January 2019 and 1 January 2025 ([`crate::gemeenten`]),
//! on the reglement's date of validity.
//!
//! - R0230 (error): a gemeente that no longer exists on the date of
//!   validity ("Ham" in a reglement valid from 2025-01-01), with the
//!   gemeente it merged into as a suggestion the editor can apply;
//! - R0231 (warning): a gemeente that merges while the reglement is in
//!   force (no end date before the merger): from that day a ranking counts
//!   it as its successor, and a new version should name the new gemeente;
//! - R0232 (warning): a merged gemeente named before it exists ("Tessenderlo-
//!   Ham" in a reglement valid from 2024): until the merger the reglement
//!   would have to name its parts.
//!
//! A name that is no Flemish gemeente at all is not reported here (test
//! reglementen use made-up gemeenten; a misspelt name the werkingsgebied
//! does not define is R0203).

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::gemeenten::{self, Voormalig};
use crate::model::SymbolKind;
use crate::nl;
use crate::span::Span;
use chrono::NaiveDate;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let Some(from) = m.valid_from() else {
        return;
    };
    let until = m
        .identity()
        .and_then(|(_, id)| id.geldig.first())
        .and_then(|v| v.until.as_ref())
        .map(|u| u.value);
    // every place the main file names a gemeente: its definitions (the
    // werkingsgebied) and its uses, each once
    let mut places: Vec<(&str, Span, bool)> = m
        .symbols
        .iter()
        .filter(|s| s.kind == SymbolKind::Gemeente && s.file == m.main)
        .map(|s| (s.name.as_str(), s.span, true))
        .chain(
            m.references
                .iter()
                .filter(|r| r.kind == SymbolKind::Gemeente && r.file == m.main)
                .map(|r| (r.name.as_str(), r.span, false)),
        )
        .collect();
    places.sort_by_key(|&(_, span, def)| (span.start, span.end, !def));
    places.dedup_by_key(|p| (p.1.start, p.1.end));
    for (name, span, definition) in places {
        if let Some(v) = gemeenten::voormalig(name, from) {
            former(cx, name, span, from, v, definition);
        } else if definition {
            merges_later(cx, name, span, from, until);
            not_yet(cx, name, span, from);
        }
    }
}

/// How a name is written in the language: as it is when it is one word
/// (letters, digits, '-', '_', '''), else between quotes.
fn as_written(name: &str) -> String {
    let word = name.chars().next().is_some_and(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''));
    if word {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}

/// The other gemeenten of the merger that made `nu` (for "samen met …").
fn partners(nu: &str, day: NaiveDate, name: &str) -> Vec<String> {
    gemeenten::fusie_of(nu, day)
        .map(|f| {
            let mut v: Vec<String> = f
                .delen
                .iter()
                .map(|&i| gemeenten::row(i).naam.to_string())
                .filter(|n| !n.eq_ignore_ascii_case(name.trim()))
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .unwrap_or_default()
}

fn former(
    cx: &mut Ctx<'_>,
    name: &str,
    span: Span,
    from: NaiveDate,
    v: Voormalig,
    definition: bool,
) {
    let merged = v.tot.succ_opt().unwrap_or(v.tot);
    let others = partners(v.nu, merged, name);
    let with = if others.is_empty() {
        String::new()
    } else {
        format!(" samen met {}", crate::engine::outcome::and_list(&others))
    };
    let m = cx.m;
    let message = format!(
        "{} bestaat niet meer op de geldigheidsdatum van het reglement ({}): het ging op {}{with} op in {}. Bedoelt u '{}'?",
        v.naam,
        nl::date(from),
        nl::date(merged),
        v.nu,
        as_written(v.nu)
    );
    cx.push(
        Diagnostic::new(Code::R0230, m.main, span, message)
            .label(format!("sinds {} deel van {}", nl::date(merged), v.nu))
            .help(format!(
                "Noem de gemeente zoals ze heet op de geldigheidsdatum: {}{}. Wie vroeger in {} woonde, telt voor de woonbinding mee in {}: de rangschikking rekent een voormalige gemeente mee voor haar fusiegemeente, ook als een woonhistoriek of een registeruittreksel de oude naam gebruikt.",
                v.nu,
                if others.is_empty() || !definition {
                    String::new()
                } else {
                    format!(
                        " (in het werkingsgebied één rij voor de woningen van {} en {})",
                        v.naam,
                        crate::engine::outcome::and_list(&others)
                    )
                },
                v.naam,
                v.nu
            )),
    );
}

/// The row of the gemeente a name means on `from`, if it ends later
/// (it merges while the reglement is in force).
fn merges_later(
    cx: &mut Ctx<'_>,
    name: &str,
    span: Span,
    from: NaiveDate,
    until: Option<NaiveDate>,
) {
    let Some(i) = gemeenten::on(name, from) else {
        return;
    };
    let g = gemeenten::row(i);
    let (Some(tot), Some(next)) = (g.tot, g.opvolger) else {
        return;
    };
    let merged = tot.succ_opt().unwrap_or(tot);
    if until.is_some_and(|u| u < merged) || !g.bestaat_op(from) {
        return;
    }
    let nu = gemeenten::row(next).naam;
    if nu.eq_ignore_ascii_case(g.naam) {
        // the gemeente keeps its name (Antwerpen took in Borsbeek)
        return;
    }
    let others = partners(nu, merged, name);
    let m = cx.m;
    cx.push(
        Diagnostic::new(
            Code::R0231,
            m.main,
            span,
            format!(
                "{} gaat op {}{} op in {}, terwijl dit reglement dan nog geldt (vanaf {}, zonder einddatum ervoor).",
                g.naam,
                nl::date(merged),
                if others.is_empty() {
                    String::new()
                } else {
                    format!(" samen met {}", crate::engine::outcome::and_list(&others))
                },
                nu,
                nl::date(from)
            ),
        )
        .label(format!("vanaf {} deel van {nu}", nl::date(merged)))
        .help(format!(
            "Vanaf {} rangschikt de engine {} als {nu}: een woning daar, een voorkeur of een woonhistoriek met {} of {nu} tellen dan als dezelfde gemeente. Leg voor de fusiegemeente een nieuwe versie vast die geldt vanaf {} en {nu} noemt, of zet een einddatum ('geldig vanaf … tot …').",
            nl::date(merged),
            g.naam,
            g.naam,
            nl::date(merged)
        )),
    );
}

/// A merged gemeente named before the day it exists.
fn not_yet(cx: &mut Ctx<'_>, name: &str, span: Span, from: NaiveDate) {
    let Some(i) = gemeenten::on(name, from) else {
        return;
    };
    let g = gemeenten::row(i);
    let Some(van) = g.van.filter(|v| *v > from) else {
        return;
    };
    let Some(f) = gemeenten::fusie_of(g.naam, van) else {
        return;
    };
    let mut parts: Vec<String> = f
        .delen
        .iter()
        .map(|&p| gemeenten::row(p).naam.to_string())
        .collect();
    parts.sort();
    parts.dedup();
    let parts = crate::engine::outcome::and_list(&parts);
    let m = cx.m;
    cx.push(
        Diagnostic::new(
            Code::R0232,
            m.main,
            span,
            format!(
                "{} bestaat pas vanaf {} (de fusie van {parts}); dit reglement geldt vanaf {}.",
                g.naam,
                nl::date(van),
                nl::date(from)
            ),
        )
        .label(format!("bestaat pas vanaf {}", nl::date(van)))
        .help(format!(
            "Zet de geldigheidsdatum op {} of later, of noem tot dan {parts}: voor een peildatum voor de fusie is niet te zeggen in welke van die gemeenten een verblijf in '{}' lag.",
            nl::date(van),
            g.naam
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn a_name_with_a_space_is_quoted() {
        assert_eq!(as_written("Tessenderlo-Ham"), "Tessenderlo-Ham");
        assert_eq!(as_written("Nazareth-De Pinte"), "\"Nazareth-De Pinte\"");
        assert_eq!(
            as_written("Beveren-Kruibeke-Zwijndrecht"),
            "Beveren-Kruibeke-Zwijndrecht"
        );
    }
}
