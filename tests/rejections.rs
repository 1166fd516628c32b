//! Every kind of bad input gets its own clear Dutch message with its place
//! (file, line, column or field) and what was expected; nothing is lost:
//! read = ranked + excluded + rejected. Each message is an insta snapshot.

mod common;
use common::*;
use reglement::engine::read::{read, Format};
use reglement::engine::{self, Pillar};

const HEADER: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek";
const GOOD: &str =
    "K-1,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,Turnhout,Turnhout@2016-02-01..";

/// Rank a CSV text (header + rows) for pijler 2 in Turnhout; return the
/// rendered rejections and check that every row is accounted for.
fn rejections_csv(rows: &[&str]) -> Vec<String> {
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    rejections_of(text.as_bytes(), Format::Csv, "kandidaten.csv", rows.len())
}

fn rejections_of(data: &[u8], format: Format, name: &str, records: usize) -> Vec<String> {
    let plan = kempen();
    let batch = read(data, format, name).expect("readable file");
    let req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    let prepared = engine::Prepared::new(&plan, &req).expect("request");
    let ranked = engine::rank_batch(&prepared, &batch);
    let s = ranked.samenvatting();
    assert_eq!(s.gelezen, records, "every record is read");
    assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
    // and every record has exactly one output row
    assert_eq!(ranked.rows(false).count(), records);
    ranked
        .rejected
        .iter()
        .map(|r| r.render(&ranked.batch.bestand))
        .collect()
}

fn one(rows: &[&str]) -> String {
    let mut all = rejections_csv(rows);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn invalid_date() {
    insta::assert_snapshot!(
        "ongeldige_datum",
        one(&[GOOD, "K-2,15/03/2021,gezin,2,3,1710.50,opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "datum_bestaat_niet",
        one(&["K-2,2023-02-29,gezin,2,3,1710.50,opvang,gemeente,,,,"])
    );
}

#[test]
fn unknown_code() {
    insta::assert_snapshot!(
        "onbekende_woonnood",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvnag,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "onbekende_woonnood_hoofdletters",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,Opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "onbekende_begeleiding",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,provincie,,,,"])
    );
    insta::assert_snapshot!(
        "onbekende_doelgroep",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,senioren,,,"])
    );
}

#[test]
fn duplicate_dossier() {
    let all = rejections_csv(&[
        GOOD,
        "K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,",
        GOOD,
    ]);
    // both rows of K-1 are rejected (which one is right cannot be known); K-2 is ranked
    assert_eq!(all.len(), 2);
    insta::assert_snapshot!("dubbel_dossier", all.join("\n"));
}

#[test]
fn negative_or_zero_count() {
    insta::assert_snapshot!(
        "negatief_aantal",
        one(&["K-2,2021-03-15,gezin,2,-1,1710.50,opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "geen_volwassenen",
        one(&["K-2,2021-03-15,gezin,0,3,1710.50,opvang,gemeente,,,,"])
    );
}

#[test]
fn malformed_residence_history() {
    insta::assert_snapshot!(
        "historiek_zonder_at",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,Geel 2016-02-01.."])
    );
    insta::assert_snapshot!(
        "historiek_einde_voor_begin",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,Geel@2016-02-01..;Mol@2009-05-01..2008-01-31"])
    );
    insta::assert_snapshot!(
        "historiek_datum",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,Geel@2016-2-1.."])
    );
    // spaces around the parts are read, not rejected
    assert!(rejections_csv(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,, Geel @ 2016-02-01 .. ; Mol@2009-05-01..2016-01-31"]).is_empty());
}

#[test]
fn voorkeur_outside_the_werkingsgebied_is_no_error_a_typo_is() {
    // the central register: a voorkeur in another woonmaatschappij's area is normal
    assert!(rejections_csv(&[
        "K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,Turnhout;Antwerpen,"
    ])
    .is_empty());
    insta::assert_snapshot!(
        "voorkeur_geen_gemeente",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,Turnhout;Antwerpn,"])
    );
    insta::assert_snapshot!(
        "mantelzorg_geen_gemeente",
        one(&["K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,Tessenderloo,,"])
    );
}

#[test]
fn missing_required_value() {
    insta::assert_snapshot!(
        "gezinstype_leeg",
        one(&["K-2,2021-03-15,,2,3,1710.50,opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "dossier_leeg",
        one(&[",2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,"])
    );
}

#[test]
fn invalid_values() {
    insta::assert_snapshot!(
        "bedrag_komma",
        one(&["K-2,2021-03-15,gezin,2,3,\"1710,50\",opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "bedrag_negatief",
        one(&["K-2,2021-03-15,gezin,2,3,-5,opvang,gemeente,,,,"])
    );
    insta::assert_snapshot!(
        "gezinstype_onbekend",
        one(&["K-2,2021-03-15,koppel,2,3,1710.50,opvang,gemeente,,,,"])
    );
}

#[test]
fn wrong_number_of_fields() {
    insta::assert_snapshot!(
        "aantal_velden",
        one(&["K-2,2021-03-15,gezin,2,3,1710,50,opvang,gemeente,,,,"])
    );
}

#[test]
fn not_utf8() {
    let mut data = format!("{HEADER}\n").into_bytes();
    data.extend_from_slice(
        b"K-2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,Li\xe8ge@2016-02-01..\n",
    );
    let all = rejections_of(&data, Format::Csv, "kandidaten.csv", 1);
    insta::assert_snapshot!("geen_utf8", all.join("\n"));
}

#[test]
fn lines_are_file_lines() {
    // a quote that a lenient reader would let run over a line end, and a
    // blank line: every line is a record of its own, the bad row is on line 6
    let text = format!(
        "{HEADER}\n{GOOD}\n\"K-3\nmet regeleinde\",2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,\n\nK-4,2021-03-15,gezin,2,3,1710.50,opvnag,gemeente,,,,\n"
    );
    let all = rejections_of(text.as_bytes(), Format::Csv, "kandidaten.csv", 4);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(
        all[0].starts_with("kandidaten.csv, regel 3, kolom 1 (dossier): een aanhalingsteken opent"),
        "{}",
        all[0]
    );
    assert!(
        all[1]
            .starts_with("kandidaten.csv, regel 4, kolom 1 (dossier): een aanhalingsteken midden"),
        "{}",
        all[1]
    );
    assert!(all[2].starts_with("kandidaten.csv, regel 6"), "{}", all[2]);
}

#[test]
fn json_rejections() {
    let json = r#"[
  {"dossier": "J-1", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3,
   "inkomen": 1710.5, "woonnood": "opvang", "begeleiding": "gemeente", "voorkeur": ["Turnhout"],
   "woonhistoriek": [{"gemeente": "Turnhout", "van": "2016-02-01", "tot": null}]},
  {"dossier": "J-2", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": {"aantal": 3}},
  "geen object",
  {"dossier": "J-4", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2},
  {"dossier": "J-5", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 1,
   "woonhistoriek": [{"gemeente": "Geel", "van": "2016-02-01", "tot": "2015-01-01"}]}
]"#;
    let all = rejections_of(json.as_bytes(), Format::Json, "kandidaten.json", 5);
    insta::assert_snapshot!("json", all.join("\n"));
}

#[test]
fn files_that_cannot_be_read() {
    let err = |data: &[u8], format: Format| {
        read(data, format, "kandidaten.csv")
            .unwrap_err()
            .render("kandidaten.csv")
    };
    insta::assert_snapshot!(
        "ontbrekende_kolom",
        err(b"dossier,inschrijvingsdatum,gezinstype,volwassenen,inkomen\nK-1,2021-03-15,gezin,2,1000\n", Format::Csv)
    );
    insta::assert_snapshot!("geen_kop", err(b"K-1;2021-03-15;gezin;2;3\n", Format::Csv));
    insta::assert_snapshot!("leeg", err(b"\n\n", Format::Csv));
    insta::assert_snapshot!("utf16", err(b"\xff\xfed\x00o\x00", Format::Csv));
    insta::assert_snapshot!(
        "dubbele_kolom",
        err(format!("{HEADER},kinderen\n").as_bytes(), Format::Csv)
    );
    insta::assert_snapshot!(
        "json_ongeldig",
        err(b"[{\"dossier\": \"J-1\",}]", Format::Json)
    );
    insta::assert_snapshot!(
        "json_geen_lijst",
        err(b"{\"dossier\": \"J-1\"}", Format::Json)
    );
}

#[test]
fn unknown_columns_are_reported_not_silently_dropped() {
    let text = format!("{HEADER},Inkomen2\n{GOOD},5\n");
    let batch = read(text.as_bytes(), Format::Csv, "kandidaten.csv").expect("readable");
    assert_eq!(batch.warnings.len(), 1);
    insta::assert_snapshot!("onbekende_kolom", batch.warnings[0]);
    // columns in any order, names in any case
    let text =
        "Kinderen,DOSSIER,gezinstype,volwassenen,inschrijvingsdatum\n3,K-1,gezin,2,2021-03-15\n";
    let batch = read(text.as_bytes(), Format::Csv, "kandidaten.csv").expect("readable");
    assert_eq!((batch.records.len(), batch.rejected.len()), (1, 0));
}

#[test]
fn registered_after_the_reference_date_is_excluded_not_lost() {
    let r = engine::rank(
        &kempen(),
        &[cand(
            "K-9",
            "2024-07-01",
            reglement::syntax::ast::Household::Gezin,
            2,
            3,
            Some("1000"),
            Some("opvang"),
            Some("gemeente"),
        )],
        &list("2024-06-30", Pillar::Versneld, "Turnhout"),
    )
    .expect("ok");
    assert_eq!(
        r.rijen[0].reden.as_deref(),
        Some("niet ingeschreven op de peildatum 2024-06-30")
    );
}

#[test]
fn a_count_beyond_its_bound_says_the_bound() {
    // used to say only "verwacht een geheel getal, 0 of meer"
    insta::assert_snapshot!(
        "kinderen_te_groot",
        one(&["K-2,2021-03-15,gezin,2,1000000,1710.50,opvang,gemeente,,,,"])
    );
}

#[test]
fn a_json_key_written_twice_is_refused() {
    // used to keep the last value silently, where CSV refuses the column twice
    let json = r#"[
  {"dossier": "J-1", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3, "woonnood": "opvang", "woonnood": "instelling"},
  {"dossier": "J-2", "Dossier": "J-3", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3},
  {"dossier": "J-4", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3,
   "woonhistoriek": [{"gemeente": "Turnhout", "gemeente": "Beerse", "van": "2016-02-01", "tot": null}]},
  {"dossier": "J-5", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3}
]"#;
    let all = rejections_of(json.as_bytes(), Format::Json, "kandidaten.json", 4);
    assert_eq!(all.len(), 3, "{all:#?}");
    insta::assert_snapshot!("json_dubbele_sleutel", all.join("\n"));
}

#[test]
fn control_characters_and_absurd_lengths_are_refused_and_never_written_raw() {
    let long = "D".repeat(10_000_000);
    let many = vec!["Turnhout"; 1001].join(";");
    let text = format!(
        "{HEADER}\nK-\u{0}2,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,\nK-3\t4,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,\n{long},2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,,\nK-5,2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,{many},\nK-6,2021-03-15,gezin,2,3,1710.50,opvang\u{1b}[31m,gemeente,,,,\n{GOOD}\n"
    );
    let all = rejections_of(text.as_bytes(), Format::Csv, "kandidaten.csv", 6);
    assert_eq!(all.len(), 5, "{all:#?}");
    insta::assert_snapshot!("stuurtekens_en_lengtes", all.join("\n"));
    // and the ranking written for them holds no control character and no
    // 10 MB id
    let plan = kempen();
    let batch = read(text.as_bytes(), Format::Csv, "kandidaten.csv").expect("readable");
    let req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    let prepared = engine::Prepared::new(&plan, &req).expect("request");
    let ranked = engine::rank_batch(&prepared, &batch);
    let mut out = Vec::new();
    engine::output::write_csv(&ranked, &mut out).expect("write");
    assert!(out.len() < 10_000);
    let out = String::from_utf8(out).expect("utf-8");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
}

/// A dwellings file for the Kempen simulation with eleven bad rows: every
/// one is named in one pass, also those that only the plan can tell
/// (gemeente outside the werkingsgebied, unknown target group or pillar-4
/// code, a code in another case).
#[test]
fn every_error_of_a_dwellings_file_is_listed_in_one_pass() {
    let text = "woning,gemeente,slaapkamers,type,doelgroep,vrij_vanaf,bijzonder
W-01,Turnhout,2,huis,,2024-02-01,
W-02,Brussel,2,huis,,2024-02-02,
W-03,Turnhout,2,huis,Doorstromer,2024-02-03,
W-04,Turnhout,2,huis,senioren,2024-02-04,
W-05,Turnhout,2,huis,,2024-02-05,renovatie2
W-06,Turnhout,twee,huis,,2024-02-06,
W-07,Turnhout,2,huis,,2024-02-30,
W-08,Turnhout,2,huis,,,
W-09,\"Turnhout,2,huis,,2024-02-09,
W-10,Turnhout,4294967296,huis,,2024-02-10,
W-01,Beerse,1,huis,,2024-02-11,
W-12,Turnhout\u{0},1,huis,,2024-02-12,
W-13,Turnhout,1,huis,,2024-02-13,
";
    let plan = kempen();
    let e =
        reglement::simulate::dwellings::read(text.as_bytes(), Format::Csv, "woningen.csv", &plan)
            .expect_err("refused");
    assert_eq!(e.lines().count(), 11, "{e}");
    insta::assert_snapshot!("woningen_alle_fouten", e);
    // the same through the CLI: exit 2, nothing simulated
    let dir = common::cli::temp_dir("woningen-alle");
    let file = dir.join("woningen.csv");
    std::fs::write(&file, text).expect("write");
    let o = common::cli::reglement(&[
        "simuleer",
        "examples/kempen.reglement",
        "--kandidaten",
        "examples/kandidaten.csv",
        "--woningen",
        file.to_str().expect("path"),
        "--van",
        "2024-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::cli::stdout(&o).is_empty());
    assert!(common::cli::stderr(&o).contains("gemeente 'Brussel' ligt niet in het werkingsgebied"));
}

#[test]
fn a_dwellings_file_that_names_a_key_or_a_column_twice_is_refused() {
    let plan = kempen();
    let json = r#"[{"woning": "W-1", "gemeente": "Turnhout", "gemeente": "Brussel", "slaapkamers": 2, "vrij_vanaf": "2024-02-01"},
                  {"woning": "W-2", "gemeente": "Turnhout", "slaapkamers": 2, "vrij_vanaf": "2024-02-01"}]"#;
    let e =
        reglement::simulate::dwellings::read(json.as_bytes(), Format::Json, "woningen.json", &plan)
            .expect_err("refused");
    assert_eq!(
        e,
        "woningen.json, woning 1: het veld 'gemeente' staat meer dan eens in dit object; schrijf elk veld één keer"
    );
    let csv =
        "woning,gemeente,Gemeente,slaapkamers,vrij_vanaf\nW-1,Turnhout,Brussel,2,2024-02-01\n";
    let e =
        reglement::simulate::dwellings::read(csv.as_bytes(), Format::Csv, "woningen.csv", &plan)
            .expect_err("refused");
    assert_eq!(
        e,
        "woningen.csv, regel 1: de kolom 'gemeente' staat twee keer in de kop (kolom 2 en 3)"
    );
}
