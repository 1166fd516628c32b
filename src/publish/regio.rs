//! The regional document: one regional frame and its members, for the
//! regional working group and the gemeenteraden (`reglement publiceer
//! --regio`).
//!
//! ```text
//! frame Analysis + member Analyses ──► build ──► RegioDocument ──► html / markdown
//! ```
//!
//! It prints the frame (identity and content hash, validity, the local
//! freedom it leaves, who adopted it, its shared sections as every member's
//! document prints them, its shared target groups of pijler 2 and 3, the
//! begrippenlijst as an annex), a table of the
//! members, and per member the frame hash it cites, its local choices and
//! each deviation: within the room of the frame (R0253, listed) or outside
//! it (marked with its code). The findings are the checks' own diagnostics
//! (`checks/frame.rs`, `totals::against_key`) and the cross-member checks of
//! [`crate::region`] (R0250, R0251), so the document says what
//! `controleer --regio` says.

use super::build::{section_article, term_item};
use super::document::{Article, Block, Table};
use super::{html, markdown, Format};
use crate::analysis::Analysis;
use crate::diagnostic::Code;
use crate::html::escape as esc;
use crate::nl;
use crate::region::{self, Frame};
use crate::syntax::ast::{Adopter, Adoption, Regio, Section, SectionBody};

/// The codes of a member's diagnostics the regional document prints: the
/// checks of a member against its frame.
const FRAME_CODES: [Code; 8] = [
    Code::R0119,
    Code::R0213,
    Code::R0252,
    Code::R0253,
    Code::R0254,
    Code::R0255,
    Code::R0260,
    Code::R0262,
];

/// A regional frame with its members, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegioDocument {
    /// "Kempen".
    pub naam: String,
    /// The rows of the header: label, value, and whether the value is a hash.
    pub gegevens: Vec<(String, String, bool)>,
    pub articles: Vec<Article>,
    /// The frame's content hash (`region::Frame::bron_hash`).
    pub bron_hash: String,
}

/// One finding about a member, as the document lists it.
struct Finding {
    code: Code,
    message: String,
}

/// The regional document of the frame `frame` (a regional file analysed on
/// its own) and its `members` (each analysed with its frame); `None` when
/// `frame` has no `regio` section.
pub fn build(frame: &Analysis, members: &[&Analysis]) -> Option<RegioDocument> {
    let identity = region::frame_itself(frame)?;
    let (section, regio) = regio_section(frame)?;
    let (listed, missing) = region::members(frame, members);
    // the diagnostics as findings: the code and the message
    let cross: Vec<Vec<Finding>> = region::compare_frames(members, Some(&identity))
        .into_iter()
        .map(|c| {
            c.into_iter()
                .map(|d| Finding {
                    code: d.code,
                    message: d.message,
                })
                .collect()
        })
        .collect();
    let missing: Vec<Finding> = missing
        .into_iter()
        .map(|d| Finding {
            code: d.code,
            message: d.message,
        })
        .collect();

    let mut gegevens = vec![
        ("Regio".to_string(), identity.naam.clone(), false),
        (
            "Versie".to_string(),
            identity
                .versie
                .clone()
                .unwrap_or_else(|| "niet vermeld".into()),
            false,
        ),
    ];
    gegevens.push((
        "Geldig vanaf".to_string(),
        regio
            .geldig
            .first()
            .map(|g| nl::date(g.from.value))
            .unwrap_or_else(|| "niet vermeld".into()),
        false,
    ));
    if let Some(t) = regio.geldig.first().and_then(|g| g.until.as_ref()) {
        gegevens.push(("Geldig tot".to_string(), nl::date(t.value), false));
    }
    gegevens.push((
        "Woonmaatschappijen".to_string(),
        nl::and_list(
            &regio
                .woonmaatschappijen
                .iter()
                .map(|w| w.value.clone())
                .collect::<Vec<_>>(),
        ),
        false,
    ));
    gegevens.push((
        "Leden in dit overzicht".to_string(),
        members.len().to_string(),
        false,
    ));
    gegevens.push(("Bestand".to_string(), identity.bestand.clone(), false));
    gegevens.push((
        "Inhoudshash regionaal kader".to_string(),
        identity.bron_hash.clone(),
        true,
    ));

    let mut articles = vec![frame_article(section, regio)];
    articles.push(adoption_article(regio));
    let shared: Vec<Block> = frame
        .model
        .main_sections()
        .filter(|s| {
            matches!(
                s.body,
                SectionBody::Wegingskader(_) | SectionBody::Verdeelsleutel(_)
            )
        })
        .map(|s| Block::Sub(section_article(frame, s, shared_origin(s))))
        .collect();
    if !shared.is_empty() {
        let mut blocks = vec![Block::Paragraph(
            "Deze onderdelen gelden in elk lid zoals het kader ze schrijft, behalve waar een lid binnen de ruimte van het kader afwijkt (zie de leden)."
                .to_string(),
        )];
        blocks.extend(shared);
        articles.push(Article {
            number: None,
            title: "Wat het kader deelt".to_string(),
            origin: None,
            blocks,
        });
    }
    // the target groups the frame defines once for every member (issue 16):
    // of the versnelde toewijzing (pijler 2) and the specifieke doelgroepen
    // (pijler 3), each section as a member's document prints it
    let groups: Vec<Block> = frame
        .model
        .main_sections()
        .filter(|s| {
            matches!(
                s.body,
                SectionBody::Versneld(_) | SectionBody::Doelgroepen(_)
            )
        })
        .map(|s| Block::Sub(section_article(frame, s, shared_origin(s))))
        .collect();
    if !groups.is_empty() {
        let mut blocks = vec![Block::Paragraph(
            "Het kader omschrijft deze doelgroepen één keer voor de hele regio; elk lid gebruikt ze bij naam. Een lid dat een doelgroep zelf anders omschrijft, staat hieronder bij het lid (R0260 voor pijler 3, R0262 voor pijler 2)."
                .to_string(),
        )];
        blocks.extend(groups);
        articles.push(Article {
            number: None,
            title: "Gedeelde doelgroepen".to_string(),
            origin: None,
            blocks,
        });
    }
    articles.push(members_table(&identity, regio, &listed, members, &cross));
    for (i, names) in member_order(&listed, members.len()) {
        let a = members[i];
        articles.push(member_article(&identity, regio, &names, a, &cross[i]));
    }
    articles.push(cross_article(&identity, members, &cross, &missing));
    if !regio.terms.is_empty() {
        articles.push(Article {
            number: None,
            title: "Bijlage: begrippenlijst".to_string(),
            origin: None,
            blocks: vec![
                Block::Paragraph(
                    "De begrippen van het regionale kader, zoals het ze omschrijft; elk lid gebruikt ze in dezelfde betekenis."
                        .to_string(),
                ),
                Block::List(regio.terms.iter().map(term_item).collect()),
            ],
        });
    }
    Some(RegioDocument {
        naam: identity.naam.clone(),
        gegevens,
        articles,
        bron_hash: identity.bron_hash,
    })
}

fn regio_section(a: &Analysis) -> Option<(&Section, &Regio)> {
    a.model.main_sections().find_map(|s| match &s.body {
        SectionBody::Regio(r) => Some((s, r)),
        _ => None,
    })
}

fn shared_origin(s: &Section) -> Option<String> {
    s.documents.first().map(|d| {
        format!(
            "Gedeeld door de regio; in het {} van elk lid.",
            d.value.label()
        )
    })
}

/// The frame itself: its description, its own choices and the local
/// freedom it leaves.
fn frame_article(section: &Section, regio: &Regio) -> Article {
    let mut blocks: Vec<Block> = section
        .descriptions
        .iter()
        .map(|d| Block::Paragraph(d.value.clone()))
        .collect();
    if !regio.guidance_required.is_empty() {
        blocks.push(Block::Paragraph(
            "Het kader vraagt een begeleidingsovereenkomst voor elke specifieke doelgroep (pijler 3)."
                .to_string(),
        ));
    }
    let freedom: Vec<String> = regio
        .freedom
        .iter()
        .map(|f| match &f.kind {
            crate::syntax::ast::FreedomKind::Points(n) => format!(
                "Een lid mag een eigen wegingskader schrijven dat per rij hoogstens {} meer of minder geeft dan het kader; elke afwijking staat hieronder bij het lid.",
                nl::points(n.value.min(u64::from(u32::MAX)) as u32)
            ),
            crate::syntax::ast::FreedomKind::Threshold => {
                "Een lid mag een eigen drempel voor pijler 2 kiezen.".to_string()
            }
            crate::syntax::ast::FreedomKind::Verdeling => {
                "Een lid mag een eigen verdeling over de pijlers kiezen, binnen de wettelijke grenzen.".to_string()
            }
        })
        .collect();
    for v in &regio.verdeling {
        blocks.push(Block::Paragraph(format!(
            "De verdeling over de pijlers in de regio: {}.",
            crate::model::verdeling_text(v)
        )));
    }
    let mut sub = Vec::new();
    if freedom.is_empty() {
        sub.push(Block::Paragraph(
            "Het kader laat geen lokale afwijking toe: een lid dat een gedeeld onderdeel door een eigen vervangt, krijgt een fout (R0252)."
                .to_string(),
        ));
    } else {
        sub.push(Block::List(freedom));
        sub.push(Block::Paragraph(
            "Wat verder gaat, is een fout (R0254); een afwijking binnen deze ruimte wordt opgesomd (R0253)."
                .to_string(),
        ));
    }
    blocks.push(Block::Sub(Article {
        number: None,
        title: "Lokale beleidsvrijheid".to_string(),
        origin: None,
        blocks: sub,
    }));
    for m in &section.motivations {
        blocks.push(Block::Motivation(m.value.clone()));
    }
    Article {
        number: None,
        title: "Het regionale kader".to_string(),
        origin: None,
        blocks,
    }
}

/// "toewijzingsraad DNK".
fn adopter(a: &Adoption) -> String {
    format!("{} {}", a.role.value.label(), a.name.value)
}

/// Who adopted the frame, as the frame records it; each listed
/// woonmaatschappij's toewijzingsraad without a record is named.
fn adoption_article(regio: &Regio) -> Article {
    let mut blocks = Vec::new();
    if regio.adoptions.is_empty() {
        blocks.push(Block::Paragraph(
            "Het kader vermeldt niet wie het heeft aangenomen ('aangenomen door toewijzingsraad NAAM op JJJJ-MM-DD').".to_string(),
        ));
    } else {
        let mut t = Table::new(&["Door", "Aangenomen op"], &[false, false])
            .caption("Aanneming van het regionale kader");
        for a in &regio.adoptions {
            t.row(vec![
                nl::capitalize(&adopter(a)),
                a.date
                    .as_ref()
                    .map(|d| nl::date(d.value))
                    .unwrap_or_else(|| "nog niet aangenomen".into()),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    let lacking: Vec<String> = regio
        .woonmaatschappijen
        .iter()
        .filter(|w| {
            !regio.adoptions.iter().any(|a| {
                a.role.value == Adopter::Toewijzingsraad
                    && a.name.value.eq_ignore_ascii_case(&w.value)
            })
        })
        .map(|w| w.value.clone())
        .collect();
    if !lacking.is_empty() && !regio.adoptions.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Niet vermeld voor de toewijzingsraad van {}.",
            nl::and_list(&lacking)
        )));
    }
    Article {
        number: None,
        title: "Aanneming".to_string(),
        origin: None,
        blocks,
    }
}

/// A member's name as the report shows it: the names the frame lists it
/// by, or its woonmaatschappij.
fn member_name(names: &[&str], a: &Analysis) -> String {
    if !names.is_empty() {
        return names.join(", ");
    }
    a.model
        .identity()
        .and_then(|(_, id)| id.woonmaatschappij.first().map(|w| w.value.clone()))
        .unwrap_or_else(|| file_of(a).to_string())
}

fn file_of(a: &Analysis) -> &str {
    &a.sources.get(a.model.main).name
}

/// The member's diagnostics about its frame, in their order.
fn frame_findings(a: &Analysis) -> Vec<Finding> {
    a.diagnostics
        .iter()
        .filter(|d| FRAME_CODES.contains(&d.code))
        // R0119 is also a total within one table; here only against the key
        .filter(|d| d.code != Code::R0119 || d.message.contains("verdeelsleutel"))
        .map(|d| Finding {
            code: d.code,
            message: d.message.clone(),
        })
        .collect()
}

/// The wegingskader a member ranks pillar 2 with: the frame's, or its own.
fn wegingskader_choice(a: &Analysis) -> String {
    match a.model.used_wegingskader() {
        Some((f, _, w)) if Some(f) == a.model.regio => {
            format!("gedeeld ('{}')", w.name.value)
        }
        Some((_, _, w)) => format!("eigen ('{}')", w.name.value),
        None => "geen".to_string(),
    }
}

/// What the frame hash a member cites is, against the frame's.
fn cited_hash(identity: &Frame, a: &Analysis) -> (String, bool) {
    match region::frame(a) {
        Some(f) if f.bron_hash == identity.bron_hash => (f.bron_hash, true),
        Some(f) => (f.bron_hash, false),
        None => ("geen kader gelezen".to_string(), false),
    }
}

/// The members in the order of the frame's list, then the others, each
/// with the names it has in that list.
fn member_order(listed: &[region::Member], count: usize) -> Vec<(usize, Vec<&str>)> {
    let mut order: Vec<usize> = listed
        .iter()
        .flat_map(|m| m.reglementen.iter().copied())
        .collect();
    order.extend((0..count).filter(|i| !listed.iter().any(|m| m.reglementen.contains(i))));
    order.dedup();
    order
        .into_iter()
        .map(|i| {
            let names = listed
                .iter()
                .filter(|m| m.reglementen.contains(&i))
                .map(|m| m.naam.as_str())
                .collect();
            (i, names)
        })
        .collect()
}

fn members_table(
    identity: &Frame,
    regio: &Regio,
    listed: &[region::Member],
    members: &[&Analysis],
    cross: &[Vec<Finding>],
) -> Article {
    let mut t = Table::new(
        &[
            "Woonmaatschappij",
            "Reglement",
            "Versie, status",
            "Kader",
            "Wegingskader",
            "Afwijkingen binnen de ruimte",
            "Buiten het kader",
            "Aanneming",
        ],
        &[false, false, false, false, false, true, true, false],
    )
    .caption("De leden en hun keuzes");
    let adoption_of = |names: &[&str]| -> String {
        let found = regio.adoptions.iter().find(|ad| {
            ad.role.value == Adopter::Toewijzingsraad
                && names.iter().any(|n| ad.name.value.eq_ignore_ascii_case(n))
        });
        match found {
            Some(ad) => ad
                .date
                .as_ref()
                .map(|d| nl::date(d.value))
                .unwrap_or_else(|| "nog niet".into()),
            None => "niet vermeld".to_string(),
        }
    };
    for m in listed {
        if m.reglementen.is_empty() {
            t.row(vec![
                m.naam.clone(),
                "geen reglement (R0251)".to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                adoption_of(&[m.naam.as_str()]),
            ]);
        }
    }
    for (i, names) in member_order(listed, members.len()) {
        let a = members[i];
        let id = a.model.identity().map(|(_, id)| id);
        let versie = id
            .and_then(|i| i.versie.first().map(|v| v.value.clone()))
            .unwrap_or_else(|| "versie niet vermeld".into());
        let status = id
            .and_then(|i| i.status.first())
            .map(|s| match s.value {
                crate::syntax::ast::Status::Ontwerp => "ontwerp",
                crate::syntax::ast::Status::Goedgekeurd => "goedgekeurd",
            })
            .unwrap_or("status niet vermeld");
        let (_, same) = cited_hash(identity, a);
        let found = frame_findings(a);
        let within = found.iter().filter(|f| f.code == Code::R0253).count();
        let outside = found.len() - within + cross[i].len();
        t.row(vec![
            member_name(&names, a),
            // the path is in the member's article; the name fits the column
            std::path::Path::new(file_of(a)).file_name().map_or_else(
                || file_of(a).to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            format!("{versie}, {status}"),
            if same {
                "dit kader".to_string()
            } else {
                "een ander kader (R0250)".to_string()
            },
            wegingskader_choice(a),
            within.to_string(),
            outside.to_string(),
            if names.is_empty() {
                "niet vermeld".to_string()
            } else {
                adoption_of(&names)
            },
        ]);
    }
    Article {
        number: None,
        title: "De leden".to_string(),
        origin: None,
        blocks: vec![
            Block::Paragraph(format!(
                "Elk lid van de regio {} met zijn reglement, het kader dat het noemt en zijn lokale keuzes. 'Buiten het kader' telt de bevindingen met een code: afwijkingen buiten de ruimte, vervangen onderdelen, een andere verdeling dan de verdeelsleutel, begrippen met een andere omschrijving.",
                identity.naam
            )),
            Block::Table(t),
        ],
    }
}

fn member_article(
    identity: &Frame,
    regio: &Regio,
    names: &[&str],
    a: &Analysis,
    cross: &[Finding],
) -> Article {
    let mut blocks = Vec::new();
    let name = member_name(names, a);
    let id = a.model.identity();
    let mut t = Table::new(&["Gegeven", "Waarde"], &[false, false]);
    if let Some((s, id)) = id {
        if let Some(title) = &s.title {
            t.row(vec!["Reglement".into(), title.value.clone()]);
        }
        if let Some(w) = id.woonmaatschappij.first() {
            t.row(vec!["Woonmaatschappij".into(), w.value.clone()]);
        }
        if let Some(r) = id.toewijzingsraad.first() {
            t.row(vec!["Toewijzingsraad".into(), r.value.clone()]);
        }
        if let Some(v) = id.versie.first() {
            t.row(vec!["Versie".into(), v.value.clone()]);
        }
        if let Some(g) = id.geldig.first() {
            t.row(vec!["Geldig vanaf".into(), nl::date(g.from.value)]);
        }
    }
    t.row(vec!["Bestand".into(), file_of(a).to_string()]);
    t.row(vec!["Inhoudshash".into(), a.sources.content_hash()]);
    t.row(vec![
        "Controle".into(),
        match a.errors().len() {
            0 => "geen fouten".to_string(),
            1 => "1 fout (reglement controleer)".to_string(),
            n => format!("{n} fouten (reglement controleer)"),
        },
    ]);
    let (hash, same) = cited_hash(identity, a);
    t.row(vec![
        "Inhoudshash van het kader dat het noemt".into(),
        if same {
            format!("{hash} (dit kader)")
        } else {
            format!("{hash} (niet dit kader)")
        },
    ]);
    blocks.push(Block::Table(t));

    // local choices
    let mut choices = vec![format!("Wegingskader: {}.", wegingskader_choice(a))];
    if let Some((_, d)) = a.model.doelgroepen() {
        for v in &d.verdeelsleutel {
            let shared = a
                .model
                .verdeelsleutels()
                .any(|(f, _, k)| Some(f) == a.model.regio && k.name.value == v.value);
            let row = a
                .model
                .verdeelsleutels()
                .find(|(f, _, k)| Some(*f) == a.model.regio && k.name.value == v.value)
                .and_then(|(_, _, k)| Some((k, a.model.member_row(k)?)))
                .map(|(k, r)| {
                    let cells: Vec<String> = k
                        .table
                        .columns
                        .iter()
                        .zip(&r.values)
                        .map(|(c, n)| format!("{} {}", nl::thousands(n.value), c.value))
                        .collect();
                    format!(" (rij {}: {})", r.name.value, cells.join(", "))
                })
                .unwrap_or_default();
            choices.push(if shared {
                format!(
                    "Voorbehouden woningen: volgens de regionale verdeelsleutel '{}'{row}.",
                    v.value
                )
            } else {
                format!("Voorbehouden woningen: eigen verdeelsleutel '{}'.", v.value)
            });
        }
    }
    let own_terms: Vec<String> = id
        .map(|(_, id)| id.terms.iter().map(|t| t.name.value.clone()).collect())
        .unwrap_or_default();
    if !own_terms.is_empty() {
        choices.push(format!("Eigen begrippen: {}.", nl::and_list(&own_terms)));
    }
    if !names.is_empty() && !regio.adoptions.is_empty() {
        let adopted: Vec<String> = regio
            .adoptions
            .iter()
            .filter(|ad| {
                ad.role.value == Adopter::Toewijzingsraad
                    && names.iter().any(|n| ad.name.value.eq_ignore_ascii_case(n))
            })
            .map(|ad| match &ad.date {
                Some(d) => format!("aangenomen op {}", nl::date(d.value)),
                None => "nog niet aangenomen".to_string(),
            })
            .collect();
        choices.push(format!(
            "Het kader, door zijn toewijzingsraad: {}.",
            if adopted.is_empty() {
                "niet vermeld".to_string()
            } else {
                nl::and_list(&adopted)
            }
        ));
    }
    blocks.push(Block::Sub(Article {
        number: None,
        title: format!("Lokale keuzes van {name}"),
        origin: None,
        blocks: vec![Block::List(choices)],
    }));

    let found = frame_findings(a);
    let within: Vec<String> = found
        .iter()
        .filter(|f| f.code == Code::R0253)
        .map(|f| f.message.clone())
        .collect();
    let outside: Vec<String> = found
        .iter()
        .filter(|f| f.code != Code::R0253)
        .chain(cross)
        .map(|f| format!("{}: {}", f.code, f.message))
        .collect();
    blocks.push(Block::Sub(Article {
        number: None,
        title: format!("Afwijkingen van {name} binnen de ruimte van het kader"),
        origin: None,
        blocks: vec![if within.is_empty() {
            Block::Paragraph("Geen: het lid volgt het kader.".to_string())
        } else {
            Block::List(within)
        }],
    }));
    blocks.push(Block::Sub(Article {
        number: None,
        title: format!("{name} buiten het kader"),
        origin: None,
        blocks: vec![if outside.is_empty() {
            Block::Paragraph("Geen bevindingen.".to_string())
        } else {
            Block::List(outside)
        }],
    }));
    Article {
        number: None,
        title: format!("Lid: {name}"),
        origin: None,
        blocks,
    }
}

/// The checks that need the members together: one frame (R0250) and a
/// reglement for every listed woonmaatschappij (R0251).
fn cross_article(
    identity: &Frame,
    members: &[&Analysis],
    cross: &[Vec<Finding>],
    missing: &[Finding],
) -> Article {
    let mut items = Vec::new();
    let differing = cross.iter().filter(|c| !c.is_empty()).count();
    if differing == 0 {
        items.push(format!(
            "Eén kader: {} noemen het kader {} met inhoudshash {}.",
            match members.len() {
                1 => "het lid".to_string(),
                n => format!("alle {n} leden"),
            },
            identity.describe(),
            identity.bron_hash
        ));
    }
    for (a, c) in members.iter().zip(cross) {
        for d in c {
            items.push(format!("{} ({}): {}", d.code, file_of(a), d.message));
        }
    }
    if missing.is_empty() {
        items.push(
            "Elke woonmaatschappij van de lijst heeft een reglement in dit overzicht.".to_string(),
        );
    }
    for d in missing {
        items.push(format!("{}: {}", d.code, d.message));
    }
    Article {
        number: None,
        title: "Controles over de leden heen".to_string(),
        origin: None,
        blocks: vec![Block::List(items)],
    }
}

// ---------------------------------------------------------------- writing

/// The regional document in a format.
pub fn render(doc: &RegioDocument, format: Format) -> String {
    match format {
        Format::Html => render_html(doc),
        Format::Markdown => render_markdown(doc),
    }
}

const TITLE: &str = "Regionaal kader";

fn render_html(doc: &RegioDocument) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{TITLE} {}</title>\n", esc(&doc.naam)));
    out.push_str(&format!(
        "<meta name=\"reglement-inhoudshash\" content=\"{}\">\n",
        esc(&doc.bron_hash)
    ));
    out.push_str("<style>");
    out.push_str(html::CSS);
    out.push_str(REGIO_CSS);
    out.push_str("</style>\n</head>\n<body>\n<main class=\"regio\">\n");
    out.push_str(&format!(
        "<header class=\"kop\">\n<p class=\"documentsoort\">{TITLE} en leden</p>\n<h1>{}</h1>\n<dl class=\"gegevens\">\n",
        esc(&doc.naam)
    ));
    for (k, v, hash) in &doc.gegevens {
        let v = if *hash {
            format!("<code class=\"hash\">{}</code>", esc(v))
        } else {
            esc(v)
        };
        out.push_str(&format!("<dt>{}</dt><dd>{v}</dd>\n", esc(k)));
    }
    out.push_str("</dl>\n<p class=\"uitleg\">Voor de regionale werkgroep en de gemeenteraden: het kader, wie het aannam, en per lid wat het zelf kiest en waar het afwijkt. De inhoudshash identificeert de tekst van het kader.</p>\n</header>\n");
    for a in &doc.articles {
        out.push_str("<section class=\"artikel\">\n");
        html::article(&mut out, a, 2);
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<footer class=\"voet\">{TITLE} {} · <code class=\"hash\">{}</code></footer>\n",
        esc(&doc.naam),
        esc(&doc.bron_hash)
    ));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The members' table has eight columns: a landscape page in print.
const REGIO_CSS: &str = r#"
main.regio { max-width: 297mm; }
main.regio table { font-size: 8.5pt; }
main.regio dl.gegevens { grid-template-columns: 50mm minmax(0, 1fr); }
@page regio { size: A4 landscape; }
@media print { main.regio { page: regio; } }
"#;

fn render_markdown(doc: &RegioDocument) -> String {
    let mut out = format!("# {TITLE} {}\n\n", markdown::inline(&doc.naam));
    out.push_str("| | |\n|---|---|\n");
    for (k, v, hash) in &doc.gegevens {
        let v = if *hash {
            format!("`{}`", v.replace('`', "'"))
        } else {
            markdown::cell(v)
        };
        out.push_str(&format!("| {} | {v} |\n", markdown::cell(k)));
    }
    out.push('\n');
    out.push_str("Voor de regionale werkgroep en de gemeenteraden: het kader, wie het aannam, en per lid wat het zelf kiest en waar het afwijkt. De inhoudshash identificeert de tekst van het kader.\n\n");
    for a in &doc.articles {
        markdown::article(&mut out, a, 2);
    }
    out
}
