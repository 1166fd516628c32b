//! The regional file (R0213): it is one (it has a `regio` section), it holds
//! only what a regional file may share (weighting frames, verdeelsleutels
//! and the definitions of pillar-3 groups, without what a member decides),
//! and it lists the woonmaatschappij of the reglement that uses it.

use super::documents::section_noun;
use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let regional_file = match m.regio {
        Some(f) => Some(f),
        None if cx.regional_only => Some(m.main),
        None => None,
    };
    let Some(rf) = regional_file else {
        return;
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut regio: Option<(&Section, &Regio)> = None;
    for (f, s) in m.sections().filter(|(f, _)| *f == rf) {
        match &s.body {
            SectionBody::Regio(r) => regio = regio.or(Some((s, r))),
            SectionBody::Wegingskader(_) | SectionBody::Verdeelsleutel(_) => {}
            // shared definitions of pillar-3 groups (issue 16): the groups
            // only; what each woonmaatschappij decides stays in its reglement
            SectionBody::Doelgroepen(d) => {
                let member_only: Vec<(&str, Span)> = [
                    ("de voorbehouden woningen", d.reserved.first().map(|t| t.span)),
                    (
                        "de bestaande voorbehouden woningen",
                        d.existing.first().map(|e| e.span),
                    ),
                    ("'lokale binding'", d.lokale_binding.first().map(|l| l.span)),
                    ("de verdeelsleutel", d.verdeelsleutel.first().map(|v| v.span)),
                ]
                .into_iter()
                .filter_map(|(what, span)| span.map(|s| (what, s)))
                .collect();
                for (what, span) in member_only {
                    found.push(
                        Diagnostic::new(
                            Code::R0213,
                            f,
                            span,
                            format!(
                                "Een regionaal bestand deelt in 'specifieke doelgroepen' enkel de omschrijving van de doelgroepen; {what} hoort in het reglement van elke woonmaatschappij."
                            ),
                        )
                        .label("hoort niet in een regionaal bestand")
                        .help("Verplaats dit naar de sectie 'specifieke doelgroepen' van het reglement; de doelgroepen zelf blijven in het kader."),
                    );
                }
            }
            other => found.push(
                Diagnostic::new(
                    Code::R0213,
                    f,
                    s.header,
                    format!(
                        "Een regionaal bestand deelt enkel wegingskaders, verdeelsleutels en de doelgroepen van pijler 3; {} hoort in het reglement van elke woonmaatschappij.",
                        section_noun(other.kind())
                    ),
                )
                .label("hoort niet in een regionaal bestand")
                .help("Verplaats de sectie naar het reglement."),
            ),
        }
    }
    let use_span = m
        .identity()
        .and_then(|(_, id)| id.regio.first())
        .map(|t| t.span);
    match (regio, use_span) {
        (None, Some(span)) if !cx.broken => found.push(
            Diagnostic::new(
                Code::R0213,
                m.main,
                span,
                "Dit bestand is geen regionaal bestand: het heeft geen sectie 'regio'.",
            )
            .label("geen regionaal bestand")
            .help("Verwijs naar een bestand dat begint met 'regio \"naam\" { woonmaatschappijen: ... }', of schrap 'gebruikt regio'."),
        ),
        (Some((rs, r)), Some(_)) => {
            let own: Vec<&Name> = m
                .identity()
                .map(|(_, id)| id.afkorting.iter().collect())
                .unwrap_or_default();
            // also "LeefGoed Neteland" for a deelwerkingsgebied Neteland of LeefGoed
            let names = m.member_names();
            let listed = r.woonmaatschappijen.iter().any(|w| {
                names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&w.value))
            });
            if let Some(a) = own.first() {
                if !listed && !r.woonmaatschappijen.is_empty() {
                    found.push(
                        Diagnostic::new(
                            Code::R0213,
                            m.main,
                            a.span,
                            format!(
                                "De woonmaatschappij {} staat niet in de lijst van woonmaatschappijen van het regionale bestand.",
                                a.value
                            ),
                        )
                        .label("niet in de regio")
                        .related(rf, rs.header, "deze regio")
                        .help("Voeg de afkorting toe aan 'woonmaatschappijen' in de sectie 'regio', of gebruik het regionale bestand van de eigen regio."),
                    );
                }
            }
        }
        _ => {}
    }
    for d in found {
        cx.push(d);
    }
}
