//! A gemeente's own sections: a stricter woonbinding is at least as strict as
//! the legal one (C12, R0112), without consensus a gemeente's rules reach
//! only dwellings on its territory (C14, R0114), and a gemeenteraad amends
//! only the stricter woonbinding and the target groups (C15, R0115).

use super::fmt;
use super::{Ctx, FileKind};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::ast::*;
use std::collections::BTreeSet;

pub(super) fn check(cx: &mut Ctx<'_>) {
    stricter(cx);
    forbidden(cx);
    territory(cx);
    amendments(cx);
}

/// C12: `Y` uninterrupted years within the last `W` is at least as strict as
/// the legal rule (`y` in `w`) when whoever meets it also meets the legal
/// one: `Y ≥ y` and the window leaves no more slack (`W − Y ≤ w − y`).
/// `Y` years in `W` *not* uninterrupted (the days add up) is never as
/// strict, unless `Y = W` (every day of the window, so one run): the years
/// may lie in pieces shorter than `y`.
fn stricter(cx: &mut Ctx<'_>) {
    let p = &cx.m.params;
    let (y, w) = (p.woonbinding_years, p.woonbinding_window);
    let slack = w.saturating_sub(y);
    for (gs, g) in cx.m.gemeente_secties() {
        let file = cx.m.file_of(gs);
        for r in &g.stricter {
            let (ry, rw) = (r.years.value, r.window.value);
            if ry == 0 || rw == 0 || ry > rw {
                continue; // an impossible rule: R0215 (values)
            }
            let legal = format!(
                "{} ononderbroken in de laatste {}",
                fmt::n(y.into(), "jaar", "jaar"),
                fmt::n(w.into(), "jaar", "jaar")
            );
            let one_run = r.uninterrupted || ry == rw;
            if !one_run && ry >= y {
                let example = if ry < 2 * y {
                    let half = if ry % 2 == 0 {
                        format!("{} jaar", ry / 2)
                    } else {
                        format!("{} jaar en 6 maanden", ry / 2)
                    };
                    format!("wie twee keer {half} in de gemeente woonde met een onderbreking ertussen, haalt {ry} jaar, maar nooit {y} jaar aan één stuk")
                } else {
                    format!("wie in stukken van {} jaar in de gemeente woonde, met telkens een korte onderbreking, haalt {ry} jaar, maar nooit {y} jaar aan één stuk", y - 1)
                };
                cx.push(
                    Diagnostic::new(
                        Code::R0112,
                        file,
                        r.span,
                        format!(
                            "De strengere woonbinding van {} ({ry} jaar in de laatste {rw} jaar, zonder 'ononderbroken') is niet minstens zo streng als de wettelijke ({legal}): de jaren mogen samengeteld worden; {example}. Zo'n kandidaat zou voorgaan op wie wel aan de wettelijke woonbinding voldoet.",
                            g.gemeente.value
                        ),
                    )
                    .label("niet ononderbroken")
                    .help(format!(
                        "Schrijf 'strengere woonbinding: {ry} jaar ononderbroken in de laatste {} jaar' als de jaren aaneensluitend moeten zijn. Samengetelde jaren kunnen geen strengere woonbinding zijn.",
                        rw.min(ry + slack)
                    )),
                );
                continue;
            }
            if ry < y || rw - ry > slack {
                let why = if ry < y {
                    format!("{ry} jaar is korter dan {y} jaar")
                } else {
                    format!(
                        "{ry} jaar binnen {rw} jaar kan grotendeels buiten de laatste {w} jaar liggen"
                    )
                };
                cx.push(
                    Diagnostic::new(
                        Code::R0112,
                        file,
                        r.span,
                        format!(
                            "De strengere woonbinding van {} is niet strenger dan de wettelijke ({legal}): {why}.",
                            g.gemeente.value
                        ),
                    )
                    .label("niet strenger")
                    .help(format!(
                        "Vraag minstens {y} jaar ononderbroken, binnen een venster van hoogstens {slack} jaar meer dan die duur (bv. {} jaar ononderbroken in de laatste {w} jaar), zodat wie eraan voldoet ook aan de wettelijke woonbinding voldoet.",
                        y + 1
                    )),
                );
            } else if ry == y && rw == w {
                cx.push(
                    Diagnostic::new(
                        Code::R0112,
                        file,
                        r.span,
                        format!(
                            "De strengere woonbinding van {} is gelijk aan de wettelijke ({legal}): ze doet niets.",
                            g.gemeente.value
                        ),
                    )
                    .severity(Severity::Warning)
                    .label("even streng als de wet")
                    .help(format!(
                        "Schrap de strengere woonbinding, of maak ze strenger (bv. {} jaar ononderbroken in de laatste {w} jaar).",
                        y + 1
                    )),
                );
            }
        }
        if let (Some(no), Some(r)) = (g.no_stricter.first(), g.stricter.first()) {
            cx.push(
                Diagnostic::new(
                    Code::R0112,
                    file,
                    r.span,
                    format!(
                        "De sectie van {} zegt 'geen strengere woonbinding' en legt er toch een vast.",
                        g.gemeente.value
                    ),
                )
                .label("strengere woonbinding")
                .related(file, no.span, "geen strengere woonbinding")
                .help("Houd één van beide."),
            );
        }
    }
}

/// R0221: local-binding forms the 2024 model does not allow, each with the
/// legal alternative.
fn forbidden(cx: &mut Ctx<'_>) {
    let p = &cx.m.params;
    let (y, w) = (p.woonbinding_years, p.woonbinding_window);
    let mut found = Vec::new();
    for (gs, g) in cx.m.gemeente_secties() {
        let file = cx.m.file_of(gs);
        for f in &g.forbidden_bindings {
            let (message, label, help) = match &f.value {
                ForbiddenBinding::SinceBirth => (
                    "'Sinds de geboorte' is geen woonbinding die het toewijzingsmodel van 2024 toelaat: een woonbinding telt de jaren die iemand in de gemeente woonde binnen een periode voor de toewijzing, niet waar iemand geboren is.".to_string(),
                    "sinds de geboorte",
                    format!("Schrijf een termijn binnen een venster, bv. 'strengere woonbinding: 10 jaar ononderbroken in de laatste 15 jaar'; de wettelijke woonbinding is {y} jaar ononderbroken in de laatste {w} jaar."),
                ),
                ForbiddenBinding::Ever(n) => (
                    format!("'Ooit {n} jaar' telt jaren op eender welk moment: het toewijzingsmodel van 2024 telt de jaren binnen de laatste jaren voor de toewijzing (wettelijk {y} jaar ononderbroken in de laatste {w} jaar)."),
                    "zonder venster",
                    if *n >= y {
                        format!("Schrijf 'strengere woonbinding: {n} jaar ononderbroken in de laatste {} jaar' (het venster hoogstens {} jaar langer dan de duur).", n + (w - y), w - y)
                    } else {
                        format!("Schrijf bv. 'strengere woonbinding: {} jaar ononderbroken in de laatste {w} jaar'; korter dan {y} jaar kan een strengere woonbinding niet zijn.", y + 1)
                    },
                ),
                ForbiddenBinding::Alternatives => (
                    "Een strengere woonbinding met keuzes ('… of …') laat voorgaan wie aan één ervan voldoet: het toewijzingsmodel van 2024 kent één strengere woonbinding per gemeente, een termijn van ononderbroken wonen in de gemeente.".to_string(),
                    "keuzes",
                    "Kies één regel 'N jaar ononderbroken in de laatste M jaar'. Mantelzorg is een eigen trap van de rangorde ('mantelzorg'), na de woonbinding.".to_string(),
                ),
                ForbiddenBinding::School => (
                    "School lopen in de gemeente (of kinderen die er naar school gaan) is geen woonbinding: het toewijzingsmodel van 2024 kent voorrang voor wie in de gemeente woonde, en voor mantelzorg.".to_string(),
                    "school",
                    format!("Schrap deze voorwaarde. De wettelijke woonbinding ({y} jaar ononderbroken in de laatste {w} jaar) en de trap 'mantelzorg' geven de lokale voorrang die het model toelaat."),
                ),
                ForbiddenBinding::Work => (
                    "Werken in de gemeente is geen woonbinding: het toewijzingsmodel van 2024 kent voorrang voor wie in de gemeente woonde, en voor mantelzorg.".to_string(),
                    "werk",
                    format!("Schrap deze voorwaarde. De wettelijke woonbinding ({y} jaar ononderbroken in de laatste {w} jaar) en de trap 'mantelzorg' geven de lokale voorrang die het model toelaat."),
                ),
            };
            found.push(
                Diagnostic::new(Code::R0221, file, f.span, message)
                    .label(label)
                    .help(help),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// C14: without consensus, a gemeente's rules apply only to dwellings on its
/// territory: `geldt voor` names other gemeenten only when a consensus on a
/// (deel)werkingsgebied woonbinding covers both, and a local target group
/// reserves dwellings only there.
fn territory(cx: &mut Ctx<'_>) {
    let file = cx.m.main;
    let groups = super::standaard::consensus_groups(cx);
    let agreed = |a: &str, b: &str| groups.iter().any(|g| g.contains(a) && g.contains(b));
    let reserved: Vec<&Table> =
        cx.m.doelgroepen()
            .map(|(_, d)| d.reserved.iter().collect())
            .unwrap_or_default();
    let mut found: Vec<Diagnostic> = Vec::new();
    for (_, g) in cx.m.gemeente_secties() {
        let own = g.gemeente.value.as_str();
        let mut reach: BTreeSet<&str> = BTreeSet::from([own]);
        for list in &g.applies_to {
            for n in &list.value {
                if n.value == own {
                    continue;
                }
                if agreed(own, &n.value) {
                    reach.insert(n.value.as_str());
                    continue;
                }
                found.push(
                    Diagnostic::new(
                        Code::R0114,
                        file,
                        n.span,
                        format!(
                            "Zonder consensus gelden de eigen regels van {own} enkel voor woningen in {own}, niet in {}.",
                            n.value
                        ),
                    )
                    .label("ander grondgebied")
                    .help(format!(
                        "Schrap {} uit 'geldt voor', of leg de consensus van beide gemeenten vast bij een woonbinding met het (deel)werkingsgebied in de rangorde.",
                        n.value
                    )),
                );
            }
        }
        for grp in &g.groups {
            for t in &reserved {
                let Some(col) = t.columns.iter().position(|c| c.value == grp.code.value) else {
                    continue;
                };
                for row in &t.rows {
                    let Some(v) = row.values.get(col) else {
                        continue;
                    };
                    if v.value > 0 && !reach.contains(row.name.value.as_str()) {
                        found.push(
                            Diagnostic::new(
                                Code::R0114,
                                file,
                                v.span,
                                format!(
                                    "De doelgroep '{}' is een eigen regel van {own}: zonder consensus kan ze geen woningen in {} voorbehouden.",
                                    grp.code.value, row.name.value
                                ),
                            )
                            .label(format!("{} in {}", fmt::n(v.value, "woning", "woningen"), row.name.value))
                            .help(format!(
                                "Zet 0 in de rij van {}, of maak van de doelgroep een gemeenschappelijke in 'specifieke doelgroepen'.",
                                row.name.value
                            )),
                        );
                    }
                }
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// C15: a gemeente section holds only what a gemeenteraad may amend; and it
/// names the council's decision.
fn amendments(cx: &mut Ctx<'_>) {
    let file = cx.m.main;
    for (s, g) in cx.m.gemeente_secties() {
        for f in &g.foreign {
            // the statement as written, on one line
            let written: String = cx
                .sources
                .get(file)
                .slice(f.span)
                .lines()
                .next()
                .unwrap_or(&f.value)
                .trim_end_matches(['{', ' '])
                .chars()
                .take(60)
                .collect();
            cx.push(
                Diagnostic::new(
                    Code::R0115,
                    file,
                    f.span,
                    format!(
                        "De gemeenteraad van {} mag enkel een strengere woonbinding en de toewijzing aan specifieke doelgroepen wijzigen, niet '{}'.",
                        g.gemeente.value,
                        written.trim()
                    ),
                )
                .label("mag een gemeente niet wijzigen")
                .help("Verplaats de regel naar de gemeenschappelijke sectie waar hij hoort (standaardtoewijzing, versnelde toewijzing, specifieke doelgroepen of rationele bezetting); in de sectie van een gemeente staan enkel 'strengere woonbinding', 'doelgroep', 'geldt voor' en 'gemeenteraad'."),
            );
        }
        for t in &g.area_bindings {
            if let TierKind::Woonbinding { scope, .. } = &t.kind {
                if scope.value == BindingScope::Gemeente {
                    cx.push(
                        Diagnostic::new(
                            Code::R0115,
                            file,
                            t.span,
                            format!(
                                "De woonbinding met de gemeente zelf is de wettelijke; de gemeenteraad van {} kan enkel een strengere woonbinding kiezen.",
                                g.gemeente.value
                            ),
                        )
                        .label("wettelijke woonbinding")
                        .help("Schrijf 'strengere woonbinding: N jaar ononderbroken in de laatste M jaar', of een woonbinding met het (deel)werkingsgebied met de consensus van zijn gemeenten."),
                    );
                }
            }
        }
        // in an amendment, the decision is stated once in its `amendement` section
        if g.council.is_empty() && cx.kind != FileKind::Amendment {
            cx.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    s.header,
                    format!(
                        "De sectie van {} vermeldt niet wanneer de gemeenteraad haar vastlegde.",
                        g.gemeente.value
                    ),
                )
                .severity(Severity::Warning)
                .label("geen 'gemeenteraad'")
                .help("Voeg 'gemeenteraad JJJJ-MM-DD \"beslissing\"' toe, zodat te zien is wat de gemeenteraad wijzigde en wanneer."),
            );
        }
    }
}
