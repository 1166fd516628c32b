//! The criteria of a weighting frame: the candidate field each one scores
//! can be told and fits its table (R0218), the table is not empty (R0210),
//! and income ceilings written as "leefloon + X" have a leefloon to add to
//! (R0210) and agree with an amount stated next to them (R0208, a warning:
//! the stated amount is what the ranking uses, and the toewijzingsraad says
//! with a `lezing` which one it means).

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
        for c in &w.criteria {
            field(cx, file, c);
            ceilings(cx, file, c);
        }
    }
}

fn shape_text(shape: TableShape) -> &'static str {
    match shape {
        TableShape::Codes => "situaties of codes met punten",
        TableShape::Bedragen => "inkomensgrenzen per gezinstype",
        TableShape::Aantallen => "aantallen met punten",
        TableShape::Mixed => "rijen van verschillende soorten",
        TableShape::Empty => "geen rijen",
    }
}

fn fields_text() -> String {
    let f: Vec<String> = Kenmerk::ALL
        .iter()
        .map(|k| format!("'gegeven {}'", k.field()))
        .collect();
    fmt::or_list(&f)
}

/// The table shape each field wants, for the help line.
fn wanted_shape(k: Kenmerk) -> &'static str {
    match k {
        Kenmerk::Woonnood | Kenmerk::Begeleiding => "rijen 'code \"omschrijving\": N punten'",
        Kenmerk::Inkomen => "rijen 'alleenstaande categorie 1: maximaal ... euro: N punten'",
        Kenmerk::Kinderen => "rijen 'N kinderen: N punten'",
    }
}

fn field(cx: &mut Ctx<'_>, file: FileId, c: &Criterion) {
    let shape = c.shape();
    match shape {
        TableShape::Empty => {
            cx.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    c.code.span,
                    format!("Het criterium '{}' heeft geen puntentabel.", c.code.value),
                )
                .label("geen punten")
                .help(
                    "Geef het criterium rijen met punten: situaties, inkomensgrenzen of aantallen.",
                ),
            );
            return;
        }
        TableShape::Mixed => {
            cx.push(
                Diagnostic::new(
                    Code::R0218,
                    file,
                    c.code.span,
                    format!(
                        "Het criterium '{}' mengt rijen van verschillende soorten (situaties, inkomensgrenzen, aantallen): een criterium scoort één gegeven van de kandidaat.",
                        c.code.value
                    ),
                )
                .label("gemengde puntentabel")
                .help("Splits het criterium in een criterium per gegeven, elk met één soort rijen."),
            );
            return;
        }
        _ => {}
    }
    if let Some(g) = &c.input {
        if Kenmerk::from_field(&g.value).is_none() {
            let suggestion =
                super::names::closest(&g.value, Kenmerk::ALL.iter().map(|k| k.field()))
                    .map(|s| format!(" Bedoelt u '{s}'?"))
                    .unwrap_or_default();
            cx.push(
                Diagnostic::new(
                    Code::R0218,
                    file,
                    g.span,
                    format!(
                        "'{}' is geen gegeven van een kandidaat.{suggestion}",
                        g.value
                    ),
                )
                .label("onbekend gegeven")
                .help(format!(
                    "Een criterium scoort een gegeven uit het kandidatenbestand: {}.",
                    fields_text()
                )),
            );
            return;
        }
    }
    if c.scores_local_binding() {
        cx.push(
            Diagnostic::new(
                Code::R0106,
                file,
                c.code.span,
                format!(
                    "Het criterium '{}' geeft punten voor de band met een gemeente: in de versnelde toewijzing geldt geen lokale binding, de kandidaten worden enkel op hun woonnood gerangschikt.",
                    c.code.value
                ),
            )
            .label("lokale binding")
            .help("Schrap het criterium uit het wegingskader. Lokale binding hoort in de rangorde van de standaardtoewijzing (pijler 1) of, waar het reglement het zegt, bij de specifieke doelgroepen (pijler 3)."),
        );
        return;
    }
    match c.kenmerk() {
        None => cx.push(
            Diagnostic::new(
                Code::R0218,
                file,
                c.code.span,
                format!(
                    "Uit het criterium '{}' blijkt niet welk gegeven van de kandidaat het scoort.",
                    c.code.value
                ),
            )
            .label("welk gegeven?")
            .help(format!(
                "Noem het criterium naar het gegeven (woonnood, begeleiding, inkomen of kinderen) of voeg {} toe.",
                fields_text()
            )),
        ),
        Some(k) if !k.accepts(shape) => {
            let span = c.input.as_ref().map_or(c.code.span, |g| g.span);
            cx.push(
                Diagnostic::new(
                    Code::R0218,
                    file,
                    span,
                    format!(
                        "Het criterium '{}' scoort het gegeven '{}', maar zijn tabel heeft {}.",
                        c.code.value,
                        k.field(),
                        shape_text(shape)
                    ),
                )
                .label("past niet bij de tabel")
                .help(format!(
                    "Het gegeven '{}' vraagt {}; kies het gegeven dat bij de tabel past.",
                    k.field(),
                    wanted_shape(k)
                )),
            );
        }
        Some(_) => {}
    }
}

fn ceilings(cx: &mut Ctx<'_>, file: FileId, c: &Criterion) {
    let on = cx.m.valid_from().unwrap_or(cx.m.params.applies_from);
    for r in &c.brackets {
        let Some(plus) = &r.ceiling.leefloon_plus else {
            continue;
        };
        let household = r.household.value;
        let Some(leefloon) = c.leefloon_on(household, on) else {
            cx.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    plus.span,
                    format!(
                        "Het plafond 'leefloon + {}' vraagt het leefloon voor een {} op {}, maar het criterium vermeldt het niet.",
                        fmt::euro_short(plus.value),
                        household.label(),
                        fmt::date(on)
                    ),
                )
                .label("welk leefloon?")
                .help(format!(
                    "Voeg aan het criterium 'leefloon vanaf JJJJ-MM-DD: alleenstaande ... euro, gezin ... euro' toe, met een datum uiterlijk {}.",
                    fmt::date(on)
                )),
            );
            continue;
        };
        let computed = leefloon + plus.value;
        if let Some(amount) = &r.ceiling.amount {
            if amount.value != computed {
                let mut d = Diagnostic::new(
                    Code::R0208,
                    file,
                    amount.span,
                    format!(
                        "Het plafond van {} klopt niet met leefloon + {}: met het leefloon van {} voor een {} op {} is dat {} ({} is leefloon + {}). De rangschikking gebruikt het vermelde bedrag van {}.",
                        fmt::euro(amount.value),
                        fmt::euro_short(plus.value),
                        fmt::euro(leefloon),
                        household.label(),
                        fmt::date(on),
                        fmt::euro(computed),
                        fmt::euro(amount.value),
                        fmt::euro_short(amount.value - leefloon),
                        fmt::euro(amount.value)
                    ),
                )
                .label(format!("leefloon + toeslag = {}", fmt::euro(computed)))
                .related(file, plus.span, "toeslag");
                if let Some(l) = c
                    .leefloon
                    .iter()
                    .filter(|l| l.from.value <= on)
                    .max_by_key(|l| l.from.value)
                {
                    d = d.related(file, l.span, "leefloon");
                }
                cx.push(d.help(
                    "De compiler verbetert geen getal. Verbeter het plafond of de toeslag zodat plafond = leefloon + toeslag, of schrap het bedrag en laat de compiler het plafond uit het leefloon berekenen; laat de bron beide staan, zeg dan met 'lezing \"…\" als \"…\" motivering \"…\"' welk van beide de toewijzingsraad bedoelt.",
                ));
            }
        }
    }
}
