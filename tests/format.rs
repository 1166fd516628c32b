//! The formatter (`reglement opmaak`, and the language server's formatting):
//! idempotent on every example and fixture, never loses a comment or any
//! character that is not layout, and a formatted reglement means the same
//! (the same diagnostics, the same plan); the command end to end.

mod common;

use common::cli::{reglement, stderr, stdout, temp_dir};
use proptest::prelude::*;
use reglement::format::format_text;
use reglement::{analyze, plan, FsLoader};
use std::path::{Path, PathBuf};

/// Every file in the language: examples and test fixtures.
fn language_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("reglement" | "testen" | "amendement")
            ) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("examples"), &mut files);
    walk(Path::new("tests/fixtures"), &mut files);
    files.sort();
    assert!(files.len() > 100, "fixtures found: {}", files.len());
    files
}

/// The text without any whitespace: what formatting may not change.
fn ink(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{A0}' | '\u{FEFF}'))
        .collect()
}

/// The comments of a text, in order (outside strings).
fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => {
                let line = text[i..].split('\n').next().unwrap_or("");
                out.push(line.trim_end().to_string());
                for _ in 1..line.chars().count() {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    out
}

/// The plan as JSON without source positions and the hash of the source
/// text (formatting changes both).
fn plan_without_positions(name: &str, text: &str) -> Option<serde_json::Value> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("regel");
                m.remove("kolom");
                m.remove("bron_hash");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let analysis = analyze(name, text, &FsLoader);
    let p = plan::compile(&analysis).ok()?;
    let mut v: serde_json::Value = serde_json::from_str(&plan::to_json(&p)).ok()?;
    strip(&mut v);
    Some(v)
}

fn codes(name: &str, text: &str) -> Vec<&'static str> {
    let mut c: Vec<_> = analyze(name, text, &FsLoader)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    c.sort();
    c
}

#[test]
fn idempotent_and_lossless_on_every_example_and_fixture() {
    for path in language_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let once = format_text(&text);
        let twice = format_text(&once);
        assert_eq!(
            once,
            twice,
            "{} is not formatted in one pass",
            path.display()
        );
        assert_eq!(
            ink(&once),
            ink(&text),
            "{}: characters changed",
            path.display()
        );
        assert_eq!(
            comments(&once),
            comments(&text),
            "{}: comments",
            path.display()
        );
    }
}

#[test]
fn a_formatted_reglement_means_the_same() {
    let mut compiled = 0;
    for path in language_files() {
        if path.extension().and_then(|x| x.to_str()) != Some("reglement") {
            continue;
        }
        let name = path.to_string_lossy();
        let text = std::fs::read_to_string(&path).expect("readable");
        let formatted = format_text(&text);
        assert_eq!(
            codes(&name, &formatted),
            codes(&name, &text),
            "{name}: diagnostics"
        );
        let before = plan_without_positions(&name, &text);
        assert_eq!(
            plan_without_positions(&name, &formatted),
            before,
            "{name}: plan"
        );
        compiled += usize::from(before.is_some());
    }
    // the examples and every passing fixture compile
    assert!(compiled > 40, "only {compiled} plans compared");
}

#[test]
fn the_examples_are_in_canonical_layout() {
    for path in language_files() {
        if !path.starts_with("examples") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            format_text(&text) == text,
            "{} is not formatted: run `reglement opmaak {}`",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn kempen_formatted_snapshot() {
    // a messy copy of the Kempen example: no indentation, runs of spaces,
    // statements on one line, comments everywhere
    let messy = "# Kop van het bestand\n\n\n\nreglement   \"Toewijzingsreglement De Noorderkempen\"{ # titel\nwoonmaatschappij \"De Noorderkempen\"   afkorting DNK\ntoewijzingsraad \"Toewijzingsraad De Noorderkempen\" versie \"2024.1\"\n\n\n\n   geldig vanaf 2024-01-01 status ontwerp\n  # de regio\ngebruikt regio \"kempen-regio.reglement\" }\nwerkingsgebied \"De Noorderkempen\" {\ngemeente Turnhout woningen 610\n     gemeente Beerse woningen 142\ngemeente Baarle-Hertog woningen 45 # klein\n    totaal woningen 797 }\n";
    let formatted = format_text(messy);
    insta::assert_snapshot!("messy_formatted", formatted);
    let kempen = std::fs::read_to_string("examples/kempen.reglement").expect("example");
    insta::assert_snapshot!("kempen_formatted", format_text(&kempen));
}

#[test]
fn opmaak_checks_writes_and_reads_stdin() {
    let dir = temp_dir("opmaak");
    let messy = dir.join("rommelig.reglement");
    std::fs::write(&messy, "reglement \"X\" {\nversie   \"1\" }\n").expect("write");
    let clean = dir.join("net.reglement");
    std::fs::write(&clean, "reglement \"X\" {\n    versie \"1\"\n}\n").expect("write");
    let (m, c) = (messy.to_string_lossy(), clean.to_string_lossy());

    // --controleer: exit 1, names the file and the line, changes nothing
    let o = reglement(&["opmaak", "--controleer", &m, &c]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o)
        .contains("rommelig.reglement: niet in de vaste opmaak (eerst anders op regel 2)"));
    assert!(!stderr(&o).contains("net.reglement:"));
    assert!(stderr(&o).contains("1 bestand van 2 niet in de vaste opmaak"));
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        "reglement \"X\" {\nversie   \"1\" }\n"
    );

    // in place (alias fmt), then clean
    let o = reglement(&["fmt", &m]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        "reglement \"X\" {\n    versie \"1\"\n}\n"
    );
    let o = reglement(&["opmaak", "--controleer", &m, &c]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // standard input to standard output
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reglement"))
        .args(["opmaak", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(b"reglement{versie \"1\"}").expect("write");
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(stdout(&o), "reglement {\n    versie \"1\"\n}\n");

    // a missing file is a usage error
    let o = reglement(&[
        "opmaak",
        &dir.join("bestaat-niet.reglement").to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bestaat-niet.reglement bestaat niet"));
}

#[test]
fn the_examples_pass_opmaak_controleer() {
    let o = reglement(&[
        "opmaak",
        "--controleer",
        "examples/kempen.reglement",
        "examples/kempen-regio.reglement",
        "examples/netevallei.reglement",
        "examples/kempen.testen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Small pieces of the language, to build random reglementen from.
const PIECES: &[&str] = &[
    "reglement",
    "werkingsgebied",
    "gemeente",
    "Geel",
    "woningen",
    "12",
    "{",
    "}",
    "\"tekst\"",
    "\"twee\nregels\"",
    "# commentaar",
    "\n",
    "\n\n",
    " ",
    "   ",
    ":",
    ",",
    "20%",
    "1.379,13",
    "euro",
    "versie",
    "motivering",
    "rangorde",
    "1.",
    "mantelzorg",
    "totaal",
    "\t",
    "é",
    "\u{A0}",
];

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

const KEMPEN: &str = include_str!("../examples/kempen.reglement");

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_text_formats_idempotently_and_losslessly(text in arbitrary_text()) {
        let once = format_text(&text);
        prop_assert_eq!(&format_text(&once), &once);
        prop_assert_eq!(ink(&once), ink(&text));
    }

    #[test]
    fn mutated_kempen_formats_idempotently_and_keeps_its_meaning(
        at in 0usize..KEMPEN.len(),
        cut in 0usize..200,
        insert in prop::sample::select(PIECES),
    ) {
        let mut at = at;
        while !KEMPEN.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(KEMPEN.len());
        while !KEMPEN.is_char_boundary(end) {
            end -= 1;
        }
        let text = format!("{}{}{}", &KEMPEN[..at], insert, &KEMPEN[end..]);
        let once = format_text(&text);
        prop_assert_eq!(&format_text(&once), &once);
        prop_assert_eq!(ink(&once), ink(&text));
        prop_assert_eq!(comments(&once), comments(&text));
        let name = "examples/kempen.reglement";
        prop_assert_eq!(codes(name, &once), codes(name, &text));
        prop_assert_eq!(plan_without_positions(name, &once), plan_without_positions(name, &text));
    }
}
