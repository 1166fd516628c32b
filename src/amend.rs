//! Amendments by a gemeenteraad, and merging them into the final reglement.
//!
//! The toewijzingsraad sends its draft to every gemeente of the
//! werkingsgebied; a gemeenteraad may amend only (a) a stricter woonbinding
//! and (b) the allocation to specific target groups (docs/regels.md, C15). An
//! amendment is a file in the reglement language:
//!
//! ```text
//! amendement "Amendement van de gemeenteraad van Turnhout" {
//!     ontwerp sha256:3b9b…          # the draft it amends, by its content hash
//!     gemeente Turnhout
//!     gemeenteraad 2024-03-18 "zitting van 18 maart 2024, punt 12"
//! }
//!
//! gemeente Turnhout artikel 7 "Eigen regels van Turnhout" {
//!     document toewijzingsreglement
//!     strengere woonbinding: 6 jaar ononderbroken in de laatste 10 jaar
//!     …
//! }
//! ```
//!
//! A gemeenteraad that approves the draft as it is says so in the same form,
//! with `goedgekeurd zonder amendement` and no `gemeente` section.
//!
//! [`merge`] checks every amendment against the draft and, when all are
//! admissible, replaces (or inserts) the `gemeente` sections in the draft's
//! text, keeping everything else of the draft byte for byte, comments
//! included, and records every decision in the `reglement` section
//! (`gemeenteraad NAAM DATUM zonder amendement "…"` or `met amendement`), so
//! that the final reglement lists the decision of each gemeente. The merged
//! text is analysed again: it must be a reglement without errors (with status
//! goedgekeurd, a woonbinding on the (deel)werkingsgebied proposed `mits
//! consensus` is then recorded by the decisions of all its gemeenten). All or
//! nothing: one refused amendment refuses the merge.

use crate::analysis::{analyze, Analysis, Loader};
use crate::diagnostic::Code;
use crate::diagnostic::{self, Diagnostic};
use crate::model::Model;
use crate::nl;
use crate::source::{FileId, SourceFile, Sources};
use crate::span::Span;
use crate::syntax::{self, ast::*};

/// An amendment file as read: its name and text.
#[derive(Debug, Clone)]
pub struct AmendmentText {
    pub name: String,
    pub text: String,
}

/// What merging may change besides the gemeente sections.
#[derive(Debug, Clone, Copy, Default)]
pub struct MergeOptions {
    /// Set the `status` of the merged reglement (e.g. `goedgekeurd`).
    pub status: Option<Status>,
}

/// The outcome of a merge.
#[derive(Debug)]
pub enum Merged {
    /// The final text, its analysis and what was merged, per amendment.
    Ok {
        text: String,
        analysis: Box<Analysis>,
        summary: Vec<String>,
    },
    /// Refused: the diagnostics, located in `sources` (the draft, its
    /// regional file and the amendments; or the merged text when it is the
    /// merged reglement that has errors).
    Refused {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
    },
}

/// One admissible amendment, ready to merge.
struct Admissible<'a> {
    file: FileId,
    gemeente: String,
    council: &'a CouncilDecision,
    sections: Vec<&'a Section>,
    /// `goedgekeurd zonder amendement`: approved as it is.
    unamended: bool,
}

/// Merge amendments into a draft. `draft` is the analysed draft; `loader`
/// reads its regional file again for the merged text.
pub fn merge(
    draft: &Analysis,
    amendments: &[AmendmentText],
    options: MergeOptions,
    loader: &dyn Loader,
) -> Merged {
    let mut sources = draft.sources.clone();
    if draft.has_errors() {
        let diagnostics = draft.errors();
        return Merged::Refused {
            diagnostics,
            sources,
        };
    }
    let draft_hash = draft.sources.content_hash();
    let parsed: Vec<(FileId, syntax::Parsed)> = amendments
        .iter()
        .map(|a| {
            let id = sources.add(SourceFile::new(a.name.clone(), a.text.clone()));
            (id, syntax::parse(id, &a.text))
        })
        .collect();

    let mut diagnostics = Vec::new();
    let mut admissible = Vec::new();
    for (file, p) in &parsed {
        diagnostics.extend(p.diagnostics.iter().cloned());
        if let Some(a) = check_amendment(&draft.model, &draft_hash, *file, p, &mut diagnostics) {
            admissible.push(a);
        }
    }
    // one amendment per gemeente
    for (i, a) in admissible.iter().enumerate() {
        if let Some(first) = admissible[..i].iter().find(|b| b.gemeente == a.gemeente) {
            diagnostics.push(
                Diagnostic::new(
                    Code::R0205,
                    a.file,
                    a.council.span,
                    format!(
                        "Er zijn twee amendementen van de gemeenteraad van {}: welk van beide geldt, is niet te zeggen.",
                        a.gemeente
                    ),
                )
                .label("tweede amendement")
                .related(first.file, first.council.span, "eerste amendement")
                .help("Voeg enkel het laatst goedgekeurde amendement van een gemeente samen."),
            );
        }
    }
    if diagnostic::has_errors(&diagnostics) {
        diagnostic::sort(&mut diagnostics);
        return Merged::Refused {
            diagnostics,
            sources,
        };
    }

    let (text, summary) = apply(draft, &sources, &admissible, options);
    let draft_name = &draft.sources.get(draft.model.main).name;
    let merged = analyze(draft_name, &text, loader);
    if merged.has_errors() {
        let diagnostics = merged.errors();
        return Merged::Refused {
            diagnostics,
            sources: merged.sources,
        };
    }
    Merged::Ok {
        text,
        analysis: Box::new(merged),
        summary,
    }
}

/// Check one amendment; `None` when it cannot be merged (the reasons are
/// pushed as diagnostics).
fn check_amendment<'p>(
    draft: &Model,
    draft_hash: &str,
    file: FileId,
    parsed: &'p syntax::Parsed,
    diags: &mut Vec<Diagnostic>,
) -> Option<Admissible<'p>> {
    let before = diags.len();
    let heads: Vec<(&Section, &Amendement)> = parsed
        .ast
        .sections
        .iter()
        .filter_map(|s| match &s.body {
            SectionBody::Amendement(a) => Some((s, a)),
            _ => None,
        })
        .collect();
    let Some(&(head_section, head)) = heads.first() else {
        if parsed.broken.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::R0210,
                    file,
                    Span::new(0, 0),
                    "Dit bestand is geen amendement: het begint niet met een sectie 'amendement'.",
                )
                .help("Begin met 'amendement { ontwerp sha256:… gemeente NAAM gemeenteraad JJJJ-MM-DD }', gevolgd door de gewijzigde sectie 'gemeente NAAM { … }'."),
            );
        }
        return None;
    };
    for (s, _) in &heads[1..] {
        diags.push(
            Diagnostic::new(
                Code::R0205,
                file,
                s.header,
                "Een amendement heeft één sectie 'amendement'.",
            )
            .label("tweede sectie 'amendement'")
            .related(file, head_section.header, "eerste sectie 'amendement'"),
        );
    }
    let missing = |what: &str, help: &str| {
        Diagnostic::new(
            Code::R0210,
            file,
            head_section.header,
            format!("Het amendement vermeldt {what} niet."),
        )
        .label("hier")
        .help(help.to_string())
    };

    // (1) the draft it amends, by its content hash
    match head.draft.first() {
        None => diags.push(missing(
            "het ontwerp dat het wijzigt",
            "Voeg 'ontwerp sha256:…' toe met de inhoudshash die bovenaan het gepubliceerde ontwerp staat.",
        )),
        Some(h) if h.value != draft_hash => diags.push(
            Diagnostic::new(
                Code::R0219,
                file,
                h.span,
                format!(
                    "Dit amendement wijzigt een andere versie dan het ontwerp dat wordt samengevoegd: het noemt {}, het ontwerp heeft inhoudshash {draft_hash}.",
                    h.value
                ),
            )
            .label("inhoudshash van een andere versie"),
        ),
        Some(_) => {}
    }

    // (2) the gemeente that decided, in the werkingsgebied
    let gemeenten: Vec<&str> = draft
        .gemeenten()
        .iter()
        .map(|g| g.name.value.as_str())
        .collect();
    let gemeente = match head.gemeente.first() {
        None => {
            diags.push(missing(
                "de gemeente",
                "Voeg 'gemeente NAAM' toe: de gemeente waarvan de gemeenteraad besliste.",
            ));
            None
        }
        Some(g) if !gemeenten.contains(&g.value.as_str()) => {
            diags.push(
                Diagnostic::new(
                    Code::R0203,
                    file,
                    g.span,
                    format!(
                        "{} ligt niet in het werkingsgebied van het ontwerp ({}).",
                        g.value,
                        nl::and_list(&gemeenten.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    ),
                )
                .label("onbekende gemeente"),
            );
            None
        }
        Some(g) => Some(g.value.clone()),
    };

    // (3) the decision of the gemeenteraad
    let council = head.council.first();
    if council.is_none() {
        diags.push(missing(
            "de beslissing van de gemeenteraad",
            "Voeg 'gemeenteraad JJJJ-MM-DD \"zitting, punt\"' toe met de datum van de beslissing.",
        ));
    }

    // (4) what it changes: only the gemeente's own sections, only what a gemeenteraad may amend
    let mut sections = Vec::new();
    for s in &parsed.ast.sections {
        match &s.body {
            SectionBody::Amendement(_) => {}
            SectionBody::Gemeente(g) => {
                check_gemeente_section(draft, file, s, g, gemeente.as_deref(), diags);
                sections.push(s);
            }
            other => diags.push(
                Diagnostic::new(
                    Code::R0115,
                    file,
                    s.header,
                    format!(
                        "Een gemeenteraad mag de sectie '{}' niet wijzigen.",
                        other.kind().keyword()
                    ),
                )
                .label("buiten wat een gemeenteraad mag wijzigen")
                .help(format!(
                    "Een gemeenteraad mag enkel een strengere woonbinding en de toewijzing aan specifieke doelgroepen wijzigen, in de sectie 'gemeente {}'. Wie iets anders wil wijzigen, vraagt het aan de toewijzingsraad.",
                    gemeente.as_deref().unwrap_or("NAAM")
                )),
            ),
        }
    }
    let unamended = !head.unamended.is_empty();
    if unamended {
        for s in &sections {
            diags.push(
                Diagnostic::new(
                    Code::R0115,
                    file,
                    s.header,
                    "Het amendement zegt 'goedgekeurd zonder amendement', maar wijzigt toch een sectie.",
                )
                .label("wijziging")
                .related(file, head.unamended[0], "goedgekeurd zonder amendement")
                .help("Schrap 'goedgekeurd zonder amendement' als de gemeenteraad wijzigde, of schrap de sectie als hij het ontwerp goedkeurde zoals het is."),
            );
        }
    } else if sections.is_empty() && parsed.broken.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::R0210,
                file,
                head_section.header,
                "Het amendement bevat geen gewijzigde sectie 'gemeente'.",
            )
            .label("amendement zonder inhoud")
            .help(format!(
                "Voeg na de sectie 'amendement' de gewijzigde sectie 'gemeente {} {{ … }}' toe, of schrijf 'goedgekeurd zonder amendement' in de sectie 'amendement' als de gemeenteraad het ontwerp goedkeurde zoals het is.",
                gemeente.as_deref().unwrap_or("NAAM")
            )),
        );
    }
    if !parsed.broken.is_empty() || diagnostic::has_errors(&diags[before..]) {
        return None;
    }
    Some(Admissible {
        file,
        gemeente: gemeente?,
        council: council?,
        sections,
        unamended,
    })
}

/// C15, C14, C13 on one `gemeente` section of an amendment.
fn check_gemeente_section(
    draft: &Model,
    file: FileId,
    section: &Section,
    g: &GemeenteSectie,
    gemeente: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(own) = gemeente {
        if g.gemeente.value != own {
            diags.push(
                Diagnostic::new(
                    Code::R0114,
                    file,
                    g.gemeente.span,
                    format!(
                        "De gemeenteraad van {own} mag enkel de eigen regels van {own} wijzigen, niet die van {}.",
                        g.gemeente.value
                    ),
                )
                .label("andere gemeente")
                .help(format!(
                    "Een gemeenteraad amendeert enkel de sectie 'gemeente {own}'; de regels voor {} stelt de gemeenteraad van {} vast, in een eigen amendement.",
                    g.gemeente.value, g.gemeente.value
                )),
            );
        }
    }
    for d in &section.documents {
        if d.value != DocumentKind::Toewijzingsreglement {
            diags.push(
                Diagnostic::new(
                    Code::R0115,
                    file,
                    d.span,
                    format!(
                        "Een gemeenteraad wijzigt enkel het toewijzingsreglement, niet het {}.",
                        d.value.label()
                    ),
                )
                .label("ander document"),
            );
        }
    }
    for f in &g.foreign {
        diags.push(
            Diagnostic::new(
                Code::R0115,
                file,
                f.span,
                format!(
                    "Een gemeenteraad mag '{}' niet wijzigen: enkel een strengere woonbinding en de toewijzing aan specifieke doelgroepen.",
                    f.value
                ),
            )
            .label("buiten wat een gemeenteraad mag wijzigen"),
        );
    }
    for a in &g.applies_to {
        let others: Vec<String> = a
            .value
            .iter()
            .filter(|n| n.value != g.gemeente.value)
            .map(|n| n.value.clone())
            .collect();
        if !others.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::R0114,
                    file,
                    a.span,
                    format!(
                        "Een gemeenteraad beslist over de woningen op het eigen grondgebied, niet over die in {}.",
                        nl::and_list(&others)
                    ),
                )
                .label("woningen van andere gemeenten"),
            );
        }
    }
    for tier in &g.area_bindings {
        let TierKind::Woonbinding {
            scope, consensus, ..
        } = &tier.kind
        else {
            continue;
        };
        let area: Vec<String> = match &scope.value {
            BindingScope::Gemeente => {
                diags.push(
                    Diagnostic::new(
                        Code::R0115,
                        file,
                        tier.span,
                        "De woonbinding met de gemeente zelf is de wettelijke; een gemeenteraad kan enkel een strengere woonbinding kiezen.",
                    )
                    .label("hier")
                    .help("Schrijf 'strengere woonbinding: N jaar ononderbroken in de laatste M jaar'."),
                );
                continue;
            }
            BindingScope::Werkingsgebied => draft
                .gemeenten()
                .iter()
                .map(|g| g.name.value.clone())
                .collect(),
            BindingScope::Deelwerkingsgebied(name) => {
                let found = draft
                    .werkingsgebied()
                    .and_then(|(_, w)| w.deelgebieden.iter().find(|d| d.name.value == name.value));
                match found {
                    Some(d) => d.gemeenten.iter().map(|g| g.value.clone()).collect(),
                    None => {
                        diags.push(
                            Diagnostic::new(
                                Code::R0203,
                                file,
                                name.span,
                                format!(
                                    "Het ontwerp kent geen deelwerkingsgebied '{}'.",
                                    name.value
                                ),
                            )
                            .label("onbekend deelwerkingsgebied"),
                        );
                        continue;
                    }
                }
            }
        };
        let agreed: Vec<&str> = consensus
            .iter()
            .flat_map(|c| &c.rows)
            .map(|r| r.gemeente.value.as_str())
            .collect();
        let lacking: Vec<String> = area
            .iter()
            .filter(|g| !agreed.contains(&g.as_str()))
            .cloned()
            .collect();
        if !lacking.is_empty() {
            let what = match &scope.value {
                BindingScope::Deelwerkingsgebied(n) => {
                    format!("het deelwerkingsgebied {}", n.value)
                }
                _ => "het werkingsgebied".to_string(),
            };
            diags.push(
                Diagnostic::new(
                    Code::R0113,
                    file,
                    tier.span,
                    format!(
                        "Een woonbinding met {what} vraagt de consensus van al zijn gemeenten; de beslissing van {} ontbreekt.",
                        nl::and_list(&lacking)
                    ),
                )
                .label("zonder consensus")
                .help(format!(
                    "Vul het blok 'consensus {{ … }}' aan met de beslissing van {} (gemeente en datum), of schrap deze woonbinding.",
                    nl::and_list(&lacking)
                )),
            );
        }
    }
}

/// Build the merged text: the draft with the amended gemeente sections in
/// place of the draft's (or added after the last one), a comment naming the
/// decision above each, the decision recorded in the section, and the status.
fn apply(
    draft: &Analysis,
    sources: &Sources,
    amendments: &[Admissible<'_>],
    options: MergeOptions,
) -> (String, Vec<String>) {
    let main = draft.model.main;
    let text = &draft.sources.get(main).text;
    // (range in the draft, replacement), applied from the end
    let mut edits: Vec<(Span, String)> = Vec::new();
    let insert_at = draft
        .model
        .gemeente_secties()
        .map(|(s, _)| s.span.end)
        .max()
        .unwrap_or(text.len());
    let mut summary = Vec::new();
    for a in amendments {
        let amendment = sources.get(a.file);
        let mut changed = Vec::new();
        for s in &a.sections {
            let SectionBody::Gemeente(g) = &s.body else {
                continue;
            };
            let mut body = amendment.slice(s.span).to_string();
            if g.council.is_empty() {
                body = record_decision(&body, a.council);
            }
            let comment = format!(
                "# Gewijzigd door de gemeenteraad van {} op {} ({}).\n",
                a.gemeente,
                nl::date(a.council.date.value),
                file_name(&amendment.name)
            );
            let existing = draft
                .model
                .gemeente_secties()
                .find(|(_, d)| d.gemeente.value == g.gemeente.value);
            match existing {
                Some((ds, _)) => {
                    edits.push((ds.span, format!("{comment}{body}")));
                    changed.push(format!("sectie 'gemeente {}' vervangen", g.gemeente.value));
                }
                None => {
                    edits.push((
                        Span::new(insert_at, insert_at),
                        format!("\n\n{comment}{body}"),
                    ));
                    changed.push(format!("sectie 'gemeente {}' toegevoegd", g.gemeente.value));
                }
            }
        }
        if a.unamended {
            changed.push("goedgekeurd zonder amendement".to_string());
        }
        // the decision, in the reglement's header: every gemeente's, amended or not
        let note = a
            .council
            .note
            .as_ref()
            .map(|n| format!(" \"{}\"", n.value))
            .unwrap_or_default();
        let statement = format!(
            "gemeenteraad {} {} {} amendement{note}",
            place(&a.gemeente),
            a.council.date.value.format("%Y-%m-%d"),
            if a.unamended { "zonder" } else { "met" }
        );
        let earlier = draft
            .model
            .identity()
            .and_then(|(_, id)| id.decisions.iter().find(|d| d.gemeente.value == a.gemeente));
        match (earlier, header_end(draft, text)) {
            (Some(d), _) => edits.push((d.span, statement)),
            (None, Some(at)) => edits.push((Span::new(at, at), format!("    {statement}\n"))),
            (None, None) => {}
        }
        summary.push(format!(
            "{}: gemeenteraad van {} ({}): {}",
            file_name(&amendment.name),
            a.gemeente,
            nl::date(a.council.date.value),
            changed.join(", ")
        ));
    }
    if let Some(status) = options.status {
        if let Some(s) = draft.model.identity().and_then(|(_, id)| id.status.first()) {
            let word = match status {
                Status::Ontwerp => "ontwerp",
                Status::Goedgekeurd => "goedgekeurd",
            };
            edits.push((s.span, word.to_string()));
        }
    }
    // stable: later positions first; insertions at one point keep their order
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(edits[i].0.start), std::cmp::Reverse(i)));
    let mut out = text.clone();
    for i in order {
        let (span, replacement) = &edits[i];
        out.replace_range(span.start..span.end, replacement);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    (out, summary)
}

/// Where a statement goes at the end of the `reglement` section: the start
/// of the line that holds its closing brace (or the brace itself when
/// something precedes it on that line).
fn header_end(draft: &Analysis, text: &str) -> Option<usize> {
    let (s, _) = draft.model.identity()?;
    let section = text.get(s.span.start..s.span.end)?;
    let close = s.span.start + section.rfind('}')?;
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..close].trim().is_empty() {
        Some(line_start)
    } else {
        Some(close)
    }
}

/// A gemeente's name as the language writes it: quoted when it is not one word.
fn place(name: &str) -> String {
    let word = name.chars().next().is_some_and(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''));
    if word {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}

/// Add `gemeenteraad DATE "note"` before the closing brace of a gemeente
/// section that does not record its decision itself.
fn record_decision(section: &str, council: &CouncilDecision) -> String {
    let Some(close) = section.rfind('}') else {
        return section.to_string();
    };
    let head = section[..close].trim_end_matches([' ', '\t']);
    let note = council
        .note
        .as_ref()
        .map(|n| format!(" \"{}\"", n.value))
        .unwrap_or_default();
    let sep = if head.ends_with('\n') { "" } else { "\n" };
    format!(
        "{head}{sep}    gemeenteraad {}{note}\n{}",
        council.date.value.format("%Y-%m-%d"),
        &section[close..]
    )
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}
