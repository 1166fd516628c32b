//! The doelgroepenplan as a document (`publiceer --document doelgroepenplan`):
//! for every local target group that goes to the minister (`lokale doelgroep
//! met doelgroepenplan en ministeriële toetsing`, R0108, art. 6.22 §3 BVCW)
//! one article with the parts of the plan: the group and its conditions,
//! the need in words and figures with their sources, the reserved dwellings
//! per gemeente against the one-third ceiling, the referrers, guidance and
//! capacity, what happens without a candidate, and the evaluation. What
//! the group states is read from the same model the toewijzingsreglement is
//! published from (`Model::reserved_counts`, `Model::patrimony`), so the plan
//! cannot say other numbers than the reglement; a part the reglement does
//! not state is printed as missing (R0290 says the same as a warning).

use super::build as reglement_doc;
use super::document::*;
use crate::analysis::Analysis;
use crate::model::Model;
use crate::nl;
use crate::syntax::ast::{
    Category, DocumentKind, Fallback, FigureValue, GemeenteSectie, Guidance, IndicatorKind,
    P3Group, Text,
};

/// What the reglement does not say, in the plan's text.
const NOT_STATED: &str = "Niet vermeld in het reglement.";

/// The pillar-3 groups that go to the minister with a doelgroepenplan.
pub fn groups(model: &Model) -> Vec<(Option<&GemeenteSectie>, &P3Group)> {
    model
        .pillar3_groups()
        .into_iter()
        .filter(|(_, g)| {
            g.category
                .iter()
                .any(|c| matches!(c.value, Category::Local { review: true }))
        })
        .collect()
}

/// The doelgroepenplan of an analysed reglement: one article per local
/// target group with ministerial review (none: no articles).
pub fn build(analysis: &Analysis) -> Document {
    let model = &analysis.model;
    let mut header = reglement_doc::header(analysis, DocumentKind::Toewijzingsreglement);
    header.document_title = "Doelgroepenplan".to_string();
    header.vastgesteld_door = format!(
        "{}; met het toewijzingsreglement bezorgd aan de minister (ministeriële toetsing, art. 6.22 §3 BVCW)",
        reglement_doc::adopted_by(DocumentKind::Toewijzingsreglement, &model.area_noun())
    );
    let articles = groups(model)
        .into_iter()
        .map(|(owner, g)| group_article(analysis, owner, g))
        .collect();
    Document {
        kind: DocumentKind::Toewijzingsreglement,
        header,
        articles,
    }
}

fn title(g: &P3Group) -> String {
    g.title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_else(|| g.code.value.clone())
}

fn sub(title: &str, blocks: Vec<Block>) -> Block {
    Block::Sub(Article {
        number: None,
        title: title.to_string(),
        origin: None,
        blocks,
    })
}

fn or_missing(blocks: Vec<Block>) -> Vec<Block> {
    if blocks.is_empty() {
        vec![Block::Paragraph(NOT_STATED.to_string())]
    } else {
        blocks
    }
}

fn group_article(analysis: &Analysis, owner: Option<&GemeenteSectie>, g: &P3Group) -> Article {
    let model = &analysis.model;
    let plan = g.plan.first();
    let section = model.doelgroepen().map(|(_, d)| d);
    let mut blocks = Vec::new();
    let intro = match owner {
        Some(o) => format!(
            "De lokale doelgroep '{}' ({}) van {} valt buiten de wettelijke lijst van specifieke doelgroepen. Het toewijzingsreglement gaat daarom met dit doelgroepenplan naar de minister, die het kan vernietigen (vernietigingstoezicht, art. 6.22 §3 BVCW).",
            title(g),
            g.code.value,
            o.gemeente.value
        ),
        None => format!(
            "De lokale doelgroep '{}' ({}) valt buiten de wettelijke lijst van specifieke doelgroepen. Het toewijzingsreglement gaat daarom met dit doelgroepenplan naar de minister, die het kan vernietigen (vernietigingstoezicht, art. 6.22 §3 BVCW).",
            title(g),
            g.code.value
        ),
    };
    blocks.push(Block::Paragraph(intro));
    if let Some(p) = plan {
        blocks.extend(
            p.descriptions
                .iter()
                .map(|d| Block::Paragraph(d.value.clone())),
        );
    }

    // 1. the group and its conditions
    let mut who = Vec::new();
    who.extend(
        g.descriptions
            .iter()
            .map(|d| Block::Paragraph(d.value.clone())),
    );
    who.extend(
        g.age
            .iter()
            .map(|a| Block::Paragraph(reglement_doc::age_text(a))),
    );
    for c in &g.conditions {
        who.push(Block::Paragraph(format!(
            "Voorwaarde: {}. (De toewijzingsambtenaar controleert ze bij de toewijzing.)",
            c.value
        )));
    }
    blocks.push(sub("1. De doelgroep en de voorwaarden", or_missing(who)));

    // 2. the need, in words and figures
    let mut need = Vec::new();
    if let Some(p) = plan {
        need.extend(p.needs.iter().map(|n| Block::Paragraph(n.value.clone())));
        if !p.figures.is_empty() {
            let mut t = Table::new(&["Cijfer", "Wat het telt", "Bron"], &[true, false, false])
                .caption("De behoefte in cijfers");
            for f in &p.figures {
                t.row(vec![
                    figure(f.value.value),
                    f.what.value.clone(),
                    f.source.value.clone(),
                ]);
            }
            need.push(Block::Table(t));
        }
    }
    if plan.is_none_or(|p| p.needs.is_empty()) {
        need.push(Block::Paragraph(
            "De behoefte: niet vermeld in het reglement.".to_string(),
        ));
    }
    if plan.is_none_or(|p| p.figures.is_empty()) {
        need.push(Block::Paragraph(
            "Cijfers met hun bron: niet vermeld in het reglement.".to_string(),
        ));
    }
    let motivations: Vec<&Text> = plan
        .map(|p| p.motivations.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(&g.motivations)
        .collect();
    for m in &motivations {
        need.push(Block::Motivation(m.value.clone()));
    }
    if motivations.is_empty() {
        need.push(Block::Paragraph(
            "Motivering: niet vermeld in het reglement.".to_string(),
        ));
    }
    blocks.push(sub("2. De behoefte en de motivering", need));

    // 3. the reserved dwellings per gemeente
    blocks.push(sub(
        "3. Voorbehouden woningen per gemeente",
        dwellings(model, owner, g),
    ));

    // 4. referrers
    let referrers: Vec<String> = if g.referrers.is_empty() {
        section
            .map(|d| d.referrers.iter().map(|r| r.value.clone()).collect())
            .unwrap_or_default()
    } else {
        g.referrers.iter().map(|r| r.value.clone()).collect()
    };
    let mut toe = Vec::new();
    if !referrers.is_empty() {
        toe.push(Block::Paragraph(
            "Een kandidaat van de doelgroep wordt toegeleid door:".to_string(),
        ));
        toe.push(Block::List(referrers));
    }
    blocks.push(sub("4. Toeleiding", or_missing(toe)));

    // 5. guidance and capacity
    let mut care = Vec::new();
    let guidance: Vec<&Guidance> = if g.guidance.is_empty() && g.no_guidance.is_empty() {
        section
            .map(|d| d.guidance.iter().collect())
            .unwrap_or_default()
    } else {
        g.guidance.iter().collect()
    };
    care.extend(
        guidance
            .iter()
            .map(|gd| Block::Paragraph(reglement_doc::guidance_text(gd))),
    );
    let none = !g.no_guidance.is_empty()
        || (g.guidance.is_empty() && section.is_some_and(|d| !d.no_guidance.is_empty()));
    if none && guidance.is_empty() {
        care.push(Block::Paragraph(
            "Geen begeleidingsovereenkomst.".to_string(),
        ));
    }
    if care.is_empty() {
        care.push(Block::Paragraph(
            "Begeleiding: niet vermeld in het reglement.".to_string(),
        ));
    }
    for c in &g.capacity {
        care.push(Block::Paragraph(format!(
            "Capaciteit: hoogstens {} per kalenderjaar aan de doelgroep; is dat aantal bereikt, dan wordt een voorbehouden woning toegewezen {}.",
            count(u64::from(c.per_year.value), "toewijzing", "toewijzingen"),
            destination(model, c.then.as_ref().map(|t| &t.value))
        )));
    }
    if g.capacity.is_empty() {
        care.push(Block::Paragraph(
            "Capaciteit: het reglement beperkt het aantal toewijzingen per jaar aan de doelgroep niet."
                .to_string(),
        ));
    }
    blocks.push(sub("5. Begeleiding en capaciteit", care));

    // 6. without a candidate
    let fallback: Vec<Block> = g
        .fallback
        .iter()
        .map(|f| {
            Block::Paragraph(format!(
                "Neemt geen kandidaat van de doelgroep een voorbehouden woning, dan wordt ze toegewezen {}.",
                destination(model, Some(&f.value))
            ))
        })
        .collect();
    blocks.push(sub(
        "6. Zonder kandidaat van de doelgroep",
        or_missing(fallback),
    ));

    // 7. the evaluation
    let mut eval = Vec::new();
    if let Some((_, e)) = model.evaluatie() {
        eval = reglement_doc::evaluatie_blocks(analysis, e);
        let pillar3 = e.indicators.iter().any(|i| {
            matches!(
                i.kind.value,
                IndicatorKind::Aandeel(3) | IndicatorKind::Wachttijd(3)
            )
        });
        if !pillar3 {
            eval.push(Block::Paragraph(
                "De evaluatie heeft geen indicator van pijler 3: niet vermeld in het reglement."
                    .to_string(),
            ));
        } else {
            eval.push(Block::Paragraph(
                "'reglement monitor' meet de indicatoren op het toewijzingsregister van de periode."
                    .to_string(),
            ));
        }
    }
    blocks.push(sub("7. Evaluatie", or_missing(eval)));

    if let Some(p) = plan.filter(|p| !p.annexes.is_empty()) {
        blocks.push(sub(
            "Bijlagen",
            vec![Block::List(
                p.annexes.iter().map(|a| a.value.clone()).collect(),
            )],
        ));
    }
    Article {
        number: None,
        title: format!("Doelgroepenplan: {}", title(g)),
        origin: None,
        blocks,
    }
}

/// The reserved dwellings of the group per gemeente, with every reserved
/// dwelling of the gemeente and its one-third ceiling (C7).
fn dwellings(model: &Model, owner: Option<&GemeenteSectie>, g: &P3Group) -> Vec<Block> {
    let (num, den) = model.params.pillar3_max_fraction;
    let mut t = Table::new(
        &[
            "Gemeente",
            "Voor de doelgroep",
            "Alle voorbehouden woningen",
            "Sociale huurwoningen",
            "Hoogstens voorbehouden",
        ],
        &[false, true, true, true, true],
    )
    .caption(format!(
        "Voorbehouden woningen voor '{}', tegen het plafond van {} van de sociale huurwoningen per gemeente",
        title(g),
        fraction(num, den)
    ));
    let mut total = 0u64;
    for (gemeente, counts) in model.reserved_counts() {
        if owner.is_some_and(|o| o.gemeente.value != gemeente) {
            continue;
        }
        let Some(n) = counts.get(&g.code.value).copied().filter(|n| *n > 0) else {
            continue;
        };
        total += n;
        let all: u64 = counts.values().sum();
        let patrimony = model.patrimony(&gemeente);
        let ceiling = patrimony.map(|p| {
            // exact: the product in 128 bits, the quotient at most p
            (u128::from(p) * u128::from(num) / u128::from(den.max(1))) as u64
        });
        let shown = |v: Option<u64>| {
            v.map(nl::thousands)
                .unwrap_or_else(|| "niet vermeld".into())
        };
        t.row(vec![
            gemeente.clone(),
            nl::thousands(n),
            nl::thousands(all),
            shown(patrimony),
            shown(ceiling),
        ]);
    }
    if total == 0 {
        return vec![Block::Paragraph(NOT_STATED.to_string())];
    }
    t.total(vec![
        "totaal".to_string(),
        nl::thousands(total),
        String::new(),
        String::new(),
        String::new(),
    ]);
    vec![Block::Table(t)]
}

/// "een derde" for the pillar-3 ceiling.
fn fraction(num: u64, den: u64) -> String {
    match (num, den) {
        (1, 2) => "de helft".to_string(),
        (1, 3) => "een derde".to_string(),
        (1, 4) => "een vierde".to_string(),
        (n, d) => format!("{n}/{d}"),
    }
}

fn figure(v: FigureValue) -> String {
    match v {
        FigureValue::Count(n) => nl::thousands(n),
        FigureValue::Percent(p) => nl::percent(p),
    }
}

fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", nl::thousands(n))
    }
}

/// Where a reserved dwelling goes: "volgens de standaardtoewijzing (pijler 1)".
fn destination(model: &Model, f: Option<&Fallback>) -> String {
    match f {
        Some(Fallback::Standaard) => "volgens de standaardtoewijzing (pijler 1)".to_string(),
        Some(Fallback::Doelgroep(n)) => {
            let name = model
                .pillar3_groups()
                .into_iter()
                .find(|(_, x)| x.code.value == n.value)
                .map(|(_, x)| title(x))
                .unwrap_or_else(|| n.value.clone());
            format!("aan de doelgroep {name}")
        }
        Some(Fallback::BlijftVoorbehouden) | None => {
            "niet: ze blijft voorbehouden voor de doelgroep".to_string()
        }
    }
}
