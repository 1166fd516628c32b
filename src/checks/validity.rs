//! Dates of validity: the model applies from its legal start (C18, R0118),
//! the registration conditions of every year of validity are known (C17,
//! R0117), and dates are in order (R0207): a period ends after it starts,
//! the regional file is in force when the reglement is, and decisions
//! precede the date from which they apply.

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;
use crate::syntax::ast::*;
use chrono::Datelike;

/// The most years of validity C17 looks at (a period "until 9999" is open).
const YEARS_CHECKED: i32 = 50;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut periods: Vec<(FileId, &Validity)> = Vec::new();
    if let Some((_, id)) = m.identity() {
        periods.extend(id.geldig.first().map(|v| (m.main, v)));
    }
    for (file, s) in m.sections() {
        if let SectionBody::Regio(r) = &s.body {
            periods.extend(r.geldig.first().map(|v| (file, v)));
        }
    }
    for (file, v) in &periods {
        order(cx, *file, v);
        model_start(cx, *file, v);
    }
    if let Some((_, id)) = m.identity() {
        if let Some(v) = id.geldig.first() {
            registration(cx, v);
            regional(cx, v);
            decisions(cx, v);
        }
    }
}

fn order(cx: &mut Ctx<'_>, file: FileId, v: &Validity) {
    if let Some(until) = &v.until {
        if until.value <= v.from.value {
            cx.push(
                Diagnostic::new(
                    Code::R0207,
                    file,
                    until.span,
                    format!(
                        "De einddatum ({}) ligt niet na de begindatum ({}).",
                        fmt::date(until.value),
                        fmt::date(v.from.value)
                    ),
                )
                .label("voor de begindatum")
                .related(file, v.from.span, "begindatum")
                .help("Schrijf 'geldig vanaf BEGIN tot EINDE' met het einde na het begin."),
            );
        }
    }
}

/// C18.
fn model_start(cx: &mut Ctx<'_>, file: FileId, v: &Validity) {
    let start = cx.m.params.model_start;
    if v.from.value < start && v.from.value != chrono::NaiveDate::MIN {
        cx.push(
            Diagnostic::new(
                Code::R0118,
                file,
                v.from.span,
                format!(
                    "Deze regels gelden vanaf {}, maar het toewijzingsmodel met vier pijlers geldt pas vanaf {}.",
                    fmt::date(v.from.value),
                    fmt::date(start)
                ),
            )
            .label("te vroeg")
            .help(format!(
                "Kies een geldigheidsdatum vanaf {}: voor die dag gelden de oude toewijzingsregels. Wat van de datum afhangt (de jaren van de toewijzingshistoriek, de inkomensgrenzen, de datum van het regionale kader) wordt gecontroleerd zodra de datum klopt.",
                fmt::date(start)
            )),
        );
    }
}

/// C17: the registration conditions (income limits) of every year of validity.
fn registration(cx: &mut Ctx<'_>, v: &Validity) {
    if v.from.value == chrono::NaiveDate::MIN {
        return;
    }
    let first = v.from.value.year();
    let last = v
        .until
        .as_ref()
        .map_or(first, |u| u.value.year())
        .clamp(first, first + YEARS_CHECKED);
    let missing: Vec<String> = (first..=last)
        .filter(|y| cx.m.params.income_limits_for(*y).is_none())
        .map(|y| y.to_string())
        .collect();
    if missing.is_empty() {
        return;
    }
    let known: Vec<String> =
        cx.m.params
            .income_limits
            .iter()
            .map(|l| l.year.to_string())
            .collect();
    cx.push(
        Diagnostic::new(
            Code::R0117,
            cx.m.main,
            v.span,
            format!(
                "De compiler kent de inkomensgrenzen voor inschrijvingen in {} nog niet (wel voor {}).",
                fmt::list(&missing),
                fmt::list(&known)
            ),
        )
        .label("inkomensgrenzen onbekend")
    );
}

/// The regional file is in force on the reglement's date of validity.
fn regional(cx: &mut Ctx<'_>, v: &Validity) {
    let m = cx.m;
    let Some(rf) = m.regio else {
        return;
    };
    for (file, s) in m.sections().filter(|(f, _)| *f == rf) {
        let SectionBody::Regio(r) = &s.body else {
            continue;
        };
        let Some(rv) = r.geldig.first() else {
            continue;
        };
        if rv.from.value > v.from.value {
            cx.push(
                Diagnostic::new(
                    Code::R0207,
                    m.main,
                    v.from.span,
                    format!(
                        "Het reglement geldt vanaf {}, maar het regionale kader pas vanaf {}.",
                        fmt::date(v.from.value),
                        fmt::date(rv.from.value)
                    ),
                )
                .label("voor het regionale kader")
                .related(file, rv.from.span, "begin van het regionale kader")
                .help("Laat het reglement niet vroeger ingaan dan het regionale kader dat het gebruikt."),
            );
        } else if let Some(until) = &rv.until {
            if until.value < v.from.value {
                cx.push(
                    Diagnostic::new(
                        Code::R0207,
                        m.main,
                        v.from.span,
                        format!(
                            "Het reglement geldt vanaf {}, maar het regionale kader geldt maar tot {}.",
                            fmt::date(v.from.value),
                            fmt::date(until.value)
                        ),
                    )
                    .label("na het regionale kader")
                    .related(file, until.span, "einde van het regionale kader")
                    .help("Gebruik een regionaal kader dat geldt op de geldigheidsdatum van het reglement."),
                );
            }
        }
    }
}

/// Decisions (gemeenteraad, consensus) taken after the date from which the
/// reglement applies: allowed only with retroactive effect, so a warning.
fn decisions(cx: &mut Ctx<'_>, v: &Validity) {
    let m = cx.m;
    let from = v.from.value;
    let mut late: Vec<(crate::span::Span, String, chrono::NaiveDate)> = Vec::new();
    for (_, g) in m.gemeente_secties() {
        for c in &g.council {
            if c.date.value > from {
                late.push((
                    c.date.span,
                    format!("De gemeenteraad van {}", g.gemeente.value),
                    c.date.value,
                ));
            }
        }
    }
    {
        for t in super::standaard::area_tiers(cx) {
            if let TierKind::Woonbinding {
                consensus: Some(c), ..
            } = &t.kind
            {
                for row in &c.rows {
                    if row.date.value > from {
                        late.push((row.date.span, row.gemeente.value.clone(), row.date.value));
                    }
                }
                if let Some(r) = c.raad.as_ref().filter(|r| r.date.value > from) {
                    late.push((r.date.span, "De toewijzingsraad".to_string(), r.date.value));
                }
            }
        }
    }
    if let Some((_, id)) = m.identity() {
        for d in id.decisions.iter().filter(|d| d.date.value > from) {
            late.push((
                d.date.span,
                format!("De gemeenteraad van {}", d.gemeente.value),
                d.date.value,
            ));
        }
    }
    for (span, who, date) in late {
        cx.push(
            Diagnostic::new(
                Code::R0207,
                m.main,
                span,
                format!(
                    "{who} besliste op {}, na de geldigheidsdatum van het reglement ({}).",
                    fmt::date(date),
                    fmt::date(from)
                ),
            )
            .severity(Severity::Warning)
            .label("na de geldigheidsdatum")
            .related(m.main, v.from.span, "geldigheidsdatum")
            .help("Controleer de datum: een regel kan niet gelden voor hij beslist is, tenzij met terugwerkende kracht."),
        );
    }
}
