//! The regional frame as a whole: its identity (name, version and the hash
//! of what the regional file alone means, the same for every member), and
//! the checks that need several members at once: members that cite one name
//! and version with different contents (R0250) and woonmaatschappijen the
//! frame lists without a reglement among those checked (R0251). The command
//! is `reglement controleer --regio` (`src/cli/check.rs`); the checks of
//! one member against its frame are `checks/frame.rs`.

use crate::analysis::Analysis;
use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::ast::{Regio, Section, SectionBody};

/// The identity of the regional frame a reglement uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The title of its `regio` section ("Kempen").
    pub naam: String,
    pub versie: Option<String>,
    /// The regional file as it was read (its path).
    pub bestand: String,
    /// `Sources::file_hash` of the regional file alone.
    pub bron_hash: String,
    pub file: FileId,
}

impl Frame {
    /// "Kempen, versie 2023.1".
    pub fn describe(&self) -> String {
        match &self.versie {
            Some(v) => format!("{}, versie {v}", self.naam),
            None => self.naam.clone(),
        }
    }
}

/// The regional frame a reglement uses, if it uses one and it could be read.
pub fn frame(a: &Analysis) -> Option<Frame> {
    let file = a.model.regio?;
    let (s, r) = a.model.regio_section()?;
    Some(identity(a, file, s, r))
}

/// The frame a regional file is, when it is checked on its own.
pub fn frame_itself(a: &Analysis) -> Option<Frame> {
    let (s, r) = regio_of(a)?;
    Some(identity(a, a.model.main, s, r))
}

fn identity(a: &Analysis, file: FileId, s: &Section, r: &Regio) -> Frame {
    Frame {
        naam: s
            .title
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        versie: r.versie.first().map(|v| v.value.clone()),
        bestand: a.sources.get(file).name.clone(),
        bron_hash: a.sources.file_hash(file),
        file,
    }
}

/// The `regio` section of the checked file itself (a regional file).
fn regio_of(a: &Analysis) -> Option<(&Section, &Regio)> {
    a.model.main_sections().find_map(|s| match &s.body {
        SectionBody::Regio(r) => Some((s, r)),
        _ => None,
    })
}

/// The name of a member as the report shows it: its file.
fn member_file(a: &Analysis) -> &str {
    &a.sources.get(a.model.main).name
}

/// R0250: members that cite a frame of the same name and version whose
/// contents differ, from each other or from `reference` (the frame of
/// `controleer --regio`). One list of diagnostics per member, in its own
/// sources, at its `gebruikt regio`.
pub fn compare_frames(members: &[&Analysis], reference: Option<&Frame>) -> Vec<Vec<Diagnostic>> {
    let frames: Vec<Option<Frame>> = members.iter().map(|a| frame(a)).collect();
    let mut out = vec![Vec::new(); members.len()];
    let differs = |a: &Frame, b: &Frame| {
        a.naam == b.naam && a.versie == b.versie && a.bron_hash != b.bron_hash
    };
    for (i, fi) in frames.iter().enumerate() {
        let Some(fi) = fi else { continue };
        // the frame checked, or the first other member that cites another one
        let other = match reference {
            Some(r) => differs(fi, r).then(|| ("de regio".to_string(), r)),
            None => frames.iter().enumerate().find_map(|(j, fj)| {
                let fj = fj.as_ref()?;
                (j != i && differs(fi, fj)).then(|| (member_file(members[j]).to_string(), fj))
            }),
        };
        let Some((whose, fj)) = other else { continue };
        let a = members[i];
        let Some(span) = a
            .model
            .identity()
            .and_then(|(_, id)| id.regio.first())
            .map(|t| t.span)
        else {
            continue;
        };
        out[i].push(
            Diagnostic::new(
                Code::R0250,
                a.model.main,
                span,
                format!(
                    "Het regionale kader {} van dit reglement ({}, inhoudshash {}) is niet hetzelfde als het kader met dezelfde naam en versie van {whose} ({}, inhoudshash {}).",
                    fi.describe(),
                    fi.bestand,
                    fi.bron_hash,
                    fj.bestand,
                    fj.bron_hash
                ),
            )
            .label("een ander kader met dezelfde naam en versie"),
        );
    }
    out
}

/// What the regional check found for one woonmaatschappij of the frame's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// As the frame lists it.
    pub naam: String,
    /// The indexes (into the members given) of its reglementen.
    pub reglementen: Vec<usize>,
}

/// The woonmaatschappijen the frame lists, each with its reglementen among
/// the members given, and R0251 (in the frame's own sources) for each without one.
pub fn members(frame: &Analysis, members: &[&Analysis]) -> (Vec<Member>, Vec<Diagnostic>) {
    let Some((_, r)) = regio_of(frame) else {
        return (Vec::new(), Vec::new());
    };
    let names: Vec<Vec<String>> = members.iter().map(|a| a.model.member_names()).collect();
    let mut listed = Vec::new();
    let mut diagnostics = Vec::new();
    for w in &r.woonmaatschappijen {
        let reglementen: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.iter().any(|n| n.eq_ignore_ascii_case(&w.value)))
            .map(|(i, _)| i)
            .collect();
        if reglementen.is_empty() {
            let checked: Vec<&str> = members.iter().map(|a| member_file(a)).collect();
            diagnostics.push(
                Diagnostic::new(
                    Code::R0251,
                    frame.model.main,
                    w.span,
                    format!(
                        "De regio noemt {} als woonmaatschappij, maar geen gecontroleerd reglement is van {} (gecontroleerd: {}).",
                        w.value,
                        w.value,
                        if checked.is_empty() {
                            "geen".to_string()
                        } else {
                            checked.join(", ")
                        }
                    ),
                )
                .label("geen reglement"),
            );
        }
        listed.push(Member {
            naam: w.value.clone(),
            reglementen,
        });
    }
    (listed, diagnostics)
}
