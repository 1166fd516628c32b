//! The functions the page calls, natively: the same JSON the browser gets.

use reglement_web::{controleer, opmaak, publiceer, uitleg, Rangschikking};
use serde_json::Value;

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("example")
}

fn files() -> String {
    serde_json::json!({ "kempen-regio.reglement": example("kempen-regio.reglement") }).to_string()
}

#[test]
fn positions_are_utf16_offsets_lines_and_columns_characters() {
    // "é" is 2 bytes and 1 UTF-16 unit; the error sits after it
    let text = example("kempen.reglement").replacen(
        "    aandeel 20%\n    basis",
        "    # één\n    aandeel 25%\n    basis",
        1,
    );
    let r: Value = serde_json::from_str(&controleer("kempen.reglement", &text, &files())).unwrap();
    let d = r["diagnostieken"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R0102")
        .expect("R0102");
    let p = &d["plaats"];
    let van = p["van"].as_u64().unwrap() as usize;
    let tot = p["tot"].as_u64().unwrap() as usize;
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[van..tot]).unwrap(), "25%");
    let line = text
        .lines()
        .nth(p["regel"].as_u64().unwrap() as usize - 1)
        .unwrap();
    assert_eq!(line, "    aandeel 25%");
    assert_eq!(p["kolom"], 13);
    assert_eq!(r["fouten"], 1);
    assert!(d["grondslag"]
        .as_str()
        .unwrap()
        .starts_with("art. 6.24 §1 BVCW"));
    assert!(r["gemeenten"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g == "Turnhout"));
}

#[test]
fn hover_formatting_and_documents() {
    let text = example("kempen.reglement");
    let at = text.find("wegingskader kempen").unwrap() + "wegingskader ".len() + 1;
    let h: Value = serde_json::from_str(&uitleg(
        "kempen.reglement",
        &text,
        &files(),
        "kempen.reglement",
        at,
    ))
    .unwrap();
    assert!(h["tekst"].as_str().unwrap().contains("kempen"), "{h}");
    let none = uitleg("kempen.reglement", &text, &files(), "onbekend.reglement", 0);
    assert_eq!(none, "null");

    let f: Value = serde_json::from_str(&opmaak("reglement \"x\"   {\n}\n")).unwrap();
    assert_eq!(f["gewijzigd"], true);
    let same: Value = serde_json::from_str(&opmaak(&text)).unwrap();
    assert_eq!(same["gewijzigd"], false);

    let p: Value = serde_json::from_str(&publiceer("kempen.reglement", &text, &files())).unwrap();
    let docs = p["documenten"].as_array().unwrap();
    assert!(docs.len() >= 2);
    assert!(docs[0]["html"]
        .as_str()
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let broken = text.replacen("aandeel 20%", "aandeel 25%", 1);
    let p: Value = serde_json::from_str(&publiceer("kempen.reglement", &broken, &files())).unwrap();
    assert_eq!(p["documenten"].as_array().unwrap().len(), 0);
    assert!(p["melding"]
        .as_str()
        .unwrap()
        .contains("1 fout en wordt niet gepubliceerd"));
}

#[test]
fn ranking_accounts_for_every_row_and_explains() {
    let text = example("kempen.reglement");
    let data = example("kandidaten.csv");
    let verzoek = r#"{"peildatum":"2024-06-30","pijler":"versneld","gemeente":"Turnhout"}"#;
    let r = Rangschikking::new(
        "kempen.reglement",
        &text,
        &files(),
        data.as_bytes(),
        "kandidaten.csv",
        verzoek,
        3,
    );
    let res: Value = serde_json::from_str(&r.resultaat()).unwrap();
    let s = &res["samenvatting"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("gelezen"),
        n("gerangschikt") + n("uitgesloten") + n("geweigerd")
    );
    assert!(res["regel"].as_str().unwrap().starts_with("gelezen "));
    assert_eq!(res["rijen"].as_array().unwrap().len(), 3);
    let csv = String::from_utf8(r.csv()).unwrap();
    assert!(csv.starts_with("rang,dossier,pijler,status,totaal,"));
    assert_eq!(csv.lines().count() as u64, n("gelezen") + 1);
    let first = res["rijen"][0]["dossier"].as_str().unwrap();
    let v: Value = serde_json::from_str(&r.verklaar(first)).unwrap();
    assert!(v["tekst"].as_str().unwrap().contains(first), "{v}");
    let v: Value = serde_json::from_str(&r.verklaar("GEEN")).unwrap();
    assert_eq!(v["fout"], "dossier 'GEEN' staat niet in kandidaten.csv");

    // a reglement with errors does not rank; a bad date is said in Dutch
    let broken = text.replacen("aandeel 20%", "aandeel 25%", 1);
    let r = Rangschikking::new(
        "kempen.reglement",
        &broken,
        &files(),
        b"",
        "k.csv",
        verzoek,
        3,
    );
    let res: Value = serde_json::from_str(&r.resultaat()).unwrap();
    assert_eq!(
        res["fout"],
        "kempen.reglement heeft 1 fout en wordt niet gecompileerd."
    );
    let bad = r#"{"peildatum":"30-06-2024","pijler":"versneld","gemeente":"Turnhout"}"#;
    let r = Rangschikking::new(
        "kempen.reglement",
        &text,
        &files(),
        data.as_bytes(),
        "k.csv",
        bad,
        3,
    );
    let res: Value = serde_json::from_str(&r.resultaat()).unwrap();
    assert!(res["fout"].as_str().unwrap().contains("geen datum"));
}

/// Every example text by its name in the page (the bundle's names: paths
/// from examples/, subfolders included).
fn all_files() -> String {
    let root = format!("{}/../examples", env!("CARGO_MANIFEST_DIR"));
    let mut files = serde_json::Map::new();
    for name in ["kempen-regio.reglement", "kempen.reglement"] {
        files.insert(name.into(), example(name).into());
    }
    let mut leden: Vec<_> = std::fs::read_dir(format!("{root}/kempen-leden"))
        .expect("kempen-leden")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    leden.sort();
    for n in leden {
        let name = format!("kempen-leden/{n}");
        files.insert(name.clone(), example(&name).into());
    }
    Value::Object(files).to_string()
}

#[test]
fn a_member_in_a_subfolder_finds_its_frame() {
    let files = all_files();
    let all: Value = serde_json::from_str(&files).unwrap();
    let leden: Vec<&String> = all
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.starts_with("kempen-leden/"))
        .collect();
    assert_eq!(leden.len(), 3, "{leden:?}");
    for naam in leden {
        let text = all[naam].as_str().unwrap();
        assert!(text.contains("gebruikt regio \"../kempen-regio.reglement\""));
        // what the CLI reports for the file on disk
        let path = format!("{}/../examples/{naam}", env!("CARGO_MANIFEST_DIR"));
        let cli = reglement::analyze_file(std::path::Path::new(&path)).expect("example");
        let r: Value = serde_json::from_str(&controleer(naam, text, &files)).unwrap();
        assert_eq!(r["fouten"], 0, "{naam}: {r}");
        let codes = |ds: Vec<String>| {
            let mut ds = ds;
            ds.sort();
            ds
        };
        let web: Vec<String> = r["diagnostieken"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        let disk: Vec<String> = cli.diagnostics.iter().map(|d| d.code.to_string()).collect();
        assert_eq!(codes(web), codes(disk), "{naam}");
        // the frame's name is hoverable in the member: "wegingskader kempen"
        if let Some(i) = text.find("wegingskader kempen") {
            let at = i + "wegingskader ".len() + 1;
            let h: Value = serde_json::from_str(&uitleg(naam, text, &files, naam, at)).unwrap();
            assert!(!h.is_null(), "{naam}: no hover on kempen");
        }
        let p: Value = serde_json::from_str(&publiceer(naam, text, &files)).unwrap();
        let docs = p["documenten"].as_array().unwrap();
        assert!(!docs.is_empty(), "{naam}: {p}");
        assert!(docs
            .iter()
            .all(|d| !d["bestand"].as_str().unwrap().contains('/')));
    }
    // without the frame the member cannot be analysed: the test can fail
    let naam = "kempen-leden/woonboog.reglement";
    let alone = serde_json::json!({ naam: all[naam] }).to_string();
    let r: Value =
        serde_json::from_str(&controleer(naam, all[naam].as_str().unwrap(), &alone)).unwrap();
    assert!(r["fouten"].as_u64().unwrap() > 0, "{r}");
}
