//! Pillar 2, the versnelde toewijzing: its fixed share (C2, R0102), its base
//! (C3, R0103, with the computed base as advice R0217), the split over target
//! groups with conditions and motivation (C4, R0104), the legal main groups
//! (C5, R0105) and no lokale binding (C6, R0106); and the situations a group
//! names must be housing-need situations of the weighting frame.

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Kenmerk;
use crate::syntax::ast::*;
use chrono::Datelike;
use std::collections::{BTreeSet, HashMap};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some((s, v)) = cx.m.versneld() else {
        return;
    };
    // a regional file on its own shares the definitions of pillar-2 groups
    // only (issue 16): the share, its base and the split are each member's
    if !cx.regional_only {
        share(cx, s, v);
        base(cx, s, v);
    }
    split(cx, s, v);
    legal_groups(cx);
    no_local_binding(cx, v);
    situations(cx);
}

/// The pillar-2 groups: the reglement's own and the regional frame's
/// (issue 16), each with the file it is written in.
fn placed_groups<'a>(cx: &Ctx<'a>) -> Vec<(crate::source::FileId, &'a P2Group)> {
    let m = cx.m;
    let file = versneld_file(cx);
    m.pillar2_groups()
        .into_iter()
        .map(|g| (m.p2_group_place(g).map_or(file, |(f, _)| f), g))
        .collect()
}

/// The file that holds the versnelde toewijzing (the intern huurreglement
/// when it is a document of its own).
fn versneld_file(cx: &Ctx<'_>) -> crate::source::FileId {
    cx.m.versneld().map_or(cx.m.main, |(s, _)| cx.file_of(s))
}

/// C2: exactly the legal share, not a range.
fn share(cx: &mut Ctx<'_>, s: &Section, v: &Versneld) {
    let file = cx.file_of(s);
    let legal = cx.m.params.pillar2_share;
    match v.aandeel.first() {
        None => cx.push(
            Diagnostic::new(
                Code::R0102,
                file,
                s.header,
                format!(
                    "De versnelde toewijzing vermeldt haar aandeel niet: dat is wettelijk {} van alle toewijzingen per jaar.",
                    fmt::percent(legal)
                ),
            )
            .label("geen 'aandeel'")
            .help(format!("Voeg 'aandeel {}' toe.", fmt::percent(legal))),
        ),
        Some(a) if a.bound != Bound::Exact => {
            let what = if a.bound == Bound::Minimaal {
                "minimum"
            } else {
                "maximum"
            };
            cx.push(
                Diagnostic::new(
                    Code::R0102,
                    file,
                    a.span,
                    format!(
                        "Het aandeel van de versnelde toewijzing is een vast percentage, geen {what}."
                    ),
                )
                .label("geen bereik")
                .help(format!(
                    "Schrijf 'aandeel {}', zonder 'minimaal' of 'maximaal': de versnelde toewijzing is exact {} van alle toewijzingen per jaar in het (deel)werkingsgebied.",
                    fmt::percent(legal),
                    fmt::percent(legal)
                )),
            );
        }
        Some(a) if a.percent.value != legal => cx.push(
            Diagnostic::new(
                Code::R0102,
                file,
                a.percent.span,
                format!(
                    "Het aandeel van de versnelde toewijzing is {}, maar de wet legt het vast op {}.",
                    fmt::percent(a.percent.value),
                    fmt::percent(legal)
                ),
            )
            .label(format!("moet {} zijn", fmt::percent(legal)))
            .help(format!(
                "Zet het aandeel op exact {}: dat is een vast percentage van alle toewijzingen per jaar in het (deel)werkingsgebied, geen bereik.",
                fmt::percent(legal)
            )),
        ),
        Some(_) => {}
    }
}

/// C3: the base is the average of the legal number of previous years; show
/// the computed number.
fn base(cx: &mut Ctx<'_>, s: &Section, v: &Versneld) {
    let m = cx.m;
    let file = cx.file_of(s);
    let n = m.params.pillar2_base_years;
    let basis = v.basis.first();
    if let Some(b) = basis {
        if b.years.value != n {
            cx.push(
                Diagnostic::new(
                    Code::R0103,
                    file,
                    b.years.span,
                    format!(
                        "De basis van de versnelde toewijzing is wettelijk het gemiddelde van {}, niet van {}.",
                        fmt::n(n.into(), "jaar", "jaar"),
                        fmt::n(b.years.value.into(), "jaar", "jaar")
                    ),
                )
                .label(format!("moet {n} zijn"))
                .help(format!(
                    "Schrijf 'basis: gemiddelde van {n} jaar zonder ...', met de soorten van pijler 4 die niet meetellen."
                )),
            );
        }
    }
    let valid_year = m.valid_from().map(|d| d.year());
    let wanted: Vec<i32> = valid_year
        .map(|y| (y - n as i32..y).collect())
        .unwrap_or_default();
    match m.historiek() {
        None => {
            if cx.absence_checks() {
                let years = match (wanted.first(), wanted.last()) {
                    (Some(a), Some(b)) => format!(" ({a} tot en met {b})"),
                    _ => String::new(),
                };
                cx.push(
                    Diagnostic::new(
                        Code::R0103,
                        file,
                        basis.map_or(s.header, |b| b.span),
                        format!(
                            "De basis van de versnelde toewijzing is het gemiddelde aantal toewijzingen van de {n} vorige jaren{years}, maar het reglement heeft geen toewijzingshistoriek."
                        ),
                    )
                    .label("basis zonder historiek")
                    .help(format!(
                        "Voeg een sectie 'toewijzingshistoriek' toe met per jaar de toewijzingen, bv. '{}: 128 toewijzingen, waarvan 6 renovatie', met de verhuizingen wegens renovatie, sloop of aanpassingswerken apart.",
                        wanted.first().copied().unwrap_or(2019)
                    )),
                );
            }
        }
        Some((hs, h)) => {
            let file = cx.file_of(hs);
            if let Some(y) = valid_year {
                let have: BTreeSet<i32> = h.rows.iter().map(|r| r.year.value).collect();
                let missing: Vec<String> = wanted
                    .iter()
                    .filter(|w| !have.contains(w))
                    .map(|w| w.to_string())
                    .collect();
                if !missing.is_empty() {
                    cx.push(
                        Diagnostic::new(
                            Code::R0103,
                            file,
                            hs.header,
                            format!(
                                "De toewijzingshistoriek mist {}: de basis van de versnelde toewijzing is het gemiddelde van de {n} jaar voor {y}.",
                                fmt::list(&missing)
                            ),
                        )
                        .label(format!("{} ontbreekt", fmt::list(&missing)))
                        .help(format!(
                            "Voeg een rij per ontbrekend jaar toe, bv. '{}: 128 toewijzingen, waarvan 6 renovatie'.",
                            missing[0]
                        )),
                    );
                }
                for r in h.rows.iter().filter(|r| r.year.value >= y) {
                    cx.push(
                        Diagnostic::new(
                            Code::R0103,
                            file,
                            r.year.span,
                            format!(
                                "Het jaar {} valt niet voor de geldigheidsdatum ({}) en telt niet mee voor de basis van de versnelde toewijzing.",
                                r.year.value,
                                m.valid_from().map(fmt::date).unwrap_or_default()
                            ),
                        )
                        .severity(Severity::Warning)
                        .label("telt niet mee")
                        .help("Schrap de rij, of controleer de geldigheidsdatum van het reglement."),
                    );
                }
            }
            advice(cx, s, v, hs);
        }
    }
}

/// R0217: the pillar-2 base as the compiler computes it.
fn advice(cx: &mut Ctx<'_>, s: &Section, v: &Versneld, hs: &Section) {
    let m = cx.m;
    let Some(b) = m.pillar2_base() else {
        return;
    };
    let span = v.basis.first().map_or(s.header, |x| x.span);
    let years = match (b.years.first(), b.years.last()) {
        (Some(a), Some(z)) if a != z => format!("{a}–{z}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let share = v
        .aandeel
        .first()
        .map_or(m.params.pillar2_share, |a| a.percent.value);
    let left_out = if b.excluded == 0 {
        String::new()
    } else {
        format!(
            ", zonder de {} van pijler 4",
            fmt::n(b.excluded, "verhuizing", "verhuizingen")
        )
    };
    cx.push(
        Diagnostic::new(
            Code::R0217,
            cx.file_of(s),
            span,
            format!(
                "Basis van de versnelde toewijzing: gemiddeld {} toewijzingen per jaar ({} in {}{}, gedeeld door {}). De versnelde toewijzing is {} daarvan: {} toewijzingen per jaar.",
                fmt::decimal(b.average),
                fmt::n(b.allocations, "toewijzing", "toewijzingen"),
                years,
                left_out,
                fmt::n(b.years.len() as u64, "jaar", "jaar"),
                fmt::percent(share),
                fmt::decimal(b.pillar2_per_year)
            ),
        )
        .label(format!(
            "{} toewijzingen per jaar",
            fmt::decimal(b.pillar2_per_year)
        ))
        .help(format!(
            "Ter informatie: zo rekent de compiler uit de toewijzingshistoriek van regel {}, en dezelfde getallen staan in het plan. De verhuizingen wegens renovatie, sloop of aanpassingswerken (pijler 4) tellen niet mee (art. 6.24 §1 BVCW).",
            cx.sources.get(cx.file_of(hs)).line(hs.header)
        )),
    );
}

/// C4: the split of the share over the target groups, each with conditions
/// and a motivation; and a priority rule (the weighting frame).
fn split(cx: &mut Ctx<'_>, s: &Section, v: &Versneld) {
    let file = cx.file_of(s);
    let groups = placed_groups(cx);
    if groups.is_empty() && cx.absence_checks() {
        cx.push(
            Diagnostic::new(
                Code::R0104,
                file,
                s.header,
                "De versnelde toewijzing noemt geen doelgroepen: de toewijzingsraad verdeelt het aandeel over doelgroepen (art. 6.26 BVCW).",
            )
            .label("geen doelgroepen")
            .help("Voeg per doelgroep een blok 'doelgroep code \"naam\" { wettelijke groep ...  voorwaarde \"...\"  motivering \"...\" }' toe."),
        );
    }
    if v.wegingskader.is_empty() && cx.absence_checks() {
        cx.push(
            Diagnostic::new(
                Code::R0104,
                file,
                s.header,
                "De versnelde toewijzing heeft geen voorrangsregel: binnen de doelgroepen gaat de meest precaire woonnood voor (art. 6.26 BVCW).",
            )
            .label("geen wegingskader")
            .help("Verwijs met 'wegingskader naam' naar het wegingskader dat de kandidaten rangschikt."),
        );
    }
    let verdeling = v.verdeling.first();
    match verdeling.map(|d| d.value) {
        None if cx.regional_only => {}
        None => {
            if !groups.is_empty() {
                cx.push(
                    Diagnostic::new(
                        Code::R0104,
                        file,
                        s.header,
                        "De versnelde toewijzing zegt niet hoe het aandeel over de doelgroepen verdeeld wordt.",
                    )
                    .label("geen 'verdeling'")
                    .help("Schrijf 'verdeling: gezamenlijk' (één rangschikking voor alle doelgroepen samen) of 'verdeling: per doelgroep' met een aandeel per doelgroep dat samen 100% is."),
                );
            }
        }
        Some(Verdeling::Gezamenlijk) => {
            for &(gf, g) in &groups {
                if let Some(a) = g.aandeel.first() {
                    let mut d = Diagnostic::new(
                        Code::R0104,
                        gf,
                        a.span,
                        format!(
                            "De doelgroep '{}' krijgt een eigen aandeel, maar het aandeel wordt gezamenlijk verdeeld.",
                            g.code.value
                        ),
                    )
                    .label("eigen aandeel")
                    .help("Schrap het aandeel van de doelgroep, of schrijf 'verdeling: per doelgroep' en geef elke doelgroep een aandeel.");
                    if let Some(vd) = verdeling {
                        d = d.related(file, vd.span, "gezamenlijke verdeling");
                    }
                    cx.push(d);
                }
            }
        }
        Some(Verdeling::PerDoelgroep) => {
            let mut sum: Hundredths = 0;
            let mut complete = true;
            for &(gf, g) in &groups {
                match g.aandeel.first() {
                    None => {
                        complete = false;
                        cx.push(
                            Diagnostic::new(
                                Code::R0104,
                                gf,
                                g.code.span,
                                format!(
                                    "De doelgroep '{}' heeft geen aandeel, terwijl het aandeel per doelgroep verdeeld wordt.",
                                    g.code.value
                                ),
                            )
                            .label("geen aandeel")
                            .help("Geef de doelgroep een 'aandeel', zodat de aandelen van alle doelgroepen samen 100% zijn."),
                        );
                    }
                    Some(a) => {
                        if a.bound != Bound::Exact {
                            cx.push(
                                Diagnostic::new(
                                    Code::R0104,
                                    gf,
                                    a.span,
                                    format!(
                                        "Het aandeel van de doelgroep '{}' is een bereik; de verdeling vraagt een vast percentage.",
                                        g.code.value
                                    ),
                                )
                                .label("geen bereik")
                                .help("Schrijf het aandeel zonder 'minimaal' of 'maximaal'."),
                            );
                        }
                        sum += a.percent.value;
                    }
                }
            }
            if complete && !groups.is_empty() && sum != fmt::HUNDRED_PERCENT {
                if let Some(vd) = verdeling {
                    let mut d = Diagnostic::new(
                        Code::R0104,
                        file,
                        vd.span,
                        format!(
                            "De aandelen van de doelgroepen zijn samen {}, niet 100% van de versnelde toewijzing.",
                            fmt::percent(sum)
                        ),
                    )
                    .label(format!("samen {}", fmt::percent(sum)))
                    .help("Pas de aandelen aan zodat ze samen 100% zijn: elke doelgroep krijgt een deel van de versnelde toewijzingen.");
                    for &(gf, g) in &groups {
                        if let Some(a) = g.aandeel.first() {
                            d = d.related(
                                gf,
                                a.percent.span,
                                format!("{}: {}", g.code.value, fmt::percent(a.percent.value)),
                            );
                        }
                    }
                    cx.push(d);
                }
            }
        }
    }
    for &(file, g) in &groups {
        if g.conditions.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0104,
                    file,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' heeft geen voorwaarde: de toewijzingsraad legt vast wie tot de doelgroep behoort (art. 6.26 BVCW).",
                        g.code.value
                    ),
                )
                .label("geen voorwaarde")
                .help("Voeg 'voorwaarde \"...\"' toe: wat een kandidaat moet aantonen om tot deze doelgroep te behoren."),
            );
        }
        if g.motivations.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0104,
                    file,
                    g.code.span,
                    format!(
                        "De doelgroep '{}' heeft geen motivering: de toewijzingsraad beslist met redenen (art. 6.26 BVCW).",
                        g.code.value
                    ),
                )
                .label("geen motivering")
                .help("Voeg 'motivering \"...\"' toe: waarom deze doelgroep en deze voorwaarden."),
            );
        }
    }
}

fn legal_groups_text(cx: &Ctx<'_>) -> String {
    let codes: Vec<&str> = cx.m.params.pillar2_groups.iter().map(|g| g.code).collect();
    fmt::or_list(&codes)
}

/// C5: every target group falls under a legal main group.
fn legal_groups(cx: &mut Ctx<'_>) {
    for (file, g) in placed_groups(cx) {
        match g.legal_group.first() {
            None => {
                if cx.m.params.pillar2_group(&g.code.value).is_none() {
                    cx.push(
                        Diagnostic::new(
                            Code::R0105,
                            file,
                            g.code.span,
                            format!(
                                "De doelgroep '{}' zegt niet tot welke wettelijke hoofdgroep van de versnelde toewijzing ze behoort.",
                                g.code.value
                            ),
                        )
                        .label("geen wettelijke groep")
                        .help(format!(
                            "Voeg 'wettelijke groep ...' toe met een van de wettelijke hoofdgroepen: {}.",
                            legal_groups_text(cx)
                        )),
                    );
                }
            }
            Some(l) => {
                if cx.m.params.pillar2_group(&l.value).is_none() {
                    let suggestion = super::names::closest(
                        &l.value,
                        cx.m.params.pillar2_groups.iter().map(|g| g.code),
                    )
                    .map(|c| format!(" Bedoelt u '{c}'?"))
                    .unwrap_or_default();
                    cx.push(
                        Diagnostic::new(
                            Code::R0105,
                            file,
                            l.span,
                            format!(
                                "'{}' is geen wettelijke hoofdgroep van de versnelde toewijzing.{suggestion}",
                                l.value
                            ),
                        )
                        .label("onbekende hoofdgroep")
                        .help(format!(
                            "Kies een wettelijke hoofdgroep: {}. Een doelgroep daarbuiten kan enkel in pijler 3 (specifieke doelgroepen).",
                            legal_groups_text(cx)
                        )),
                    );
                }
            }
        }
    }
}

/// C6: no lokale binding in pillar 2, neither in the section nor in the frame.
fn no_local_binding(cx: &mut Ctx<'_>, v: &Versneld) {
    let main = versneld_file(cx);
    let mut places: Vec<(crate::source::FileId, crate::span::Span)> = v
        .lokale_binding
        .iter()
        .filter(|l| l.value)
        .map(|l| (main, l.span))
        .collect();
    if let Some((f, _, w)) = cx.m.used_wegingskader() {
        places.extend(
            w.lokale_binding
                .iter()
                .filter(|l| l.value)
                .map(|l| (f, l.span)),
        );
    }
    // a group's condition in words that asks for a tie to a place
    for (main, g) in placed_groups(cx) {
        for t in g
            .conditions
            .iter()
            .filter(|t| crate::model::speaks_of_local_binding(&t.value))
        {
            cx.push(
                Diagnostic::new(
                    Code::R0106,
                    main,
                    t.span,
                    format!(
                        "De voorwaarde van doelgroep '{}' spreekt van een band met een gemeente: in de versnelde toewijzing geldt geen lokale binding.",
                        g.code.value
                    ),
                )
                .severity(crate::diagnostic::Severity::Warning)
                .label("lokale binding?")
                .help("Schrap de voorwaarde over woonbinding of verblijf; een doelgroep van pijler 2 vraagt enkel een woonnood (en de inschrijvingsvoorwaarden)."),
            );
        }
    }
    for (file, span) in places {
        cx.push(
            Diagnostic::new(
                Code::R0106,
                file,
                span,
                "In de versnelde toewijzing geldt geen lokale binding: de kandidaten worden enkel op hun woonnood gerangschikt.",
            )
            .label("lokale binding")
            .help("Schrijf 'lokale binding geldt niet', of schrap de regel."),
        );
    }
}

/// The situations a group names are housing-need situations of the frame,
/// and every situation of the frame belongs to some group.
fn situations(cx: &mut Ctx<'_>) {
    let Some((frame_file, _, frame)) = cx.m.used_wegingskader() else {
        return;
    };
    let mut owner: HashMap<&str, &Criterion> = HashMap::new();
    for c in &frame.criteria {
        for r in &c.situations {
            owner.entry(r.code.value.as_str()).or_insert(c);
        }
    }
    // a criterion whose field cannot be told or does not fit its table
    // (R0218) may be meant as the need
    let is_need = |c: &Criterion| match c.kenmerk() {
        // a local-binding criterion is refused as such (R0106)
        None if c.scores_local_binding() => false,
        Some(Kenmerk::Woonnood) | None => true,
        Some(k) => !k.accepts(c.shape()),
    };
    let mut named: BTreeSet<&str> = BTreeSet::new();
    for (file, g) in placed_groups(cx) {
        for sit in &g.situations {
            named.insert(sit.value.as_str());
            let need_row = frame
                .criteria
                .iter()
                .filter(|c| is_need(c))
                .any(|c| c.situations.iter().any(|r| r.code.value == sit.value));
            if need_row {
                continue;
            }
            if let Some(c) = owner.get(sit.value.as_str()) {
                cx.push(
                    Diagnostic::new(
                        Code::R0203,
                        file,
                        sit.span,
                        format!(
                            "'{}' is geen woonnoodsituatie: het is een code van het criterium '{}'.",
                            sit.value, c.code.value
                        ),
                    )
                    .label("geen woonnood")
                    .related(frame_file, c.code.span, "criterium van deze code")
                    .help("Noem bij 'situaties' enkel codes van het criterium dat de woonnood scoort."),
                );
            }
        }
    }
    if named.is_empty() || cx.broken {
        return;
    }
    for c in frame.criteria.iter().filter(|c| is_need(c)) {
        for r in &c.situations {
            if !named.contains(r.code.value.as_str()) {
                cx.push(
                    Diagnostic::new(
                        Code::R0204,
                        frame_file,
                        r.code.span,
                        format!(
                            "De woonnoodsituatie '{}' hoort bij geen enkele doelgroep van de versnelde toewijzing.",
                            r.code.value
                        ),
                    )
                    .label("bij geen doelgroep")
                    .help("Noem de situatie bij 'situaties' van de doelgroep waartoe ze behoort, of schrap ze uit het wegingskader."),
                );
            }
        }
    }
}
