//! The `evaluatie` section (R0275–R0278): a target in the unit its
//! indicator is measured in, a pillar that exists, targets that do not
//! contradict the legal shares (the parameter set in force), each indicator
//! once, and someone who evaluates.

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{Bound, Evaluatie, IndicatorKind, Section, SectionBody, TargetUnit};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let found: Vec<(&Section, &Evaluatie)> = m
        .main_sections()
        .filter_map(|s| match &s.body {
            SectionBody::Evaluatie(e) => Some((s, e)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (s, e) in found {
        let file = m.file_of(s);
        let mut seen: Vec<(IndicatorKind, crate::span::Span)> = Vec::new();
        for i in &e.indicators {
            let kind = i.kind.value;
            let pillar = match kind {
                IndicatorKind::Aandeel(n) | IndicatorKind::Wachttijd(n) => Some(n),
                IndicatorKind::DringendNietBereikt => None,
            };
            if let Some(n) = pillar.filter(|n| !(1..=3).contains(n)) {
                out.push(
                    Diagnostic::new(
                        Code::R0275,
                        file,
                        i.kind.span,
                        format!("Pijler {n} bestaat niet als indicator: de aandelen en wachttijden gelden voor pijler 1, 2 en 3 (pijler 4 valt buiten de aandelen)."),
                    )
                    .label("geen pijler 1–3"),
                );
                continue;
            }
            let expected = match kind {
                IndicatorKind::Wachttijd(_) => TargetUnit::Dagen,
                _ => TargetUnit::Procent,
            };
            if i.unit != expected {
                let (what, unit) = match expected {
                    TargetUnit::Dagen => {
                        ("Een wachttijd", "in dagen, bv. 'doel hoogstens 730 dagen'")
                    }
                    TargetUnit::Procent => ("Een aandeel", "als percentage, bv. 'doel 20%'"),
                };
                out.push(
                    Diagnostic::new(
                        Code::R0275,
                        file,
                        i.target.span,
                        format!("{what} krijgt een doel {unit}."),
                    )
                    .label("verkeerde eenheid"),
                );
                continue;
            }
            if i.unit == TargetUnit::Procent && i.target.value > 10_000 {
                out.push(
                    Diagnostic::new(
                        Code::R0275,
                        file,
                        i.target.span,
                        "Een aandeel ligt tussen 0% en 100%.".to_string(),
                    )
                    .label("boven 100%"),
                );
                continue;
            }
            if i.months.value == 0 {
                out.push(
                    Diagnostic::new(
                        Code::R0275,
                        file,
                        i.months.span,
                        "De periode van een indicator is minstens 1 maand.".to_string(),
                    )
                    .label("periode 0"),
                );
            }
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kind) {
                out.push(
                    Diagnostic::new(
                        Code::R0277,
                        file,
                        i.kind.span,
                        "Deze indicator staat twee keer in de evaluatie; welk doel geldt, is niet te weten.".to_string(),
                    )
                    .label("tweede keer")
                    .related(file, *first, "eerste keer"),
                );
                continue;
            }
            seen.push((kind, i.kind.span));
            // against the legal shares of the parameter set in force
            let legal = &m.params;
            let (share, min) = (legal.pillar2_share, legal.pillar1_min_share);
            let below_min = |v: i64| v < min;
            let message = match (kind, i.bound) {
                (IndicatorKind::Aandeel(1), Bound::Minimaal | Bound::Exact) if below_min(i.target.value) => Some(format!(
                    "Het doel voor pijler 1 ({}) ligt onder het minimum van {} (Kempense visienota): wie het doel haalt, kan de regel nog breken.",
                    crate::nl::percent(i.target.value),
                    crate::nl::percent(min)
                )),
                (IndicatorKind::Aandeel(1), Bound::Maximaal) => Some(format!(
                    "Een bovengrens voor pijler 1 zegt niet dat pijler 1 minstens {} haalt, wat de regel vraagt.",
                    crate::nl::percent(min)
                )),
                (IndicatorKind::Aandeel(2), _) if i.target.value != share => Some(format!(
                    "Het doel voor pijler 2 ({}) is niet het aandeel versnelde toewijzing van {} dat de regel vraagt (art. 6.24 §1 BVCW).",
                    crate::nl::percent(i.target.value),
                    crate::nl::percent(share)
                )),
                _ => None,
            };
            if let Some(message) = message {
                out.push(
                    Diagnostic::new(Code::R0276, file, i.target.span, message)
                        .label("doel tegen de regel"),
                );
            }
        }
        if e.evaluators.is_empty() && !e.indicators.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::R0278,
                    file,
                    s.header,
                    "De evaluatie zegt niet wie de indicatoren bespreekt, en wanneer.".to_string(),
                )
                .label("wie evalueert?"),
            );
        }
        for r in e.evaluators.iter().filter(|r| r.months.value == 0) {
            out.push(
                Diagnostic::new(
                    Code::R0275,
                    file,
                    r.months.span,
                    "Een evaluatie komt minstens om de maand terug: 'elke 12 maanden'.".to_string(),
                )
                .label("elke 0 maanden"),
            );
        }
    }
    for d in out {
        cx.push(d);
    }
}
