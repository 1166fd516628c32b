//! Writing a simulation: the allocation log (CSV, JSON), the summary (text,
//! CSV) and the comparison of two versions. Byte-identical for the same
//! inputs: nothing here reads the clock or iterates a hash map.

use super::summary::{Summary, Toewijzing, Vergelijking, Wachttijd};
use super::AllocationPillar;
use crate::nl;
use serde::Serialize;
use std::fmt::Write as _;

/// The log's columns, in order.
pub const LOG_COLUMNS: [&str; 17] = [
    "volgnummer",
    "datum",
    "woning",
    "gemeente",
    "slaapkamers",
    "doelgroep",
    "bijzonder",
    "gepland",
    "pijler",
    "dossier",
    "inschrijvingsdatum",
    "wachttijd_dagen",
    "punten",
    "woonbinding",
    "weigeringen",
    "opmerking",
    "verklaring",
];

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// The allocation log as CSV (RFC 4180), one row per dwelling.
pub fn log_csv(rows: &[Toewijzing]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(LOG_COLUMNS);
    for r in rows {
        let _ = w.write_record([
            r.volgnummer.to_string(),
            r.datum.to_string(),
            r.woning.clone(),
            r.gemeente.clone(),
            r.slaapkamers.to_string(),
            opt(&r.doelgroep),
            opt(&r.bijzonder),
            r.gepland.map(|p| p.label().to_string()).unwrap_or_default(),
            r.pijler.map(|p| p.label().to_string()).unwrap_or_default(),
            opt(&r.dossier),
            opt(&r.inschrijvingsdatum),
            opt(&r.wachttijd_dagen),
            opt(&r.punten),
            opt(&r.woonbinding),
            r.weigeringen.join(";"),
            opt(&r.opmerking),
            opt(&r.verklaring),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// What the JSON log says about its inputs.
#[derive(Debug, Clone, Serialize)]
pub struct LogHeader {
    pub schema: &'static str,
    pub reglement: String,
    pub bron_hash: String,
    pub kandidaten: String,
    pub woningen: String,
    pub van: chrono::NaiveDate,
    pub tot: chrono::NaiveDate,
    pub zaad: u64,
    pub weigerkans: String,
    /// The command that explains one decision: append its `verklaring`.
    pub verklaar: String,
}

/// The schema tag of the JSON log.
pub const LOG_SCHEMA: &str = "reglement-simulatie/1";

#[derive(Serialize)]
struct LogJson<'a> {
    #[serde(flatten)]
    header: &'a LogHeader,
    toewijzingen: &'a [Toewijzing],
}

/// The allocation log as JSON, with its inputs.
pub fn log_json(header: &LogHeader, rows: &[Toewijzing]) -> String {
    let mut s = serde_json::to_string_pretty(&LogJson {
        header,
        toewijzingen: rows,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

/// Hundredths with one decimal, rounded half up: 1234 → "12,3".
pub fn one_decimal(v: i64) -> String {
    let tenths = (v + if v < 0 { -5 } else { 5 }) / 10;
    let sign = if tenths < 0 { "-" } else { "" };
    let a = tenths.unsigned_abs();
    format!("{sign}{},{}", nl::thousands(a / 10), a % 10)
}

/// Hundredths of a percent with one decimal: 7989 → "79,9%".
pub fn percent_one(v: i64) -> String {
    format!("{}%", one_decimal(v))
}

fn pillar_title(p: AllocationPillar) -> &'static str {
    match p {
        AllocationPillar::Standaard => "1 standaardtoewijzing",
        AllocationPillar::Versneld => "2 versnelde toewijzing",
        AllocationPillar::Doelgroepen => "3 specifieke doelgroepen",
        AllocationPillar::Bijzonder => "4 bijzondere toewijzingen",
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "ja"
    } else {
        "NEE"
    }
}

/// "412 dagen (1,1 jaar)".
pub fn days(d: Option<i64>) -> String {
    match d {
        None => "-".to_string(),
        Some(d) => format!("{d} d ({} jaar)", one_decimal(d * 100 / 365)),
    }
}

fn wait_line(w: &Wachttijd) -> String {
    format!(
        "{:<28} {:>6}  {:>18}  {:>18}  {:>18}",
        w.pijler.map_or("alle pijlers", pillar_title),
        w.aantal,
        days(w.q1),
        days(w.mediaan),
        days(w.q3)
    )
}

/// The summary as text for a terminal.
pub fn summary_text(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Simulatie van {}{}",
        s.reglement,
        s.versie
            .as_ref()
            .map(|v| format!(" (versie {v})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        o,
        "periode {} tot en met {}, zaad {}, weigerkans {}",
        nl::date(s.van),
        nl::date(s.tot),
        s.zaad,
        s.weigerkans.replace('.', ",")
    );
    o.push_str(&summary_figures(s));
    quota_text(&mut o, s);
    o
}

/// The figures of a summary as text, without its heading (a simulation's
/// or a register's, `monitor`).
pub fn summary_figures(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "kandidaten gelezen: {} = op de lijst {}{} + ingeschreven na de periode {} + geweigerd {}",
        nl::thousands(s.kandidaten_gelezen),
        nl::thousands(s.kandidaten_op_lijst),
        if s.voorkeur_buiten_werkingsgebied > 0 {
            format!(
                " + voorkeur buiten het werkingsgebied {}",
                nl::thousands(s.voorkeur_buiten_werkingsgebied)
            )
        } else {
            String::new()
        },
        nl::thousands(s.ingeschreven_na_periode),
        nl::thousands(s.geweigerd)
    );
    let _ = writeln!(
        o,
        "woningen vrijgekomen: {}{}",
        nl::thousands(s.woningen),
        if s.buiten_periode > 0 {
            format!(" ({} buiten de periode niet meegeteld)", s.buiten_periode)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        o,
        "toegewezen: {}; niet toegewezen: {}; van pijler 2 naar pijler 1 uitgeweken: {}; weigeringen: {}",
        s.toegewezen, s.niet_toegewezen, s.uitwijk_naar_standaard, s.weigeringen
    );
    if s.voorbehouden_doorverwezen + s.voorbehouden_onverhuurd > 0 {
        let _ = writeln!(
            o,
            "voorbehouden woningen zonder kandidaat van hun doelgroep: {} naar waar het reglement zegt ('zonder kandidaat'), {} onverhuurd (het reglement zegt niet wat er dan gebeurt, of dat ze voorbehouden blijven)",
            s.voorbehouden_doorverwezen, s.voorbehouden_onverhuurd
        );
    }
    let _ = writeln!(o, "\nToewijzingen per pijler");
    for p in &s.per_pijler {
        let _ = writeln!(
            o,
            "  {:<28} {:>6}  {}",
            pillar_title(p.pijler),
            p.aantal,
            p.aandeel
                .map_or("buiten de aandelen".to_string(), percent_one)
        );
    }
    let t = &s.toets;
    let counted: u64 = s
        .per_pijler
        .iter()
        .filter(|p| p.pijler != AllocationPillar::Bijzonder)
        .map(|p| p.aantal)
        .sum();
    let v = s
        .per_pijler
        .iter()
        .find(|p| p.pijler == AllocationPillar::Versneld);
    let st = s
        .per_pijler
        .iter()
        .find(|p| p.pijler == AllocationPillar::Standaard);
    let _ = writeln!(
        o,
        "\nToets aan de wettelijke aandelen (art. 6.24 §1 BVCW; pijler 1: Kempense nota)"
    );
    let _ = writeln!(
        o,
        "  pijler 2: {} van {} toewijzingen; wettelijk {} = {}: binnen één toewijzing: {}",
        v.map_or(0, |p| p.aantal),
        counted,
        nl::percent(t.versneld_wettelijk),
        nl::decimal(t.versneld_doel),
        yes(t.versneld_ok)
    );
    if !t.versneld_ok && s.uitwijk_naar_standaard > 0 {
        let _ = writeln!(
            o,
            "    waarom: {} keer kwam een woning pijler 2 toe maar paste geen kandidaat van pijler 2 (voorkeur, rationele bezetting, of de lijst was leeg); die woning ging naar pijler 1",
            s.uitwijk_naar_standaard
        );
    }
    let _ = writeln!(
        o,
        "  pijler 1: {}; wettelijk minstens {}: {}",
        st.and_then(|p| p.aandeel).map_or("-".into(), percent_one),
        nl::percent(t.standaard_minimaal),
        yes(t.standaard_ok)
    );
    if let Some(b) = t.basis_versneld_per_jaar {
        let _ = writeln!(
            o,
            "  basis van het reglement (gemiddelde van de vorige jaren): {} toewijzingen per jaar via pijler 2",
            nl::decimal(b)
        );
    }
    if s.per_gebied.len() > 1 {
        for g in &s.per_gebied {
            let _ = writeln!(
                o,
                "  {}: pijler 1 {}, pijler 2 {}, pijler 3 {}; pijler 2 binnen één toewijzing: {}; pijler 1 minstens {}: {}",
                g.gebied,
                g.standaard,
                g.versneld,
                g.doelgroepen,
                yes(g.versneld_ok),
                nl::percent(t.standaard_minimaal),
                yes(g.standaard_ok)
            );
        }
    }
    let d = &s.dringend;
    let _ = writeln!(
        o,
        "\nKandidaten met een bevestigde dringende woonnood (in een lijst van pijler 2)"
    );
    let _ = writeln!(
        o,
        "  op de lijst {}; gehuisvest via pijler 2: {}; via een andere pijler: {}; niet bereikt: {}",
        d.op_lijst, d.via_versneld, d.via_ander, d.niet_bereikt
    );
    let groups = [
        ("woonnood", &s.per_woonnood),
        ("doelgroep", &s.per_doelgroep),
    ];
    // one label column for both tables, as wide as their longest code
    let width = groups
        .iter()
        .flat_map(|(_, rows)| rows.iter())
        .map(|g| g.code.chars().count())
        .max()
        .unwrap_or(0)
        .max(28);
    for (what, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "\nGehuisvest per {what} (op de lijst → gehuisvest: pijler 1 / 2 / 3)"
        );
        for g in rows {
            let _ = writeln!(
                o,
                "  {:<width$} {:>7} → {:>5}: {} / {} / {}",
                g.code, g.op_lijst, g.gehuisvest, g.per_pijler[0], g.per_pijler[1], g.per_pijler[2]
            );
        }
    }
    let _ = writeln!(o, "\nWachttijd sinds inschrijving (kwartielen)");
    let _ = writeln!(
        o,
        "  {:<28} {:>6}  {:>18}  {:>18}  {:>18}",
        "", "aantal", "eerste kwartiel", "mediaan", "derde kwartiel"
    );
    for w in &s.wachttijd {
        let _ = writeln!(o, "  {}", wait_line(w));
    }
    let _ = writeln!(
        o,
        "\nPer gemeente (woningen: pijler 1 / 2 / 3 / 4, niet toegewezen)"
    );
    for g in &s.per_gemeente {
        let _ = writeln!(
            o,
            "  {:<20} {:>6}: {} / {} / {} / {}, {}",
            g.gemeente,
            g.woningen,
            g.per_pijler[0],
            g.per_pijler[1],
            g.per_pijler[2],
            g.per_pijler[3],
            g.niet_toegewezen
        );
    }
    o
}

/// The summary numbers as CSV, for one or more versions: one row per
/// number (`versie,onderdeel,sleutel,maat,waarde`).
pub fn summary_csv(versions: &[(&str, &Summary)]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(["versie", "onderdeel", "sleutel", "maat", "waarde"]);
    for (name, s) in versions {
        let mut row = |a: &str, b: &str, c: &str, v: String| {
            let _ = w.write_record([name, a, b, c, v.as_str()]);
        };
        for (measure, value) in [
            ("kandidaten_gelezen", s.kandidaten_gelezen),
            ("kandidaten_op_lijst", s.kandidaten_op_lijst),
            (
                "voorkeur_buiten_werkingsgebied",
                s.voorkeur_buiten_werkingsgebied,
            ),
            ("ingeschreven_na_periode", s.ingeschreven_na_periode),
            ("geweigerd", s.geweigerd),
            ("woningen", s.woningen),
            ("toegewezen", s.toegewezen),
            ("niet_toegewezen", s.niet_toegewezen),
            ("uitwijk_naar_standaard", s.uitwijk_naar_standaard),
            ("weigeringen", s.weigeringen),
        ] {
            // a measure of the central register, only when it occurs
            if measure == "voorkeur_buiten_werkingsgebied" && value == 0 {
                continue;
            }
            row("totaal", "", measure, value.to_string());
        }
        for p in &s.per_pijler {
            row("pijler", p.pijler.label(), "aantal", p.aantal.to_string());
            if let Some(a) = p.aandeel {
                row("pijler", p.pijler.label(), "aandeel_pct", nl::hundredths(a));
            }
        }
        let t = &s.toets;
        row(
            "toets",
            "versneld",
            "wettelijk_pct",
            nl::hundredths(t.versneld_wettelijk),
        );
        row("toets", "versneld", "doel", nl::hundredths(t.versneld_doel));
        row(
            "toets",
            "versneld",
            "binnen_een_toewijzing",
            t.versneld_ok.to_string(),
        );
        row(
            "toets",
            "standaard",
            "minimaal_pct",
            nl::hundredths(t.standaard_minimaal),
        );
        row("toets", "standaard", "gehaald", t.standaard_ok.to_string());
        for g in &s.per_gebied {
            row("gebied", &g.gebied, "standaard", g.standaard.to_string());
            row("gebied", &g.gebied, "versneld", g.versneld.to_string());
            row(
                "gebied",
                &g.gebied,
                "doelgroepen",
                g.doelgroepen.to_string(),
            );
        }
        for (part, groups) in [
            ("woonnood", &s.per_woonnood),
            ("doelgroep", &s.per_doelgroep),
        ] {
            for g in groups.iter() {
                row(part, &g.code, "op_lijst", g.op_lijst.to_string());
                row(part, &g.code, "gehuisvest", g.gehuisvest.to_string());
                for (k, p) in ["standaard", "versneld", "doelgroepen"].iter().enumerate() {
                    row(
                        part,
                        &g.code,
                        &format!("via_{p}"),
                        g.per_pijler[k].to_string(),
                    );
                }
            }
        }
        for wt in &s.wachttijd {
            let key = wt.pijler.map_or("alle", |p| p.label());
            row("wachttijd_dagen", key, "aantal", wt.aantal.to_string());
            row("wachttijd_dagen", key, "q1", opt(&wt.q1));
            row("wachttijd_dagen", key, "mediaan", opt(&wt.mediaan));
            row("wachttijd_dagen", key, "q3", opt(&wt.q3));
        }
        for g in &s.per_gemeente {
            row("gemeente", &g.gemeente, "woningen", g.woningen.to_string());
            for p in AllocationPillar::ALL {
                row(
                    "gemeente",
                    &g.gemeente,
                    p.label(),
                    g.per_pijler[p.number() - 1].to_string(),
                );
            }
            row(
                "gemeente",
                &g.gemeente,
                "niet_toegewezen",
                g.niet_toegewezen.to_string(),
            );
        }
        let d = &s.dringend;
        row("dringend", "", "op_lijst", d.op_lijst.to_string());
        row("dringend", "", "via_versneld", d.via_versneld.to_string());
        row("dringend", "", "via_ander", d.via_ander.to_string());
        row("dringend", "", "niet_bereikt", d.niet_bereikt.to_string());
        for m in &s.per_maand {
            for p in AllocationPillar::ALL {
                row(
                    "maand",
                    &m.maand,
                    p.label(),
                    m.per_pijler[p.number() - 1].to_string(),
                );
            }
            row(
                "maand",
                &m.maand,
                "versneld_cumulatief_pct",
                nl::hundredths(m.versneld_cumulatief),
            );
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The numbers of two versions side by side: a label, the value under A
/// and under B. The text summary and the HTML report show these rows.
pub fn comparison_rows(v: &Vergelijking) -> Vec<(String, String, String)> {
    let (a, b) = (&v.a, &v.b);
    let mut rows = Vec::new();
    let mut line = |label: &str, x: String, y: String| rows.push((label.to_string(), x, y));
    line(
        "toegewezen",
        a.toegewezen.to_string(),
        b.toegewezen.to_string(),
    );
    line(
        "niet toegewezen",
        a.niet_toegewezen.to_string(),
        b.niet_toegewezen.to_string(),
    );
    for (pa, pb) in a.per_pijler.iter().zip(&b.per_pijler) {
        line(
            pillar_title(pa.pijler),
            pa.aantal.to_string(),
            pb.aantal.to_string(),
        );
    }
    line(
        "dringend: gehuisvest via pijler 2",
        a.dringend.via_versneld.to_string(),
        b.dringend.via_versneld.to_string(),
    );
    line(
        "dringend: via een andere pijler",
        a.dringend.via_ander.to_string(),
        b.dringend.via_ander.to_string(),
    );
    line(
        "dringend: niet bereikt",
        a.dringend.niet_bereikt.to_string(),
        b.dringend.niet_bereikt.to_string(),
    );
    for (wa, wb) in a.wachttijd.iter().zip(&b.wachttijd) {
        line(
            &format!(
                "mediane wachttijd in dagen, {}",
                wa.pijler.map_or("alle pijlers", pillar_title)
            ),
            opt(&wa.mediaan),
            opt(&wb.mediaan),
        );
    }
    for (ga, gb) in a.per_woonnood.iter().filter_map(|ga| {
        b.per_woonnood
            .iter()
            .find(|gb| gb.code == ga.code)
            .map(|gb| (ga, gb))
    }) {
        line(
            &format!("gehuisvest met woonnood {}", ga.code),
            ga.gehuisvest.to_string(),
            gb.gehuisvest.to_string(),
        );
    }
    rows
}

/// Two versions side by side, and who is housed under one and not the other.
pub fn comparison_text(v: &Vergelijking, name_a: &str, name_b: &str) -> String {
    let (a, b) = (&v.a, &v.b);
    let mut o = String::new();
    let _ = writeln!(o, "Vergelijking op dezelfde lijst en dezelfde woningen");
    let _ = writeln!(o, "  A: {name_a} ({})", a.bron_hash);
    let _ = writeln!(o, "  B: {name_b} ({})", b.bron_hash);
    let _ = writeln!(o);
    let _ = writeln!(o, "  {:<44} {:>10} {:>10}", "", "A", "B");
    for (label, x, y) in comparison_rows(v) {
        let _ = writeln!(o, "  {label:<44} {x:>10} {y:>10}");
    }
    let _ = writeln!(
        o,
        "\nGehuisvest onder A en niet onder B: {}",
        v.enkel_a.len()
    );
    for chunk in v.enkel_a.chunks(8).take(25) {
        let _ = writeln!(o, "  {}", chunk.join(", "));
    }
    let _ = writeln!(o, "Gehuisvest onder B en niet onder A: {}", v.enkel_b.len());
    for chunk in v.enkel_b.chunks(8).take(25) {
        let _ = writeln!(o, "  {}", chunk.join(", "));
    }
    if v.enkel_a.len() > 200 || v.enkel_b.len() > 200 {
        let _ = writeln!(o, "  (de volledige lijsten staan in --formaat json)");
    }
    o
}

/// The quotas of pijler 3, one line each: target, filled, by labelled and
/// by non-labelled dwellings.
fn quota_text(o: &mut String, s: &Summary) {
    if s.per_quotum.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "\nVoorbehouden woningen (pijler 3) per doelgroep en gemeente: doel, gevuld (gelabelde woning + niet-gelabelde woning)"
    );
    if let Some(l) = &s.quotum_lezing {
        let _ = writeln!(o, "  gelezen als: {l}");
    }
    for q in &s.per_quotum {
        let _ = writeln!(
            o,
            "  {:<20} {:<16} doel {:>3}, gevuld {:>3} ({} + {})",
            q.doelgroep, q.gemeente, q.doel, q.gevuld, q.gelabeld, q.niet_gelabeld
        );
    }
}
