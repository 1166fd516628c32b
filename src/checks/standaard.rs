//! Pillar 1, the standaardtoewijzing: at least half of the allocations
//! (C10, R0110), the legal order of the tiers (C11, R0111), and the
//! consensus of every gemeente for a woonbinding on the (deel)werkingsgebied
//! (C13, R0113).

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::params::Pillar1TierKind;
use crate::syntax::ast::*;
use std::collections::{BTreeSet, HashMap};

pub(super) fn check(cx: &mut Ctx<'_>) {
    consensus(cx);
    decisions(cx);
    let Some((s, st)) = cx.m.standaard() else {
        return;
    };
    share(cx, st);
    order(cx, s, st);
}

/// Every woonbinding tier on a (deel)werkingsgebied: of the rangorde, and
/// those a gemeente section chose for the dwellings in that gemeente.
pub(super) fn area_tiers<'m>(cx: &Ctx<'m>) -> Vec<&'m Tier> {
    let mut out: Vec<&Tier> = Vec::new();
    if let Some((_, st)) = cx.m.standaard() {
        out.extend(st.rangorde.iter().flat_map(|r| &r.tiers));
    }
    for (_, g) in cx.m.gemeente_secties() {
        out.extend(&g.area_bindings);
    }
    out.retain(|t| {
        matches!(&t.kind, TierKind::Woonbinding { scope, .. } if scope.value != BindingScope::Gemeente)
    });
    out
}

/// C10, and the shares of pillar 1 and 2 together stay within 100%.
fn share(cx: &mut Ctx<'_>, st: &Standaard) {
    let m = cx.m;
    let file = m.main;
    let min = m.params.pillar1_min_share;
    let Some(a) = st.aandeel.first() else {
        return;
    };
    if a.bound == Bound::Maximaal {
        cx.push(
            Diagnostic::new(
                Code::R0110,
                file,
                a.span,
                format!(
                    "Het aandeel van de standaardtoewijzing is een minimum van {}, geen maximum.",
                    fmt::percent(min)
                ),
            )
            .label("maximaal")
            .help(format!(
                "Schrijf 'aandeel minimaal {}' (of meer).",
                fmt::percent(min)
            )),
        );
    } else if a.percent.value < min {
        cx.push(
            Diagnostic::new(
                Code::R0110,
                file,
                a.percent.span,
                format!(
                    "Het aandeel van de standaardtoewijzing is {}, maar moet minstens {} van de toewijzingen zijn.",
                    fmt::percent(a.percent.value),
                    fmt::percent(min)
                ),
            )
            .label(format!("minder dan {}", fmt::percent(min)))
            .help(format!(
                "Zet het aandeel van de standaardtoewijzing op minimaal {}.",
                fmt::percent(min)
            )),
        );
    }
    if let Some((vs, v)) = m.versneld() {
        let vfile = m.file_of(vs);
        if let Some(b) = v.aandeel.first() {
            let sum = a.percent.value + b.percent.value;
            if a.percent.value <= fmt::HUNDRED_PERCENT
                && b.percent.value <= fmt::HUNDRED_PERCENT
                && sum > fmt::HUNDRED_PERCENT
            {
                cx.push(
                    Diagnostic::new(
                        Code::R0206,
                        file,
                        a.percent.span,
                        format!(
                            "De standaardtoewijzing ({}) en de versnelde toewijzing ({}) zijn samen {}: meer dan alle toewijzingen.",
                            fmt::percent(a.percent.value),
                            fmt::percent(b.percent.value),
                            fmt::percent(sum)
                        ),
                    )
                    .label(format!("samen {}", fmt::percent(sum)))
                    .related(vfile, b.percent.span, "aandeel versnelde toewijzing")
                    .help("Verlaag het aandeel van de standaardtoewijzing zodat de aandelen samen hoogstens 100% zijn."),
                );
            }
        }
    }
}

fn tier_kind(t: &Tier) -> Pillar1TierKind {
    match &t.kind {
        TierKind::Strenger => Pillar1TierKind::StrengereWoonbinding,
        TierKind::Woonbinding { scope, .. } => match scope.value {
            BindingScope::Gemeente => Pillar1TierKind::WoonbindingGemeente,
            _ => Pillar1TierKind::WoonbindingGebied,
        },
        TierKind::Mantelzorg => Pillar1TierKind::Mantelzorg,
        TierKind::Chronologie => Pillar1TierKind::Inschrijvingsdatum,
    }
}

fn legal_order_text(cx: &Ctx<'_>) -> String {
    let labels: Vec<&str> =
        cx.m.params
            .pillar1_order
            .iter()
            .map(|t| t.kind.label())
            .collect();
    labels.join(", ")
}

/// C11: the tiers in their legal order, the mandatory ones present, the
/// legal woonbinding rule on the gemeente and (deel)werkingsgebied tiers.
fn order(cx: &mut Ctx<'_>, s: &Section, st: &Standaard) {
    let m = cx.m;
    let file = m.main;
    let p = &m.params;
    for l in st.lokale_binding.iter().filter(|l| !l.value) {
        cx.push(
            Diagnostic::new(
                Code::R0111,
                file,
                l.span,
                "In de standaardtoewijzing geeft de woonbinding voorrang: de lokale binding kan hier niet uitgeschakeld worden.",
            )
            .label("lokale binding uitgeschakeld")
            .help("Schrap 'lokale binding geldt niet'."),
        );
    }
    let Some(r) = st.rangorde.first() else {
        cx.push(
            Diagnostic::new(
                Code::R0111,
                file,
                s.header,
                "De standaardtoewijzing heeft geen rangorde.",
            )
            .label("geen 'rangorde'")
            .help(format!(
                "Voeg een blok 'rangorde {{ ... }}' toe met de trappen in de wettelijke volgorde: {}.",
                legal_order_text(cx)
            )),
        );
        return;
    };
    let mut highest: Option<(usize, &Tier)> = None;
    let mut seen: HashMap<Pillar1TierKind, &Tier> = HashMap::new();
    for t in &r.tiers {
        let kind = tier_kind(t);
        let Some((idx, _)) = p.pillar1_tier(kind) else {
            continue;
        };
        if let Some(first) = seen.get(&kind) {
            cx.push(
                Diagnostic::new(
                    Code::R0205,
                    file,
                    t.span,
                    format!("De trap '{}' staat twee keer in de rangorde.", kind.label()),
                )
                .label("tweede keer")
                .related(file, first.span, "eerste keer")
                .help("Schrap een van beide trappen."),
            );
            continue;
        }
        seen.insert(kind, t);
        match highest {
            Some((hi, before)) if idx < hi => {
                cx.push(
                    Diagnostic::new(
                        Code::R0111,
                        file,
                        t.span,
                        format!(
                            "'{}' komt wettelijk voor '{}'.",
                            kind.label(),
                            tier_kind(before).label()
                        ),
                    )
                    .label("te laat in de rangorde")
                    .related(file, before.span, "deze trap komt wettelijk later")
                    .help(format!(
                        "De volgorde van de standaardtoewijzing ligt vast: {}. Enkel de optionele trappen mogen wegvallen.",
                        legal_order_text(cx)
                    )),
                );
            }
            _ => highest = Some((idx, t)),
        }
    }
    for tier in p.pillar1_order.iter().filter(|t| !t.optional) {
        if !seen.contains_key(&tier.kind) {
            cx.push(
                Diagnostic::new(
                    Code::R0111,
                    file,
                    r.span,
                    format!(
                        "De rangorde mist de trap '{}': die is wettelijk verplicht.",
                        tier.kind.label()
                    ),
                )
                .label(format!("geen '{}'", tier.kind.label()))
                .help(format!(
                    "Voeg de trap toe op haar plaats in de wettelijke volgorde: {}.",
                    legal_order_text(cx)
                )),
            );
        }
    }
    // the woonbinding rule of the legal tiers is the legal one
    for t in &r.tiers {
        if let TierKind::Woonbinding {
            scope,
            rule: Some(rule),
            ..
        } = &t.kind
        {
            if rule.years.value == p.woonbinding_years
                && rule.window.value == p.woonbinding_window
                && rule.uninterrupted
            {
                continue;
            }
            if rule.years.value == p.woonbinding_years && rule.window.value == p.woonbinding_window
            {
                // the legal numbers, without 'ononderbroken'
                cx.push(
                    Diagnostic::new(
                        Code::R0111,
                        file,
                        rule.span,
                        format!(
                            "De wettelijke woonbinding is {} ononderbroken in de laatste {}; zonder 'ononderbroken' tellen de jaren samen, en dat is een andere regel.",
                            fmt::n(p.woonbinding_years.into(), "jaar", "jaar"),
                            fmt::n(p.woonbinding_window.into(), "jaar", "jaar"),
                        ),
                    )
                    .label("'ononderbroken' ontbreekt")
                    .help(format!(
                        "Schrijf '{} jaar ononderbroken in de laatste {} jaar', of laat de regel weg: dan geldt de wettelijke.",
                        p.woonbinding_years, p.woonbinding_window
                    )),
                );
                continue;
            }
            let with = match scope.value {
                BindingScope::Gemeente => "de gemeente",
                _ => "het (deel)werkingsgebied",
            };
            cx.push(
                Diagnostic::new(
                    Code::R0111,
                    file,
                    rule.span,
                    format!(
                        "De woonbinding met {with} is wettelijk {} ononderbroken in de laatste {}, niet {} in {}.",
                        fmt::n(p.woonbinding_years.into(), "jaar", "jaar"),
                        fmt::n(p.woonbinding_window.into(), "jaar", "jaar"),
                        fmt::n(rule.years.value.into(), "jaar", "jaar"),
                        fmt::n(rule.window.value.into(), "jaar", "jaar"),
                    ),
                )
                .label("afwijkende woonbinding")
                .help(format!(
                    "Schrijf '{} jaar ononderbroken in de laatste {} jaar' of laat de regel weg. Een strengere woonbinding legt een gemeente vast in haar eigen sectie: 'gemeente X {{ strengere woonbinding: ... }}'.",
                    p.woonbinding_years, p.woonbinding_window
                )),
            );
        }
    }
    // a stricter tier that no gemeente fills
    if let Some(t) = seen.get(&Pillar1TierKind::StrengereWoonbinding) {
        let any = m.gemeente_secties().any(|(_, g)| !g.stricter.is_empty());
        if !any && !cx.broken {
            cx.push(
                Diagnostic::new(
                    Code::R0111,
                    file,
                    t.span,
                    "De rangorde vermeldt een strengere woonbinding, maar geen enkele gemeente legt er een vast: deze trap doet niets.",
                )
                .severity(Severity::Warning)
                .label("geen gemeente met een strengere woonbinding")
                .help("Schrap de trap, of leg de strengere woonbinding vast in de sectie van de gemeente: 'gemeente X { strengere woonbinding: ... }'."),
            );
        }
    }
    // 'geen strengere woonbinding' and a stricter tier contradict each other
    if let (Some(no), Some(t)) = (
        st.no_stricter.first(),
        seen.get(&Pillar1TierKind::StrengereWoonbinding),
    ) {
        cx.push(
            Diagnostic::new(
                Code::R0111,
                file,
                t.span,
                "De rangorde vermeldt een strengere woonbinding, maar de standaardtoewijzing zegt 'geen strengere woonbinding'.",
            )
            .severity(Severity::Warning)
            .label("strengere woonbinding")
            .related(file, no.span, "geen strengere woonbinding")
            .help("Schrap de trap 'strengere woonbinding', of 'geen strengere woonbinding' als een gemeente er een koos."),
        );
    }
    // the tier numbers count up from 1
    for (i, t) in r.tiers.iter().enumerate() {
        if let Some(n) = &t.number {
            let expected = i as u32 + 1;
            if n.value != expected {
                cx.push(
                    Diagnostic::new(
                        Code::R0215,
                        file,
                        n.span,
                        format!(
                            "Deze trap heeft rangnummer {}, maar is de {}e trap van de rangorde.",
                            n.value, expected
                        ),
                    )
                    .severity(Severity::Warning)
                    .label(format!("verwacht {expected}."))
                    .help("Nummer de trappen doorlopend vanaf 1, in de volgorde waarin ze gelden."),
                );
                break;
            }
        }
    }
}

/// The gemeenten a (deel)werkingsgebied tier covers, if known.
fn area<'m>(cx: &Ctx<'m>, scope: &BindingScope) -> Option<(String, Vec<&'m Name>)> {
    let (_, w) = cx.m.werkingsgebied()?;
    match scope {
        BindingScope::Gemeente => None,
        BindingScope::Werkingsgebied => Some((
            cx.m.area_noun(),
            w.gemeenten.iter().map(|g| &g.name).collect(),
        )),
        BindingScope::Deelwerkingsgebied(n) => {
            let (name, gemeenten) = cx.m.deelgebied(&n.value)?;
            Some((format!("het deelwerkingsgebied '{name}'"), gemeenten))
        }
    }
}

/// C13: a woonbinding on the (deel)werkingsgebied records the consensus of
/// every gemeente of it: each gemeente's decision (`consensus { … }`), or
/// the toewijzingsraad's (`consensus toewijzingsraad DATUM`). A draft may
/// propose it while the consensus is still gathered (`mits consensus`, a
/// warning); a reglement with status goedgekeurd must record it, and the
/// decisions of all the area's gemeenteraden (in its `reglement` section)
/// record it as each gemeente's.
fn consensus(cx: &mut Ctx<'_>) {
    let file = cx.m.main;
    let approved =
        cx.m.identity()
            .and_then(|(_, id)| id.status.first())
            .is_some_and(|s| s.value == Status::Goedgekeurd);
    let decided: BTreeSet<&str> =
        cx.m.identity()
            .map(|(_, id)| {
                id.decisions
                    .iter()
                    .map(|d| d.gemeente.value.as_str())
                    .collect()
            })
            .unwrap_or_default();
    for t in area_tiers(cx) {
        let TierKind::Woonbinding {
            scope, consensus, ..
        } = &t.kind
        else {
            continue;
        };
        if scope.value == BindingScope::Gemeente {
            continue;
        }
        let Some(c) = consensus else {
            cx.push(
                Diagnostic::new(
                    Code::R0113,
                    file,
                    t.span,
                    "Een woonbinding met het (deel)werkingsgebied vraagt de consensus van alle gemeenten ervan, maar er is geen consensus vermeld.",
                )
                .label("zonder consensus")
                .help("Voeg 'consensus { Gemeente JJJJ-MM-DD \"beslissing\" ... }' toe met de beslissing van elke gemeente, of 'consensus toewijzingsraad JJJJ-MM-DD' als de toewijzingsraad ze vastlegde. In een ontwerp kan 'mits consensus': de consensus wordt dan nog verzameld."),
            );
            continue;
        };
        let Some((what, gemeenten)) = area(cx, &scope.value) else {
            continue;
        };
        if c.raad.is_some() {
            continue;
        }
        if c.pending {
            let lacking: Vec<&str> = gemeenten
                .iter()
                .map(|g| g.value.as_str())
                .filter(|g| !decided.contains(g))
                .collect();
            if approved && !lacking.is_empty() {
                cx.push(
                    Diagnostic::new(
                        Code::R0113,
                        file,
                        c.span,
                        format!(
                            "Het reglement is goedgekeurd, maar de consensus over de woonbinding met {what} is niet vastgelegd: de beslissing van {} ontbreekt.",
                            fmt::list(&lacking)
                        ),
                    )
                    .label("consensus niet vastgelegd")
                    .help("Leg de consensus vast: 'consensus toewijzingsraad JJJJ-MM-DD \"vergadering\"' (de beslissing van de toewijzingsraad), 'consensus { Gemeente JJJJ-MM-DD … }', of de beslissing van elke gemeenteraad in de sectie 'reglement' ('gemeenteraad NAAM JJJJ-MM-DD zonder amendement'). Zonder consensus geldt deze trap niet."),
                );
            } else if !approved {
                cx.push(
                    Diagnostic::new(
                        Code::R0113,
                        file,
                        c.span,
                        format!(
                            "De woonbinding met {what} wacht nog op de consensus van {}: dit ontwerp kan zo naar de gemeenteraden, maar het goedgekeurde reglement moet de consensus vastleggen.",
                            fmt::n(gemeenten.len() as u64, "gemeente", "gemeenten")
                        ),
                    )
                    .severity(Severity::Warning)
                    .label("consensus nog te verzamelen")
                    .help("Na de beslissingen: 'consensus toewijzingsraad JJJJ-MM-DD', een blok 'consensus { … }', of de beslissing van elke gemeenteraad ('reglement samenvoegen' legt die vast). Zolang één gemeente niet instemt, geldt deze trap niet."),
                );
            }
            continue;
        }
        let inside: BTreeSet<&str> = gemeenten.iter().map(|g| g.value.as_str()).collect();
        let all: BTreeSet<&str> =
            cx.m.gemeenten()
                .iter()
                .map(|g| g.name.value.as_str())
                .collect();
        let mut agreed: BTreeSet<&str> = BTreeSet::new();
        for row in &c.rows {
            agreed.insert(row.gemeente.value.as_str());
            if !inside.contains(row.gemeente.value.as_str())
                && all.contains(row.gemeente.value.as_str())
            {
                cx.push(
                    Diagnostic::new(
                        Code::R0113,
                        file,
                        row.gemeente.span,
                        format!(
                            "{} ligt niet in {what}: haar beslissing telt niet mee voor de consensus.",
                            row.gemeente.value
                        ),
                    )
                    .label(format!("niet in {what}"))
                    .help("Schrap de rij, of voeg de gemeente toe aan het deelwerkingsgebied."),
                );
            }
        }
        let missing: Vec<&str> = gemeenten
            .iter()
            .map(|g| g.value.as_str())
            .filter(|g| !agreed.contains(g))
            .collect();
        if !missing.is_empty() {
            cx.push(
                Diagnostic::new(
                    Code::R0113,
                    file,
                    c.span,
                    format!(
                        "De consensus over de woonbinding met {what} mist de beslissing van {}.",
                        fmt::list(&missing)
                    ),
                )
                .label(format!("{} ontbreekt", fmt::list(&missing)))
                .help("Een woonbinding met het (deel)werkingsgebied vraagt de consensus van alle gemeenten ervan: voeg per gemeente een rij 'Gemeente JJJJ-MM-DD \"beslissing\"' toe."),
            );
        }
    }
}

/// R0224: a reglement with status goedgekeurd lists the decision of every
/// gemeenteraad of its area (amended or not); a decision names a gemeente
/// of the area once.
fn decisions(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let Some((hs, id)) = m.identity() else {
        return;
    };
    let file = m.main;
    let area: Vec<&str> = m
        .gemeenten()
        .iter()
        .map(|g| g.name.value.as_str())
        .collect();
    let mut seen: Vec<(&str, crate::span::Span)> = Vec::new();
    for d in &id.decisions {
        let name = d.gemeente.value.as_str();
        if !area.is_empty() && !area.contains(&name) {
            cx.push(
                Diagnostic::new(
                    Code::R0203,
                    file,
                    d.gemeente.span,
                    format!("{name} ligt niet in {}.", m.area_noun()),
                )
                .label("onbekende gemeente")
                .help("Vermeld enkel de beslissingen van de gemeenteraden van het (deel)werkingsgebied."),
            );
        }
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            cx.push(
                Diagnostic::new(
                    Code::R0205,
                    file,
                    d.span,
                    format!("De beslissing van de gemeenteraad van {name} staat twee keer in het reglement."),
                )
                .label("tweede keer")
                .related(file, *first, "eerste keer")
                .help("Houd de laatste beslissing van elke gemeenteraad."),
            );
        }
        seen.push((name, d.span));
    }
    let approved = id
        .status
        .first()
        .is_some_and(|s| s.value == Status::Goedgekeurd);
    if !approved || cx.broken || area.is_empty() {
        return;
    }
    let lacking: Vec<&str> = area
        .iter()
        .copied()
        .filter(|g| !seen.iter().any(|(n, _)| n == g))
        .collect();
    if lacking.is_empty() {
        return;
    }
    let at = id.status.first().map_or(hs.header, |s| s.span);
    cx.push(
        Diagnostic::new(
            Code::R0224,
            file,
            at,
            format!(
                "Het reglement is goedgekeurd, maar vermeldt de beslissing van de gemeenteraad van {} niet.",
                fmt::list(&lacking)
            ),
        )
        .label(format!("{} zonder beslissing", fmt::n(lacking.len() as u64, "gemeente", "gemeenten")))
        .help("Elke gemeenteraad van het (deel)werkingsgebied beslist over het ontwerp: vermeld per gemeente 'gemeenteraad NAAM JJJJ-MM-DD zonder amendement' (of 'met amendement') in de sectie 'reglement'; 'reglement samenvoegen' doet dat voor elk besluit dat het samenvoegt."),
    );
}

/// The gemeenten that agreed on a (deel)werkingsgebied woonbinding, per
/// consensus: used by C14 (a gemeente's rules may reach another gemeente
/// only with consensus).
pub(super) fn consensus_groups<'m>(cx: &Ctx<'m>) -> Vec<BTreeSet<&'m str>> {
    area_tiers(cx)
        .into_iter()
        .filter_map(|t| match &t.kind {
            TierKind::Woonbinding {
                consensus: Some(c),
                scope,
                ..
            } => {
                if c.raad.is_some() {
                    // recorded by the toewijzingsraad: the whole area agreed
                    let (_, gemeenten) = area(cx, &scope.value)?;
                    Some(gemeenten.iter().map(|g| g.value.as_str()).collect())
                } else {
                    Some(c.rows.iter().map(|r| r.gemeente.value.as_str()).collect())
                }
            }
            _ => None,
        })
        .collect()
}
