//! The server driven over its real stdio by a small JSON-RPC client: open,
//! change and diagnostics through the real binary. Hover, completion,
//! definition, references, rename, symbols, formatting, code actions and
//! semantic tokens are cases of the file-driven harness (`cases.rs`,
//! `cases/*.case`), which drives the same server in memory.

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
