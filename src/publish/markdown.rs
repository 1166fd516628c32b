//! A document as Markdown (CommonMark with GitHub tables).

use super::document::*;
use crate::nl;

/// Text in running Markdown: characters that would start markup are escaped.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text in a table cell: also the column separator.
pub(super) fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|").replace('\n', " ")
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let h = &doc.header;
    out.push_str(&format!(
        "# {} {}\n\n",
        h.document_title,
        inline(&h.woonmaatschappij)
    ));
    out.push_str("| | |\n|---|---|\n");
    let mut meta = |k: &str, v: String| out.push_str(&format!("| {k} | {} |\n", v));
    let wm = match &h.afkorting {
        Some(a) => format!("{} ({})", cell(&h.woonmaatschappij), cell(a)),
        None => cell(&h.woonmaatschappij),
    };
    meta("Woonmaatschappij", wm);
    if let Some(r) = &h.toewijzingsraad {
        meta("Toewijzingsraad", cell(r));
    }
    meta(
        "Versie",
        h.versie
            .as_deref()
            .map(cell)
            .unwrap_or_else(|| "niet vermeld".into()),
    );
    meta(
        "Geldig vanaf",
        h.geldig_vanaf
            .map(nl::date)
            .unwrap_or_else(|| "niet vermeld".into()),
    );
    if let Some(t) = h.geldig_tot {
        meta("Geldig tot", nl::date(t));
    }
    meta("Status", h.status_label().to_string());
    if let Some(t) = &h.reglement_title {
        meta("Brontekst", cell(t));
    }
    if let Some(g) = &h.gebied {
        meta("Gebied", cell(g));
    }
    meta("Vastgesteld door", cell(&h.vastgesteld_door));
    for d in &h.samen_met {
        meta("Geldt samen met", cell(d));
    }
    if let Some(r) = &h.regio {
        let versie = r
            .versie
            .as_ref()
            .map(|v| format!(", versie {}", cell(v)))
            .unwrap_or_default();
        meta(
            "Regionaal kader",
            format!(
                "{}{versie} (`{}`)",
                cell(&r.titel),
                r.bestand.replace('`', "'")
            ),
        );
        meta("Inhoudshash regionaal kader", format!("`{}`", r.bron_hash));
        for a in &r.aanneming {
            meta("Kader aangenomen door", cell(a));
        }
    }
    meta("Inhoudshash", format!("`{}`", h.bron_hash));
    out.push('\n');
    out.push_str(
        "De inhoudshash identificeert de brontekst van deze versie: een amendement of een beslissing verwijst ernaar.\n\n",
    );
    if doc.articles.is_empty() {
        out.push_str(&format!(
            "*Dit reglement bevat geen bepalingen voor het {}.*\n",
            h.document_title.to_lowercase()
        ));
    }
    for a in &doc.articles {
        article(&mut out, a, 2);
    }
    out
}

pub(super) fn article(out: &mut String, a: &Article, level: usize) {
    out.push_str(&format!(
        "{} {}\n\n",
        "#".repeat(level),
        inline(&a.heading())
    ));
    if let Some(o) = &a.origin {
        out.push_str(&format!("*{}*\n\n", inline(o)));
    }
    for b in &a.blocks {
        block(out, b, level);
    }
}

fn block(out: &mut String, b: &Block, level: usize) {
    match b {
        Block::Paragraph(t) => out.push_str(&format!("{}\n\n", inline(t))),
        Block::Motivation(t) => out.push_str(&format!("> **Motivering.** {}\n\n", inline(t))),
        Block::List(items) => {
            for i in items {
                out.push_str(&format!("- {}\n", inline(i)));
            }
            out.push('\n');
        }
        Block::Ordered(items) => {
            for (n, i) in items.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, inline(i)));
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Sub(a) => article(out, a, (level + 1).min(6)),
    }
}

fn table(out: &mut String, t: &Table) {
    if let Some(c) = &t.caption {
        out.push_str(&format!("**{}**\n\n", inline(c)));
    }
    let head: Vec<String> = t.head.iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let align: Vec<&str> = (0..t.head.len())
        .map(|i| if t.is_numeric(i) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", align.join("|")));
    let width = t.head.len();
    let mut row = |r: &Row, bold: bool| match r {
        Row::Cells(cells) => {
            let cells: Vec<String> = (0..width)
                .map(|i| {
                    let c = cells.get(i).map(|c| cell(c)).unwrap_or_default();
                    if bold && !c.is_empty() {
                        format!("**{c}**")
                    } else {
                        c
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        Row::Group(label) => {
            let mut cells = vec![format!("*{}*", cell(label))];
            cells.extend(std::iter::repeat_n(String::new(), width.saturating_sub(1)));
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    };
    for r in &t.rows {
        row(r, false);
    }
    for r in &t.foot {
        row(r, true);
    }
    out.push('\n');
}
