//! `reglement compileer`: a checked reglement → its ranking plan as JSON.

use super::output::{analyze_path, write_out};
use super::{CmdResult, ExitCode};
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
    super::inputs::check_outputs(
        &[("BESTAND", Some(&args.bestand))],
        &[("--uitvoer", args.uitvoer.as_deref())],
    )?;
    let analysis = analyze_path(&args.bestand)?;
    let plan = super::inputs::compile(&analysis, &args.bestand)?;
    let json = crate::plan::to_json(&plan);
    write_out(args.uitvoer.as_deref(), &json)?;
    if let Some(p) = &args.uitvoer {
        eprintln!("plan geschreven naar {}", p.display());
    }
    Ok(ExitCode::Ok)
}
