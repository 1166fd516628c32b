//! `reglement rangschik`, `verklaar` and `genereer` end to end through the
//! real binary: the bundled example candidates ranked in every format
//! (snapshots), explanations, exit codes, Dutch errors.

mod common;
use common::cli::{reglement, stderr, stdout, temp_dir};

use std::process::Output;

const BASE: [&str; 6] = [
    "examples/kempen.reglement",
    "--kandidaten",
    "examples/kandidaten.csv",
    "--peildatum",
    "2024-06-30",
    "--gemeente",
];

fn rank(extra: &[&str]) -> Output {
    let mut args = vec!["rangschik"];
    args.extend_from_slice(&BASE);
    args.push("Turnhout");
    args.extend_from_slice(extra);
    reglement(&args)
}

#[test]
fn rangschik_versneld_table() {
    let o = rank(&["--pijler", "versneld"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("rangschik_versneld_tabel", stdout(&o));
}

#[test]
fn rangschik_versneld_csv_and_json() {
    let o = rank(&["--pijler", "versneld", "--formaat", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("rangschik_versneld_csv", stdout(&o));
    // the summary goes to stderr, so stdout stays CSV
    assert!(
        stderr(&o).contains("gelezen 17 = gerangschikt 10 + uitgesloten 7 + geweigerd 0"),
        "{}",
        stderr(&o)
    );
    // an alleenstaande with children is a note (in the leefloon a gezin), not a rejection
    assert!(
        stderr(&o).contains("let op: kandidaten.csv: 3 rijen met gezinstype 'alleenstaande' hebben kinderen: regel 5 (dossier K-0104), regel 6 (dossier K-0105), regel 15 (dossier K-0115)."),
        "{}",
        stderr(&o)
    );
    let o = rank(&["--pijler", "versneld", "--formaat", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["samenvatting"]["gerangschikt"], 10);
    assert_eq!(v["rijen"][0]["dossier"], "K-0102");
    assert_eq!(v["rijen"][0]["punten"][0]["criterium"], "woonnood");
    insta::assert_snapshot!("rangschik_versneld_json", stdout(&o));
}

#[test]
fn rangschik_for_a_dwelling_uses_its_gemeente_bedrooms_and_reservation() {
    let args = |woning: &str| {
        vec![
            "rangschik",
            "examples/kempen.reglement",
            "--kandidaten",
            "examples/kandidaten.csv",
            "--peildatum",
            "2024-06-30",
            "--woning",
            woning.to_string().leak(),
            "--woningen",
            "examples/woningen.csv",
        ]
    };
    let o = reglement(&args("W-TH-021"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("rangschik_woning_standaard", stdout(&o));
    let o = reglement(&args("W-TH-003"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("rangschik_woning_doorstromer", stdout(&o));
    let o = reglement(&args("W-XX-999"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("woning 'W-XX-999' staat niet in woningen.csv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_plan_json_ranks_like_its_reglement() {
    let dir = temp_dir("plan");
    let plan = dir.join("plan.json");
    let o = reglement(&[
        "compileer",
        "examples/kempen.reglement",
        "-o",
        plan.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from_reglement = rank(&["--pijler", "versneld", "--formaat", "csv"]);
    let from_plan = reglement(&[
        "rank",
        plan.to_str().expect("path"),
        "--kandidaten",
        "examples/kandidaten.csv",
        "--peildatum",
        "2024-06-30",
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
        "--formaat",
        "csv",
    ]);
    assert_eq!(from_plan.status.code(), Some(0), "{}", stderr(&from_plan));
    assert_eq!(stdout(&from_plan), stdout(&from_reglement));
}

#[test]
fn verklaar_in_words_and_as_json() {
    let mut args = vec!["verklaar"];
    args.extend_from_slice(&BASE);
    args.extend_from_slice(&["Turnhout", "--pijler", "versneld", "--dossier", "K-0101"]);
    let o = reglement(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("20 punten voor woonnood 'opvang' (art. 3.1, kempen-regio.reglement regel "),
        "{text}"
    );
    insta::assert_snapshot!("verklaar_K-0101", text);
    args.extend_from_slice(&["--formaat", "json"]);
    let o = reglement(&args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["rang"], 3);
    assert_eq!(v["stappen"][3]["punten"], 20);
    assert_eq!(v["stappen"][3]["herkomst"]["artikel"], "art. 3.1");
    // an excluded candidate says why, with the rule's article
    let o = reglement(&[
        "explain",
        BASE[0],
        BASE[1],
        BASE[2],
        BASE[3],
        BASE[4],
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
        "--dossier",
        "K-0106",
    ]);
    insta::assert_snapshot!("verklaar_K-0106", stdout(&o));
    let o = reglement(&[
        "verklaar",
        BASE[0],
        BASE[1],
        BASE[2],
        BASE[3],
        BASE[4],
        "--pijler",
        "standaard",
        "--gemeente",
        "Turnhout",
        "--dossier",
        "K-0105",
    ]);
    insta::assert_snapshot!("verklaar_K-0105_standaard", stdout(&o));
    let o = reglement(&[
        "verklaar",
        BASE[0],
        BASE[1],
        BASE[2],
        BASE[3],
        BASE[4],
        "--pijler",
        "versneld",
        "--gemeente",
        "Turnhout",
        "--dossier",
        "K-9999",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("dossier 'K-9999' staat niet in kandidaten.csv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rejected_rows_are_reported_and_strict_mode_stops() {
    let dir = temp_dir("strikt");
    let file = dir.join("kandidaten.csv");
    let mut text = std::fs::read_to_string("examples/kandidaten.csv").expect("example");
    text.push_str("K-0200,2021-02-30,gezin,2,3,1500.00,opvang,gemeente,,,,\n");
    std::fs::write(&file, text).expect("write");
    let f = file.to_str().expect("path");
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "rangschik",
            BASE[0],
            "--kandidaten",
            f,
            "--peildatum",
            "2024-06-30",
            "--pijler",
            "versneld",
            "--gemeente",
            "Turnhout",
            "--formaat",
            "csv",
        ];
        a.extend_from_slice(extra);
        a
    };
    let o = reglement(&args(&[]));
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("geweigerd: kandidaten.csv, regel 19, kolom 2 (inschrijvingsdatum), dossier K-0200: 'inschrijvingsdatum' is '2021-02-30'"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("gelezen 18 = gerangschikt 10 + uitgesloten 7 + geweigerd 1"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o)
            .lines()
            .last()
            .unwrap_or("")
            .contains(",K-0200,versneld,geweigerd,"),
        "{}",
        stdout(&o)
    );
    let o = reglement(&args(&["--strikt"]));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("--strikt: 1 rij geweigerd"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_two_in_dutch() {
    let cases: [(&str, &[&str], &str); 6] = [
        (
            "no reference date: a ranking never reads the clock",
            &[
                "--kandidaten",
                BASE[2],
                "--pijler",
                "versneld",
                "--gemeente",
                "Turnhout",
            ],
            "ontbrekend argument: --peildatum",
        ),
        (
            "a date not written JJJJ-MM-DD",
            &[
                "--kandidaten",
                BASE[2],
                "--peildatum",
                "30/06/2024",
                "--pijler",
                "versneld",
                "--gemeente",
                "Turnhout",
            ],
            "JJJJ-MM-DD",
        ),
        (
            "neither a dwelling nor a pillar",
            &["--kandidaten", BASE[2], "--peildatum", "2024-06-30"],
            "--woning ID --woningen BESTAND, of --pijler",
        ),
        (
            "a gemeente outside the werkingsgebied",
            &[
                "--kandidaten",
                BASE[2],
                "--peildatum",
                "2024-06-30",
                "--pijler",
                "versneld",
                "--gemeente",
                "Gent",
            ],
            "gemeente 'Gent' ligt niet in het werkingsgebied",
        ),
        (
            "a missing candidates file",
            &[
                "--kandidaten",
                "bestaat-niet.csv",
                "--peildatum",
                "2024-06-30",
                "--pijler",
                "versneld",
                "--gemeente",
                "Turnhout",
            ],
            "bestaat-niet.csv bestaat niet",
        ),
        (
            "a file that is not a candidates file",
            &[
                "--kandidaten",
                "examples/woningen.csv",
                "--peildatum",
                "2024-06-30",
                "--pijler",
                "versneld",
                "--gemeente",
                "Turnhout",
            ],
            "de kop mist de verplichte kolommen",
        ),
    ];
    for (what, args, expected) in cases {
        let mut all = vec!["rangschik", BASE[0]];
        all.extend_from_slice(args);
        let o = reglement(&all);
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{what}: {}", stderr(&o));
    }
}

#[test]
fn help_is_dutch() {
    let o = reglement(&["rangschik", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("--peildatum <DATUM>"), "{help}");
    assert!(help.contains("leest nooit de klok"), "{help}");
}

#[test]
fn genereer_is_seeded() {
    let a = reglement(&["genereer", "--aantal", "200", "--zaad", "9"]);
    let b = reglement(&["genereer", "--aantal", "200", "--zaad", "9"]);
    let c = reglement(&["genereer", "--aantal", "200", "--zaad", "10"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    assert_eq!(stdout(&a).lines().count(), 201);
    let j = reglement(&[
        "genereer",
        "--aantal",
        "3",
        "--zaad",
        "9",
        "--formaat",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(3));
    // a generated file ranks without rejections
    let dir = temp_dir("genereer");
    let file = dir.join("k.csv");
    std::fs::write(&file, &a.stdout).expect("write");
    let o = reglement(&[
        "rangschik",
        BASE[0],
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
        "--strikt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
