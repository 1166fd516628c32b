//! From the model of an analysed reglement to its legal documents.
//!
//! Every number and name in a document comes from the source, through the
//! same computations the plan uses (`Criterion::ceiling_on`,
//! `Model::reserved_rows`, `Model::pillar2_base`, `Wegingskader::max_total`),
//! so the text and the ranking cannot drift apart. A section goes only into
//! the document its `document` statement names; a section of the regional
//! file is placed right after the section of the reglement that uses it.

use super::document::{Article, Block, Document, Header, RegioInfo, Table};
use crate::analysis::Analysis;
use crate::model::{Model, TableShape};
use crate::nl;
use crate::source::FileId;
use crate::syntax::ast::*;

/// Who adopts each document (docs/regels.md, "De documenten en wie wat goedkeurt");
/// `area` names the reglement's area ("het deelwerkingsgebied Zuid").
pub fn adopted_by(kind: DocumentKind, area: &str) -> String {
    match kind {
        DocumentKind::Toewijzingsreglement => {
            format!("de toewijzingsraad, na voorlegging aan elke gemeente van {area}")
        }
        DocumentKind::InternHuurreglement => {
            "de raad van bestuur van de woonmaatschappij".to_string()
        }
        DocumentKind::HuishoudelijkReglement => "de toewijzingsraad".to_string(),
    }
}

/// The document's title as a reader sees it.
pub fn document_title(kind: DocumentKind) -> String {
    nl::capitalize(kind.label())
}

/// The document a section belongs to: its first `document` statement.
pub fn section_document(section: &Section) -> Option<DocumentKind> {
    section.documents.first().map(|d| d.value)
}

/// Sections that belong to no document but that every document shows as its
/// context (the werkingsgebied and its patrimony).
fn is_context(section: &Section) -> bool {
    matches!(section.body, SectionBody::Werkingsgebied(_))
}

/// Build one document of an analysed reglement.
pub fn build(analysis: &Analysis, kind: DocumentKind) -> Document {
    let model = &analysis.model;
    let b = Builder { analysis, model };
    let mut articles = Vec::new();
    let mut placed_regional: Vec<*const Section> = Vec::new();
    let mut own = false;
    // the file's own sections: a linked document is published from its own file
    for section in model.own_sections() {
        if is_context(section) {
            articles.push(b.article(section, None));
            continue;
        }
        if section_document(section) == Some(kind) {
            own = true;
            articles.push(b.article(section, None));
        }
        // the regional sections this section uses, right after it
        for (_, used) in b.used_regional(section) {
            if section_document(used) == Some(kind)
                && !placed_regional.contains(&(used as *const _))
            {
                placed_regional.push(used as *const _);
                own = true;
                articles.push(b.article(used, b.regional_origin()));
            }
        }
    }
    // regional sections no section of the reglement refers to; not the
    // frame's wegingskader when the reglement ranks with its own (within the
    // room the frame leaves, R0253): one document, one wegingskader
    let own_frame = model
        .used_wegingskader()
        .is_some_and(|(f, _, _)| Some(f) != model.regio);
    if let Some(regio) = model.regio {
        for (file, section) in model.sections() {
            // nor the frame's pillar-3 groups when the reglement defines
            // each of them itself (R0260, R0261): one group, one text
            let own_groups: Vec<&str> = model
                .own_pillar3_groups()
                .into_iter()
                .map(|(_, g)| g.code.value.as_str())
                .collect();
            let own_p2: Vec<&str> = model
                .own_pillar2_groups()
                .into_iter()
                .map(|g| g.code.value.as_str())
                .collect();
            let replaced = match &section.body {
                SectionBody::Wegingskader(_) => own_frame,
                SectionBody::Versneld(v) => v
                    .groups
                    .iter()
                    .all(|g| own_p2.contains(&g.code.value.as_str())),
                SectionBody::Doelgroepen(d) => d
                    .groups
                    .iter()
                    .all(|g| own_groups.contains(&g.code.value.as_str())),
                _ => false,
            };
            if file == regio
                && !replaced
                && section_document(section) == Some(kind)
                && !placed_regional.contains(&(section as *const _))
            {
                own = true;
                articles.push(b.article(section, b.regional_origin()));
            }
        }
    }
    // a document without any section of its own has no context either
    if !own {
        articles.clear();
    } else if let Some(a) = b.approval(kind) {
        articles.push(a);
    }
    if let Some(annex) = terms_annex(model, &articles) {
        articles.push(annex);
    }
    Document {
        kind,
        header: b.header(kind),
        articles,
    }
}

/// The annex "Begrippen": every term of the begrippenlijst (the frame's and
/// the reglement's own) that the document's text uses, in the order of the
/// list, with its definition and source.
fn terms_annex(model: &Model, articles: &[Article]) -> Option<Article> {
    fn collect(a: &Article, out: &mut String) {
        out.push_str(&a.title);
        out.push('\n');
        for b in &a.blocks {
            match b {
                Block::Paragraph(t) | Block::Motivation(t) => out.push_str(t),
                Block::List(l) | Block::Ordered(l) => out.push_str(&l.join("\n")),
                Block::Table(t) => {
                    out.push_str(&t.head.join(" "));
                    for r in t.rows.iter().chain(&t.foot) {
                        match r {
                            super::document::Row::Cells(c) => out.push_str(&c.join(" ")),
                            super::document::Row::Group(g) => out.push_str(g),
                        }
                        out.push('\n');
                    }
                }
                Block::Sub(s) => collect(s, out),
            }
            out.push('\n');
        }
    }
    let mut text = String::new();
    for a in articles {
        collect(a, &mut text);
    }
    let text = text.to_lowercase();
    let uses = |name: &str| {
        let name = name.to_lowercase();
        !name.is_empty()
            && text.match_indices(&name).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + name.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
    };
    let mut seen: Vec<String> = Vec::new();
    let mut items = Vec::new();
    for t in model.terms() {
        let key = t.name.value.to_lowercase();
        if seen.contains(&key) || !uses(&t.name.value) {
            continue;
        }
        seen.push(key);
        items.push(term_item(t));
    }
    if items.is_empty() {
        return None;
    }
    Some(Article {
        number: None,
        title: "Bijlage: begrippen".to_string(),
        origin: None,
        blocks: vec![
            Block::Paragraph(
                "De begrippen die dit document gebruikt, zoals de begrippenlijst ze omschrijft."
                    .to_string(),
            ),
            Block::List(items),
        ],
    })
}

/// The sections of one reglement that belong to no document at all (and
/// are not context): they appear in none of the rendered documents.
pub fn unplaced(model: &Model) -> Vec<&Section> {
    model
        .sections()
        .map(|(_, s)| s)
        .filter(|s| {
            !is_context(s)
                && !matches!(
                    s.body,
                    SectionBody::Reglement(_) | SectionBody::Regio(_) | SectionBody::Test(_)
                )
                && section_document(s).is_none()
        })
        .collect()
}

struct Builder<'a> {
    analysis: &'a Analysis,
    model: &'a Model,
}

impl<'a> Builder<'a> {
    fn header(&self, kind: DocumentKind) -> Header {
        let identity = self.model.identity();
        let id = identity.map(|(_, id)| id);
        let first = |list: &[Text]| list.first().map(|t| t.value.clone());
        let regio = self.model.regio.and_then(|file| {
            let (section, r) = self.model.sections().find_map(|(f, s)| match &s.body {
                SectionBody::Regio(r) if f == file => Some((s, r)),
                _ => None,
            })?;
            Some(RegioInfo {
                titel: section
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
                versie: first(&r.versie),
                bestand: id.and_then(|i| first(&i.regio)).unwrap_or_default(),
                woonmaatschappijen: r
                    .woonmaatschappijen
                    .iter()
                    .map(|w| w.value.clone())
                    .collect(),
                bron_hash: self.analysis.sources.file_hash(file),
                aanneming: r.adoptions.iter().map(adoption_item).collect(),
            })
        });
        Header {
            document_title: document_title(kind),
            reglement_title: identity.and_then(|(s, _)| s.title.as_ref().map(|t| t.value.clone())),
            woonmaatschappij: id
                .and_then(|i| first(&i.woonmaatschappij))
                .unwrap_or_default(),
            afkorting: id.and_then(|i| i.afkorting.as_ref().map(|a| a.value.clone())),
            toewijzingsraad: id.and_then(|i| first(&i.toewijzingsraad)),
            versie: id.and_then(|i| first(&i.versie)),
            geldig_vanaf: id.and_then(|i| i.geldig.first().map(|g| g.from.value)),
            geldig_tot: id.and_then(|i| {
                i.geldig
                    .first()
                    .and_then(|g| g.until.as_ref().map(|u| u.value))
            }),
            status: id.and_then(|i| i.status.first().map(|s| s.value)),
            bron_hash: self.analysis.sources.content_hash(),
            vastgesteld_door: adopted_by(kind, &self.model.area_noun()),
            regio,
            // a reglement for a deelwerkingsgebied says so in its header
            gebied: self.model.werkingsgebied().and_then(|(s, w)| {
                w.deelgebied?;
                let name = s.title.as_ref()?.value.clone();
                Some(match w.parent.first() {
                    Some(p) => {
                        format!(
                            "deelwerkingsgebied {name} (van het werkingsgebied {})",
                            p.value
                        )
                    }
                    None => format!("deelwerkingsgebied {name}"),
                })
            }),
            samen_met: self
                .model
                .linked
                .iter()
                .map(|(k, f)| {
                    let named = id
                        .and_then(|i| {
                            i.uses
                                .iter()
                                .find(|u| u.kind.value == *k)
                                .map(|u| u.file.value.clone())
                        })
                        .unwrap_or_else(|| self.analysis.sources.get(*f).name.clone());
                    format!(
                        "{}: {named} ({})",
                        nl::capitalize(k.label()),
                        self.analysis.sources.file_hash(*f)
                    )
                })
                .collect(),
        }
    }

    /// The article on how the document came about: the meetings of the
    /// toewijzingsraad, each gemeenteraad's decision (amended or not) and
    /// the annexed notes of the `reglement` section; `None` when the source
    /// says none of these.
    fn approval(&self, kind: DocumentKind) -> Option<Article> {
        let (hs, id) = self.model.identity()?;
        let mut blocks = Vec::new();
        if kind == DocumentKind::Toewijzingsreglement {
            for m in &id.meetings {
                let dates: Vec<String> = m.value.iter().map(|d| nl::date(d.value)).collect();
                blocks.push(Block::Paragraph(format!(
                    "Besproken in de toewijzingsraad op {}.",
                    nl::and_list(&dates)
                )));
            }
            if !id.decisions.is_empty() {
                let mut t = Table::new(
                    &[
                        "Gemeente",
                        "Beslissing van de gemeenteraad",
                        "Amendement",
                        "Opmerking",
                    ],
                    &[false, false, false, false],
                )
                .caption("Beslissingen van de gemeenteraden");
                for d in &id.decisions {
                    t.row(vec![
                        d.gemeente.value.clone(),
                        nl::date(d.date.value),
                        if d.amended {
                            "met amendement".to_string()
                        } else {
                            "zonder amendement".to_string()
                        },
                        d.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                    ]);
                }
                blocks.push(Block::Table(t));
                let decided: Vec<&str> = id
                    .decisions
                    .iter()
                    .map(|d| d.gemeente.value.as_str())
                    .collect();
                let lacking: Vec<String> = self
                    .model
                    .gemeenten()
                    .iter()
                    .map(|g| g.name.value.clone())
                    .filter(|g| !decided.contains(&g.as_str()))
                    .collect();
                if !lacking.is_empty() {
                    blocks.push(Block::Paragraph(format!(
                        "Nog geen beslissing vermeld van {}.",
                        nl::and_list(&lacking)
                    )));
                }
            }
        }
        for a in &hs.annexes {
            blocks.push(Block::Paragraph(format!("Bijlage: {}.", a.value)));
        }
        if blocks.is_empty() {
            return None;
        }
        Some(Article {
            number: None,
            title: "Totstandkoming".to_string(),
            origin: None,
            blocks,
        })
    }

    fn regional_origin(&self) -> Option<String> {
        let file = self.model.regio?;
        let (section, r) = self.model.sections().find_map(|(f, s)| match &s.body {
            SectionBody::Regio(r) if f == file => Some((s, r)),
            _ => None,
        })?;
        let title = section
            .title
            .as_ref()
            .map(|t| t.value.as_str())
            .unwrap_or("");
        Some(match r.versie.first() {
            Some(v) => format!("Regionaal kader {title}, versie {}", v.value),
            None => format!("Regionaal kader {title}"),
        })
    }

    /// The sections of the regional file a section of the reglement uses.
    fn used_regional(&self, section: &Section) -> Vec<(FileId, &'a Section)> {
        let Some(regio) = self.model.regio else {
            return Vec::new();
        };
        let names: Vec<(&str, bool)> = match &section.body {
            SectionBody::Versneld(v) => v
                .wegingskader
                .iter()
                .map(|n| (n.value.as_str(), true))
                .collect(),
            SectionBody::Doelgroepen(d) => d
                .verdeelsleutel
                .iter()
                .map(|n| (n.value.as_str(), false))
                .collect(),
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for (name, frame) in names {
            for (file, s) in self.model.sections() {
                if file != regio {
                    continue;
                }
                let hit = match &s.body {
                    SectionBody::Wegingskader(w) => frame && w.name.value == name,
                    SectionBody::Verdeelsleutel(v) => !frame && v.name.value == name,
                    _ => false,
                };
                if hit {
                    out.push((file, s));
                }
            }
        }
        // the frame's shared pillar-2 groups (issue 16) right after the
        // versnelde toewijzing that uses them, unless it defines each itself
        if let SectionBody::Versneld(_) = &section.body {
            let own: Vec<&str> = self
                .model
                .own_pillar2_groups()
                .into_iter()
                .map(|g| g.code.value.as_str())
                .collect();
            for (s, v) in self.model.frame_versneld() {
                if !v
                    .groups
                    .iter()
                    .all(|g| own.contains(&g.code.value.as_str()))
                {
                    out.push((regio, s));
                }
            }
        }
        out
    }

    fn article(&self, section: &Section, origin: Option<String>) -> Article {
        let default_title = match &section.body {
            SectionBody::Gemeente(g) => format!("Gemeente {}", g.gemeente.value),
            SectionBody::Wegingskader(w) => format!("Wegingskader {}", w.name.value),
            SectionBody::Verdeelsleutel(v) => format!("Verdeelsleutel {}", v.name.value),
            other => nl::capitalize(other.kind().keyword()),
        };
        let mut blocks = Vec::new();
        for d in &section.descriptions {
            blocks.push(Block::Paragraph(d.value.clone()));
        }
        match &section.body {
            SectionBody::Werkingsgebied(w) => self.werkingsgebied(w, &mut blocks),
            SectionBody::Historiek(h) => self.historiek(h, &mut blocks),
            SectionBody::Evaluatie(e) => self.evaluatie(e, &mut blocks),
            SectionBody::Standaard(s) => self.standaard(s, &mut blocks),
            SectionBody::Versneld(v) => self.versneld(v, &mut blocks),
            SectionBody::Wegingskader(w) => self.wegingskader(w, &mut blocks),
            SectionBody::Doelgroepen(d) => self.doelgroepen(d, &mut blocks),
            SectionBody::Verdeelsleutel(v) => self.verdeelsleutel(v, &mut blocks),
            SectionBody::Bijzonder(b) => self.bijzonder(b, &mut blocks),
            SectionBody::Bezetting(b) => self.bezetting(b, &mut blocks),
            SectionBody::Gemeente(g) => self.gemeente(g, &mut blocks),
            SectionBody::Reglement(_)
            | SectionBody::Regio(_)
            | SectionBody::Amendement(_)
            | SectionBody::Test(_) => {}
        }
        readings(section, &mut blocks);
        for m in &section.motivations {
            blocks.push(Block::Motivation(m.value.clone()));
        }
        for a in &section.annexes {
            blocks.push(Block::Paragraph(format!("Bijlage: {}.", a.value)));
        }
        let title = match (&section.body, &section.title) {
            (SectionBody::Werkingsgebied(w), Some(t)) if w.deelgebied.is_some() => {
                format!("Deelwerkingsgebied {}", t.value)
            }
            (SectionBody::Werkingsgebied(_), Some(t)) => format!("Werkingsgebied {}", t.value),
            (_, Some(t)) => t.value.clone(),
            (_, None) => default_title,
        };
        Article {
            number: section.article.as_ref().map(|a| a.value.clone()),
            title,
            origin,
            blocks,
        }
    }

    // ------------------------------------------------------------ names

    fn pillar4_title(&self, code: &str) -> String {
        self.model
            .bijzonder()
            .and_then(|(_, b)| b.kinds.iter().find(|k| k.code.value == code))
            .and_then(|k| k.title.as_ref().map(|t| t.value.clone()))
            .unwrap_or_else(|| code.to_string())
    }

    fn pillar3_title(&self, code: &str) -> String {
        self.model
            .pillar3_groups()
            .into_iter()
            .find(|(_, g)| g.code.value == code)
            .and_then(|(_, g)| g.title.as_ref().map(|t| t.value.clone()))
            .unwrap_or_else(|| code.to_string())
    }

    fn criterion_title(&self, frame: &Wegingskader, code: &str) -> String {
        frame
            .criteria
            .iter()
            .find(|c| c.code.value == code)
            .and_then(|c| c.title.as_ref().map(|t| t.value.clone()))
            .unwrap_or_else(|| code.to_string())
    }

    /// A woonnood situation with its description from the weighting frame.
    fn situation(&self, code: &str) -> String {
        let describe = |w: &Wegingskader| {
            w.criteria
                .iter()
                .flat_map(|c| &c.situations)
                .find(|r| r.code.value == code)
                .and_then(|r| r.description.as_ref().map(|d| d.value.clone()))
        };
        // a regional file on its own (its shared pillar-2 groups, issue 16)
        // uses no wegingskader: the one it holds describes the situations
        let described = match self.model.used_wegingskader() {
            Some((_, _, w)) => describe(w),
            None => {
                let mut all = self.model.wegingskaders().map(|(_, _, w)| w);
                match (all.next(), all.next()) {
                    (Some(w), None) => describe(w),
                    _ => None,
                }
            }
        };
        match described {
            Some(d) => format!("{code}: {d}"),
            None => code.to_string(),
        }
    }

    /// The rule as written: "minstens 6 jaar ononderbroken in de laatste 10
    /// jaar", or without "ononderbroken" when the drafter did not write it.
    fn binding_rule(&self, rule: Option<&BindingRule>) -> String {
        let (years, window, uninterrupted) = match rule {
            Some(r) => (r.years.value, r.window.value, r.uninterrupted),
            None => (
                self.model.params.woonbinding_years,
                self.model.params.woonbinding_window,
                true,
            ),
        };
        if uninterrupted {
            format!("minstens {years} jaar ononderbroken in de laatste {window} jaar")
        } else {
            format!("minstens {years} jaar in de laatste {window} jaar (samengeteld, niet noodzakelijk ononderbroken)")
        }
    }

    /// "in het deelwerkingsgebied Zuid", "in het werkingsgebied": where a
    /// woonbinding on an area counts, as the law names that area.
    fn scope_place(&self, scope: &BindingScope) -> String {
        match scope {
            BindingScope::Gemeente => "de gemeente".to_string(),
            BindingScope::Werkingsgebied => self.model.area_noun(),
            BindingScope::Deelwerkingsgebied(n) => match self.model.deelgebied(&n.value) {
                Some((name, _)) => format!("het deelwerkingsgebied {name}"),
                None => format!("het deelwerkingsgebied {}", n.value),
            },
        }
    }

    /// `geen strengere woonbinding`, with its reasons.
    fn no_stricter(&self, who: &str, n: &NoStricter, blocks: &mut Vec<Block>) {
        blocks.push(Block::Paragraph(format!(
            "{who} kiest geen strengere woonbinding."
        )));
        for d in &n.descriptions {
            blocks.push(Block::Paragraph(d.value.clone()));
        }
        for m in &n.motivations {
            blocks.push(Block::Motivation(m.value.clone()));
        }
        for a in &n.annexes {
            blocks.push(Block::Paragraph(format!("Bijlage: {}.", a.value)));
        }
    }

    fn share(share: &Share) -> String {
        let bound = match share.bound {
            Bound::Minimaal => "minimaal ",
            Bound::Maximaal => "maximaal ",
            Bound::Exact => "",
        };
        format!("{bound}{}", nl::percent(share.percent.value))
    }

    fn consensus(&self, c: &Consensus, blocks: &mut Vec<Block>) {
        if c.pending {
            blocks.push(Block::Paragraph(
                "Deze voorrang geldt mits consensus van alle gemeenten van het gebied; die consensus wordt nog verzameld.".to_string(),
            ));
            return;
        }
        if let Some(r) = &c.raad {
            let note = r
                .note
                .as_ref()
                .map(|n| format!(" ({})", n.value))
                .unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "Consensus van alle gemeenten, vastgelegd door de toewijzingsraad op {}{note}.",
                nl::date(r.date.value)
            )));
            return;
        }
        let mut t = Table::new(
            &["Gemeente", "Beslissing", "Opmerking"],
            &[false, false, false],
        )
        .caption("Consensus van de gemeenten");
        for r in &c.rows {
            t.row(vec![
                r.gemeente.value.clone(),
                nl::date(r.date.value),
                r.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
            ]);
        }
        blocks.push(Block::Table(t));
    }

    // ------------------------------------------------------------ sections

    fn werkingsgebied(&self, w: &Werkingsgebied, blocks: &mut Vec<Block>) {
        if w.deelgebied.is_some() {
            if let Some(p) = w.parent.first() {
                blocks.push(Block::Paragraph(format!(
                    "Een deelwerkingsgebied van het werkingsgebied {}, met een eigen toewijzingsraad.",
                    p.value
                )));
            }
        }
        // gemeenten named without their patrimony (which the woonmaatschappij states)
        if w.gemeenten.iter().all(|g| !g.stated) {
            let names: Vec<String> = w.gemeenten.iter().map(|g| g.name.value.clone()).collect();
            blocks.push(Block::Paragraph(format!(
                "{} omvat {}: {}.",
                nl::capitalize(&self.model.area_noun()),
                if names.len() == 1 {
                    "1 gemeente".to_string()
                } else {
                    format!("{} gemeenten", names.len())
                },
                nl::and_list(&names)
            )));
            for d in &w.deelgebieden {
                let names: Vec<String> = d.gemeenten.iter().map(|g| g.value.clone()).collect();
                blocks.push(Block::Paragraph(format!(
                    "Deelwerkingsgebied {}: {}.",
                    d.name.value,
                    nl::and_list(&names)
                )));
            }
            return;
        }
        let mut t = Table::new(&["Gemeente", "Sociale huurwoningen"], &[false, true])
            .caption("Patrimonium per gemeente");
        for g in &w.gemeenten {
            let n = if g.stated {
                nl::thousands(g.woningen.value)
            } else {
                "niet vermeld".to_string()
            };
            t.row(vec![g.name.value.clone(), n]);
        }
        match w.totaal.first() {
            Some(total) => t.total(vec!["Totaal".into(), nl::thousands(total.value)]),
            None => t.total(vec![
                "Totaal".into(),
                nl::thousands(w.gemeenten.iter().map(|g| g.woningen.value).sum()),
            ]),
        }
        blocks.push(Block::Table(t));
        for d in &w.deelgebieden {
            let names: Vec<String> = d.gemeenten.iter().map(|g| g.value.clone()).collect();
            blocks.push(Block::Paragraph(format!(
                "Deelwerkingsgebied {}: {}.",
                d.name.value,
                nl::and_list(&names)
            )));
        }
    }

    fn evaluatie(&self, e: &crate::syntax::ast::Evaluatie, blocks: &mut Vec<Block>) {
        if !e.indicators.is_empty() {
            let mut t = Table::new(&["Indicator", "Doel", "Periode"], &[false, false, false])
                .caption("Indicatoren en doelen");
            for i in &e.indicators {
                t.row(vec![
                    crate::syntax::ast::indicator_name(i.kind.value),
                    crate::syntax::ast::target_text(i),
                    format!("per {} maanden", i.months.value),
                ]);
            }
            blocks.push(Block::Table(t));
        }
        for r in &e.evaluators {
            blocks.push(Block::Paragraph(format!(
                "{} evalueert elke {} maanden.",
                nl::capitalize(r.who.value.label()),
                r.months.value
            )));
        }
    }

    fn historiek(&self, h: &Historiek, blocks: &mut Vec<Block>) {
        let mut kinds: Vec<&str> = Vec::new();
        for row in &h.rows {
            for (_, k) in &row.excluded {
                if !kinds.contains(&k.value.as_str()) {
                    kinds.push(&k.value);
                }
            }
        }
        let mut head: Vec<String> = vec!["Jaar".into(), "Toewijzingen".into()];
        head.extend(
            kinds
                .iter()
                .map(|k| format!("waarvan {}", self.pillar4_title(k))),
        );
        let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
        let numeric = vec![false; 1]
            .into_iter()
            .chain(std::iter::repeat_n(true, head.len() - 1))
            .collect::<Vec<_>>();
        let mut t = Table::new(&head_refs, &numeric).caption("Toewijzingen per jaar");
        for row in &h.rows {
            let mut cells = vec![
                row.year.value.to_string(),
                nl::thousands(row.allocations.value),
            ];
            for k in &kinds {
                let n: u64 = row
                    .excluded
                    .iter()
                    .filter(|(_, kind)| kind.value == *k)
                    .map(|(n, _)| n.value)
                    .sum();
                cells.push(nl::thousands(n));
            }
            t.row(cells);
        }
        blocks.push(Block::Table(t));
        if let Some(base) = self.model.pillar2_base() {
            let (first, last) = (
                base.years.first().copied().unwrap_or_default(),
                base.years.last().copied().unwrap_or_default(),
            );
            let share = self
                .model
                .versneld()
                .and_then(|(_, v)| v.aandeel.first())
                .map_or(self.model.params.pillar2_share, |a| a.percent.value);
            blocks.push(Block::Paragraph(format!(
                "Basis voor de versnelde toewijzing: {} toewijzingen in {first}–{last}, waarvan {} niet meegeteld (pijler 4); gemiddeld {} toewijzingen per jaar. {} daarvan is {} toewijzingen per jaar.",
                nl::thousands(base.allocations),
                nl::thousands(base.excluded),
                nl::decimal(base.average),
                nl::percent(share),
                nl::decimal(base.pillar2_per_year),
            )));
        }
    }

    fn standaard(&self, s: &Standaard, blocks: &mut Vec<Block>) {
        for a in &s.aandeel {
            blocks.push(Block::Paragraph(format!(
                "Aandeel in de toewijzingen: {}.",
                Self::share(a)
            )));
        }
        for r in &s.rangorde {
            blocks.push(Block::Paragraph(
                "Kandidaten worden gerangschikt in deze volgorde; wie in een hogere trap valt, gaat voor:".into(),
            ));
            let mut items = Vec::new();
            let mut consensus = Vec::new();
            for tier in &r.tiers {
                let mut text = match &tier.kind {
                    TierKind::Strenger => {
                        "de strengere woonbinding van de gemeente van de woning, als die gemeente er een koos".to_string()
                    }
                    TierKind::Woonbinding { scope, rule, consensus: c } => {
                        if let Some(c) = c {
                            consensus.push(c);
                        }
                        let place = match &scope.value {
                            BindingScope::Gemeente => "in de gemeente van de woning".to_string(),
                            other => format!("in {}", self.scope_place(other)),
                        };
                        format!("woonbinding: {} {place}", self.binding_rule(rule.as_ref()))
                    }
                    TierKind::Mantelzorg => {
                        "mantelzorg gegeven aan of ontvangen van iemand die in de gemeente woont".to_string()
                    }
                    TierKind::Chronologie => {
                        "de datum van inschrijving in het centraal inschrijvingsregister (vroegste eerst)".to_string()
                    }
                };
                if let Some(m) = &tier.motivation {
                    text.push_str(&format!(" (motivering: {})", m.value));
                }
                items.push(nl::capitalize(&text));
            }
            blocks.push(Block::Ordered(items));
            for c in consensus {
                self.consensus(c, blocks);
            }
        }
        for l in &s.lokale_binding {
            blocks.push(Block::Paragraph(lokale_binding(l.value)));
        }
        for n in &s.no_stricter {
            self.no_stricter("De toewijzingsraad", n, blocks);
        }
    }

    fn versneld(&self, v: &Versneld, blocks: &mut Vec<Block>) {
        for a in &v.aandeel {
            blocks.push(Block::Paragraph(format!(
                "Aandeel in de toewijzingen per jaar: {}.",
                Self::share(a)
            )));
        }
        for b in &v.basis {
            let without: Vec<String> = b
                .without
                .iter()
                .map(|k| self.pillar4_title(&k.value).to_lowercase())
                .collect();
            let mut text = format!(
                "Basis: het gemiddelde aantal toewijzingen van de {} vorige jaren",
                b.years.value
            );
            if !without.is_empty() {
                text.push_str(&format!(", zonder {}", nl::and_list(&without)));
            }
            text.push('.');
            if let Some(base) = self.model.pillar2_base() {
                text.push_str(&format!(
                    " Dat is {} toewijzingen per jaar; de versnelde toewijzing is er {} van.",
                    nl::decimal(base.average),
                    nl::decimal(base.pillar2_per_year)
                ));
            }
            blocks.push(Block::Paragraph(text));
        }
        for w in &v.wegingskader {
            let at = self
                .model
                .wegingskader(&w.value)
                .and_then(|(_, s, _)| {
                    s.article
                        .as_ref()
                        .map(|a| format!(" (artikel {})", a.value))
                })
                .unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "De kandidaten worden gerangschikt volgens het wegingskader {}{at}.",
                w.value
            )));
        }
        for d in &v.verdeling {
            blocks.push(Block::Paragraph(match d.value {
                Verdeling::Gezamenlijk => {
                    "Verdeling: één gezamenlijke rangschikking voor alle doelgroepen.".to_string()
                }
                Verdeling::PerDoelgroep => {
                    "Verdeling: per doelgroep, volgens het aandeel van elke doelgroep.".to_string()
                }
            }));
        }
        for l in &v.lokale_binding {
            blocks.push(Block::Paragraph(lokale_binding(l.value)));
        }
        if !v.knipperlicht.is_empty() {
            blocks.push(Block::Paragraph(
                "Knipperlicht: aan een kandidaat bij wie een knipperlicht is vastgesteld (ernstige aanwijzingen dat zelfstandig wonen nu niet haalbaar is) wordt een woning in de versnelde toewijzing enkel toegewezen als er een begeleidingsovereenkomst is; zonder begeleidingsovereenkomst wordt de kandidaat overgeslagen.".to_string(),
            ));
        }
        for sv in &v.sociaal_verslag {
            blocks.push(Block::Paragraph(format!(
                "Sociaal verslag: een kandidaat in een situatie die geen punten krijgt, wordt in de versnelde toewijzing enkel toegelaten met een gemotiveerd sociaal verslag, goedgekeurd door de woonmaatschappij; de toelating gebeurt niet met punten, de drempel geldt niet. Hij komt {}; onderling gaat de vroegste inschrijvingsdatum voor.",
                match sv.value {
                    VerslagPlaats::Vooraan => "vooraan, voor de kandidaten met punten",
                    VerslagPlaats::Achteraan => "achteraan, na de kandidaten met punten",
                }
            )));
        }
        for g in &v.groups {
            let mut sub = Vec::new();
            for d in &g.descriptions {
                sub.push(Block::Paragraph(d.value.clone()));
            }
            for lg in &g.legal_group {
                let name = self
                    .model
                    .params
                    .pillar2_group(&lg.value)
                    .map(|p| p.name.to_string())
                    .unwrap_or_else(|| lg.value.clone());
                sub.push(Block::Paragraph(format!("Wettelijke doelgroep: {name}.")));
            }
            for a in &g.aandeel {
                sub.push(Block::Paragraph(format!(
                    "Aandeel binnen de versnelde toewijzing: {}.",
                    Self::share(a)
                )));
            }
            if !g.situations.is_empty() {
                sub.push(Block::Paragraph("Situaties van actuele woonnood:".into()));
                sub.push(Block::List(
                    g.situations
                        .iter()
                        .map(|s| self.situation(&s.value))
                        .collect(),
                ));
            }
            for c in &g.conditions {
                sub.push(Block::Paragraph(format!("Voorwaarde: {}.", c.value)));
            }
            for m in &g.motivations {
                sub.push(Block::Motivation(m.value.clone()));
            }
            blocks.push(Block::Sub(Article {
                number: None,
                title: g
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_else(|| g.code.value.clone()),
                origin: None,
                blocks: sub,
            }));
        }
    }

    fn wegingskader(&self, w: &Wegingskader, blocks: &mut Vec<Block>) {
        let valid_from = self
            .model
            .valid_from()
            .unwrap_or(self.model.params.applies_from);
        for c in &w.criteria {
            let mut sub = Vec::new();
            for d in &c.descriptions {
                sub.push(Block::Paragraph(d.value.clone()));
            }
            match c.shape() {
                TableShape::Bedragen => self.bracket_table(c, valid_from, &mut sub),
                TableShape::Aantallen => self.count_table(c, &mut sub),
                _ => self.code_table(c, &mut sub),
            }
            for m in &c.motivations {
                sub.push(Block::Motivation(m.value.clone()));
            }
            blocks.push(Block::Sub(Article {
                number: c.article.as_ref().map(|a| a.value.clone()),
                title: c
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_else(|| c.code.value.clone()),
                origin: None,
                blocks: sub,
            }));
        }
        for t in &w.thresholds {
            let what = match &t.scope {
                ThresholdScope::Criteria(list) => {
                    let names: Vec<String> = list
                        .iter()
                        .map(|n| self.criterion_title(w, &n.value).to_lowercase())
                        .collect();
                    let each = if list.len() > 1 { "elk van " } else { "" };
                    format!(
                        "minimaal {} op {each}{}",
                        nl::points(t.minimum.value),
                        nl::and_list(&names)
                    )
                }
                ThresholdScope::Total => {
                    format!("minimaal {} in totaal", nl::points(t.minimum.value))
                }
            };
            let at = t
                .article
                .as_ref()
                .map(|a| format!("Drempel (artikel {})", a.value))
                .unwrap_or_else(|| "Drempel".into());
            blocks.push(Block::Paragraph(format!(
                "{at}: een kandidaat komt enkel in aanmerking met {what}."
            )));
        }
        for tb in &w.tiebreaks {
            let order: Vec<String> = tb
                .value
                .iter()
                .map(|t| match &t.value {
                    TieBreak::Inschrijvingsdatum => {
                        "de vroegste inschrijvingsdatum in het centraal inschrijvingsregister"
                            .to_string()
                    }
                    TieBreak::MostPoints(c) => format!(
                        "de meeste punten op {}",
                        self.criterion_title(w, &c.value).to_lowercase()
                    ),
                })
                .collect();
            blocks.push(Block::Paragraph(format!(
                "Bij gelijke punten gaat voor: {}.",
                nl::and_list(&order)
            )));
        }
        blocks.push(Block::Paragraph(format!(
            "Een kandidaat kan hoogstens {} behalen.",
            nl::points(w.max_total())
        )));
        for l in &w.lokale_binding {
            blocks.push(Block::Paragraph(lokale_binding(l.value)));
        }
    }

    fn code_table(&self, c: &Criterion, blocks: &mut Vec<Block>) {
        let mut t = Table::new(&["Code", "Omschrijving", "Punten"], &[false, false, true]);
        let mut group: Option<&str> = None;
        for r in &c.situations {
            let g = r.group.as_ref().map(|g| g.value.as_str());
            if g != group {
                if let Some(label) = g {
                    t.group(label);
                }
                group = g;
            }
            let mut description = r
                .description
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default();
            let points = match (r.points.value, &r.points.note) {
                (Some(p), _) => p.to_string(),
                (None, note) => {
                    if let Some(n) = note {
                        description = format!("{description} — {}", n.value);
                    }
                    "geen".to_string()
                }
            };
            t.row(vec![r.code.value.clone(), description, points]);
        }
        if let Some((p, _)) = c.otherwise.first() {
            t.total(vec![
                "anders".into(),
                "geen van de situaties hierboven".into(),
                p.value.unwrap_or(0).to_string(),
            ]);
        }
        blocks.push(Block::Table(t));
    }

    fn bracket_table(&self, c: &Criterion, valid_from: chrono::NaiveDate, blocks: &mut Vec<Block>) {
        let mut t = Table::new(
            &[
                "Gezinstype",
                "Categorie",
                "Inkomen per maand tot en met",
                "Punten",
            ],
            &[false, true, true, true],
        );
        for r in &c.brackets {
            let ceiling = c
                .ceiling_on(r, valid_from)
                .map(nl::euro)
                .unwrap_or_else(|| "onbekend".into());
            let ceiling = match &r.ceiling.leefloon_plus {
                Some(plus) => format!("{ceiling} (leefloon + {})", nl::euro(plus.value)),
                None => ceiling,
            };
            t.row(vec![
                r.household.value.label().to_string(),
                r.category.value.to_string(),
                ceiling,
                r.points.value.unwrap_or(0).to_string(),
            ]);
        }
        let otherwise = c.otherwise.first().and_then(|(p, _)| p.value).unwrap_or(0);
        t.total(vec![
            "hoger inkomen".into(),
            String::new(),
            String::new(),
            otherwise.to_string(),
        ]);
        blocks.push(Block::Table(t));
        if !c.leefloon.is_empty() {
            let mut l = Table::new(
                &["Leefloon vanaf", "Alleenstaande", "Gezin"],
                &[false, true, true],
            )
            .caption("Leefloon per maand");
            for stmt in &c.leefloon {
                let of = |h: Household| {
                    stmt.amounts
                        .iter()
                        .find(|(x, _)| x.value == h)
                        .map(|(_, a)| nl::euro(a.value))
                        .unwrap_or_default()
                };
                l.row(vec![
                    nl::date(stmt.from.value),
                    of(Household::Alleenstaande),
                    of(Household::Gezin),
                ]);
            }
            blocks.push(Block::Table(l));
        }
    }

    fn count_table(&self, c: &Criterion, blocks: &mut Vec<Block>) {
        let unit = match c.kenmerk() {
            Some(crate::model::Kenmerk::Kinderen) => "Kinderen",
            _ => "Aantal",
        };
        let mut t = Table::new(&[unit, "Punten"], &[true, true]);
        for r in &c.counts {
            let count = match r.upper {
                CountUpper::Exactly => r.from.value.to_string(),
                CountUpper::Upto(to) => format!("{} tot en met {to}", r.from.value),
                CountUpper::OrMore => format!("{} of meer", r.from.value),
            };
            t.row(vec![count, r.points.value.unwrap_or(0).to_string()]);
        }
        blocks.push(Block::Table(t));
    }

    fn p3_group(&self, g: &P3Group) -> Article {
        let mut sub = Vec::new();
        for c in &g.category {
            sub.push(Block::Paragraph(match &c.value {
                Category::Legal(n) => {
                    let name = self
                        .model
                        .params
                        .pillar3_group(&n.value)
                        .map(|p| p.name.to_string())
                        .unwrap_or_else(|| n.value.clone());
                    format!("Wettelijke doelgroep: {name}.")
                }
                Category::Local { review: true } => {
                    "Lokale doelgroep, met een doelgroepenplan en ministeriële toetsing."
                        .to_string()
                }
                Category::Local { review: false } => "Lokale doelgroep.".to_string(),
            }));
        }
        for d in &g.descriptions {
            sub.push(Block::Paragraph(d.value.clone()));
        }
        for a in &g.age {
            sub.push(Block::Paragraph(age_condition(a)));
        }
        for c in &g.conditions {
            sub.push(Block::Paragraph(format!("Voorwaarde: {}.", c.value)));
        }
        if let Some(o) = g.oldest_first.first() {
            sub.push(Block::Paragraph(
                "Voorrang binnen de doelgroep, in deze volgorde:".to_string(),
            ));
            sub.push(Block::Ordered(self.p3_order(g, o)));
        }
        for l in &g.dwellings {
            let names: Vec<String> = l.dwellings.iter().map(|d| d.value.clone()).collect();
            let place = l
                .gemeente
                .as_ref()
                .map(|n| format!(" in {}", n.value))
                .unwrap_or_default();
            sub.push(Block::Paragraph(format!(
                "Voorbehouden woningen{place} ({}):",
                names.len()
            )));
            sub.push(Block::List(names));
        }
        for f in &g.fallback {
            sub.push(Block::Paragraph(match &f.value {
                Fallback::Standaard => "Neemt geen kandidaat van de doelgroep een voorbehouden woning, dan wordt ze toegewezen volgens de standaardtoewijzing (pijler 1).".to_string(),
                Fallback::Doelgroep(n) => format!(
                    "Neemt geen kandidaat van de doelgroep een voorbehouden woning, dan wordt ze toegewezen aan de doelgroep {}.",
                    self.pillar3_title(&n.value)
                ),
                Fallback::BlijftVoorbehouden => "Neemt geen kandidaat van de doelgroep een voorbehouden woning, dan blijft ze voorbehouden voor de doelgroep.".to_string(),
            }));
        }
        for c in &g.capacity {
            let then = match c.then.as_ref().map(|t| &t.value) {
                Some(Fallback::Standaard) => {
                    "volgens de standaardtoewijzing (pijler 1)".to_string()
                }
                Some(Fallback::Doelgroep(n)) => {
                    format!("aan de doelgroep {}", self.pillar3_title(&n.value))
                }
                Some(Fallback::BlijftVoorbehouden) | None => {
                    "niet: ze blijft voorbehouden voor de doelgroep".to_string()
                }
            };
            sub.push(Block::Paragraph(format!(
                "Capaciteit: hoogstens {} toewijzingen per kalenderjaar aan de doelgroep. Is dat aantal bereikt, dan wordt een voorbehouden woning toegewezen {then}.",
                c.per_year.value
            )));
        }
        for gd in &g.guidance {
            sub.push(Block::Paragraph(guidance(gd)));
        }
        if !g.no_guidance.is_empty() {
            sub.push(Block::Paragraph(
                "Geen begeleidingsovereenkomst.".to_string(),
            ));
        }
        if !g.referrers.is_empty() {
            let names: Vec<String> = g.referrers.iter().map(|r| r.value.clone()).collect();
            sub.push(Block::Paragraph(format!(
                "Toegeleid door: {}.",
                nl::and_list(&names)
            )));
        }
        for m in &g.motivations {
            sub.push(Block::Motivation(m.value.clone()));
        }
        Article {
            number: None,
            title: g
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_else(|| g.code.value.clone()),
            origin: None,
            blocks: sub,
        }
    }

    /// The order within a group with `eerst de oudsten`, key by key: the
    /// age steps (as the plan computes them), lokale binding where it
    /// applies, the registration date.
    fn p3_order(&self, g: &P3Group, o: &OldestFirst) -> Vec<String> {
        let floor = g.age.first().map_or(18, |a| a.minimum.value);
        let steps = crate::plan::AgeSteps {
            vanaf: o.from.value,
            stap: o.step.as_ref().map(|s| s.value),
            ondergrens: floor.min(o.from.value),
        };
        let labels: Vec<String> = (0..steps.steps()).map(|k| steps.label(k)).collect();
        // "80 jaar of ouder, dan 75 tot en met 79 jaar, dan ..."
        let mut out = vec![format!(
            "de leeftijd, de oudsten eerst: {}",
            labels.join(", dan ")
        )];
        let binding = self
            .model
            .doelgroepen()
            .is_none_or(|(_, d)| d.lokale_binding.first().is_none_or(|l| l.value));
        if binding {
            out.push(
                "binnen dezelfde leeftijd: de lokale binding, zoals in de standaardtoewijzing"
                    .to_string(),
            );
        }
        out.push("de inschrijvingsdatum, de vroegste eerst".to_string());
        out
    }

    fn doelgroepen(&self, d: &Doelgroepen, blocks: &mut Vec<Block>) {
        for l in &d.lokale_binding {
            blocks.push(Block::Paragraph(lokale_binding(l.value)));
        }
        for gd in &d.guidance {
            blocks.push(Block::Paragraph(guidance(gd)));
        }
        if !d.no_guidance.is_empty() {
            blocks.push(Block::Paragraph(
                "Geen begeleidingsovereenkomst voor de specifieke doelgroepen.".to_string(),
            ));
        }
        if !d.referrers.is_empty() {
            let names: Vec<String> = d.referrers.iter().map(|r| r.value.clone()).collect();
            blocks.push(Block::Paragraph(format!(
                "Toegeleid door: {}.",
                nl::and_list(&names)
            )));
        }
        for g in &d.groups {
            blocks.push(Block::Sub(self.p3_group(g)));
        }
        for v in &d.verdeelsleutel {
            let at = self
                .model
                .verdeelsleutels()
                .find(|(_, _, k)| k.name.value == v.value)
                .and_then(|(_, s, _)| {
                    s.article
                        .as_ref()
                        .map(|a| format!(" (artikel {})", a.value))
                })
                .unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "Het aantal voorbehouden woningen volgt de regionale verdeelsleutel {}{at}.",
                v.value
            )));
        }
        let (num, den) = self.model.params.pillar3_max_fraction;
        // the existing reserved dwellings, where stated per gemeente, in
        // their own columns (issue 15.3)
        let per_gemeente = matches!(
            self.model.existing_reserved().map(|e| &e.kind),
            Some(ExistingKind::PerGemeente(_))
        );
        for table in &d.reserved {
            let mut head: Vec<String> = vec!["Gemeente".into(), "Woningen".into()];
            head.extend(table.columns.iter().map(|c| self.pillar3_title(&c.value)));
            if per_gemeente {
                head.extend(["Nieuw".into(), "Bestaand".into(), "Samen".into()]);
            } else {
                head.push("Voorbehouden".into());
            }
            head.push(format!("Hoogstens ({num}/{den})"));
            let refs: Vec<&str> = head.iter().map(String::as_str).collect();
            let mut numeric = vec![true; head.len()];
            numeric[0] = false;
            let mut t = Table::new(&refs, &numeric).caption("Voorbehouden woningen per gemeente");
            for r in self
                .model
                .reserved_rows()
                .into_iter()
                .filter(|r| table.rows.iter().any(|x| std::ptr::eq(x, r.row)))
            {
                let mut cells = vec![
                    r.row.name.value.clone(),
                    r.dwellings.map(nl::thousands).unwrap_or_default(),
                ];
                cells.extend(r.per_group.iter().map(|(_, n)| nl::thousands(*n)));
                cells.push(nl::thousands(r.total));
                if per_gemeente {
                    cells.push(nl::thousands(r.existing.unwrap_or(0)));
                    cells.push(nl::thousands(r.counted()));
                }
                cells.push(r.ceiling.map(nl::thousands).unwrap_or_default());
                t.row(cells);
            }
            for total in &table.totals {
                let mut cells = vec!["Totaal".to_string(), String::new()];
                cells.extend(total.values.iter().map(|v| nl::thousands(v.value)));
                cells.push(nl::thousands(total.values.iter().map(|v| v.value).sum()));
                if per_gemeente {
                    cells.extend([String::new(), String::new()]);
                }
                cells.push(String::new());
                t.total(cells);
            }
            blocks.push(Block::Table(t));
        }
        if let Some(w) = self.model.reserved_whole() {
            let existing = match &w.stmt.kind {
                ExistingKind::Share(p) => format!(
                    "{} van de {} sociale huurwoningen, of {} woningen",
                    nl::percent(p.value),
                    nl::thousands(w.dwellings),
                    nl::ten_thousandths(w.existing_e4)
                ),
                _ => format!("{} woningen", nl::ten_thousandths(w.existing_e4)),
            };
            blocks.push(Block::Paragraph(format!(
                "Bestaande voorbehouden woningen, voor doelgroepen van vroegere beslissingen: {existing}. Met de {} nieuwe voorbehouden woningen van dit reglement zijn samen {} van de {} sociale huurwoningen voorbehouden ({}); hoogstens {num}/{den} mag: {} woningen.",
                nl::thousands(w.new),
                nl::ten_thousandths(w.counted_e4()),
                nl::thousands(w.dwellings),
                nl::percent(w.share_counted() as i64),
                nl::thousands(w.ceiling)
            )));
        }
    }

    fn verdeelsleutel(&self, v: &Verdeelsleutel, blocks: &mut Vec<Block>) {
        let mut head: Vec<String> = vec!["Woonmaatschappij".into()];
        head.extend(v.table.columns.iter().map(|c| {
            if c.value == "woningen" {
                "Sociale huurwoningen".to_string()
            } else {
                self.pillar3_title(&c.value)
            }
        }));
        let refs: Vec<&str> = head.iter().map(String::as_str).collect();
        let mut numeric = vec![true; head.len()];
        numeric[0] = false;
        let mut t = Table::new(&refs, &numeric);
        for r in &v.table.rows {
            let name = match &r.outside_total {
                Some(_) => format!("{} (buiten het totaal)", r.name.value),
                None => r.name.value.clone(),
            };
            let mut cells = vec![name];
            cells.extend(r.values.iter().map(|x| nl::thousands(x.value)));
            t.row(cells);
        }
        for r in &v.table.totals {
            let mut cells = vec!["Totaal".to_string()];
            cells.extend(r.values.iter().map(|x| nl::thousands(x.value)));
            t.total(cells);
        }
        blocks.push(Block::Table(t));
        outside_total(&v.table, blocks);
    }

    fn bijzonder(&self, b: &Bijzonder, blocks: &mut Vec<Block>) {
        let mut t = Table::new(&["Soort", "Code", "Omschrijving"], &[false, false, false]);
        for k in &b.kinds {
            let soort = match k.tag {
                Pillar4Tag::BijzondereToewijzing => "bijzondere toewijzing",
                Pillar4Tag::InterneMutatie => "interne mutatie",
            };
            t.row(vec![
                soort.to_string(),
                k.code.value.clone(),
                k.title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
            ]);
        }
        blocks.push(Block::Table(t));
    }

    fn bezetting(&self, b: &Bezetting, blocks: &mut Vec<Block>) {
        let mut t = Table::new(&["Slaapkamers", "Personen"], &[true, true]);
        for r in &b.rows {
            let persons = if r.min_persons.value == r.max_persons.value {
                r.min_persons.value.to_string()
            } else {
                format!("{} tot en met {}", r.min_persons.value, r.max_persons.value)
            };
            t.row(vec![r.bedrooms.value.to_string(), persons]);
        }
        blocks.push(Block::Table(t));
    }

    fn gemeente(&self, g: &GemeenteSectie, blocks: &mut Vec<Block>) {
        for r in &g.stricter {
            blocks.push(Block::Paragraph(format!(
                "Strengere woonbinding: {} in de gemeente {}.",
                self.binding_rule(Some(r)),
                g.gemeente.value
            )));
        }
        for n in &g.no_stricter {
            self.no_stricter(&format!("De gemeente {}", g.gemeente.value), n, blocks);
        }
        for a in &g.applies_to {
            let names: Vec<String> = a.value.iter().map(|n| n.value.clone()).collect();
            blocks.push(Block::Paragraph(format!(
                "Deze regels gelden ook voor de woningen in {}.",
                nl::and_list(&names)
            )));
        }
        for tier in &g.area_bindings {
            if let TierKind::Woonbinding {
                scope,
                rule,
                consensus,
            } = &tier.kind
            {
                let place = self.scope_place(&scope.value);
                blocks.push(Block::Paragraph(format!(
                    "Woonbinding met {place} voor de woningen in {}: {}.",
                    g.gemeente.value,
                    self.binding_rule(rule.as_ref())
                )));
                if let Some(c) = consensus {
                    self.consensus(c, blocks);
                }
            }
        }
        for grp in &g.groups {
            blocks.push(Block::Sub(self.p3_group(grp)));
        }
        for c in &g.council {
            let note = c
                .note
                .as_ref()
                .map(|n| format!(": {}", n.value))
                .unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "Beslissing van de gemeenteraad van {} van {}{note}.",
                g.gemeente.value,
                nl::date(c.date.value)
            )));
        }
    }
}

fn lokale_binding(applies: bool) -> String {
    if applies {
        "De lokale binding geldt.".to_string()
    } else {
        "De lokale binding geldt niet.".to_string()
    }
}

/// "Leeftijd: minstens 65 jaar op de datum van toewijzing, bij een koppel
/// volstaat één partner." — the words the drafter wrote.
fn age_condition(a: &AgeCondition) -> String {
    let when = if a.at_allocation {
        " op de datum van toewijzing"
    } else {
        ""
    };
    let who = a
        .of_words
        .as_ref()
        .map(|w| format!(", {w}"))
        .unwrap_or_default();
    let attest = if a.or_attest { ", of een attest" } else { "" };
    format!(
        "Leeftijd: minstens {} jaar{when}{who}{attest}.",
        a.minimum.value
    )
}

fn guidance(g: &Guidance) -> String {
    let note = g
        .note
        .as_ref()
        .map(|n| format!(" ({})", n.value))
        .unwrap_or_default();
    format!(
        "Begeleidingsovereenkomst: {}{note}.",
        nl::months(g.months.value)
    )
}

/// The toewijzingsraad's stated readings of a section: "De toewijzingsraad
/// leest „…" als …", each with its motivering.
fn readings(section: &Section, blocks: &mut Vec<Block>) {
    for r in &section.readings {
        blocks.push(Block::Paragraph(format!(
            "De toewijzingsraad leest \u{201e}{}\u{201d} als {}.",
            r.quote.value.trim_end_matches('.'),
            r.reading.value.trim_end_matches('.')
        )));
        if let Some(m) = &r.motivation {
            blocks.push(Block::Motivation(m.value.clone()));
        }
    }
}

/// The rows of a table that its stated total leaves out, with their reasons.
fn outside_total(t: &crate::syntax::ast::Table, blocks: &mut Vec<Block>) {
    let outside: Vec<String> = t
        .rows
        .iter()
        .filter_map(|r| {
            let o = r.outside_total.as_ref()?;
            Some(match &o.motivation {
                Some(m) => format!("{}: {}", r.name.value, m.value),
                None => r.name.value.clone(),
            })
        })
        .collect();
    if outside.is_empty() {
        return;
    }
    blocks.push(Block::Paragraph(
        "Het totaal telt deze rijen niet mee:".to_string(),
    ));
    blocks.push(Block::List(outside));
}

// ---------------------------------------------- for the regional document (publish::regio)

/// A section of an analysed file as the article every document writes for
/// it (the regional document prints the frame's shared sections with it).
pub(super) fn section_article(
    analysis: &Analysis,
    section: &Section,
    origin: Option<String>,
) -> Article {
    let b = Builder {
        analysis,
        model: &analysis.model,
    };
    b.article(section, origin)
}

/// A term of a begrippenlijst as an annex lists it: "naam: omschrijving (bron: …)".
pub(super) fn term_item(t: &Term) -> String {
    let source = t
        .source
        .as_ref()
        .map(|s| format!(" (bron: {})", s.value))
        .unwrap_or_default();
    format!("{}: {}{source}", t.name.value, t.definition.value)
}

/// Who adopted a regional frame and when, as a document's header prints it.
pub(super) fn adoption_item(a: &Adoption) -> String {
    match &a.date {
        Some(d) => format!(
            "{} {}: {}",
            a.role.value.label(),
            a.name.value,
            nl::date(d.value)
        ),
        None => format!(
            "{} {}: nog niet aangenomen",
            a.role.value.label(),
            a.name.value
        ),
    }
}

// ---- what other documents built from the same model reuse (publish/doelgroepenplan.rs)

/// The header of a document of `kind` (the version, status and hash the
/// other documents of the reglement print), for a document built elsewhere.
pub fn header(analysis: &Analysis, kind: DocumentKind) -> Header {
    Builder {
        analysis,
        model: &analysis.model,
    }
    .header(kind)
}

/// The `evaluatie` section as the documents print it: its indicators and
/// who evaluates when.
pub fn evaluatie_blocks(analysis: &Analysis, e: &crate::syntax::ast::Evaluatie) -> Vec<Block> {
    let mut blocks = Vec::new();
    Builder {
        analysis,
        model: &analysis.model,
    }
    .evaluatie(e, &mut blocks);
    blocks
}

/// How a pillar-3 group's `begeleidingsovereenkomst` reads.
pub fn guidance_text(g: &Guidance) -> String {
    guidance(g)
}

/// How a pillar-3 group's age condition reads.
pub fn age_text(a: &AgeCondition) -> String {
    age_condition(a)
}
