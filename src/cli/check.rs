//! `reglement controleer`: check a reglement and report every problem.

use super::output::{analyze_path, count, write_out};
use super::{use_color, CmdResult, ExitCode, Stream};
use crate::diagnostic::{render, Severity};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Formaat {
    /// Voor mensen: met de brontekst en uitleg.
    Tekst,
    /// Voor programma's en CI: code, ernst, boodschap, hulp en posities.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) om te controleren; een regionaal bestand
    /// dat het gebruikt wordt mee gecontroleerd.
    #[arg(value_name = "BESTAND", required = true, help_heading = "Argumenten")]
    bestanden: Vec<PathBuf>,
    /// Uitvoerformaat.
    #[arg(long, value_enum, default_value = "tekst")]
    formaat: Formaat,
}

pub fn run(args: Args) -> CmdResult {
    let mut any_errors = false;
    let mut json = Vec::new();
    let mut text = String::new();
    for path in &args.bestanden {
        let analysis = analyze_path(path)?;
        any_errors |= analysis.has_errors();
        match args.formaat {
            Formaat::Json => {
                if let serde_json::Value::Array(list) =
                    render::to_json(&analysis.diagnostics, &analysis.sources)
                {
                    json.extend(list);
                }
            }
            Formaat::Tekst => {
                let color = use_color(Stream::Stdout);
                text.push_str(&render::render_text(
                    &analysis.diagnostics,
                    &analysis.sources,
                    color,
                ));
                let n = |s: Severity| {
                    analysis
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == s)
                        .count()
                };
                text.push_str(&format!(
                    "{}: {}, {}, {}.\n",
                    path.display(),
                    count(n(Severity::Error), "fout", "fouten"),
                    count(n(Severity::Warning), "waarschuwing", "waarschuwingen"),
                    count(n(Severity::Advice), "advies", "adviezen"),
                ));
            }
        }
    }
    match args.formaat {
        Formaat::Json => {
            let out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into());
            write_out(None, &(out + "\n"))?;
        }
        Formaat::Tekst => write_out(None, &text)?,
    }
    Ok(if any_errors {
        ExitCode::Problems
    } else {
        ExitCode::Ok
    })
}
