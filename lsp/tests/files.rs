//! Diagnostics per file across a reglement and its regional file: an error
//! in the regional file is published to the regional file; a reglement is
//! analysed again when its regional file changes (open, on disk, closed);
//! a rename never edits the regional file from the reglement; the file name
//! after `gebruikt regio` leads to the regional file.

mod common;

use common::{scratch, uri, Client};
use serde_json::{json, Value};

fn codes(diags: &Value) -> Vec<String> {
    diags["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Wait for diagnostics for `uri` that satisfy `pred`.
fn diagnostics_for(client: &mut Client, uri: &str, pred: impl Fn(&[String]) -> bool) -> Value {
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && pred(&codes(p))
    })
}

struct Session {
    client: Client,
    dir: std::path::PathBuf,
    kempen: String,
    regio: String,
}

fn session(name: &str) -> Session {
    let dir = scratch(name);
    let mut client = Client::start();
    client.initialize(&dir);
    let kempen = uri(&dir.join("kempen.reglement"));
    let regio = uri(&dir.join("kempen-regio.reglement"));
    Session {
        client,
        dir,
        kempen,
        regio,
    }
}

const REGIO_GAP: (&str, &str) = ("        3 kinderen: 2 punten\n", "");
const FRAME_RENAMED: (&str, &str) = (
    "wegingskader kempen artikel 3",
    "wegingskader kempen2 artikel 3",
);

fn regio_text(dir: &std::path::Path, (from, to): (&str, &str)) -> String {
    let text = std::fs::read_to_string(dir.join("kempen-regio.reglement")).expect("regio");
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "{from}");
    changed
}

#[test]
fn an_error_in_the_regional_file_is_published_to_the_regional_file() {
    let mut s = session("files-regio-error");
    // the regional file on disk has a gap in the children table; only the reglement is open
    let gap = regio_text(&s.dir, REGIO_GAP);
    std::fs::write(s.dir.join("kempen-regio.reglement"), &gap).expect("write");
    let text = std::fs::read_to_string(s.dir.join("kempen.reglement")).expect("kempen");
    s.client.open(&s.kempen, &text);
    let regio = diagnostics_for(&mut s.client, &s.regio, |c| c.iter().any(|c| c == "R0201"));
    // the gap's R0201 among the regional file's diagnostics (R0208 is there too)
    let gap_diag = regio["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "R0201")
        .expect("R0201");
    let message = gap_diag["message"].as_str().unwrap_or("");
    assert!(message.contains("3 kinderen"), "{regio}");
    // the reglement's own list does not carry it
    let own = s.client.diagnostics(&s.kempen, 1);
    assert!(
        own.as_array()
            .expect("array")
            .iter()
            .all(|d| d["code"] != "R0201"),
        "{own}"
    );
    // the same error once when the regional file is open too
    s.client.open(&s.regio, &gap);
    let both = diagnostics_for(&mut s.client, &s.regio, |c| c.iter().any(|c| c == "R0201"));
    assert_eq!(
        codes(&both).iter().filter(|c| *c == "R0201").count(),
        1,
        "{both}"
    );
    s.client.shutdown();
}

#[test]
fn a_reglement_follows_its_open_regional_file() {
    let mut s = session("files-follow-open");
    let text = std::fs::read_to_string(s.dir.join("kempen.reglement")).expect("kempen");
    let regio = std::fs::read_to_string(s.dir.join("kempen-regio.reglement")).expect("regio");
    s.client.open(&s.kempen, &text);
    s.client.open(&s.regio, &regio);
    diagnostics_for(&mut s.client, &s.kempen, |c| {
        !c.iter().any(|c| c == "R0203")
    });
    // the frame renamed in the open regional file, not saved: the reglement,
    // untouched, now names an unknown frame
    s.client
        .replace(&s.regio, 2, &regio_text(&s.dir, FRAME_RENAMED));
    diagnostics_for(&mut s.client, &s.kempen, |c| c.iter().any(|c| c == "R0203"));
    // closed without saving: the reglement reads the file on disk again
    s.client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": s.regio}}),
    );
    diagnostics_for(&mut s.client, &s.kempen, |c| {
        !c.iter().any(|c| c == "R0203")
    });
    s.client.shutdown();
}

#[test]
fn a_reglement_follows_its_regional_file_on_disk() {
    let mut s = session("files-follow-disk");
    let text = std::fs::read_to_string(s.dir.join("kempen.reglement")).expect("kempen");
    s.client.open(&s.kempen, &text);
    s.client.diagnostics(&s.kempen, 1);
    let renamed = regio_text(&s.dir, FRAME_RENAMED);
    std::fs::write(s.dir.join("kempen-regio.reglement"), renamed).expect("write");
    s.client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": s.regio, "type": 2}]}),
    );
    diagnostics_for(&mut s.client, &s.kempen, |c| c.iter().any(|c| c == "R0203"));
    s.client.shutdown();
}

/// The LSP position of the first `needle`, plus `shift` characters (ASCII lines).
fn pos(text: &str, needle: &str, shift: usize) -> Value {
    let at = text.find(needle).expect("needle") + shift;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

#[test]
fn rename_refuses_names_of_the_regional_file_and_definition_reaches_it() {
    let mut s = session("files-rename");
    let text = std::fs::read_to_string(s.dir.join("kempen.reglement")).expect("kempen");
    s.client.open(&s.kempen, &text);
    s.client.diagnostics(&s.kempen, 1);
    let at = |needle: &str, shift: usize| json!({"textDocument": {"uri": s.kempen}, "position": pos(&text, needle, shift)});
    // a name of the shared frame (its wegingskader): refused before the rename box opens
    let refused = s
        .client
        .request_full("textDocument/prepareRename", at("wegingskader kempen", 13));
    let message = refused["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("gedeelde regionale bestand kempen-regio.reglement"),
        "{refused}"
    );
    // and by the rename itself, for a client that does not prepare
    let mut params = at("wegingskader kempen", 13);
    params["newName"] = json!("kempen-2");
    let refused = s.client.request_full("textDocument/rename", params);
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("gedeelde regionale bestand"));
    // a name of this file: its range and the name without quotes
    let ok = s
        .client
        .request("textDocument/prepareRename", at("gemeente Turnhout", 10));
    assert_eq!(ok["placeholder"], "Turnhout", "{ok}");
    // the file name of `gebruikt regio` leads to the regional file
    let def = s.client.request(
        "textDocument/definition",
        at("\"kempen-regio.reglement\"", 3),
    );
    assert_eq!(def["uri"], json!(s.regio), "{def}");
    s.client.shutdown();
}
