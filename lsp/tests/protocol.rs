//! The server driven over its real stdio by a small JSON-RPC client: open,
//! change, diagnostics, hover, completion, definition, references, rename,
//! symbols, formatting, code actions, semantic tokens.

mod common;

use common::{kempen_session, summary};
use serde_json::{json, Value};

/// The LSP position (UTF-16) of the `nth` occurrence of `needle`, plus `shift` characters.
fn pos(text: &str, needle: &str, nth: usize, shift: usize) -> Value {
    let mut at = 0;
    for _ in 0..=nth {
        at += text[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in text"))
            + 1;
    }
    let at = at - 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..at]
        .chars()
        .map(char::len_utf16)
        .sum::<usize>()
        + shift;
    json!({"line": line, "character": character})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[test]
fn diagnostics_on_open_and_on_every_change() {
    let (mut client, uri, text) = kempen_session("diag");
    // the Kempen example is clean: only the computed pillar-2 base as advice
    let first = client.diagnostics(&uri, 1);
    insta::assert_json_snapshot!("kempen_diagnostics", summary(&first));

    // three errors in three sections, by incremental changes
    let edits = [
        ("aandeel 20%", "aandeel 25%"),
        ("aandeel minimaal 50%", "aandeel minimaal 40%"),
        (
            "gemeente Turnhout      woningen 610",
            "gemeente Turnhout      woningen 61",
        ),
    ];
    let mut current = text.clone();
    for (i, (from, to)) in edits.iter().enumerate() {
        let start = pos(&current, from, 0, 0);
        let end = pos(&current, from, 0, from.chars().count());
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": i + 2},
                "contentChanges": [{"range": {"start": start, "end": end}, "text": to}]
            }),
        );
        current = current.replacen(from, to, 1);
    }
    let last = client.diagnostics(&uri, 4);
    insta::assert_json_snapshot!("three_errors_after_changes", summary(&last));
    // the same codes, messages and help as the CLI: the message carries the help and the article
    let r0102 = last
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "R0102")
        .expect("R0102");
    let message = r0102["message"].as_str().expect("message");
    assert!(message.contains("hulp: "), "{message}");
    assert!(
        message.contains("Grondslag: art. 6.24 §1 BVCW"),
        "{message}"
    );

    // a full replacement back to the original: clean again
    client.replace(&uri, 5, &text);
    assert_eq!(summary(&client.diagnostics(&uri, 5)), summary(&first));
    client.shutdown();
}

#[test]
fn a_duplicate_has_its_second_span_as_related_information() {
    let (mut client, uri, text) = kempen_session("related");
    client.diagnostics(&uri, 1);
    let changed = text.replacen(
        "    gemeente Beerse ",
        "    gemeente Turnhout woningen 1\n    gemeente Beerse ",
        1,
    );
    client.replace(&uri, 2, &changed);
    let diags = client.diagnostics(&uri, 2);
    let dup = diags
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "R0205")
        .unwrap_or_else(|| panic!("R0205 in {diags}"));
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(uri));
    client.shutdown();
}

#[test]
fn hover_on_names_and_keywords() {
    let (mut client, uri, text) = kempen_session("hover");
    client.diagnostics(&uri, 1);
    let mut hover = |needle: &str, nth: usize, shift: usize| -> String {
        let h = client.request(
            "textDocument/hover",
            at(&uri, pos(&text, needle, nth, shift)),
        );
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let frame = hover("wegingskader kempen", 0, 14);
    let turnhout = hover("gemeente Turnhout", 0, 10);
    let keyword = hover("standaardtoewijzing", 0, 2);
    insta::assert_snapshot!(
        "hovers",
        format!("{frame}\n---\n{turnhout}\n---\n{keyword}")
    );
    assert!(frame.contains("hoogstens 50 punten"), "{frame}");
    assert!(turnhout.contains("610 sociale huurwoningen"), "{turnhout}");
    assert!(turnhout.contains("van hoogstens 203"), "{turnhout}");
    client.shutdown();
}

#[test]
fn completion_knows_the_context() {
    let (mut client, uri, text) = kempen_session("complete");
    client.diagnostics(&uri, 1);
    // after "gemeente " in a new line of the werkingsgebied: the gemeenten
    let changed = text.replacen(
        "    totaal woningen",
        "    gemeente \n    totaal woningen",
        1,
    );
    client.replace(&uri, 2, &changed);
    client.diagnostics(&uri, 2);
    let items = client.request(
        "textDocument/completion",
        at(&uri, pos(&changed, "    gemeente \n", 0, 13)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"Turnhout") && labels.contains(&"Baarle-Hertog"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"wegingskader"), "{labels:?}");

    // at the start of a line in the versnelde toewijzing: its statements
    let items = client.request(
        "textDocument/completion",
        at(&uri, pos(&changed, "    aandeel 20%", 0, 4)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    insta::assert_json_snapshot!("completion_in_versneld", labels);
    client.shutdown();
}

#[test]
fn definition_references_and_rename() {
    let (mut client, uri, text) = kempen_session("navigate");
    client.diagnostics(&uri, 1);
    // the frame is defined in the regional file
    let def = client.request(
        "textDocument/definition",
        at(&uri, pos(&text, "wegingskader kempen", 0, 14)),
    );
    assert!(
        def["uri"]
            .as_str()
            .expect("uri")
            .ends_with("kempen-regio.reglement"),
        "{def}"
    );
    // Turnhout: declared in the werkingsgebied, used in the reserved-dwellings table
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(&text, "gemeente Turnhout", 0, 10), "context": {"includeDeclaration": true}}),
    );
    let lines: Vec<i64> = refs
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["range"]["start"]["line"].as_i64().expect("line"))
        .collect();
    assert!(lines.len() >= 2, "{refs}");
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(&text, "gemeente Turnhout", 0, 10), "newName": "Turnhout-Centrum"}),
    );
    let edits = edit["changes"][&uri].as_array().expect("edits");
    assert_eq!(edits.len(), lines.len());
    assert!(edits.iter().all(|e| e["newText"] == "Turnhout-Centrum"));
    // not a name: refused with a message
    let refused = client.request_full(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(&text, "gemeente Turnhout", 0, 10), "newName": "12 x"}),
    );
    assert!(refused["error"]["message"]
        .as_str()
        .expect("message")
        .contains("geen geldige naam"));
    client.shutdown();
}

#[test]
fn symbols_formatting_code_actions_and_tokens() {
    let (mut client, uri, text) = kempen_session("misc");
    client.diagnostics(&uri, 1);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let outline: Vec<String> = symbols
        .as_array()
        .expect("array")
        .iter()
        .map(|s| {
            format!(
                "{} ({} namen)",
                s["name"].as_str().unwrap_or(""),
                s["children"].as_array().map_or(0, Vec::len)
            )
        })
        .collect();
    insta::assert_json_snapshot!("outline", outline);

    // the example is in canonical layout: no edits; a messy version gets one
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!([]));
    let messy = text.replacen("    aandeel 20%", "aandeel    25%", 1);
    client.replace(&uri, 2, &messy);
    client.diagnostics(&uri, 2);
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let formatted = edits[0]["newText"].as_str().expect("new text");
    assert!(formatted.contains("\n    aandeel 25%\n"));

    // the share of 25% gets a quick fix to the legal 20%
    let start = pos(&messy, "25%", 0, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": start, "end": start}, "context": {"diagnostics": []}}),
    );
    let fix = actions
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["title"] == "Zet het aandeel op 20%")
        .unwrap_or_else(|| panic!("{actions}"));
    assert_eq!(fix["edit"]["changes"][&uri][0]["newText"], "aandeel 20%");

    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data = tokens["data"].as_array().expect("data");
    assert!(data.len() > 500 && data.len() % 5 == 0, "{}", data.len());
    client.shutdown();
}
