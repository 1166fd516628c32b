//! The semantic model: the parsed files of one compilation (the reglement and
//! the regional file it uses), with every declared name and every reference
//! to a name resolved. Checks, the plan compiler and the language server all
//! read the reglement through this model.

use crate::params::{self, LegalParams};
use crate::source::{FileId, Sources};
use crate::span::Span;
use crate::syntax::ast::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Gemeente,
    Deelwerkingsgebied,
    Wegingskader,
    Criterium,
    /// A row code of a criterion's point table (a woonnood situation, a guidance tier).
    Code,
    Pillar2Doelgroep,
    Pillar3Doelgroep,
    Pillar4Soort,
    Verdeelsleutel,
    Woonmaatschappij,
}

impl SymbolKind {
    /// What the drafter calls it.
    pub fn label(self) -> &'static str {
        match self {
            SymbolKind::Gemeente => "gemeente",
            SymbolKind::Deelwerkingsgebied => "deelwerkingsgebied",
            SymbolKind::Wegingskader => "wegingskader",
            SymbolKind::Criterium => "criterium",
            SymbolKind::Code => "code",
            SymbolKind::Pillar2Doelgroep => "doelgroep van pijler 2",
            SymbolKind::Pillar3Doelgroep => "specifieke doelgroep",
            SymbolKind::Pillar4Soort => "soort bijzondere toewijzing",
            SymbolKind::Verdeelsleutel => "verdeelsleutel",
            SymbolKind::Woonmaatschappij => "woonmaatschappij",
        }
    }
}

/// A declared name.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub kind: SymbolKind,
    pub name: String,
    pub file: FileId,
    pub span: Span,
    /// For a row code: the criterion it belongs to.
    pub scope: Option<String>,
}

/// A use of a name.
#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: SymbolKind,
    pub name: String,
    pub file: FileId,
    pub span: Span,
    /// Index into [`Model::symbols`], when resolved.
    pub target: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct FileAst {
    pub file: FileId,
    pub ast: Ast,
    /// Sections that did not parse: checks that rely on something being
    /// absent stay silent when a section may be missing for that reason.
    pub broken: Vec<Span>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub files: Vec<FileAst>,
    /// The reglement being checked.
    pub main: FileId,
    /// The regional file it uses, if any (and if it could be read).
    pub regio: Option<FileId>,
    /// The other documents of the same woonmaatschappij checked with it
    /// (`gebruikt intern huurreglement "…"`, or given alongside): each with
    /// the document it was named as. Their sections are read as the
    /// reglement's own ([`Model::main_sections`]).
    pub linked: Vec<(DocumentKind, FileId)>,
    pub symbols: Vec<Symbol>,
    pub references: Vec<Reference>,
    /// The legal parameters in force on the reglement's date of validity.
    pub params: LegalParams,
}

impl Model {
    pub fn build(files: Vec<FileAst>, main: FileId, regio: Option<FileId>) -> Model {
        Model::build_with(files, main, regio, Vec::new())
    }

    /// The model of a reglement checked with other documents of its
    /// woonmaatschappij (`linked`, each with the document it stands for).
    pub fn build_with(
        mut files: Vec<FileAst>,
        main: FileId,
        regio: Option<FileId>,
        linked: Vec<(DocumentKind, FileId)>,
    ) -> Model {
        for f in &mut files {
            inherit_document(&mut f.ast);
        }
        let mut m = Model {
            files,
            main,
            regio,
            linked,
            symbols: Vec::new(),
            references: Vec::new(),
            params: params::for_date(None),
        };
        m.params = params::for_date(m.valid_from());
        m.collect_symbols();
        m.collect_references();
        m
    }

    /// Every section of every file, with its file.
    pub fn sections(&self) -> impl Iterator<Item = (FileId, &Section)> {
        self.files
            .iter()
            .flat_map(|f| f.ast.sections.iter().map(move |s| (f.file, s)))
    }

    /// The sections of the reglement itself and of the documents linked to
    /// it (not of the regional file): what one woonmaatschappij decided.
    pub fn main_sections(&self) -> impl Iterator<Item = &Section> {
        self.sections()
            .filter(|(f, _)| self.is_document(*f))
            .map(|(_, s)| s)
    }

    /// The sections of the checked file alone.
    pub fn own_sections(&self) -> impl Iterator<Item = &Section> {
        self.sections()
            .filter(|(f, _)| *f == self.main)
            .map(|(_, s)| s)
    }

    /// Whether a file is the reglement or one of its linked documents.
    pub fn is_document(&self, file: FileId) -> bool {
        file == self.main || self.linked.iter().any(|(_, f)| *f == file)
    }

    /// The file a section of the model belongs to.
    pub fn file_of(&self, section: &Section) -> FileId {
        self.files
            .iter()
            .find(|f| {
                f.ast
                    .sections
                    .as_ptr_range()
                    .contains(&(section as *const Section))
            })
            .map_or(self.main, |f| f.file)
    }

    /// The identity section of a file (its `reglement` header).
    pub fn identity_of(&self, file: FileId) -> Option<(&Section, &Identity)> {
        self.files
            .iter()
            .find(|f| f.file == file)?
            .ast
            .sections
            .iter()
            .find_map(|s| match &s.body {
                SectionBody::Reglement(id) => Some((s, id)),
                _ => None,
            })
    }

    /// The documents a file holds: those its header declares and those its
    /// sections name.
    pub fn documents_in(&self, file: FileId) -> std::collections::BTreeSet<DocumentKind> {
        self.sections()
            .filter(|(f, _)| *f == file)
            .flat_map(|(_, s)| s.documents.iter().map(|d| d.value))
            .collect()
    }

    /// The documents this compilation holds, over the reglement and its
    /// linked documents.
    pub fn documents_held(&self) -> std::collections::BTreeSet<DocumentKind> {
        let mut out = self.documents_in(self.main);
        for (_, f) in &self.linked {
            out.extend(self.documents_in(*f));
        }
        out
    }

    /// The file that holds a document: a linked file named for it, else the
    /// file whose sections name it (the reglement first).
    pub fn home_of(&self, kind: DocumentKind) -> Option<FileId> {
        if let Some((_, f)) = self.linked.iter().find(|(k, _)| *k == kind) {
            return Some(*f);
        }
        std::iter::once(self.main)
            .chain(self.linked.iter().map(|(_, f)| *f))
            .find(|f| self.documents_in(*f).contains(&kind))
    }

    /// Whether the reglement's area is a deelwerkingsgebied
    /// (`deelwerkingsgebied "Naam" { … }`).
    pub fn area_is_deelgebied(&self) -> bool {
        self.werkingsgebied()
            .is_some_and(|(_, w)| w.deelgebied.is_some())
    }

    /// The reglement's area as the law names it: "het deelwerkingsgebied
    /// Zuid" or "het werkingsgebied".
    pub fn area_noun(&self) -> String {
        match self.werkingsgebied() {
            Some((s, w)) if w.deelgebied.is_some() => match &s.title {
                Some(t) => format!("het deelwerkingsgebied {}", t.value),
                None => "het deelwerkingsgebied".to_string(),
            },
            _ => "het werkingsgebied".to_string(),
        }
    }

    /// A deelwerkingsgebied by name, with its gemeenten: one declared in the
    /// werkingsgebied, or the reglement's own area when that is a
    /// deelwerkingsgebied (named by its title, or with the name left out).
    pub fn deelgebied(&self, name: &str) -> Option<(String, Vec<&Name>)> {
        let (s, w) = self.werkingsgebied()?;
        if let Some(d) = w.deelgebieden.iter().find(|d| d.name.value == name) {
            return Some((d.name.value.clone(), d.gemeenten.iter().collect()));
        }
        let title = s.title.as_ref().map(|t| t.value.as_str()).unwrap_or("");
        if w.deelgebied.is_some() && (name.is_empty() || name == title) {
            return Some((
                title.to_string(),
                w.gemeenten.iter().map(|g| &g.name).collect(),
            ));
        }
        None
    }

    /// The woonmaatschappij's social rental dwellings in a gemeente, where a
    /// (deel)werkingsgebied of one of the documents states them.
    pub fn patrimony(&self, gemeente: &str) -> Option<u64> {
        self.stated_rows()
            .find(|g| g.name.value == gemeente)
            .map(|g| g.woningen.value)
    }

    /// [`Model::patrimony`] of every gemeente at once, for callers that ask
    /// it per row (a lookup per row would make them quadratic in the
    /// number of gemeenten); the first statement of a gemeente counts, as
    /// there.
    pub fn patrimonies(&self) -> rustc_hash::FxHashMap<&str, u64> {
        let mut out = rustc_hash::FxHashMap::default();
        for g in self.stated_rows() {
            out.entry(g.name.value.as_str()).or_insert(g.woningen.value);
        }
        out
    }

    /// The rows of the (deel)werkingsgebieden that state a patrimony.
    fn stated_rows(&self) -> impl Iterator<Item = &GemeenteRow> {
        self.main_sections()
            .filter_map(|s| match &s.body {
                SectionBody::Werkingsgebied(w) => Some(w),
                _ => None,
            })
            .flat_map(|w| &w.gemeenten)
            .filter(|g| g.stated)
    }

    /// Whether any file has a section that failed to parse.
    pub fn has_broken_sections(&self) -> bool {
        self.files.iter().any(|f| !f.broken.is_empty())
    }

    pub fn identity(&self) -> Option<(&Section, &Identity)> {
        self.own_sections().find_map(|s| match &s.body {
            SectionBody::Reglement(id) => Some((s, id)),
            _ => None,
        })
    }

    /// The reglement's date of validity; `None` when it is not stated or
    /// not a valid date (the parser reported that one).
    pub fn valid_from(&self) -> Option<chrono::NaiveDate> {
        let (_, id) = self.identity()?;
        id.geldig
            .first()
            .map(|v| v.from.value)
            .filter(|d| *d != chrono::NaiveDate::MIN)
    }

    /// The reglement's area: its own (deel)werkingsgebied, else that of a
    /// linked document.
    pub fn werkingsgebied(&self) -> Option<(&Section, &Werkingsgebied)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Werkingsgebied(w) => Some((s, w)),
            _ => None,
        })
    }

    /// The gemeenten of the werkingsgebied, with their number of dwellings.
    pub fn gemeenten(&self) -> Vec<&GemeenteRow> {
        self.werkingsgebied()
            .map(|(_, w)| w.gemeenten.iter().collect())
            .unwrap_or_default()
    }

    pub fn wegingskaders(&self) -> impl Iterator<Item = (FileId, &Section, &Wegingskader)> {
        self.sections().filter_map(|(f, s)| match &s.body {
            SectionBody::Wegingskader(w) => Some((f, s, w)),
            _ => None,
        })
    }

    pub fn wegingskader(&self, name: &str) -> Option<(FileId, &Section, &Wegingskader)> {
        self.wegingskaders().find(|(_, _, w)| w.name.value == name)
    }

    /// The `regio` section of the regional file the reglement uses.
    pub fn regio_section(&self) -> Option<(&Section, &Regio)> {
        let file = self.regio?;
        self.sections().find_map(|(f, s)| match &s.body {
            SectionBody::Regio(r) if f == file => Some((s, r)),
            _ => None,
        })
    }

    /// "het regionale kader" with the frame's title, as messages name it.
    pub fn frame_title(&self) -> String {
        match self.regio_section().and_then(|(s, _)| s.title.as_ref()) {
            Some(t) => format!("het regionale kader {}", t.value),
            None => "het regionale kader".to_string(),
        }
    }

    /// The regional file `rf` as the reglement names it (`gebruikt regio
    /// "…"`), so a message or hover reads the same wherever the files were
    /// opened from (an editor gives absolute paths); the file's own name
    /// otherwise.
    pub fn frame_file_name(&self, sources: &Sources, rf: FileId) -> String {
        self.identity()
            .and_then(|(_, id)| id.regio.first())
            .map_or_else(|| sources.get(rf).name.clone(), |r| r.value.clone())
    }

    /// The names the reglement's woonmaatschappij may go by in a regional
    /// frame (its list and the rows of its verdeelsleutel): the afkorting,
    /// the name, and for a deelwerkingsgebied the area's name alone and
    /// after either ("LeefGoed Neteland").
    pub fn member_names(&self) -> Vec<String> {
        let Some((_, id)) = self.identity() else {
            return Vec::new();
        };
        let mut out: Vec<String> = id
            .afkorting
            .iter()
            .map(|a| a.value.clone())
            .chain(id.woonmaatschappij.iter().map(|w| w.value.clone()))
            .collect();
        if let Some((s, w)) = self.werkingsgebied() {
            if let (Some(_), Some(t)) = (w.deelgebied, &s.title) {
                let area = t.value.clone();
                let with: Vec<String> = out.iter().map(|n| format!("{n} {area}")).collect();
                out.push(area);
                out.extend(with);
            }
        }
        out
    }

    /// The terms of the shared begrippenlijst: of the regional frame's
    /// `regio` section (also when the regional file is checked on its own).
    pub fn frame_terms(&self) -> Vec<&Term> {
        self.sections()
            .filter_map(|(_, s)| match &s.body {
                SectionBody::Regio(r) => Some(&r.terms),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Every term known to the reglement: the frame's, then its own
    /// (`begrip` in the `reglement` section).
    pub fn terms(&self) -> Vec<&Term> {
        let mut out = self.frame_terms();
        if let Some((_, id)) = self.identity() {
            out.extend(&id.terms);
        }
        out
    }

    /// The row of a verdeelsleutel that belongs to the reglement's woonmaatschappij.
    pub fn member_row<'k>(&self, key: &'k Verdeelsleutel) -> Option<&'k TableRow> {
        let names = self.member_names();
        key.table
            .rows
            .iter()
            .find(|r| names.iter().any(|n| n.eq_ignore_ascii_case(&r.name.value)))
    }

    pub fn verdeelsleutels(&self) -> impl Iterator<Item = (FileId, &Section, &Verdeelsleutel)> {
        self.sections().filter_map(|(f, s)| match &s.body {
            SectionBody::Verdeelsleutel(v) => Some((f, s, v)),
            _ => None,
        })
    }

    pub fn versneld(&self) -> Option<(&Section, &Versneld)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Versneld(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn standaard(&self) -> Option<(&Section, &Standaard)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Standaard(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn doelgroepen(&self) -> Option<(&Section, &Doelgroepen)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Doelgroepen(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn historiek(&self) -> Option<(&Section, &Historiek)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Historiek(v) => Some((s, v)),
            _ => None,
        })
    }

    /// The `evaluatie` section, if any.
    pub fn evaluatie(&self) -> Option<(&Section, &crate::syntax::ast::Evaluatie)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Evaluatie(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn bijzonder(&self) -> Option<(&Section, &Bijzonder)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Bijzonder(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn bezetting(&self) -> Option<(&Section, &Bezetting)> {
        self.main_sections().find_map(|s| match &s.body {
            SectionBody::Bezetting(v) => Some((s, v)),
            _ => None,
        })
    }

    pub fn gemeente_secties(&self) -> impl Iterator<Item = (&Section, &GemeenteSectie)> {
        self.main_sections().filter_map(|s| match &s.body {
            SectionBody::Gemeente(g) => Some((s, g)),
            _ => None,
        })
    }

    /// The weighting frame the pillar-2 section uses.
    pub fn used_wegingskader(&self) -> Option<(FileId, &Section, &Wegingskader)> {
        let (_, v) = self.versneld()?;
        let name = v.wegingskader.first()?;
        self.wegingskader(&name.value)
    }

    /// All pillar-3 target groups: of the pillar-3 section and of the
    /// gemeente sections, then the regional frame's groups the reglement
    /// does not define itself (used by name, issue 16). A diagnostic about
    /// a group is placed in [`Model::group_file`].
    pub fn pillar3_groups(&self) -> Vec<(Option<&GemeenteSectie>, &P3Group)> {
        let mut out: Vec<(Option<&GemeenteSectie>, &P3Group)> =
            self.own_pillar3_groups().into_iter().collect();
        for g in self.frame_pillar3_groups() {
            if !out.iter().any(|(_, o)| o.code.value == g.code.value) {
                out.push((None, g));
            }
        }
        out
    }

    /// The pillar-3 groups the reglement (and its linked documents) defines itself.
    pub fn own_pillar3_groups(&self) -> Vec<(Option<&GemeenteSectie>, &P3Group)> {
        let mut out: Vec<(Option<&GemeenteSectie>, &P3Group)> = Vec::new();
        if let Some((_, d)) = self.doelgroepen() {
            out.extend(d.groups.iter().map(|g| (None, g)));
        }
        for (_, g) in self.gemeente_secties() {
            out.extend(g.groups.iter().map(|grp| (Some(g), grp)));
        }
        out
    }

    /// The `specifieke doelgroepen` sections of the regional frame the
    /// reglement uses: the shared definitions of pillar-3 groups.
    pub fn frame_doelgroepen(&self) -> impl Iterator<Item = (&Section, &Doelgroepen)> {
        let regio = self.regio;
        self.sections().filter_map(move |(f, s)| match &s.body {
            SectionBody::Doelgroepen(d) if Some(f) == regio => Some((s, d)),
            _ => None,
        })
    }

    /// The pillar-3 groups the regional frame defines.
    pub fn frame_pillar3_groups(&self) -> Vec<&P3Group> {
        self.frame_doelgroepen()
            .flat_map(|(_, d)| &d.groups)
            .collect()
    }

    /// All pillar-2 target groups: the reglement's own (of its versnelde
    /// toewijzing), then the regional frame's groups it does not define
    /// itself (issue 16: a member uses the frame's groups by name, in its
    /// candidates' lists). A diagnostic about a group is placed in
    /// [`Model::p2_group_file`].
    pub fn pillar2_groups(&self) -> Vec<&P2Group> {
        let mut out = self.own_pillar2_groups();
        if self.versneld().is_none() {
            return out;
        }
        for g in self.frame_pillar2_groups() {
            if !out.iter().any(|o| o.code.value == g.code.value) {
                out.push(g);
            }
        }
        out
    }

    /// The pillar-2 groups the reglement's versnelde toewijzing defines itself.
    pub fn own_pillar2_groups(&self) -> Vec<&P2Group> {
        self.versneld()
            .map(|(_, v)| v.groups.iter().collect())
            .unwrap_or_default()
    }

    /// The `versnelde toewijzing` sections of the regional frame the
    /// reglement uses: the shared definitions of pillar-2 groups.
    pub fn frame_versneld(&self) -> impl Iterator<Item = (&Section, &Versneld)> {
        let regio = self.regio;
        self.sections().filter_map(move |(f, s)| match &s.body {
            SectionBody::Versneld(v) if Some(f) == regio => Some((s, v)),
            _ => None,
        })
    }

    /// The pillar-2 groups the regional frame defines.
    pub fn frame_pillar2_groups(&self) -> Vec<&P2Group> {
        self.frame_versneld().flat_map(|(_, v)| &v.groups).collect()
    }

    /// The frame's section that holds a pillar-2 group, for a group of the frame.
    pub fn frame_versneld_of(&self, g: &P2Group) -> Option<(&Section, &Versneld)> {
        self.frame_versneld()
            .find(|(_, v)| v.groups.iter().any(|x| std::ptr::eq(x, g)))
    }

    /// The file and section a pillar-2 group is written in: the regional
    /// file's section for a group of the frame, else the reglement's
    /// versnelde toewijzing.
    pub fn p2_group_place(&self, g: &P2Group) -> Option<(FileId, &Section)> {
        match (self.regio, self.frame_versneld_of(g)) {
            (Some(f), Some((s, _))) => Some((f, s)),
            _ => self.versneld().map(|(s, _)| (self.file_of(s), s)),
        }
    }

    /// The file a pillar-3 group is written in: the regional file for a
    /// group of the frame, else the reglement.
    pub fn group_file(&self, g: &P3Group) -> FileId {
        match (self.regio, self.frame_section_of(g)) {
            (Some(f), Some(_)) => f,
            _ => self.main,
        }
    }

    /// The frame's section that holds a group, for a group of the frame.
    pub fn frame_section_of(&self, g: &P3Group) -> Option<(&Section, &Doelgroepen)> {
        self.frame_doelgroepen()
            .find(|(_, d)| d.groups.iter().any(|x| std::ptr::eq(x, g)))
    }

    /// The section whose statements apply to every group in it
    /// (guidance, referrers): the frame's for a group of the frame.
    pub fn section_of_group(&self, g: &P3Group) -> Option<&Doelgroepen> {
        self.frame_section_of(g)
            .map(|(_, d)| d)
            .or_else(|| self.doelgroepen().map(|(_, d)| d))
    }

    pub fn symbol(&self, kind: SymbolKind, name: &str) -> Option<&Symbol> {
        self.symbols
            .iter()
            .find(|s| s.kind == kind && s.name == name)
    }

    /// The name (symbol) at a byte offset of a file: a definition or a reference.
    pub fn symbol_at(&self, file: FileId, offset: usize) -> Option<usize> {
        if let Some(i) = self
            .symbols
            .iter()
            .position(|s| s.file == file && s.span.contains(offset))
        {
            return Some(i);
        }
        self.references
            .iter()
            .find(|r| r.file == file && r.span.contains(offset))
            .and_then(|r| r.target)
    }

    fn define(&mut self, kind: SymbolKind, name: &Name, file: FileId, scope: Option<String>) {
        if name.value.is_empty() {
            return;
        }
        self.symbols.push(Symbol {
            kind,
            name: name.value.clone(),
            file,
            span: name.span,
            scope,
        });
    }

    fn collect_symbols(&mut self) {
        let mut defs: Vec<(SymbolKind, Name, FileId, Option<String>)> = Vec::new();
        for (file, s) in self.sections() {
            match &s.body {
                SectionBody::Reglement(id) => {
                    if let Some(a) = &id.afkorting {
                        defs.push((SymbolKind::Woonmaatschappij, a.clone(), file, None));
                    }
                }
                SectionBody::Werkingsgebied(w) => {
                    for g in &w.gemeenten {
                        defs.push((SymbolKind::Gemeente, g.name.clone(), file, None));
                    }
                    if w.deelgebied.is_some() {
                        if let Some(t) = &s.title {
                            defs.push((SymbolKind::Deelwerkingsgebied, t.clone(), file, None));
                        }
                    }
                    for d in &w.deelgebieden {
                        defs.push((SymbolKind::Deelwerkingsgebied, d.name.clone(), file, None));
                    }
                }
                SectionBody::Wegingskader(w) => {
                    defs.push((SymbolKind::Wegingskader, w.name.clone(), file, None));
                    for c in &w.criteria {
                        defs.push((SymbolKind::Criterium, c.code.clone(), file, None));
                        for r in &c.situations {
                            defs.push((
                                SymbolKind::Code,
                                r.code.clone(),
                                file,
                                Some(c.code.value.clone()),
                            ));
                        }
                    }
                }
                SectionBody::Versneld(v) => {
                    for g in &v.groups {
                        defs.push((SymbolKind::Pillar2Doelgroep, g.code.clone(), file, None));
                    }
                }
                SectionBody::Doelgroepen(d) => {
                    for g in &d.groups {
                        defs.push((SymbolKind::Pillar3Doelgroep, g.code.clone(), file, None));
                    }
                }
                SectionBody::Gemeente(g) => {
                    for grp in &g.groups {
                        defs.push((SymbolKind::Pillar3Doelgroep, grp.code.clone(), file, None));
                    }
                }
                SectionBody::Bijzonder(b) => {
                    for k in &b.kinds {
                        defs.push((SymbolKind::Pillar4Soort, k.code.clone(), file, None));
                    }
                }
                SectionBody::Verdeelsleutel(v) => {
                    defs.push((SymbolKind::Verdeelsleutel, v.name.clone(), file, None));
                }
                SectionBody::Regio(r) => {
                    for w in &r.woonmaatschappijen {
                        defs.push((SymbolKind::Woonmaatschappij, w.clone(), file, None));
                    }
                }
                _ => {}
            }
        }
        for (kind, name, file, scope) in defs {
            self.define(kind, &name, file, scope);
        }
    }

    fn collect_references(&mut self) {
        let mut refs: Vec<(SymbolKind, Name, FileId, Option<String>)> = Vec::new();
        let frame_criteria: Vec<String> = self
            .used_wegingskader()
            .map(|(_, _, w)| w.criteria.iter().map(|c| c.code.value.clone()).collect())
            .unwrap_or_default();
        for (file, s) in self.sections() {
            let mut r = |kind, name: &Name| refs.push((kind, name.clone(), file, None));
            match &s.body {
                SectionBody::Werkingsgebied(w) => {
                    for d in &w.deelgebieden {
                        for g in &d.gemeenten {
                            r(SymbolKind::Gemeente, g);
                        }
                    }
                }
                SectionBody::Historiek(h) => {
                    for row in &h.rows {
                        for (_, kind) in &row.excluded {
                            r(SymbolKind::Pillar4Soort, kind);
                        }
                    }
                }
                SectionBody::Standaard(st) => {
                    for ro in &st.rangorde {
                        for t in &ro.tiers {
                            if let TierKind::Woonbinding {
                                scope, consensus, ..
                            } = &t.kind
                            {
                                if let BindingScope::Deelwerkingsgebied(n) = &scope.value {
                                    if !n.value.is_empty() {
                                        r(SymbolKind::Deelwerkingsgebied, n);
                                    }
                                }
                                if let Some(c) = consensus {
                                    for row in &c.rows {
                                        r(SymbolKind::Gemeente, &row.gemeente);
                                    }
                                }
                            }
                        }
                    }
                }
                SectionBody::Versneld(v) => {
                    for w in &v.wegingskader {
                        r(SymbolKind::Wegingskader, w);
                    }
                    for b in &v.basis {
                        for k in &b.without {
                            r(SymbolKind::Pillar4Soort, k);
                        }
                    }
                    for g in &v.groups {
                        for sit in &g.situations {
                            r(SymbolKind::Code, sit);
                        }
                    }
                }
                SectionBody::Wegingskader(w) => {
                    for t in &w.thresholds {
                        if let ThresholdScope::Criteria(list) = &t.scope {
                            for c in list {
                                r(SymbolKind::Criterium, c);
                            }
                        }
                    }
                    for tb in &w.tiebreaks {
                        for t in &tb.value {
                            if let TieBreak::MostPoints(c) = &t.value {
                                r(SymbolKind::Criterium, c);
                            }
                        }
                    }
                }
                SectionBody::Doelgroepen(d) => {
                    for v in &d.verdeelsleutel {
                        r(SymbolKind::Verdeelsleutel, v);
                    }
                    for g in &d.groups {
                        group_refs(g, &mut r);
                    }
                    for t in &d.reserved {
                        for c in &t.columns {
                            r(SymbolKind::Pillar3Doelgroep, c);
                        }
                        for row in &t.rows {
                            r(SymbolKind::Gemeente, &row.name);
                        }
                    }
                }
                SectionBody::Verdeelsleutel(v) => {
                    // a row outside the total is the source's row, not a member of the region
                    for row in v.table.rows.iter().filter(|r| r.outside_total.is_none()) {
                        r(SymbolKind::Woonmaatschappij, &row.name);
                    }
                }
                SectionBody::Gemeente(g) => {
                    r(SymbolKind::Gemeente, &g.gemeente);
                    for grp in &g.groups {
                        group_refs(grp, &mut r);
                    }
                    for a in &g.applies_to {
                        for n in &a.value {
                            r(SymbolKind::Gemeente, n);
                        }
                    }
                    for t in &g.area_bindings {
                        if let TierKind::Woonbinding {
                            scope, consensus, ..
                        } = &t.kind
                        {
                            if let BindingScope::Deelwerkingsgebied(n) = &scope.value {
                                if !n.value.is_empty() {
                                    r(SymbolKind::Deelwerkingsgebied, n);
                                }
                            }
                            for row in consensus.iter().flat_map(|c| &c.rows) {
                                r(SymbolKind::Gemeente, &row.gemeente);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // the columns of a regional verdeelsleutel name target groups only
        // when a reglement that declares them is checked with it
        let has_pillar3 = self.doelgroepen().is_some();
        if has_pillar3 {
            for (file, _, v) in self.verdeelsleutels() {
                for c in v.table.columns.iter().filter(|c| c.value != "woningen") {
                    refs.push((SymbolKind::Pillar3Doelgroep, c.clone(), file, None));
                }
            }
        }
        // index the symbols by kind and name once: resolution stays linear in
        // the size of the reglement
        let mut index: std::collections::HashMap<(SymbolKind, &str), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, s) in self.symbols.iter().enumerate() {
            index.entry((s.kind, s.name.as_str())).or_default().push(i);
        }
        let mut resolved = Vec::with_capacity(refs.len());
        for (kind, name, file, _) in refs {
            let target = index
                .get(&(kind, name.value.as_str()))
                .and_then(|candidates| {
                    candidates.iter().copied().find(|&i| {
                        kind != SymbolKind::Code
                            || frame_criteria.is_empty()
                            || self.symbols[i]
                                .scope
                                .as_ref()
                                .is_some_and(|c| frame_criteria.contains(c))
                    })
                });
            resolved.push(Reference {
                kind,
                name: name.value,
                file,
                span: name.span,
                target,
            });
        }
        self.references = resolved;
    }
}

/// The candidate field a criterion of a weighting frame scores.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
// Part of the plan `reglement-plan/1` (`PlanCriterium::kenmerk`): every
// variant names its JSON value, so a renamed variant cannot change a plan.
pub enum Kenmerk {
    /// The housing-need situation code (`woonnood`).
    #[serde(rename = "woonnood")]
    Woonnood,
    /// The guidance tier code of the attest (`begeleiding`).
    #[serde(rename = "begeleiding")]
    Begeleiding,
    /// The disposable income per month (`inkomen`).
    #[serde(rename = "inkomen")]
    Inkomen,
    /// The number of dependent children (`kinderen`).
    #[serde(rename = "kinderen")]
    Kinderen,
}

impl Kenmerk {
    pub const ALL: [Kenmerk; 4] = [
        Kenmerk::Woonnood,
        Kenmerk::Begeleiding,
        Kenmerk::Inkomen,
        Kenmerk::Kinderen,
    ];

    /// The column name in a candidates file (docs/gegevens.md).
    pub fn field(self) -> &'static str {
        match self {
            Kenmerk::Woonnood => "woonnood",
            Kenmerk::Begeleiding => "begeleiding",
            Kenmerk::Inkomen => "inkomen",
            Kenmerk::Kinderen => "kinderen",
        }
    }

    pub fn from_field(name: &str) -> Option<Kenmerk> {
        Kenmerk::ALL.into_iter().find(|k| k.field() == name)
    }

    /// Whether a point table of this shape can score this field.
    pub fn accepts(self, shape: TableShape) -> bool {
        matches!(
            (self, shape),
            (Kenmerk::Woonnood | Kenmerk::Begeleiding, TableShape::Codes)
                | (Kenmerk::Inkomen, TableShape::Bedragen)
                | (Kenmerk::Kinderen, TableShape::Aantallen)
        )
    }
}

/// The kind of rows a criterion's point table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableShape {
    /// situation or tier code → points
    Codes,
    /// amount brackets per household type → points
    Bedragen,
    /// count → points
    Aantallen,
    /// rows of more than one kind
    Mixed,
    /// no rows
    Empty,
}

impl Criterion {
    /// The shape of this criterion's point table.
    pub fn shape(&self) -> TableShape {
        let kinds = [
            !self.situations.is_empty(),
            !self.brackets.is_empty(),
            !self.counts.is_empty(),
        ];
        match kinds {
            [true, false, false] => TableShape::Codes,
            [false, true, false] => TableShape::Bedragen,
            [false, false, true] => TableShape::Aantallen,
            [false, false, false] => TableShape::Empty,
            _ => TableShape::Mixed,
        }
    }

    /// The candidate field this criterion scores: the `gegeven` statement if
    /// there is one, else the criterion's own name when it names a field,
    /// else what the table's shape implies (amounts → inkomen, counts →
    /// kinderen). `None` when it cannot be told (a code table named otherwise).
    pub fn kenmerk(&self) -> Option<Kenmerk> {
        if let Some(g) = &self.input {
            return Kenmerk::from_field(&g.value);
        }
        if let Some(k) = Kenmerk::from_field(&self.code.value) {
            return Some(k);
        }
        match self.shape() {
            TableShape::Bedragen => Some(Kenmerk::Inkomen),
            TableShape::Aantallen => Some(Kenmerk::Kinderen),
            _ => None,
        }
    }

    /// The criterion scores a tie to a place (woonbinding, verblijf in de
    /// gemeente): its field cannot be told and its name or title speaks of
    /// local binding. Lokale binding is not allowed in pijler 2 (C6).
    pub fn scores_local_binding(&self) -> bool {
        self.kenmerk().is_none()
            && [
                Some(&self.code.value),
                self.title.as_ref().map(|t| &t.value),
            ]
            .into_iter()
            .flatten()
            .chain(self.input.as_ref().map(|g| &g.value))
            .any(|t| speaks_of_local_binding(t))
    }

    /// The lowest and highest points a candidate can get on this criterion.
    /// A candidate without a code, or with an amount above every ceiling,
    /// gets the `anders` points (0 when there is no `anders` row).
    pub fn point_range(&self) -> (u32, u32) {
        let mut values: Vec<u32> = Vec::new();
        values.extend(self.situations.iter().filter_map(|r| r.points.value));
        values.extend(self.brackets.iter().filter_map(|r| r.points.value));
        values.extend(self.counts.iter().filter_map(|r| r.points.value));
        let otherwise = self
            .otherwise
            .first()
            .and_then(|(p, _)| p.value)
            .unwrap_or(0);
        let min = match self.shape() {
            // every count is covered by some row (or a gap, which is an error)
            TableShape::Aantallen => values.iter().copied().min().unwrap_or(0),
            _ => values.iter().copied().chain([otherwise]).min().unwrap_or(0),
        };
        let max = values.iter().copied().chain([otherwise]).max().unwrap_or(0);
        (min, max)
    }

    /// The leefloon amount for a household type on a date, from this
    /// criterion's `leefloon vanaf` statements (the latest that applies).
    pub fn leefloon_on(&self, household: Household, on: chrono::NaiveDate) -> Option<Hundredths> {
        self.leefloon
            .iter()
            .filter(|l| l.from.value <= on)
            .max_by_key(|l| l.from.value)
            .and_then(|l| {
                l.amounts
                    .iter()
                    .find(|(h, _)| h.value == household)
                    .map(|(_, a)| a.value)
            })
    }

    /// A bracket's inclusive ceiling in cents on a date: the stated amount,
    /// or the leefloon in force then plus the stated supplement.
    pub fn ceiling_on(&self, row: &BracketRow, on: chrono::NaiveDate) -> Option<Hundredths> {
        if let Some(a) = &row.ceiling.amount {
            return Some(a.value);
        }
        let plus = row.ceiling.leefloon_plus.as_ref()?;
        Some(self.leefloon_on(row.household.value, on)? + plus.value)
    }
}

impl Wegingskader {
    /// The highest total a candidate can reach on this frame, exactly (a
    /// sum of at most one number per criterion: no overflow, see
    /// `syntax::MAX_INTEGER`).
    pub fn max_total_exact(&self) -> u64 {
        self.criteria
            .iter()
            .map(|c| u64::from(c.point_range().1))
            .sum()
    }

    /// The highest total a candidate can reach on this frame. A frame whose
    /// total does not fit a `u32` (the engine's count of points) is an error
    /// (R0003, `checks::totals`), so no plan or document is made of it.
    pub fn max_total(&self) -> u32 {
        u32::try_from(self.max_total_exact()).unwrap_or(u32::MAX)
    }
}

/// The names a pillar-3 group uses: the gemeente of a list of named
/// dwellings, the target group of its `zonder kandidaat: doelgroep X`.
fn group_refs(g: &P3Group, r: &mut impl FnMut(SymbolKind, &Name)) {
    for d in &g.dwellings {
        if let Some(n) = &d.gemeente {
            r(SymbolKind::Gemeente, n);
        }
    }
    let then = g.capacity.iter().filter_map(|c| c.then.as_ref());
    for f in g.fallback.iter().chain(then) {
        if let Fallback::Doelgroep(n) = &f.value {
            r(SymbolKind::Pillar3Doelgroep, n);
        }
    }
}

/// One gemeente's row of the reserved-dwellings table of pillar 3, against
/// its one-third ceiling (C7).
#[derive(Debug, Clone)]
pub struct ReservedRow<'a> {
    pub row: &'a TableRow,
    /// Reserved dwellings per target group, in the table's column order.
    pub per_group: Vec<(&'a str, u64)>,
    pub total: u64,
    /// The woonmaatschappij's social rental dwellings in the gemeente, if declared.
    pub dwellings: Option<u64>,
    /// The largest number that may be reserved there (rounded down).
    pub ceiling: Option<u64>,
    /// The dwellings already reserved in the gemeente under earlier
    /// decisions, where the reglement states them per gemeente
    /// (`bestaande voorbehouden woningen { … }`; a gemeente it does not
    /// name has none); `None` when it does not.
    pub existing: Option<u64>,
}

impl ReservedRow<'_> {
    /// What the one-third ceiling counts: the existing and the new.
    pub fn counted(&self) -> u64 {
        self.total.saturating_add(self.existing.unwrap_or(0))
    }
}

impl Model {
    /// The reserved-dwellings rows of the pillar-3 section, with each
    /// gemeente's dwellings and ceiling.
    pub fn reserved_rows(&self) -> Vec<ReservedRow<'_>> {
        let Some((_, d)) = self.doelgroepen() else {
            return Vec::new();
        };
        let (num, den) = self.params.pillar3_max_fraction;
        let patrimonies = self.patrimonies();
        let existing = self.existing_by_gemeente();
        let mut out = Vec::new();
        for table in &d.reserved {
            for row in &table.rows {
                let per_group: Vec<(&str, u64)> = table
                    .columns
                    .iter()
                    .zip(&row.values)
                    .map(|(c, v)| (c.value.as_str(), v.value))
                    .collect();
                let total = row.values.iter().map(|v| v.value).sum();
                let dwellings = patrimonies.get(row.name.value.as_str()).copied();
                let ceiling = dwellings.map(|n| {
                    // exact: the product is made in 128 bits, the quotient is at most n
                    (u128::from(n) * u128::from(num) / u128::from(den.max(1))) as u64
                });
                let existing = existing
                    .as_ref()
                    .map(|m| m.get(row.name.value.as_str()).copied().unwrap_or(0));
                out.push(ReservedRow {
                    row,
                    per_group,
                    total,
                    dwellings,
                    ceiling,
                    existing,
                });
            }
        }
        out
    }
}

// ---- existing reserved dwellings (issue 15.3)

/// The existing and new reserved dwellings of the whole woonmaatschappij
/// against one third of its patrimony, where the reglement states the
/// existing ones for the whole (`bestaande voorbehouden woningen: N` or
/// `…: P% van het patrimonium`). Dwellings in ten-thousandths, so that a
/// share of the patrimony is exact (11,6% of 1.597 = 185,2520).
#[derive(Debug, Clone)]
pub struct WholeReserved<'a> {
    pub stmt: &'a Existing,
    /// The woonmaatschappij's social rental dwellings: the stated patrimony
    /// of the gemeenten of its (deel)werkingsgebied.
    pub dwellings: u64,
    /// The existing reserved dwellings, in ten-thousandths of a dwelling.
    pub existing_e4: u128,
    /// The new: every reserved dwelling of the reglement's own groups.
    pub new: u64,
    /// The largest number that may be reserved in the whole (rounded down).
    pub ceiling: u64,
}

impl WholeReserved<'_> {
    /// Existing and new, in ten-thousandths of a dwelling.
    pub fn counted_e4(&self) -> u128 {
        self.existing_e4 + u128::from(self.new) * 10_000
    }

    /// Whether existing and new stay within the ceiling.
    pub fn within(&self) -> bool {
        self.counted_e4() <= u128::from(self.ceiling) * 10_000
    }

    /// The share of the patrimony reserved, existing and new, in
    /// hundredths of a percent, rounded half up.
    pub fn share_counted(&self) -> u64 {
        let d = u128::from(self.dwellings.max(1));
        ((self.counted_e4() * 2 + d) / (2 * d)) as u64
    }
}

impl Model {
    /// The statement of the existing reserved dwellings, if any (the first;
    /// R0283 reports a second).
    pub fn existing_reserved(&self) -> Option<&Existing> {
        self.doelgroepen().and_then(|(_, d)| d.existing.first())
    }

    /// The existing reserved dwellings in a gemeente, where the reglement
    /// states them per gemeente (a gemeente the table does not name: 0).
    pub fn existing_in(&self, gemeente: &str) -> Option<u64> {
        match &self.existing_reserved()?.kind {
            ExistingKind::PerGemeente(t) => Some(
                t.rows
                    .iter()
                    .filter(|r| r.name.value == gemeente)
                    .flat_map(|r| &r.values)
                    .map(|v| v.value)
                    .sum(),
            ),
            _ => None,
        }
    }

    /// [`Model::existing_in`] of every gemeente at once (`None` unless the
    /// statement is a table per gemeente; a gemeente it does not name has 0).
    fn existing_by_gemeente(&self) -> Option<rustc_hash::FxHashMap<&str, u64>> {
        match &self.existing_reserved()?.kind {
            ExistingKind::PerGemeente(t) => {
                let mut out = rustc_hash::FxHashMap::default();
                for r in &t.rows {
                    *out.entry(r.name.value.as_str()).or_insert(0) +=
                        r.values.iter().map(|v| v.value).sum::<u64>();
                }
                Some(out)
            }
            _ => None,
        }
    }

    /// The existing reserved dwellings stated for the whole woonmaatschappij,
    /// with the new ones and the patrimony (`None` for a table per gemeente,
    /// no statement, or no stated patrimony).
    pub fn reserved_whole(&self) -> Option<WholeReserved<'_>> {
        let stmt = self.existing_reserved()?;
        let dwellings: u64 = self
            .gemeenten()
            .iter()
            .filter(|g| g.stated)
            .map(|g| g.woningen.value)
            .sum();
        if dwellings == 0 {
            return None;
        }
        let existing_e4 = match &stmt.kind {
            ExistingKind::PerGemeente(_) => return None,
            ExistingKind::Count(n) => u128::from(n.value) * 10_000,
            ExistingKind::Share(p) => u128::from(p.value.max(0) as u64) * u128::from(dwellings),
        };
        let new = self
            .reserved_counts()
            .iter()
            .flat_map(|(_, c)| c.values())
            .sum();
        let (num, den) = self.params.pillar3_max_fraction;
        // exact: the product in 128 bits, the quotient at most `dwellings`
        let ceiling = (u128::from(dwellings) * u128::from(num) / u128::from(den.max(1))) as u64;
        Some(WholeReserved {
            stmt,
            dwellings,
            existing_e4,
            new,
            ceiling,
        })
    }
}

/// A list of named dwellings of a pillar-3 group, with the gemeente it is for.
#[derive(Debug, Clone)]
pub struct NamedList<'a> {
    /// The gemeente section the group is declared in, if any.
    pub owner: Option<&'a GemeenteSectie>,
    pub group: &'a P3Group,
    pub list: &'a NamedDwellings,
    /// The list's `in GEMEENTE`, else the gemeente of the owning section.
    pub gemeente: Option<&'a Name>,
}

impl Model {
    /// Every list of named reserved dwellings (`voorbehouden woningen in G: ...`).
    pub fn named_lists(&self) -> Vec<NamedList<'_>> {
        self.pillar3_groups()
            .into_iter()
            .flat_map(|(owner, group)| {
                group.dwellings.iter().map(move |list| NamedList {
                    owner,
                    group,
                    list,
                    gemeente: list.gemeente.as_ref().or(owner.map(|o| &o.gemeente)),
                })
            })
            .collect()
    }

    /// The reserved dwellings per gemeente (the table's rows, then the
    /// gemeenten with named dwellings only, in werkingsgebied order) and
    /// target group: the counts of the `voorbehouden woningen` table, and
    /// for a group with named dwellings in that gemeente the number it
    /// names (where the table gives the same group a count too, the checks
    /// ask that both agree; the list is counted). The rows of the plan.
    pub fn reserved_counts(&self) -> Vec<(String, std::collections::BTreeMap<String, u64>)> {
        type Rows = Vec<(String, std::collections::BTreeMap<String, u64>)>;
        let mut out: Rows = Vec::new();
        // each gemeente's row in `out`, so that adding is not a search
        let mut at: rustc_hash::FxHashMap<String, usize> = Default::default();
        fn add(
            out: &mut Rows,
            at: &mut rustc_hash::FxHashMap<String, usize>,
            g: &str,
            group: &str,
            n: u64,
            replace: bool,
        ) {
            let i = match at.get(g) {
                Some(&i) => i,
                None => {
                    out.push((g.to_string(), Default::default()));
                    at.insert(g.to_string(), out.len() - 1);
                    out.len() - 1
                }
            };
            let e = out[i].1.entry(group.to_string()).or_insert(0);
            *e = if replace { n } else { *e + n };
        }
        for r in self.reserved_rows() {
            for (group, n) in &r.per_group {
                add(&mut out, &mut at, &r.row.name.value, group, *n, false);
            }
        }
        let mut named: std::collections::BTreeMap<(String, String), u64> = Default::default();
        for l in self.named_lists() {
            if let Some(g) = l.gemeente {
                *named
                    .entry((g.value.clone(), l.group.code.value.clone()))
                    .or_insert(0) += l.list.dwellings.len() as u64;
            }
        }
        let from_table = out.len();
        for ((g, group), n) in named {
            add(&mut out, &mut at, &g, &group, n, true);
        }
        // gemeenten with named dwellings only: after the table, in werkingsgebied order
        let mut order: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for (i, g) in self.gemeenten().into_iter().enumerate() {
            // the first place of a name, as a search would find it
            order.entry(g.name.value.as_str()).or_insert(i);
        }
        out[from_table..]
            .sort_by_key(|(g, _)| order.get(g.as_str()).copied().unwrap_or(usize::MAX));
        out
    }
}

/// The pillar-2 base (C3): the average yearly number of allocations of the
/// years before the date of validity, leaving out the pillar-4 moves
/// (renovation, demolition, adaptation works), and the pillar-2 share of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pillar2Base {
    /// The years averaged, oldest first.
    pub years: Vec<i32>,
    /// All allocations of those years.
    pub allocations: u64,
    /// The allocations left out (the pillar-4 kinds named in `basis ... zonder`,
    /// or every `waarvan` count when the basis names none).
    pub excluded: u64,
    /// Average per year after leaving those out, in hundredths (12340 = 123,40).
    pub average: i64,
    /// The pillar-2 share of that average, in hundredths of an allocation.
    pub pillar2_per_year: i64,
}

impl Model {
    /// The pillar-2 base computed from the allocation history, or `None`
    /// without a history. Takes the `basis` years (or the legal number) that
    /// precede the year of validity; without a date of validity, the last ones.
    pub fn pillar2_base(&self) -> Option<Pillar2Base> {
        let (_, h) = self.historiek()?;
        let versneld = self.versneld().map(|(_, v)| v);
        let basis = versneld.and_then(|v| v.basis.first());
        let n = basis.map_or(self.params.pillar2_base_years, |b| b.years.value) as usize;
        let share = versneld
            .and_then(|v| v.aandeel.first())
            .map_or(self.params.pillar2_share, |a| a.percent.value);
        let before = self.valid_from().map(|d| chrono::Datelike::year(&d));
        let mut rows: Vec<&HistoriekRow> = h
            .rows
            .iter()
            .filter(|r| before.is_none_or(|y| r.year.value < y))
            .collect();
        rows.sort_by_key(|r| r.year.value);
        let rows = &rows[rows.len().saturating_sub(n)..];
        if rows.is_empty() {
            return None;
        }
        let excluded_kind = |kind: &str| match basis {
            Some(b) if !b.without.is_empty() => b.without.iter().any(|w| w.value == kind),
            _ => true,
        };
        let allocations: u64 = rows.iter().map(|r| r.allocations.value).sum();
        let excluded: u64 = rows
            .iter()
            .flat_map(|r| &r.excluded)
            .filter(|(_, kind)| excluded_kind(&kind.value))
            .map(|(count, _)| count.value)
            .sum();
        // more left out than allocated is an error of its own (values.rs); the base is then 0
        let kept = i64::try_from(allocations.saturating_sub(excluded)).ok()?;
        let average = kept.checked_mul(100)? / rows.len() as i64;
        let pillar2_per_year =
            i64::try_from(i128::from(average) * i128::from(share) / 10_000).ok()?;
        Some(Pillar2Base {
            years: rows.iter().map(|r| r.year.value).collect(),
            allocations,
            excluded,
            average,
            pillar2_per_year,
        })
    }
}

/// A file whose header says which document it is (`document
/// toewijzingsreglement` in its `reglement` section): its sections that
/// belong to one document and do not say which belong to that one.
fn inherit_document(ast: &mut Ast) {
    let declared = ast.sections.iter().find_map(|s| match s.body {
        SectionBody::Reglement(_) => s.documents.first().cloned(),
        _ => None,
    });
    let Some(declared) = declared else {
        return;
    };
    let params = params::for_date(None);
    for s in &mut ast.sections {
        if s.documents.is_empty() && params.documents_for(s.body.kind()).is_some() {
            s.documents.push(declared.clone());
        }
    }
}

/// A text about ties to a place: "woonbinding", "lokale binding", "band met
/// de gemeente", "inwoner", "woonachtig", "verblijf in" — and not denied
/// ("geen woonbinding", "zonder lokale binding").
pub fn speaks_of_local_binding(text: &str) -> bool {
    let t = text.to_lowercase();
    const WORDS: [&str; 7] = [
        "woonbinding",
        "lokale binding",
        "lokale-binding",
        "band met de gemeente",
        "inwoner",
        "woonachtig",
        "verblijf in de gemeente",
    ];
    WORDS.iter().any(|w| {
        t.match_indices(w).any(|(i, _)| {
            let before = t[..i].trim_end();
            !(before.ends_with("geen") || before.ends_with("zonder") || before.ends_with("niet"))
        })
    }) || t == "binding"
        || t == "verblijf"
}

/// "standaardtoewijzing minimaal 50%, versnelde toewijzing 20%".
pub fn verdeling_text(v: &RegioVerdeling) -> String {
    v.shares
        .iter()
        .map(|p| {
            let name = if p.pillar.value == 1 {
                "standaardtoewijzing"
            } else {
                "versnelde toewijzing"
            };
            format!("{name} {}", share_text(&p.share))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "minimaal 50%", "20%".
pub fn share_text(s: &Share) -> String {
    let bound = match s.bound {
        Bound::Minimaal => "minimaal ",
        Bound::Maximaal => "maximaal ",
        Bound::Exact => "",
    };
    format!("{bound}{}", crate::nl::percent(s.percent.value))
}
