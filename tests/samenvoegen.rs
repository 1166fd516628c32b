//! `reglement samenvoegen`: amendments by gemeenteraden merged into the
//! final reglement. The fixtures in `tests/fixtures/samenvoegen/` are a
//! frozen draft (its content hash is named by the amendments) and one
//! amendment per case: two admissible ones, one that changes pillar-2
//! points (C15), one on an older version (stale hash), and one with a
//! woonbinding on a deelwerkingsgebied without the consensus of all its
//! gemeenten (C13).

use reglement::amend::{self, AmendmentText, MergeOptions, Merged};
use reglement::diagnostic::render;
use reglement::syntax::ast::Status;
use std::path::Path;
use std::process::Command;

const DIR: &str = "tests/fixtures/samenvoegen";

fn draft() -> reglement::Analysis {
    let a = reglement::analyze_file(&Path::new(DIR).join("ontwerp.reglement")).expect("draft");
    assert!(!a.has_errors(), "{:#?}", a.diagnostics);
    a
}

fn amendment(name: &str) -> AmendmentText {
    let path = format!("{DIR}/{name}");
    AmendmentText {
        text: std::fs::read_to_string(&path).expect("fixture"),
        name: path,
    }
}

fn merge(names: &[&str], options: MergeOptions) -> Merged {
    let list: Vec<AmendmentText> = names.iter().map(|n| amendment(n)).collect();
    amend::merge(&draft(), &list, options, &reglement::FsLoader)
}

/// The refusal's codes and its rendered diagnostics (no colour).
fn refused(names: &[&str]) -> (Vec<&'static str>, String) {
    match merge(names, MergeOptions::default()) {
        Merged::Ok { .. } => panic!("{names:?} should be refused"),
        Merged::Refused {
            diagnostics,
            sources,
        } => (
            diagnostics.iter().map(|d| d.code.as_str()).collect(),
            render::render_text(&diagnostics, &sources, false),
        ),
    }
}

#[test]
fn admissible_amendments_merge_into_the_drafts_text() {
    let Merged::Ok {
        text,
        analysis,
        summary,
    } = merge(
        &["beerse.amendement", "hoogstraten.amendement"],
        MergeOptions {
            status: Some(Status::Goedgekeurd),
        },
    )
    else {
        panic!("admissible amendments are refused");
    };
    insta::assert_snapshot!("merged_reglement", text);
    insta::assert_snapshot!("merged_summary", summary.join("\n"));

    // everything of the draft outside the Beerse section and the status is kept, comments too
    let original = std::fs::read_to_string(format!("{DIR}/ontwerp.reglement")).expect("draft");
    for line in original.lines() {
        if line.contains("Beerse kiest voorlopig") || line.contains("status ontwerp") {
            assert!(!text.contains(line), "{line}");
        } else {
            assert!(text.contains(line), "lost: {line}");
        }
    }
    assert!(text.contains("status goedgekeurd"));

    // the merged reglement compiles with the gemeenten's choices in the plan
    let plan = reglement::plan::compile(&analysis).expect("merged reglement compiles");
    let gemeente = |n: &str| {
        plan.werkingsgebied
            .gemeenten
            .iter()
            .find(|g| g.naam == n)
            .expect("gemeente")
            .clone()
    };
    let beerse = gemeente("Beerse").strengere_woonbinding.expect("stricter");
    assert_eq!((beerse.regel.jaren, beerse.regel.venster), (6, 10));
    let noord = gemeente("Hoogstraten")
        .woonbinding_gebied
        .expect("area woonbinding");
    assert_eq!(
        noord.gemeenten,
        ["Hoogstraten", "Rijkevorsel", "Merksplas", "Baarle-Hertog"]
    );
    let groups = plan.doelgroepen.expect("pillar 3").groepen;
    let ouderen = groups
        .iter()
        .find(|g| g.code == "actieve-ouderen")
        .expect("the new target group");
    assert_eq!(ouderen.gemeente.as_deref(), Some("Hoogstraten"));
    assert!(ouderen.ministeriele_toetsing);

    // the published toewijzingsreglement shows the gemeenten's rules and decisions
    let doc = reglement::publish::build(
        &analysis,
        reglement::syntax::ast::DocumentKind::Toewijzingsreglement,
    );
    let md = reglement::publish::render(&doc, reglement::publish::Format::Markdown);
    assert!(md.contains("| Status | goedgekeurd |"), "{md}");
    assert!(md.contains("Strengere woonbinding: minstens 6 jaar ononderbroken in de laatste 10 jaar in de gemeente Beerse."));
    assert!(md.contains("Beslissing van de gemeenteraad van Beerse van 18 maart 2024"));
    assert!(
        md.contains("Woonbinding met het deelwerkingsgebied Noord voor de woningen in Hoogstraten")
    );
    assert!(md.contains("Actieve ouderen en minder mobiele personen"));

    // and the new version has its own hash
    assert_ne!(
        analysis.sources.content_hash(),
        draft().sources.content_hash()
    );
}

#[test]
fn an_amendment_of_pillar_2_points_is_refused_with_c15_at_the_statement() {
    let (codes, text) = refused(&["merksplas-punten.amendement"]);
    assert_eq!(codes, ["R0115", "R0115"]);
    insta::assert_snapshot!("refused_pillar2_points", text);
}

#[test]
fn an_amendment_of_another_version_is_refused() {
    let (codes, text) = refused(&["verouderd.amendement"]);
    assert_eq!(codes, ["R0219"]);
    insta::assert_snapshot!("refused_stale", text);
}

#[test]
fn a_deelwerkingsgebied_woonbinding_without_consensus_is_refused_with_c13() {
    let (codes, text) = refused(&["noord-zonder-consensus.amendement"]);
    assert_eq!(codes, ["R0113"]);
    assert!(text.contains("Merksplas en Baarle-Hertog"), "{text}");
    insta::assert_snapshot!("refused_no_consensus", text);
}

#[test]
fn one_refused_amendment_refuses_the_whole_merge() {
    let (codes, _) = refused(&["beerse.amendement", "verouderd.amendement"]);
    assert_eq!(codes, ["R0219"]);
}

#[test]
fn two_amendments_of_one_gemeente_are_refused() {
    let (codes, _) = refused(&["beerse.amendement", "beerse.amendement"]);
    assert_eq!(codes, ["R0205"]);
}

#[test]
fn an_amendment_of_another_gemeentes_rules_is_refused() {
    let mut a = amendment("beerse.amendement");
    a.text = a.text.replace(
        "gemeente Beerse artikel 7.1",
        "gemeente Turnhout artikel 7.1",
    );
    let merged = amend::merge(
        &draft(),
        &[a],
        MergeOptions::default(),
        &reglement::FsLoader,
    );
    let Merged::Refused { diagnostics, .. } = merged else {
        panic!("should be refused");
    };
    let codes: Vec<_> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    // C14 (R0114), as the README says: rules outside the gemeente's own territory
    assert_eq!(codes, ["R0114"]);
    assert!(diagnostics[0].message.contains("niet die van Turnhout"));
    assert!(diagnostics[0]
        .help
        .contains("de regels voor Turnhout stelt de gemeenteraad van Turnhout vast"));
}

#[test]
fn a_file_without_an_amendement_section_is_refused() {
    let a = AmendmentText {
        name: "leeg.amendement".into(),
        text: "# niets\n".into(),
    };
    let Merged::Refused { diagnostics, .. } = amend::merge(
        &draft(),
        &[a],
        MergeOptions::default(),
        &reglement::FsLoader,
    ) else {
        panic!("should be refused");
    };
    assert_eq!(diagnostics[0].code, "R0210");
}

#[test]
fn the_command_writes_nothing_when_it_refuses() {
    let out = std::env::temp_dir().join(format!("samenvoegen-{}.reglement", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let run = |amendments: &[&str]| {
        let mut args = vec![
            "samenvoegen".to_string(),
            format!("{DIR}/ontwerp.reglement"),
        ];
        args.extend(amendments.iter().map(|a| format!("{DIR}/{a}")));
        args.push("--uitvoer".into());
        args.push(out.to_string_lossy().into_owned());
        Command::new(env!("CARGO_BIN_EXE_reglement"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .expect("runs")
    };
    let o = run(&["merksplas-punten.amendement"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("niet samengevoegd"));
    assert!(!out.exists());
    let o = run(&["beerse.amendement"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::read_to_string(&out)
        .expect("written")
        .contains("strengere woonbinding: 6 jaar"));
    let _ = std::fs::remove_file(&out);
}

mod never_panics {
    //! Mutated amendments never panic the merge, and every refusal points
    //! inside its own file.
    use super::*;
    use proptest::prelude::*;

    fn mutate(text: &str, at: usize, len: usize, token: &str) -> String {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        format!("{}{token}{}", &text[..at], &text[end..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn merge_never_panics(
            which in 0usize..5,
            at in 0usize..2000,
            len in 0usize..40,
            token in prop::sample::select(vec![
                "", "{", "}", "\n", "gemeente Beerse {\n", "amendement {\n", "criterium x {",
                "consensus {", "sha256:00", "2024-02-30", "woonbinding werkingsgebied",
                "geldt voor: Turnhout\n", "é", "\"",
            ]),
        ) {
            let names = [
                "beerse.amendement",
                "hoogstraten.amendement",
                "merksplas-punten.amendement",
                "verouderd.amendement",
                "noord-zonder-consensus.amendement",
            ];
            let mut a = amendment(names[which]);
            a.text = mutate(&a.text, at, len, token);
            match amend::merge(&draft(), &[a], MergeOptions::default(), &reglement::FsLoader) {
                Merged::Ok { text, .. } => prop_assert!(text.contains("gemeente")),
                Merged::Refused { diagnostics, sources } => {
                    prop_assert!(!diagnostics.is_empty());
                    for d in &diagnostics {
                        let text = &sources.get(d.primary.file).text;
                        prop_assert!(d.primary.span.end <= text.len());
                        prop_assert!(text.is_char_boundary(d.primary.span.start));
                    }
                    let _ = render::render_text(&diagnostics, &sources, false);
                }
            }
        }
    }
}
