//! Unknown names (R0203) and unused ones (R0204), from the model's resolved
//! references. Both rely on something being absent, so they stay silent when
//! a section failed to parse.

use super::{Ctx, FileKind};
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::model::SymbolKind;
use crate::syntax::ast::SectionBody;

/// The known name closest to `wanted` (a typo), if one is close enough.
/// Bounded in time: names longer than 100 characters get no suggestion, and
/// the distance is computed only for known names whose length is within
/// the limit of `wanted`'s (no other can be close enough).
pub(super) fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    const LONGEST: usize = 100;
    let w = wanted.to_lowercase();
    let chars = w.chars().count();
    if chars > LONGEST {
        return None;
    }
    let limit = (chars / 3).max(1);
    known
        .filter(|k| !k.is_empty())
        .filter(|k| k.chars().count().abs_diff(chars) <= limit)
        .map(|k| (strsim::levenshtein(&w, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// "onbekende gemeente", "onbekend wegingskader": the adjective agrees with
/// the noun (het-words take no -e).
fn with_adjective(adjective: &str, kind: SymbolKind) -> String {
    let het = matches!(
        kind,
        SymbolKind::Wegingskader | SymbolKind::Deelwerkingsgebied | SymbolKind::Criterium
    );
    if het {
        format!("{adjective} {}", kind.label())
    } else {
        format!("{adjective}e {}", kind.label())
    }
}

fn unknown_message(cx: &Ctx<'_>, kind: SymbolKind, name: &str) -> (String, &'static str) {
    match kind {
        SymbolKind::Gemeente => (
            format!("'{name}' is geen gemeente van het werkingsgebied."),
            "Verbeter de spelling. Een toewijzingsreglement regelt enkel de toewijzing in zijn eigen (deel)werkingsgebied: een gemeente daarbuiten valt onder het reglement van haar eigen woonmaatschappij. Ontbreekt de gemeente in de sectie 'werkingsgebied' terwijl de woonmaatschappij er woningen heeft, voeg ze daar dan toe met haar aantal woningen.",
        ),
        SymbolKind::Deelwerkingsgebied => (
            format!("Er is geen deelwerkingsgebied '{name}'."),
            "Leg het deelwerkingsgebied vast in 'werkingsgebied' met 'deelwerkingsgebied naam: gemeente, gemeente', of verbeter de spelling.",
        ),
        SymbolKind::Wegingskader => (
            if cx.m.regio.is_some() {
                format!("Er is geen wegingskader '{name}', ook niet in het regionale bestand.")
            } else {
                format!("Er is geen wegingskader '{name}'.")
            },
            "Verbeter de naam, of voeg een sectie 'wegingskader' met die naam toe (in dit bestand of in het regionale bestand).",
        ),
        SymbolKind::Criterium => (
            format!("Het wegingskader heeft geen criterium '{name}'."),
            "Noem enkel criteria die in het wegingskader staan.",
        ),
        SymbolKind::Code => (
            format!("'{name}' is geen situatie van het wegingskader."),
            "Noem enkel situaties die het wegingskader met punten scoort, of voeg de situatie toe aan het criterium woonnood.",
        ),
        SymbolKind::Pillar2Doelgroep => (
            format!("Er is geen doelgroep '{name}' in de versnelde toewijzing."),
            "Verbeter de naam, of voeg de doelgroep toe.",
        ),
        SymbolKind::Pillar3Doelgroep => (
            format!("Er is geen specifieke doelgroep '{name}'."),
            "Voeg de doelgroep toe aan 'specifieke doelgroepen' (of aan de sectie van de gemeente), of verbeter de spelling.",
        ),
        SymbolKind::Pillar4Soort => (
            format!("Er is geen soort bijzondere toewijzing '{name}'."),
            "Voeg de soort toe aan 'bijzondere toewijzingen', of verbeter de spelling.",
        ),
        SymbolKind::Verdeelsleutel => (
            if cx.m.regio.is_some() {
                format!("Er is geen verdeelsleutel '{name}', ook niet in het regionale bestand.")
            } else {
                format!("Er is geen verdeelsleutel '{name}'.")
            },
            "Verbeter de naam, of voeg een sectie 'verdeelsleutel' met die naam toe.",
        ),
        SymbolKind::Woonmaatschappij => (
            format!("'{name}' staat niet in de lijst van woonmaatschappijen van de regio."),
            "Voeg de woonmaatschappij toe aan 'woonmaatschappijen' in de sectie 'regio', of verbeter de spelling.",
        ),
    }
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    if cx.broken {
        return;
    }
    // an amendment or a test file on its own names what its reglement
    // declares; a regional file's names may be used by other reglementen
    if matches!(cx.kind, FileKind::Amendment | FileKind::Tests) {
        return;
    }
    unknown(cx);
    if !cx.regional_only {
        unused(cx);
    }
}

fn unknown(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let frame = m.used_wegingskader();
    for r in &m.references {
        if r.target.is_some() {
            continue;
        }
        match r.kind {
            // C20 reports these, with the pillar-4 rule
            SymbolKind::Pillar4Soort => continue,
            // without the frame, every situation would be unknown
            SymbolKind::Code if frame.is_none() => continue,
            _ => {}
        }
        let known: Vec<&str> = match r.kind {
            SymbolKind::Code => frame
                .map(|(_, _, w)| {
                    w.criteria
                        .iter()
                        .flat_map(|c| c.situations.iter().map(|s| s.code.value.as_str()))
                        .collect()
                })
                .unwrap_or_default(),
            SymbolKind::Criterium => m
                .sections()
                .find_map(|(f, s)| match &s.body {
                    SectionBody::Wegingskader(w)
                        if f == r.file && s.span.contains(r.span.start) =>
                    {
                        Some(w.criteria.iter().map(|c| c.code.value.as_str()).collect())
                    }
                    _ => None,
                })
                .unwrap_or_default(),
            kind => m
                .symbols
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| s.name.as_str())
                .collect(),
        };
        // a criterion named after the candidate's field it scores
        // ('kinderen' for the criterion 'kinderlast')
        let by_field = || -> Option<String> {
            if r.kind != SymbolKind::Criterium {
                return None;
            }
            m.sections().find_map(|(f, s)| match &s.body {
                SectionBody::Wegingskader(w) if f == r.file && s.span.contains(r.span.start) => w
                    .criteria
                    .iter()
                    .find(|c| {
                        c.kenmerk()
                            .is_some_and(|k| k.field().eq_ignore_ascii_case(r.name.trim()))
                    })
                    .map(|c| c.code.value.clone()),
                _ => None,
            })
        };
        let suggestion = closest(&r.name, known.into_iter())
            .map(str::to_string)
            .or_else(by_field)
            .map(|c| format!(" Bedoelt u '{c}'?"))
            .unwrap_or_default();
        let (message, help) = unknown_message(cx, r.kind, &r.name);
        cx.push(
            Diagnostic::new(
                Code::R0203,
                r.file,
                r.span,
                format!("{message}{suggestion}"),
            )
            .label(with_adjective("onbekend", r.kind))
            .help(help),
        );
    }
}

fn unused(cx: &mut Ctx<'_>) {
    let m = cx.m;
    let mut used = vec![false; m.symbols.len()];
    for r in &m.references {
        if let Some(t) = r.target {
            used[t] = true;
        }
    }
    // a name used by a name of the same kind and spelling counts as used
    // (a duplicate definition is reported as such, not as unused)
    let used_names: std::collections::HashSet<(SymbolKind, &str)> = m
        .symbols
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(s, _)| (s.kind, s.name.as_str()))
        .collect();
    let has_reserved_table = m.doelgroepen().is_some_and(|(_, d)| !d.reserved.is_empty())
        || m.doelgroepen()
            .is_some_and(|(_, d)| !d.verdeelsleutel.is_empty());
    for (s, u) in m.symbols.iter().zip(&used) {
        if *u || used_names.contains(&(s.kind, s.name.as_str())) || s.file != m.main {
            continue;
        }
        // the reglement's own area, written as `deelwerkingsgebied "Naam" { … }`
        let own_area = m
            .werkingsgebied()
            .filter(|(_, w)| w.deelgebied.is_some())
            .and_then(|(ws, _)| ws.title.as_ref())
            .is_some_and(|t| t.span == s.span);
        if s.kind == SymbolKind::Deelwerkingsgebied && own_area {
            continue;
        }
        let (message, help) = match s.kind {
            SymbolKind::Wegingskader => (
                format!("Het wegingskader '{}' wordt nergens gebruikt.", s.name),
                "Verwijs ernaar in de versnelde toewijzing met 'wegingskader naam', of schrap het.",
            ),
            SymbolKind::Verdeelsleutel => (
                format!("De verdeelsleutel '{}' wordt nergens gebruikt.", s.name),
                "Verwijs ernaar in 'specifieke doelgroepen' met 'verdeelsleutel naam', of schrap hem.",
            ),
            SymbolKind::Deelwerkingsgebied => (
                format!("Het deelwerkingsgebied '{}' wordt nergens gebruikt.", s.name),
                "Gebruik het in de rangorde ('woonbinding deelwerkingsgebied naam ...'), of schrap het.",
            ),
            SymbolKind::Pillar3Doelgroep if has_reserved_table && !has_named(m, &s.name) => (
                format!(
                    "Voor de specifieke doelgroep '{}' zijn geen woningen voorbehouden.",
                    s.name
                ),
                "Voeg de doelgroep als kolom toe aan 'voorbehouden woningen', met het aantal woningen per gemeente.",
            ),
            _ => continue,
        };
        cx.push(
            Diagnostic::new(Code::R0204, s.file, s.span, message)
                .label(with_adjective("ongebruikt", s.kind))
                .help(help),
        );
    }
}

/// Whether a pillar-3 group reserves named dwellings (`voorbehouden woningen in ...: ...`).
fn has_named(m: &crate::model::Model, code: &str) -> bool {
    m.pillar3_groups()
        .iter()
        .any(|(_, g)| g.code.value == code && !g.dwellings.is_empty())
}
