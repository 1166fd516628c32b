//! A document as one self-contained, printable HTML page (A4 print CSS,
//! no scripts, no external resources).

use super::document::*;
use crate::nl;

use crate::html::escape as esc;

/// The style sheet: readable on screen, A4 pages in print.
pub(super) const CSS: &str = r#"
@page { size: A4; margin: 20mm 18mm 24mm 18mm; }
:root { --inkt: #1b1b1b; --lijn: #9a9a9a; --zacht: #f1f1ee; --accent: #2f4f6f; }
* { box-sizing: border-box; }
html { color: var(--inkt); background: #e9e9e6; }
body { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 10.5pt;
       line-height: 1.45; margin: 0; }
main { background: #fff; max-width: 210mm; margin: 12mm auto; padding: 18mm 18mm 22mm; }
header.kop { border-bottom: 2px solid var(--accent); margin-bottom: 8mm; padding-bottom: 4mm; }
header.kop .documentsoort { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt;
       letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0; }
h1 { font-size: 20pt; margin: 1mm 0 1mm; line-height: 1.2; }
.status { display: inline-block; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt;
       font-weight: bold; text-transform: uppercase; letter-spacing: .08em; padding: .5mm 2.5mm;
       border: 1.5px solid currentColor; border-radius: 1mm; }
.status.ontwerp { color: #9b2c1d; }
.status.goedgekeurd { color: #24693d; }
dl.gegevens { display: grid; grid-template-columns: 38mm minmax(0, 1fr); gap: 1mm 4mm; margin: 3mm 0 0;
       font-size: 9.5pt; }
dl.gegevens dt { font-weight: bold; }
dl.gegevens dd { margin: 0; }
code.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
p.uitleg { font-size: 8.5pt; color: #555; margin: 2mm 0 0; }
section.artikel { margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: var(--accent); break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
h4, h5, h6 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; orphans: 3; widows: 3; }
p.herkomst { font-size: 9pt; font-style: italic; color: #555; }
blockquote.motivering { margin: 2mm 0 3mm; padding: 1.5mm 3mm; border-left: 3px solid var(--lijn);
       background: var(--zacht); break-inside: avoid; }
blockquote.motivering strong { font-variant: small-caps; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt;
       break-inside: auto; }
caption { text-align: left; font-weight: bold; margin-bottom: 1mm; caption-side: top; }
th, td { border: 0.6pt solid var(--lijn); padding: 1mm 2mm; vertical-align: top; text-align: left; }
th { background: var(--zacht); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; }
td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
td.getal { white-space: nowrap; }
td { overflow-wrap: break-word; }
tr.groep td { font-style: italic; background: #fafaf8; }
tfoot td { font-weight: bold; border-top: 1.2pt solid var(--inkt); }
thead { display: table-header-group; }
tr { break-inside: avoid; }
footer.voet { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.5pt; color: #666;
       border-top: 0.6pt solid var(--lijn); margin-top: 8mm; padding-top: 2mm; }
@media print {
  html { background: #fff; }
  main { margin: 0; padding: 0; max-width: none; }
  footer.voet { position: fixed; bottom: -14mm; left: 0; right: 0; margin: 0; }
}
"#;

pub fn render(doc: &Document) -> String {
    let h = &doc.header;
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>{} {}{}</title>\n",
        esc(&h.document_title),
        esc(&h.woonmaatschappij),
        h.versie
            .as_ref()
            .map(|v| format!(" – versie {}", esc(v)))
            .unwrap_or_default()
    ));
    out.push_str(&format!(
        "<meta name=\"reglement-inhoudshash\" content=\"{}\">\n",
        esc(&h.bron_hash)
    ));
    out.push_str("<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    header(&mut out, h);
    if doc.articles.is_empty() {
        out.push_str(&format!(
            "<p><em>Dit reglement bevat geen bepalingen voor het {}.</em></p>\n",
            esc(&h.document_title.to_lowercase())
        ));
    }
    for a in &doc.articles {
        out.push_str("<section class=\"artikel\">\n");
        article(&mut out, a, 2);
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<footer class=\"voet\">{} {} · versie {} · {} · <code class=\"hash\">{}</code></footer>\n",
        esc(&h.document_title),
        esc(h.afkorting.as_deref().unwrap_or(&h.woonmaatschappij)),
        esc(h.versie.as_deref().unwrap_or("niet vermeld")),
        h.status_label(),
        esc(&h.bron_hash)
    ));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, h: &Header) {
    out.push_str("<header class=\"kop\">\n");
    out.push_str(&format!(
        "<p class=\"documentsoort\">{}</p>\n<h1>{}</h1>\n",
        esc(&h.document_title),
        esc(&h.woonmaatschappij)
    ));
    out.push_str(&format!(
        "<span class=\"status {0}\">{0}</span>\n<dl class=\"gegevens\">\n",
        h.status_label().replace(' ', "-")
    ));
    let mut item = |k: &str, v: String| {
        out.push_str(&format!("<dt>{k}</dt><dd>{v}</dd>\n"));
    };
    let wm = match &h.afkorting {
        Some(a) => format!("{} ({})", esc(&h.woonmaatschappij), esc(a)),
        None => esc(&h.woonmaatschappij),
    };
    item("Woonmaatschappij", wm);
    if let Some(r) = &h.toewijzingsraad {
        item("Toewijzingsraad", esc(r));
    }
    item("Versie", esc(h.versie.as_deref().unwrap_or("niet vermeld")));
    item(
        "Geldig vanaf",
        h.geldig_vanaf
            .map(nl::date)
            .unwrap_or_else(|| "niet vermeld".into()),
    );
    if let Some(t) = h.geldig_tot {
        item("Geldig tot", nl::date(t));
    }
    item("Status", h.status_label().to_string());
    if let Some(t) = &h.reglement_title {
        item("Brontekst", esc(t));
    }
    if let Some(g) = &h.gebied {
        item("Gebied", esc(g));
    }
    item("Vastgesteld door", esc(&h.vastgesteld_door));
    for d in &h.samen_met {
        item("Geldt samen met", esc(d));
    }
    if let Some(r) = &h.regio {
        let versie = r
            .versie
            .as_ref()
            .map(|v| format!(", versie {}", esc(v)))
            .unwrap_or_default();
        item(
            "Regionaal kader",
            format!(
                "{}{versie} (<code>{}</code>)",
                esc(&r.titel),
                esc(&r.bestand)
            ),
        );
        item(
            "Inhoudshash regionaal kader",
            format!("<code class=\"hash\">{}</code>", esc(&r.bron_hash)),
        );
        for a in &r.aanneming {
            item("Kader aangenomen door", esc(a));
        }
    }
    item(
        "Inhoudshash",
        format!("<code class=\"hash\">{}</code>", esc(&h.bron_hash)),
    );
    out.push_str("</dl>\n<p class=\"uitleg\">De inhoudshash identificeert de brontekst van deze versie: een amendement of een beslissing verwijst ernaar.</p>\n</header>\n");
}

pub(super) fn article(out: &mut String, a: &Article, level: usize) {
    let level = level.min(6);
    out.push_str(&format!(
        "<h{level} id=\"{}\">{}</h{level}>\n",
        anchor(a),
        esc(&a.heading())
    ));
    if let Some(o) = &a.origin {
        out.push_str(&format!("<p class=\"herkomst\">{}</p>\n", esc(o)));
    }
    for b in &a.blocks {
        match b {
            Block::Paragraph(t) => out.push_str(&format!("<p>{}</p>\n", esc(t))),
            Block::Motivation(t) => out.push_str(&format!(
                "<blockquote class=\"motivering\"><strong>Motivering.</strong> {}</blockquote>\n",
                esc(t)
            )),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", esc(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Ordered(items) => {
                out.push_str("<ol>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", esc(i)));
                }
                out.push_str("</ol>\n");
            }
            Block::Table(t) => table(out, t),
            Block::Sub(sub) => article(out, sub, level + 1),
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>\n");
    if let Some(c) = &t.caption {
        out.push_str(&format!("<caption>{}</caption>\n", esc(c)));
    }
    let class = |i: usize| {
        if t.is_numeric(i) {
            " class=\"getal\""
        } else {
            ""
        }
    };
    out.push_str("<thead><tr>");
    for (i, h) in t.head.iter().enumerate() {
        out.push_str(&format!("<th scope=\"col\"{}>{}</th>", class(i), esc(h)));
    }
    out.push_str("</tr></thead>\n");
    let width = t.head.len();
    let rows = |out: &mut String, list: &[Row]| {
        for r in list {
            match r {
                Row::Cells(cells) => {
                    out.push_str("<tr>");
                    for i in 0..width {
                        let c = cells.get(i).map(String::as_str).unwrap_or("");
                        out.push_str(&format!("<td{}>{}</td>", class(i), esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                Row::Group(label) => out.push_str(&format!(
                    "<tr class=\"groep\"><td colspan=\"{width}\">{}</td></tr>\n",
                    esc(label)
                )),
            }
        }
    };
    out.push_str("<tbody>\n");
    rows(out, &t.rows);
    out.push_str("</tbody>\n");
    if !t.foot.is_empty() {
        out.push_str("<tfoot>\n");
        rows(out, &t.foot);
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n");
}

/// A stable anchor for an article: `artikel-3-1`, or its title as a slug.
fn anchor(a: &Article) -> String {
    let base = match &a.number {
        Some(n) => format!("artikel {n} {}", a.title),
        None => a.title.clone(),
    };
    let mut out = String::new();
    for c in base.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
