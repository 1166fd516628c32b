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
    groups(cx, rf);
    pillar2_groups(cx, rf);
    verdeling(cx, rf);
}

/// The statements that define a pillar-3 group, each as written (spaces
/// collapsed), by what a drafter calls them; its motivering is its reasons,
/// not its definition, and is left out.
fn definition(g: &P3Group, text: &str) -> Vec<(&'static str, Vec<String>)> {
    let at = |span: Span| -> String {
        text.get(span.start..span.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let all = |spans: &mut dyn Iterator<Item = Span>| spans.map(at).collect::<Vec<_>>();
    vec![
        ("titel", g.title.iter().map(|t| t.value.clone()).collect()),
        (
            "wettelijke of lokale doelgroep",
            all(&mut g.category.iter().map(|c| c.span)),
        ),
        (
            "omschrijving",
            g.descriptions.iter().map(|d| d.value.clone()).collect(),
        ),
        (
            "voorwaarde",
            g.conditions.iter().map(|c| c.value.clone()).collect(),
        ),
        (
            "begeleidingsovereenkomst",
            all(&mut g.guidance.iter().map(|x| x.span)),
        ),
        (
            "geen begeleidingsovereenkomst",
            all(&mut g.no_guidance.iter().copied()),
        ),
        (
            "verwijzers",
            g.referrers.iter().map(|r| r.value.clone()).collect(),
        ),
        ("leeftijd", all(&mut g.age.iter().map(|a| a.span))),
        (
            "eerst de oudsten",
            all(&mut g.oldest_first.iter().map(|a| a.span)),
        ),
        (
            "voorbehouden woningen",
            all(&mut g.dwellings.iter().map(|d| d.span)),
        ),
        (
            "zonder kandidaat",
            all(&mut g.fallback.iter().map(|f| f.span)),
        ),
        ("capaciteit", all(&mut g.capacity.iter().map(|c| c.span))),
        ("doelgroepenplan", all(&mut g.plan.iter().map(|p| p.span))),
    ]
}

/// Each statement of a group that reads differently here and in the frame
/// ("verwijzers: hier …, in het kader …"), in the order of the statements.
fn differences(
    mine: &[(&'static str, Vec<String>)],
    frame: &[(&'static str, Vec<String>)],
) -> Vec<String> {
    mine.iter()
        .zip(frame)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| {
            format!(
                "{}: hier {}, in het kader {}",
                a.0,
                quoted(&a.1),
                quoted(&b.1)
            )
        })
        .collect()
}

fn quoted(values: &[String]) -> String {
    if values.is_empty() {
        "niet vermeld".to_string()
    } else {
        values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// R0260 and R0261: a pillar-3 group the reglement defines itself while
/// the regional frame defines one with the same code: differently (a
/// warning naming the frame's definition and each difference) or the same
/// (advice to use the frame's).
fn groups(cx: &mut Ctx<'_>, rf: FileId) {
    let m = cx.m;
    let frame = m.frame_title();
    let frame_text = &cx.sources.get(rf).text;
    let main_text = &cx.sources.get(m.main).text;
    let mut found = Vec::new();
    for (_, own) in m.own_pillar3_groups() {
        let Some(theirs) = m
            .frame_pillar3_groups()
            .into_iter()
            .find(|t| t.code.value == own.code.value)
        else {
            continue;
        };
        let line = cx.sources.get(rf).line_col(theirs.code.span.start).line;
        let file = m.frame_file_name(cx.sources, rf);
        let place = format!("{file}, regel {line}");
        let (mine, shared) = (definition(own, main_text), definition(theirs, frame_text));
        let differences = differences(&mine, &shared);
        if differences.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::R0261,
                    m.main,
                    own.code.span,
                    format!(
                        "De doelgroep '{}' staat met dezelfde omschrijving in {frame} ({place}): dit reglement kan die van het kader gebruiken.",
                        own.code.value
                    ),
                )
                .label("dezelfde als in het kader")
                .related(rf, theirs.code.span, "de doelgroep van het kader"),
            );
        } else {
            found.push(
                Diagnostic::new(
                    Code::R0260,
                    m.main,
                    own.code.span,
                    format!(
                        "De doelgroep '{}' staat ook in {frame} ({place}), maar dit reglement omschrijft ze anders: {}.",
                        own.code.value,
                        differences.join("; ")
                    ),
                )
                .label("andere omschrijving dan in het kader")
                .related(rf, theirs.code.span, "de omschrijving van het kader"),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// The statements that define a pillar-2 group, each as written (spaces
/// collapsed), by what a drafter calls them; its motivering is its reasons,
/// not its definition, and is left out.
fn p2_definition(g: &P2Group, text: &str) -> Vec<(&'static str, Vec<String>)> {
    let at = |span: Span| -> String {
        text.get(span.start..span.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    vec![
        ("titel", g.title.iter().map(|t| t.value.clone()).collect()),
        (
            "wettelijke groep",
            g.legal_group.iter().map(|n| n.value.clone()).collect(),
        ),
        (
            "situaties",
            g.situations.iter().map(|n| n.value.clone()).collect(),
        ),
        ("aandeel", g.aandeel.iter().map(|a| at(a.span)).collect()),
        (
            "omschrijving",
            g.descriptions.iter().map(|d| d.value.clone()).collect(),
        ),
        (
            "voorwaarde",
            g.conditions.iter().map(|c| c.value.clone()).collect(),
        ),
    ]
}

/// R0262 and R0263: a pillar-2 group the reglement's versnelde toewijzing
/// defines itself while the regional frame defines one with the same code:
/// differently (a warning naming the frame's place and each difference) or
/// the same (advice to use the frame's).
fn pillar2_groups(cx: &mut Ctx<'_>, rf: FileId) {
    let m = cx.m;
    let frame = m.frame_title();
    let Some((vs, _)) = m.versneld() else {
        return;
    };
    let own_file = cx.file_of(vs);
    let frame_text = &cx.sources.get(rf).text;
    let own_text = &cx.sources.get(own_file).text;
    let file = m.frame_file_name(cx.sources, rf);
    let shared = m.frame_pillar2_groups();
    let mut found = Vec::new();
    for own in m.own_pillar2_groups() {
        let Some(theirs) = shared.iter().find(|t| t.code.value == own.code.value) else {
            continue;
        };
        let line = cx.sources.get(rf).line_col(theirs.code.span.start).line;
        let place = format!("{file}, regel {line}");
        let (mine, frames) = (
            p2_definition(own, own_text),
            p2_definition(theirs, frame_text),
        );
        let differences = differences(&mine, &frames);
        if differences.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::R0263,
                    own_file,
                    own.code.span,
                    format!(
                        "De doelgroep '{}' van de versnelde toewijzing staat met dezelfde omschrijving in {frame} ({place}): dit reglement kan die van het kader gebruiken.",
                        own.code.value
                    ),
                )
                .label("dezelfde als in het kader")
                .related(rf, theirs.code.span, "de doelgroep van het kader"),
            );
        } else {
            found.push(
                Diagnostic::new(
                    Code::R0262,
                    own_file,
                    own.code.span,
                    format!(
                        "De doelgroep '{}' van de versnelde toewijzing staat ook in {frame} ({place}), maar dit reglement omschrijft ze anders: {}.",
                        own.code.value,
                        differences.join("; ")
                    ),
                )
                .label("andere omschrijving dan in het kader")
                .related(rf, theirs.code.span, "de omschrijving van het kader"),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// R0253 and R0254 for the shares of the pillars: the reglement's own
/// `aandeel` of the standaardtoewijzing or the versnelde toewijzing against
/// the frame's `verdeling`. With `lokaal: verdeling` a share within the
/// legal bounds is a deviation listed, else an error naming the frame's rule.
fn verdeling(cx: &mut Ctx<'_>, rf: FileId) {
    let m = cx.m;
    let Some((rs, r)) = m.regio_section() else {
        return;
    };
    let Some(rule) = r.verdeling.first() else {
        return;
    };
    let frame = match rs.title.as_ref() {
        Some(t) => format!("het regionale kader {}", t.value),
        None => "het regionale kader".to_string(),
    };
    let room = r
        .freedom
        .iter()
        .find(|f| matches!(f.kind, FreedomKind::Verdeling))
        .map(|f| f.span);
    let own: [Option<&Share>; 2] = [
        m.standaard().and_then(|(_, s)| s.aandeel.first()),
        m.versneld().and_then(|(_, v)| v.aandeel.first()),
    ];
    let params = &m.params;
    let mut found = Vec::new();
    for p in &rule.shares {
        let pillar = usize::from(p.pillar.value.clamp(1, 2));
        let Some(mine) = own[pillar - 1] else {
            continue;
        };
        if mine.bound == p.share.bound && mine.percent.value == p.share.percent.value {
            continue;
        }
        let name = if pillar == 1 {
            "de standaardtoewijzing"
        } else {
            "de versnelde toewijzing"
        };
        let what = format!(
            "aandeel van {name} {} in plaats van {}",
            crate::model::share_text(mine),
            crate::model::share_text(&p.share)
        );
        // the legal bounds (C2, C10): pijler 2 exactly its share, pijler 1 at least its minimum
        let legal = if pillar == 1 {
            mine.bound == Bound::Minimaal && mine.percent.value >= params.pillar1_min_share
        } else {
            mine.bound == Bound::Exact && mine.percent.value == params.pillar2_share
        };
        match room {
            Some(rule_span) if legal => found.push(
                Diagnostic::new(
                    Code::R0253,
                    m.main,
                    mine.span,
                    format!(
                        "Lokale afwijking van {frame}, binnen de ruimte die het kader laat: {what}."
                    ),
                )
                .label("lokale afwijking")
                .related(rf, rule_span, "wat het kader toelaat"),
            ),
            Some(rule_span) => found.push(
                Diagnostic::new(
                    Code::R0254,
                    m.main,
                    mine.span,
                    format!(
                        "{}: {frame} laat een eigen verdeling toe, maar enkel binnen de wettelijke grenzen (standaardtoewijzing minimaal {}, versnelde toewijzing {}).",
                        crate::nl::capitalize(&what),
                        crate::nl::percent(params.pillar1_min_share),
                        crate::nl::percent(params.pillar2_share)
                    ),
                )
                .label("buiten de ruimte van het kader")
                .related(rf, rule_span, "wat het kader toelaat"),
            ),
            None => found.push(
                Diagnostic::new(
                    Code::R0254,
                    m.main,
                    mine.span,
                    format!(
                        "{}: {frame} legt de verdeling over de pijlers vast ({}) en laat geen eigen verdeling toe.",
                        crate::nl::capitalize(&what),
                        crate::model::verdeling_text(rule)
                    ),
                )
                .label("buiten de ruimte van het kader")
                .related(rf, rule.span, "de verdeling van het kader")
                .help("Neem de verdeling van het kader over, of vraag de regio 'lokaal: verdeling' toe te laten (met een nieuwe versie van het kader)."),
            ),
        }
    }
    for d in found {
        cx.push(d);
    }
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
    let frame = m.frame_title();
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
        FreedomKind::Threshold | FreedomKind::Verdeling => None,
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
