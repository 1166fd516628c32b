//! `reglement verklaar`: why a candidate has its place (or was excluded or
//! rejected), rule by rule, with the article and line of each rule.

use super::inputs::{load_candidates, load_plan};
use super::output::write_out;
use super::rank::{report_input, request, TargetArgs};
use super::{CmdResult, ExitCode, Failure};
use crate::engine;

/// How to show the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Zinnen voor een mens.
    Tekst,
    /// JSON voor programma's.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub doel: TargetArgs,
    /// Het dossier om te verklaren.
    #[arg(long, value_name = "DOSSIER")]
    pub dossier: String,
    /// Het uitvoerformaat.
    #[arg(long, value_enum, default_value = "tekst", value_name = "FORMAAT")]
    pub formaat: ExplainFormat,
}

pub fn run(args: Args) -> CmdResult {
    let plan = load_plan(&args.doel.reglement)?;
    let request = request(&args.doel, false)?;
    super::rank::check(&plan, &request)?;
    let batch = load_candidates(&args.doel.kandidaten, args.doel.invoer_formaat)?;
    let prepared = super::rank::prepare(&plan, &request, &args.doel, &batch)?;
    let ranked = engine::rank_batch(&prepared, &batch);
    let Some(trace) = ranked.trace(&args.dossier) else {
        report_input(&ranked);
        return Err(Failure::usage(format!(
            "dossier '{}' staat niet in {}",
            args.dossier.trim(),
            batch.bestand
        )));
    };
    let text = match args.formaat {
        ExplainFormat::Tekst => trace.render(),
        ExplainFormat::Json => {
            let mut s = serde_json::to_string_pretty(&trace).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    write_out(None, &text)?;
    Ok(ExitCode::Ok)
}
