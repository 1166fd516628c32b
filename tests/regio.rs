//! The region checked as one: `reglement controleer --regio`, on the
//! folders of `tests/fixtures/regio/` (a frame `kader.reglement` and its
//! members) and on the Kempen example; the frame's identity in plans and
//! published documents.

mod common;
use common::cli::{reglement, stderr, stdout};
use reglement::{analyze, MemoryLoader};

const DIR: &str = "tests/fixtures/regio";

/// The codes of the errors of `controleer --regio DIR/case` (JSON output), and its exit code.
fn region_errors(case: &str) -> (Vec<String>, Option<i32>) {
    let (errors, status) = region_messages(case);
    (errors.into_iter().map(|(c, _)| c).collect(), status)
}

/// Code and message of each error of `controleer --regio DIR/case`, and its exit code.
fn region_messages(case: &str) -> (Vec<(String, String)>, Option<i32>) {
    let dir = format!("{DIR}/{case}");
    let o = reglement(&["controleer", "--regio", &dir, "--formaat", "json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{case}: geen JSON ({e}): {}", stderr(&o)));
    let codes = list
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (s("code"), s("message"))
        })
        .collect();
    (codes, o.status.code())
}

/// The text report of `controleer --regio`, the fixture folder's path kept
/// (the snapshots compare the whole report, per member).
fn region_text(case: &str) -> String {
    let o = reglement(&["controleer", "--regio", &format!("{DIR}/{case}")]);
    stdout(&o)
}

#[test]
fn a_complete_region_passes() {
    let (codes, status) = region_errors("compleet");
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(status, Some(0));
    let text = region_text("compleet");
    assert!(text.contains("Regio Proefregio, versie 2024.1"), "{text}");
    assert!(
        text.contains("  WMP: tests/fixtures/regio/compleet/wmp.reglement: 0 fouten"),
        "{text}"
    );
    assert!(
        text.contains("  WMB: tests/fixtures/regio/compleet/wmb.reglement: 0 fouten"),
        "{text}"
    );
}

#[test]
fn a_listed_woonmaatschappij_without_a_reglement_is_r0251() {
    let (codes, status) = region_errors("zonder-reglement");
    assert_eq!(codes, vec!["R0251"]);
    assert_eq!(status, Some(1));
    insta::assert_snapshot!("zonder_reglement", region_text("zonder-reglement"));
}

#[test]
fn a_copy_of_the_frame_with_other_contents_is_r0250() {
    let (codes, _) = region_errors("andere-inhoud");
    assert_eq!(codes, vec!["R0250"]);
    insta::assert_snapshot!("andere_inhoud", region_text("andere-inhoud"));
}

#[test]
fn two_members_given_together_compare_their_frames_without_regio() {
    // without --regio: the two members checked together still see R0250
    let o = reglement(&[
        "controleer",
        &format!("{DIR}/andere-inhoud/wmp.reglement"),
        &format!("{DIR}/andere-inhoud/wmb.reglement"),
    ]);
    let text = stdout(&o);
    assert!(text.contains("R0250"), "{text}");
    assert!(
        text.contains("andere-inhoud/eigen/kader.reglement"),
        "{text}"
    );
    assert!(text.contains("andere-inhoud/kader.reglement"), "{text}");
    // the same two with the same frame: no R0250
    let o = reglement(&[
        "controleer",
        &format!("{DIR}/compleet/wmp.reglement"),
        &format!("{DIR}/compleet/wmb.reglement"),
    ]);
    assert!(!stdout(&o).contains("R0250"), "{}", stdout(&o));
}

#[test]
fn a_werkingsgebied_against_its_row_of_the_key_fails_per_member() {
    let (errors, _) = region_messages("woningen");
    assert_eq!(
        errors,
        vec![(
            "R0119".to_string(),
            "Het werkingsgebied telt 550 woningen, maar de regionale verdeelsleutel vermeldt er 450 voor WMP.".to_string()
        )]
    );
    let text = region_text("woningen");
    assert!(
        text.contains("  WMP: tests/fixtures/regio/woningen/wmp.reglement: 1 fout"),
        "{text}"
    );
    assert!(
        text.contains("  WMB: tests/fixtures/regio/woningen/wmb.reglement: 0 fouten"),
        "{text}"
    );
}

#[test]
fn reserved_dwellings_against_the_key_fail_per_member() {
    let (errors, _) = region_messages("voorbehouden");
    assert_eq!(
        errors,
        vec![(
            "R0119".to_string(),
            "De voorbehouden woningen voor 'housing-first' tellen samen 2, maar de regionale verdeelsleutel kent WMP er 3 toe.".to_string()
        )]
    );
}

#[test]
fn the_kempen_region_passes_with_its_four_members() {
    let o = reglement(&["controleer", "--regio", "examples/kempen-regio.reglement"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    for line in [
        "  DNK: examples/kempen.reglement: 0 fouten",
        "  Woonboog: examples/kempen-leden/woonboog.reglement: 0 fouten",
        "  LeefGoed Neteland: examples/kempen-leden/leefgoed-neteland.reglement: 0 fouten",
        "  LeefGoed Zuiderkempen: examples/kempen-leden/leefgoed-zuiderkempen.reglement: 0 fouten",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // a folder names the frame in it
    let o = reglement(&["controleer", "--regio", "examples"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_member_given_that_uses_another_frame_is_refused() {
    let o = reglement(&[
        "controleer",
        "--regio",
        "examples/kempen-regio.reglement",
        "examples/netevallei.reglement",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("gebruikt het regionale kader Kempen"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_member_cites_the_same_frame_hash_in_its_plan() {
    let frame = std::fs::read_to_string("examples/kempen-regio.reglement").expect("frame");
    let loader = MemoryLoader::default().with("../kempen-regio.reglement", frame.clone());
    let mut hashes = Vec::new();
    for m in ["woonboog", "leefgoed-neteland", "leefgoed-zuiderkempen"] {
        let path = format!("examples/kempen-leden/{m}.reglement");
        let text = std::fs::read_to_string(&path).expect("member");
        let a = analyze(&path, &text, &loader);
        assert!(!a.has_errors(), "{m}: {:?}", a.errors());
        let plan = reglement::plan::compile(&a).expect("compiles");
        let kader = plan.reglement.regio_kader.expect("the frame's identity");
        assert_eq!(kader.naam, "Kempen");
        assert_eq!(kader.versie.as_deref(), Some("2023.1"));
        hashes.push(kader.bron_hash);
    }
    hashes.dedup();
    assert_eq!(hashes.len(), 1, "{hashes:?}");
    // the hash is the frame's meaning: a comment does not change it, a point does
    let a = |t: &str| {
        let l = MemoryLoader::default().with("../kempen-regio.reglement", t);
        let text = std::fs::read_to_string("examples/kempen-leden/woonboog.reglement").unwrap();
        let a = analyze("woonboog.reglement", &text, &l);
        reglement::region::frame(&a).expect("frame").bron_hash
    };
    assert_eq!(a(&format!("# opmerking\n{frame}")), hashes[0]);
    assert_ne!(
        a(&frame.replace("opvang      \"verblijft", "opvang      \"verblijft ")),
        hashes[0]
    );
}

#[test]
fn published_documents_print_the_frame_hash() {
    let o = reglement(&[
        "publiceer",
        "examples/kempen-leden/woonboog.reglement",
        "--document",
        "intern-huurreglement",
        "--formaat",
        "markdown",
    ]);
    let text = stdout(&o);
    let frame = std::fs::read_to_string("examples/kempen-regio.reglement").expect("frame");
    let l = MemoryLoader::default().with("kempen-regio.reglement", frame);
    let kempen = std::fs::read_to_string("examples/kempen.reglement").expect("kempen");
    let hash = reglement::region::frame(&analyze("kempen.reglement", &kempen, &l))
        .expect("frame")
        .bron_hash;
    assert!(
        text.contains(&format!("| Inhoudshash regionaal kader | `{hash}` |")),
        "{}{text}",
        stderr(&o)
    );
}

#[test]
fn a_bounded_local_deviation_is_listed_and_without_the_room_refused() {
    let frame = std::fs::read_to_string("examples/kempen-regio.reglement").expect("frame");
    let path = "examples/kempen-leden/woonboog.reglement";
    let text = std::fs::read_to_string(path).expect("woonboog");
    let codes = |frame: &str| -> Vec<(&'static str, String)> {
        let l = MemoryLoader::default().with("../kempen-regio.reglement", frame);
        let a = analyze(path, &text, &l);
        a.diagnostics
            .iter()
            .filter(|d| d.code.as_str().starts_with("R025"))
            .map(|d| (d.code.as_str(), d.message.clone()))
            .collect()
    };
    // the frame leaves 5 points of room: Woonboog's 18 for 'geen-opvang' is listed
    assert_eq!(
        codes(&frame),
        vec![(
            "R0253",
            "Lokale afwijking van het regionale kader Kempen, binnen de ruimte die het kader laat: criterium 'woonnood', situatie 'geen-opvang': 18 punten in plaats van 15 punten.".to_string()
        )]
    );
    // a room of 2 points: outside it
    let narrow = frame.replace("maximaal 5 meer of minder", "maximaal 2 meer of minder");
    let found = codes(&narrow);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "R0254");
    assert!(
        found[0]
            .1
            .contains("3 punten verschil waar het kader hoogstens 2 punten meer of minder toelaat"),
        "{found:?}"
    );
    // no room at all: the own wegingskader replaces the shared one
    let closed: String = frame
        .lines()
        .filter(|l| !l.trim_start().starts_with("lokaal:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let found = codes(&closed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "R0252");
    assert!(
        found[0].1.contains(
            "eigen wegingskader 'woonboog' in plaats van het gedeelde wegingskader 'kempen'."
        ),
        "{found:?}"
    );
}

#[test]
fn a_member_with_its_own_wegingskader_publishes_one_wegingskader() {
    let o = reglement(&[
        "publiceer",
        "examples/kempen-leden/woonboog.reglement",
        "--document",
        "intern-huurreglement",
        "--formaat",
        "markdown",
    ]);
    let text = stdout(&o);
    let frames = text
        .lines()
        .filter(|l| l.starts_with("## Artikel 3. Wegingskader"))
        .count();
    assert_eq!(frames, 1, "{text}");
    assert!(text.contains("verblijf in nachtopvang | 18"), "{text}");
}

#[test]
fn hover_shows_a_terms_definition_where_it_is_used() {
    let frame = std::fs::read_to_string("examples/kempen-regio.reglement").expect("frame");
    let kempen = std::fs::read_to_string("examples/kempen.reglement").expect("kempen");
    let l = MemoryLoader::default().with("kempen-regio.reglement", frame.clone());
    let a = analyze("kempen.reglement", &kempen, &l);
    // in the regional file, inside a text: the attest's description uses "doorstroomklaar"
    let regio = a.model.regio.expect("the frame is loaded");
    let text = &a.sources.get(regio).text;
    let at = text.find("dat hij doorstroomklaar is").expect("the word") + "dat hij ".len() + 3;
    let h = reglement::ide::hover::hover(&a, regio, at).expect("a hover");
    assert!(
        h.text.starts_with("**doorstroomklaar** — begrip"),
        "{}",
        h.text
    );
    assert!(
        h.text.contains("Bron: visienota Kempen (2023)"),
        "{}",
        h.text
    );
    assert_eq!(&text[h.span.start..h.span.end], "doorstroomklaar");
    // the longest term wins: "begeleidingsovereenkomst" in the member's own text
    let at = kempen
        .find("begeleidingsovereenkomst van 1 jaar")
        .expect("the word")
        + 2;
    let h = reglement::ide::hover::hover(&a, a.model.main, at).expect("a hover");
    assert!(
        h.text.starts_with("**begeleidingsovereenkomst** — begrip"),
        "{}",
        h.text
    );
    // a word that is no term: no term hover
    let at = kempen.find("Turnhout").expect("the word") + 1;
    let h = reglement::ide::hover::hover(&a, a.model.main, at);
    assert!(h.is_none_or(|h| !h.text.contains("— begrip")));
}

#[test]
fn published_documents_carry_the_terms_they_use_as_an_annex() {
    let o = reglement(&[
        "publiceer",
        "examples/kempen.reglement",
        "--document",
        "toewijzingsreglement",
        "--formaat",
        "markdown",
    ]);
    let text = stdout(&o);
    let annex = text
        .split("## Bijlage: begrippen")
        .nth(1)
        .unwrap_or_else(|| panic!("no annex: {text}"));
    // pijler 3 names the begeleidingsovereenkomst; the toewijzingsreglement has no pijler 2 text on knipperlicht
    assert!(annex.contains("- begeleidingsovereenkomst: "), "{annex}");
    assert!(annex.contains("(bron: visienota Kempen (2023)"), "{annex}");
    assert!(!annex.contains("- knipperlicht:"), "{annex}");
}
