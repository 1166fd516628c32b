//! Quick fixes for the common mistakes, offered next to their diagnostic:
//! set the share of the versnelde toewijzing to the legal 20%, mark a local
//! target group for ministerial review, take a suggested name.

use super::Edit;
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
        "R0102" => {
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
        "R0108" => {
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

fn suggested_name(message: &str) -> Option<&str> {
    let rest = &message[message.find("Bedoelt u '")? + "Bedoelt u '".len()..];
    Some(&rest[..rest.find('\'')?])
}
