//! C1: a section appears only in the document that may hold it (R0101), and
//! every section that belongs to one document says which (R0212).

use super::Ctx;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{DocumentKind, SectionKind};

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
    }
}

fn capitalized(s: &str) -> String {
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
                    "R0212",
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
                    "R0101",
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
