//! The sociaal verslag route of pijler 2 (issue 15.3): a situation the
//! weighting frame never scores ("geen punten", Kempen: bijzondere
//! omstandigheden van sociale aard, "enkel via een gemotiveerd sociaal
//! verslag") admits a candidate only with an approved sociaal verslag, and
//! the reglement says where he comes in the ranking. Without
//! `sociaal verslag: vooraan|achteraan` the engine excludes him, report or
//! not: R0282 says so. The statement without such a situation changes
//! nothing: R0284.

use super::Ctx;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::*;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some((section, v)) = cx.m.versneld() else {
        return;
    };
    let Some((frame_file, _, frame)) = cx.m.used_wegingskader() else {
        return;
    };
    let file = cx.m.file_of(section);
    let unscored: Vec<(&Criterion, &SituationRow)> = frame
        .criteria
        .iter()
        .flat_map(|c| c.situations.iter().map(move |r| (c, r)))
        .filter(|(_, r)| r.points.value.is_none())
        .collect();
    match (v.sociaal_verslag.first(), unscored.first()) {
        (None, Some((c, row))) if cx.absence_checks() => {
            let codes: Vec<String> = unscored
                .iter()
                .map(|(c, r)| format!("{} '{}'", c.code.value, r.code.value))
                .collect();
            cx.push(
                Diagnostic::new(
                    Code::R0282,
                    file,
                    section.header,
                    format!(
                        "Het wegingskader geeft {} geen punten{}, maar de versnelde toewijzing zegt niet waar een kandidaat met een goedgekeurd sociaal verslag komt: de engine sluit hem uit, met of zonder verslag.",
                        super::fmt::list(&codes),
                        row.points
                            .note
                            .as_ref()
                            .map(|n| format!(" (\"{}\")", n.value))
                            .unwrap_or_default()
                    ),
                )
                .label("geen regel voor het sociaal verslag")
                .related(frame_file, row.span, format!("{} '{}': geen punten", c.code.value, row.code.value)),
            );
        }
        (Some(stmt), None) => cx.push(
            Diagnostic::new(
                Code::R0284,
                file,
                stmt.span,
                format!(
                    "Het wegingskader '{}' heeft geen situatie zonder punten: 'sociaal verslag' verandert niets aan de rangschikking.",
                    frame.name.value
                ),
            )
            .label("verandert niets"),
        ),
        _ => {}
    }
}
