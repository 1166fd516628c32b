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

/// One frame: the body, or why it could not be read.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable Content-Length.
    BadHeaders,
}

async fn read_frame<R: AsyncRead + Unpin>(input: &mut BufReader<R>) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
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
    let Some(length) = length else {
        return Some(Frame::BadHeaders);
    };
    let mut body = vec![0; length];
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
fn refusal(body: &[u8]) -> Option<Value> {
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
    while let Some(f) = read_frame(&mut input).await {
        let body = match f {
            Frame::Body(body) => body,
            Frame::BadHeaders => {
                let e = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Content-Length ontbreekt"}});
                let _ = errors.send(frame(e.to_string().as_bytes())).await;
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
            f = read_frame(&mut from_server) => match f {
                Some(Frame::Body(body)) => {
                    if output.write_all(&frame(&body)).await.is_err() {
                        return;
                    }
                    let _ = output.flush().await;
                }
                Some(Frame::BadHeaders) => {}
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

#[cfg(test)]
mod tests {
    use super::refusal;

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
