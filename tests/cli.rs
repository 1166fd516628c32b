//! The `reglement` binary end to end: exit codes, output formats, Dutch help.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};

#[test]
fn controleer_kempen_exits_zero() {
    let o = reglement(&["controleer", "examples/kempen.reglement"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("examples/kempen.reglement: 0 fouten"),
        "{}",
        stdout(&o)
    );
    // the alias does the same
    assert_eq!(
        reglement(&["check", "examples/kempen.reglement"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn controleer_a_broken_file_exits_one_with_the_diagnostic() {
    let dir = temp_dir("broken");
    let path = dir.join("kapot.reglement");
    std::fs::write(&path, "reglement {\n    versie 12\n}\n").expect("write");
    let o = reglement(&["controleer", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("R0001"), "{out}");
    assert!(out.contains("tekst tussen aanhalingstekens"), "{out}");
    // no colour codes when not on a terminal
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn controleer_json_gives_code_severity_message_help_and_positions() {
    let dir = temp_dir("json");
    let path = dir.join("kapot.reglement");
    std::fs::write(&path, "reglement {\n    versie 12\n}\n").expect("write");
    let o = reglement(&[
        "controleer",
        "--formaat",
        "json",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let first = &value[0];
    assert_eq!(first["code"], "R0001");
    assert_eq!(first["severity"], "error");
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(first["help"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(first["span"]["start"]["line"], 2);
    assert_eq!(first["span"]["start"]["column"], 12);
    assert_eq!(first["span"]["start"]["byte"], 23);
}

#[test]
fn a_missing_file_and_a_wrong_option_exit_two() {
    let o = reglement(&["controleer", "bestaat-niet.reglement"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bestaat-niet.reglement bestaat niet"),
        "{}",
        stderr(&o)
    );
    let o = reglement(&["controleer", "--onbekend", "examples/kempen.reglement"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("onbekende optie"), "{}", stderr(&o));
    let o = reglement(&["opdracht-die-niet-bestaat"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("onbekende opdracht"), "{}", stderr(&o));
}

#[test]
fn an_unwritable_output_and_a_loose_date_are_refused_in_dutch() {
    let o = reglement(&[
        "rangschik",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
        "--uitvoer",
        "/bestaat/niet/rangschikking.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("kan niet geschreven worden: het bestand of de map bestaat niet"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    // every command reads a date option the same way: JJJJ-MM-DD exactly
    for args in [
        &[
            "verschil",
            "examples/kempen.reglement",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
            "--peildatum",
            "2024-6-1",
        ][..],
        &[
            "rangschik",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
            "--peildatum",
            "2024-6-1",
            "--pijler",
            "versneld",
            "--gemeente",
            "Turnhout",
        ][..],
    ] {
        let o = reglement(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("verwacht een datum JJJJ-MM-DD"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn uitleg_explains_a_code_with_its_rule_and_refuses_an_unknown_one() {
    let o = reglement(&["uitleg", "R0102"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("R0102 — Aandeel versnelde toewijzing is niet 20%"),
        "{out}"
    );
    assert!(out.contains("Grondslag: art. 6.24 §1 BVCW"), "{out}");
    assert!(out.contains("### C2 — pijler 2 is precies 20%"), "{out}");
    let o = reglement(&["uitleg", "R102"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Bedoelt u R0102?"), "{}", stderr(&o));
}

#[test]
fn help_is_dutch() {
    let o = reglement(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for word in [
        "Gebruik:",
        "Opdrachten:",
        "Opties:",
        "controleer",
        "compileer",
        "Toon deze hulp",
    ] {
        assert!(out.contains(word), "{word} ontbreekt in\n{out}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help"] {
        assert!(!out.contains(english), "{english} staat in\n{out}");
    }
    let o = reglement(&["controleer", "--help"]);
    let out = stdout(&o);
    assert!(
        out.contains("[OPTIES]") && out.contains("Mogelijke waarden") && !out.contains("Possible"),
        "{out}"
    );
}

/// Every help text clap renders, short (`-h`) and long (`--help`), for every
/// command: none of the words clap writes itself in English.
#[test]
fn every_help_text_is_dutch() {
    let top = stdout(&reglement(&["--help"]));
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Opdrachten:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    let english = [
        "Usage",
        "[OPTIONS]",
        "<COMMAND>",
        "Possible values",
        "possible values",
        "[default:",
        "[aliases:",
        "Arguments:",
        "Options:",
        "Commands:",
        "Print help",
    ];
    let mut texts = vec![("reglement".to_string(), stderr(&reglement(&[])))];
    for flag in ["-h", "--help"] {
        texts.push((format!("reglement {flag}"), stdout(&reglement(&[flag]))));
        for command in &commands {
            let o = reglement(&[command, flag]);
            assert_eq!(o.status.code(), Some(0), "{command} {flag}");
            texts.push((format!("reglement {command} {flag}"), stdout(&o)));
        }
    }
    for (call, text) in &texts {
        assert!(text.contains("Gebruik: reglement"), "{call}:\n{text}");
        for word in english {
            assert!(!text.contains(word), "'{word}' in '{call}':\n{text}");
        }
    }
    // the values and defaults clap would have listed are there, in Dutch
    let rank = stdout(&reglement(&["rangschik", "-h"]));
    assert!(
        rank.contains("[standaard: tabel] [mogelijk: tabel, csv, json]"),
        "{rank}"
    );
    let rank = stdout(&reglement(&["rangschik", "--help"]));
    assert!(
        rank.contains("- doelgroepen: Pijler 3: specifieke doelgroepen"),
        "{rank}"
    );
    assert!(rank.contains("[standaard: 0]"), "{rank}");
}

#[test]
fn compileer_writes_a_plan_that_validates_against_the_schema_command() {
    let dir = temp_dir("plan");
    let plan_path = dir.join("kempen.plan.json");
    let schema_path = dir.join("plan.schema.json");
    let o = reglement(&[
        "compileer",
        "examples/kempen.reglement",
        "--uitvoer",
        plan_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = reglement(&["schema", "--uitvoer", schema_path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_path).expect("plan")).expect("json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("schema"))
            .expect("json");
    let validator = jsonschema::JSONSchema::compile(&schema).expect("valid schema");
    assert!(validator.is_valid(&plan));
    assert_eq!(plan["schema"], "reglement-plan/1");
    assert_eq!(plan["versneld"]["aandeel"], 2000);
    // stdout gives the same bytes as the file
    let o = reglement(&["compile", "examples/kempen.reglement"]);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(&plan_path).expect("plan")
    );
}

#[test]
fn compileer_refuses_a_reglement_with_errors() {
    let dir = temp_dir("refuse");
    let path = dir.join("kapot.reglement");
    std::fs::write(&path, "reglement {\n    versie 12\n}\n").expect("write");
    let o = reglement(&["compileer", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("wordt niet gecompileerd"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn codes_lists_every_check_with_its_basis() {
    let o = reglement(&["codes"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for code in reglement::diagnostic::codes::CODES {
        assert!(out.contains(code.code), "{} ontbreekt", code.code);
    }
    assert!(out.contains("art. 6.24 §1 BVCW"));
    // the severities a code can have, as in `codes --markdown`: a code that
    // also warns says so on its line
    for code in reglement::diagnostic::codes::CODES {
        let line = out
            .lines()
            .find(|l| l.starts_with(code.code))
            .unwrap_or_else(|| panic!("geen regel voor {}", code.code));
        let severity = code.severity_text();
        assert!(
            line.split_whitespace()
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")
                .starts_with(&severity),
            "{}: '{severity}' ontbreekt in '{line}'",
            code.code
        );
    }
    let r0108 = out.lines().find(|l| l.starts_with("R0108")).unwrap_or("");
    assert!(r0108.contains("fout of waarschuwing"), "{r0108}");
}
