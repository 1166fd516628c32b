//! The regional file (R0213): it is one (it has a `regio` section), it holds
//! only what a regional file may share (weighting frames, verdeelsleutels
//! and the definitions of pillar-2 and pillar-3 groups, without what a
//! member decides),
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
            // shared definitions of pillar-2 groups (issue 16): the groups
            // only; the share, its base, the weighting frame it ranks with and
            // how it splits over the groups are each woonmaatschappij's
            SectionBody::Versneld(v) => {
                let mut member_only: Vec<(&str, Span)> = [
                    ("het aandeel", v.aandeel.first().map(|a| a.span)),
                    ("de basis", v.basis.first().map(|b| b.span)),
                    ("het wegingskader", v.wegingskader.first().map(|w| w.span)),
                    ("de verdeling", v.verdeling.first().map(|d| d.span)),
                    ("'lokale binding'", v.lokale_binding.first().map(|l| l.span)),
                    ("het knipperlicht", v.knipperlicht.first().copied()),
                    (
                        "de plaats van het sociaal verslag",
                        v.sociaal_verslag.first().map(|p| p.span),
                    ),
                ]
                .into_iter()
                .filter_map(|(what, span)| span.map(|s| (what, s)))
                .collect();
                member_only.extend(
                    v.groups
                        .iter()
                        .filter_map(|g| g.aandeel.first())
                        .map(|a| ("het aandeel van een doelgroep", a.span)),
                );
                for (what, span) in member_only {
                    found.push(
                        Diagnostic::new(
                            Code::R0213,
                            f,
                            span,
                            format!(
                                "Een regionaal bestand deelt in 'versnelde toewijzing' enkel de omschrijving van de doelgroepen; {what} hoort in het reglement van elke woonmaatschappij."
                            ),
                        )
                        .label("hoort niet in een regionaal bestand")
                        .help("Verplaats dit naar de sectie 'versnelde toewijzing' van het reglement; de doelgroepen zelf blijven in het kader."),
                    );
                }
            }
            other => found.push(
                Diagnostic::new(
                    Code::R0213,
                    f,
                    s.header,
                    format!(
                        "Een regionaal bestand deelt enkel wegingskaders, verdeelsleutels en de doelgroepen van pijler 2 en pijler 3; {} hoort in het reglement van elke woonmaatschappij.",
                        section_noun(other.kind())
                    ),
                )
                .label("hoort niet in een regionaal bestand")
                .help("Verplaats de sectie naar het reglement."),
            ),
        }
    }
    if let Some((_, r)) = regio {
        found.extend(frame_shares(cx, rf, r));
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

/// The frame's own `verdeling` (the shares it sets for every member) against
/// the law, as a reglement's own shares are: the standaardtoewijzing at least
/// its minimum (C10, R0110), the versnelde toewijzing exactly its share (C2,
/// R0102). In the regional file, at the frame's statement.
fn frame_shares(cx: &Ctx<'_>, rf: crate::source::FileId, r: &Regio) -> Vec<Diagnostic> {
    let params = &cx.m.params;
    let (min, exact) = (params.pillar1_min_share, params.pillar2_share);
    let pct = super::fmt::percent;
    let mut out = Vec::new();
    for rule in &r.verdeling {
        for p in &rule.shares {
            let a = &p.share;
            let d = match p.pillar.value {
                1 if a.bound == Bound::Maximaal => Diagnostic::new(
                    Code::R0110,
                    rf,
                    a.span,
                    format!(
                        "Het regionale kader legt het aandeel van de standaardtoewijzing vast als een maximum; de wet vraagt minstens {} van de toewijzingen, voor elk lid.",
                        pct(min)
                    ),
                )
                .label("maximaal")
                .help(format!(
                    "Schrijf in 'verdeling' 'standaardtoewijzing minimaal {}' (of meer).",
                    pct(min)
                )),
                1 if a.percent.value < min => Diagnostic::new(
                    Code::R0110,
                    rf,
                    a.percent.span,
                    format!(
                        "Het regionale kader geeft de standaardtoewijzing {}, maar de wet vraagt minstens {} van de toewijzingen: geen lid kan deze verdeling volgen.",
                        pct(a.percent.value),
                        pct(min)
                    ),
                )
                .label(format!("minder dan {}", pct(min)))
                .help(format!(
                    "Zet in 'verdeling' de standaardtoewijzing op minimaal {}.",
                    pct(min)
                )),
                2 if a.bound != Bound::Exact => Diagnostic::new(
                    Code::R0102,
                    rf,
                    a.span,
                    format!(
                        "Het regionale kader geeft de versnelde toewijzing een bereik; de wet legt ze vast op exact {} van de toewijzingen.",
                        pct(exact)
                    ),
                )
                .label("geen bereik")
                .help(format!(
                    "Schrijf in 'verdeling' 'versnelde toewijzing {}', zonder 'minimaal' of 'maximaal'.",
                    pct(exact)
                )),
                2 if a.percent.value != exact => Diagnostic::new(
                    Code::R0102,
                    rf,
                    a.percent.span,
                    format!(
                        "Het regionale kader geeft de versnelde toewijzing {}, maar de wet legt ze vast op {}: geen lid kan deze verdeling volgen.",
                        pct(a.percent.value),
                        pct(exact)
                    ),
                )
                .label(format!("moet {} zijn", pct(exact)))
                .help(format!(
                    "Zet in 'verdeling' de versnelde toewijzing op exact {}.",
                    pct(exact)
                )),
                _ => continue,
            };
            out.push(d);
        }
    }
    out
}
