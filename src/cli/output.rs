//! Writing a command's result to a file or to standard output.

use super::Failure;
use std::io::Write;
use std::path::Path;

/// Write `text` to `path`, or to standard output when there is none.
pub(crate) fn write_out(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| {
            Failure::usage(format!(
                "{} kan niet geschreven worden: {}",
                p.display(),
                crate::files::io_reason(&e)
            ))
        }),
        None => {
            let mut out = std::io::stdout().lock();
            // a closed pipe (e.g. `| head`) is not an error of ours
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(())
        }
    }
}

/// Read a reglement file and analyse it; an unreadable file is a usage error.
pub(crate) fn analyze_path(path: &Path) -> Result<crate::Analysis, Failure> {
    crate::analyze_file(path).map_err(|e| Failure::usage(format!("{} {e}", path.display())))
}

/// "1 fout", "2 fouten".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Print the errors of an analysis (not its warnings) to standard error, for
/// a command that cannot go on; returns how many there are.
pub(crate) fn print_errors(analysis: &crate::Analysis) -> usize {
    let errors = analysis.errors();
    eprint!(
        "{}",
        crate::diagnostic::render::render_text(
            &errors,
            &analysis.sources,
            super::use_color(super::Stream::Stderr)
        )
    );
    errors.len()
}
