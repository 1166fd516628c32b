//! `reglement monitor`: a year as it was allocated, against the reglement.
//!
//! - the example register (examples/ijzer-en-zee-middelkerke-register-2025.csv)
//!   is the simulation's log of 2025 altered by hand in three places (README,
//!   "Toewijzingsregister"): line 51 (dossier K-0000130, allocated through
//!   pijler 2, written as pijler 1), line 60 (K-0000187 skipped: the
//!   dwelling went to K-0000286, who ranked lower) and line 62 (a dossier
//!   that is not on the list). A full audit finds exactly those;
//! - a simulation's log, unaltered, replays to the simulation's own summary
//!   and audits clean;
//! - each indicator against a count made here from the files themselves;
//! - malformed registers: every row used or refused with its place;
//! - the sample: seeded, of the size asked, the same for the same seed.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};
use reglement::engine::read::{self, Format};
use reglement::monitor::{self, audit, register, Options};
use reglement::plan::{self, Plan};
use reglement::simulate::{self, dwellings, AllocationPillar, Settings, Summary};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const REGLEMENT: &str = "examples/ijzer-en-zee-middelkerke.reglement";
const KANDIDATEN: &str = "examples/ijzer-en-zee-middelkerke-kandidaten-2025.csv";
const REGISTER: &str = "examples/ijzer-en-zee-middelkerke-register-2025.csv";
const WONINGEN: &str = "examples/ijzer-en-zee-middelkerke-woningen-2025.csv";
const SIMULATIE: &str = "examples/ijzer-en-zee-middelkerke-simulatie-2025.json";

fn middelkerke() -> Plan {
    let analysis = reglement::analyze_file(Path::new(REGLEMENT)).expect("readable example");
    plan::compile(&analysis).expect("the Middelkerke example compiles")
}

fn batch() -> reglement::engine::Batch {
    let data = std::fs::read(KANDIDATEN).expect("candidates");
    read::read(&data, Format::Csv, "kandidaten.csv").expect("readable candidates")
}

fn options(share: u32) -> Options {
    Options {
        van: Some(common::d("2025-01-01")),
        tot: Some(common::d("2025-12-31")),
        steekproef: share,
        zaad: 1,
    }
}

fn run_on(text: &[u8], format: Format, share: u32) -> monitor::Monitor {
    let plan = middelkerke();
    let batch = batch();
    let reg = register::read(text, format, "register").expect("readable register");
    monitor::run(&plan, &batch, reg, &[], &options(share)).expect("monitor runs")
}

fn example() -> monitor::Monitor {
    run_on(
        &std::fs::read(REGISTER).expect("register"),
        Format::Csv,
        10_000,
    )
}

#[test]
fn the_example_register_shows_exactly_the_altered_places() {
    let m = example();
    let found: Vec<(String, String, Option<String>)> = m
        .steekproef
        .controles
        .iter()
        .filter(|c| c.uitkomst == audit::Uitkomst::Afwijking)
        .map(|c| (c.plaats.clone(), c.dossier.clone(), c.verwacht.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "register, regel 51".to_string(),
                "K-0000130".to_string(),
                Some("K-0000095".to_string())
            ),
            (
                "register, regel 60".to_string(),
                "K-0000286".to_string(),
                Some("K-0000187".to_string())
            ),
        ]
    );
    // the skipped candidate is named as ranked higher
    let skipped = &m
        .steekproef
        .controles
        .iter()
        .find(|c| c.dossier == "K-0000286");
    assert!(skipped.is_some_and(|c| c.hoger.first().map(String::as_str) == Some("K-0000187")));
    assert_eq!(m.steekproef.getrokken, 60);
    assert_eq!(m.steekproef.klopt, 58);
    assert_eq!(m.rijen.gelezen, 61);
    assert_eq!(m.rijen.gebruikt, 60);
    let refused: Vec<(&str, &str)> = m
        .geweigerd
        .iter()
        .map(|w| (w.code.as_str(), w.melding.as_str()))
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, register::codes::ONBEKEND_DOSSIER.as_str());
    assert!(
        refused[0]
            .1
            .starts_with("register, regel 62, kolom 10 (dossier), dossier K-9999999"),
        "{}",
        refused[0].1
    );
}

#[test]
fn the_example_report_through_the_binary() {
    let o = reglement(&[
        "monitor",
        REGLEMENT,
        "--register",
        REGISTER,
        "--kandidaten",
        KANDIDATEN,
        "--simulatie",
        SIMULATIE,
        "--steekproef",
        "100%",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    // the full list of klopt-lines is long: the snapshot keeps what a reader checks
    let kept: String = text
        .lines()
        .filter(|l| !l.ends_with(": klopt"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("monitor_example_text", kept);
    // --strikt: a refused row or a deviation is exit code 1
    let o = reglement(&[
        "monitor",
        REGLEMENT,
        "--register",
        REGISTER,
        "--kandidaten",
        KANDIDATEN,
        "--steekproef",
        "100%",
        "--strikt",
        "--formaat",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["schema"], "reglement-monitor/1");
    assert_eq!(v["steekproef"]["afwijkingen"], 2);
    assert_eq!(v["rijen"]["gelezen"], 61);
}

#[test]
fn html_and_csv_reports_are_written_offline() {
    let dir = temp_dir("rapport");
    let html = dir.join("monitor.html");
    let csv = dir.join("monitor.csv");
    let o = reglement(&[
        "monitor",
        REGLEMENT,
        "--register",
        REGISTER,
        "--kandidaten",
        KANDIDATEN,
        "--simulatie",
        SIMULATIE,
        "--rapport",
        html.to_str().expect("path"),
        "--csv",
        csv.to_str().expect("path"),
        "--formaat",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).expect("report");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "no script");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "offline"
    );
    for part in [
        "Pijleraandelen over het jaar",
        "Steekproef",
        "Geweigerde rijen van het register",
        "Vergelijking",
        "R0343",
    ] {
        assert!(page.contains(part), "{part}");
    }
    let written = std::fs::read_to_string(&csv).expect("csv");
    assert_eq!(written, stdout(&o));
    assert!(written.contains("register,register,,rijen_gelezen,61"));
    assert!(
        written.contains("register,steekproef,,getrokken,2"),
        "2% of 60 is 2"
    );
}

/// The monitor's HTML report opened in headless Chromium: it parses without
/// console errors, keeps its tables and charts, and a screenshot of the first
/// screen is written to look at (its path is printed).
#[test]
fn the_monitor_report_renders_in_headless_chromium() {
    use common::browser::{chromium, console_lines, headless, screenshot};
    let Some(chromium) = chromium() else { return };
    let dir = temp_dir("rapport-chromium");
    let page = dir.join("monitor.html");
    let o = reglement(&[
        "monitor",
        REGLEMENT,
        "--register",
        REGISTER,
        "--kandidaten",
        KANDIDATEN,
        "--simulatie",
        SIMULATIE,
        "--rapport",
        page.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("report");
    let profile = dir.join("profiel");
    let dom = headless(&chromium, &profile, &["--dump-dom".into()], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert!(console_lines(&dom).is_empty(), "{:#?}", console_lines(&dom));
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    for tag in ["<table", "<svg"] {
        assert!(html.contains(tag), "the report has no {tag}");
        assert_eq!(
            dom_text.matches(tag).count(),
            html.matches(tag).count(),
            "{tag} lost while parsing"
        );
    }
    assert!(dom_text.contains("Pijleraandelen over het jaar"));
    let shot = dir.join("monitor-pagina1.png");
    screenshot(&chromium, &profile, &page, &shot, (1123, 1400));
}

#[test]
fn a_simulation_log_replays_to_its_own_summary_and_audits_clean() {
    let plan = middelkerke();
    let batch = batch();
    let data = std::fs::read(WONINGEN).expect("dwellings");
    let list = dwellings::read(&data, Format::Csv, "woningen.csv", &plan).expect("dwellings");
    let settings = Settings {
        van: common::d("2025-01-01"),
        tot: common::d("2025-12-31"),
        zaad: 1,
        weigerkans: 0.0,
    };
    let sim = simulate::simulate(&plan, &batch, &list, &settings).expect("simulation");
    let log = simulate::write::log_csv(&sim.log(&plan, &batch));
    let reg = register::read(log.as_bytes(), Format::Csv, "log.csv").expect("register");
    let m = monitor::run(&plan, &batch, reg, &[], &options(10_000)).expect("monitor");
    assert_eq!(m.rijen.geweigerd, 0);
    assert_eq!(m.steekproef.afwijkingen, 0, "{:#?}", m.steekproef.controles);
    assert_eq!(m.steekproef.klopt, m.steekproef.getrokken);
    // the register writes a quota place's group in its 'doelgroep' column
    // (so the audit ranks that group's list) and has no column that tells
    // a labelled dwelling from a niet-gelabelde one: replayed, every quota
    // place counts as labelled; all else is the simulation's own summary
    let mut simulated = Summary::new(&sim, &plan, &batch);
    for q in &mut simulated.per_quotum {
        q.gelabeld += q.niet_gelabeld;
        q.niet_gelabeld = 0;
    }
    assert_eq!(m.samenvatting, simulated);
    // and the example's simulation JSON is the simulation's summary
    let json: Summary =
        serde_json::from_str(&std::fs::read_to_string(SIMULATIE).expect("json")).expect("summary");
    assert_eq!(json, Summary::new(&sim, &plan, &batch));
}

/// The register's rows as (date, pillar, dossier), read here with the csv crate.
fn register_rows() -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_path(REGISTER).expect("register");
    let h = r.headers().expect("header").clone();
    let col = |n: &str| h.iter().position(|x| x == n).expect("column");
    let (d, p, x) = (col("datum"), col("pijler"), col("dossier"));
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            (rec[d].to_string(), rec[p].to_string(), rec[x].to_string())
        })
        .filter(|(_, _, x)| x != "K-9999999")
        .collect()
}

#[test]
fn pillar_shares_against_the_plans_parameters() {
    let m = example();
    let rows = register_rows();
    let count = |p: &str| rows.iter().filter(|r| r.1 == p).count() as u64;
    let s = &m.samenvatting;
    let got: HashMap<AllocationPillar, u64> =
        s.per_pijler.iter().map(|p| (p.pijler, p.aantal)).collect();
    assert_eq!(got[&AllocationPillar::Standaard], count("standaard"));
    assert_eq!(got[&AllocationPillar::Versneld], count("versneld"));
    assert_eq!(got[&AllocationPillar::Doelgroepen], count("doelgroepen"));
    let plan = middelkerke();
    assert_eq!(s.toets.versneld_wettelijk, plan.parameters.aandeel_versneld);
    assert_eq!(
        s.toets.standaard_minimaal,
        plan.parameters.aandeel_standaard_minimaal
    );
    // 11 of 60 is within one allocation of 20%; 41 of 60 is at least 50%
    assert_eq!(count("versneld"), 11);
    assert!(s.toets.versneld_ok && s.toets.standaard_ok);
    let g = &m.per_gemeente[0];
    assert_eq!(g.gemeente, "Middelkerke");
    assert_eq!(g.aandeel_versneld, 1833, "11 of 60: 18,33%");
}

#[test]
fn pillar3_quota_against_the_reserved_dwellings() {
    let m = example();
    let plan = middelkerke();
    let reserved: u64 = plan
        .doelgroepen
        .as_ref()
        .expect("pijler 3")
        .voorbehouden
        .iter()
        .filter(|v| v.gemeente == "Middelkerke")
        .map(|v| v.per_doelgroep.get("senioren").copied().unwrap_or(0))
        .sum();
    let q = m
        .pijler3
        .iter()
        .find(|q| q.doelgroep == "senioren" && q.gemeente == "Middelkerke")
        .expect("senioren in Middelkerke");
    assert_eq!(q.voorbehouden, reserved);
    assert_eq!(q.voorbehouden, 15);
    let rows = register_rows();
    assert_eq!(
        q.toegewezen,
        rows.iter().filter(|r| r.1 == "doelgroepen").count() as u64
    );
}

#[test]
fn waiting_time_per_pillar_from_registration_to_allocation() {
    let m = example();
    let mut reg = HashMap::new();
    let mut r = csv::Reader::from_path(KANDIDATEN).expect("candidates");
    for rec in r.records() {
        let rec = rec.expect("row");
        reg.insert(rec[0].to_string(), common::d(&rec[1]));
    }
    for (pijler, label) in [
        (Some(AllocationPillar::Standaard), "standaard"),
        (Some(AllocationPillar::Versneld), "versneld"),
        (None, ""),
    ] {
        let mut days: Vec<i64> = register_rows()
            .iter()
            .filter(|r| label.is_empty() || r.1 == label)
            .map(|r| (common::d(&r.0) - reg[&r.2]).num_days())
            .collect();
        days.sort_unstable();
        // nearest rank: the smallest value with at least half at or below it
        let median = days[days.len().div_ceil(2) - 1];
        let w = m
            .samenvatting
            .wachttijd
            .iter()
            .find(|w| w.pijler == pijler)
            .expect("wait");
        assert_eq!(w.aantal, days.len() as u64);
        assert_eq!(w.mediaan, Some(median), "{label}");
    }
}

#[test]
fn urgent_candidates_not_reached() {
    let m = example();
    let d = &m.samenvatting.dringend;
    assert_eq!(d.op_lijst, d.via_versneld + d.via_ander + d.niet_bereikt);
    // every dossier not reached is in no register row
    let housed: HashSet<String> = register_rows().into_iter().map(|r| r.2).collect();
    assert!(d.niet_bereikt_dossiers.iter().all(|x| !housed.contains(x)));
    assert_eq!(d.niet_bereikt_dossiers.len() as u64, d.niet_bereikt);
    // the mislabelled allocation counts as "via een andere pijler"
    assert_eq!(d.via_versneld, 11);
    assert_eq!(d.niet_bereikt, 97);
}

const HEADER: &str = "datum,woning,gemeente,slaapkamers,pijler,dossier,doelgroep\n";

#[test]
fn malformed_registers_account_for_every_row() {
    let rows = [
        "2025-02-01,W-1,Middelkerke,2,standaard,K-0000123,",
        "2025-02-01,W-2,Middelkerke,2,\"standaard,K-0000141,",
        "2025-02-01,W-3,Middelkerke,2,standaard",
        "2025-02-31,W-4,Middelkerke,2,standaard,K-0000141,",
        "2025-02-02,W-5,Middelkerke,twee,standaard,K-0000141,",
        "2025-02-02,W-6,Middelkerke,2,pijler 9,K-0000141,",
        "2025-02-02,W-7,Middelkerke,2,standaard,,",
        "2025-02-02,W-8,Middelkerke,2,,K-0000141,",
        "2025-02-03,W-9,Middelkerke,2,standaard,K-0000123,",
        "2025-02-03,W-10,Gent,2,standaard,K-0000141,",
        "2024-12-31,W-11,Middelkerke,2,standaard,K-0000141,",
        "2025-02-01,W-1,Middelkerke,2,standaard,K-0000141,",
        "2025-02-04,W-12,Middelkerke,2,doelgroepen,K-0000141,onbekend",
        "2025-02-04,W-13,Midd\u{1}elkerke,2,standaard,K-0000141,",
        "",
        "2025-02-05,W-14,Middelkerke,2,2,K-0000141,",
        "2025-02-05,W-15,Middelkerke,2,,,",
        "2025-02-05,W-16,Middelkerke,2,bijzonder,,",
    ];
    let text = format!("{HEADER}{}\n", rows.join("\n"));
    let m = run_on(text.as_bytes(), Format::Csv, 10_000);
    assert_eq!(m.rijen.gelezen, 17, "the blank line is no record");
    assert_eq!(m.rijen.gelezen, m.rijen.gebruikt + m.rijen.geweigerd);
    assert_eq!(m.rijen.gebruikt, 4, "W-1, W-14, W-15, W-16");
    let listed: Vec<String> = m
        .geweigerd
        .iter()
        .map(|w| format!("{} {}", w.code, w.melding))
        .collect();
    insta::assert_snapshot!("monitor_malformed_csv", listed.join("\n"));
}

#[test]
fn malformed_json_registers_account_for_every_row() {
    let text = r#"[
        {"datum": "2025-02-01", "woning": "W-1", "gemeente": "Middelkerke", "slaapkamers": 2, "pijler": "standaard", "dossier": "K-0000123"},
        {"datum": "2025-02-01", "woning": "W-2", "gemeente": "Middelkerke", "slaapkamers": 2, "pijler": 1, "dossier": "K-0000141"},
        {"datum": "2025-02-01", "datum": "2025-02-02", "woning": "W-3", "gemeente": "Middelkerke", "slaapkamers": 2, "pijler": "standaard", "dossier": "K-0000141"},
        "geen object",
        {"datum": "2025-02-02", "woning": "W-4", "gemeente": "Middelkerke", "slaapkamers": -1, "pijler": "standaard", "dossier": "K-0000141"},
        {"datum": "2025-02-02", "woning": "W-5", "gemeente": "Middelkerke", "slaapkamers": "2", "pijler": "versneld", "dossier": "K-0000141"}
    ]"#;
    let m = run_on(text.as_bytes(), Format::Json, 10_000);
    assert_eq!(m.rijen.gelezen, 6);
    assert_eq!(m.rijen.gebruikt, 2);
    assert_eq!(m.rijen.geweigerd, 4);
    let listed: Vec<String> = m
        .geweigerd
        .iter()
        .map(|w| format!("{} {}", w.code, w.melding))
        .collect();
    insta::assert_snapshot!("monitor_malformed_json", listed.join("\n"));
}

#[test]
fn a_register_that_cannot_be_read_at_all() {
    for (text, expected) in [
        ("", "is leeg"),
        ("datum,woning\n2025-01-01,W-1\n", "de kop mist de kolommen"),
        ("datum,datum\n", "staat twee keer in de kop"),
    ] {
        let e = register::read(text.as_bytes(), Format::Csv, "r.csv").expect_err(text);
        assert!(e.contains(expected), "{e}");
    }
    let e = register::read(b"{", Format::Json, "r.json").expect_err("json");
    assert!(e.contains("verwacht een lijst van toewijzingen"), "{e}");
    let o = reglement(&[
        "monitor",
        REGLEMENT,
        "--register",
        "bestaat-niet.csv",
        "--kandidaten",
        KANDIDATEN,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bestaat niet"), "{}", stderr(&o));
}

#[test]
fn the_json_register_reads_as_the_csv_register() {
    let mut r = csv::Reader::from_path(REGISTER).expect("register");
    let h = r.headers().expect("header").clone();
    let items: Vec<serde_json::Value> = r
        .records()
        .map(|rec| {
            let rec = rec.expect("row");
            let mut o = serde_json::Map::new();
            for (k, v) in h.iter().zip(rec.iter()) {
                o.insert(k.to_string(), serde_json::Value::String(v.to_string()));
            }
            serde_json::Value::Object(o)
        })
        .collect();
    let json = serde_json::to_string(&items).expect("json");
    let a = example();
    let b = run_on(json.as_bytes(), Format::Json, 10_000);
    assert_eq!(a.samenvatting, b.samenvatting);
    assert_eq!(a.rijen.gebruikt, b.rijen.gebruikt);
    assert_eq!(a.steekproef.afwijkingen, b.steekproef.afwijkingen);
}

#[test]
fn the_sample_is_seeded_and_of_the_size_asked() {
    assert_eq!(audit::sample_size(60, 200), 2, "2% of 60, rounded up");
    assert_eq!(audit::sample_size(20_000, 200), 400);
    assert_eq!(audit::sample_size(10, 0), 0);
    assert_eq!(audit::sample_size(10, 10_000), 10);
    assert_eq!(audit::sample_size(0, 200), 0);
    let a = audit::sample(1000, 20, 7);
    assert_eq!(a, audit::sample(1000, 20, 7));
    assert_ne!(a, audit::sample(1000, 20, 8));
    assert_eq!(a.len(), 20);
    assert!(a.windows(2).all(|w| w[0] < w[1]), "increasing, no repeats");
    assert!(a.iter().all(|&i| i < 1000));
    assert_eq!(audit::sample(5, 9, 1), vec![0, 1, 2, 3, 4]);
}

#[test]
fn a_snapshot_list_is_used_from_its_date_on() {
    // a snapshot without the candidate the register housed: that decision
    // cannot be the reglement's first on that day's list
    let plan = middelkerke();
    let batch = batch();
    let text = std::fs::read_to_string(KANDIDATEN).expect("candidates");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("K-0000187,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let snap = read::read(without.as_bytes(), Format::Csv, "juli.csv").expect("snapshot");
    let reg = register::read(
        &std::fs::read(REGISTER).expect("register"),
        Format::Csv,
        "register",
    )
    .expect("register");
    let m = monitor::run(
        &plan,
        &batch,
        reg,
        &[(common::d("2025-12-01"), snap)],
        &options(10_000),
    )
    .expect("monitor");
    let c = m
        .steekproef
        .controles
        .iter()
        .find(|c| c.plaats == "register, regel 60")
        .expect("line 60");
    assert_eq!(c.lijst, "juli.csv");
    // K-0000187 is not on that list: the next one ranked higher is K-0000292
    assert_eq!(c.verwacht.as_deref(), Some("K-0000292"));
    let before = m
        .steekproef
        .controles
        .iter()
        .find(|c| c.plaats == "register, regel 51")
        .expect("line 51");
    assert_eq!(before.lijst, "kandidaten.csv");
}

/// The codes the Middelkerke example gives with its `evaluatie` section replaced.
fn evaluatie_codes(section: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(REGLEMENT).expect("example");
    let start = text
        .find("evaluatie \"")
        .expect("the example has an evaluatie section");
    let end = start + text[start..].find("\n}\n").expect("its end") + 3;
    let changed = format!("{}{section}{}", &text[..start], &text[end..]);
    let a = reglement::analyze(
        "ijzer-en-zee-middelkerke.reglement",
        &changed,
        &reglement::MemoryLoader::default(),
    );
    a.diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("R027") || d.code == "R0001")
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn the_evaluatie_section_is_checked() {
    assert_eq!(
        evaluatie_codes(&format!("{}\n", {
            let text = std::fs::read_to_string(REGLEMENT).expect("example");
            let start = text.find("evaluatie \"").expect("section");
            let end = start + text[start..].find("\n}\n").expect("end") + 2;
            text[start..end].to_string()
        })),
        vec![],
        "the example is clean"
    );
    let found = evaluatie_codes(
        "evaluatie \"Evaluatie\" {
    indicator aandeel pijler 1: doel minimaal 40% per 12 maanden
    indicator aandeel pijler 2: doel 25% per 12 maanden
    indicator wachttijd pijler 1: doel 20% per 12 maanden
    indicator aandeel pijler 4: doel 5% per 12 maanden
    indicator aandeel pijler 1: doel minimaal 50% per 0 maanden
}
",
    );
    insta::assert_debug_snapshot!("evaluatie_checks", found);
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    for c in ["R0275", "R0276", "R0277", "R0278"] {
        assert!(codes.contains(&c), "{c}: {found:?}");
    }
}

#[test]
fn the_monitor_sets_the_year_against_the_targets() {
    let m = example();
    let got: Vec<(String, Option<bool>)> = m
        .doelen
        .iter()
        .map(|d| (d.omschrijving.clone(), d.gehaald))
        .collect();
    assert_eq!(
        got,
        vec![
            ("aandeel pijler 1".to_string(), Some(true)),
            ("aandeel pijler 2".to_string(), Some(true)),
            ("mediane wachttijd pijler 3".to_string(), Some(false)),
            ("dringend niet bereikt".to_string(), Some(false)),
        ]
    );
    assert_eq!(m.evaluatoren.len(), 2);
}

#[test]
fn the_lists_of_the_replay_agree_with_the_engine_on_every_decision() {
    // a snapshot on the first day that is the candidates file itself makes
    // the audit rank every sampled decision with the engine; without it,
    // the simulation's lists decide (and the engine only explains)
    let plan = middelkerke();
    let batch = batch();
    let same = self::batch();
    let reg = || {
        register::read(
            &std::fs::read(REGISTER).expect("register"),
            Format::Csv,
            "register",
        )
        .expect("register")
    };
    let fast = monitor::run(&plan, &batch, reg(), &[], &options(10_000)).expect("fast");
    let engine = monitor::run(
        &plan,
        &batch,
        reg(),
        &[(common::d("2025-01-01"), same)],
        &options(10_000),
    )
    .expect("engine");
    let outcome = |m: &monitor::Monitor| -> Vec<(String, audit::Uitkomst, Option<String>)> {
        m.steekproef
            .controles
            .iter()
            .map(|c| (c.plaats.clone(), c.uitkomst.clone(), c.verwacht.clone()))
            .collect()
    };
    assert_eq!(outcome(&fast), outcome(&engine));
    assert_eq!(
        fast.steekproef.alle.plaatsen,
        vec!["register, regel 51", "register, regel 60"]
    );
}

/// The report's tiles of the audit: the sample's count says it is the
/// sample's (n van N), next to the count over every decision.
#[test]
fn the_report_says_which_afwijkingen_it_counts() {
    let m = run_on(
        &std::fs::read(REGISTER).expect("register"),
        Format::Csv,
        1_000,
    );
    let html = monitor::write::html(&m, None);
    let start = html.find("<h2>Steekproef</h2>").expect("audit section");
    let end = start + html[start..].find("</div><p>").expect("tiles end");
    let tiles = html[start..end].replace("</div>", "</div>\n");
    assert!(tiles.contains(&format!(
        "afwijkingen in de steekproef ({} van {})",
        m.steekproef.getrokken, m.steekproef.beslissingen
    )));
    insta::assert_snapshot!("monitor_steekproef_tegels", tiles);
}
