//! The VS Code extension's TextMate grammar (lsp/vscode/syntaxes/) is
//! generated from the pest grammar's keywords, and every keyword of the pest
//! grammar is highlighted by it.
//!
//! After a change of the language: `REGLEMENT_TEXTMATE_SCHRIJVEN=1 cargo test --test textmate`.

use reglement::ide::keywords;
use reglement::syntax::split::SECTION_STARTERS;
use serde_json::{json, Value};

const PATH: &str = "lsp/vscode/syntaxes/reglement.tmLanguage.json";
const GRAMMAR: &str = include_str!("../grammar/reglement.pest");
/// What may stand around a keyword (the pest grammar's `ident_char`).
const WORD: &str = "[\\p{L}\\p{M}\\d'_-]";

fn generated() -> String {
    let mut words: Vec<&str> = keywords::all().iter().map(String::as_str).collect();
    // longest first, so that no keyword stops at a shorter one's end
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let grammar = json!({
        "name": "Toewijzingsreglement",
        "scopeName": "source.reglement",
        "fileTypes": ["reglement", "testen", "amendement"],
        "comment": "Gegenereerd uit grammar/reglement.pest door tests/textmate.rs; niet met de hand wijzigen.",
        "patterns": [
            {"include": "#comment"},
            {"include": "#string"},
            {"include": "#section"},
            {"include": "#keyword"},
            {"include": "#date"},
            {"include": "#number"}
        ],
        "repository": {
            "comment": {"name": "comment.line.number-sign.reglement", "match": "#.*$"},
            "string": {"name": "string.quoted.double.reglement", "begin": "\"", "end": "\""},
            "section": {
                "name": "storage.type.section.reglement",
                "match": format!("^(?i:({}))(?!{WORD})", SECTION_STARTERS.join("|"))
            },
            "keyword": {
                "name": "keyword.other.reglement",
                "match": format!("(?i)(?<!{WORD})({})(?!{WORD})", words.join("|"))
            },
            "date": {"name": "constant.numeric.date.reglement", "match": "(?<![\\d-])\\d{4}-\\d{2}-\\d{2}(?![\\d-])"},
            "number": {"name": "constant.numeric.reglement", "match": "(?<![\\p{L}\\d])\\d+(?:\\.\\d{3})*(?:,\\d+)?(?: ?%)?"}
        }
    });
    serde_json::to_string_pretty(&grammar).expect("JSON") + "\n"
}

#[test]
fn the_textmate_grammar_is_generated_from_the_pest_grammar() {
    let expected = generated();
    if std::env::var_os("REGLEMENT_TEXTMATE_SCHRIJVEN").is_some() {
        std::fs::write(PATH, &expected).expect("write the TextMate grammar");
    }
    let actual = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        actual == expected,
        "{PATH} is not the one generated from grammar/reglement.pest: run `REGLEMENT_TEXTMATE_SCHRIJVEN=1 cargo test --test textmate`"
    );
}

/// The keywords of the pest grammar, read here on their own: every literal
/// of every `kw_*` rule.
fn pest_keywords() -> Vec<String> {
    GRAMMAR
        .lines()
        .filter(|l| l.trim_start().starts_with("kw_"))
        .flat_map(|l| {
            l.match_indices('"')
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
                .chunks(2)
                .filter_map(|q| match q {
                    [a, b] => Some(l[a + 1..*b].to_lowercase()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_keyword_of_the_pest_grammar_is_highlighted() {
    let tm: Value =
        serde_json::from_str(&std::fs::read_to_string(PATH).expect("grammar file")).expect("JSON");
    let pattern = tm["repository"]["keyword"]["match"]
        .as_str()
        .expect("keyword pattern");
    let open = format!("{WORD})(");
    let start = pattern.find(&open).expect("alternation") + open.len();
    let end = pattern.rfind(")(?!").expect("alternation end");
    let highlighted: Vec<&str> = pattern[start..end].split('|').collect();
    let keywords = pest_keywords();
    assert!(keywords.len() > 100, "{}", keywords.len());
    let missing: Vec<&String> = keywords
        .iter()
        .filter(|k| !highlighted.contains(&k.as_str()))
        .collect();
    assert!(missing.is_empty(), "not highlighted: {missing:?}");
    // and nothing that is not a keyword
    let extra: Vec<&&str> = highlighted
        .iter()
        .filter(|h| !keywords.iter().any(|k| k == *h))
        .collect();
    assert!(extra.is_empty(), "not a keyword of the grammar: {extra:?}");
    let sections = tm["repository"]["section"]["match"]
        .as_str()
        .expect("section pattern");
    for s in SECTION_STARTERS {
        assert!(sections.contains(s), "section keyword {s}");
    }
}

/// The editor's idea of a word (completion filtering, double-click, the
/// rename box) is the grammar's: `code = LETTER ~ ident_char*`, numbers included. VS Code
/// builds `wordPattern` without the `u` flag when it is a plain string, and
/// then `\p{L}` is not "letter": the pattern must carry its flags.
#[test]
fn the_word_pattern_is_the_grammars_with_the_unicode_flag() {
    let ident_char = GRAMMAR
        .lines()
        .find(|l| l.starts_with("ident_char"))
        .expect("ident_char in the grammar");
    assert!(
        ident_char.contains("LETTER | MARK | ASCII_DIGIT | \"-\" | \"_\" | \"'\""),
        "the grammar's identifier characters changed: update WORD and the word pattern ({ident_char})"
    );
    let config: Value = serde_json::from_str(
        &std::fs::read_to_string("lsp/vscode/language-configuration.json").expect("config"),
    )
    .expect("JSON");
    let word = &config["wordPattern"];
    assert!(
        word["flags"].as_str().is_some_and(|f| f.contains('u')),
        "wordPattern needs the flag 'u': {word}"
    );
    // a name, or a number (so that `25` in `25%` is one word too)
    assert_eq!(
        word["pattern"].as_str().expect("pattern"),
        format!("[\\p{{L}}\\p{{M}}\\d]{WORD}*")
    );
}
