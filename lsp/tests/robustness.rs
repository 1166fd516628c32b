//! The server under abuse: malformed JSON-RPC, unknown methods, a change
//! with an out-of-range position, invalid UTF-8, a 20,000-line document,
//! and 10,000 random edits after which its diagnostics equal the CLI's.

mod common;

use common::{kempen_session, root, scratch, uri, Client};
use serde_json::{json, Value};

fn alive(client: &mut Client, uri: &str) {
    let h = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 2}}),
    );
    assert!(h.is_object() || h.is_null(), "{h}");
}

#[test]
fn malformed_messages_unknown_methods_and_bad_positions() {
    let (mut client, uri, _) = kempen_session("robust");
    client.diagnostics(&uri, 1);

    // not JSON at all, and JSON that is not a message
    client.send_raw(b"{dit is geen json");
    client.send_raw(b"[1, 2, 3]");
    // invalid UTF-8 in the body
    client.send_raw(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}");
    alive(&mut client, &uri);
    // each got its JSON-RPC error: two parse errors, one invalid request
    let codes: Vec<i64> = client
        .wait_messages(3, |m| m["id"].is_null() && m.get("error").is_some())
        .iter()
        .map(|m| m["error"]["code"].as_i64().unwrap_or(0))
        .collect();
    assert_eq!(
        codes.iter().filter(|&&c| c == -32700).count(),
        2,
        "{codes:?}"
    );
    assert!(codes.contains(&-32600), "{codes:?}");

    // an unknown request is answered with 'method not found'
    let r = client.request_full("reglement/bestaatNiet", json!({}));
    assert_eq!(r["error"]["code"], json!(-32601), "{r}");
    // an unknown notification is ignored
    client.notify("reglement/ookNiet", json!({}));

    // a change far outside the text: clamped to its end
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 99999, "character": 0}}, "text": "\n# achteraan"}]
        }),
    );
    let diags = client.diagnostics(&uri, 2);
    assert!(diags.is_array());
    // a change inside an emoji's surrogate pair does not split it
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# 🏠 ë\n"},
                               {"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "x"}]
        }),
    );
    client.diagnostics(&uri, 3);
    // a stale version is ignored
    client.replace(&uri, 2, "kapot {");
    alive(&mut client, &uri);
    // a request for a document that is not open
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nergens.reglement"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r.is_null());
    client.shutdown();
}

#[test]
fn a_twenty_thousand_line_document() {
    let dir = scratch("groot");
    let text = reglement::synthetic::reglement_of_lines(20_000);
    assert!(text.lines().count() >= 20_000);
    let path = dir.join("groot.reglement");
    std::fs::write(&path, &text).expect("write");
    let mut client = Client::start();
    client.initialize(&dir);
    let uri = uri(&path);
    client.open(&uri, &text);
    let diags = client.diagnostics(&uri, 1);
    assert!(
        diags
            .as_array()
            .expect("array")
            .iter()
            .all(|d| d["severity"] != json!(1)),
        "{diags}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.as_array().expect("array").len() > 10);
    client.shutdown();
}

/// (code, 1-based line, message) of diagnostics, from the CLI's JSON or the server's.
fn key(code: &str, line: i64, message: &str) -> String {
    format!("{code} {line} {}", message.lines().next().unwrap_or(""))
}

#[test]
fn ten_thousand_random_edits_end_with_the_clis_diagnostics() {
    let dir = scratch("edits");
    let path = dir.join("kempen.reglement");
    let mut text = std::fs::read_to_string(&path).expect("example");
    let mut client = Client::start();
    client.initialize(&dir);
    let uri = uri(&path);
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);

    // a seeded generator: the same edits on every run
    let mut seed: u64 = 0x5eed_2026;
    let mut next = |n: usize| -> usize {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let pieces = [
        "a",
        " ",
        "\n",
        "{",
        "}",
        "\"",
        "é",
        "🏠",
        "20%",
        "gemeente ",
        "# x\n",
        "",
    ];
    let mut version = 1;
    for _ in 0..10_000 {
        // a random range on character boundaries, replaced by a random piece
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let a = chars[next(chars.len())];
        let b =
            chars[(chars.iter().position(|&c| c == a).unwrap_or(0) + next(4)).min(chars.len() - 1)];
        let piece = pieces[next(pieces.len())];
        let start = lsp_pos(&text, a);
        let end = lsp_pos(&text, b);
        text.replace_range(a..b, piece);
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": start, "end": end}, "text": piece}]
            }),
        );
    }
    let diags = client.diagnostics(&uri, version);
    // the server still answers
    let _ = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    client.shutdown();

    // the CLI on the final text, in the same folder (same regional file)
    let final_path = dir.join("eind.reglement");
    std::fs::write(&final_path, &text).expect("write");
    let out = std::process::Command::new(
        env!("CARGO_BIN_EXE_reglement-lsp").replace("reglement-lsp", "reglement"),
    )
    .args(["controleer", "--formaat", "json"])
    .arg(&final_path)
    .current_dir(root())
    .output()
    .expect("the CLI runs");
    let cli: Value = serde_json::from_slice(&out.stdout).expect("JSON from the CLI");
    let mut expected: Vec<String> = cli
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| {
            d["span"]["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("eind.reglement"))
        })
        .map(|d| {
            key(
                d["code"].as_str().unwrap_or(""),
                d["span"]["start"]["line"].as_i64().unwrap_or(0),
                d["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let mut actual: Vec<String> = diags
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            key(
                d["code"].as_str().unwrap_or(""),
                d["range"]["start"]["line"].as_i64().unwrap_or(0) + 1,
                d["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    expected.sort();
    actual.sort();
    assert!(
        !expected.is_empty(),
        "10,000 random edits leave no problem at all?"
    );
    assert_eq!(actual, expected);
}

fn lsp_pos(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}
