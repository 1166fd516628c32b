//! Quick fixes for the common mistakes, offered next to their diagnostic:
//! set the share of the versnelde toewijzing to the legal 20%, add the
//! missing row of a point table, mark a local target group for ministerial
//! review, take a suggested name.

use super::Edit;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::nl;
use crate::syntax::ast::{Bound, Category};
use crate::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in Dutch, for the editor's menu.
    pub title: String,
    pub edits: Vec<Edit>,
}

/// The fixes for one diagnostic of the analysis.
pub fn fixes(analysis: &Analysis, d: &Diagnostic) -> Vec<Fix> {
    let m = &analysis.model;
    let file = d.file();
    let mut out = Vec::new();
    match d.code {
        // C2: the share of pillar 2 is the legal one
        Code::R0102 => {
            if let Some((_, v)) = m.versneld() {
                let legal = nl::percent(m.params.pillar2_share);
                if let Some(a) = v.aandeel.first() {
                    if a.bound != Bound::Exact || a.percent.value != m.params.pillar2_share {
                        out.push(Fix {
                            title: format!("Zet het aandeel op {legal}"),
                            edits: vec![Edit {
                                file,
                                span: a.span,
                                text: format!("aandeel {legal}"),
                            }],
                        });
                    }
                }
            }
        }
        // C8: a local target group needs a target-group plan and ministerial review
        Code::R0108 => {
            for (_, g) in m.pillar3_groups() {
                for c in &g.category {
                    if c.value == (Category::Local { review: false }) && c.span == d.primary.span {
                        out.push(Fix {
                            title: "Markeer als lokale doelgroep met doelgroepenplan en ministeriële toetsing".to_string(),
                            edits: vec![Edit {
                                file,
                                span: crate::span::Span::new(c.span.end, c.span.end),
                                text: " met doelgroepenplan en ministeriële toetsing".to_string(),
                            }],
                        });
                    }
                }
            }
        }
        // a gap in a count table: add the missing row (its points still to choose)
        Code::R0201 => {
            if let Some(fix) = missing_row(analysis, d) {
                out.push(fix);
            }
        }
        _ => {}
    }
    // "Bedoelt u 'X'?": replace the unknown name by the suggestion
    if let Some(suggestion) = suggested_name(&d.message) {
        out.push(Fix {
            title: format!("Vervang door '{suggestion}'"),
            edits: vec![Edit {
                file,
                span: d.primary.span,
                text: suggestion.to_string(),
            }],
        });
    }
    out
}

/// The row a gap diagnostic names ("geen rij voor 3 tot 4 kinderen: …"),
/// inserted on its own line before the row after the gap, or after the last
/// row when the table stops too early.
fn missing_row(analysis: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let rest = &d.message[d.message.find("geen rij voor ")? + "geen rij voor ".len()..];
    let range = &rest[..rest.find(':')?];
    let file = d.file();
    let text = &analysis.sources.get(file).text;
    let row = d.primary.span;
    let line_start = text[..row.start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..row.start]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let new_row = format!("{range}: 0 punten");
    let after = d.message.contains("de tabel houdt hier op");
    let (at, insert) = if after {
        let line_end = text[row.end..]
            .find('\n')
            .map_or(text.len(), |i| row.end + i);
        (line_end, format!("\n{indent}{new_row}"))
    } else {
        (line_start, format!("{indent}{new_row}\n"))
    };
    Some(Fix {
        title: format!("Voeg de ontbrekende rij '{new_row}' toe (kies de punten)"),
        edits: vec![Edit {
            file,
            span: crate::span::Span::new(at, at),
            text: insert,
        }],
    })
}

fn suggested_name(message: &str) -> Option<&str> {
    let rest = &message[message.find("Bedoelt u '")? + "Bedoelt u '".len()..];
    Some(&rest[..rest.find('\'')?])
}

#[cfg(test)]
mod tests {
    use super::fixes;
    use crate::diagnostic::Code;
    use crate::{analyze, MemoryLoader};

    const KEMPEN: &str = include_str!("../../examples/kempen.reglement");
    const REGIO: &str = include_str!("../../examples/kempen-regio.reglement");

    /// Apply the first fix for `code` and return the new regional text.
    fn fixed_regio(regio: &str, code: Code) -> (String, String) {
        let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
        let a = analyze("kempen.reglement", KEMPEN, &loader);
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .expect("diagnostic");
        let fix = fixes(&a, d).into_iter().next().expect("a fix");
        let mut text = a.sources.get(fix.edits[0].file).text.clone();
        let e = &fix.edits[0];
        text.replace_range(e.span.start..e.span.end, &e.text);
        (fix.title, text)
    }

    #[test]
    fn a_gap_in_the_children_table_gets_its_missing_row() {
        let gap = REGIO.replacen("        3 kinderen: 2 punten\n", "", 1);
        assert_ne!(gap, REGIO, "the example has a row '3 kinderen'");
        let (title, text) = fixed_regio(&gap, Code::R0201);
        assert_eq!(
            title,
            "Voeg de ontbrekende rij '3 kinderen: 0 punten' toe (kies de punten)"
        );
        assert!(
            text.contains("        3 kinderen: 0 punten\n        4 kinderen"),
            "{text}"
        );
        // and the table has no gap any more
        let loader = MemoryLoader::default().with("kempen-regio.reglement", text);
        let a = analyze("kempen.reglement", KEMPEN, &loader);
        assert!(a.diagnostics.iter().all(|d| d.code != Code::R0201));
    }

    #[test]
    fn a_table_that_stops_too_early_gets_an_open_row() {
        let short = REGIO.replacen("10 of meer kinderen", "10 kinderen", 1);
        assert_ne!(short, REGIO);
        let (title, text) = fixed_regio(&short, Code::R0201);
        assert!(title.contains("'11 of meer kinderen: 0 punten'"), "{title}");
        assert!(
            text.contains("10 kinderen: 5 punten\n        11 of meer kinderen: 0 punten"),
            "{text}"
        );
    }

    #[test]
    fn a_local_target_group_is_marked_for_ministerial_review() {
        let full = "lokale doelgroep met doelgroepenplan en ministeriële toetsing";
        let bare = KEMPEN.replacen(full, "lokale doelgroep", 1);
        assert_ne!(bare, KEMPEN);
        let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
        let a = analyze("kempen.reglement", &bare, &loader);
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == Code::R0108 && d.severity == crate::diagnostic::Severity::Error)
            .expect("an error for the unmarked local group");
        let fix = fixes(&a, d).into_iter().next().expect("a fix");
        let mut text = bare.clone();
        let e = &fix.edits[0];
        text.replace_range(e.span.start..e.span.end, &e.text);
        assert_eq!(text, KEMPEN);
    }
}
