//! Arbitrary input never panics the parser, the checks or the compiler:
//! random bytes, and random mutations of the examples (deleted, inserted and
//! replaced bytes, and lines cut out), with the regional file mutated too.

use proptest::prelude::*;
use reglement::{analyze, plan, MemoryLoader};

const KEMPEN: &str = include_str!("../examples/kempen.reglement");
const REGIO: &str = include_str!("../examples/kempen-regio.reglement");

fn run(main: &str, regio: &str) {
    let loader = MemoryLoader::default().with("kempen-regio.reglement", regio);
    let analysis = analyze("kempen.reglement", main, &loader);
    // every diagnostic's span lies inside its own file, on character boundaries
    for d in &analysis.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.related) {
            let text = &analysis.sources.get(label.file).text;
            assert!(
                label.span.start <= label.span.end && label.span.end <= text.len(),
                "{d:?}"
            );
            assert!(
                text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end),
                "{d:?}"
            );
        }
    }
    let _ =
        reglement::diagnostic::render::render_text(&analysis.diagnostics, &analysis.sources, false);
    let _ = reglement::diagnostic::render::to_json(&analysis.diagnostics, &analysis.sources);
    if let Ok(p) = plan::compile(&analysis) {
        let _ = plan::to_json(&p);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
    DropLine(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        ":",
        "%",
        ",",
        "\"",
        "#",
        "\n",
        " ",
        "punten",
        "gemeente",
        "0",
        "99999999999999999999",
        "2024-02-30",
        "1.379,123",
        "é",
        "🏠",
        "doelgroep",
        "criterium x {",
        "versnelde toewijzing {",
    ]);
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), tokens).prop_map(|(at, t)| Edit::Insert(at, t.to_string())),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Edit::Replace(at, c)),
        any::<usize>().prop_map(Edit::DropLine),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match e {
            Edit::Delete(at, n) => {
                let a = boundary(&t, *at);
                let b = boundary(&t, (a + n).min(t.len()));
                t.replace_range(a..b.max(a), "");
            }
            Edit::Insert(at, s) => {
                let a = boundary(&t, *at);
                t.insert_str(a, s);
            }
            Edit::Replace(at, c) => {
                let a = boundary(&t, *at);
                if let Some(old) = t[a..].chars().next() {
                    t.replace_range(a..a + old.len_utf8(), &c.to_string());
                }
            }
            Edit::DropLine(n) => {
                let lines: Vec<&str> = t.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let skip = n % lines.len();
                    t = lines
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != skip)
                        .map(|(_, l)| *l)
                        .collect();
                }
            }
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let text = String::from_utf8_lossy(&bytes);
        run(&text, REGIO);
    }

    #[test]
    fn mutated_examples_never_panic(
        main_edits in prop::collection::vec(edit(), 1..8),
        regio_edits in prop::collection::vec(edit(), 0..4),
    ) {
        run(&apply(KEMPEN, &main_edits), &apply(REGIO, &regio_edits));
    }
}

#[test]
fn empty_and_whitespace_files_do_not_panic() {
    for text in [
        "",
        "\n",
        "   ",
        "#",
        "{",
        "}",
        "reglement",
        "reglement {",
        "\u{feff}",
    ] {
        run(text, REGIO);
        run(KEMPEN, text);
    }
}
