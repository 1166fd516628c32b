//! `reglement uitleg CODE`: what a diagnostic code means, why the rule
//! exists and what to do (as `ruff rule` does), from the catalogue and the
//! domain documentation.

use super::{CmdResult, ExitCode, Failure};
use crate::diagnostic::explanation;
use clap::Parser;

#[derive(Debug, Parser)]
pub struct Args {
    /// De code van een melding, bv. R0102.
    #[arg(value_name = "CODE")]
    pub code: String,
}

pub fn run(args: Args) -> CmdResult {
    match explanation::explain(
        &args.code,
        &crate::params::for_date(None).catalogue_values(),
    ) {
        Some(text) => {
            super::output::write_out(None, &text)?;
            Ok(ExitCode::Ok)
        }
        None => {
            let suggestion = explanation::closest(&args.code)
                .map(|c| format!(" Bedoelt u {c}?"))
                .unwrap_or_default();
            Err(Failure::usage(format!(
                "'{}' is geen code van een melding.{suggestion} 'reglement codes' toont ze alle.",
                args.code.trim()
            )))
        }
    }
}
