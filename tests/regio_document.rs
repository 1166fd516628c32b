//! The regional document, `reglement publiceer --regio`: the Kempen frame
//! and its four members as Markdown (snapshot), each finding of a member in
//! it (within the room, outside it with its code, the cross-member checks),
//! and the HTML opened in headless Chromium, with a screenshot of its first
//! page written to `target/tmp/regio/` for a person to look at.
//!
//! Chromium is required, as in `tests/publish.rs`: the browser test fails
//! when it is missing, unless a local run sets `REGLEMENT_ZONDER_CHROMIUM=1`.

mod common;
use common::browser::{chromium, console_lines, headless, screenshot};
use common::cli::{reglement, stderr, stdout};
use std::path::PathBuf;

fn regional_markdown(args: &[&str]) -> String {
    let mut all = vec!["publiceer", "--regio"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--formaat", "markdown"]);
    let o = reglement(&all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn the_kempen_regional_document_snapshot() {
    let text = regional_markdown(&["examples/kempen-regio.reglement"]);
    // the members in the order of the frame's list
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("## Lid: "))
        .collect();
    assert_eq!(
        order,
        [
            "DNK",
            "Woonboog",
            "LeefGoed Neteland",
            "LeefGoed Zuiderkempen"
        ]
    );
    // Woonboog's deviation within the room is listed
    assert!(
        text.contains("situatie 'geen-opvang': 18 punten in plaats van 15 punten"),
        "{text}"
    );
    // the frame's weighting frame once, the begrippenlijst as annex
    assert_eq!(
        text.matches("### Artikel 3. Wegingskader voor de versnelde toewijzing")
            .count(),
        1
    );
    assert!(text.contains("## Bijlage: begrippenlijst"), "{text}");
    // the same document from the folder, the members named explicitly
    let named = regional_markdown(&[
        "examples",
        "examples/kempen.reglement",
        "examples/kempen-leden/woonboog.reglement",
        "examples/kempen-leden/leefgoed-neteland.reglement",
        "examples/kempen-leden/leefgoed-zuiderkempen.reglement",
    ]);
    assert_eq!(named, text);
    insta::assert_snapshot!("kempen_regio_document", text);
}

/// A copy of the Kempen region under the test's folder, with `edit` applied
/// to the frame.
fn kempen_copy(name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("regio-document")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("kempen-leden")).expect("folder");
    let frame = std::fs::read_to_string("examples/kempen-regio.reglement").expect("frame");
    std::fs::write(dir.join("kempen-regio.reglement"), edit(&frame)).expect("write");
    for m in ["woonboog", "leefgoed-neteland", "leefgoed-zuiderkempen"] {
        let from = format!("examples/kempen-leden/{m}.reglement");
        std::fs::copy(&from, dir.join(format!("kempen-leden/{m}.reglement"))).expect("copy");
    }
    dir
}

#[test]
fn a_deviation_outside_the_room_is_marked_with_its_code() {
    let dir = kempen_copy("smal", |f| {
        f.replace("maximaal 5 meer of minder", "maximaal 2 meer of minder")
    });
    let frame = dir.join("kempen-regio.reglement");
    let text = regional_markdown(&[frame.to_str().expect("utf-8")]);
    let woonboog = text
        .split("## Lid: Woonboog")
        .nth(1)
        .and_then(|t| t.split("## Lid: ").next())
        .unwrap_or_else(|| panic!("no Woonboog: {text}"));
    assert!(
        woonboog.contains("### Woonboog buiten het kader\n\n- R0254: "),
        "{woonboog}"
    );
    assert!(
        woonboog
            .contains("3 punten verschil waar het kader hoogstens 2 punten meer of minder toelaat"),
        "{woonboog}"
    );
    assert!(woonboog.contains("| Controle | 1 fout (reglement controleer) |"));
    // in the table: one finding outside the frame
    assert!(
        text.contains("| eigen ('woonboog') | 0 | 1 | niet vermeld |"),
        "{text}"
    );
    // DNK has no reglement in this folder: R0251 in the table and the cross checks
    assert!(text.contains("| DNK | geen reglement (R0251) |"), "{text}");
    assert!(
        text.contains("- R0251: De regio noemt DNK als woonmaatschappij"),
        "{text}"
    );
}

#[test]
fn a_member_citing_another_copy_of_the_frame_is_r0250_in_the_document() {
    let text = regional_markdown(&["tests/fixtures/regio/andere-inhoud"]);
    assert!(text.contains("een ander kader (R0250)"), "{text}");
    assert!(text.contains("- R0250 ("), "{text}");
    assert!(!text.contains("Eén kader: "), "{text}");
}

#[test]
fn the_regional_document_is_written_to_a_file_or_a_folder() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("regio-uitvoer");
    let _ = std::fs::remove_dir_all(&dir);
    let file = dir.join("regio.html");
    let o = reglement(&[
        "publiceer",
        "--regio",
        "examples/kempen-regio.reglement",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&file).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let o = reglement(&[
        "publiceer",
        "--regio",
        "examples/kempen-regio.reglement",
        "-o",
        dir.join("map").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("map/kempen-regio-regio.html").is_file());
    assert!(dir.join("map/kempen-regio-regio.md").is_file());
    // without --regio one reglement, as before
    let o = reglement(&[
        "publiceer",
        "examples/kempen.reglement",
        "examples/netevallei.reglement",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("geef één reglement"), "{}", stderr(&o));
}

#[test]
fn the_regional_document_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("regio");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("output dir");
    let page = dir.join("kempen-regio.html");
    let o = reglement(&[
        "publiceer",
        "--regio",
        "examples/kempen-regio.reglement",
        "--formaat",
        "html",
        "-o",
        page.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("rendered page");
    let profile = dir.join("profiel");
    let dom = headless(&chromium, &profile, &["--dump-dom".into()], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert!(console_lines(&dom).is_empty(), "{:#?}", console_lines(&dom));
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(
        dom_text.matches("<table").count(),
        html.matches("<table").count(),
        "tables lost while parsing"
    );
    // the members' table, one table per member, the frame's tables
    assert!(dom_text.matches("<table").count() >= 10);
    assert!(dom_text.contains("De leden en hun keuzes"));
    assert!(dom_text.contains("sha256:"));

    // printed: a PDF with pages
    let pdf_path = dir.join("kempen-regio.pdf");
    let pdf = headless(
        &chromium,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf_path.display()),
            "--no-pdf-header-footer".into(),
        ],
        &page,
    );
    assert!(
        pdf.status.success(),
        "{}",
        String::from_utf8_lossy(&pdf.stderr)
    );
    let bytes = std::fs::read(&pdf_path).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = bytes
        .windows(12)
        .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
        .count();
    assert!(pages >= 3, "{pages} pages in {}", pdf_path.display());

    // a screenshot of the first screen (A4 width at 96 dpi) and of the members' table
    let shot = dir.join("kempen-regio-pagina1.png");
    screenshot(&chromium, &profile, &page, &shot, (1123, 1400));
}

/// The adoption statements of a test copy of the frame (the Kempen note
/// gives no dates: these are test data, not facts about the Kempen).
fn with_adoptions(frame: &str) -> String {
    frame.replace(
        "    versie \"2023.1\"\n",
        "    versie \"2023.1\"\n    aangenomen door toewijzingsraad DNK op 2023-11-20\n    nog niet aangenomen door toewijzingsraad Woonboog\n    aangenomen door welzijnspartner \"CAW De Kempen\" op 2023-12-04\n",
    )
}

#[test]
fn adoptions_are_printed_in_the_regional_document_and_the_members_documents() {
    let dir = kempen_copy("aanneming", with_adoptions);
    let frame = dir.join("kempen-regio.reglement");
    let text = regional_markdown(&[frame.to_str().expect("utf-8")]);
    let article = text
        .split("## Aanneming\n")
        .nth(1)
        .and_then(|t| t.split("\n## ").next())
        .unwrap_or_else(|| panic!("no adoption article: {text}"));
    assert!(
        article.contains("| Toewijzingsraad DNK | 20 november 2023 |"),
        "{article}"
    );
    assert!(
        article.contains("| Toewijzingsraad Woonboog | nog niet aangenomen |"),
        "{article}"
    );
    assert!(
        article.contains("| Welzijnspartner CAW De Kempen | 4 december 2023 |"),
        "{article}"
    );
    assert!(
        article.contains(
            "Niet vermeld voor de toewijzingsraad van LeefGoed Neteland en LeefGoed Zuiderkempen."
        ),
        "{article}"
    );
    // in the members' table, per member
    assert!(
        text.contains("| eigen ('woonboog') | 1 | 0 | nog niet |"),
        "{text}"
    );
    // the frame checked on its own warns for the two LeefGoed zones (R0256)
    let o = reglement(&[
        "controleer",
        frame.to_str().expect("utf-8"),
        "--formaat",
        "json",
    ]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let r0256 = list
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["code"] == "R0256")
        .count();
    assert_eq!(r0256, 2, "{list:#}");
    // a member's published document prints the frame's adoptions in its header
    let o = reglement(&[
        "publiceer",
        dir.join("kempen-leden/woonboog.reglement")
            .to_str()
            .expect("utf-8"),
        "--document",
        "intern-huurreglement",
        "--formaat",
        "markdown",
    ]);
    let doc = stdout(&o);
    assert!(
        doc.contains("| Kader aangenomen door | toewijzingsraad DNK: 20 november 2023 |"),
        "{}{doc}",
        stderr(&o)
    );
    assert!(
        doc.contains("| Kader aangenomen door | toewijzingsraad Woonboog: nog niet aangenomen |"),
        "{doc}"
    );
}
