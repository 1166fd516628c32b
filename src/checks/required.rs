//! Missing parts (R0210) and missing motivations (R0216).
//!
//! A missing part is only reported when every section parsed (the part may
//! be in the broken one) and when the file is a reglement: a regional file
//! checked on its own needs no werkingsgebied.

use super::documents::{capitalized, section_noun};
use super::Ctx;
use crate::diagnostic::Code;
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
        Diagnostic::new(Code::R0210, cx.m.main, span, message)
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
    let tr = cx.holds(DocumentKind::Toewijzingsreglement);
    let ihr = cx.holds(DocumentKind::InternHuurreglement);
    // the area: a toewijzingsreglement names its (deel)werkingsgebied; an
    // intern huurreglement on its own, shared by the toewijzingsraden of
    // several deelwerkingsgebieden, need not
    if tr {
        let (file, at, doc) = cx.home(DocumentKind::Toewijzingsreglement);
        match m.werkingsgebied() {
            None => cx.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    at,
                    format!("{} heeft geen werkingsgebied of deelwerkingsgebied.", capitalized(&doc)),
                )
                .label("geen 'werkingsgebied'")
                .help("Voeg 'werkingsgebied \"naam\" { gemeente Naam woningen N ... }' toe, of 'deelwerkingsgebied \"naam\" { gemeente Naam ... }' als het reglement voor een deelwerkingsgebied geldt."),
            ),
            Some((ws, w)) if w.gemeenten.is_empty() => {
                let file = cx.file_of(ws);
                missing_in(
                    cx,
                    file,
                    ws.header,
                    &format!("{} noemt geen gemeenten.", capitalized(&m.area_noun())),
                    "geen gemeenten",
                    "Voeg per gemeente 'gemeente Naam' toe (met 'woningen N' als het patrimonium hier vermeld wordt).",
                )
            }
            Some(_) => {}
        }
        if m.standaard().is_none() {
            cx.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    at,
                    format!(
                        "{} heeft geen standaardtoewijzing (pijler 1); die hoort in het toewijzingsreglement.",
                        capitalized(&doc)
                    ),
                )
                .label("geen 'standaardtoewijzing'")
                .help("Voeg een sectie 'standaardtoewijzing' toe met het aandeel en de rangorde: woonbinding gemeente, mantelzorg, inschrijvingsdatum."),
            );
        }
    }
    if ihr && m.versneld().is_none() {
        let (file, at, doc) = cx.home(DocumentKind::InternHuurreglement);
        cx.push(
            Diagnostic::new(
                Code::R0210,
                file,
                at,
                format!(
                    "{} heeft geen versnelde toewijzing (pijler 2), die verplicht is; ze hoort in het intern huurreglement.",
                    capitalized(&doc)
                ),
            )
            .label("geen 'versnelde toewijzing'")
            .help("Voeg een sectie 'versnelde toewijzing' toe met het aandeel, de basis, het wegingskader en de doelgroepen."),
        );
    }
    if let Some((fs, w)) = m.used_wegingskader().map(|(_, s, w)| (s, w)) {
        if w.criteria.is_empty() {
            let file = cx.file_of(fs);
            cx.push(
                Diagnostic::new(
                    Code::R0210,
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
        let file = cx.file_of(ds);
        // the groups of the regional frame count: a member uses them by name
        if m.pillar3_groups().is_empty() {
            missing_in(
                cx,
                file,
                ds.header,
                "De sectie 'specifieke doelgroepen' noemt geen doelgroepen.",
                "geen doelgroepen",
                "Voeg per doelgroep 'doelgroep code \"naam\" { wettelijke doelgroep ... }' toe, of schrap de sectie.",
            );
        }
        // a regional file shares the groups; each member reserves the dwellings
        if d.reserved.is_empty()
            && d.verdeelsleutel.is_empty()
            && m.named_lists().is_empty()
            && !cx.regional_only
        {
            missing_in(
                cx,
                file,
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
    if ihr && m.bezetting().is_none() {
        let (file, at, doc) = cx.home(DocumentKind::InternHuurreglement);
        cx.push(
            Diagnostic::new(
                Code::R0210,
                file,
                at,
                format!(
                    "{} heeft geen tabel van de rationele bezetting; de woonmaatschappij legt die vast in haar intern huurreglement.",
                    capitalized(&doc)
                ),
            )
            .severity(Severity::Warning)
            .label("geen 'rationele bezetting'")
            .help("Voeg 'rationele bezetting { document intern huurreglement  1 slaapkamer: 1 tot 2 personen ... }' toe. Zonder die tabel kan niet voor een woning gerangschikt worden."),
        );
    }
    if cx.whole() {
        patrimony(cx);
    }
}

/// Checked with the whole woonmaatschappij: the one-third ceiling of
/// pillar 3 (C7) needs the dwellings in each gemeente that reserves some.
fn patrimony(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let rows = m.reserved_rows();
    let mut found = Vec::new();
    for r in rows.iter().filter(|r| r.dwellings.is_none() && r.total > 0) {
        // an unknown gemeente is R0203
        if !m
            .gemeenten()
            .iter()
            .any(|g| g.name.value == r.row.name.value)
        {
            continue;
        }
        found.push(
            Diagnostic::new(
                Code::R0210,
                m.main,
                r.row.span,
                format!(
                    "{} reserveert woningen voor specifieke doelgroepen, maar geen document zegt hoeveel sociale huurwoningen de woonmaatschappij daar heeft: zo is niet te toetsen of het hoogstens {} is.",
                    r.row.name.value,
                    super::doelgroepen_fraction(cx)
                ),
            )
            .label("patrimonium onbekend")
            .help(format!(
                "Vermeld het patrimonium in het werkingsgebied: 'gemeente {} woningen N' (in het toewijzingsreglement of in het intern huurreglement).",
                r.row.name.value
            )),
        );
    }
    for d in found {
        cx.push(d);
    }
}

fn missing_in(
    cx: &mut Ctx<'_>,
    file: crate::source::FileId,
    span: crate::span::Span,
    message: &str,
    label: &str,
    help: &str,
) {
    cx.push(
        Diagnostic::new(Code::R0210, file, span, message)
            .label(label)
            .help(help),
    );
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
                    Code::R0216,
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
                        Code::R0216,
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
    // the frame's groups are checked with the frame
    for (_, g) in m.own_pillar3_groups() {
        if g.motivations.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::R0216,
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
