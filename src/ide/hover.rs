//! What a drafter sees when hovering: for a declared name its kind and the
//! facts computed from the reglement (a criterion's point range, a frame's
//! maximum total, a gemeente's reserved dwellings against its one-third
//! ceiling), for a keyword what it means and the article it rests on.

use super::keywords;
use super::outline::kind_label;
use crate::diagnostic::Code;
use crate::model::SymbolKind;
use crate::nl;
use crate::source::FileId;
use crate::span::Span;
use crate::syntax::lexer::{self, Kind};
use crate::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub span: Span,
    /// Markdown.
    pub text: String,
}

pub fn hover(analysis: &Analysis, file: FileId, offset: usize) -> Option<HoverInfo> {
    let found = hover_name_or_word(analysis, file, offset);
    let codes = code_notes(analysis, file, offset);
    match (found, codes) {
        (found, None) => found,
        (Some(mut h), Some((_, notes))) => {
            h.text.push_str("\n\n---\n\n");
            h.text.push_str(&notes);
            Some(h)
        }
        (None, Some((span, notes))) => Some(HoverInfo { span, text: notes }),
    }
}

/// The codes of the diagnostics at the offset, each with its rule: title,
/// check, grondslag, and where to read more (`reglement uitleg`).
fn code_notes(analysis: &Analysis, file: FileId, offset: usize) -> Option<(Span, String)> {
    let mut span: Option<Span> = None;
    let mut seen: Vec<crate::diagnostic::Code> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for d in analysis
        .diagnostics
        .iter()
        .filter(|d| d.primary.file == file && d.primary.span.contains(offset))
    {
        span.get_or_insert(d.primary.span);
        if seen.contains(&d.code) {
            continue;
        }
        seen.push(d.code);
        let info = d.code.info();
        let mut note = format!("**{}** — {}", d.code, info.title);
        if let Some(check) = info.check {
            note.push_str(&format!(" (wettelijke controle {check})"));
        }
        if let Some(basis) = info.basis_text() {
            note.push_str(&format!("\n\nGrondslag: {basis}"));
        }
        note.push_str(&format!("\n\nMeer uitleg: `reglement uitleg {}`", d.code));
        notes.push(note);
    }
    Some((span?, notes.join("\n\n")))
}

fn hover_name_or_word(analysis: &Analysis, file: FileId, offset: usize) -> Option<HoverInfo> {
    if let Some(i) = analysis.model.symbol_at(file, offset) {
        let s = &analysis.model.symbols[i];
        let span = if s.file == file && s.span.contains(offset) {
            s.span
        } else {
            analysis
                .model
                .references
                .iter()
                .find(|r| r.file == file && r.span.contains(offset))
                .map_or(s.span, |r| r.span)
        };
        let mut text = format!("**{}** — {}", s.name, kind_label(s.kind));
        for fact in facts(analysis, s.kind, &s.name) {
            text.push_str("\n\n");
            text.push_str(&fact);
        }
        return Some(HoverInfo { span, text });
    }
    if let Some(h) = term_at(analysis, file, offset) {
        return Some(h);
    }
    let source = analysis.sources.get(file);
    let tokens = lexer::tokens(&source.text);
    let index = tokens
        .iter()
        .position(|t| t.start <= offset && offset < t.end)?;
    let token = tokens[index];
    if token.kind != Kind::Word {
        return None;
    }
    let word = source.text[token.start..token.end].trim_end_matches([':', ',']);
    let span = Span::new(token.start, token.start + word.len());
    let before = |n: usize| {
        index
            .checked_sub(n)
            .map(|i| source.text[tokens[i].start..tokens[i].end].to_lowercase())
    };
    if before(2).as_deref() == Some("wettelijke") {
        if let Some(text) = legal_group(analysis, before(1).as_deref(), word) {
            return Some(HoverInfo { span, text });
        }
    }
    let text = match keywords::explain(word) {
        Some(t) => t.to_string(),
        None if keywords::is_keyword(word) => {
            format!("**{word}**: sleutelwoord van de reglementtaal.")
        }
        None => return None,
    };
    Some(HoverInfo { span, text })
}

/// The legal group after `wettelijke groep` (pillar 2) or `wettelijke
/// doelgroep` (pillar 3): its name in the law, the article the check of
/// that list rests on, and how sure the list is.
fn legal_group(analysis: &Analysis, kind: Option<&str>, code: &str) -> Option<String> {
    let p = &analysis.model.params;
    let (group, what, check) = match kind? {
        "groep" => (
            p.pillar2_group(code),
            "wettelijke hoofdgroep van de versnelde toewijzing (pijler 2)",
            Code::R0105,
        ),
        "doelgroep" => (
            p.pillar3_group(code),
            "wettelijke doelgroep van de specifieke doelgroepen (pijler 3)",
            Code::R0108,
        ),
        _ => return None,
    };
    let info = check.info();
    let basis = info.basis_text().unwrap_or_default();
    Some(match group {
        Some(g) => format!(
            "**{code}** — {what}: {}.\n\nGrondslag: {} ({}).",
            g.name,
            info.article.unwrap_or_default(),
            g.confidence.label()
        ),
        None => {
            let known: Vec<&str> = match kind? {
                "groep" => p.pillar2_groups.iter().map(|g| g.code).collect(),
                _ => p.pillar3_groups.iter().map(|g| g.code).collect(),
            };
            format!(
                "**{code}** is geen {what}. De wettelijke lijst: {}.\n\nGrondslag: {basis}.",
                known.join(", ")
            )
        }
    })
}

/// Computed facts about a declared name.
fn facts(analysis: &Analysis, kind: SymbolKind, name: &str) -> Vec<String> {
    let m = &analysis.model;
    let mut out = Vec::new();
    match kind {
        SymbolKind::Criterium => {
            for (_, _, w) in m.wegingskaders() {
                for c in w.criteria.iter().filter(|c| c.code.value == name) {
                    if let Some(t) = &c.title {
                        out.push(t.value.clone());
                    }
                    let (lo, hi) = c.point_range();
                    out.push(format!("Punten: van {lo} tot {hi}."));
                    if let Some(a) = &c.article {
                        out.push(format!("Artikel {}.", a.value));
                    }
                }
            }
        }
        SymbolKind::Wegingskader => {
            if let Some((_, _, w)) = m.wegingskader(name) {
                out.push(format!(
                    "{} criteria; samen hoogstens {} punten.",
                    w.criteria.len(),
                    w.max_total()
                ));
            }
        }
        SymbolKind::Gemeente => {
            if let Some(g) = m.gemeenten().into_iter().find(|g| g.name.value == name) {
                out.push(format!(
                    "{} sociale huurwoningen.",
                    nl::thousands(g.woningen.value)
                ));
            }
            if let Some(r) = m
                .reserved_rows()
                .into_iter()
                .find(|r| r.row.name.value == name)
            {
                let ceiling = r
                    .ceiling
                    .map(|c| format!(" van hoogstens {} (een derde van het patrimonium)", c))
                    .unwrap_or_default();
                out.push(format!(
                    "Voorbehouden voor specifieke doelgroepen: {}{ceiling}.",
                    r.total
                ));
            }
        }
        SymbolKind::Pillar2Doelgroep => {
            // a group of the regional frame (issue 16): its definition there,
            // also where a member defines it again (R0262, R0263)
            if let (Some(g), Some(rf)) = (
                m.frame_pillar2_groups()
                    .into_iter()
                    .find(|g| g.code.value == name),
                m.regio,
            ) {
                let src = analysis.sources.get(rf);
                let mut what = vec![format!(
                    "Gedeelde doelgroep van de versnelde toewijzing in het regionale kader ({}, regel {})",
                    analysis.model.frame_file_name(&analysis.sources, rf),
                    src.line_col(g.code.span.start).line
                )];
                what.extend(g.title.iter().map(|t| t.value.clone()));
                out.push(format!("{}.", what.join(": ").trim_end_matches('.')));
                if let Some(l) = g.legal_group.first() {
                    let legal = m
                        .params
                        .pillar2_group(&l.value)
                        .map_or_else(|| l.value.clone(), |p| p.name.to_string());
                    out.push(format!("Wettelijke groep: {legal}."));
                }
                if !g.situations.is_empty() {
                    let list: Vec<&str> = g.situations.iter().map(|s| s.value.as_str()).collect();
                    out.push(format!("Situaties: {}.", list.join(", ")));
                }
                for c in &g.conditions {
                    out.push(format!("Voorwaarde: {}.", c.value.trim_end_matches('.')));
                }
            }
        }
        SymbolKind::Pillar3Doelgroep => {
            // a group of the regional frame, used by name (issue 16)
            let frame = m
                .pillar3_groups()
                .into_iter()
                .map(|(_, g)| g)
                .find(|g| g.code.value == name && m.frame_section_of(g).is_some());
            if let (Some(g), Some(rf)) = (frame, m.regio) {
                let src = analysis.sources.get(rf);
                let mut what = vec![format!(
                    "Gedeelde doelgroep van het regionale kader ({}, regel {})",
                    analysis.model.frame_file_name(&analysis.sources, rf),
                    src.line_col(g.code.span.start).line
                )];
                what.extend(g.title.iter().map(|t| t.value.clone()));
                what.extend(g.descriptions.iter().map(|d| d.value.clone()));
                out.push(format!("{}.", what.join(": ").trim_end_matches('.')));
            }
            let per_gemeente: Vec<String> = m
                .reserved_rows()
                .into_iter()
                .filter_map(|r| {
                    r.per_group
                        .iter()
                        .find(|(g, n)| *g == name && *n > 0)
                        .map(|(_, n)| format!("{} in {}", n, r.row.name.value))
                })
                .collect();
            if !per_gemeente.is_empty() {
                out.push(format!(
                    "Voorbehouden woningen: {}.",
                    per_gemeente.join(", ")
                ));
            }
        }
        _ => {}
    }
    out
}

/// A term of the begrippenlijst written at `offset` (in any text, also in a
/// motivering): its definition and source. The longest term wins
/// ("attest begeleiding door professionele actor" over "begeleiding").
fn term_at(analysis: &Analysis, file: FileId, offset: usize) -> Option<HoverInfo> {
    let text = &analysis.sources.get(file).text;
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[line_start..line_end].to_lowercase();
    // lowercasing keeps byte lengths for the letters our terms use; stop if not
    if line.len() != line_end - line_start {
        return None;
    }
    let mut best: Option<(Span, &crate::syntax::ast::Term)> = None;
    for term in analysis.model.terms() {
        let name = term.name.value.to_lowercase();
        if name.is_empty() {
            continue;
        }
        for (i, _) in line.match_indices(&name) {
            let span = Span::new(line_start + i, line_start + i + name.len());
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if span.start <= offset
                && offset < span.end
                && bounded(line[..i].chars().next_back())
                && bounded(line[i + name.len()..].chars().next())
                && best.is_none_or(|(b, _)| span.end - span.start > b.end - b.start)
            {
                best = Some((span, term));
            }
        }
    }
    let (span, term) = best?;
    let mut text = format!(
        "**{}** — begrip\n\n{}",
        term.name.value, term.definition.value
    );
    if let Some(s) = &term.source {
        text.push_str(&format!("\n\nBron: {}", s.value));
    }
    Some(HoverInfo { span, text })
}

#[cfg(test)]
mod tests {
    use super::hover;
    use crate::{analyze, MemoryLoader};

    const KEMPEN: &str = include_str!("../../examples/kempen.reglement");
    const REGIO: &str = include_str!("../../examples/kempen-regio.reglement");

    fn hover_at(text: &str, needle: &str, shift: usize) -> Option<String> {
        let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
        let a = analyze("kempen.reglement", text, &loader);
        hover(&a, 0, text.find(needle).expect("needle") + shift).map(|h| h.text)
    }

    #[test]
    fn the_legal_group_after_wettelijke_groep_or_doelgroep() {
        // with its own pillar-2 groups (the example's are in the frame)
        let own = crate::ide::kempen_with_own_pillar2_groups();
        let p2 = hover_at(&own, "wettelijke groep geestelijke-gezondheid", 20).expect("hover");
        assert!(
            p2.starts_with(
                "**geestelijke-gezondheid** — wettelijke hoofdgroep van de versnelde toewijzing"
            ),
            "{p2}"
        );
        assert!(p2.contains("geestelijk gezondheidsprobleem"), "{p2}");
        assert!(
            p2.contains("Grondslag: art. 6.24-6.26 BVCW (zekerheid K"),
            "{p2}"
        );
        let p3 = hover_at(KEMPEN, "wettelijke doelgroep dak-en-thuisloos", 22).expect("hover");
        assert!(
            p3.contains("wettelijke doelgroep van de specifieke doelgroepen"),
            "{p3}"
        );
        // a code outside the list says so, with the list
        let wrong = own.replacen("wettelijke groep jongere", "wettelijke groep jongeren", 1);
        let h = hover_at(&wrong, "wettelijke groep jongeren", 18).expect("hover");
        assert!(h.contains("is geen wettelijke hoofdgroep"), "{h}");
        assert!(h.contains("dak-en-thuisloos, jongere,"), "{h}");
    }

    #[test]
    fn a_group_of_the_frame_shows_its_definition_where_a_member_uses_it() {
        let woonboog = include_str!("../../examples/kempen-leden/woonboog.reglement");
        let loader = MemoryLoader::default().with("../kempen-regio.reglement", REGIO);
        let a = analyze("kempen-leden/woonboog.reglement", woonboog, &loader);
        // the column of the reserved dwellings names the frame's group
        let at = woonboog
            .find("kolommen: housing-first")
            .expect("the column")
            + "kolommen: ".len()
            + 2;
        let h = hover(&a, 0, at).expect("hover").text;
        assert!(
            h.contains(
                "Gedeelde doelgroep van het regionale kader (../kempen-regio.reglement, regel"
            ),
            "{h}"
        );
        assert!(
            h.contains("Housing First: Meer dan een jaar dakloos"),
            "{h}"
        );
    }

    #[test]
    fn a_diagnostic_s_code_is_explained_where_it_stands() {
        let wrong = KEMPEN.replacen("aandeel 20%", "aandeel 25%", 1);
        let h = hover_at(&wrong, "aandeel 25%", 9).expect("hover");
        assert!(
            h.contains(
                "**R0102** — Aandeel versnelde toewijzing is niet 20% (wettelijke controle C2)"
            ),
            "{h}"
        );
        assert!(h.contains("Grondslag: art. 6.24 §1 BVCW"), "{h}");
        assert!(h.contains("`reglement uitleg R0102`"), "{h}");
        // where nothing is wrong, no code
        let h = hover_at(KEMPEN, "aandeel 20%", 9);
        assert!(h.as_ref().is_none_or(|h| !h.contains("R0102")), "{h:?}");
    }
}
