//! What the `lsp_framing` fuzz target checks, shared with `cargo test`
//! (`lsp/tests/fuzz_regressions.rs`): the guard in front of the protocol
//! library passes on only well-formed frames of valid JSON-RPC, and answers
//! every other message with a JSON-RPC error in a frame of its own.

use reglement_lsp::framing::{frames_of, guard_bytes, refusal};

pub fn framing(data: &[u8]) {
    let Some((forwarded, errors)) = guard_bytes(data) else {
        return;
    };
    let frames = frames_of(&forwarded).expect("the guard writes whole frames");
    for body in &frames {
        assert!(refusal(body).is_none(), "only valid JSON-RPC is passed on");
    }
    for e in &errors {
        let bodies = frames_of(e).expect("an error is one frame");
        assert_eq!(bodies.len(), 1);
        let v: serde_json::Value = serde_json::from_slice(&bodies[0]).expect("JSON");
        assert!(v["error"]["code"].is_i64(), "{v}");
    }
}
