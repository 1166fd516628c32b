//! A guard in front of the protocol library: it reads the client's frames
//! itself and passes on only well-formed JSON-RPC messages. The library
//! stops reading at the first undecodable message (its framed reader ends
//! after an error); a drafter's editor sending one bad message must not
//! lose its language server. Malformed messages are answered here with the
//! JSON-RPC error (-32700 parse error, -32600 invalid request), written to
//! stdout between the server's own frames, never inside one.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The largest message body the guard reads from the client: 64 MB (a
/// reglement is at most 16 MB, its text in JSON at most about four times
/// that for the worst escapes). A larger Content-Length is answered with an
/// error and the guard reads on from the next header, without allocating
/// what it announced.
pub const MAX_BODY: usize = 64 << 20;

/// The longest header line: 8 KB (a real one is about 30 bytes).
pub const MAX_HEADER_LINE: usize = 8 << 10;

/// One frame: the body, or why it could not be read.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable Content-Length (or a header line too long).
    BadHeaders,
    /// A Content-Length above the cap (the announced length).
    TooLarge(u64),
}

/// One line (up to and without its `\n`), at most `cap` bytes; a longer
/// line is read to its end and returned as `Err(())`. `None` at the end.
async fn read_line<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
    cap: usize,
) -> Option<Result<Vec<u8>, ()>> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = input.fill_buf().await.ok()?;
        if buf.is_empty() {
            return match any {
                false => None,
                true if too_long => Some(Err(())),
                true => Some(Ok(line)),
            };
        }
        any = true;
        let (take, done) = match memchr_nl(buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if !too_long {
            if line.len() + take > cap {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(&buf[..take]);
            }
        }
        input.consume(take);
        if done {
            return Some(if too_long { Err(()) } else { Ok(line) });
        }
    }
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// The header name the guard looks for after a frame it cannot read.
const CONTENT_LENGTH: &[u8] = b"content-length";

/// After a frame that cannot be read: skip to the next `Content-Length`
/// header, reading with bounded memory, and consume that name (the caller
/// reads the rest of its line). `false` at the end of the input. The name
/// has no border (its only `c` is its first letter), so restarting a
/// failed match at the current byte finds every occurrence.
async fn resync<R: AsyncRead + Unpin>(input: &mut BufReader<R>) -> bool {
    let mut matched = 0;
    loop {
        let buf = match input.fill_buf().await {
            Ok(b) if !b.is_empty() => b,
            _ => return false,
        };
        let mut used = buf.len();
        for (i, c) in buf.iter().map(u8::to_ascii_lowercase).enumerate() {
            if c == CONTENT_LENGTH[matched] {
                matched += 1;
                if matched == CONTENT_LENGTH.len() {
                    used = i + 1;
                    break;
                }
            } else {
                matched = usize::from(c == CONTENT_LENGTH[0]);
            }
        }
        input.consume(used);
        if matched == CONTENT_LENGTH.len() {
            return true;
        }
    }
}

/// Read one frame; `resumed`: the name `Content-Length` of its first header
/// was consumed already ([`resync`]).
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
    cap: usize,
    mut resumed: bool,
) -> Option<Frame> {
    let mut length: Option<u64> = None;
    let mut saw_header = false;
    let mut bad = false;
    loop {
        let line = match read_line(input, MAX_HEADER_LINE).await? {
            Ok(rest) if std::mem::take(&mut resumed) => [CONTENT_LENGTH, &rest].concat(),
            Ok(line) => line,
            Err(()) => {
                bad = true;
                saw_header = true;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            if !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length.filter(|_| !bad) else {
        return Some(Frame::BadHeaders);
    };
    if length > cap as u64 {
        return Some(Frame::TooLarge(length));
    }
    let mut body = vec![0; length as usize];
    input.read_exact(&mut body).await.ok()?;
    Some(Frame::Body(body))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Why a message is refused, as a JSON-RPC error response; `None` for a
/// well-formed message.
pub fn refusal(body: &[u8]) -> Option<Value> {
    let error = |id: Value, code: i64, message: &str| {
        Some(json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}))
    };
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return error(Value::Null, -32700, "geen geldige JSON");
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let Some(object) = value.as_object() else {
        return error(Value::Null, -32600, "een bericht is een JSON-object");
    };
    let request = object.get("method").is_some_and(Value::is_string);
    let response = object.contains_key("id")
        && (object.contains_key("result") || object.contains_key("error"));
    if object.get("jsonrpc") != Some(&json!("2.0")) || !(request || response) {
        return error(id, -32600, "geen geldig JSON-RPC-bericht");
    }
    None
}

/// Read the client's frames from `input`; forward the good ones to the
/// server, send an error response for the bad ones to `errors`.
pub async fn guard_input<R, W>(input: R, mut to_server: W, errors: mpsc::Sender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    let mut resumed = false;
    while let Some(f) = read_frame(&mut input, MAX_BODY, std::mem::take(&mut resumed)).await {
        let body = match f {
            Frame::Body(body) => body,
            Frame::BadHeaders => {
                let e = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Content-Length ontbreekt"}});
                let _ = errors.send(frame(e.to_string().as_bytes())).await;
                continue;
            }
            Frame::TooLarge(length) => {
                let e = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": format!(
                    "bericht te groot: Content-Length {length}, hoogstens {MAX_BODY} bytes; het bericht wordt overgeslagen"
                )}});
                let _ = errors.send(frame(e.to_string().as_bytes())).await;
                // what was announced is not read into memory: read on from
                // the next header
                if !resync(&mut input).await {
                    break;
                }
                resumed = true;
                continue;
            }
        };
        match refusal(&body) {
            None => {
                if to_server.write_all(&frame(&body)).await.is_err() {
                    return;
                }
                let _ = to_server.flush().await;
            }
            Some(e) => {
                let _ = errors.send(frame(e.to_string().as_bytes())).await;
            }
        }
    }
    // end of input: the server sees its input end too
    let _ = to_server.shutdown().await;
}

/// Copy the server's frames to `output`, with the error responses between them.
pub async fn merge_output<R, W>(from_server: R, mut errors: mpsc::Receiver<Vec<u8>>, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut from_server = BufReader::new(from_server);
    let mut errors_open = true;
    loop {
        tokio::select! {
            // the server's own frames: trusted, not capped
            f = read_frame(&mut from_server, usize::MAX, false) => match f {
                Some(Frame::Body(body)) => {
                    if output.write_all(&frame(&body)).await.is_err() {
                        return;
                    }
                    let _ = output.flush().await;
                }
                Some(Frame::BadHeaders | Frame::TooLarge(_)) => {}
                None => return,
            },
            e = errors.recv(), if errors_open => match e {
                Some(bytes) => {
                    if output.write_all(&bytes).await.is_err() {
                        return;
                    }
                    let _ = output.flush().await;
                }
                None => errors_open = false,
            },
        }
    }
}

/// Run the guard over a whole input held in memory: the bytes it passes
/// to the server and the error responses it writes, in order. For tests
/// and the fuzz target; `None` if no runtime can be made.
pub fn guard_bytes(input: &[u8]) -> Option<(Vec<u8>, Vec<Vec<u8>>)> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().ok()?;
    Some(runtime.block_on(async {
        let (tx, mut rx) = mpsc::channel(64);
        let mut forwarded = Vec::new();
        let mut errors = Vec::new();
        let collect = async {
            while let Some(e) = rx.recv().await {
                errors.push(e);
            }
        };
        tokio::join!(guard_input(input, &mut forwarded, tx), collect);
        (forwarded, errors)
    }))
}

/// The bodies of a stream of well-formed frames (`Content-Length: N` and
/// a blank line before each body); `None` if the stream is not that.
pub fn frames_of(mut bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let rest = bytes.strip_prefix(b"Content-Length: ".as_slice())?;
        let end = rest.iter().position(|&c| c == b'\r')?;
        let n: usize = std::str::from_utf8(&rest[..end]).ok()?.parse().ok()?;
        let body = rest[end..].strip_prefix(b"\r\n\r\n".as_slice())?;
        out.push(body.get(..n)?.to_vec());
        bytes = &body[n..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{frames_of, guard_bytes, refusal, MAX_BODY, MAX_HEADER_LINE};

    fn message(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;

    #[test]
    fn an_oversized_length_is_answered_and_the_next_message_goes_through() {
        let mut input = b"Content-Length: 99999999999999\r\n\r\n{\"jsonrpc\":".to_vec();
        input.extend(message(PING));
        let (forwarded, errors) = guard_bytes(&input).expect("runtime");
        assert_eq!(frames_of(&forwarded), Some(vec![PING.as_bytes().to_vec()]));
        assert_eq!(errors.len(), 1);
        let e = &frames_of(&errors[0]).expect("a frame")[0];
        let e: serde_json::Value = serde_json::from_slice(e).expect("json");
        assert_eq!(e["error"]["code"], -32600);
        assert!(e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&MAX_BODY.to_string())));
    }

    #[test]
    fn an_endless_header_line_is_not_kept() {
        let mut input = vec![b'x'; MAX_HEADER_LINE * 4];
        input.extend(b"\r\n\r\n");
        input.extend(message(PING));
        let (forwarded, errors) = guard_bytes(&input).expect("runtime");
        assert_eq!(frames_of(&forwarded), Some(vec![PING.as_bytes().to_vec()]));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_body_of_the_cap_is_read_one_byte_more_is_not() {
        let head = r#"{"jsonrpc":"2.0","method":"x","params":""#;
        let body = |n: usize| format!("{head}{}\"}}", "a".repeat(n - head.len() - 2));
        let (forwarded, errors) = guard_bytes(&message(&body(MAX_BODY))).expect("runtime");
        assert_eq!(frames_of(&forwarded).map(|f| f[0].len()), Some(MAX_BODY));
        assert!(errors.is_empty());
        let (forwarded, errors) = guard_bytes(&message(&body(MAX_BODY + 1))).expect("runtime");
        assert!(forwarded.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn what_is_refused() {
        assert_eq!(
            refusal(b"{niet").map(|v| v["error"]["code"].clone()),
            Some((-32700).into())
        );
        assert_eq!(
            refusal(b"[1]").map(|v| v["error"]["code"].clone()),
            Some((-32600).into())
        );
        assert!(refusal(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_none());
        assert!(refusal(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_none());
        assert_eq!(
            refusal(br#"{"jsonrpc":"2.0","id":7}"#).map(|v| v["id"].clone()),
            Some(7.into())
        );
    }
}
