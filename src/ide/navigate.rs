//! Go to definition, find references and rename, for the names a reglement
//! declares (gemeenten, criteria, codes, target groups, …), across the
//! reglement and its regional file.

use super::{Edit, Place};
use crate::analysis::regio_reference;
use crate::source::FileId;
use crate::span::Span;
use crate::Analysis;

/// The symbol (index into `model.symbols`) at an offset: a definition or a use.
fn symbol(analysis: &Analysis, file: FileId, offset: usize) -> Option<usize> {
    analysis.model.symbol_at(file, offset)
}

/// Where the name at `offset` is defined; on the file name of `gebruikt
/// regio "…"`, the start of the regional file.
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Option<Place> {
    let Some(i) = symbol(analysis, file, offset) else {
        return regio_file(analysis, file, offset);
    };
    let s = &analysis.model.symbols[i];
    Some(Place {
        file: s.file,
        span: s.span,
    })
}

fn regio_file(analysis: &Analysis, file: FileId, offset: usize) -> Option<Place> {
    let m = &analysis.model;
    let regio = m.regio?;
    let main = m.files.iter().find(|f| f.file == m.main)?;
    let reference = regio_reference(main, &analysis.sources.get(m.main).text)?;
    (file == m.main && reference.span.contains(offset)).then_some(Place {
        file: regio,
        span: Span::new(0, 0),
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

/// Whether the name at `offset` can be renamed from `file`: its place there
/// and its name as the drafter writes it (without quotes); or why not.
///
/// A rename never edits another file than the one it starts in: the
/// regional file is shared by several woonmaatschappijen, and a name of it
/// renamed from one reglement would change the others' frame without a
/// word. The drafter is told where the name lives instead.
pub fn prepare_rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
) -> Result<(Span, String), String> {
    let none = || "Hier staat geen naam die het reglement declareert.".to_string();
    let defined_in = analysis.model.symbols[symbol(analysis, file, offset).ok_or_else(none)?].file;
    let places = references(analysis, file, offset, true);
    let Some(here) = places
        .iter()
        .find(|p| p.file == file && p.span.contains(offset))
    else {
        return Err(none());
    };
    let sources = &analysis.sources;
    let name = sources
        .get(file)
        .slice(here.span)
        .trim_matches('"')
        .to_string();
    if let Some(elsewhere) = places.iter().find(|p| p.file != file) {
        let other = sources.get(elsewhere.file);
        let shown = std::path::Path::new(&other.name)
            .file_name()
            .map_or(other.name.clone(), |n| n.to_string_lossy().into_owned());
        let what = if analysis.model.regio == Some(elsewhere.file) {
            format!("het gedeelde regionale bestand {shown}, dat ook andere woonmaatschappijen gebruiken")
        } else {
            format!("het bestand {shown}")
        };
        let line = other.line(elsewhere.span);
        let message = if defined_in != file {
            format!(
                "'{name}' is gedefinieerd in {what} (regel {line}). Hernoemen vanuit dit reglement zou dat bestand mee wijzigen: hernoem de naam daar, in overleg, en pas daarna de verwijzingen hier aan."
            )
        } else {
            format!(
                "'{name}' staat ook in {what} (regel {line}). Hernoemen zou dat bestand mee wijzigen: pas de naam daar eerst aan, in overleg, of houd hier dezelfde naam."
            )
        };
        return Err(message);
    }
    Ok((here.span, name))
}

/// The edits that rename the name at `offset` everywhere, or why not
/// (see [`prepare_rename`]: a rename stays in the file it starts in).
pub fn rename(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, String> {
    prepare_rename(analysis, file, offset)?;
    let valid = new_name.chars().next().is_some_and(char::is_alphabetic)
        && new_name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''));
    if !valid {
        return Err(format!(
            "'{new_name}' is geen geldige naam: begin met een letter, gebruik letters, cijfers, '-' of '_'."
        ));
    }
    Ok(references(analysis, file, offset, true)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, MemoryLoader};

    const KEMPEN: &str = include_str!("../../examples/kempen.reglement");
    const REGIO: &str = include_str!("../../examples/kempen-regio.reglement");

    fn kempen(text: &str) -> Analysis {
        let loader = MemoryLoader::default().with("kempen-regio.reglement", REGIO);
        analyze("kempen.reglement", text, &loader)
    }

    fn at(text: &str, needle: &str, shift: usize) -> usize {
        text.find(needle).expect("needle") + shift
    }

    #[test]
    fn a_name_of_the_regional_file_is_not_renamed_from_the_reglement() {
        // with its own pillar-2 groups, whose situations the frame defines
        let own = crate::ide::kempen_with_own_pillar2_groups();
        let a = kempen(&own);
        // a situation code: used here, defined in the shared frame
        let err =
            rename(&a, 0, at(&own, "situaties: geen-opvang", 12), "geen-dak").expect_err("refused");
        assert!(
            err.contains("'geen-opvang' is gedefinieerd in het gedeelde regionale bestand kempen-regio.reglement"),
            "{err}"
        );
        // a local target group that the regional distribution key names as a column
        let err =
            prepare_rename(&a, 0, at(&own, "doelgroep housing-first", 10)).expect_err("refused");
        assert!(
            err.contains("'housing-first' staat ook in het gedeelde regionale bestand"),
            "{err}"
        );
        // a name that lives in this file only: renamed here, and only here
        let edits =
            rename(&a, 0, at(&own, "gemeente Turnhout", 10), "Turnhout-Centrum").expect("renamed");
        assert!(
            edits.len() >= 2 && edits.iter().all(|e| e.file == 0),
            "{edits:?}"
        );
        let (span, name) = prepare_rename(&a, 0, at(&own, "gemeente Turnhout", 10)).expect("ok");
        assert_eq!(
            (own.get(span.start..span.end), name.as_str()),
            (Some("Turnhout"), "Turnhout")
        );
    }

    #[test]
    fn the_regional_file_name_leads_to_the_regional_file() {
        let a = kempen(KEMPEN);
        let place =
            definition(&a, 0, at(KEMPEN, "\"kempen-regio.reglement\"", 3)).expect("a place");
        assert_eq!(Some(place.file), a.model.regio);
        assert_eq!(place.span, Span::new(0, 0));
        // and not from elsewhere on the line
        assert_eq!(definition(&a, 0, at(KEMPEN, "gebruikt regio", 2)), None);
    }

    #[test]
    fn a_syntax_error_in_the_header_keeps_the_regional_file() {
        let broken = KEMPEN.replacen("versie \"2024.1\"", "versie 2024.1", 1);
        assert_ne!(broken, KEMPEN);
        let a = kempen(&broken);
        assert!(a
            .diagnostics
            .iter()
            .any(|d| d.code == crate::diagnostic::Code::R0001));
        assert!(a.model.regio.is_some(), "the regional file is loaded");
        assert!(a
            .diagnostics
            .iter()
            .all(|d| d.code != crate::diagnostic::Code::R0213));
        // the frame still leads to its definition there, and the file name too
        let frame = definition(&a, 0, at(&broken, "wegingskader kempen", 14)).expect("frame");
        assert_eq!(Some(frame.file), a.model.regio);
        let file = definition(&a, 0, at(&broken, "\"kempen-regio.reglement\"", 3)).expect("file");
        assert_eq!(Some(file.file), a.model.regio);
    }
}
