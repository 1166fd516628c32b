//! Values out of range: percentages above 100% (R0206), and woonbinding
//! rules, guidance durations and history rows that cannot be (R0215).

use super::fmt;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    percentages(cx);
    binding_rules(cx);
    guidance(cx);
    history(cx);
}

fn percentages(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut shares: Vec<(crate::source::FileId, &Share)> = Vec::new();
    if let Some((ss, st)) = m.standaard() {
        let f = m.file_of(ss);
        shares.extend(st.aandeel.iter().map(|a| (f, a)));
    }
    if let Some((vs, v)) = m.versneld() {
        let f = m.file_of(vs);
        shares.extend(v.aandeel.iter().map(|a| (f, a)));
        shares.extend(v.groups.iter().flat_map(|g| &g.aandeel).map(|a| (f, a)));
    }
    for (file, s) in shares {
        if s.percent.value > fmt::HUNDRED_PERCENT {
            cx.push(
                Diagnostic::new(
                    Code::R0206,
                    file,
                    s.percent.span,
                    format!(
                        "{} is meer dan 100%: een aandeel is een deel van het geheel.",
                        fmt::percent(s.percent.value)
                    ),
                )
                .label("boven 100%")
                .help("Een percentage ligt tussen 0% en 100%."),
            );
        }
    }
}

fn binding_rules(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut rules: Vec<&BindingRule> = Vec::new();
    let mut tiers: Vec<&Tier> = Vec::new();
    for (_, g) in m.gemeente_secties() {
        rules.extend(&g.stricter);
        tiers.extend(&g.area_bindings);
    }
    if let Some((_, st)) = m.standaard() {
        tiers.extend(st.rangorde.iter().flat_map(|r| &r.tiers));
    }
    for t in tiers {
        if let TierKind::Woonbinding { rule: Some(r), .. } = &t.kind {
            rules.push(r);
        }
    }
    for r in rules {
        let (y, w) = (r.years.value, r.window.value);
        if y == 0 || w == 0 || y > w {
            let why = if y == 0 || w == 0 {
                "een duur van 0 jaar zegt niets".to_string()
            } else {
                format!("{y} jaar past niet in {w} jaar")
            };
            cx.push(
                Diagnostic::new(
                    Code::R0215,
                    m.main,
                    r.span,
                    format!("Deze woonbinding kan niet: {why}."),
                )
                .label("onmogelijke woonbinding")
                .help(
                    "Schrijf 'N jaar ononderbroken in de laatste M jaar', met N niet groter dan M.",
                ),
            );
        }
    }
}

fn guidance(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut all: Vec<&Guidance> = Vec::new();
    if let Some((_, d)) = m.doelgroepen() {
        all.extend(&d.guidance);
    }
    for (_, g) in m.own_pillar3_groups() {
        all.extend(&g.guidance);
    }
    for g in all.into_iter().filter(|g| g.months.value == 0) {
        cx.push(
            Diagnostic::new(
                Code::R0215,
                m.main,
                g.months.span,
                "Een begeleidingsovereenkomst van 0 maanden is geen begeleiding.",
            )
            .label("0 maanden")
            .help("Geef de duur van de begeleidingsovereenkomst, bv. '1 jaar' of '6 maanden'."),
        );
    }
}

fn history(cx: &mut Ctx<'_>) {
    let Some((hs, h)) = cx.m.historiek() else {
        return;
    };
    let file = cx.file_of(hs);
    for r in &h.rows {
        let excluded: u64 = r.excluded.iter().map(|(n, _)| n.value).sum();
        if excluded > r.allocations.value {
            cx.push(
                Diagnostic::new(
                    Code::R0215,
                    file,
                    r.span,
                    format!(
                        "In {} zijn {} van de {} toewijzingen apart geteld: meer dan er waren.",
                        r.year.value,
                        fmt::count(excluded),
                        fmt::count(r.allocations.value)
                    ),
                )
                .label("meer dan het totaal")
                .help("Het aantal na 'waarvan' is een deel van de toewijzingen van dat jaar: verbeter het totaal of de delen."),
            );
        }
    }
}
