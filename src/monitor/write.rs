//! The monitor's report as text, CSV, JSON and one HTML page. The year's
//! figures are written by the simulation's own writers
//! ([`crate::simulate::write::summary_figures`], the report's sections), so
//! a register and a simulation read alike and compare line by line.

use super::audit::{pijler_name, Controle, Uitkomst};
use super::Monitor;
use crate::nl;
use crate::simulate::report;
use crate::simulate::summary::Vergelijking;
use crate::simulate::write::{self as sim_write, percent_one};
use std::fmt::Write as _;

/// The register against a simulation of the same year (`--simulatie`).
pub fn comparison(m: &Monitor, simulated: &crate::simulate::Summary) -> Vergelijking {
    Vergelijking {
        a: m.samenvatting.clone(),
        b: simulated.clone(),
        enkel_a: Vec::new(),
        enkel_b: Vec::new(),
    }
}

fn heading(m: &Monitor) -> String {
    let s = &m.samenvatting;
    format!(
        "Monitoring van {}{} — woonmaatschappij {}{}",
        s.reglement,
        s.versie
            .as_ref()
            .map(|v| format!(" (versie {v})"))
            .unwrap_or_default(),
        m.woonmaatschappij,
        m.regio
            .as_ref()
            .map(|r| format!(", regio {r}"))
            .unwrap_or_default()
    )
}

/// "register: 120 rijen gelezen = 117 gebruikt + 3 geweigerd (R0343: 1, …)".
pub fn accounting(m: &Monitor) -> String {
    let r = &m.rijen;
    let mut s = format!(
        "register {}: {} rijen gelezen = {} gebruikt + {} geweigerd",
        m.register,
        nl::thousands(r.gelezen),
        nl::thousands(r.gebruikt),
        nl::thousands(r.geweigerd)
    );
    if !r.per_code.is_empty() {
        let codes: Vec<String> = r
            .per_code
            .iter()
            .map(|(c, n)| format!("{c}: {n}"))
            .collect();
        s.push_str(&format!(" ({})", codes.join(", ")));
    }
    s
}

/// What the place in an explanation counts.
const PLACE_NOTE: &str = "(de plaats in de verklaring telt de hele lijst van die dag, ook wie het register eerder al een woning gaf)";

/// Who ranked higher, the two explanations (rules only) and the command
/// for the full one: what a deviation shows.
fn details(c: &Controle) -> String {
    let mut t = String::new();
    if !c.hoger.is_empty() {
        let _ = writeln!(t, "hoger gerangschikt: {}", c.hoger.join(", "));
    }
    let _ = writeln!(t, "{PLACE_NOTE}");
    for v in [&c.verklaring_verwacht, &c.verklaring_register]
        .into_iter()
        .flatten()
    {
        t.push_str(v);
    }
    let _ = writeln!(
        t,
        "volledige verklaring: reglement verklaar REGLEMENT {}",
        c.verklaar
    );
    t
}

fn outcome(c: &Controle) -> String {
    match c.uitkomst {
        Uitkomst::Klopt => "klopt".to_string(),
        Uitkomst::NietNaTeRekenen => format!(
            "niet na te rekenen: {}",
            c.reden.as_deref().unwrap_or("onbekend")
        ),
        Uitkomst::Afwijking => match c.plaats_register {
            Some(p) => {
                format!(
                    "AFWIJKING: volgens het reglement eerst {} ({} {} hoger gerangschikt)",
                    c.verwacht.as_deref().unwrap_or("-"),
                    c.hoger_aantal,
                    if c.hoger_aantal == 1 {
                        "kandidaat"
                    } else {
                        "kandidaten"
                    },
                ) + &format!("; het register koos plaats {p}")
            }
            None => format!(
                "AFWIJKING: {}; volgens het reglement eerst {}",
                c.reden.as_deref().unwrap_or("niet gerangschikt"),
                c.verwacht.as_deref().unwrap_or("niemand")
            ),
        },
    }
}

/// The report as text.
pub fn text(m: &Monitor, simulated: Option<&Vergelijking>) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", heading(m));
    let _ = writeln!(
        o,
        "periode {} tot en met {}; kandidatenlijst {}",
        nl::date(m.van),
        nl::date(m.tot),
        m.kandidaten
    );
    let _ = writeln!(o, "{}", accounting(m));
    o.push_str(&sim_write::summary_figures(&m.samenvatting));
    let _ = writeln!(o, "\nAandelen per gemeente (pijler 1–3)");
    for g in &m.per_gemeente {
        if g.toewijzingen == 0 {
            continue;
        }
        let _ = writeln!(
            o,
            "  {:<24} {:>5} toewijzingen  pijler 1 {:>6}  pijler 2 {:>6}  pijler 3 {:>6}",
            g.gemeente,
            g.toewijzingen,
            percent_one(g.aandeel_standaard),
            percent_one(g.aandeel_versneld),
            percent_one(g.aandeel_doelgroepen)
        );
    }
    if !m.doelen.is_empty() {
        let _ = writeln!(o, "\nDoelen van de evaluatie (het reglement)");
        for d in &m.doelen {
            let _ = writeln!(
                o,
                "  {:<36} doel {:<22} gemeten {:<12} {}",
                d.omschrijving,
                d.doel,
                d.waarde.as_deref().unwrap_or("-"),
                gehaald(d.gehaald)
            );
        }
        for e in &m.evaluatoren {
            let _ = writeln!(o, "  te bespreken door {e}");
        }
    }
    if !m.pijler3.is_empty() {
        let _ = writeln!(
            o,
            "\nPijler 3: toewijzingen in de periode tegenover de voorbehouden woningen van het reglement"
        );
        for q in &m.pijler3 {
            let _ = writeln!(
                o,
                "  {:<24} {:<20} {:>4} toegewezen, {:>4} voorbehouden",
                q.doelgroep, q.gemeente, q.toegewezen, q.voorbehouden
            );
        }
    }
    audit_text(&mut o, m);
    if !m.geweigerd.is_empty() {
        let _ = writeln!(o, "\nGeweigerde rijen van het register");
        for w in &m.geweigerd {
            let _ = writeln!(o, "  {} {}", w.code, w.melding);
        }
    }
    if let Some(v) = simulated {
        let _ = writeln!(
            o,
            "\nHet register tegenover de simulatie (A: register, B: simulatie)"
        );
        let _ = writeln!(o, "  {:<44} {:>10} {:>10}", "", "A", "B");
        for (label, x, y) in sim_write::comparison_rows(v) {
            let _ = writeln!(o, "  {label:<44} {x:>10} {y:>10}");
        }
    }
    o
}

/// "alle 60 beslissingen nagerekend op de kandidatenlijst: 2 afwijkingen (regel 51, regel 60)".
fn all_line(m: &Monitor) -> String {
    let a = &m.steekproef.alle;
    let mut s = format!(
        "alle {} beslissingen nagerekend op {} (zonder verklaring): {} {}",
        a.nagerekend,
        m.kandidaten,
        a.afwijkingen,
        if a.afwijkingen == 1 {
            "afwijking"
        } else {
            "afwijkingen"
        }
    );
    if !a.plaatsen.is_empty() {
        let shown: Vec<&str> = a
            .plaatsen
            .iter()
            .take(50)
            .map(|p| p.rsplit_once(", ").map_or(p.as_str(), |(_, r)| r))
            .collect();
        s.push_str(&format!(" ({}", shown.join(", ")));
        if a.plaatsen.len() > 50 {
            s.push_str(&format!(" en {} andere", a.plaatsen.len() - 50));
        }
        s.push(')');
    }
    s
}

/// "gehaald", "NIET gehaald", "niet te meten".
fn gehaald(g: Option<bool>) -> &'static str {
    match g {
        Some(true) => "gehaald",
        Some(false) => "NIET gehaald",
        None => "niet te meten",
    }
}

fn audit_text(o: &mut String, m: &Monitor) {
    let s = &m.steekproef;
    let _ = writeln!(
        o,
        "\nSteekproef: {} van {} beslissingen uit de wachtlijst ({}, zaad {}): {} kloppen, {} afwijkingen, {} niet na te rekenen",
        s.getrokken,
        s.beslissingen,
        nl::percent(i64::from(s.aandeel)),
        s.zaad,
        s.klopt,
        s.afwijkingen,
        s.niet_na_te_rekenen
    );
    let _ = writeln!(o, "  {}", all_line(m));
    for c in &s.controles {
        let _ = writeln!(
            o,
            "  {} · {} · woning {} ({}) · {} · dossier {}: {}",
            c.plaats,
            c.datum,
            c.woning,
            c.gemeente,
            pijler_name(c.pijler),
            c.dossier,
            outcome(c)
        );
        if c.uitkomst != Uitkomst::Afwijking {
            continue;
        }
        for line in details(c).lines() {
            let _ = writeln!(o, "    {line}");
        }
    }
}

/// The indicators as CSV, one row per number (`onderdeel,sleutel,maat,waarde`):
/// the simulation's summary rows (as `versie` A, the register), then the
/// register's accounting, the shares per gemeente, pijler 3 and the audit.
pub fn csv(m: &Monitor) -> String {
    let mut out = sim_write::summary_csv(&[("register", &m.samenvatting)]);
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let mut row = |a: &str, b: &str, c: &str, v: String| {
        let _ = w.write_record(["register", a, b, c, v.as_str()]);
    };
    row("register", "", "rijen_gelezen", m.rijen.gelezen.to_string());
    row(
        "register",
        "",
        "rijen_gebruikt",
        m.rijen.gebruikt.to_string(),
    );
    row(
        "register",
        "",
        "rijen_geweigerd",
        m.rijen.geweigerd.to_string(),
    );
    for (code, n) in &m.rijen.per_code {
        row("register", code.as_str(), "rijen_geweigerd", n.to_string());
    }
    for g in &m.per_gemeente {
        row(
            "gemeente",
            &g.gemeente,
            "toewijzingen",
            g.toewijzingen.to_string(),
        );
        row(
            "gemeente",
            &g.gemeente,
            "aandeel_standaard",
            g.aandeel_standaard.to_string(),
        );
        row(
            "gemeente",
            &g.gemeente,
            "aandeel_versneld",
            g.aandeel_versneld.to_string(),
        );
        row(
            "gemeente",
            &g.gemeente,
            "aandeel_doelgroepen",
            g.aandeel_doelgroepen.to_string(),
        );
    }
    for q in &m.pijler3 {
        let key = format!("{}@{}", q.doelgroep, q.gemeente);
        row("pijler3", &key, "toegewezen", q.toegewezen.to_string());
        row("pijler3", &key, "voorbehouden", q.voorbehouden.to_string());
    }
    for d in &m.doelen {
        row("doel", &d.omschrijving, "doel", d.doel.clone());
        row(
            "doel",
            &d.omschrijving,
            "gemeten",
            d.waarde.clone().unwrap_or_default(),
        );
        row(
            "doel",
            &d.omschrijving,
            "gehaald",
            gehaald(d.gehaald).to_string(),
        );
    }
    let s = &m.steekproef;
    row("steekproef", "", "getrokken", s.getrokken.to_string());
    row("steekproef", "", "klopt", s.klopt.to_string());
    row("steekproef", "", "afwijkingen", s.afwijkingen.to_string());
    row(
        "steekproef",
        "",
        "niet_na_te_rekenen",
        s.niet_na_te_rekenen.to_string(),
    );
    for c in s
        .controles
        .iter()
        .filter(|c| c.uitkomst == Uitkomst::Afwijking)
    {
        row(
            "afwijking",
            &c.plaats,
            &c.dossier,
            c.verwacht.clone().unwrap_or_default(),
        );
    }
    out.push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    out
}

/// The report as JSON.
pub fn json(m: &Monitor, simulated: Option<&Vergelijking>) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        monitor: &'a Monitor,
        #[serde(skip_serializing_if = "Option::is_none")]
        simulatie: Option<&'a crate::simulate::Summary>,
    }
    let mut s = serde_json::to_string_pretty(&Out {
        monitor: m,
        simulatie: simulated.map(|v| &v.b),
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

/// The report as one HTML page, in the look of the simulation's report.
pub fn html(m: &Monitor, simulated: Option<&Vergelijking>) -> String {
    let esc = report::esc;
    let mut o = String::new();
    report::page_start(&mut o, &format!("Monitoring: {}", m.samenvatting.reglement));
    let _ = write!(
        o,
        "<p class=\"meta\">{} · periode {} tot en met {} · kandidatenlijst {} · {} · bron {}</p>",
        esc(&heading(m)),
        nl::date(m.van),
        nl::date(m.tot),
        esc(&m.kandidaten),
        esc(&accounting(m)),
        esc(&m.samenvatting.bron_hash)
    );
    report::summary_sections(&mut o, &m.samenvatting);
    o.push_str("<h2>Aandelen per gemeente</h2><table><tr><th>gemeente</th><th>toewijzingen pijler 1–3</th><th>pijler 1</th><th>pijler 2</th><th>pijler 3</th></tr>");
    for g in m.per_gemeente.iter().filter(|g| g.toewijzingen > 0) {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.gemeente),
            g.toewijzingen,
            percent_one(g.aandeel_standaard),
            percent_one(g.aandeel_versneld),
            percent_one(g.aandeel_doelgroepen)
        );
    }
    o.push_str("</table>");
    if !m.doelen.is_empty() {
        o.push_str("<h2>Doelen van de evaluatie</h2><div class=\"tiles\">");
        for d in &m.doelen {
            report::tile(
                &mut o,
                &format!("{} (doel {})", d.omschrijving, d.doel),
                d.waarde.clone().unwrap_or_else(|| "-".to_string()),
                d.gehaald,
            );
        }
        o.push_str("</div>");
        for e in &m.evaluatoren {
            let _ = write!(o, "<p>Te bespreken door {}.</p>", esc(e));
        }
    }
    if !m.pijler3.is_empty() {
        o.push_str("<h2>Pijler 3 tegenover de voorbehouden woningen</h2><table><tr><th>doelgroep</th><th>gemeente</th><th>toegewezen</th><th>voorbehouden</th></tr>");
        for q in &m.pijler3 {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&q.doelgroep),
                esc(&q.gemeente),
                q.toegewezen,
                q.voorbehouden
            );
        }
        o.push_str("</table>");
    }
    let s = &m.steekproef;
    let _ = write!(o, "<h2>Steekproef</h2><div class=\"tiles\">");
    report::tile(
        &mut o,
        &format!(
            "getrokken van {} beslissingen ({}, zaad {})",
            s.beslissingen,
            nl::percent(i64::from(s.aandeel)),
            s.zaad
        ),
        s.getrokken.to_string(),
        None,
    );
    report::tile(
        &mut o,
        "kloppen met het reglement",
        s.klopt.to_string(),
        None,
    );
    // the sample's count, and the count over every decision (the lists of
    // the replay, no explanation): both are computed, so both are shown
    report::tile(
        &mut o,
        &format!(
            "afwijkingen in de steekproef ({} van {})",
            s.getrokken, s.beslissingen
        ),
        s.afwijkingen.to_string(),
        Some(s.afwijkingen == 0),
    );
    report::tile(
        &mut o,
        &format!(
            "afwijkingen in alle {} beslissingen (zonder verklaring)",
            s.alle.nagerekend
        ),
        s.alle.afwijkingen.to_string(),
        Some(s.alle.afwijkingen == 0),
    );
    report::tile(
        &mut o,
        "niet na te rekenen",
        s.niet_na_te_rekenen.to_string(),
        None,
    );
    let _ = write!(o, "</div><p>{}</p>", esc(&all_line(m)));
    o.push_str("<table><tr><th>plaats</th><th>datum</th><th>woning</th><th>pijler</th><th>dossier</th><th>uitkomst</th></tr>");
    for c in &s.controles {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(c
                .plaats
                .rsplit_once(", ")
                .map_or(c.plaats.as_str(), |(_, r)| r)),
            c.datum,
            esc(&c.woning),
            esc(&c.gemeente),
            c.pijler.number(),
            esc(&c.dossier),
            esc(&outcome(c))
        );
    }
    o.push_str("</table>");
    for c in s
        .controles
        .iter()
        .filter(|c| c.uitkomst == Uitkomst::Afwijking)
    {
        let t = details(c);
        let _ = write!(
            o,
            "<details open><summary>{} · dossier {}</summary><pre>{}</pre></details>",
            esc(&c.plaats),
            esc(&c.dossier),
            esc(&t)
        );
    }
    if !m.geweigerd.is_empty() {
        let _ = write!(
            o,
            "<h2>Geweigerde rijen van het register</h2><p>{}</p><pre>",
            esc(&accounting(m))
        );
        for w in &m.geweigerd {
            let _ = writeln!(o, "{} {}", w.code, esc(&w.melding));
        }
        o.push_str("</pre>");
    }
    if let Some(v) = simulated {
        report::comparison_section(
            &mut o,
            v,
            "A: het register (wat werd toegewezen) · B: de simulatie van hetzelfde jaar (wat het reglement zou geven)",
            false,
        );
    }
    page_end(&mut o, m);
    o
}

fn page_end(o: &mut String, m: &Monitor) {
    report::page_end(o, &csv(m), "monitoring.csv");
}
