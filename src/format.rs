//! The canonical layout of a reglement, shared by `reglement opmaak` and the
//! language server's formatting.
//!
//! Interim version: trims trailing whitespace and ends the file with one
//! newline. The full formatter replaces the body of [`format_text`]; its
//! signature is the contract the CLI and the server use.

/// The text in canonical layout. Sections that do not parse are left as
/// written; comments are kept; formatting twice changes nothing.
pub fn format_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
