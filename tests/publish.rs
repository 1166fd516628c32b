//! `reglement publiceer`: the Kempen documents as Markdown (snapshot) and as
//! HTML opened in a real browser (headless Chromium): it renders without a
//! console error, its tables survive the HTML parser, it prints to A4 PDF
//! pages, and a screenshot of the first page is written to
//! `target/tmp/publiceer/` for a person to look at.
//!
//! Chromium is required: this test fails when it is missing (CI installs
//! it in `.ci/run`). Only for a local run without Chromium, set
//! `REGLEMENT_ZONDER_CHROMIUM=1` to skip the browser part.

mod common;
use common::browser::{chromium, console_lines, headless, screenshot};
use common::cli::reglement;

use reglement::publish::{self, Format};
use reglement::syntax::ast::DocumentKind;
use std::path::{Path, PathBuf};

fn analysis(path: &str) -> reglement::Analysis {
    let a = reglement::analyze_file(Path::new(path)).expect("readable example");
    assert!(!a.has_errors(), "{path}: {:#?}", a.diagnostics);
    a
}

#[test]
fn kempen_markdown_snapshot() {
    let a = analysis("examples/kempen.reglement");
    let docs = publish::documents(&a);
    let kinds: Vec<DocumentKind> = docs.iter().map(|d| d.kind).collect();
    // the Kempen source holds no section of the huishoudelijk reglement
    assert_eq!(
        kinds,
        [
            DocumentKind::Toewijzingsreglement,
            DocumentKind::InternHuurreglement
        ]
    );
    for d in &docs {
        insta::assert_snapshot!(
            format!("kempen_{}_md", publish::slug(d.kind)),
            publish::render(d, Format::Markdown)
        );
    }
}

/// Where the note can be read two ways, the documents say how the
/// toewijzingsraad reads it, with its motivering, and mark the rows the
/// stated total leaves out.
#[test]
fn the_documents_state_the_readings() {
    let a = analysis("examples/kempen.reglement");
    let md = |k| publish::render(&publish::build(&a, k), Format::Markdown);
    let intern = md(DocumentKind::InternHuurreglement);
    let toewijzing = md(DocumentKind::Toewijzingsreglement);
    assert!(intern.contains("De toewijzingsraad leest „Om effectief versneld toegewezen te worden zullen de kandidaat-huurders minimaal dienen te scoren op de 4 wegingscriteria” als minstens 1 punt op woonnood, op inkomen en op begeleiding; kinderlast voegt punten toe, maar is geen voorwaarde."), "{intern}");
    assert!(intern.contains(
        "> **Motivering.** Letterlijk gelezen sluit de zin elk huishouden zonder kinderen uit"
    ));
    assert!(intern.contains("De toewijzingsraad leest „Categorie 2: leefloon + 264 euro (max. 1544,13 €)” als het vermelde maximum van 1.544,13 euro"));
    assert!(
        toewijzing.contains("| Baldemore (buiten het totaal) | 1.612 | 1 | 14 | 6 |"),
        "{toewijzing}"
    );
    assert!(toewijzing.contains("| **Totaal** | **11.275** | **10** | **98** | **42** |"));
    assert!(toewijzing.contains("De toewijzingsraad leest „totaal 11.275 | 10 | 98 | 42” als de som van DNK, Woonboog, LeefGoed Neteland en LeefGoed Zuiderkempen"));
    // the drempel as the reglement states it
    assert!(intern.contains("minimaal 1 punt op elk van actuele woonnood, actueel inkomen en begeleiding door een professionele actor"), "{intern}");
}

#[test]
fn each_section_goes_only_into_its_own_document() {
    let a = analysis("examples/kempen.reglement");
    let md = |k| publish::render(&publish::build(&a, k), Format::Markdown);
    let toewijzing = md(DocumentKind::Toewijzingsreglement);
    let intern = md(DocumentKind::InternHuurreglement);
    // pillar 1 and 3 (and the regional verdeelsleutel) in the toewijzingsreglement
    assert!(toewijzing.contains("Standaardtoewijzing"));
    assert!(toewijzing.contains("Regionale verdeelsleutel"));
    assert!(!intern.contains("Standaardtoewijzing"));
    assert!(!intern.contains("Gezinnen in kansarmoede"));
    // pillar 2 with the regional weighting frame in the intern huurreglement
    assert!(intern.contains("Wegingskader voor de versnelde toewijzing"));
    assert!(intern.contains("| alleenstaande | 1 | 1.379,13 € (leefloon + 165,00 €) | 20 |"));
    assert!(!toewijzing.contains("Actueel inkomen"));
    assert!(!toewijzing.contains("Rationele bezetting"));
    // every document names the version by the content hash of its sources
    let hash = a.sources.content_hash();
    assert!(toewijzing.contains(&hash) && intern.contains(&hash));
    // an empty document says so
    let huishoudelijk = md(DocumentKind::HuishoudelijkReglement);
    assert!(huishoudelijk.contains("geen bepalingen voor het huishoudelijk reglement"));
}

#[test]
fn every_motivation_of_the_source_is_in_a_document() {
    let a = analysis("examples/kempen.reglement");
    let all: String = publish::documents(&a)
        .iter()
        .map(|d| publish::render(d, Format::Html))
        .collect();
    use reglement::syntax::ast::SectionBody;
    let mut motivations: Vec<&str> = Vec::new();
    let own: Vec<&str> = a
        .model
        .own_pillar3_groups()
        .into_iter()
        .map(|(_, g)| g.code.value.as_str())
        .collect();
    for (f, s) in a.model.sections() {
        // the frame's shared groups, each defined again by the reglement
        // itself (R0260): the document prints the reglement's, once
        if let SectionBody::Doelgroepen(d) = &s.body {
            if Some(f) == a.model.regio
                && d.groups
                    .iter()
                    .all(|g| own.contains(&g.code.value.as_str()))
            {
                continue;
            }
        }
        motivations.extend(s.motivations.iter().map(|m| m.value.as_str()));
        match &s.body {
            SectionBody::Versneld(v) => {
                for g in &v.groups {
                    motivations.extend(g.motivations.iter().map(|m| m.value.as_str()));
                }
            }
            SectionBody::Doelgroepen(d) => {
                for g in &d.groups {
                    motivations.extend(g.motivations.iter().map(|m| m.value.as_str()));
                }
            }
            SectionBody::Wegingskader(w) => {
                for c in &w.criteria {
                    motivations.extend(c.motivations.iter().map(|m| m.value.as_str()));
                }
            }
            _ => {}
        }
    }
    for m in &motivations {
        let escaped = m.replace('&', "&amp;").replace('"', "&quot;");
        assert!(all.contains(&escaped), "missing motivation: {m}");
    }
    assert!(motivations.len() >= 15, "{}", motivations.len());
}

// ------------------------------------------------------------------ browser

#[test]
fn kempen_html_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("publiceer");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("output dir");
    let o = reglement(&[
        "publiceer",
        "examples/kempen.reglement",
        "--formaat",
        "html",
        "--uitvoer",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let profile = dir.join("profiel");
    for doc in ["toewijzingsreglement", "intern-huurreglement"] {
        let page = dir.join(format!("kempen-{doc}.html"));
        let html = std::fs::read_to_string(&page).expect("rendered page");

        // the DOM Chromium built holds every table and the version's hash
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
        assert!(dom_text.matches("<table").count() >= 2);
        assert!(dom_text.contains("sha256:"));

        // printed on A4: a PDF with at least one page
        let pdf_path = dir.join(format!("kempen-{doc}.pdf"));
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
        assert!(console_lines(&pdf).is_empty(), "{:#?}", console_lines(&pdf));
        let bytes = std::fs::read(&pdf_path).expect("pdf written");
        assert!(bytes.starts_with(b"%PDF-"));
        let pages = bytes
            .windows(12)
            .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
            .count();
        assert!(pages >= 1, "no page in {}", pdf_path.display());
    }

    // a screenshot of the first page of the toewijzingsreglement (A4 at 96 dpi)
    let page = dir.join("kempen-toewijzingsreglement.html");
    let shot = dir.join("kempen-toewijzingsreglement-pagina1.png");
    screenshot(&chromium, &profile, &page, &shot, (794, 1123));
}

mod never_panics {
    //! Publishing never panics, whatever the reglement says (also with errors:
    //! the library builds documents from what parsed).
    use proptest::prelude::*;
    use reglement::publish::{self, Format};
    use reglement::{analyze, MemoryLoader};

    const KEMPEN: &str = include_str!("../examples/kempen.reglement");
    const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn publish_never_panics(
            in_regio: bool,
            at in 0usize..12_000,
            len in 0usize..200,
            token in prop::sample::select(vec![
                "", "}", "{", "\n", "0", "99999999999999999999", "<script>", "|", "*", "&",
                "leefloon vanaf 2024-01-01: alleenstaande 1.214,13 euro\n",
                "alleenstaande categorie 3: maximaal leefloon + 500 euro: 5 punten\n",
            ]),
        ) {
            let base = if in_regio { REGIO } else { KEMPEN };
            let mut at = at % (base.len() + 1);
            while !base.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(base.len());
            while !base.is_char_boundary(end) { end += 1; }
            let mutated = format!("{}{token}{}", &base[..at], &base[end..]);
            let (main, regio) = if in_regio { (KEMPEN, mutated.as_str()) } else { (mutated.as_str(), REGIO) };
            let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
            let a = analyze("kempen.reglement", main, &loader);
            for kind in reglement::syntax::ast::DocumentKind::ALL {
                let doc = publish::build(&a, kind);
                let html = publish::render(&doc, Format::Html);
                prop_assert!(!html.contains("<script>"));
                let _ = publish::render(&doc, Format::Markdown);
            }
        }
    }
}

/// One number changed in the source changes the rendered document and the
/// plan the engine runs: the text and the scoring cannot drift apart.
#[test]
fn one_number_changes_the_document_and_the_plan() {
    use reglement::plan::PuntenTabel;
    use reglement::{analyze, MemoryLoader};
    const KEMPEN: &str = include_str!("../examples/kempen.reglement");
    const REGIO: &str = include_str!("../examples/kempen-regio.reglement");
    let from = "alleenstaande categorie 1: maximaal 1.379,13 euro";
    assert!(REGIO.contains(from));
    let changed = REGIO.replacen(from, "alleenstaande categorie 1: maximaal 1.401,20 euro", 1);
    let run = |regio: &str| {
        let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
        let a = analyze("kempen.reglement", KEMPEN, &loader);
        let doc = publish::build(&a, DocumentKind::InternHuurreglement);
        let md = publish::render(&doc, Format::Markdown);
        let plan = reglement::plan::compile(&a).expect("compiles");
        let ceiling = plan
            .versneld
            .as_ref()
            .and_then(|v| v.wegingskader.criteria.iter().find(|c| c.code == "inkomen"))
            .and_then(|c| match &c.tabel {
                PuntenTabel::Bedragen { rijen, .. } => rijen
                    .iter()
                    .find(|r| r.categorie == 1 && r.gezinstype.label() == "alleenstaande")
                    .map(|r| r.plafond_cent),
                _ => None,
            })
            .expect("the ceiling");
        (md, ceiling)
    };
    let (old_md, old_ceiling) = run(REGIO);
    let (new_md, new_ceiling) = run(&changed);
    assert!(old_md.contains("| alleenstaande | 1 | 1.379,13 € (leefloon + 165,00 €) | 20 |"));
    assert!(new_md.contains("| alleenstaande | 1 | 1.401,20 € (leefloon + 165,00 €) | 20 |"));
    assert!(!new_md.contains("1.379,13 €"));
    assert_eq!((old_ceiling, new_ceiling), (137_913, 140_120));
}
