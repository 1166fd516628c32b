//! The readers lose nothing: a stray or unterminated quote is an error of
//! the line where it opens, and every other line is read as its own row;
//! LF, CRLF and CR files read the same; a lone CR in an LF file is a clear
//! error, never a new row; and, on arbitrary bytes, the counts equal the
//! records of the file (counted without the reader, `fuzz/oracles.rs`).

mod common;

#[path = "../fuzz/oracles.rs"]
mod oracles;

use common::*;
use proptest::prelude::*;
use reglement::engine::read::{read, read_csv, read_csv_in_chunks, Format};
use reglement::engine::{self, output, woning, Pillar};

const HEADER: &str = "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,inkomen,woonnood,begeleiding,doelgroepen,mantelzorg,voorkeur,woonhistoriek";

fn row(dossier: &str, tail: &str) -> String {
    format!("{dossier},2021-03-15,gezin,2,3,1710.50,opvang,gemeente,,,{tail}")
}

fn good(dossier: &str) -> String {
    row(dossier, "Turnhout,Turnhout@2016-02-01..")
}

/// The ranking (pijler 2, Turnhout) of a CSV text as the CSV output, and
/// its rendered rejections; every record is accounted for.
fn ranked(text: &[u8], records: usize) -> (String, Vec<String>) {
    let plan = kempen();
    let batch = read(text, Format::Csv, "kandidaten.csv").expect("readable");
    let req = list("2024-06-30", Pillar::Versneld, "Turnhout");
    let prepared = engine::Prepared::new(&plan, &req).expect("request");
    let r = engine::rank_batch(&prepared, &batch);
    let s = r.samenvatting();
    assert_eq!(s.gelezen, records, "every record is read");
    assert_eq!(s.gelezen, s.gerangschikt + s.uitgesloten + s.geweigerd);
    let mut out = Vec::new();
    output::write_csv(&r, &mut out).expect("write");
    let messages = r
        .rejected
        .iter()
        .map(|x| x.render("kandidaten.csv"))
        .collect();
    (String::from_utf8(out).expect("utf-8"), messages)
}

#[test]
fn a_stray_quote_rejects_its_own_row_and_no_other() {
    // the issue's case: a quote opening the voorkeur of K-2 used to swallow
    // K-3 and K-4 into K-2's voorkeur (gelezen 4 for 6 rows)
    let text = [
        HEADER.to_string(),
        good("K-1"),
        row("K-2", "\"Turnhout,Turnhout@2016-02-01.."),
        good("K-3"),
        row("K-4", "Turnhout\",Turnhout@2016-02-01.."),
        good("K-5"),
        good("K-6"),
    ]
    .join("\n");
    let (out, messages) = ranked(text.as_bytes(), 6);
    assert_eq!(messages.len(), 2, "{messages:#?}");
    insta::assert_snapshot!("stray_quote", messages.join("\n"));
    for k in ["K-1", "K-3", "K-5", "K-6"] {
        assert!(
            out.contains(&format!(",{k},versneld,gerangschikt,")),
            "{k}: {out}"
        );
    }
}

#[test]
fn an_unterminated_quote_names_the_rows_it_would_swallow() {
    // used to read as 2 records for 5 rows, "de rij heeft 7 velden"
    let text = [
        HEADER.to_string(),
        good("K-1"),
        "K-2,2021-03-15,gezin,2,3,1710.50,\"opvang,gemeente,,,Turnhout,Turnhout@2016-02-01.."
            .into(),
        good("K-3"),
        good("K-4"),
        good("K-5"),
    ]
    .join("\n");
    let (out, messages) = ranked(text.as_bytes(), 5);
    assert_eq!(messages.len(), 1);
    insta::assert_snapshot!("unterminated_quote", &messages[0]);
    assert!(messages[0].contains("regels 4 tot 6, tot het einde van het bestand"));
    assert_eq!(out.matches(",gerangschikt,").count(), 4);
}

#[test]
fn text_after_a_closing_quote_is_named() {
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        row("K-1", "\"Turnhout\"x,"),
        good("K-2")
    );
    let (_, messages) = ranked(text.as_bytes(), 2);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].contains("kolom 11 (voorkeur)") && messages[0].contains("volgt nog tekst"),
        "{}",
        messages[0]
    );
}

#[test]
fn quotes_that_are_right_are_read() {
    // quotes around a value, spaces around them, "" inside: all read
    let text = format!(
        "{HEADER}\n\"K-1\",2021-03-15, \"gezin\" ,2,3,\"1710.50\",opvang,gemeente,,,\"Turnhout;Beerse\",\"Turnhout@2016-02-01..\"\n"
    );
    let (out, messages) = ranked(text.as_bytes(), 1);
    assert!(messages.is_empty(), "{messages:#?}");
    assert!(out.contains(",K-1,versneld,gerangschikt,"));
}

#[test]
fn lf_crlf_and_cr_files_read_the_same() {
    let mut lines = vec![HEADER.to_string()];
    lines.extend((1..=17).map(|i| good(&format!("K-{i:02}"))));
    lines.push(row("K-99", "Nergenshuizen,"));
    let lf = lines.join("\n") + "\n";
    let (expected, _) = ranked(lf.as_bytes(), 18);
    for (name, text) in [
        ("crlf", lines.join("\r\n") + "\r\n"),
        ("cr", lines.join("\r") + "\r"),
        ("cr without a last line end", lines.join("\r")),
    ] {
        let (out, messages) = ranked(text.as_bytes(), 18);
        // the one bad row is rejected at its own line, not "interne fout … regel 1"
        assert_eq!(messages.len(), 1, "{name}: {messages:#?}");
        assert!(
            messages[0].starts_with("kandidaten.csv, regel 19"),
            "{name}: {}",
            messages[0]
        );
        assert_eq!(out, expected, "{name}");
    }
}

#[test]
fn a_lone_cr_inside_a_field_is_an_error_not_a_new_row() {
    // used to invent the dossiers 'vang' and 'eente'
    let text = format!(
        "{HEADER}\n{}\nK-2,2021-03-15,gezin,2,3,1710.50,op\rvang,gem\reente,,,,\n{}\n",
        good("K-1"),
        good("K-3")
    );
    let (out, messages) = ranked(text.as_bytes(), 3);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    insta::assert_snapshot!("lone_cr", &messages[0]);
    assert!(!out.contains("vang,") && !out.contains("eente"));
    // at the end of a value it is white space, as a trailing space is
    let text = format!("{HEADER}\n{}\r\r\n", good("K-1"));
    let (_, messages) = ranked(text.as_bytes(), 1);
    assert!(messages.is_empty(), "{messages:#?}");
}

#[test]
fn blank_lines_are_not_records_and_lines_stay_file_lines() {
    let text = format!(
        "\n  \n{HEADER}\n\n{}\n \t \n{}\n",
        good("K-1"),
        row("K-2", "Nergenshuizen,")
    );
    let (_, messages) = ranked(text.as_bytes(), 2);
    assert!(
        messages[0].starts_with("kandidaten.csv, regel 7"),
        "{}",
        messages[0]
    );
}

#[test]
fn a_dwellings_file_with_a_stray_quote_loses_no_dwelling() {
    // used to report "woningen vrijgekomen: 3" for 4 rows
    let text = "woning,gemeente,slaapkamers,vrij_vanaf\nW-1,Turnhout,2,2024-02-01\nW-2,\"Beerse,1,2024-03-01\nW-3,Beerse,1,2024-04-01\nW-4,Merksplas,1,2024-05-01\n";
    let rows = woning::read_rows(text.as_bytes(), Format::Csv, "woningen.csv", &|_| {
        Vec::new()
    })
    .expect("readable");
    assert_eq!((rows.records, rows.rows.len(), rows.refused), (4, 3, 1));
    assert!(
        rows.errors[0]
            .starts_with("woningen.csv, regel 3, kolom 2 (gemeente): een aanhalingsteken opent"),
        "{}",
        rows.errors[0]
    );
    for cr in [text.replace('\n', "\r"), text.replace('\n', "\r\n")] {
        let other = woning::read_rows(cr.as_bytes(), Format::Csv, "woningen.csv", &|_| Vec::new())
            .expect("readable");
        assert_eq!(other.errors, rows.errors);
        assert_eq!(other.rows.len(), 3);
    }
}

/// Bytes that look like a candidates file: the header, then lines of the
/// characters that matter to a reader (quotes, separators, line ends,
/// control characters, non-UTF-8) mixed with good rows.
fn candidate_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\x00".to_vec()),
        Just(b"\xff".to_vec()),
        Just(b"@".to_vec()),
        Just(b" ".to_vec()),
        Just(good("K-1").into_bytes()),
        Just(b"K-2,2021-03-15,gezin,2,3,,opvang,,,,,".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    (
        prop_oneof![Just(String::new()), Just("\u{feff}".to_string())],
        prop::collection::vec(piece, 0..40),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(bom, pieces, end)| {
            let mut out = format!("{bom}{HEADER}{end}").into_bytes();
            for p in pieces {
                out.extend(p);
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// On any bytes, the candidates reader reads or rejects exactly the
    /// records of the file, in any number of chunks, and a ranking accounts
    /// for all of them.
    #[test]
    fn candidates_csv_loses_nothing(data in candidate_bytes()) {
        oracles::candidates_csv(&data);
        // (a file that is not read at all, e.g. a CR file with one LF, whose
        // first line then runs to that LF, is an error of the whole file)
        if let Ok(batch) = read_csv(&data, "k.csv") {
            let records = oracles::csv_records(&data).expect("a header");
            prop_assert_eq!(batch.read_count(), records);
            let chunked = read_csv_in_chunks(&data, "k.csv", Some(3)).expect("readable");
            prop_assert_eq!(chunked.rejected, batch.rejected);
        }
    }

    /// Entirely arbitrary bytes: no panic, and whatever is read is counted.
    #[test]
    fn arbitrary_bytes_never_panic_and_are_counted(data in prop::collection::vec(any::<u8>(), 0..600)) {
        oracles::candidates_csv(&data);
        oracles::candidates_json(&data);
        oracles::dwellings(&data);
    }

    /// A JSON array of arbitrary values: one record or rejection each.
    #[test]
    fn candidates_json_loses_nothing(items in prop::collection::vec(json_value(), 0..12)) {
        let text = serde_json::to_string(&items).expect("json");
        oracles::candidates_json(text.as_bytes());
        let batch = read(text.as_bytes(), Format::Json, "k.json").expect("an array reads");
        prop_assert_eq!(batch.read_count(), items.len());
    }

    /// A dwellings file of arbitrary lines: every record a dwelling or refused.
    #[test]
    fn dwellings_lose_nothing(data in candidate_bytes()) {
        let text = String::from_utf8_lossy(&data).replacen(HEADER, "woning,gemeente,slaapkamers,vrij_vanaf", 1);
        let mut bytes = vec![0u8];
        bytes.extend(text.as_bytes());
        oracles::dwellings(&bytes);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        Just(
            json!({"dossier": "J-1", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 3})
        ),
        Just(
            json!({"dossier": "J-2", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 1000000})
        ),
        Just(
            json!({"dossier": "J\u{0}3", "inschrijvingsdatum": "2021-03-15", "gezinstype": "gezin", "volwassenen": 2, "kinderen": 1})
        ),
        Just(json!({"Dossier": "J-4", "dossier": "J-5"})),
        Just(json!(["geen object"])),
        Just(json!(null)),
        Just(json!(12.5)),
        "[a-z\"\\\\]{0,10}".prop_map(|s| json!({ "dossier": s, "woonnood": s })),
    ]
}
