//! What the fuzz targets check, shared with `cargo test`: every function
//! takes any bytes and panics when a promise of the readers breaks. The
//! fuzz targets (`fuzz/fuzz_targets/*.rs`) call them on libFuzzer's
//! inputs; `tests/fuzz_regressions.rs` calls them on every input kept in
//! `fuzz/regressions/<target>/`, and `tests/readers.rs` on proptest's.
//!
//! The promises:
//! - nothing panics (the targets and tests are built with overflow checks,
//!   so a wrapped sum panics too);
//! - **the accounting**: a reader returns one record or one rejection per
//!   record of the file, counted here independently of the reader (a
//!   non-blank line after the header, or an element of the JSON array),
//!   and a ranking accounts for every record: gelezen = gerangschikt +
//!   uitgesloten + geweigerd, one output row each;
//! - no message repeats a control character or an unbounded value.
#![allow(dead_code)]

use reglement::engine::read::{self, Format};
use reglement::engine::{self, woning, Batch, Pillar, Request, Target};
use reglement::plan::Plan;
use std::sync::OnceLock;

const KEMPEN: &str = include_str!("../examples/kempen.reglement");
const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

/// The Kempen example, compiled once.
pub fn kempen() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let loader = reglement::MemoryLoader::default().with("kempen-regio.reglement", REGIO);
        let analysis = reglement::analyze("kempen.reglement", KEMPEN, &loader);
        reglement::plan::compile(&analysis).expect("the Kempen example compiles")
    })
}

/// The records of a CSV file, counted without the reader: after a UTF-8
/// BOM, the lines (LF or CRLF if the file holds a line feed, else CR) that
/// hold more than spaces and tabs, after the first such line (the header).
/// `None` without a header.
pub fn csv_records(data: &[u8]) -> Option<usize> {
    let data = data
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data);
    let end = if data.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut lines: Vec<&[u8]> = data.split(|&c| c == end).collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let mut filled = lines.into_iter().filter(|l| {
        let l = if end == b'\n' {
            l.strip_suffix(b"\r").unwrap_or(l)
        } else {
            l
        };
        !l.iter().all(|&c| c == b' ' || c == b'\t')
    });
    filled.next()?;
    Some(filled.count())
}

/// The elements of a JSON array, counted by serde without the reader.
pub fn json_records(data: &[u8]) -> Option<usize> {
    let data = data
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data);
    serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(data)
        .ok()
        .map(|v| v.len())
}

/// A message fit to show: no control character but a line end, bounded.
pub fn check_message(m: &str) {
    assert!(
        !m.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in a message: {m:?}"
    );
    assert!(m.len() < 20_000, "a message of {} bytes", m.len());
}

fn check_batch(batch: &Batch, records: usize) {
    assert_eq!(
        batch.read_count(),
        records,
        "every record is read or rejected"
    );
    for r in &batch.rejected {
        check_message(&r.render(&batch.bestand));
        if let Some(d) = &r.dossier {
            check_message(d);
        }
    }
    for w in &batch.warnings {
        check_message(w);
    }
}

/// Rank `batch` for one request; the accounting must hold.
fn rank_checked(plan: &Plan, batch: &Batch, request: &Request, write: bool) {
    let Ok(prepared) = engine::Prepared::new(plan, request) else {
        return;
    };
    let ranked = engine::rank_batch(&prepared, batch);
    let s = ranked.samenvatting();
    assert_eq!(s.gelezen, batch.read_count());
    assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
    assert_eq!(ranked.rows(false).count(), s.gelezen);
    for r in &ranked.rejected {
        check_message(&r.render(&batch.bestand));
    }
    if write {
        let mut csv = Vec::new();
        engine::output::write_csv(&ranked, &mut csv).expect("in memory");
        let lines = csv.iter().filter(|&&c| c == b'\n').count();
        assert!(lines > s.gelezen, "a header and a row per record");
        let mut json = Vec::new();
        engine::output::write_json(&ranked, true, &mut json).expect("in memory");
        serde_json::from_slice::<serde_json::Value>(&json).expect("valid JSON");
        for row in ranked.rows(false).take(3) {
            if let Some(d) = row.dossier.as_deref() {
                let _ = ranked.trace(d);
            }
        }
    }
}

fn list(pijler: Pillar, gemeente: &str, doelgroep: Option<&str>) -> Request {
    Request {
        peildatum: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("date"),
        target: Target::Lijst {
            pijler,
            gemeente: gemeente.to_string(),
            doelgroep: doelgroep.map(str::to_string),
        },
        verklaringen: false,
    }
}

/// Any bytes as a reglement: parse, check, render and compile never panic.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let loader = reglement::MemoryLoader::default().with("kempen-regio.reglement", REGIO);
    let analysis = reglement::analyze("fuzz.reglement", &text, &loader);
    let _ =
        reglement::diagnostic::render::render_text(&analysis.diagnostics, &analysis.sources, false);
    let _ = reglement::diagnostic::render::to_json(&analysis.diagnostics, &analysis.sources);
    if let Ok(p) = reglement::plan::compile(&analysis) {
        let json = reglement::plan::to_json(&p);
        // a compiled plan is within the bounds a plan read from a file must keep
        assert_eq!(reglement::plan::bounds::check(&p), Ok(()), "{json}");
    }
}

/// Any bytes as a candidates CSV file: the records are the lines, in any
/// number of chunks; ranked, every one is accounted for.
pub fn candidates_csv(data: &[u8]) {
    let Ok(batch) = read::read_csv(data, "kandidaten.csv") else {
        return;
    };
    let records = csv_records(data).expect("a file that was read has a header");
    check_batch(&batch, records);
    for n in [2, 7] {
        let other = read::read_csv_in_chunks(data, "kandidaten.csv", Some(n)).expect("read once");
        assert_eq!(other.rejected, batch.rejected, "{n} chunks");
        assert_eq!(other.records.len(), batch.records.len(), "{n} chunks");
    }
    rank_checked(
        kempen(),
        &batch,
        &list(Pillar::Versneld, "Turnhout", None),
        false,
    );
}

/// Any bytes as a candidates JSON file: one record or rejection per element.
pub fn candidates_json(data: &[u8]) {
    let Ok(batch) = read::read_json(data, "kandidaten.json") else {
        return;
    };
    let records = json_records(data).expect("a file that was read is an array");
    check_batch(&batch, records);
    rank_checked(
        kempen(),
        &batch,
        &list(Pillar::Versneld, "Turnhout", None),
        false,
    );
}

/// Any bytes as a dwellings file (the first byte picks CSV or JSON): every
/// record is a dwelling or refused with an error; the simulation's reading
/// (against the Kempen plan) lists an error for every refused one.
pub fn dwellings(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first % 2 == 0 {
        Format::Csv
    } else {
        Format::Json
    };
    let Ok(rows) = woning::read_rows(rest, format, "woningen", &|_| Vec::new()) else {
        return;
    };
    let records = match format {
        Format::Csv => csv_records(rest),
        Format::Json => json_records(rest),
    }
    .expect("a file that was read has records");
    assert_eq!(rows.records, records, "every record is counted");
    assert_eq!(rows.rows.len() + rows.refused, rows.records);
    assert!(rows.errors.len() >= rows.refused);
    for e in &rows.errors {
        check_message(e);
    }
    match reglement::simulate::dwellings::read(rest, format, "woningen", kempen()) {
        Ok(list) => assert_eq!(list.len(), rows.records),
        Err(e) => check_message(&e),
    }
}

/// Any bytes as a plan JSON: a plan within its bounds ranks and simulates
/// without a wrapped number (these targets are built with overflow checks).
pub fn plan_json(data: &[u8]) {
    let Ok(plan) = serde_json::from_slice::<Plan>(data) else {
        return;
    };
    if reglement::plan::bounds::check(&plan).is_err() {
        return;
    }
    let batch = sample_batch();
    for g in plan.werkingsgebied.gemeenten.iter().take(3) {
        for pijler in [Pillar::Standaard, Pillar::Versneld] {
            rank_checked(&plan, batch, &list(pijler, &g.naam, None), true);
        }
        for d in plan.doelgroepen.iter().flat_map(|d| &d.groepen).take(2) {
            rank_checked(
                &plan,
                batch,
                &list(Pillar::Doelgroepen, &g.naam, Some(&d.code)),
                false,
            );
        }
    }
    let _ = reglement::diff::diff(kempen(), &plan);
    simulate_checked(&plan, batch, None, 0);
}

/// The example candidates (and a few odd ones), read once.
fn sample_batch() -> &'static Batch {
    static BATCH: OnceLock<Batch> = OnceLock::new();
    BATCH.get_or_init(|| {
        let mut text = include_str!("../examples/kandidaten.csv").to_string();
        text.push_str("K-9001,1900-01-01,gezin,999,999,999999999.99,opvang,gemeente,doorstromer;kansarmoede,Turnhout,Turnhout,Turnhout@1900-01-01..\n");
        text.push_str("K-9002,2199-12-31,alleenstaande,1,0,0,,,,,,\n");
        read::read_csv(text.as_bytes(), "kandidaten.csv").expect("the examples read")
    })
}

/// Any bytes as the engine's input on the Kempen plan: every request, the
/// outputs, explanations.
pub fn engine(data: &[u8]) {
    let Ok(batch) = read::read_csv(data, "kandidaten.csv") else {
        return;
    };
    let plan = kempen();
    rank_checked(
        plan,
        &batch,
        &list(Pillar::Versneld, "Turnhout", None),
        true,
    );
    rank_checked(plan, &batch, &list(Pillar::Standaard, "Beerse", None), true);
    rank_checked(
        plan,
        &batch,
        &list(Pillar::Doelgroepen, "Turnhout", Some("doorstromer")),
        true,
    );
    let woning = engine::Dwelling {
        woning: "W-1".into(),
        gemeente: "Turnhout".into(),
        slaapkamers: u32::from(data.first().copied().unwrap_or(2) % 6),
        soort: None,
        doelgroep: None,
        vrij_vanaf: None,
    };
    let request = Request {
        peildatum: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("date"),
        target: Target::Dwelling {
            woning,
            pijler: None,
        },
        verklaringen: false,
    };
    rank_checked(plan, &batch, &request, true);
}

/// A year of allocations on small inputs: the candidates CSV before the
/// first NUL byte, the dwellings CSV after it (or generated from the last
/// byte). Every candidate is accounted for, nobody housed twice, and the
/// fast allocator decides as the reference does.
pub fn simulate(data: &[u8]) {
    if data.len() > 8_000 {
        return;
    }
    let (candidates, dwellings) = match data.iter().position(|&c| c == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let Ok(batch) = read::read_csv(candidates, "kandidaten.csv") else {
        return;
    };
    let plan = kempen();
    let list = match dwellings {
        Some(d) => match reglement::simulate::dwellings::read(d, Format::Csv, "woningen.csv", plan)
        {
            Ok(list) => Some(list),
            Err(e) => return check_message(&e),
        },
        None => None,
    };
    simulate_checked(plan, &batch, list, data.last().copied().unwrap_or(0));
}

fn simulate_checked(
    plan: &Plan,
    batch: &Batch,
    list: Option<Vec<reglement::simulate::Vacancy>>,
    seed: u8,
) {
    use reglement::simulate::{self, dwellings as gen, Generation, Settings, Summary};
    let van = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let tot = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).expect("date");
    let list = match list {
        Some(l) => l,
        None => {
            let g = Generation {
                per_gemeente: gen::spread_by_patrimony(plan, u64::from(seed % 40)),
                bijzonder_promille: u32::from(seed) * 4,
            };
            match gen::generate(plan, &g, van, tot, u64::from(seed)) {
                Ok(l) => l,
                Err(e) => return check_message(&e),
            }
        }
    };
    let settings = Settings {
        van,
        tot,
        zaad: u64::from(seed),
        weigerkans: f64::from(seed % 3) / 4.0,
    };
    let Ok(sim) = simulate::simulate(plan, batch, &list, &settings) else {
        return;
    };
    let summary = Summary::new(&sim, plan, batch);
    assert_eq!(summary.kandidaten_gelezen, batch.read_count() as u64);
    assert_eq!(
        summary.kandidaten_gelezen,
        summary.kandidaten_op_lijst
            + summary.voorkeur_buiten_werkingsgebied
            + summary.ingeschreven_na_periode
            + summary.geweigerd
    );
    let mut housed = sim.housed();
    let n = housed.len();
    housed.sort_unstable();
    housed.dedup();
    assert_eq!(housed.len(), n, "nobody is housed twice");
    let _ = simulate::write::summary_text(&summary);
    let _ = simulate::write::log_csv(&sim.log(plan, batch));
}
