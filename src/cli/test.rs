//! `reglement test`: run the drafters' test cases of a reglement through
//! the ranking engine.

use super::output::{analyze_path, count, write_out};
use super::{use_color, CmdResult, ExitCode, Failure, Stream};
use crate::cases;
use crate::diagnostic::{self, render};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) waarvan de testgevallen gedraaid worden.
    #[arg(value_name = "BESTAND", help_heading = "Argumenten")]
    bestand: PathBuf,
    /// Testbestanden (standaard: BESTAND met de extensie .testen, naast het reglement).
    #[arg(long, value_name = "TESTBESTAND")]
    testen: Vec<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let analysis = analyze_path(&args.bestand)?;
    let color = use_color(Stream::Stderr);
    let plan = super::inputs::compile(&analysis, &args.bestand)?;
    let files = if args.testen.is_empty() {
        vec![cases::companion(&args.bestand)]
    } else {
        args.testen.clone()
    };
    let mut sources = crate::source::Sources::default();
    let mut all = Vec::new();
    let mut diags = Vec::new();
    for f in &files {
        let text = crate::files::read_text(f, crate::files::MAX_TEKST).map_err(|e| {
            Failure::usage(format!(
                "{} {e}{}",
                f.display(),
                if args.testen.is_empty() {
                    " (de testgevallen staan naast het reglement, met de extensie .testen)"
                } else {
                    ""
                }
            ))
        })?;
        let (cases, d) = cases::parse(&mut sources, &f.to_string_lossy(), &text);
        diags.extend(d);
        for c in &cases {
            diags.extend(cases::check(c, &plan));
        }
        all.extend(cases);
    }
    if diagnostic::has_errors(&diags) {
        diagnostic::sort(&mut diags);
        eprint!("{}", render::render_text(&diags, &sources, color));
        return Err(Failure {
            message: format!(
                "de testgevallen hebben {} en worden niet gedraaid",
                count(diagnostic::errors(&diags).count(), "fout", "fouten")
            ),
            code: ExitCode::Problems,
        });
    }
    if all.is_empty() {
        return Err(Failure::usage(format!(
            "{} bevat geen testgevallen ('test \"naam\" {{ … }}')",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let results: Vec<(&cases::Case, cases::Outcome)> =
        all.iter().map(|c| (c, cases::run(c, &plan))).collect();
    write_out(None, &cases::report(&sources, &results))?;
    Ok(if results.iter().all(|(_, o)| o.passed()) {
        ExitCode::Ok
    } else {
        ExitCode::Problems
    })
}
