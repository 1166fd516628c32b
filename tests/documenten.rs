//! The documents of one woonmaatschappij: each stands alone, and they are
//! checked, compiled, ranked and simulated together (the Wonen in Limburg
//! examples: two toewijzingsreglementen and the intern huurreglement both
//! name); the approval path (consensus gathered while the draft goes round,
//! approval without amendment); the content hash names the meaning.

mod common;

use common::cli::{reglement, stderr, stdout, temp_dir};
use proptest::prelude::*;
use reglement::amend::{self, AmendmentText, MergeOptions, Merged};
use reglement::diagnostic::Severity;
use reglement::format::format_text;
use reglement::publish::{self, Format};
use reglement::syntax::ast::{DocumentKind, Status};
use reglement::{analyze, analyze_with, Analysis, FsLoader, MemoryLoader, Options};

const ZUID: &str = include_str!("../examples/wonen-in-limburg-zuid.reglement");
const TH: &str = include_str!("../examples/wonen-in-limburg-tessenderlo-ham.reglement");
const IHR: &str = include_str!("../examples/wonen-in-limburg-intern-huurreglement.reglement");
const IHR_NAME: &str = "wonen-in-limburg-intern-huurreglement.reglement";

fn loader() -> MemoryLoader {
    MemoryLoader::default().with(IHR_NAME, IHR)
}

fn codes(a: &Analysis, severity: Severity) -> Vec<&'static str> {
    let mut c: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.code.as_str())
        .collect();
    c.sort();
    c
}

#[test]
fn each_toewijzingsreglement_is_complete_on_its_own() {
    for (name, text) in [("zuid.reglement", ZUID), ("th.reglement", TH)] {
        let alone = Options {
            alone: true,
            ..Options::default()
        };
        let a = analyze_with(name, text, &loader(), &alone);
        assert!(a.model.linked.is_empty());
        assert!(
            codes(&a, Severity::Error).is_empty(),
            "{name}: {:#?}",
            a.errors()
        );
        // only: the consensus still gathered, and the income limits of 2026
        // this version of the program does not know
        assert_eq!(codes(&a, Severity::Warning), ["R0113", "R0117"], "{name}");
        let plan = reglement::plan::compile(&a).expect("compiles alone");
        assert!(plan.versneld.is_none() && plan.bezetting.is_empty());
    }
    // the intern huurreglement on its own
    let a = analyze(IHR_NAME, IHR, &loader());
    assert!(codes(&a, Severity::Error).is_empty(), "{:#?}", a.errors());
}

#[test]
fn with_the_intern_huurreglement_the_whole_is_checked_and_compiled() {
    let a = analyze("zuid.reglement", ZUID, &loader());
    assert_eq!(a.model.linked.len(), 1);
    assert!(codes(&a, Severity::Error).is_empty(), "{:#?}", a.errors());
    let plan = reglement::plan::compile(&a).expect("compiles");
    assert_eq!(plan.werkingsgebied.gemeenten.len(), 15);
    assert_eq!(plan.werkingsgebied.deelwerkingsgebieden[0].naam, "Zuid");
    assert!(plan.versneld.is_some() && !plan.bezetting.is_empty());
    assert_eq!(plan.reglement.documenten[0].bestand, IHR_NAME);
    assert_eq!(
        plan.reglement.documenten[0].document,
        DocumentKind::InternHuurreglement
    );
    // the pijler-2 base: the intern huurreglement's history before the reglement's year
    let base = plan.versneld.and_then(|v| v.basis).expect("basis");
    assert_eq!(base.jaren, [2021, 2022, 2023, 2024, 2025]);
    // the hash of the toewijzingsreglement is its own: the intern huurreglement does not change it
    let alone = analyze_with(
        "zuid.reglement",
        ZUID,
        &loader(),
        &Options {
            alone: true,
            ..Options::default()
        },
    );
    assert_eq!(a.sources.content_hash(), alone.sources.content_hash());
}

#[test]
fn a_missing_part_says_in_which_document_it_belongs() {
    let without_bezetting = IHR
        .split("rationele bezetting artikel 4")
        .next()
        .expect("text")
        .to_string();
    let l = MemoryLoader::default().with(IHR_NAME, without_bezetting);
    let a = analyze("zuid.reglement", ZUID, &l);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "R0210")
        .expect("R0210");
    assert!(
        d.message
            .starts_with("Het intern huurreglement (wonen-in-limburg-intern-huurreglement.reglement) heeft geen tabel van de rationele bezetting"),
        "{}",
        d.message
    );
    assert_eq!(a.sources.get(d.file()).name, IHR_NAME);
}

#[test]
fn pending_consensus_warns_in_an_ontwerp_and_is_an_error_when_goedgekeurd() {
    let a = analyze("zuid.reglement", ZUID, &loader());
    let pending = a
        .diagnostics
        .iter()
        .find(|d| d.code == "R0113")
        .expect("R0113");
    assert_eq!(pending.severity, Severity::Warning);
    let approved = ZUID.replace("status ontwerp", "status goedgekeurd");
    let a = analyze("zuid.reglement", &approved, &loader());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "R0113")
        .expect("R0113");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("Alken"), "{}", d.message);
    // recorded as the toewijzingsraad's decision, it holds
    let raad = approved.replace(
        "mits consensus",
        "consensus toewijzingsraad 2025-06-26 \"vergadering van 26 juni 2025\"",
    );
    let a = analyze("zuid.reglement", &raad, &loader());
    assert!(!a.diagnostics.iter().any(|d| d.code == "R0113"));
}

const GEMEENTEN: [&str; 15] = [
    "Alken",
    "Bilzen-Hoeselt",
    "Diepenbeek",
    "Gingelom",
    "Hasselt",
    "Heers",
    "Herk-de-Stad",
    "Herstappe",
    "Nieuwerkerken",
    "Riemst",
    "Sint-Truiden",
    "Tongeren-Borgloon",
    "Voeren",
    "Wellen",
    "Zonhoven",
];

/// An approval without amendment, as a gemeenteraad sends it (the dates
/// are the test's own).
fn approval(hash: &str, gemeente: &str, day: usize) -> AmendmentText {
    AmendmentText {
        name: format!("{}.amendement", gemeente.to_lowercase()),
        text: format!(
            "amendement \"Goedkeuring door de gemeenteraad van {gemeente}\" {{\n    ontwerp {hash}\n    gemeente {gemeente}\n    gemeenteraad 2025-11-{day:02} \"zitting van de gemeenteraad\"\n    goedgekeurd zonder amendement\n}}\n"
        ),
    }
}

#[test]
fn approval_without_amendment_is_merged_and_recorded() {
    let draft = analyze("zuid.reglement", ZUID, &loader());
    let hash = draft.sources.content_hash();
    // one gemeente: recorded, the draft unchanged otherwise
    let one = [approval(&hash, "Nieuwerkerken", 6)];
    let Merged::Ok { text, summary, .. } =
        amend::merge(&draft, &one, MergeOptions::default(), &loader())
    else {
        panic!("refused");
    };
    assert!(
        text.contains("gemeenteraad Nieuwerkerken 2025-11-06 zonder amendement \"zitting van de gemeenteraad\""),
        "{text}"
    );
    assert!(
        summary[0].ends_with("goedgekeurd zonder amendement"),
        "{summary:?}"
    );
    // goedgekeurd with one decision: the consensus of the deelwerkingsgebied is not there
    let goedgekeurd = MergeOptions {
        status: Some(Status::Goedgekeurd),
    };
    let Merged::Refused { diagnostics, .. } = amend::merge(&draft, &one, goedgekeurd, &loader())
    else {
        panic!("merged without consensus");
    };
    assert!(diagnostics.iter().any(|d| d.code == "R0113"));
    // every gemeenteraad approved: the consensus is recorded as each gemeente's
    let all: Vec<AmendmentText> = GEMEENTEN
        .iter()
        .enumerate()
        .map(|(i, g)| approval(&hash, g, i + 1))
        .collect();
    let Merged::Ok { text, analysis, .. } = amend::merge(&draft, &all, goedgekeurd, &loader())
    else {
        panic!("refused");
    };
    assert!(text.contains("status goedgekeurd"));
    assert_eq!(
        analysis.model.identity().expect("header").1.decisions.len(),
        15
    );
    assert!(
        !analysis
            .diagnostics
            .iter()
            .any(|d| matches!(d.code.as_str(), "R0113" | "R0224")),
        "{:#?}",
        analysis.diagnostics
    );
    // the final reglement lists every decision in the published document
    let doc = publish::build(&analysis, DocumentKind::Toewijzingsreglement);
    let md = publish::render(&doc, Format::Markdown);
    assert!(md.contains("Beslissingen van de gemeenteraden"), "{md}");
    assert!(
        md.contains("| Zonhoven | 15 november 2025 | zonder amendement |"),
        "{md}"
    );
}

#[test]
fn an_approval_that_also_amends_is_refused() {
    let draft = analyze("zuid.reglement", ZUID, &loader());
    let hash = draft.sources.content_hash();
    let mut a = approval(&hash, "Wellen", 3);
    a.text.push_str("\ngemeente Wellen {\n    document toewijzingsreglement\n    strengere woonbinding: 6 jaar ononderbroken in de laatste 10 jaar\n}\n");
    let Merged::Refused { diagnostics, .. } =
        amend::merge(&draft, &[a], MergeOptions::default(), &loader())
    else {
        panic!("merged");
    };
    assert!(diagnostics.iter().any(|d| d.code == "R0115"));
}

#[test]
fn published_documents_name_the_deelwerkingsgebied() {
    let a = analyze("wonen-in-limburg-zuid.reglement", ZUID, &loader());
    let docs = publish::documents(&a);
    // the toewijzingsreglement's file holds only that document
    assert_eq!(docs.len(), 1);
    let md = publish::render(&docs[0], Format::Markdown);
    assert!(md.contains("deelwerkingsgebied Zuid"));
    assert!(!md.contains("van het werkingsgebied\n"), "{md}");
    assert!(md.contains("na voorlegging aan elke gemeente van het deelwerkingsgebied Zuid"));
    insta::assert_snapshot!("zuid_toewijzingsreglement_md", md);
    let th = analyze("wonen-in-limburg-tessenderlo-ham.reglement", TH, &loader());
    let md = publish::render(&publish::documents(&th)[0], Format::Markdown);
    insta::assert_snapshot!("tessenderlo_ham_toewijzingsreglement_md", md);
    let ihr = analyze(IHR_NAME, IHR, &loader());
    let docs = publish::documents(&ihr);
    assert_eq!(docs.len(), 1);
    insta::assert_snapshot!(
        "wonen_in_limburg_intern_huurreglement_md",
        publish::render(&docs[0], Format::Markdown)
    );
}

#[test]
fn the_commands_check_rank_and_simulate_the_documents_together() {
    // the link: one file given
    let o = reglement(&["controleer", "examples/wonen-in-limburg-zuid.reglement"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("samen met examples/wonen-in-limburg-intern-huurreglement.reglement (intern huurreglement)"), "{}", stdout(&o));
    // two toewijzingsreglementen and the intern huurreglement given together:
    // the intern huurreglement's own diagnostics once
    let o = reglement(&[
        "controleer",
        "--formaat",
        "json",
        "examples/wonen-in-limburg-zuid.reglement",
        "examples/wonen-in-limburg-tessenderlo-ham.reglement",
        "examples/wonen-in-limburg-intern-huurreglement.reglement",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let advice = list
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["code"] == "R0217")
        .count();
    assert_eq!(advice, 1, "{list:#}");
    // a ranking of pijler 1 and a year of allocations
    let dir = temp_dir("documenten");
    let csv = dir.join("zuid.csv");
    let csv = csv.to_string_lossy();
    let o = reglement(&[
        "genereer",
        "examples/wonen-in-limburg-zuid.reglement",
        "--aantal",
        "300",
        "--zaad",
        "7",
        "--peildatum",
        "2025-12-31",
        "-o",
        &csv,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = reglement(&[
        "rangschik",
        "examples/wonen-in-limburg-zuid.reglement",
        "--kandidaten",
        &csv,
        "--peildatum",
        "2026-03-01",
        "--pijler",
        "standaard",
        "--gemeente",
        "Nieuwerkerken",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("woonbinding-deelwerkingsgebied"),
        "{}",
        stdout(&o)
    );
    let o = reglement(&[
        "simuleer",
        "examples/wonen-in-limburg-zuid.reglement",
        "--kandidaten",
        &csv,
        "--van",
        "2026-01-01",
        "--per-jaar",
        "100",
        "--zaad",
        "7",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 versnelde toewijzing           20  20,0%"),
        "{}",
        stdout(&o)
    );
    // a date before the reglement applies is named
    let o = reglement(&[
        "rangschik",
        "examples/wonen-in-limburg-zuid.reglement",
        "--kandidaten",
        &csv,
        "--peildatum",
        "2025-06-01",
        "--pijler",
        "standaard",
        "--gemeente",
        "Wellen",
    ]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("ligt voor de geldigheidsdatum van het reglement (1 januari 2026)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_toewijzingsreglement_alone_ranks_a_list_but_not_a_dwelling() {
    let dir = temp_dir("documenten-alleen");
    let tr = dir.join("zuid.reglement");
    // the same toewijzingsreglement without the link
    std::fs::write(
        &tr,
        ZUID.replace(
            "gebruikt intern huurreglement \"wonen-in-limburg-intern-huurreglement.reglement\"",
            "",
        ),
    )
    .expect("write");
    let tr = tr.to_string_lossy();
    let csv = dir.join("k.csv");
    std::fs::write(
        &csv,
        "dossier,inschrijvingsdatum,gezinstype,volwassenen,kinderen,woonhistoriek\nK-1,2020-01-01,alleenstaande,1,0,Wellen@2010-01-01..\n",
    )
    .expect("write");
    let woningen = dir.join("w.csv");
    std::fs::write(&woningen, "woning,gemeente,slaapkamers\nW-1,Wellen,1\n").expect("write");
    let (csv, woningen) = (csv.to_string_lossy(), woningen.to_string_lossy());
    let o = reglement(&[
        "rangschik",
        &tr,
        "--kandidaten",
        &csv,
        "--peildatum",
        "2026-03-01",
        "--pijler",
        "standaard",
        "--gemeente",
        "Wellen",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = reglement(&[
        "rangschik",
        &tr,
        "--kandidaten",
        &csv,
        "--peildatum",
        "2026-03-01",
        "--woning",
        "W-1",
        "--woningen",
        &woningen,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rationele bezetting"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("gebruikt intern huurreglement"),
        "{}",
        stderr(&o)
    );
    let o = reglement(&[
        "rangschik",
        &tr,
        "--kandidaten",
        &csv,
        "--peildatum",
        "2026-03-01",
        "--pijler",
        "versneld",
        "--gemeente",
        "Wellen",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("staat in het intern huurreglement"),
        "{}",
        stderr(&o)
    );
}

// ------------------------------------------------------------ the hash names the meaning

/// Every file in the language that the hash is computed over.
fn language_files() -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("reglement" | "amendement")
            ) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("examples"), &mut files);
    walk(std::path::Path::new("tests/fixtures"), &mut files);
    files.sort();
    files
}

fn hash_of(name: &str, text: &str) -> String {
    analyze(name, text, &FsLoader).sources.content_hash()
}

#[test]
fn opmaak_never_changes_the_hash_of_an_example_or_fixture() {
    let files = language_files();
    assert!(files.len() > 100);
    for path in files {
        let name = path.to_string_lossy();
        let text = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(
            hash_of(&name, &format_text(&text)),
            hash_of(&name, &text),
            "{name}"
        );
    }
}

/// Layout a drafter may add between two tokens: spaces, line breaks, a comment.
fn layout() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        " # een opmerking\n",
        "\n    ",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Re-layouted (more whitespace and comments between tokens, at random
    /// places), then formatted: the hash stays; a token that changes changes it.
    #[test]
    fn the_hash_covers_the_meaning_not_the_layout(
        which in 0usize..3,
        at in prop::collection::vec((0usize..4000, layout()), 1..12),
        digit in 0usize..400,
    ) {
        let (name, text) = [
            ("examples/wonen-in-limburg-zuid.reglement", ZUID),
            ("examples/wonen-in-limburg-intern-huurreglement.reglement", IHR),
            ("examples/kempen.reglement", include_str!("../examples/kempen.reglement")),
        ][which];
        let original = hash_of(name, text);
        // insert layout only where the text already has a space outside strings and comments
        let mut spots: Vec<usize> = Vec::new();
        let (mut in_string, mut in_comment) = (false, false);
        for (i, c) in text.char_indices() {
            match c {
                '"' if !in_comment => in_string = !in_string,
                '#' if !in_string => in_comment = true,
                '\n' => in_comment = false,
                ' ' if !in_string && !in_comment => spots.push(i),
                _ => {}
            }
        }
        let mut chosen: Vec<(usize, String)> = at.iter().map(|(i, l)| (spots[i % spots.len()], l.clone())).collect();
        chosen.sort_by_key(|c| std::cmp::Reverse(c.0));
        chosen.dedup_by_key(|c| c.0);
        let mut mutated = text.to_string();
        for (i, l) in &chosen {
            mutated.insert_str(*i, l);
        }
        prop_assert_eq!(&hash_of(name, &mutated), &original);
        prop_assert_eq!(&hash_of(name, &format_text(&mutated)), &original);
        // a digit outside comments that changes: another meaning, another hash
        let digits: Vec<usize> = text
            .char_indices()
            .filter(|(i, c)| c.is_ascii_digit() && !text[..*i].rsplit('\n').next().unwrap_or("").contains('#'))
            .map(|(i, _)| i)
            .collect();
        let i = digits[digit % digits.len()];
        let mut changed = text.to_string();
        let d = changed.as_bytes()[i];
        changed.replace_range(i..i + 1, if d == b'9' { "8" } else { "9" });
        prop_assert_ne!(hash_of(name, &changed), original);
    }
}
