//! The report a toewijzingsraad looks at: one self-contained HTML page
//! (inline CSS and SVG, no script, no network) with the pillar shares over
//! the year, who was housed per woonnood situation, the waiting times, the
//! tables of the summary, and the same numbers as CSV (shown and as a
//! download link with a `data:` address).

use super::summary::{Summary, Vergelijking};
use super::write::{self, one_decimal, percent_one};
use super::AllocationPillar;
use crate::nl;
use std::fmt::Write as _;

const COLORS: [&str; 4] = ["#2f6db5", "#e07b24", "#3a9a5b", "#8c8c8c"];

pub(crate) use crate::html::escape as esc;

fn pillar_name(p: AllocationPillar) -> &'static str {
    match p {
        AllocationPillar::Standaard => "pijler 1 standaard",
        AllocationPillar::Versneld => "pijler 2 versneld",
        AllocationPillar::Doelgroepen => "pijler 3 doelgroepen",
        AllocationPillar::Bijzonder => "pijler 4 bijzonder",
    }
}

/// Stacked monthly bars per pillar, with the cumulative pillar-2 share as a
/// line against the legal share.
fn chart_months(s: &Summary) -> String {
    let (w, h, left, right, top, bottom) = (760.0, 320.0, 48.0, 52.0, 20.0, 76.0);
    let months = &s.per_maand;
    let highest = months
        .iter()
        .map(|m| m.per_pijler.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    // a round step (1, 2 or 5 times a power of ten), at most 5 steps
    let mut step = 1u64;
    while highest.div_ceil(step) > 5 {
        step = match step.to_string().as_bytes()[0] {
            b'1' => step * 2,
            b'2' => step / 2 * 5,
            _ => step * 2,
        };
    }
    let steps = highest.div_ceil(step);
    let max = (step * steps) as f64;
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let n = months.len().max(1) as f64;
    let bw = plot_w / n * 0.7;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Toewijzingen per maand en per pijler\">"
    );
    // axes and grid
    for k in 0..=steps {
        let y = top + plot_h - plot_h * k as f64 / steps as f64;
        let _ = write!(
            o,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}</text>",
            left + plot_w,
            left - 6.0,
            y + 4.0,
            step * k
        );
    }
    // the right-hand scale: the pillar-2 share, 0 to 40%
    for k in 0..=4u32 {
        let y = top + plot_h - plot_h * k as f64 / 4.0;
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{}%</text>",
            left + plot_w + 6.0,
            y + 4.0,
            10 * k
        );
    }
    let mut line = String::new();
    for (i, m) in months.iter().enumerate() {
        let x = left + plot_w * (i as f64 + 0.5) / n;
        let mut y = top + plot_h;
        for (k, &c) in m.per_pijler.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let bh = plot_h * c as f64 / max;
            y -= bh;
            let _ = write!(
                o,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{} {}: {c}</title></rect>",
                x - bw / 2.0,
                COLORS[k],
                m.maand,
                pillar_name(AllocationPillar::ALL[k])
            );
        }
        let _ = write!(
            o,
            "<text x=\"{x:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
            top + plot_h + 16.0,
            esc(&m.maand[2..])
        );
        let share = (m.versneld_cumulatief as f64 / 100.0).min(40.0);
        let ly = top + plot_h - plot_h * share / 40.0;
        let _ = write!(line, "{}{x:.1},{ly:.1}", if i == 0 { "" } else { " " });
    }
    let legal = (s.toets.versneld_wettelijk as f64 / 100.0).min(40.0);
    let ly = top + plot_h - plot_h * legal / 40.0;
    let _ = write!(
        o,
        "<line x1=\"{left}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" class=\"legal\"/>",
        left + plot_w,
    );
    let _ = write!(o, "<polyline points=\"{line}\" class=\"share\"/>");
    // legend
    let mut lx = left;
    let ly = h - 34.0;
    for (k, p) in AllocationPillar::ALL.iter().enumerate() {
        let _ = write!(
            o,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{ly:.1}\" class=\"legend\">{}</text>",
            ly - 10.0,
            COLORS[k],
            lx + 16.0,
            pillar_name(*p)
        );
        lx += 170.0;
    }
    let _ = write!(
        o,
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"share\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"legend\">aandeel van pijler 2 in alle toewijzingen tot dan (rechterschaal)</text>",
        ly + 16.0,
        left + 22.0,
        ly + 16.0,
        left + 28.0,
        ly + 20.0
    );
    // the legal share in the legend, not over the bars it would cover
    let lx = left + 470.0;
    let _ = write!(
        o,
        "<line x1=\"{lx:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"legal\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"legend legal-text\">wettelijk aandeel pijler 2: {}</text>",
        ly + 16.0,
        lx + 22.0,
        ly + 16.0,
        lx + 28.0,
        ly + 20.0,
        nl::percent(s.toets.versneld_wettelijk)
    );
    o.push_str("</svg>");
    o
}

/// Horizontal bars: on the list and housed, per woonnood situation.
fn chart_situations(s: &Summary) -> String {
    let rows = &s.per_woonnood;
    let (w, left, right, row_h, top) = (760.0, 150.0, 150.0, 26.0, 10.0);
    let h = top + row_h * rows.len().max(1) as f64 + 34.0;
    let max = rows.iter().map(|g| g.op_lijst).max().unwrap_or(0).max(1) as f64;
    let plot_w = w - left - right;
    let mut o = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h:.0}\" role=\"img\" aria-label=\"Gehuisvest per woonnood\">"
    );
    for (i, g) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let lw = plot_w * g.op_lijst as f64 / max;
        let hw = plot_w * g.gehuisvest as f64 / max;
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{y:.1}\" width=\"{lw:.1}\" height=\"18\" class=\"onlist\"><title>{}: {} op de lijst</title></rect><rect x=\"{left}\" y=\"{y:.1}\" width=\"{hw:.1}\" height=\"18\" class=\"housed\"><title>{}: {} gehuisvest</title></rect><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{} van {} gehuisvest</text>",
            left - 8.0,
            y + 13.0,
            esc(&g.code),
            esc(&g.code),
            g.op_lijst,
            esc(&g.code),
            g.gehuisvest,
            left + lw.max(hw) + 6.0,
            y + 13.0,
            nl::thousands(g.gehuisvest),
            nl::thousands(g.op_lijst)
        );
    }
    let ly = h - 10.0;
    let _ = write!(
        o,
        "<rect x=\"{left}\" y=\"{:.1}\" width=\"12\" height=\"12\" class=\"onlist\"/><text x=\"{:.1}\" y=\"{ly:.1}\" class=\"legend\">op de lijst</text><rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" class=\"housed\"/><text x=\"{:.1}\" y=\"{ly:.1}\" class=\"legend\">gehuisvest</text></svg>",
        ly - 10.0,
        left + 16.0,
        left + 110.0,
        ly - 10.0,
        left + 126.0
    );
    o
}

/// Waiting time per pillar: the box from the first to the third quartile,
/// the median as a line, in years.
fn chart_waits(s: &Summary) -> String {
    let rows: Vec<_> = s.wachttijd.iter().filter(|w| w.aantal > 0).collect();
    let (w, left, right, row_h, top) = (760.0, 150.0, 40.0, 34.0, 10.0);
    let h = top + row_h * rows.len().max(1) as f64 + 30.0;
    let max_days = rows.iter().filter_map(|w| w.q3).max().unwrap_or(0).max(365) as f64;
    let years = (max_days / 365.0).ceil().max(1.0);
    let plot_w = w - left - right;
    let x = |d: i64| left + plot_w * (d as f64 / 365.0) / years;
    let mut o = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h:.0}\" role=\"img\" aria-label=\"Wachttijd sinds inschrijving\">"
    );
    for k in 0..=(years as u32) {
        let xx = left + plot_w * k as f64 / years;
        let _ = write!(
            o,
            "<line x1=\"{xx:.1}\" y1=\"{top}\" x2=\"{xx:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{xx:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{k} jaar</text>",
            h - 26.0,
            h - 10.0
        );
    }
    for (i, wt) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let color = wt.pijler.map_or("#555", |p| COLORS[p.number() - 1]);
        let label = wt.pijler.map_or("alle pijlers", pillar_name);
        let (Some(q1), Some(m), Some(q3)) = (wt.q1, wt.mediaan, wt.q3) else {
            continue;
        };
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{label} ({})</text><rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"22\" fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\"><title>{label}: kwartielen {} / {} / {} dagen</title></rect><line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"3\"/>",
            left - 8.0,
            y + 15.0,
            wt.aantal,
            x(q1),
            (x(q3) - x(q1)).max(1.0),
            q1,
            m,
            q3,
            x(m),
            x(m),
            y + 22.0
        );
    }
    o.push_str("</svg>");
    o
}

pub(crate) fn tile(o: &mut String, label: &str, value: String, ok: Option<bool>) {
    let class = match ok {
        Some(true) => " ok",
        Some(false) => " bad",
        None => "",
    };
    let _ = write!(
        o,
        "<div class=\"tile{class}\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
        esc(&value),
        esc(label)
    );
}

/// A folded list of dossiers (nothing when empty).
pub(crate) fn dossier_list(o: &mut String, label: &str, dossiers: &[String]) {
    if dossiers.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<details><summary>{label}</summary><p class=\"dossiers\">{}</p></details>",
        esc(&dossiers.join(", "))
    );
}

fn csv_link(csv: &str) -> String {
    let mut enc = String::with_capacity(csv.len() * 2);
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,;:".contains(&b) {
            enc.push(b as char);
        } else {
            let _ = write!(enc, "%{b:02X}");
        }
    }
    format!("data:text/csv;charset=utf-8,{enc}")
}

const CSS: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:820px;color:#222;font-size:14px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}.meta{color:#555;margin:0 0 16px}.tiles{display:flex;gap:10px;flex-wrap:wrap}.tile{flex:1 1 150px;border:1px solid #ccc;border-radius:6px;padding:10px 12px;background:#fafafa}.tile.ok{border-color:#3a9a5b;background:#eef8f1}.tile.bad{border-color:#c0392b;background:#fbeeee}.value{font-size:22px;font-weight:bold}.label{color:#444;font-size:12px}svg.chart{width:100%;height:auto;display:block}.grid{stroke:#e3e3e3}.tick{font-size:11px;fill:#444}.legend{font-size:12px;fill:#222}.share{fill:none;stroke:#b3261e;stroke-width:2.5}.legal{stroke:#b3261e;stroke-dasharray:5 4}.legal-text{fill:#b3261e}.onlist{fill:#d7dde6}.housed{fill:#2f6db5}table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e5e5e5;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}pre{background:#f6f6f6;padding:8px;font-size:11px;max-height:240px;overflow:auto}.dossiers{font-family:monospace;font-size:12px;max-height:160px;overflow:auto}@media print{body{margin:0}}";

/// The start of a report page: the document head with the style, and the title.
pub(crate) fn page_start(o: &mut String, title: &str) {
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body><h1>{}</h1>",
        esc(title),
        esc(title)
    );
}

/// The figures of a year: tiles, charts and tables (a simulation's or a
/// register's, `monitor`).
pub(crate) fn summary_sections(o: &mut String, s: &Summary) {
    let count = |p: AllocationPillar| s.per_pijler.iter().find(|x| x.pijler == p);
    o.push_str("<div class=\"tiles\">");
    tile(
        o,
        &format!("toegewezen van {} woningen", nl::thousands(s.woningen)),
        nl::thousands(s.toegewezen),
        None,
    );
    if let Some(v) = count(AllocationPillar::Versneld) {
        tile(
            o,
            &format!(
                "via pijler 2 ({}; wettelijk {})",
                v.aandeel.map_or("-".into(), percent_one),
                nl::percent(s.toets.versneld_wettelijk)
            ),
            nl::thousands(v.aantal),
            Some(s.toets.versneld_ok),
        );
    }
    if let Some(p) = count(AllocationPillar::Standaard) {
        tile(
            o,
            &format!(
                "aandeel pijler 1 (minstens {})",
                nl::percent(s.toets.standaard_minimaal)
            ),
            p.aandeel.map_or("-".into(), percent_one),
            Some(s.toets.standaard_ok),
        );
    }
    tile(
        o,
        &format!(
            "van {} met dringende woonnood niet bereikt",
            nl::thousands(s.dringend.op_lijst)
        ),
        nl::thousands(s.dringend.niet_bereikt),
        None,
    );
    o.push_str("</div>");
    o.push_str("<h2>Pijleraandelen over het jaar</h2>");
    o.push_str(&chart_months(s));
    o.push_str("<h2>Gehuisvest per woonnood</h2>");
    o.push_str(&chart_situations(s));
    o.push_str("<h2>Wachttijd sinds inschrijving</h2><p class=\"meta\">Het vak loopt van het eerste tot het derde kwartiel; de streep is de mediaan.</p>");
    o.push_str(&chart_waits(s));
    // tables
    o.push_str(
        "<h2>Per pijler</h2><table><tr><th>pijler</th><th>toewijzingen</th><th>aandeel</th></tr>",
    );
    for p in &s.per_pijler {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            pillar_name(p.pijler),
            p.aantal,
            p.aandeel.map_or("buiten de aandelen".into(), percent_one)
        );
    }
    o.push_str("</table>");
    o.push_str("<h2>Per doelgroep</h2><table><tr><th>doelgroep</th><th>op de lijst</th><th>gehuisvest</th><th>pijler 1</th><th>pijler 2</th><th>pijler 3</th></tr>");
    for g in &s.per_doelgroep {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.code),
            g.op_lijst,
            g.gehuisvest,
            g.per_pijler[0],
            g.per_pijler[1],
            g.per_pijler[2]
        );
    }
    o.push_str("</table>");
    o.push_str("<h2>Per gemeente</h2><table><tr><th>gemeente</th><th>woningen</th><th>pijler 1</th><th>pijler 2</th><th>pijler 3</th><th>pijler 4</th><th>niet toegewezen</th></tr>");
    for g in &s.per_gemeente {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.gemeente),
            g.woningen,
            g.per_pijler[0],
            g.per_pijler[1],
            g.per_pijler[2],
            g.per_pijler[3],
            g.niet_toegewezen
        );
    }
    o.push_str("</table>");
    o.push_str("<h2>Wachttijd in dagen</h2><table><tr><th></th><th>aantal</th><th>eerste kwartiel</th><th>mediaan</th><th>derde kwartiel</th></tr>");
    for w in &s.wachttijd {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            w.pijler.map_or("alle pijlers", pillar_name),
            w.aantal,
            w.q1.map_or("-".into(), |d| d.to_string()),
            w.mediaan.map_or("-".into(), |d| format!(
                "{d} ({} jaar)",
                one_decimal(d * 100 / 365)
            )),
            w.q3.map_or("-".into(), |d| d.to_string())
        );
    }
    o.push_str("</table>");
    if !s.dringend.niet_bereikt_dossiers.is_empty() {
        let _ = write!(
            o,
            "<h2>Dringende woonnood niet bereikt</h2><p>{} van de {} kandidaten in een lijst van pijler 2 kregen geen woning.</p>",
            nl::thousands(s.dringend.niet_bereikt),
            nl::thousands(s.dringend.op_lijst)
        );
        dossier_list(o, "dossiers tonen", &s.dringend.niet_bereikt_dossiers);
    }
}

/// Two summaries side by side; `intro` says what A and B are.
pub(crate) fn comparison_section(o: &mut String, v: &Vergelijking, intro: &str, lists: bool) {
    let _ = write!(
        o,
        "<h2>Vergelijking</h2><p class=\"meta\">{}</p><table><tr><th></th><th>A</th><th>B</th></tr>",
        esc(intro)
    );
    for (label, a, b) in write::comparison_rows(v) {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&label),
            esc(&a),
            esc(&b)
        );
    }
    o.push_str("</table>");
    if !lists {
        return;
    }
    for (label, list) in [
        ("Gehuisvest onder A en niet onder B", &v.enkel_a),
        ("Gehuisvest onder B en niet onder A", &v.enkel_b),
    ] {
        let _ = write!(o, "<p>{label}: {}</p>", nl::thousands(list.len() as u64));
        dossier_list(o, "dossiers tonen", list);
    }
}

/// The quotas of pijler 3: target, filled, by labelled and non-labelled dwellings.
pub(crate) fn quota_section(o: &mut String, s: &Summary) {
    if s.per_quotum.is_empty() {
        return;
    }
    o.push_str("<h2>Voorbehouden woningen (pijler 3)</h2>");
    if let Some(l) = &s.quotum_lezing {
        let _ = write!(o, "<p>Gelezen als: {}.</p>", esc(l));
    }
    o.push_str("<table><tr><th>doelgroep</th><th>gemeente</th><th>doel</th><th>gevuld</th><th>gelabelde woning</th><th>niet-gelabelde woning</th></tr>");
    for q in &s.per_quotum {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&q.doelgroep),
            esc(&q.gemeente),
            q.doel,
            q.gevuld,
            q.gelabeld,
            q.niet_gelabeld
        );
    }
    o.push_str("</table>");
}

/// The figures as CSV, shown and as a download, and the end of the page.
pub(crate) fn page_end(o: &mut String, csv: &str, file: &str) {
    let _ = write!(
        o,
        "<h2>De cijfers als CSV</h2><p><a download=\"{file}\" href=\"{}\">{file} downloaden</a></p><details><summary>tonen</summary><pre>{}</pre></details>",
        csv_link(csv),
        esc(csv)
    );
    o.push_str("</body></html>\n");
}

/// The report as one HTML page.
pub fn html(s: &Summary, cmp: Option<&Vergelijking>, name_a: &str, name_b: &str) -> String {
    let mut o = String::new();
    let title = format!("Simulatie: {}", s.reglement);
    page_start(&mut o, &title);
    let _ = write!(
        o,
        "<p class=\"meta\">{}{} · periode {} tot en met {} · zaad {} · weigerkans {} · {} · bron {}</p>",
        esc(name_a),
        s.versie.as_ref().map(|v| format!(" (versie {})", esc(v))).unwrap_or_default(),
        nl::date(s.van),
        nl::date(s.tot),
        s.zaad,
        esc(&s.weigerkans.replace('.', ",")),
        format_args!(
            "{} kandidaten op de lijst{}{}",
            nl::thousands(s.kandidaten_op_lijst),
            if s.voorkeur_buiten_werkingsgebied > 0 {
                format!(
                    ", {} met een voorkeur enkel buiten het werkingsgebied (op geen lijst)",
                    nl::thousands(s.voorkeur_buiten_werkingsgebied)
                )
            } else {
                String::new()
            },
            if s.geweigerd > 0 {
                format!(" ({} rijen geweigerd)", nl::thousands(s.geweigerd))
            } else {
                String::new()
            }
        ),
        esc(&s.bron_hash)
    );
    summary_sections(&mut o, s);
    quota_section(&mut o, s);
    if let Some(v) = cmp {
        let intro = format!(
            "Dezelfde lijst en dezelfde woningen. A: {name_a} ({}) · B: {name_b} ({})",
            v.a.bron_hash, v.b.bron_hash
        );
        comparison_section(&mut o, v, &intro, true);
    }
    let csv = match cmp {
        Some(v) => write::summary_csv(&[("A", &v.a), ("B", &v.b)]),
        None => write::summary_csv(&[("A", s)]),
    };
    page_end(&mut o, &csv, "simulatie.csv");
    o
}
