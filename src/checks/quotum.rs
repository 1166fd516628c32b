//! How the numbers of `voorbehouden woningen` are read (issue 15): no
//! source says whether "N reserved dwellings" is a stock (N dwellings held
//! for the group, so that a year allocates only those of them that become
//! vacant) or N allocations per calendar year that any suitable dwelling
//! may fill. The reglement states it with `quotum: voorraad` or `quotum:
//! toewijzingen per jaar`; without it (R0285) the simulation reads them per
//! year and says so. Written twice: R0286.

use super::Ctx;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some((section, d)) = cx.m.doelgroepen() else {
        return;
    };
    let file = cx.m.main;
    for (i, q) in d.quotum.iter().enumerate().skip(1) {
        cx.push(
            Diagnostic::new(
                Code::R0286,
                file,
                q.span,
                "Het reglement zegt twee keer hoe de voorbehouden woningen gelezen worden.",
            )
            .label(format!("{}e keer", i + 1))
            .related(file, d.quotum[0].span, "eerste keer"),
        );
    }
    if !d.quotum.is_empty() || !cx.absence_checks() {
        return;
    }
    let reserved: u64 =
        cx.m.reserved_counts()
            .iter()
            .flat_map(|(_, per)| per.values())
            .sum();
    if reserved == 0 {
        return;
    }
    // the table's head, else the first named list, else the section's header
    let at = d
        .reserved
        .first()
        .map(|t| Span {
            start: t.span.start,
            end: (t.span.start + "voorbehouden woningen".len()).min(t.span.end),
        })
        .or_else(|| cx.m.named_lists().first().map(|l| l.list.span))
        .unwrap_or(section.header);
    cx.push(
        Diagnostic::new(
            Code::R0285,
            file,
            at,
            format!(
                "Het reglement zegt niet of de {reserved} voorbehouden woningen een voorraad zijn (een plaats komt vrij wanneer een van die woningen vrijkomt) of een aantal toewijzingen per jaar (elke geschikte woning vult een plaats, elk jaar opnieuw); de simulatie leest ze als toewijzingen per jaar."
            ),
        )
        .label("voorraad of toewijzingen per jaar?"),
    );
}
