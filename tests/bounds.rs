//! Bounded numbers and bounded resources: every number from a file or a
//! flag has a bound the message says, no sum wraps or saturates into a
//! plan, a document or a ranking; files are read only when they are
//! regular files of a reasonable size, so a FIFO or /dev/zero can neither
//! hang nor exhaust a command; simulation sizes are checked before
//! anything is allocated; an output never overwrites an input.

mod common;

use common::cli::{reglement, stderr, stdout, temp_dir};
use common::*;
use reglement::engine::{self, Pillar};
use reglement::{analyze, plan, MemoryLoader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KEMPEN: &str = include_str!("../examples/kempen.reglement");
const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

fn analyse(main: &str, regio: &str) -> reglement::Analysis {
    let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
    analyze("kempen.reglement", main, &loader)
}

/// The R0003 messages of an analysis, and whether it compiles.
fn invalid_values(a: &reglement::Analysis) -> Vec<String> {
    a.diagnostics
        .iter()
        .filter(|d| d.code == "R0003")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn allocation_totals_near_2_64_are_refused_with_the_bound() {
    // used to compile to "gemiddeld -16.893.488.147.419.007,23 toewijzingen per jaar"
    let text = KEMPEN
        .replace(
            "2019: 128 toewijzingen",
            "2019: 18446744073709551000 toewijzingen",
        )
        .replace(
            "2020: 115 toewijzingen",
            "2020: 9223372036854775807 toewijzingen",
        );
    let a = analyse(&text, REGIO);
    let messages = invalid_values(&a);
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert_eq!(
        messages[0],
        "Het getal 18446744073709551000 is te groot: hoogstens 1.000.000.000."
    );
    assert!(plan::compile(&a).is_err(), "no plan of a wrong number");
    // at the bound itself every sum is exact
    let text = KEMPEN
        .replace("2019: 128 toewijzingen", "2019: 1000000000 toewijzingen")
        .replace("2020: 115 toewijzingen", "2020: 1000000000 toewijzingen");
    let a = analyse(&text, REGIO);
    assert!(invalid_values(&a).is_empty());
    let base = a.model.pillar2_base().expect("a base");
    assert_eq!(base.allocations, 2_000_000_000 + 134 + 141 + 137);
    assert!(base.average > 0);
}

#[test]
fn points_of_4294967295_are_refused_and_a_frame_total_is_exact() {
    // used to give a plan with max_totaal 8 and "hoogstens 8 punten"
    let regio = REGIO.replacen(
        "transitwoning of hotel\": 20 punten",
        "transitwoning of hotel\": 4294967295 punten",
        1,
    );
    let a = analyse(KEMPEN, &regio);
    assert_eq!(
        invalid_values(&a),
        ["Het getal 4294967295 is te groot: hoogstens 1.000.000.000."]
    );
    assert!(plan::compile(&a).is_err());
    // the largest points per criterion: the total is exact (4 × 10^9 fits
    // the engine's count), the plan says it and the ranking orders by it
    let regio = REGIO
        .replace(": 20 punten", ": 1000000000 punten")
        .replace("gemeente       \"begeleiding kan geboden worden in de gemeente van het bevoegde OCMW of gelijkgesteld\": 5 punten", "gemeente       \"begeleiding kan geboden worden in de gemeente van het bevoegde OCMW of gelijkgesteld\": 1000000000 punten")
        .replace("6 kinderen: 3 punten", "6 kinderen: 1000000000 punten");
    let a = analyse(KEMPEN, &regio);
    assert!(invalid_values(&a).is_empty(), "{:#?}", invalid_values(&a));
    let p = plan::compile(&a).expect("compiles");
    let frame = &p.versneld.as_ref().expect("pijler 2").wegingskader;
    assert_eq!(frame.max_totaal, 4_000_000_000);
    assert_eq!(plan::bounds::check(&p), Ok(()));
    let r = engine::rank(
        &p,
        &[
            cand(
                "K-1",
                "2020-01-01",
                reglement::syntax::ast::Household::Gezin,
                2,
                1,
                Some("1000"),
                Some("opvang"),
                Some("gemeente"),
            ),
            {
                let mut c = cand(
                    "K-2",
                    "2021-01-01",
                    reglement::syntax::ast::Household::Gezin,
                    2,
                    6,
                    Some("1000"),
                    Some("opvang"),
                    Some("gemeente"),
                );
                c.voorkeur = vec!["Turnhout".into()];
                c
            },
        ],
        &list("2024-06-30", Pillar::Versneld, "Turnhout"),
    )
    .expect("ranks");
    // K-2 has more points (6 children): first, with its exact total
    assert_eq!(ranked(&r)[0].0, "K-2");
    assert_eq!(row(&r, "K-2").totaal, Some(4_000_000_000));
    assert_eq!(row(&r, "K-1").totaal, Some(3_000_000_001));
}

#[test]
fn a_frame_whose_total_does_not_fit_is_refused() {
    // five criteria of 10^9: 5 × 10^9 points do not fit the engine's u32
    let extra = "    criterium extra artikel 3.9 \"Extra\" {\n        0 kinderen: 0 punten\n        1 of meer kinderen: 1000000000 punten\n    }\n";
    let regio = REGIO
        .replace(": 20 punten", ": 1000000000 punten")
        .replace(": 5 punten", ": 1000000000 punten")
        .replace("6 kinderen: 3 punten", "6 kinderen: 1000000000 punten")
        .replacen(
            "    criterium kinderlast",
            &format!("{extra}\n    criterium kinderlast"),
            1,
        );
    let a = analyse(KEMPEN, &regio);
    let messages = invalid_values(&a);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("hoogstens 5.000.000.000 punten") && m.contains("4.294.967.295")),
        "{messages:#?}"
    );
    assert!(plan::compile(&a).is_err());
}

#[test]
fn huge_dwelling_counts_are_refused_not_wrapped() {
    // used to report "telt 843 woningen" for two counts of 2^64 - 1
    let text = KEMPEN
        .replace(
            "gemeente Beerse        woningen 142",
            "gemeente Beerse        woningen 18446744073709551615",
        )
        .replace(
            "gemeente Merksplas     woningen  70",
            "gemeente Merksplas     woningen 18446744073709551615",
        );
    let a = analyse(&text, REGIO);
    let messages = invalid_values(&a);
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages
        .iter()
        .all(|m| m.ends_with("hoogstens 1.000.000.000.")));
    assert!(!a.diagnostics.iter().any(|d| d.message.contains("843")));
}

/// The Kempen plan as JSON with `edit` applied, written to a temp file.
fn edited_plan(name: &str, edit: impl Fn(&mut serde_json::Value)) -> PathBuf {
    let mut v = serde_json::to_value(kempen()).expect("json");
    edit(&mut v);
    let path = temp_dir("plannen").join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("json")).expect("write");
    path
}

#[test]
fn an_edited_plan_with_wrapped_totals_is_refused() {
    let criteria = |v: &mut serde_json::Value| v["versneld"]["wegingskader"]["criteria"].clone();
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        (
            "max_totaal 8",
            edited_plan("acht.json", |v| {
                v["versneld"]["wegingskader"]["max_totaal"] = 8.into()
            }),
            "max_totaal is 8, maar de criteria geven samen hoogstens 50 punten",
        ),
        (
            "points 4294967295",
            edited_plan("groot.json", |v| {
                let mut c = criteria(v);
                c[0]["tabel"]["rijen"][0]["punten"] = 4294967295u32.into();
                v["versneld"]["wegingskader"]["criteria"] = c;
            }),
            "een rij geeft 4294967295 punten, meer dan max_punten 20",
        ),
        (
            "woningen 2^64 - 1",
            edited_plan("woningen.json", |v| {
                v["werkingsgebied"]["gemeenten"][1]["woningen"] = u64::MAX.into()
            }),
            "werkingsgebied.gemeenten[1].woningen is 18446744073709551615; een getal in een plan is hoogstens 100.000.000.000",
        ),
        (
            "a share of 250%",
            edited_plan("aandeel.json", |v| v["versneld"]["aandeel"] = 25000.into()),
            "versneld.aandeel is 25000",
        ),
    ];
    for (what, path, expected) in cases {
        let o = reglement(&[
            "rangschik",
            path.to_str().expect("path"),
            "--kandidaten",
            "examples/kandidaten.csv",
            "--peildatum",
            "2024-06-30",
            "--pijler",
            "versneld",
            "--gemeente",
            "Turnhout",
        ]);
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert!(stderr(&o).contains(expected), "{what}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{what}: no ranking");
    }
    // the library refuses it too: the engine never counts past max_totaal
    let mut p = kempen();
    p.versneld
        .as_mut()
        .expect("pijler 2")
        .wegingskader
        .max_totaal = 8;
    let e = engine::Prepared::new(&p, &list("2024-06-30", Pillar::Versneld, "Turnhout"))
        .expect_err("refused");
    assert!(e.to_string().contains("max_totaal is 8"), "{e}");
}

#[test]
fn candidate_numbers_say_their_bounds() {
    let header = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen";
    let text = format!(
        "{header}\nK-1,2021-03-15,gezin,2,1000000,1000\nK-2,2021-03-15,gezin,1000,1,1000\nK-3,2021-03-15,gezin,2,1,10000000000\nK-4,2021-03-15,gezin,2,007,1000\n"
    );
    let batch = engine::read::read_csv(text.as_bytes(), "k.csv").expect("readable");
    let messages: Vec<String> = batch.rejected.iter().map(|r| r.render("k.csv")).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0]
            .ends_with("'kinderen' is '1000000'; verwacht een geheel getal van 0 tot en met 999"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1]
            .ends_with("'volwassenen' is '1000'; verwacht een geheel getal van 1 tot en met 999"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("hoogstens 999999999.99 euro"),
        "{}",
        messages[2]
    );
    // leading zeros say nothing: 007 is 7
    assert_eq!(batch.records.len(), 1);
    assert_eq!(batch.records[0].kinderen, 7);
}

/// Run the binary with a deadline: a command that waits on a FIFO must not
/// hang the test (it is killed and the test fails).
fn within(args: &[&str], seconds: u64) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reglement"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{args:?} did not finish within {seconds} s");
}

/// Standard output and error as one line of words (miette wraps long
/// messages and draws a margin).
fn flat(o: &std::process::Output) -> String {
    (stdout(o) + &stderr(o))
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let c = std::ffi::CString::new(path.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a plain C call with a valid, NUL-terminated path
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_waiting() {
    let dir = temp_dir("fifo");
    fifo(&dir.join("regio.reglement"));
    fifo(&dir.join("kandidaten.csv"));
    let main = dir.join("kempen.reglement");
    std::fs::write(
        &main,
        KEMPEN.replace("\"kempen-regio.reglement\"", "\"regio.reglement\""),
    )
    .expect("write");
    // `gebruikt regio` naming a FIFO used to hang the CLI forever
    let o = within(&["controleer", main.to_str().expect("path")], 60);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        flat(&o).contains("regio.reglement is geen gewoon bestand maar een pipe (FIFO)"),
        "{}",
        flat(&o)
    );
    // /dev/zero used to be read until memory ran out
    std::fs::write(
        &main,
        KEMPEN.replace("\"kempen-regio.reglement\"", "\"/dev/zero\""),
    )
    .expect("write");
    let o = within(&["controleer", main.to_str().expect("path")], 60);
    assert!(
        flat(&o).contains("/dev/zero is geen gewoon bestand maar een apparaat"),
        "{}",
        flat(&o)
    );
    // as a command's own input too
    let kandidaten = dir.join("kandidaten.csv");
    for input in [
        kandidaten.to_str().expect("path"),
        "/dev/zero",
        "/dev/stdin",
    ] {
        let o = within(
            &[
                "rangschik",
                "examples/kempen.reglement",
                "--kandidaten",
                input,
                "--peildatum",
                "2024-06-30",
                "--pijler",
                "versneld",
                "--gemeente",
                "Turnhout",
            ],
            60,
        );
        assert_eq!(o.status.code(), Some(2), "{input}");
        assert!(
            stderr(&o).contains("is geen gewoon bestand"),
            "{input}: {}",
            stderr(&o)
        );
    }
    let o = within(&["compileer", "/dev/zero"], 60);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/dev/zero is geen gewoon bestand maar een apparaat"));
}

#[test]
fn a_regional_file_over_the_cap_is_refused_unread() {
    let dir = temp_dir("groot");
    let big = dir.join("regio.reglement");
    // a sparse file: 17 MB announced, nothing written
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(17 << 20).expect("length");
    let main = dir.join("kempen.reglement");
    std::fs::write(
        &main,
        KEMPEN.replace("\"kempen-regio.reglement\"", "\"regio.reglement\""),
    )
    .expect("write");
    let a = reglement::analyze_file(&main).expect("the reglement reads");
    let r0213: Vec<&str> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "R0213")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(r0213.len(), 1);
    assert!(
        r0213[0].contains("is groter dan 16 MB (17 MB of meer); hoogstens 16 MB wordt gelezen"),
        "{}",
        r0213[0]
    );
}

fn simuleer(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--van",
        "2024-01-01",
    ];
    args.extend_from_slice(extra);
    within(&args, 120)
}

#[test]
fn simulation_sizes_are_bounded_before_anything_is_allocated() {
    for (extra, expected) in [
        // used to overflow and abort on a 4.5 GB allocation (exit 134)
        (
            vec!["--per-jaar", "18446744073709551615"],
            "van 0 tot en met 500.000",
        ),
        // used to need 8 GB
        (vec!["--per-jaar", "10000000"], "van 0 tot en met 500.000"),
        (
            vec!["--per-gemeente", "Turnhout=99999999999"],
            "van 0 tot en met 500.000",
        ),
        (
            vec!["--per-jaar", "400000", "--tot", "2025-12-31"],
            "woningen maken (731 dagen); hoogstens 500.000 per simulatie",
        ),
        (
            vec!["--per-jaar", "10", "--bijzonder", "5000"],
            "van 0 tot en met 1000",
        ),
    ] {
        let o = simuleer(&extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{extra:?}: {}", stderr(&o));
    }
    let o = reglement(&["genereer", "--aantal", "40000000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("van 0 tot en met 30.000.000"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_spelling_suggestion_is_bounded_and_a_long_code_is_not_echoed() {
    let known: Vec<String> = ["opvang", "instelling", "familie"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        engine::prepare::suggest("opvnag", &known),
        Some("opvang".into())
    );
    // a 10 MB code gets no suggestion (it used to take 4–16 s)
    assert_eq!(
        engine::prepare::suggest(&"x".repeat(10_000_000), &known),
        None
    );
    // nor is it written whole into a message or a ranking
    let text = format!(
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,woonnood\nK-1,2021-03-15,gezin,2,1,{}\n{},2021-03-15,gezin,2,1,opvang\n",
        "x".repeat(10_000_000),
        "D".repeat(10_000_000)
    );
    let dir = temp_dir("lang");
    let file = dir.join("kandidaten.csv");
    std::fs::write(&file, text).expect("write");
    let o = within(
        &[
            "rangschik",
            "examples/kempen.reglement",
            "--kandidaten",
            file.to_str().expect("path"),
            "--peildatum",
            "2024-06-30",
            "--pijler",
            "versneld",
            "--gemeente",
            "Turnhout",
            "--formaat",
            "csv",
        ],
        120,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout.len() < 10_000,
        "{} bytes of ranking",
        o.stdout.len()
    );
    assert!(
        o.stderr.len() < 10_000,
        "{} bytes of messages",
        o.stderr.len()
    );
    assert!(
        stderr(&o).contains(
            "'woonnood' heeft een waarde van 10.000.000 bytes; hoogstens 100 bytes per waarde"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("'dossier' heeft een waarde van 10.000.000 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_output_never_overwrites_an_input() {
    let dir = temp_dir("uitvoer");
    let kandidaten = dir.join("kandidaten.csv");
    let original = std::fs::read("examples/kandidaten.csv").expect("example");
    std::fs::write(&kandidaten, &original).expect("copy");
    let k = kandidaten.to_str().expect("path");
    // the same file by another spelling of its path
    let other = format!("{}/./kandidaten.csv", dir.display());
    let o = reglement(&[
        "rangschik",
        "examples/kempen.reglement",
        "--kandidaten",
        k,
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
        "-o",
        &other,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is hetzelfde bestand als --kandidaten"),
        "{}",
        stderr(&o)
    );
    let o = reglement(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        k,
        "--van",
        "2024-01-01",
        "--per-jaar",
        "10",
        "--toewijzingen",
        k,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--toewijzingen"), "{}", stderr(&o));
    let out = dir.join("uit.csv");
    let o = reglement(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        k,
        "--van",
        "2024-01-01",
        "--per-jaar",
        "10",
        "--toewijzingen",
        out.to_str().expect("path"),
        "--samenvatting-csv",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("zijn hetzelfde bestand"),
        "{}",
        stderr(&o)
    );
    let main = dir.join("kempen.reglement");
    std::fs::write(&main, KEMPEN).expect("write");
    let o = reglement(&[
        "compileer",
        main.to_str().expect("path"),
        "-o",
        main.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&kandidaten).expect("still there"), original);
    assert_eq!(std::fs::read_to_string(&main).expect("still there"), KEMPEN);
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_reglement_is_accepted() {
    // used to be a syntax error at line 9
    let with = analyse(&format!("\u{feff}{KEMPEN}"), &format!("\u{feff}{REGIO}"));
    let without = analyse(KEMPEN, REGIO);
    let codes = |a: &reglement::Analysis| -> Vec<(&str, usize)> {
        a.diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.primary.span.start))
            .collect()
    };
    assert!(!with.diagnostics.iter().any(|d| d.code == "R0001"));
    let shifted: Vec<(&str, usize)> = codes(&without)
        .into_iter()
        .map(|(c, s)| (c, s + 3))
        .collect();
    assert_eq!(
        codes(&with),
        shifted,
        "the same diagnostics, three bytes on"
    );
    assert_eq!(
        plan::to_json(&plan::compile(&with).expect("compiles")),
        plan::to_json(&plan::compile(&without).expect("compiles")).replace(
            &plan::compile(&without)
                .expect("compiles")
                .reglement
                .bron_hash,
            &plan::compile(&with).expect("compiles").reglement.bron_hash
        )
    );
}
