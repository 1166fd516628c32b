//! `reglement schema` (the JSON Schema of the plan) and `reglement codes`
//! (the catalogue of checks).

use super::output::write_out;
use super::{CmdResult, ExitCode};
use crate::diagnostic::codes::CODES;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schrijf het schema naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    uitvoer: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let schema = crate::plan::json_schema();
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    write_out(args.uitvoer.as_deref(), &text)?;
    Ok(ExitCode::Ok)
}

#[derive(Debug, clap::Args)]
pub struct CodesArgs {
    /// Als Markdown-tabel (voor de README).
    #[arg(long)]
    markdown: bool,
}

pub fn run_codes(args: CodesArgs) -> CmdResult {
    let text = if args.markdown {
        crate::diagnostic::codes::markdown_table()
    } else {
        // the severities a code can have, as the Markdown table writes them
        // ("fout of waarschuwing" for a code that also warns), aligned
        let width = CODES
            .iter()
            .map(|c| c.severity_text().chars().count())
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        let values = crate::params::for_date(None).catalogue_values();
        for c in CODES {
            s.push_str(&format!(
                "{}  {:<width$} {}\n",
                c.code,
                c.severity_text(),
                c.title
            ));
            if let Some(b) = c.basis_text() {
                s.push_str(&format!("       grondslag: {b}\n"));
            }
            s.push_str(&format!("       hulp: {}\n", c.help_with(&values)));
        }
        s
    };
    write_out(None, &text)?;
    Ok(ExitCode::Ok)
}
