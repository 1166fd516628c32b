//! A gemeente's own sections: a stricter woonbinding is at least as strict as
//! the legal one (C12, R0112), without consensus a gemeente's rules reach
//! only dwellings on its territory (C14, R0114), and a gemeenteraad amends
//! only the stricter woonbinding and the target groups (C15, R0115).

use super::fmt;
use super::Ctx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::ast::*;
use std::collections::BTreeSet;

pub(super) fn check(cx: &mut Ctx<'_>) {
    stricter(cx);
    territory(cx);
    amendments(cx);
}

/// C12: `Y` uninterrupted years within the last `W` is at least as strict as
/// the legal rule (`y` in `w`) when whoever meets it also meets the legal
/// one: `Y ≥ y` and the window leaves no more slack (`W − Y ≤ w − y`).
fn stricter(cx: &mut Ctx<'_>) {
    let p = &cx.m.params;
    let (y, w) = (p.woonbinding_years, p.woonbinding_window);
    let slack = w.saturating_sub(y);
    let file = cx.m.main;
    for (_, g) in cx.m.gemeente_secties() {
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
                        "R0112",
                        file,
                        r.span,
                        format!(
                            "De strengere woonbinding van {} is niet strenger dan de wettelijke ({legal}): {why}.",
                            g.gemeente.value
                        ),
                    )
                    .label("niet strenger")
                    .help(format!(
                        "Vraag minstens {y} jaar ononderbroken, binnen een venster van hoogstens {slack} jaar meer dan die duur (bv. {} jaar in {w} jaar), zodat wie eraan voldoet ook aan de wettelijke woonbinding voldoet.",
                        y + 1
                    )),
                );
            } else if ry == y && rw == w {
                cx.push(
                    Diagnostic::new(
                        "R0112",
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
                        "R0114",
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
                                "R0114",
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
                .chars()
                .take(60)
                .collect();
            cx.push(
                Diagnostic::new(
                    "R0115",
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
        if g.council.is_empty() {
            cx.push(
                Diagnostic::new(
                    "R0210",
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
