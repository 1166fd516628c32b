//! Missing parts (R0210) and missing motivations (R0216).
//!
//! A missing part is only reported when every section parsed (the part may
//! be in the broken one) and when the file is a reglement: a regional file
//! checked on its own needs no werkingsgebied.

use super::documents::section_noun;
use super::Ctx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    if cx.absence_checks() {
        parts(cx);
    }
    motivations(cx);
}

fn missing(cx: &mut Ctx<'_>, span: crate::span::Span, message: &str, label: &str, help: &str) {
    cx.push(
        Diagnostic::new("R0210", cx.m.main, span, message)
            .label(label)
            .help(help),
    );
}

fn parts(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let anchor = cx.reglement_anchor();
    let Some((s, id)) = m.identity() else {
        missing(
            cx,
            anchor,
            "Dit bestand heeft geen sectie 'reglement': de woonmaatschappij en de geldigheidsdatum ontbreken.",
            "geen 'reglement'",
            "Begin het bestand met 'reglement \"titel\" { woonmaatschappij \"...\" afkorting ...  geldig vanaf JJJJ-MM-DD }'. Een regionaal bestand begint met 'regio'.",
        );
        return;
    };
    if id.woonmaatschappij.is_empty() {
        missing(
            cx,
            s.header,
            "Het reglement zegt niet van welke woonmaatschappij het is.",
            "geen 'woonmaatschappij'",
            "Voeg 'woonmaatschappij \"naam\" afkorting CODE' toe.",
        );
    }
    if id.geldig.is_empty() {
        missing(
            cx,
            s.header,
            "Het reglement zegt niet vanaf wanneer het geldt; de wettelijke parameters hangen van die datum af.",
            "geen 'geldig vanaf'",
            "Voeg 'geldig vanaf JJJJ-MM-DD' toe.",
        );
    }
    match m.werkingsgebied() {
        None => missing(
            cx,
            anchor,
            "Het reglement heeft geen werkingsgebied.",
            "geen 'werkingsgebied'",
            "Voeg 'werkingsgebied \"naam\" { gemeente Naam woningen N ... }' toe met de sociale huurwoningen van de woonmaatschappij per gemeente.",
        ),
        Some((ws, w)) if w.gemeenten.is_empty() => missing(
            cx,
            ws.header,
            "Het werkingsgebied noemt geen gemeenten.",
            "geen gemeenten",
            "Voeg per gemeente 'gemeente Naam woningen N' toe.",
        ),
        Some(_) => {}
    }
    if m.standaard().is_none() {
        missing(
            cx,
            anchor,
            "Het reglement heeft geen standaardtoewijzing (pijler 1).",
            "geen 'standaardtoewijzing'",
            "Voeg een sectie 'standaardtoewijzing' toe met het aandeel en de rangorde: woonbinding gemeente, mantelzorg, inschrijvingsdatum.",
        );
    }
    if m.versneld().is_none() {
        missing(
            cx,
            anchor,
            "Het reglement heeft geen versnelde toewijzing (pijler 2), die verplicht is.",
            "geen 'versnelde toewijzing'",
            "Voeg een sectie 'versnelde toewijzing' toe met het aandeel, de basis, het wegingskader en de doelgroepen.",
        );
    }
    if let Some((fs, w)) = m.used_wegingskader().map(|(_, s, w)| (s, w)) {
        if w.criteria.is_empty() {
            let file = cx.file_of(fs);
            cx.push(
                Diagnostic::new(
                    "R0210",
                    file,
                    fs.header,
                    format!("Het wegingskader '{}' heeft geen criteria.", w.name.value),
                )
                .label("geen criteria")
                .help("Voeg criteria toe met hun puntentabel, bv. 'criterium woonnood { ... }'."),
            );
        }
    }
    if let Some((ds, d)) = m.doelgroepen() {
        if d.groups.is_empty() && m.gemeente_secties().all(|(_, g)| g.groups.is_empty()) {
            missing(
                cx,
                ds.header,
                "De sectie 'specifieke doelgroepen' noemt geen doelgroepen.",
                "geen doelgroepen",
                "Voeg per doelgroep 'doelgroep code \"naam\" { wettelijke doelgroep ... }' toe, of schrap de sectie.",
            );
        }
        if d.reserved.is_empty() && d.verdeelsleutel.is_empty() && m.named_lists().is_empty() {
            missing(
                cx,
                ds.header,
                "De sectie 'specifieke doelgroepen' zegt niet hoeveel woningen voor de doelgroepen voorbehouden zijn.",
                "geen voorbehouden woningen",
                "Voeg 'voorbehouden woningen { kolommen: doelgroep, ...  Gemeente N ... }' toe, met per gemeente het aantal woningen per doelgroep.",
            );
        }
    } else if m.gemeente_secties().any(|(_, g)| !g.groups.is_empty()) {
        missing(
            cx,
            anchor,
            "Een gemeente noemt een specifieke doelgroep, maar het reglement heeft geen sectie 'specifieke doelgroepen' met de voorbehouden woningen.",
            "geen 'specifieke doelgroepen'",
            "Voeg een sectie 'specifieke doelgroepen' toe met de voorbehouden woningen per gemeente.",
        );
    }
    if m.bezetting().is_none() {
        cx.push(
            Diagnostic::new(
                "R0210",
                m.main,
                anchor,
                "Het reglement heeft geen tabel van de rationele bezetting; de woonmaatschappij legt die vast in haar intern huurreglement.",
            )
            .severity(Severity::Warning)
            .label("geen 'rationele bezetting'")
            .help("Voeg 'rationele bezetting { document intern huurreglement  1 slaapkamer: 1 tot 2 personen ... }' toe."),
        );
    }
}

/// R0216: every rule carries its reasons.
fn motivations(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut found: Vec<Diagnostic> = Vec::new();
    for (file, s) in m.sections() {
        let kind = s.body.kind();
        let needs = matches!(
            kind,
            SectionKind::Standaard
                | SectionKind::Versneld
                | SectionKind::Wegingskader
                | SectionKind::Doelgroepen
                | SectionKind::Verdeelsleutel
                | SectionKind::Bijzonder
                | SectionKind::Bezetting
                | SectionKind::Gemeente
        );
        if needs && s.motivations.is_empty() {
            found.push(
                Diagnostic::new(
                    "R0216",
                    file,
                    s.header,
                    format!("Er staat geen motivering bij {}.", section_noun(kind)),
                )
                .label("geen motivering")
                .help("Voeg 'motivering \"...\"' toe: de toewijzingsraad beslist met redenen, en de gemeenteraad en de minister lezen ze."),
            );
        }
        if let SectionBody::Wegingskader(w) = &s.body {
            for c in w.criteria.iter().filter(|c| c.motivations.is_empty()) {
                found.push(
                    Diagnostic::new(
                        "R0216",
                        file,
                        c.code.span,
                        format!(
                            "Er staat geen motivering bij het criterium '{}'.",
                            c.code.value
                        ),
                    )
                    .label("geen motivering")
                    .help("Voeg 'motivering \"...\"' toe: waarom dit criterium en deze punten."),
                );
            }
        }
    }
    for (_, g) in m.pillar3_groups() {
        if g.motivations.is_empty() {
            found.push(
                Diagnostic::new(
                    "R0216",
                    m.main,
                    g.code.span,
                    format!(
                        "Er staat geen motivering bij de doelgroep '{}'.",
                        g.code.value
                    ),
                )
                .label("geen motivering")
                .help("Voeg 'motivering \"...\"' toe: waarom deze doelgroep voorrang krijgt."),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}
