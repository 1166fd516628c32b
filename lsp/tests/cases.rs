//! The file-driven harness: each `cases/*.case` file holds documents and
//! requests; the real server runs in memory (framed JSON-RPC over an
//! in-process pipe), and the transcript of every message it sends is
//! snapshotted (`snapshots/cases__*.snap`). Every message is accounted
//! for: a response answers its request, a log or window message is
//! written where it came, a diagnostics notification updates the file's
//! published state, which the transcript shows after each step and at
//! the end. Anything else fails the case.
//!
//! A case file is a list of steps, each starting with a line `== `:
//!
//! ```text
//! # what the case shows (comment lines start with '#')
//! == open a.reglement                  the text follows, up to the next step;
//!                                      `$1` … `$9` mark positions and are removed
//! == open kempen.reglement < examples/kempen.reglement
//! == edit a.reglement $1..$2 "tekst" [versie 7]
//! == hover a.reglement $1              also: completion, definition,
//!                                      references, prepareRename, codeAction $1..$2,
//!                                      rename $1 nieuw, symbols, format, tokens
//! == close a.reglement
//! ```
//!
//! A position is a marker `$N` (in the document's text as opened), a line
//! and column `12:5` (from 1, the column in characters), or a text
//! `"needle"` (where it starts, or `"needle"+3`), or as the protocol has
//! it, `@12:4` (from 0, UTF-16 units; sent unchecked, so it may lie outside
//! the text: the harness's own copy then takes the edit at the end).

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tower_lsp_server::{LspService, Server};

/// The folder the case's documents are in: the examples, so that a
/// regional file that is not open is read from disk, as in an editor.
fn dir() -> &'static str {
    static DIR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let examples = root().join("examples");
        std::fs::canonicalize(&examples)
            .unwrap_or(examples)
            .to_string_lossy()
            .into_owned()
    })
}
const WAIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn cases() {
    insta::glob!("cases/*.case", |path| {
        let case = std::fs::read_to_string(path).expect("case file");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let transcript = runtime.block_on(run(&case));
        insta::assert_snapshot!(transcript);
    });
}

struct Doc {
    text: String,
    version: i64,
    /// The markers of the text as opened: `$N` → byte offset.
    markers: BTreeMap<String, usize>,
}

struct Harness {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    next_id: i64,
    docs: BTreeMap<String, Doc>,
    /// The diagnostics last published per file (by name), as shown.
    published: BTreeMap<String, (Value, String)>,
    /// The most documents open at once so far: from two on, each step
    /// waits until the server is quiet (other documents publish too).
    most_open: usize,
    out: String,
}

async fn run(case: &str) -> String {
    let (client_end, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, client_in) = tokio::io::duplex(1 << 20);
    let (service, socket) = LspService::new(reglement_lsp::Backend::new);
    let server = tokio::spawn(async move {
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
    });
    let mut h = Harness {
        to_server: client_end,
        from_server: BufReader::new(client_in),
        next_id: 1,
        docs: BTreeMap::new(),
        published: BTreeMap::new(),
        most_open: 0,
        out: String::new(),
    };
    let init = h
        .request(
            "initialize",
            json!({"processId": null, "rootUri": format!("file://{}", dir()), "capabilities": {}}),
        )
        .await;
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    h.notify("initialized", json!({})).await;
    for step in steps(case) {
        h.step(&step).await;
    }
    h.settle().await;
    h.out.push_str("== einde: gepubliceerde diagnostiek\n");
    let published = std::mem::take(&mut h.published);
    for (name, (_, shown)) in &published {
        h.out.push_str(&format!("{name}:\n{shown}"));
    }
    let shut = h.request("shutdown", Value::Null).await;
    assert!(shut.get("error").is_none(), "{shut}");
    h.notify("exit", Value::Null).await;
    let out = std::mem::take(&mut h.out);
    drop(h);
    let _ = tokio::time::timeout(WAIT, server).await;
    out
}

/// One step of a case: its header line (without `== `) and its body.
struct Step {
    header: String,
    body: String,
}

fn steps(case: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for line in case.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("== ") {
            steps.push(Step {
                header: header.trim_end().to_string(),
                body: String::new(),
            });
        } else if let Some(step) = steps.last_mut() {
            step.body.push_str(line);
        }
        // lines before the first step: the case's description
    }
    steps
}

/// The words of a step's header; a quoted text (a JSON string, with the
/// suffix that follows it, e.g. `"aandeel 20%"+8..$2`) is one word.
fn words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in header.chars() {
        if quoted {
            word.push(c);
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => quoted = false,
                _ => escaped = false,
            }
        } else if c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else {
            quoted = c == '"';
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A quoted word's text and what follows the closing quote.
fn unquote(word: &str) -> (String, &str) {
    let mut strings = serde_json::Deserializer::from_str(word).into_iter::<String>();
    let text = strings
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("{word}: not a quoted text"));
    (text, &word[strings.byte_offset()..])
}

/// A range `from..to`, each a position; `..` inside a quoted text does not count.
fn split_range(spec: &str) -> (&str, &str) {
    let mut quoted = false;
    let bytes = spec.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => quoted = !quoted,
            b'.' if !quoted && bytes.get(i + 1) == Some(&b'.') => {
                return (&spec[..i], &spec[i + 2..]);
            }
            _ => {}
        }
    }
    panic!("{spec}: a range is from..to")
}

fn uri(name: &str) -> String {
    format!("file://{}/{name}", dir())
}

fn name_of(uri: &str) -> String {
    uri.strip_prefix(&format!("file://{}/", dir()))
        .unwrap_or(uri)
        .to_string()
}

/// `$1` … `$9` out of a text, with where they were.
fn take_markers(text: &str) -> (String, BTreeMap<String, usize>) {
    let mut out = String::with_capacity(text.len());
    let mut markers = BTreeMap::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            if let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                chars.next();
                markers.insert(format!("${d}"), out.len());
                continue;
            }
        }
        out.push(c);
    }
    (out, markers)
}

/// LSP position (line, UTF-16 unit) of a byte offset.
fn lsp_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// A range as the transcript shows it: `r:k-r:k`, lines and columns from 1.
fn show_range(r: &Value) -> String {
    let p = |v: &Value| {
        format!(
            "{}:{}",
            v["line"].as_u64().unwrap_or(0) + 1,
            v["character"].as_u64().unwrap_or(0) + 1
        )
    };
    format!("{}-{}", p(&r["start"]), p(&r["end"]))
}

fn show_diagnostics(list: &Value) -> String {
    let mut out = String::new();
    for d in list.as_array().into_iter().flatten() {
        let severity = match d["severity"].as_u64() {
            Some(1) => "fout",
            Some(2) => "waarschuwing",
            Some(3) => "info",
            _ => "?",
        };
        let first = d["message"]
            .as_str()
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("");
        let first = first.replace(&format!("{}/", dir()), "");
        out.push_str(&format!(
            "  {} {} {}: {}\n",
            show_range(&d["range"]),
            d["code"].as_str().unwrap_or("-"),
            severity,
            first
        ));
    }
    if out.is_empty() {
        out.push_str("  (geen)\n");
    }
    out
}

/// A result with its URIs shortened to the case's file names, so the
/// transcript reads the same on every machine.
fn shorten(v: &Value) -> Value {
    match v {
        Value::String(s) if s.starts_with(&format!("file://{}/", dir())) => {
            Value::String(name_of(s))
        }
        Value::Array(a) => Value::Array(a.iter().map(shorten).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| {
                    let k = if k.starts_with("file://") {
                        name_of(k)
                    } else {
                        k.clone()
                    };
                    (k, shorten(v))
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A result as the transcript shows it: completions one label per line,
/// semantic tokens decoded, symbols as an indented outline, the rest as JSON.
fn show_result(method: &str, result: &Value) -> String {
    match method {
        "textDocument/completion" => result
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| {
                format!(
                    "{} ({})",
                    i["label"].as_str().unwrap_or(""),
                    i["detail"].as_str().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "textDocument/semanticTokens/full" => {
            const TYPES: [&str; 5] = ["trefwoord", "naam", "getal", "tekst", "commentaar"];
            let data: Vec<u64> = result["data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .collect();
            let (mut line, mut col) = (0, 0);
            let mut out = Vec::new();
            for t in data.chunks(5) {
                if t[0] > 0 {
                    line += t[0];
                    col = t[1];
                } else {
                    col += t[1];
                }
                out.push(format!(
                    "{}:{} +{} {}",
                    line + 1,
                    col + 1,
                    t[2],
                    TYPES.get(t[3] as usize).unwrap_or(&"?")
                ));
            }
            out.join("\n")
        }
        "textDocument/documentSymbol" => {
            fn walk(symbols: &Value, depth: usize, out: &mut Vec<String>) {
                for s in symbols.as_array().into_iter().flatten() {
                    out.push(format!(
                        "{}{} [{}] {}",
                        "  ".repeat(depth),
                        s["name"].as_str().unwrap_or(""),
                        s["detail"].as_str().unwrap_or(""),
                        show_range(&s["range"])
                    ));
                    walk(&s["children"], depth + 1, out);
                }
            }
            let mut out = Vec::new();
            walk(result, 0, &mut out);
            out.join("\n")
        }
        _ => serde_json::to_string_pretty(result).expect("json"),
    }
}

impl Harness {
    async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server
            .write_all(frame.as_bytes())
            .await
            .expect("write to the server");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// The next message from the server, or `None` after `wait`.
    async fn receive(&mut self, wait: Duration) -> Option<Value> {
        tokio::time::timeout(wait, async {
            let mut length = None;
            loop {
                let mut line = String::new();
                if self.from_server.read_line(&mut line).await.ok()? == 0 {
                    return None;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(": ").expect("a header line");
                if name.eq_ignore_ascii_case("Content-Length") {
                    length = value.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("Content-Length")];
            self.from_server.read_exact(&mut body).await.ok()?;
            Some(serde_json::from_slice(&body).expect("JSON from the server"))
        })
        .await
        .ok()
        .flatten()
    }

    /// Account for a message that is not the one being waited for.
    fn account(&mut self, msg: Value) {
        let method = msg["method"].as_str().unwrap_or("");
        match method {
            "textDocument/publishDiagnostics" => {
                let p = &msg["params"];
                let name = name_of(p["uri"].as_str().unwrap_or(""));
                let shown = show_diagnostics(&p["diagnostics"]);
                self.published.insert(name, (p["version"].clone(), shown));
            }
            "window/logMessage" | "window/showMessage" => {
                let text = msg["params"]["message"].as_str().unwrap_or("");
                self.out.push_str(&format!(
                    "<< {method} ({}): {}\n",
                    msg["params"]["type"],
                    text.replace(&format!("file://{}/", dir()), "")
                ));
            }
            _ => panic!("a message the harness does not expect: {msg}"),
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let msg = self
                .receive(WAIT)
                .await
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.account(msg);
        }
    }

    /// Wait until `name`'s diagnostics for `version` (`None`: a closed
    /// file, published without version) have come in.
    async fn wait_published(&mut self, name: &str, version: Option<i64>) {
        let want = version.map_or(Value::Null, |v| json!(v));
        loop {
            if let Some((v, _)) = self.published.get(name) {
                if *v == want {
                    return;
                }
            }
            let msg = self
                .receive(WAIT)
                .await
                .unwrap_or_else(|| panic!("no diagnostics for {name} (versie {want})"));
            self.account(msg);
        }
    }

    /// Wait for the next log message (taking what comes before it).
    async fn wait_log(&mut self) {
        let before = self.out.matches("<< window/logMessage").count();
        while self.out.matches("<< window/logMessage").count() == before {
            let msg = self.receive(WAIT).await.expect("a log message");
            self.account(msg);
        }
    }

    /// Take what is still coming (re-publications of files that use a
    /// changed one) until the server has been quiet for a moment.
    async fn settle(&mut self) {
        while let Some(msg) = self.receive(Duration::from_millis(400)).await {
            self.account(msg);
        }
    }

    fn position(&self, name: &str, spec: &str) -> Value {
        if let Some((line, character)) = spec.strip_prefix('@').and_then(|r| r.split_once(':')) {
            // as the protocol has it, unchecked (may lie outside the text)
            return json!({"line": line.parse::<u32>().expect("line"),
                "character": character.parse::<u32>().expect("character")});
        }
        lsp_position(&self.docs[name].text, self.offset(name, spec))
    }

    fn offset(&self, name: &str, spec: &str) -> usize {
        let doc = self
            .docs
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not open"));
        let offset = if let Some(&o) = doc.markers.get(spec) {
            o
        } else if spec.starts_with('@') {
            // outside the text: the server clamps it to the end
            doc.text.len()
        } else if spec.starts_with('"') {
            let (needle, suffix) = unquote(spec);
            let shift = suffix.trim_start_matches('+').parse::<usize>().unwrap_or(0);
            doc.text
                .find(&needle)
                .unwrap_or_else(|| panic!("{needle} is not in {name}"))
                + shift
        } else if let Some((line, col)) = spec.split_once(':') {
            let line: usize = line.parse().expect("line");
            let col: usize = col.parse().expect("column");
            let start: usize = doc
                .text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            start
                + doc.text[start..]
                    .chars()
                    .take(col - 1)
                    .map(char::len_utf8)
                    .sum::<usize>()
        } else {
            panic!("{spec}: not a position");
        };
        offset.min(doc.text.len())
    }

    fn range(&self, name: &str, spec: &str) -> Value {
        let (from, to) = split_range(spec);
        json!({"start": self.position(name, from), "end": self.position(name, to)})
    }

    fn at(&self, name: &str, spec: &str) -> Value {
        json!({"textDocument": {"uri": uri(name)}, "position": self.position(name, spec)})
    }

    async fn show_request(&mut self, header: &str, method: &str, params: Value) {
        let answer = self.request(method, params).await;
        let shown = match answer.get("error") {
            Some(e) => format!("fout: {}", e["message"].as_str().unwrap_or("")),
            None => show_result(method, &shorten(&answer["result"])),
        };
        self.out.push_str(&format!("== {header}\n{shown}\n"));
    }

    async fn show_diagnostics_of(&mut self, name: &str) {
        self.most_open = self.most_open.max(self.docs.len());
        if self.most_open > 1 {
            // the other open documents may publish to this file too
            self.settle().await;
        }
        let shown = self
            .published
            .get(name)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        self.out
            .push_str(&format!("<< diagnostiek {name}:\n{shown}"));
    }

    async fn step(&mut self, step: &Step) {
        let words = words(&step.header);
        let rest = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
        let (command, name) = (rest(0), rest(1));
        match command {
            "open" => {
                let body = match (rest(2), rest(3)) {
                    ("<", path) => std::fs::read_to_string(root().join(path))
                        .unwrap_or_else(|e| panic!("{path}: {e}")),
                    _ => step.body.clone(),
                };
                let (text, markers) = take_markers(&body);
                self.notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri(name), "languageId": "reglement",
                        "version": 1, "text": text}}),
                )
                .await;
                self.docs.insert(
                    name.to_string(),
                    Doc {
                        text,
                        version: 1,
                        markers,
                    },
                );
                self.out.push_str(&format!("== {}\n", step.header));
                self.wait_published(name, Some(1)).await;
                self.show_diagnostics_of(name).await;
            }
            "edit" => {
                // edit NAME FROM..TO "text" [versie N]
                let range = self.range(name, rest(2));
                let (new_text, _) = unquote(rest(3));
                let version = match (rest(4), rest(5)) {
                    ("versie", n) => n.parse().expect("versie N"),
                    _ => self.docs[name].version + 1,
                };
                let (from, to) = split_range(rest(2));
                let (from, to) = (self.offset(name, from), self.offset(name, to));
                let doc = self.docs.get_mut(name).expect("open");
                let applied = version > doc.version;
                if applied {
                    // the harness keeps its copy in step, markers moving with the text
                    doc.text.replace_range(from..to, &new_text);
                    for m in doc.markers.values_mut() {
                        if *m >= to {
                            *m = *m - (to - from) + new_text.len();
                        } else if *m > from {
                            *m = from;
                        }
                    }
                    doc.version = version;
                }
                self.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri(name), "version": version},
                        "contentChanges": [{"range": range, "text": new_text}]}),
                )
                .await;
                self.out.push_str(&format!("== {}\n", step.header));
                if applied {
                    self.wait_published(name, Some(version)).await;
                } else {
                    // refused: the server says so in the log, and publishes nothing
                    self.wait_log().await;
                }
                self.show_diagnostics_of(name).await;
            }
            "close" => {
                self.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri(name)}}),
                )
                .await;
                self.docs.remove(name);
                self.out.push_str(&format!("== {}\n", step.header));
                self.wait_published(name, None).await;
                self.show_diagnostics_of(name).await;
            }
            "completion" => {
                // as an editor does: only what starts with the word being typed
                let at = self.offset(name, rest(2));
                let text = &self.docs[name].text[..at];
                let typed = text
                    .rsplit(|c: char| c.is_whitespace() || c == '"')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let params = self.at(name, rest(2));
                let answer = self.request("textDocument/completion", params).await;
                let items: Vec<&Value> = answer["result"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|i| {
                        i["label"]
                            .as_str()
                            .unwrap_or("")
                            .trim_start_matches('"')
                            .to_lowercase()
                            .starts_with(&typed)
                    })
                    .collect();
                let shown = show_result("textDocument/completion", &json!(items));
                let filter = if typed.is_empty() {
                    String::new()
                } else {
                    format!(", die beginnen met '{typed}'")
                };
                self.out.push_str(&format!(
                    "== {}\n({} voorstellen{filter})\n{shown}\n",
                    step.header,
                    items.len()
                ));
            }
            "format" => {
                // the edits applied to the text, shown as the lines that change
                let params = json!({"textDocument": {"uri": uri(name)},
                    "options": {"tabSize": 4, "insertSpaces": true}});
                let answer = self.request("textDocument/formatting", params).await;
                let text = &self.docs[name].text;
                let edits = answer["result"].as_array().cloned().unwrap_or_default();
                let mut shown = format!("({} bewerkingen)\n", edits.len());
                for e in &edits {
                    let old = text.lines();
                    let new = e["newText"].as_str().unwrap_or("").lines();
                    for (n, (a, b)) in old.zip(new).enumerate() {
                        if a != b {
                            shown.push_str(&format!("{}: - {a}\n{}: + {b}\n", n + 1, n + 1));
                        }
                    }
                }
                self.out.push_str(&format!("== {}\n{shown}", step.header));
            }
            "hover" | "definition" | "prepareRename" => {
                let method = format!("textDocument/{command}");
                let params = self.at(name, rest(2));
                self.show_request(&step.header, &method, params).await;
            }
            "references" => {
                let mut params = self.at(name, rest(2));
                params["context"] = json!({"includeDeclaration": true});
                self.show_request(&step.header, "textDocument/references", params)
                    .await;
            }
            "rename" => {
                let mut params = self.at(name, rest(2));
                let new_name = if rest(3).starts_with('"') {
                    unquote(rest(3)).0
                } else {
                    rest(3).to_string()
                };
                params["newName"] = json!(new_name);
                self.show_request(&step.header, "textDocument/rename", params)
                    .await;
            }
            "codeAction" => {
                let params = json!({"textDocument": {"uri": uri(name)},
                    "range": self.range(name, rest(2)), "context": {"diagnostics": []}});
                self.show_request(&step.header, "textDocument/codeAction", params)
                    .await;
            }
            "symbols" => {
                let params = json!({"textDocument": {"uri": uri(name)}});
                self.show_request(&step.header, "textDocument/documentSymbol", params)
                    .await;
            }
            "tokens" => {
                let params = json!({"textDocument": {"uri": uri(name)}});
                self.show_request(&step.header, "textDocument/semanticTokens/full", params)
                    .await;
            }
            other => panic!("unknown step '{other}'"),
        }
    }
}
