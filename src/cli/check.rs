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
    /// Een kandidatenbestand (CSV of JSON): toon per criterium van de drempel van pijler 2 hoeveel kandidaten enkel daardoor uitgesloten worden (zie R0245).
    #[arg(long, value_name = "BESTAND")]
    kandidaten: Option<PathBuf>,
    /// De peildatum voor --kandidaten (JJJJ-MM-DD); standaard de geldigheidsdatum van het reglement.
    #[arg(long, value_name = "DATUM", value_parser = parse_date)]
    peildatum: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::engine::fields::parse_day(s.trim().as_bytes())
        .map(crate::engine::fields::to_date)
        .map_err(|e| format!("verwacht {}", e.verwacht))
}

/// The threshold's effect on a candidates file, for a reglement that
/// compiles; nothing when it does not (its errors are shown already).
fn threshold_effect(
    analysis: &crate::Analysis,
    kandidaten: &std::path::Path,
    peildatum: Option<chrono::NaiveDate>,
) -> Result<String, super::Failure> {
    let Ok(plan) = crate::plan::compile(analysis) else {
        return Ok(String::new());
    };
    let Some(peildatum) = peildatum.or(analysis.model.valid_from()) else {
        return Err(super::Failure::usage(
            "geef --peildatum: het reglement vermeldt geen geldigheidsdatum".to_string(),
        ));
    };
    let batch = super::inputs::load_candidates(kandidaten, None)?;
    let effects = crate::impact::threshold_effects(&plan, &batch, peildatum)
        .map_err(|e| super::Failure::usage(e.to_string()))?;
    Ok(crate::impact::render_threshold_effects(
        &batch.bestand,
        batch.read_count(),
        &effects,
    ))
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
                if let Some(k) = &args.kandidaten {
                    text.push_str(&threshold_effect(&analysis, k, args.peildatum)?);
                }
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
