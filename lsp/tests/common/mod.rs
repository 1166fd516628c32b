//! A small LSP client for the tests: starts the real `reglement-lsp`
//! binary, speaks JSON-RPC with Content-Length framing over its stdio, and
//! keeps the notifications it receives.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not yet taken.
    pub notifications: Vec<Value>,
}

const TIMEOUT: Duration = Duration::from_secs(60);

impl Client {
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reglement-lsp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("reglement-lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    // anything but a header on stdout breaks the protocol
                    let (name, value) = line.split_once(": ").expect("a header line on stdout");
                    if name.eq_ignore_ascii_case("Content-Length") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(body).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Write bytes to the server as they are, without framing.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes());
    }

    fn receive(&mut self, deadline: Instant) -> Value {
        match self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("the server did not answer in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server stopped"),
        }
    }

    /// Send a request and wait for its response (the whole message).
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(msg.to_string().as_bytes());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.receive(deadline);
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            if v.get("method").is_some() && v.get("id").is_some() {
                // a request from the server (e.g. registration): answer it
                let answer = json!({"jsonrpc": "2.0", "id": v["id"], "result": null});
                self.send_raw(answer.to_string().as_bytes());
                continue;
            }
            self.notifications.push(v);
        }
    }

    /// Send a request and return its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.request_full(method, params);
        assert!(v.get("error").is_none(), "{method}: {v}");
        v["result"].clone()
    }

    /// Wait for a notification matching `pred`, taking it.
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self
                .notifications
                .iter()
                .position(|n| n["method"] == method && pred(&n["params"]))
            {
                return self.notifications.remove(i)["params"].clone();
            }
            let v = self.receive(deadline);
            self.notifications.push(v);
        }
    }

    /// Wait until `n` messages matching `pred` have come in; return them all.
    pub fn wait_messages(&mut self, n: usize, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found: Vec<Value> = self
                .notifications
                .iter()
                .filter(|m| pred(m))
                .cloned()
                .collect();
            if found.len() >= n {
                return found;
            }
            let v = self.receive(deadline);
            self.notifications.push(v);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == json!(version)
        })["diagnostics"]
            .clone()
    }

    pub fn initialize(&mut self, root: &Path) {
        let root = uri(root);
        self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "reglement", "version": 1, "text": text}}),
        );
    }

    /// Replace the whole text of a document (a full-content change).
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server did not exit after 'exit'");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The file URI of a path (made absolute).
pub fn uri(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", abs.display())
}

/// The workspace root (the repository), from the lsp crate's folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scratch folder with a copy of the Kempen example and its regional file.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reglement-lsp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for f in ["kempen.reglement", "kempen-regio.reglement"] {
        std::fs::copy(root().join("examples").join(f), dir.join(f)).expect("copy");
    }
    dir
}

/// A server with the Kempen example (in a scratch folder `name`) open as
/// version 1: the client, the document's URI and its text.
pub fn kempen_session(name: &str) -> (Client, String, String) {
    let dir = scratch(name);
    let path = dir.join("kempen.reglement");
    let text = std::fs::read_to_string(&path).expect("example");
    let mut client = Client::start();
    client.initialize(&dir);
    let uri = uri(&path);
    client.open(&uri, &text);
    (client, uri, text)
}

/// Diagnostics reduced to what a snapshot should compare.
/// `text` without the session's temporary folder ("(/tmp/reglement-lsp-diag-123/kempen-regio.reglement"
/// → "(kempen-regio.reglement"), so a message that names another file is the same on every run.
fn without_temp_dir(text: &str) -> String {
    let mut s = text.to_string();
    while let Some(i) = s.find("/reglement-lsp-") {
        let start = s[..i].rfind(['(', ' ']).map_or(0, |j| j + 1);
        let Some(slash) = s[i + 1..].find('/') else {
            break;
        };
        s.replace_range(start..i + 1 + slash + 1, "");
    }
    s
}

pub fn summary(diags: &Value) -> Vec<String> {
    let mut out: Vec<String> = diags
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            format!(
                "{}:{}-{}:{} {} [{}] {}",
                d["range"]["start"]["line"],
                d["range"]["start"]["character"],
                d["range"]["end"]["line"],
                d["range"]["end"]["character"],
                d["code"].as_str().unwrap_or(""),
                d["severity"],
                without_temp_dir(
                    d["message"]
                        .as_str()
                        .unwrap_or("")
                        .lines()
                        .next()
                        .unwrap_or("")
                )
            )
        })
        .collect();
    out.sort();
    out
}
