//! A member against its regional frame: a shared section it replaces with
//! its own (R0252), or, where the frame leaves room (`lokaal: …`), each
//! deviation of its own wegingskader from the frame's: within the room
//! (R0253, listed) or outside it (R0254). (Its dwellings and reserved dwellings against its row
//! of the frame's verdeelsleutel: `totals::against_key`, R0119.)

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some(rf) = cx.m.regio else {
        return;
    };
    if cx.m.identity().is_none() {
        return;
    }
    replaced(cx, rf);
    terms(cx, rf);
}

/// R0255: the reglement defines a term of the frame's begrippenlijst differently.
fn terms(cx: &mut Ctx<'_>, rf: FileId) {
    let Some((_, id)) = cx.m.identity() else {
        return;
    };
    let shared = cx.m.frame_terms();
    let mut found = Vec::new();
    for own in &id.terms {
        let Some(theirs) = shared
            .iter()
            .find(|t| t.name.value.to_lowercase() == own.name.value.to_lowercase())
        else {
            continue;
        };
        if theirs.definition.value.trim() == own.definition.value.trim() {
            continue;
        }
        found.push(
            Diagnostic::new(
                Code::R0255,
                cx.m.main,
                own.definition.span,
                format!(
                    "Het begrip '{}' staat anders omschreven dan in de begrippenlijst van het regionale kader: hier \"{}\", in het kader \"{}\".",
                    own.name.value, own.definition.value, theirs.definition.value
                ),
            )
            .label("andere omschrijving")
            .related(rf, theirs.span, "de omschrijving van het kader"),
        );
    }
    for d in found {
        cx.push(d);
    }
}

/// R0252: the reglement uses the frame but ranks pillar 2 with a
/// wegingskader of its own, or names a verdeelsleutel of its own, while the
/// frame shares one. (The same name in both files is R0205.)
fn replaced(cx: &mut Ctx<'_>, rf: crate::source::FileId) {
    let m = cx.m;
    let frame = match m.regio_section().and_then(|(s, _)| s.title.as_ref()) {
        Some(t) => format!("het regionale kader {}", t.value),
        None => "het regionale kader".to_string(),
    };
    let mut found = Vec::new();
    let shared_frame = m.wegingskaders().find(|(f, _, _)| *f == rf);
    let used = m.versneld().and_then(|(_, v)| v.wegingskader.first());
    if let (Some((_, ss, shared)), Some(name), Some((of, _, own))) =
        (shared_frame, used, m.used_wegingskader())
    {
        let freedom = m.regio_section().map_or(&[][..], |(_, r)| &r.freedom[..]);
        if of != rf && own.name.value != shared.name.value && !freedom.is_empty() {
            found.extend(deviations(own, shared, freedom, m.main, rf, &frame));
        } else if of != rf && own.name.value != shared.name.value {
            found.push(
                Diagnostic::new(
                    Code::R0252,
                    m.main,
                    name.span,
                    {
                        let (a, b) = (own.max_total(), shared.max_total());
                        let (a, b) = if a == b {
                            (String::new(), String::new())
                        } else {
                            (format!(" (hoogstens {a} punten)"), format!(" (hoogstens {b} punten)"))
                        };
                        format!(
                            "Dit reglement gebruikt {frame}, maar rangschikt de versnelde toewijzing met een eigen wegingskader '{}'{a} in plaats van het gedeelde wegingskader '{}'{b}.",
                            own.name.value, shared.name.value
                        )
                    },
                )
                .label("eigen wegingskader in plaats van het gedeelde")
                .related(rf, ss.header, "het gedeelde wegingskader"),
            );
        }
    }
    let shared_key = m.verdeelsleutels().find(|(f, _, _)| *f == rf);
    let named = m.doelgroepen().and_then(|(_, d)| d.verdeelsleutel.first());
    if let (Some((_, ks, shared)), Some(name)) = (shared_key, named) {
        let own = m
            .verdeelsleutels()
            .find(|(_, _, k)| k.name.value == name.value);
        if let Some((kf, _, own)) = own {
            if kf != rf && own.name.value != shared.name.value {
                found.push(
                    Diagnostic::new(
                        Code::R0252,
                        m.main,
                        name.span,
                        format!(
                            "Dit reglement gebruikt {frame}, maar volgt een eigen verdeelsleutel '{}' in plaats van de gedeelde verdeelsleutel '{}'.",
                            own.name.value, shared.name.value
                        ),
                    )
                    .label("eigen verdeelsleutel in plaats van de gedeelde")
                    .related(rf, ks.header, "de gedeelde verdeelsleutel"),
                );
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// One scored row of a criterion, by what a drafter calls it.
struct Row {
    key: String,
    points: Option<u32>,
    /// The stated ceiling, for an income row.
    ceiling: Option<i64>,
    span: Span,
}

fn rows(c: &Criterion) -> Vec<Row> {
    let mut out: Vec<Row> = c
        .situations
        .iter()
        .map(|s| Row {
            key: format!("situatie '{}'", s.code.value),
            points: s.points.value,
            ceiling: None,
            span: s.span,
        })
        .collect();
    out.extend(c.brackets.iter().map(|b| Row {
        key: format!(
            "{} categorie {}",
            b.household.value.label(),
            b.category.value
        ),
        points: b.points.value,
        ceiling: b.ceiling.amount.as_ref().map(|a| a.value),
        span: b.span,
    }));
    out.extend(c.counts.iter().map(|r| Row {
        key: match r.range() {
            (a, Some(b)) if a == b => format!("{a}"),
            (a, Some(b)) => format!("{a} tot {b}"),
            (a, None) => format!("{a} of meer"),
        },
        points: r.points.value,
        ceiling: None,
        span: r.span,
    }));
    out.extend(c.otherwise.iter().map(|(p, span)| Row {
        key: "anders".to_string(),
        points: p.value,
        ceiling: None,
        span: *span,
    }));
    out
}

fn threshold_text(w: &Wegingskader) -> Vec<String> {
    let mut out: Vec<String> = w
        .thresholds
        .iter()
        .map(|t| match &t.scope {
            ThresholdScope::Total => format!("minimaal {} in totaal", t.minimum.value),
            ThresholdScope::Criteria(list) => {
                let mut codes: Vec<&str> = list.iter().map(|n| n.value.as_str()).collect();
                codes.sort_unstable();
                format!("minimaal {} op {}", t.minimum.value, codes.join(", "))
            }
        })
        .collect();
    out.sort();
    out
}

fn points_text(p: Option<u32>) -> String {
    match p {
        Some(1) => "1 punt".to_string(),
        Some(n) => format!("{n} punten"),
        None => "geen punten".to_string(),
    }
}

/// R0253 and R0254: every difference between the member's own wegingskader
/// and the frame's, within or outside the frame's `lokaal` statements.
fn deviations(
    own: &Wegingskader,
    shared: &Wegingskader,
    freedom: &[Freedom],
    main: FileId,
    rf: FileId,
    frame: &str,
) -> Vec<Diagnostic> {
    let points_room = freedom.iter().find_map(|f| match &f.kind {
        FreedomKind::Points(n) => Some((n.value, f.span)),
        FreedomKind::Threshold => None,
    });
    let threshold_room = freedom
        .iter()
        .find(|f| matches!(f.kind, FreedomKind::Threshold))
        .map(|f| f.span);
    let mut out = Vec::new();
    let outside = |span: Span, what: String, rule: Option<Span>| {
        let d = Diagnostic::new(
            Code::R0254,
            main,
            span,
            format!("{what}: dat laat {frame} niet toe."),
        )
        .label("buiten de ruimte van het kader");
        match rule {
            Some(r) => d.related(rf, r, "wat het kader toelaat"),
            None => d,
        }
    };
    let within = |span: Span, what: String, rule: Span| {
        Diagnostic::new(
            Code::R0253,
            main,
            span,
            format!("Lokale afwijking van {frame}, binnen de ruimte die het kader laat: {what}."),
        )
        .label("lokale afwijking")
        .related(rf, rule, "wat het kader toelaat")
    };
    for theirs in &shared.criteria {
        let Some(mine) = own
            .criteria
            .iter()
            .find(|c| c.code.value == theirs.code.value)
        else {
            out.push(outside(
                own.name.span,
                format!(
                    "Het eigen wegingskader '{}' laat het criterium '{}' van het kader weg",
                    own.name.value, theirs.code.value
                ),
                None,
            ));
            continue;
        };
        let (a, b) = (rows(mine), rows(theirs));
        for t in &b {
            let Some(r) = a.iter().find(|r| r.key == t.key) else {
                out.push(outside(
                    mine.code.span,
                    format!(
                        "{} '{}': de rij {} van het kader ontbreekt",
                        "Criterium", theirs.code.value, t.key
                    ),
                    None,
                ));
                continue;
            };
            if r.ceiling != t.ceiling {
                out.push(outside(
                    r.span,
                    format!(
                        "Criterium '{}', {}: een ander plafond dan dat van het kader",
                        theirs.code.value, r.key
                    ),
                    None,
                ));
            }
            if r.points == t.points {
                continue;
            }
            let what = format!(
                "criterium '{}', {}: {} in plaats van {}",
                theirs.code.value,
                r.key,
                points_text(r.points),
                points_text(t.points)
            );
            match (r.points, t.points, points_room) {
                (Some(x), Some(y), Some((n, rule))) if u64::from(x.abs_diff(y)) <= n => {
                    out.push(within(r.span, what, rule));
                }
                (Some(x), Some(y), Some((n, rule))) => out.push(outside(
                    r.span,
                    format!(
                        "Criterium '{}', {}: {} in plaats van {}, {} punten verschil waar het kader hoogstens {n} punten meer of minder toelaat",
                        theirs.code.value,
                        r.key,
                        points_text(r.points),
                        points_text(t.points),
                        x.abs_diff(y)
                    ),
                    Some(rule),
                )),
                _ => out.push(outside(r.span, crate::nl::capitalize(&what), None)),
            }
        }
        for r in a.iter().filter(|r| !b.iter().any(|t| t.key == r.key)) {
            out.push(outside(
                r.span,
                format!(
                    "Criterium '{}': de eigen rij {} staat niet in het kader",
                    theirs.code.value, r.key
                ),
                None,
            ));
        }
    }
    for mine in own
        .criteria
        .iter()
        .filter(|c| !shared.criteria.iter().any(|t| t.code.value == c.code.value))
    {
        out.push(outside(
            mine.code.span,
            format!(
                "Het eigen criterium '{}' staat niet in het kader",
                mine.code.value
            ),
            None,
        ));
    }
    let (mine, theirs) = (threshold_text(own), threshold_text(shared));
    if mine != theirs {
        let span = own.thresholds.first().map_or(own.name.span, |t| t.span);
        let what = format!(
            "drempel '{}' in plaats van '{}'",
            or_none(&mine),
            or_none(&theirs)
        );
        match threshold_room {
            Some(rule) => out.push(within(span, what, rule)),
            None => out.push(outside(span, crate::nl::capitalize(&what), None)),
        }
    }
    let tb = |w: &Wegingskader| -> Vec<String> {
        w.tiebreaks
            .first()
            .map(|t| {
                t.value
                    .iter()
                    .map(|x| match &x.value {
                        TieBreak::Inschrijvingsdatum => "inschrijvingsdatum".to_string(),
                        TieBreak::MostPoints(n) => format!("meeste punten op {}", n.value),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    if tb(own) != tb(shared) {
        let span = own.tiebreaks.first().map_or(own.name.span, |t| t.span);
        out.push(outside(
            span,
            "Een andere volgorde bij gelijke punten dan die van het kader".to_string(),
            None,
        ));
    }
    out
}

fn or_none(list: &[String]) -> String {
    if list.is_empty() {
        "geen".to_string()
    } else {
        list.join("; ")
    }
}
