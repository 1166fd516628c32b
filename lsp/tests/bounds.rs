//! The server's resources are bounded: a Content-Length far beyond the cap
//! is answered with an error and the next message is served; a regional
//! file that is a FIFO or a device is reported (R0213) without a wait, and
//! the server keeps answering.

mod common;

use common::{kempen_session, scratch, uri, Client};
use serde_json::json;

fn hover_answers(client: &mut Client, uri: &str) {
    let h = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 2}}),
    );
    assert!(h.is_object() || h.is_null(), "{h}");
}

#[test]
fn an_absurd_content_length_is_answered_and_the_server_goes_on() {
    let (mut client, uri, _) = kempen_session("te-groot");
    client.diagnostics(&uri, 1);
    // the case: the guard used to allocate the announced length and abort
    client.send_bytes(b"Content-Length: 99999999999999\r\n\r\n{\"jsonrpc\": \"2.0\"}");
    hover_answers(&mut client, &uri);
    let e = client.wait_messages(1, |m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(e[0]["error"]["code"], -32600, "{}", e[0]);
    assert!(
        e[0]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("te groot")),
        "{}",
        e[0]
    );
    // an endless header line is not kept either
    client.send_bytes(&vec![b'x'; 100_000]);
    client.send_bytes(b"\r\n\r\n");
    hover_answers(&mut client, &uri);
    client.shutdown();
}

#[cfg(unix)]
#[test]
fn a_regional_file_that_is_a_fifo_or_a_device_is_reported_not_waited_for() {
    let dir = scratch("fifo");
    let fifo = dir.join("fifo-regio.reglement");
    let _ = std::fs::remove_file(&fifo);
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a plain C call with a valid, NUL-terminated path
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let text = std::fs::read_to_string(dir.join("kempen.reglement"))
        .expect("example")
        .replace("\"kempen-regio.reglement\"", "\"fifo-regio.reglement\"");
    let path = dir.join("fifo.reglement");
    std::fs::write(&path, &text).expect("write");
    let mut client = Client::start();
    client.initialize(&dir);
    let doc = uri(&path);
    client.open(&doc, &text);
    let diags = client.diagnostics(&doc, 1);
    let r0213: Vec<_> = diags
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "R0213")
        .collect();
    assert_eq!(r0213.len(), 1, "{diags}");
    assert!(
        r0213[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("pipe (FIFO)")),
        "{}",
        r0213[0]
    );
    hover_answers(&mut client, &doc);
    // and /dev/zero: refused at once, not read until memory runs out
    let zero = text.replace("\"fifo-regio.reglement\"", "\"/dev/zero\"");
    client.replace(&doc, 2, &zero);
    let diags = client.diagnostics(&doc, 2);
    assert!(
        diags
            .as_array()
            .expect("array")
            .iter()
            .any(|d| d["code"] == "R0213"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("apparaat"))),
        "{diags}"
    );
    hover_answers(&mut client, &doc);
    client.shutdown();
}
