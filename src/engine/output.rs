//! Writing a ranking: CSV (streamed from the compact form, formatted in
//! parallel), JSON (streamed row by row) and a table for the terminal.
//!
//! Columns (docs/gegevens.md): `rang`, `dossier`, `pijler`, `status`; for pijler 2
//! `totaal` and one `punten_<criterium>` column per criterion; for pijler 1
//! and 3 `woonbinding` (the tier reached); then `inschrijvingsdatum` and
//! `reden` (the excluding rule with its article, or the input error with its
//! place). Rows: ranked in order, then excluded by dossier, then rejected in
//! input order.

use super::outcome::{Exclusion, Status};
use super::{fields, Ranked, Row};
#[cfg(not(target_arch = "wasm32"))]
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::io::{self, Write};

/// The output formats of a ranking (`--formaat`); the input's is [`super::read::Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Een leesbare tabel voor de terminal.
    Tabel,
    /// CSV met een kop, één rij per kandidaat.
    Csv,
    /// JSON met de samenvatting en een object per kandidaat.
    Json,
}

/// Registration dates formatted once: a file spans a few thousand days.
struct DateTable {
    first: fields::Day,
    text: Vec<[u8; 10]>,
}

impl DateTable {
    fn new(r: &Ranked) -> DateTable {
        let days = r.batch.records.iter().map(|x| x.inschrijving);
        let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        if lo > hi || hi - lo > 400_000 {
            return DateTable {
                first: 0,
                text: Vec::new(),
            };
        }
        let text = (lo..=hi)
            .map(|d| {
                let mut b = Vec::with_capacity(10);
                fields::write_day(&mut b, d);
                let mut a = [b'0'; 10];
                a.copy_from_slice(&b[..10]);
                a
            })
            .collect();
        DateTable { first: lo, text }
    }

    #[inline]
    fn write(&self, out: &mut Vec<u8>, day: fields::Day) {
        match self.text.get(day.wrapping_sub(self.first) as usize) {
            Some(t) if day >= self.first => out.extend_from_slice(t),
            _ => fields::write_day(out, day),
        }
    }
}

/// The CSV header.
pub fn csv_header(r: &Ranked) -> Vec<String> {
    let mut h: Vec<String> = ["rang", "dossier", "pijler", "status"]
        .map(String::from)
        .to_vec();
    if r.stride > 0 {
        h.push("totaal".into());
        for c in r.criteria() {
            h.push(format!("punten_{c}"));
        }
    } else {
        h.push("woonbinding".into());
    }
    if by_age(r) {
        h.push("leeftijdsgroep".into());
    }
    h.push("inschrijvingsdatum".into());
    h.push("reden".into());
    h
}

/// Pijler 3 with `eerst de oudsten`: a column with the age step.
fn by_age(r: &Ranked) -> bool {
    r.prepared
        .p3_group()
        .is_some_and(|g| g.oudsten_eerst.is_some())
}

/// Append a CSV field, quoted when it must be (RFC 4180).
fn field(out: &mut Vec<u8>, s: &[u8]) {
    if s.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for &c in s {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s);
    }
}

fn num(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Write the ranking as CSV.
pub fn write_csv<W: Write + Send>(r: &Ranked, w: &mut W) -> io::Result<()> {
    let mut head = Vec::new();
    for (i, h) in csv_header(r).iter().enumerate() {
        if i > 0 {
            head.push(b',');
        }
        field(&mut head, h.as_bytes());
    }
    head.push(b'\n');
    w.write_all(&head)?;

    let p = r.prepared;
    let pijler = p.pijler.label().as_bytes();
    // the reason text of each distinct exclusion, once, CSV-quoted
    let mut reasons: FxHashMap<Exclusion, Vec<u8>> = FxHashMap::default();
    for &i in &r.excluded {
        if let Some(ex) = r.outcomes[i as usize].exclusion {
            reasons.entry(ex).or_insert_with(|| {
                let mut b = Vec::new();
                field(&mut b, p.reden_kort(ex).as_bytes());
                b
            });
        }
    }
    let dates = DateTable::new(r);
    let age_column = by_age(r);
    let format_record = |out: &mut Vec<u8>, i: usize, rang: Option<u32>| {
        let rec = &r.batch.records[i];
        let o = &r.outcomes[i];
        if let Some(n) = rang {
            num(out, n);
        }
        out.push(b',');
        field(out, r.batch.dossier_bytes(rec));
        out.push(b',');
        out.extend_from_slice(pijler);
        out.push(b',');
        out.extend_from_slice(o.status.label().as_bytes());
        out.push(b',');
        if r.stride > 0 {
            num(out, o.total);
            for k in 0..r.stride {
                out.push(b',');
                num(out, r.points[i * r.stride + k]);
            }
        } else {
            out.extend_from_slice(p.tier_label(o.tier).as_bytes());
        }
        if age_column {
            out.push(b',');
            if let Some(l) = p.age_step_label(o) {
                field(out, l.as_bytes());
            }
        }
        out.push(b',');
        dates.write(out, rec.inschrijving);
        out.push(b',');
        if let Some(ex) = o.exclusion {
            if let Some(text) = reasons.get(&ex) {
                out.extend_from_slice(text);
            }
        } else if let Some(text) = p.route_text(o) {
            field(out, text.as_bytes());
        }
        out.push(b'\n');
    };
    // Ranked rows then excluded rows, in blocks: the rows of a block are
    // formatted in parallel while a writer thread writes the previous block;
    // the buffers go back to be reused.
    const ROWS: usize = 1 << 14;
    const BLOCK: usize = ROWS * 8;
    let blocks: Vec<(&[u32], Option<usize>)> = r
        .ranked
        .chunks(BLOCK)
        .enumerate()
        .map(|(bi, b)| (b, Some(bi * BLOCK + 1)))
        .chain(r.excluded.chunks(BLOCK).map(|b| (b, None)))
        .collect();
    // no threads in the browser (wasm32): the same rows, block by block
    #[cfg(target_arch = "wasm32")]
    for (block, first) in blocks {
        let mut out = Vec::with_capacity(block.len() * 160);
        for (j, &i) in block.iter().enumerate() {
            format_record(&mut out, i as usize, first.map(|f| (f + j) as u32));
        }
        w.write_all(&out)?;
    }
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::scope(|scope| -> io::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
        let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<Vec<u8>>>();
        let w = &mut *w;
        let writer = scope.spawn(move || -> io::Result<()> {
            for parts in rx {
                for p in &parts {
                    w.write_all(p)?;
                }
                let _ = back_tx.send(parts);
            }
            Ok(())
        });
        for (block, first) in blocks {
            let mut bufs = back_rx.try_recv().unwrap_or_default();
            bufs.resize_with(block.len().div_ceil(ROWS), Vec::new);
            block
                .par_chunks(ROWS)
                .zip(bufs.par_iter_mut())
                .enumerate()
                .for_each(|(ci, (rows, out))| {
                    out.clear();
                    out.reserve(rows.len() * 160);
                    for (j, &i) in rows.iter().enumerate() {
                        let rang = first.map(|f| (f + ci * ROWS + j) as u32);
                        format_record(out, i as usize, rang);
                    }
                });
            if tx.send(bufs).is_err() {
                break; // the writer stopped on an error; join reports it
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("de schrijver stopte onverwacht")))
    })?;
    // rejected
    let mut out = Vec::new();
    let empty_cols = if r.stride > 0 { 1 + r.stride } else { 1 } + usize::from(age_column);
    for rej in &r.rejected {
        out.push(b',');
        if let Some(d) = &rej.dossier {
            field(&mut out, d.as_bytes());
        }
        out.push(b',');
        out.extend_from_slice(pijler);
        out.push(b',');
        out.extend_from_slice(Status::Geweigerd.label().as_bytes());
        out.extend(std::iter::repeat_n(b',', empty_cols));
        out.extend_from_slice(b",,");
        field(&mut out, rej.render(&r.batch.bestand).as_bytes());
        out.push(b'\n');
    }
    w.write_all(&out)?;
    Ok(())
}

/// The head of a JSON ranking, in the order a reader wants it.
#[derive(serde::Serialize)]
struct JsonHead<'a> {
    schema: &'static str,
    reglement: JsonPlan<'a>,
    pijler: super::Pillar,
    gemeente: &'a str,
    woning: Option<&'a str>,
    peildatum: chrono::NaiveDate,
    criteria: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    doorverwezen: &'a [super::Doorverwezen],
    samenvatting: super::RankingSummary,
}

#[derive(serde::Serialize)]
struct JsonPlan<'a> {
    woonmaatschappij: &'a str,
    versie: Option<&'a str>,
    bron_hash: &'a str,
}

/// Write the ranking as JSON: the request, the summary and a row per
/// candidate (with its explanation when `verklaringen`).
pub fn write_json<W: Write>(r: &Ranked, verklaringen: bool, w: &mut W) -> io::Result<()> {
    let p = r.prepared;
    let head = JsonHead {
        schema: "reglement-rangschikking/1",
        reglement: JsonPlan {
            woonmaatschappij: &p.plan.reglement.woonmaatschappij,
            versie: p.plan.reglement.versie.as_deref(),
            bron_hash: &p.plan.reglement.bron_hash,
        },
        pijler: p.pijler,
        gemeente: p.gemeente_name(),
        woning: p.woning.as_ref().map(|w| w.woning.as_str()),
        peildatum: p.request.peildatum,
        criteria: r.criteria(),
        doorverwezen: &p.doorverwezen,
        samenvatting: r.samenvatting(),
    };
    let mut text = serde_json::to_string_pretty(&head).map_err(io::Error::other)?;
    // open the object again to add the rows
    text.truncate(text.trim_end().len() - 1);
    let text = text.trim_end().to_string();
    w.write_all(text.as_bytes())?;
    w.write_all(b",\n  \"rijen\": [")?;
    let mut first = true;
    for row in r.rows(verklaringen) {
        w.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        serde_json::to_writer(&mut *w, &row).map_err(io::Error::other)?;
    }
    w.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
    Ok(())
}

/// The ranking as a table for a person.
pub fn table(r: &Ranked) -> String {
    let criteria = r.criteria();
    let mut head: Vec<String> = vec!["rang".into(), "dossier".into(), "status".into()];
    if r.stride > 0 {
        head.push("totaal".into());
        head.extend(criteria.iter().cloned());
    } else {
        head.push("woonbinding".into());
    }
    let age_column = by_age(r);
    if age_column {
        head.push("leeftijdsgroep".into());
    }
    head.push("inschrijving".into());
    head.push("reden".into());
    let rows: Vec<Vec<String>> = r
        .rows(false)
        .map(|row: Row| {
            let mut cells = vec![
                row.rang.map(|n| n.to_string()).unwrap_or_default(),
                row.dossier.clone().unwrap_or_default(),
                row.status.label().to_string(),
            ];
            if r.stride > 0 {
                cells.push(row.totaal.map(|n| n.to_string()).unwrap_or_default());
                if row.punten.is_empty() {
                    cells.extend(criteria.iter().map(|_| String::new()));
                } else {
                    cells.extend(row.punten.iter().map(|p| p.punten.to_string()));
                }
            } else {
                cells.push(row.woonbinding.clone().unwrap_or_default());
            }
            if age_column {
                cells.push(row.leeftijdsgroep.clone().unwrap_or_default());
            }
            cells.push(
                row.inschrijvingsdatum
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            );
            cells.push(row.reden.clone().unwrap_or_default());
            cells
        })
        .collect();
    let n = head.len();
    let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (k, c) in row.iter().enumerate().take(n - 1) {
            width[k] = width[k].max(c.chars().count());
        }
    }
    // numbers right-aligned: rang, totaal and the points
    let numeric = |k: usize| k == 0 || (r.stride > 0 && (3..4 + criteria.len()).contains(&k));
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            if k + 1 == n {
                s.push_str(c);
            } else if numeric(k) {
                s.push_str(&format!("{:>w$}  ", c, w = width[k]));
            } else {
                s.push_str(&format!("{:<w$}  ", c, w = width[k]));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = String::new();
    let p = r.prepared;
    let woning = p.woning.as_ref().map_or("", |w| w.woning.as_str());
    for d in &p.doorverwezen {
        out.push_str(&format!("Woning {woning}: {}.\n", d.line()));
    }
    if let (Some(super::prepare::Voorbehoud::Reglement(h)), Some(g)) = (&p.voorbehoud, p.p3_group())
    {
        out.push_str(&format!(
            "Woning {woning} is voorbehouden voor doelgroep '{}': het reglement noemt ze bij de voorbehouden woningen ({}).\n",
            g.code,
            super::prepare::cite(h)
        ));
    }
    if r.ranked.is_empty() && p.woning.is_some() {
        if let Some(g) = p.p3_group() {
            out.push_str(&format!(
                "Woning {woning}: geen kandidaat van doelgroep '{}'; {}.\n",
                g.code,
                match p.fallback() {
                    Some(z) if z.naar == crate::plan::Doorverwijzing::BlijftVoorbehouden => format!(
                        "volgens het reglement ({}) blijft ze voorbehouden",
                        super::prepare::cite(&z.herkomst)
                    ),
                    Some(_) => "de doorverwijzing van het reglement leidt naar een lijst die al geprobeerd werd: de woning blijft onverhuurd".to_string(),
                    None => "het reglement zegt niet wat er dan gebeurt: de woning blijft onverhuurd".to_string(),
                }
            ));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&line(&head));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}
