//! `reglement compileer`: a checked reglement → its ranking plan as JSON.

use super::output::{analyze_path, write_out};
use super::{CmdResult, ExitCode, Failure};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Het reglement (.reglement) om te compileren.
    #[arg(value_name = "BESTAND", help_heading = "Argumenten")]
    bestand: PathBuf,
    /// Schrijf het plan naar dit bestand in plaats van naar de standaarduitvoer.
    #[arg(short = 'o', long, value_name = "BESTAND")]
    uitvoer: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let analysis = analyze_path(&args.bestand)?;
    match crate::plan::compile(&analysis) {
        Ok(plan) => {
            let json = crate::plan::to_json(&plan);
            write_out(args.uitvoer.as_deref(), &json)?;
            if let Some(p) = &args.uitvoer {
                eprintln!("plan geschreven naar {}", p.display());
            }
            Ok(ExitCode::Ok)
        }
        Err(_) => {
            let errors = super::output::print_errors(&analysis);
            Err(Failure {
                message: format!(
                    "{} heeft {} en wordt niet gecompileerd.",
                    args.bestand.display(),
                    super::output::count(errors, "fout", "fouten")
                ),
                code: ExitCode::Problems,
            })
        }
    }
}
