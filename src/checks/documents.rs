//! C1: a section appears only in the document that may hold it (R0101), and
//! every section that belongs to one document says which (R0212).
//!
//! The documents of one woonmaatschappij may be files of their own: a file
//! whose header says `document toewijzingsreglement` holds that document
//! (its sections need not repeat it), and `gebruikt intern huurreglement
//! "…"` names the file of another. A linked file is the document it is
//! named as, of the same woonmaatschappij (R0222); a part is in one document
//! only, and in the file of its document (R0223).

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;
use crate::syntax::ast::{DocumentKind, SectionBody, SectionKind};

/// Who adopts a document, as the drafter knows it.
pub(super) fn approver(d: DocumentKind) -> &'static str {
    match d {
        DocumentKind::Toewijzingsreglement => {
            "het toewijzingsreglement wordt opgesteld door de toewijzingsraad en voorgelegd aan de gemeenteraden"
        }
        DocumentKind::InternHuurreglement => {
            "het intern huurreglement wordt vastgesteld door het bestuursorgaan van de woonmaatschappij"
        }
        DocumentKind::HuishoudelijkReglement => {
            "het huishoudelijk reglement is dat van de toewijzingsraad"
        }
    }
}

/// "de versnelde toewijzing", "het wegingskader" …: the section as a noun.
pub(super) fn section_noun(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Reglement => "de sectie 'reglement'",
        SectionKind::Regio => "de sectie 'regio'",
        SectionKind::Werkingsgebied => "het werkingsgebied",
        SectionKind::Historiek => "de toewijzingshistoriek",
        SectionKind::Standaard => "de standaardtoewijzing",
        SectionKind::Versneld => "de versnelde toewijzing",
        SectionKind::Wegingskader => "het wegingskader",
        SectionKind::Doelgroepen => "de sectie 'specifieke doelgroepen'",
        SectionKind::Verdeelsleutel => "de verdeelsleutel",
        SectionKind::Bijzonder => "de sectie 'bijzondere toewijzingen'",
        SectionKind::Bezetting => "de rationele bezetting",
        SectionKind::Gemeente => "de sectie van de gemeente",
        SectionKind::Amendement => "het amendement",
        SectionKind::Test => "de test",
        SectionKind::Evaluatie => "de evaluatie",
    }
}

pub(super) fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn documents_text(list: &[DocumentKind]) -> String {
    let names: Vec<String> = list.iter().map(|d| format!("het {}", d.label())).collect();
    super::fmt::or_list(&names)
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    sections(cx);
    declared(cx);
    linked(cx);
    placement(cx);
}

/// Each section names the document it belongs to, one that may hold it.
fn sections(cx: &mut Ctx<'_>) {
    let m = cx.m;
    for (file, s) in m.sections() {
        let kind = s.body.kind();
        let Some(allowed) = m.params.documents_for(kind) else {
            continue;
        };
        let Some(first) = allowed.first() else {
            continue;
        };
        let noun = section_noun(kind);
        match s.documents.first() {
            None => cx.push(
                Diagnostic::new(
                    Code::R0212,
                    file,
                    s.header,
                    format!("Er staat niet bij tot welk document {noun} behoort."),
                )
                .label("geen 'document'")
                .help(format!(
                    "Voeg 'document {}' toe: {}.",
                    first.label(),
                    approver(*first)
                )),
            ),
            Some(doc) if !allowed.contains(&doc.value) => cx.push(
                Diagnostic::new(
                    Code::R0101,
                    file,
                    doc.span,
                    format!(
                        "{} hoort in {}, niet in het {}.",
                        capitalized(noun),
                        documents_text(allowed),
                        doc.value.label()
                    ),
                )
                .label("verkeerd document")
                .help(format!(
                    "Schrijf 'document {}': {}. Elk document heeft zijn eigen goedkeuring, dus een regel in het verkeerde document is niet rechtsgeldig vastgesteld.",
                    first.label(),
                    approver(*first)
                )),
            ),
            Some(_) => {}
        }
    }
}

/// A file whose header declares its document: a section that names another
/// document does not belong in this file.
fn declared(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let files: Vec<FileId> = std::iter::once(m.main)
        .chain(m.linked.iter().map(|(_, f)| *f))
        .collect();
    let mut found = Vec::new();
    for f in files {
        let Some((hs, _)) = m.identity_of(f) else {
            continue;
        };
        let Some(decl) = hs.documents.first() else {
            continue;
        };
        for (sf, s) in m.sections().filter(|(sf, _)| *sf == f) {
            if matches!(s.body, SectionBody::Reglement(_)) {
                continue;
            }
            let Some(d) = s.documents.first() else {
                continue;
            };
            if d.value == decl.value || d.span == decl.span {
                continue;
            }
            let noun = section_noun(s.body.kind());
            found.push(
                Diagnostic::new(
                    Code::R0223,
                    sf,
                    d.span,
                    format!(
                        "Dit bestand is het {} (zo staat het bovenaan), maar {noun} zegt dat ze in het {} hoort.",
                        decl.value.label(),
                        d.value.label()
                    ),
                )
                .label(format!("niet het {}", decl.value.label()))
                .related(f, decl.span, "het document van dit bestand")
                .help(format!(
                    "Zet {noun} in het bestand van het {} (en noem dat bestand in de sectie 'reglement' met 'gebruikt {} \"…\"'), of schrap 'document {}' als ze bij het {} hoort.",
                    d.value.label(),
                    d.value.label(),
                    d.value.label(),
                    decl.value.label()
                )),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// A linked file is the document it is named as, and of the same woonmaatschappij.
fn linked(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let Some((main_head, id)) = m.identity() else {
        return;
    };
    let own = id.woonmaatschappij.first().map(|w| w.value.clone());
    let mut found = Vec::new();
    for (kind, f) in &m.linked {
        let name = short_name(cx, *f);
        let at = id
            .uses
            .iter()
            .find(|u| {
                u.kind.value == *kind && cx.sources.get(*f).name.ends_with(u.file.value.as_str())
            })
            .map_or(main_head.header, |u| u.span);
        let held = m.documents_in(*f);
        if !held.is_empty() && !held.contains(kind) {
            let names: Vec<String> = held.iter().map(|d| format!("het {}", d.label())).collect();
            found.push(
                Diagnostic::new(
                    Code::R0222,
                    m.main,
                    at,
                    format!(
                        "{name} is geen {}: zijn secties horen bij {}.",
                        kind.label(),
                        super::fmt::list(&names)
                    ),
                )
                .label(format!("geen {}", kind.label()))
                .help(format!(
                    "Noem hier het bestand van het {}, of zet bovenaan dat bestand 'document {}'.",
                    kind.label(),
                    kind.label()
                )),
            );
        }
        let theirs = m.identity_of(*f).and_then(|(_, i)| {
            i.woonmaatschappij
                .first()
                .map(|w| (w.value.clone(), w.span))
        });
        if let (Some(a), Some((b, bspan))) = (&own, theirs) {
            if *a != b {
                found.push(
                    Diagnostic::new(
                        Code::R0222,
                        m.main,
                        at,
                        format!(
                            "{name} is van woonmaatschappij '{b}', dit reglement van '{a}': de documenten die samen gelden zijn van één woonmaatschappij."
                        ),
                    )
                    .label("andere woonmaatschappij")
                    .related(*f, bspan, "hier")
                    .help("Noem het document van de eigen woonmaatschappij, of verbeter de naam in 'woonmaatschappij'."),
                );
            }
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// The kinds of section a woonmaatschappij has once.
const SINGLE: [SectionKind; 6] = [
    SectionKind::Standaard,
    SectionKind::Versneld,
    SectionKind::Historiek,
    SectionKind::Doelgroepen,
    SectionKind::Bijzonder,
    SectionKind::Bezetting,
];

/// A part is in one document, and in the file of its document.
fn placement(cx: &mut Ctx<'_>) {
    let m = cx.m;
    if m.linked.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for kind in SINGLE {
        let places: Vec<(FileId, &crate::syntax::ast::Section)> = m
            .sections()
            .filter(|(f, s)| m.is_document(*f) && s.body.kind() == kind)
            .collect();
        let mut seen: Vec<FileId> = Vec::new();
        for (f, s) in &places {
            if seen.contains(f) {
                continue; // twice in one file: R0205
            }
            if let Some(first) = seen.first() {
                let (first_section, first_file) = places
                    .iter()
                    .find(|(pf, _)| pf == first)
                    .map(|(pf, ps)| (*ps, *pf))
                    .unwrap_or((*s, *f));
                found.push(
                    Diagnostic::new(
                        Code::R0223,
                        *f,
                        s.header,
                        format!(
                            "{} staat in twee documenten van de woonmaatschappij: hier en in {}. De compiler leest die van {}.",
                            capitalized(section_noun(kind)),
                            short_name(cx, first_file),
                            short_name(cx, first_file)
                        ),
                    )
                    .label("tweede keer")
                    .related(first_file, first_section.header, "eerste keer")
                    .help("Houd het onderdeel in één document: dat waar het hoort."),
                );
            }
            seen.push(*f);
        }
    }
    // a section of a document that is a file of its own, written in the reglement
    for s in m.own_sections() {
        let Some(d) = s.documents.first() else {
            continue;
        };
        if let Some((_, home)) = m.linked.iter().find(|(k, _)| *k == d.value) {
            let noun = section_noun(s.body.kind());
            found.push(
                Diagnostic::new(
                    Code::R0223,
                    m.main,
                    d.span,
                    format!(
                        "{} hoort in het {}, en dat is een eigen bestand ({}).",
                        capitalized(noun),
                        d.value.label(),
                        short_name(cx, *home)
                    ),
                )
                .severity(Severity::Warning)
                .label("in het verkeerde bestand")
                .help(format!(
                    "Verplaats {noun} naar {}: elk document wordt op zichzelf goedgekeurd en gepubliceerd.",
                    short_name(cx, *home)
                )),
            );
        }
    }
    for d in found {
        cx.push(d);
    }
}

/// A file's name without its folder.
pub(super) fn short_name(cx: &Ctx<'_>, file: FileId) -> String {
    let name = &cx.sources.get(file).name;
    std::path::Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone())
}
