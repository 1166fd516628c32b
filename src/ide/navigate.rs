//! Go to definition, find references and rename, for the names a reglement
//! declares (gemeenten, criteria, codes, target groups, …), across the
//! reglement and its regional file.

use super::{Edit, Place};
use crate::source::FileId;
use crate::Analysis;

/// The symbol (index into `model.symbols`) at an offset: a definition or a use.
fn symbol(analysis: &Analysis, file: FileId, offset: usize) -> Option<usize> {
    analysis.model.symbol_at(file, offset)
}

/// Where the name at `offset` is defined.
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Option<Place> {
    let s = &analysis.model.symbols[symbol(analysis, file, offset)?];
    Some(Place {
        file: s.file,
        span: s.span,
    })
}

/// Every place the name at `offset` is used; with its definition first when
/// `include_definition`.
pub fn references(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    include_definition: bool,
) -> Vec<Place> {
    let Some(i) = symbol(analysis, file, offset) else {
        return Vec::new();
    };
    let s = &analysis.model.symbols[i];
    let mut out = Vec::new();
    if include_definition {
        out.push(Place {
            file: s.file,
            span: s.span,
        });
    }
    out.extend(
        analysis
            .model
            .references
            .iter()
            .filter(|r| r.target == Some(i))
            .map(|r| Place {
                file: r.file,
                span: r.span,
            }),
    );
    out.sort_by_key(|p| (p.file, p.span.start));
    out.dedup();
    out
}

/// The edits that rename the name at `offset` everywhere, or why not.
pub fn rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, String> {
    let valid = new_name.chars().next().is_some_and(char::is_alphabetic)
        && new_name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''));
    if !valid {
        return Err(format!(
            "'{new_name}' is geen geldige naam: begin met een letter, gebruik letters, cijfers, '-' of '_'."
        ));
    }
    let places = references(analysis, file, offset, true);
    if places.is_empty() {
        return Err("Hier staat geen naam die het reglement declareert.".to_string());
    }
    Ok(places
        .into_iter()
        .map(|p| {
            // a quoted name ("LeefGoed Neteland") stays quoted
            let old = analysis.sources.get(p.file).slice(p.span);
            let text = if old.starts_with('"') || new_name.contains(' ') {
                format!("\"{new_name}\"")
            } else {
                new_name.to_string()
            };
            Edit {
                file: p.file,
                span: p.span,
                text,
            }
        })
        .collect())
}
