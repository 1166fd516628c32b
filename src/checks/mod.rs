//! The checks: every legal rule of docs/regels.md (C1–C20) and the internal
//! consistency checks, each in the module named after what it checks.
//! A check reads the [`Model`] and returns diagnostics; it never fails.
//!
//! | module | checks |
//! |---|---|
//! | `documents` | C1 (R0101), the `document` statement (R0212), the linked documents (R0222) and where parts are (R0223) |
//! | `versneld` | C2–C6 (R0102–R0106), the pillar-2 base advice (R0217) |
//! | `doelgroepen` | C7–C9 (R0107–R0109), guidance in pillar 3 (R0211) |
//! | `doelgroepenplan` | the doelgroepenplan of a local target group: its parts (R0290), on a group that does not go to the minister (R0291) |
//! | `standaard` | C10, C11, C13 (R0110, R0111, R0113), the gemeenteraden's decisions (R0224) |
//! | `gemeente` | C12, C14, C15 (R0112, R0114, R0115), local-binding forms the model does not allow (R0221) |
//! | `bezetting` | C16 (R0116), gaps and values of the table |
//! | `validity` | C17, C18 (R0117, R0118), dates out of order (R0207) |
//! | `totals` | C19 (R0119) |
//! | `pillar4` | C20 (R0120) |
//! | `criteria` | the candidate field of a criterion (R0218), ceilings and the leefloon (R0208) |
//! | `drempel` | a threshold a whole class of candidates cannot pass (R0245) |
//! | `readings` | stated readings and rows outside a total without motivering (R0216) |
//! | `tables` | gaps, overlaps, unreachable thresholds, columns (R0201, R0202, R0209, R0214) |
//! | `names` | unknown and unused names (R0203, R0204) |
//! | `duplicates` | names defined twice, statements written twice (R0205) |
//! | `values` | percentages and other values out of range (R0206, R0215) |
//! | `required` | missing parts and motivations (R0210, R0216) |
//! | `regio` | the regional file (R0213), also what a member decides in the frame's shared pillar-3 groups |
//! | `frame` | a member against its regional frame: a shared section replaced (R0252), its own wegingskader and its shares of the pillars within or outside the room (R0253, R0254), a term (R0255), a pillar-3 group of the frame defined again, differently (R0260) or the same (R0261) |
//! | `adoption` | who adopted the regional frame: each listed toewijzingsraad (R0256), dates (R0257), twice (R0258), outside the list (R0259) |
//! | `fusies` | gemeenten merged in 2019 or 2025, against the date of validity (R0230–R0232) |
//! | `doelgroepen` (issue 15.3) | the existing reserved dwellings in C7: none stated (R0280), stated for the whole woonmaatschappij only (R0281), written twice or outside the werkingsgebied (R0283) |
//! | `quotum` (issue 15) | how the numbers of reserved dwellings are read: not stated (R0285), stated twice (R0286) |
//! | `verslag` | the sociaal verslag route of pijler 2: no rule for it (R0282), a rule that changes nothing (R0284) |
//! | `evaluatie` | the `evaluatie` section: units, pillars, periods (R0275), targets against the legal shares (R0276), an indicator twice (R0277), who evaluates (R0278) |
//!
//! When a section failed to parse, checks that rely on something being
//! absent (a missing section, an unknown name, an unused one) stay silent:
//! the missing thing may be in the broken section ([`Ctx::broken`]).

mod adoption;
mod bezetting;
mod criteria;
mod documents;
mod doelgroepen;
mod doelgroepenplan;
pub(crate) mod drempel;
mod duplicates;
mod evaluatie;
pub(crate) mod fmt;
mod frame;
mod fusies;
mod gemeente;
mod names;
mod pillar4;
mod quotum;
mod readings;
mod regio;
mod required;
mod standaard;
mod tables;
mod totals;
mod validity;
mod values;
mod verslag;
mod versneld;

use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::source::{FileId, Sources};
use crate::span::Span;
use crate::syntax::ast::{DocumentKind, Section, SectionKind};
use std::collections::BTreeSet;

/// What kind of file is checked: only a reglement must hold every part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A reglement (it has a `reglement` section).
    Reglement,
    /// A regional file on its own (it starts with `regio`).
    Regional,
    /// An amendment of a gemeenteraad (`amendement`), checked on its own.
    Amendment,
    /// Drafters' test cases (`test` sections), checked on their own.
    Tests,
    /// None of these: a reglement that lacks its `reglement` section.
    Unknown,
}

/// What every check reads and where it writes.
pub(crate) struct Ctx<'a> {
    pub m: &'a Model,
    pub sources: &'a Sources,
    out: Vec<Diagnostic>,
    /// Some section of some file failed to parse.
    pub broken: bool,
    pub kind: FileKind,
    /// The checked file is a regional file on its own: the parts only a
    /// reglement has are not asked for, its frames are not "unused".
    pub regional_only: bool,
    /// The documents the checked files hold (the reglement and its linked
    /// documents); empty when no section names one.
    pub held: BTreeSet<DocumentKind>,
}

impl<'a> Ctx<'a> {
    fn new(m: &'a Model, sources: &'a Sources) -> Self {
        let has = |k: SectionKind| m.main_sections().any(|s| s.body.kind() == k);
        let kind = if m.identity().is_some() {
            FileKind::Reglement
        } else if has(SectionKind::Regio) {
            FileKind::Regional
        } else if has(SectionKind::Amendement) {
            FileKind::Amendment
        } else if m.main_sections().next().is_some()
            && m.main_sections()
                .all(|s| s.body.kind() == SectionKind::Test)
        {
            FileKind::Tests
        } else {
            FileKind::Unknown
        };
        Ctx {
            m,
            sources,
            out: Vec::new(),
            broken: m.has_broken_sections(),
            kind,
            regional_only: kind == FileKind::Regional,
            held: m.documents_held(),
        }
    }

    /// Whether the checked files hold this document: a part that belongs
    /// to it may be demanded. A reglement that names no document at all is
    /// read as holding every document (one file for all of them).
    pub fn holds(&self, kind: DocumentKind) -> bool {
        self.held.is_empty() || self.held.contains(&kind)
    }

    /// Whether the checks that need the documents of the whole
    /// woonmaatschappij may run: the toewijzingsreglement and the intern
    /// huurreglement are both there (in one file or linked).
    pub fn whole(&self) -> bool {
        self.holds(DocumentKind::Toewijzingsreglement)
            && self.holds(DocumentKind::InternHuurreglement)
    }

    /// Where a missing part of a document is reported, and how the document
    /// is named: the header of the file that holds it ("het intern
    /// huurreglement (wil.reglement)") when it is a linked file, else the
    /// reglement's anchor ("het reglement").
    pub fn home(&self, kind: DocumentKind) -> (FileId, Span, String) {
        match self.m.home_of(kind).filter(|f| *f != self.m.main) {
            Some(f) => {
                let anchor = self
                    .m
                    .identity_of(f)
                    .map(|(s, _)| s.header)
                    .unwrap_or_default();
                let name = self.sources.get(f).name.clone();
                let short = std::path::Path::new(&name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or(name);
                (f, anchor, format!("het {} ({short})", kind.label()))
            }
            None => (
                self.m.main,
                self.reglement_anchor(),
                "het reglement".to_string(),
            ),
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// The file a section of the model belongs to.
    pub fn file_of(&self, section: &Section) -> FileId {
        self.m.file_of(section)
    }

    /// Whether checks that report something missing may speak: the file is a
    /// reglement (not a regional file, an amendment or test cases on their
    /// own) and every section parsed.
    pub fn absence_checks(&self) -> bool {
        !self.broken && matches!(self.kind, FileKind::Reglement | FileKind::Unknown)
    }

    /// Where to point when something is missing from the reglement: the
    /// header of the `reglement` section, else the start of the file.
    pub fn reglement_anchor(&self) -> Span {
        self.m
            .identity()
            .map(|(s, _)| s.header)
            .or_else(|| self.m.main_sections().next().map(|s| s.header))
            .unwrap_or_default()
    }
}

/// "een derde": the pillar-3 ceiling as a fraction in words.
pub(crate) fn doelgroepen_fraction(cx: &Ctx<'_>) -> String {
    doelgroepen::fraction_text(cx)
}

/// Run every check.
pub fn run(model: &Model, sources: &Sources) -> Vec<Diagnostic> {
    let mut cx = Ctx::new(model, sources);
    documents::check(&mut cx);
    versneld::check(&mut cx);
    doelgroepen::check(&mut cx);
    doelgroepenplan::check(&mut cx);
    standaard::check(&mut cx);
    gemeente::check(&mut cx);
    bezetting::check(&mut cx);
    validity::check(&mut cx);
    totals::check(&mut cx);
    pillar4::check(&mut cx);
    criteria::check(&mut cx);
    drempel::check(&mut cx);
    readings::check(&mut cx);
    evaluatie::check(&mut cx);
    tables::check(&mut cx);
    names::check(&mut cx);
    duplicates::check(&mut cx);
    values::check(&mut cx);
    required::check(&mut cx);
    regio::check(&mut cx);
    frame::check(&mut cx);
    adoption::check(&mut cx);
    fusies::check(&mut cx);
    verslag::check(&mut cx);
    quotum::check(&mut cx);
    let mut out = hold_back_date_consequences(cx.out);
    crate::diagnostic::fill_help(&mut out, &model.params.catalogue_values());
    out
}

/// A validity date before the model's start (R0118) is the one error to
/// fix: what the other checks derive from that date (the history years of
/// the pijler-2 base, the income limits of its year, the regional frame's
/// date) would only repeat it, so they wait until the date is right.
fn hold_back_date_consequences(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const FROM_THE_DATE: [Code; 3] = [Code::R0103, Code::R0117, Code::R0207];
    if out.iter().any(|d| d.code == Code::R0118) {
        out.retain(|d| !FROM_THE_DATE.contains(&d.code));
    }
    out
}
